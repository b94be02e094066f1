-- c21_employment_rate_15_64: census 2021 employed residents aged 15-64 / (labour force + inactive) x 100,
-- i.e. over all residents aged 15-64 counted by the census table, per municipality, 1 January 2021.
INSERT INTO observations (indicator_id, geo_code, period, ref_date, breakdown, breakdown_value, value, status, source_id)
SELECT 'c21_employment_rate_15_64', e.geo_code, e.period, e.ref_date, 'total', 'total',
       e.value / (lf.value + ina.value) * 100, NULL, 'derived'
FROM observations e
JOIN observations lf ON lf.geo_code = e.geo_code AND lf.period = e.period AND lf.indicator_id = 'c21_labour_force_15_64'
JOIN observations ina ON ina.geo_code = e.geo_code AND ina.period = e.period AND ina.indicator_id = 'c21_inactive_15_64'
WHERE e.indicator_id = 'c21_employed_15_64' AND lf.value + ina.value > 0;
