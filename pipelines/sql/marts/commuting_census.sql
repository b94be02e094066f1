-- Census 2011 commuting per area, one row per area and period: jobs located in the area, employed
-- residents, in/out-commuters, their shares, and the jobs held by residents. The pivot every
-- commuting chart and card reads (Paradox, Pendel, the public summary).
SELECT geo_code, period,
       max(value) FILTER (WHERE indicator_id = 'employed_at_workplace') AS jobs,
       max(value) FILTER (WHERE indicator_id = 'employed_residents') AS employed_residents,
       max(value) FILTER (WHERE indicator_id = 'in_commuters') AS in_commuters,
       max(value) FILTER (WHERE indicator_id = 'out_commuters') AS out_commuters,
       max(value) FILTER (WHERE indicator_id = 'in_commuter_share') AS in_commuter_share,
       max(value) FILTER (WHERE indicator_id = 'out_commuter_share') AS out_commuter_share,
       jobs - in_commuters AS residents,
       100 - in_commuter_share AS resident_share
FROM observations
WHERE indicator_id IN ('employed_at_workplace', 'employed_residents', 'in_commuters', 'out_commuters',
                       'in_commuter_share', 'out_commuter_share')
  AND breakdown = 'total'
GROUP BY geo_code, period
