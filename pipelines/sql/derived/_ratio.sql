-- The ratio shape most derived indicators share (pipelines/derived.py, `Ratio`): the numerator's
-- total per area and period over the denominator's chosen category (total, or e.g. age_band 15-64)
-- of the same area and period, times $per. $add_numerator divides by numerator + denominator instead
-- (a share of a sum of two counts); $period, when set, keeps one period. Only where both values are
-- present and the divisor is above 0.
INSERT INTO observations (indicator_id, geo_code, period, ref_date, breakdown, breakdown_value, value, status, source_id)
SELECT $indicator, n.geo_code, n.period, n.ref_date, 'total', 'total',
       n.value / (d.value + CASE WHEN $add_numerator THEN n.value ELSE 0 END) * $per, NULL, 'derived'
FROM observations n
JOIN observations d
  ON d.geo_code = n.geo_code AND d.period = n.period AND d.indicator_id = $denominator
 AND d.breakdown = $den_breakdown AND d.breakdown_value = $den_value
WHERE n.indicator_id = $numerator AND n.breakdown = 'total' AND n.value IS NOT NULL
  AND ($period IS NULL OR n.period = $period)
  AND d.value + CASE WHEN $add_numerator THEN n.value ELSE 0 END > 0;
