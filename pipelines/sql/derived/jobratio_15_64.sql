-- jobratio_15_64: jobs_at_workplace per 100 inhabitants aged 15-64 (Eurostat demo_r_pjangrp3, sum of
-- the five-year bands), same area and year. Only computed where both are loaded (live fetch of
-- eurostat_demo_r_pjangrp3); empty in an offline build.
INSERT INTO observations (indicator_id, geo_code, period, ref_date, breakdown, breakdown_value, value, status, source_id)
SELECT 'jobratio_15_64', j.geo_code, j.period, j.ref_date, 'total', 'total',
       j.value / p.value * 100, NULL, 'derived'
FROM observations j
JOIN observations p
  ON p.geo_code = j.geo_code AND p.period = j.period
 AND p.indicator_id = 'population_15_64_nuts3' AND p.breakdown = 'total'
WHERE j.indicator_id = 'jobs_at_workplace' AND j.breakdown = 'total'
  AND j.value IS NOT NULL AND p.value > 0;
