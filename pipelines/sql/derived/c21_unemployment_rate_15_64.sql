-- c21_unemployment_rate_15_64: census 2021 unemployed residents aged 15-64 / labour force 15-64 x 100,
-- per municipality, 1 January 2021.
INSERT INTO observations (indicator_id, geo_code, period, ref_date, breakdown, breakdown_value, value, status, source_id)
SELECT 'c21_unemployment_rate_15_64', u.geo_code, u.period, u.ref_date, 'total', 'total',
       u.value / lf.value * 100, NULL, 'derived'
FROM observations u
JOIN observations lf ON lf.geo_code = u.geo_code AND lf.period = u.period AND lf.indicator_id = 'c21_labour_force_15_64'
WHERE u.indicator_id = 'c21_unemployed_15_64' AND lf.value > 0;
