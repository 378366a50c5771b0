-- 2.5M synthetic assignment_outcomes rows for timing the report queries (docs/PERFORMANCE.md).
-- Run on a database made by `credo migrate`: sqlite3 FILE < scripts/perf/report-outcomes-sqlite.sql
PRAGMA journal_mode=WAL;
PRAGMA synchronous=OFF;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i+1 FROM n WHERE i < 2499999)
INSERT INTO assignment_outcomes
SELECT '2025-2026',
  'S|' || i || '|k',
  'S|' || (i / 1) ,
  printf('%02d%05d%07d', 1 + (i/250) % 58, (i/250) / 10, (i/250)),
  printf('%02d%05d', 1 + (i/250) % 58, (i/250) / 10),
  printf('%010d', 1000000000 + (i*7919) % 300000),
  'L', 'C' || (i % 40), '' || (i % 9), 'FY',
  CASE WHEN i % 10 = 9 THEN '' ELSE printf('%04d', 9000 + (i % 300)) END,
  CASE WHEN i % 10 = 9 THEN '0400' ELSE '' END,
  CASE WHEN i % 100 = 0 THEN 'vacancy' WHEN i % 25 = 1 THEN 'not_monitored' WHEN i % 5 = 2 THEN 'exception' ELSE 'authorized' END,
  CASE WHEN i % 5 = 2 AND i % 100 <> 0 AND i % 25 <> 1 THEN (CASE i % 3 WHEN 0 THEN 'course' WHEN 1 THEN 'english_learner' ELSE 'special_education' END) ELSE '' END,
  '', '', 'rule', 'EC', CASE WHEN i % 5 = 2 THEN 'ineffective' ELSE 'clear' END, 'explanation text', 0.2, 'fp',
  X'00', X'00', NULL
FROM n;
COMMIT;
