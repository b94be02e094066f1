-- jobs_per_100_inhabitants: jobs_at_workplace (Eurostat, persons employed at the place of work)
-- per 100 inhabitants of ALL ages (statbel_origin `population`, 1 January of the same year).
-- Inhabitants of an area = sum over the municipalities of that year whose NIS code starts with the
-- arrondissement's two digits (REFNIS: a municipality code begins with its arrondissement's), rolled
-- up to provinces, regions and Belgium along geographies.parent_code. An area-year is only computed
-- when every municipality of the year has a population value.
INSERT INTO observations (indicator_id, geo_code, period, ref_date, breakdown, breakdown_value, value, status, source_id)
WITH RECURSIVE up(arr, geo) AS (
    SELECT geo_code, geo_code FROM geographies WHERE level = 'arrondissement'
    UNION ALL
    SELECT up.arr, g.parent_code
    FROM up JOIN geographies g ON g.geo_code = up.geo
    WHERE g.parent_code IS NOT NULL AND g.parent_code <> ''
),
municipal AS (
    SELECT substr(o.geo_code, 1, 2) || '000' AS arr, o.period, o.value
    FROM observations o JOIN geographies g USING (geo_code)
    WHERE o.indicator_id = 'population' AND o.breakdown = 'total' AND g.level = 'municipality'
),
inhabitants AS (
    SELECT up.geo AS geo_code, m.period, sum(m.value) AS inhabitants, count(*) = count(m.value) AS complete
    FROM municipal m JOIN up ON up.arr = m.arr
    GROUP BY up.geo, m.period
),
jobs AS (
    SELECT geo_code, period, ref_date, value
    FROM observations
    WHERE indicator_id = 'jobs_at_workplace' AND breakdown = 'total' AND value IS NOT NULL
)
SELECT 'jobs_per_100_inhabitants', j.geo_code, j.period, j.ref_date, 'total', 'total',
       j.value / i.inhabitants * 100, NULL, 'derived'
FROM jobs j JOIN inhabitants i USING (geo_code, period)
WHERE i.complete AND i.inhabitants > 0;
