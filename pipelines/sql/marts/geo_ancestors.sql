-- Every area with itself (depth 0) and each larger area above it (depth 1 = its parent, ...):
-- the chain a page walks up to show the nearest larger area's figure, named as such, where an
-- area has none of its own (jobs and commuting per arrondissement, the census by province).
WITH RECURSIVE chain(geo_code, ancestor_code, depth) AS (
    SELECT geo_code, geo_code, 0 FROM geographies
    UNION ALL
    SELECT c.geo_code, g.parent_code, c.depth + 1
    FROM chain c JOIN geographies g ON g.geo_code = c.ancestor_code
    WHERE g.parent_code IS NOT NULL AND g.parent_code <> g.geo_code AND c.depth < 7
)
SELECT geo_code, ancestor_code, depth FROM chain
