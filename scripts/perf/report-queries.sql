-- The statements MonitoringReportRepository sends (unlimited scope, then one county), for sqlite3;
-- for psql drop the dot commands and use \timing.
.timer on
.output /dev/null
-- findingCounts (1)
SELECT f.cds_code, f.status, f.exception_type, COUNT(*) AS n FROM (SELECT o.cds_code, o.reporting_lea, o.seid, o.assignment_key, o.assignment_code, o.status, o.exception_type, CAST('' AS TEXT) AS determination FROM assignment_outcomes o WHERE o.academic_year = '2025-2026' AND o.resolved_run_id IS NULL) f GROUP BY f.cds_code, f.status, f.exception_type;
-- findingCounts (2)
SELECT f.cds_code, COUNT(DISTINCT f.assignment_key) AS n FROM (SELECT o.cds_code, o.reporting_lea, o.seid, o.assignment_key, o.assignment_code, o.status, o.exception_type, CAST('' AS TEXT) AS determination FROM assignment_outcomes o WHERE o.academic_year = '2025-2026' AND o.resolved_run_id IS NULL) f GROUP BY f.cds_code;
-- williams
SELECT f.cds_code, COUNT(DISTINCT f.assignment_key) AS assignments, COUNT(DISTINCT CASE WHEN f.status = 'exception' AND f.assignment_code = '' THEN f.assignment_key END) AS misassigned, COUNT(DISTINCT CASE WHEN f.status = 'exception' AND f.assignment_code = '' AND f.exception_type IN ('english_learner', 'bilingual') THEN f.assignment_key END) AS el, COUNT(DISTINCT CASE WHEN f.status = 'exception' AND f.assignment_code <> '' THEN f.assignment_key END) AS services, COUNT(DISTINCT CASE WHEN f.status = 'vacancy' THEN f.assignment_key END) AS vacancies, COUNT(DISTINCT CASE WHEN f.status = 'exception' AND f.assignment_code = '' THEN f.seid END) AS teachers FROM (SELECT o.cds_code, o.reporting_lea, o.seid, o.assignment_key, o.assignment_code, o.status, o.exception_type, CAST('' AS TEXT) AS determination FROM assignment_outcomes o WHERE o.academic_year = '2025-2026' AND o.resolved_run_id IS NULL) f GROUP BY f.cds_code ORDER BY f.cds_code;
-- williams, one county in scope
SELECT f.cds_code, COUNT(DISTINCT f.assignment_key) AS assignments, COUNT(DISTINCT CASE WHEN f.status = 'exception' AND f.assignment_code = '' THEN f.assignment_key END) AS misassigned FROM (SELECT o.cds_code, o.reporting_lea, o.seid, o.assignment_key, o.assignment_code, o.status, o.exception_type, CAST('' AS TEXT) AS determination FROM assignment_outcomes o WHERE o.academic_year = '2025-2026' AND o.resolved_run_id IS NULL AND (substr(o.cds_code, 1, 2) IN ('34'))) f GROUP BY f.cds_code ORDER BY f.cds_code;
-- tamo sections
SELECT o.cds_code, o.seid, o.state_course_code, o.tamo_outcome, COUNT(DISTINCT o.assignment_key) AS n FROM assignment_outcomes o WHERE o.academic_year = '2025-2026' AND o.resolved_run_id IS NULL AND o.assignment_code = '' GROUP BY o.cds_code, o.seid, o.state_course_code, o.tamo_outcome ORDER BY o.cds_code, o.seid, o.state_course_code, o.tamo_outcome;
