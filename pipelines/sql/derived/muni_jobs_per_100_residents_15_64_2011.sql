-- muni_jobs_per_100_residents_15_64_2011: census 2011 employed persons by place of work per 100 inhabitants
-- aged 15-64 on 1 January 2011 (statbel_pop_struct `working_age_population`, band 15-64). Only where that
-- age denominator is loaded (Gent, Antwerpen, Genk, Oostende).
INSERT INTO observations (indicator_id, geo_code, period, ref_date, breakdown, breakdown_value, value, status, source_id)
SELECT 'muni_jobs_per_100_residents_15_64_2011', j.geo_code, j.period, j.ref_date, 'total', 'total',
       j.value / p.value * 100, NULL, 'derived'
FROM observations j
JOIN observations p
  ON p.geo_code = j.geo_code AND p.period = j.period
 AND p.indicator_id = 'working_age_population' AND p.breakdown = 'age_band' AND p.breakdown_value = '15-64'
WHERE j.indicator_id = 'muni_jobs_at_workplace' AND j.breakdown = 'total' AND j.period = '2011'
  AND j.value IS NOT NULL AND p.value > 0;
