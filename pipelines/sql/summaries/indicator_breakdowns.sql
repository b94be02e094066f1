-- Per indicator: every breakdown category it has rows for, and whether any holds a value
-- (the breakdown pickers of the Kaart and Indicatoren pages).
SELECT indicator_id, breakdown, breakdown_value, bool_or(value IS NOT NULL) AS has_value
FROM observations
GROUP BY indicator_id, breakdown, breakdown_value
