-- muni_in_commuter_share: in-commuters / (live-and-work + in-commuters) x 100, census 2011, from the
-- commuting columns only (they leave out ~4 % of workers, so twtot is not the denominator).
INSERT INTO observations (indicator_id, geo_code, period, ref_date, breakdown, breakdown_value, value, status, source_id)
SELECT 'muni_in_commuter_share', i.geo_code, i.period, i.ref_date, 'total', 'total',
       i.value / (i.value + s.value) * 100, NULL, 'derived'
FROM observations i
JOIN observations s
  ON s.geo_code = i.geo_code AND s.period = i.period AND s.indicator_id = 'muni_live_and_work'
WHERE i.indicator_id = 'muni_in_commuters' AND i.value IS NOT NULL AND s.value IS NOT NULL
  AND i.value + s.value > 0;
