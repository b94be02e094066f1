-- Per source: period range and rows (the Bronnen page).
SELECT s.source_id, min(o.period) AS first_period, max(o.period) AS last_period, count(o.source_id) AS n_rows
FROM sources s LEFT JOIN observations o USING (source_id)
GROUP BY s.source_id
