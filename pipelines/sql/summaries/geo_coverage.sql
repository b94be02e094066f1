-- Per indicator x area: how many values, and the latest total (the Kaart page's indicator list,
-- the policy pages' catalogue, the area pickers). One row per pair that has any row.
SELECT indicator_id, geo_code,
       count(value) AS n_values,
       max(period) FILTER (WHERE breakdown = 'total' AND value IS NOT NULL) AS last_total_period,
       arg_max(value, period) FILTER (WHERE breakdown = 'total' AND value IS NOT NULL) AS last_total_value
FROM observations
GROUP BY indicator_id, geo_code
