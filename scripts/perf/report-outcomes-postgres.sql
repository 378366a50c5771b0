-- The same rows for PostgreSQL: psql URL -f scripts/perf/report-outcomes-postgres.sql
INSERT INTO assignment_outcomes
SELECT '2025-2026', 'S|' || i || '|k', 'S|' || i,
  lpad((1 + (i/250) % 58)::text, 2, '0') || lpad(((i/250) / 10)::text, 5, '0') || lpad((i/250)::text, 7, '0'),
  lpad((1 + (i/250) % 58)::text, 2, '0') || lpad(((i/250) / 10)::text, 5, '0'),
  (1000000000 + (i::bigint*7919) % 300000)::text,
  'L', 'C' || (i % 40), '' || (i % 9), 'FY',
  CASE WHEN i % 10 = 9 THEN '' ELSE (9000 + (i % 300))::text END,
  CASE WHEN i % 10 = 9 THEN '0400' ELSE '' END,
  CASE WHEN i % 100 = 0 THEN 'vacancy' WHEN i % 25 = 1 THEN 'not_monitored' WHEN i % 5 = 2 THEN 'exception' ELSE 'authorized' END,
  CASE WHEN i % 5 = 2 AND i % 100 <> 0 AND i % 25 <> 1 THEN (CASE i % 3 WHEN 0 THEN 'course' WHEN 1 THEN 'english_learner' ELSE 'special_education' END) ELSE '' END,
  '', '', 'rule', 'EC', CASE WHEN i % 5 = 2 THEN 'ineffective' ELSE 'clear' END, 'explanation text', 0.2, 'fp',
  gen_random_uuid(), gen_random_uuid(), NULL
FROM generate_series(0, 2499999) AS i;
ANALYZE assignment_outcomes;
