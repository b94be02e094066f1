-- var_in_commuter_share: in-commuting employees as % of all employees working in the municipality, both
-- from the same VAR commuting table (employees only), per municipality, year and breakdown. Suppressed
-- numerators or denominators give no share (never a share of 0).
INSERT INTO observations (indicator_id, geo_code, period, ref_date, breakdown, breakdown_value, value, status, source_id)
SELECT 'var_in_commuter_share', i.geo_code, i.period, i.ref_date, i.breakdown, i.breakdown_value,
       i.value / t.value * 100, NULL, 'derived'
FROM observations i
JOIN observations t
  ON t.geo_code = i.geo_code AND t.period = i.period AND t.breakdown = i.breakdown
 AND t.breakdown_value = i.breakdown_value AND t.indicator_id = 'var_employees_at_workplace'
WHERE i.indicator_id = 'var_in_commuters' AND i.value IS NOT NULL AND t.value > 0;
