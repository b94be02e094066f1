-- muni_out_commuter_share: out-commuters / (live-and-work + out-commuters) x 100, census 2011: the share of
-- employed residents (commuting within Belgium) who work in another municipality.
INSERT INTO observations (indicator_id, geo_code, period, ref_date, breakdown, breakdown_value, value, status, source_id)
SELECT 'muni_out_commuter_share', o.geo_code, o.period, o.ref_date, 'total', 'total',
       o.value / (o.value + s.value) * 100, NULL, 'derived'
FROM observations o
JOIN observations s
  ON s.geo_code = o.geo_code AND s.period = o.period AND s.indicator_id = 'muni_live_and_work'
WHERE o.indicator_id = 'muni_out_commuters' AND o.value IS NOT NULL AND s.value IS NOT NULL
  AND o.value + s.value > 0;
