-- Per indicator: period range and row counts (the Bronnen and Indicatoren pages, coverage_history).
SELECT i.indicator_id, min(o.period) AS first_period, max(o.period) AS last_period,
       count(o.indicator_id) AS n_rows, count(o.value) AS n_values, count(DISTINCT o.geo_code) AS n_geos
FROM indicators i LEFT JOIN observations o USING (indicator_id)
GROUP BY i.indicator_id
