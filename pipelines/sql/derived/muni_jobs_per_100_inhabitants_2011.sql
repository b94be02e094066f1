-- muni_jobs_per_100_inhabitants_2011: census 2011 employed persons by place of work per municipality
-- (census2011_municipal_commuting, pre-2019 codes) per 100 inhabitants of all ages on 1 January 2011
-- (statbel_origin `population`, same codes). Both refer to 1 January 2011.
INSERT INTO observations (indicator_id, geo_code, period, ref_date, breakdown, breakdown_value, value, status, source_id)
SELECT 'muni_jobs_per_100_inhabitants_2011', j.geo_code, j.period, j.ref_date, 'total', 'total',
       j.value / p.value * 100, NULL, 'derived'
FROM observations j
JOIN observations p
  ON p.geo_code = j.geo_code AND p.period = j.period
 AND p.indicator_id = 'population' AND p.breakdown = 'total'
WHERE j.indicator_id = 'muni_jobs_at_workplace' AND j.breakdown = 'total' AND j.period = '2011'
  AND j.value IS NOT NULL AND p.value > 0;
