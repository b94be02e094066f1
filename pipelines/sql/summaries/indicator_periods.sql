-- Per indicator: every period it has rows for, and whether any of them holds a value
-- (year pickers, the meeting brief's "what was loaded").
SELECT indicator_id, period, bool_or(value IS NOT NULL) AS has_value
FROM observations
GROUP BY indicator_id, period
