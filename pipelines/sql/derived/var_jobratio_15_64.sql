-- var_jobratio_15_64: persons employed at the place of work aged 15-64 (Steunpunt Werk VAR, annual
-- average; the VAR's headline rows are the 15-64 band) per 100 residents aged 15-64 on 1 January of the
-- same year (statbel_pop_struct working_age_population, age_band 15-64), same municipality (2025 codes).
-- Only where both are loaded and the population is positive; suppressed VAR cells give no ratio.
INSERT INTO observations (indicator_id, geo_code, period, ref_date, breakdown, breakdown_value, value, status, source_id)
SELECT 'var_jobratio_15_64', j.geo_code, j.period, j.ref_date, 'total', 'total',
       j.value / p.value * 100, NULL, 'derived'
FROM observations j
JOIN observations p
  ON p.geo_code = j.geo_code AND p.period = j.period
 AND p.indicator_id = 'working_age_population' AND p.breakdown = 'age_band' AND p.breakdown_value = '15-64'
WHERE j.indicator_id = 'var_jobs_at_workplace' AND j.breakdown = 'total'
  AND j.value IS NOT NULL AND p.value > 0;
