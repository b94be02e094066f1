"""Queries for the analysis pages (paradox, werkzoekenden, vacatures, pendel, kaart).

Parameterised SQL against the warehouse, each returning a DataFrame or a small dict. Indicators that
another source may or may not have loaded yet (jobs at the place of work, tension) are looked up by
id and simply come back empty when absent, so a page can say "no data" instead of failing.
"""

from __future__ import annotations

import pandas as pd

from dashboard.queries import ANTWERPEN
from dashboard.queries import FLANDERS
from dashboard.queries import GENK
from dashboard.queries import OOSTENDE
from dashboard.queries import PEER_CITIES
from dashboard.queries import indicator
from dashboard.queries import lang_suffix
from dashboard.queries import series

DEFAULT_COMPARE = [ANTWERPEN, GENK, OOSTENDE, FLANDERS]

# Indicators other sources add; the pages show them when present.
JOBRATIO = "jobratio_15_64"  # jobs per 100 inhabitants aged 15-64: the Stadsmonitor definition
JOBS_PER_100 = "jobs_per_100_inhabitants"  # all ages: lower, not the jobratio
JOBS_AT_WORKPLACE = "jobs_at_workplace"
# Steunpunt Werk's Vlaamse Arbeidsrekening (live-only source steunpunt_werk_var): recent, per municipality.
# Preferred over the census 2011 and the arrondissement series wherever it is loaded.
VAR_JOBS = "var_jobs_at_workplace"
VAR_JOBRATIO = "var_jobratio_15_64"
VAR_IN_SHARE = "var_in_commuter_share"
TENSION = "jobseekers_per_open_vacancy"
CENSUS_UNEMPLOYMENT = "census_unemployment_rate"
PUBLISHED_GROUP_SHARE = "pub_vdab_jobseeker_group_share"  # shares of groups as VDAB published them

# Over-representation: job-seeker categories and the population categories that match them.
# (group, job-seeker categories, population categories); shares are within the categorised total.
OVERREP = {
    "origin": {
        "jobseekers": "jobseekers_wzw", "population": "population", "pop_breakdown": "origin",
        "groups": [("belgian", ["belgian"], ["belgian"]),
                   ("eu", ["eu_excl_belgian"], ["neighbouring", "eu_other"]),
                   ("non_eu", ["non_eu"], ["non_eu"])],
    },
    "nationality": {
        "jobseekers": "jobseekers_wzw", "population": "population_nationality", "pop_breakdown": "nationality",
        "groups": [("belgian", ["belgian"], ["belgian"]),
                   ("non_belgian", ["eu_excl_belgian", "non_eu"], ["foreign"])],
    },
}

MUNICIPALITY_VINTAGES = ("municipalities_2025", "municipalities_2024")


def compare_with_data(con, indicators: list[str], candidates=None) -> list[str]:
    """The default comparison areas that have a value for every one of `indicators`, so a page never
    opens on "no data for Vlaams Gewest" (a user can still add any area)."""
    candidates = list(candidates or DEFAULT_COMPARE)
    rows = con.execute(
        "SELECT geo_code FROM geo_coverage WHERE list_contains(?, indicator_id) AND list_contains(?, geo_code) "
        "AND n_values > 0 GROUP BY geo_code HAVING count(DISTINCT indicator_id) = ?",
        [list(indicators), candidates, len(set(indicators))],
    ).fetchall()
    have = {r[0] for r in rows}
    return [c for c in candidates if c in have]


def has_data(con, indicator_id: str) -> bool:
    row = con.execute("SELECT n_values FROM indicator_coverage WHERE indicator_id = ?", [indicator_id]).fetchone()
    return bool(row and row[0])


def meta_or_none(con, indicator_id: str, lang: str = "nl") -> dict | None:
    """Indicator metadata joined with its source, or None when the warehouse does not have it."""
    try:
        return indicator(con, indicator_id, lang)
    except KeyError:
        return None


def area_options(con, lang: str = "nl") -> pd.DataFrame:
    """Areas a page can focus on: Flemish municipalities with job-seeker or vacancy data, and the Flemish Region.

    Peer cities first, then Flanders, then alphabetical, so the first options are the ones people use.
    """
    s = lang_suffix(lang)
    df = con.execute(
        f"""
        SELECT g.geo_code, coalesce(g.name_{s}, g.name_nl) AS geo_name, g.level
        FROM geographies g
        WHERE g.geo_code IN (
            SELECT geo_code FROM geo_coverage
            WHERE indicator_id IN ('jobseeker_rate', 'vacancies_received') AND n_values > 0
        ) OR g.geo_code = ?
        """,
        [FLANDERS],
    ).df()
    order = {code: i for i, code in enumerate([*PEER_CITIES, FLANDERS])}
    df["rank"] = [order.get(c, 99) for c in df["geo_code"]]
    return df.sort_values(["rank", "geo_name"]).drop(columns="rank").reset_index(drop=True)


def years(con, indicator_ids: list[str]) -> list[str]:
    """Years in which any of the indicators has a value."""
    rows = con.execute(
        "SELECT DISTINCT period FROM indicator_periods WHERE list_contains(?, indicator_id) AND has_value "
        "AND length(period) = 4 ORDER BY 1",
        [list(indicator_ids)],
    ).fetchall()
    return [r[0] for r in rows]


def headline(
    con, indicator_id: str, geo: str, *, period_to: str | None = None, breakdown: str = "total",
    breakdown_value: str = "total",
) -> dict | None:
    """Latest value up to `period_to` and the one before it, for a metric card with its change."""
    return headlines(con, [indicator_id], geo, period_to=period_to, breakdown=breakdown,
                     breakdown_value=breakdown_value)[indicator_id]


def headlines(
    con, indicator_ids: list[str], geo: str, *, period_to: str | None = None, breakdown: str = "total",
    breakdown_value: str = "total",
) -> dict[str, dict | None]:
    """`headline` for a row of metric cards, in one query."""
    rows = con.execute(
        """
        SELECT indicator_id, period, value FROM (
            SELECT indicator_id, period, value,
                   row_number() OVER (PARTITION BY indicator_id ORDER BY period DESC) AS rn
            FROM observations
            WHERE list_contains(?, indicator_id) AND geo_code = ? AND breakdown = ? AND breakdown_value = ?
              AND value IS NOT NULL AND (? IS NULL OR period <= ?)
        ) WHERE rn <= 2
        ORDER BY indicator_id, rn
        """,
        [list(indicator_ids), geo, breakdown, breakdown_value, period_to, period_to],
    ).fetchall()
    out: dict[str, dict | None] = {ind: None for ind in indicator_ids}
    for ind, period, value in rows:
        if out[ind] is None:
            out[ind] = {"period": period, "value": value, "prev_period": None, "prev_value": None}
        else:
            out[ind].update(prev_period=period, prev_value=value)
    return out


def parents(con, geos: list[str], lang: str = "nl") -> pd.DataFrame:
    """Each area with its arrondissement (itself for arrondissements, regions and Belgium)."""
    s = lang_suffix(lang)
    return con.execute(
        f"""
        SELECT g.geo_code, coalesce(g.name_{s}, g.name_nl) AS geo_name, g.level,
               CASE WHEN g.level = 'municipality' THEN g.parent_code
                    WHEN g.level = 'wijk' THEN p.parent_code ELSE g.geo_code END AS arr_code
        FROM geographies g LEFT JOIN geographies p ON p.geo_code = g.parent_code
        WHERE list_contains(?, g.geo_code)
        ORDER BY list_position(?, g.geo_code)
        """,
        [list(geos), list(geos)],
    ).df()


def latest_at_or_above(
    con, indicator_id: str, geos: list[str], *, period_to: str | None = None, lang: str = "nl",
    breakdown: str = "total",
) -> pd.DataFrame:
    """Latest value per area; where the area has none, the value of the nearest larger area, named as such.

    Why: jobs and commuting are published per arrondissement, the census by province, job seekers per
    municipality. The row keeps `geo_code` (what was asked) and `used_code`/`geo_name` (what is shown),
    so a chart never labels an arrondissement figure with a city's name. One query for all areas
    (up the `geo_ancestors` mart the build materialises), so a page with many areas makes one round trip.
    """
    s = lang_suffix(lang)
    columns = ["geo_code", "used_code", "geo_name", "period", "breakdown_value", "breakdown_label", "value"]
    if not geos:
        return pd.DataFrame(columns=columns)
    return con.execute(
        f"""
        WITH chain AS (
            SELECT a.geo_code AS req, a.ancestor_code AS used, a.depth FROM geo_ancestors a
            WHERE list_contains(?, a.geo_code)
        ),
        hits AS (
            SELECT c.req, c.used, c.depth, max(o.period) AS period
            FROM chain c JOIN observations o ON o.geo_code = c.used
            WHERE o.indicator_id = ? AND o.breakdown = ? AND o.value IS NOT NULL AND (? IS NULL OR o.period <= ?)
              AND o.geo_code IN (SELECT used FROM chain)
            GROUP BY ALL
        ),
        best AS (SELECT req, arg_min(used, depth) AS used, arg_min(period, depth) AS period FROM hits GROUP BY req)
        SELECT b.req AS geo_code, b.used AS used_code, coalesce(g.name_{s}, g.name_nl) AS geo_name, b.period,
               o.breakdown_value, coalesce(bd.label_{s}, o.breakdown_value) AS breakdown_label, o.value
        FROM best b JOIN geographies g ON g.geo_code = b.used
        JOIN observations o ON o.geo_code = b.used AND o.period = b.period
        LEFT JOIN breakdowns bd ON bd.breakdown = o.breakdown AND bd.breakdown_value = o.breakdown_value
        WHERE o.indicator_id = ? AND o.breakdown = ?
        ORDER BY list_position(?, b.req), coalesce(bd.sort_order, 0), o.breakdown_value
        """,
        [list(geos), indicator_id, breakdown, period_to, period_to, indicator_id, breakdown, list(geos)],
    ).df()[columns]


def latest_values(con, indicator_id: str, geos: list[str], *, period_to: str | None = None,
                  lang: str = "nl") -> pd.DataFrame:
    """Latest total value up to `period_to` for each area that has one (no fallback to a larger area)."""
    s = lang_suffix(lang)
    return con.execute(
        f"""
        SELECT o.geo_code, o.geo_code AS used_code, coalesce(g.name_{s}, g.name_nl) AS geo_name,
               max(o.period) AS period, arg_max(o.value, o.period) AS value
        FROM observations o JOIN geographies g USING (geo_code)
        WHERE o.indicator_id = ? AND list_contains(?, o.geo_code) AND o.breakdown = 'total'
          AND o.value IS NOT NULL AND (? IS NULL OR o.period <= ?)
        GROUP BY 1, 2, 3 ORDER BY list_position(?, o.geo_code)
        """,
        [indicator_id, list(geos), period_to, period_to, list(geos)],
    ).df()


def trend(
    con, indicator_id: str, areas: list[str], *, period_from: str | None = None, period_to: str | None = None,
    lang: str = "nl",
) -> pd.DataFrame:
    """An indicator's totals over time for the areas, rows with a value only: a trend chart and its table."""
    df = series(con, indicator_id, areas, lang=lang, period_from=period_from, period_to=period_to)
    return df[df["value"].notna()]


def areas_without(df: pd.DataFrame, areas: list[str]) -> list[str]:
    """The areas asked for that have no row in `df`, in order (a note under the chart names them)."""
    have = set(df["geo_code"])
    return [c for c in areas if c not in have]


def breakdown_series(
    con, indicator_id: str, geo: str, breakdown: str, *, period_from: str | None = None,
    period_to: str | None = None, lang: str = "nl",
) -> pd.DataFrame:
    """One area's categories of one breakdown over time (e.g. Gent's job seekers by origin)."""
    return series(con, indicator_id, [geo], breakdown=breakdown, lang=lang, period_from=period_from,
                  period_to=period_to)


def breakdowns_available(con, indicator_id: str, geo: str) -> list[str]:
    rows = con.execute(
        "SELECT DISTINCT breakdown FROM observations WHERE indicator_id = ? AND geo_code = ? AND breakdown <> 'total' "
        "AND value IS NOT NULL ORDER BY 1",
        [indicator_id, geo],
    ).fetchall()
    return [r[0] for r in rows]


def overrepresentation(
    con, geos: list[str], dimension: str = "origin", *, period_to: str | None = None, lang: str = "nl",
    all_years: bool = False, by_group: bool = False,
) -> pd.DataFrame:
    """Share of each group among job seekers (31/12 of year Y) beside its share among residents.

    The population reference is 1 January of Y+1 (the closest date after the job-seeker count) when
    published, else 1 January of Y; both dates are returned so the chart can state them. Shares are
    computed within the categorised total of each side; a hidden category makes the year drop out
    rather than produce a wrong share. A group is shown only when all its categories are published
    on both sides. One query (sql: group sums and the year matching), so the page stays fast at any scale.
    """
    spec = OVERREP[dimension]
    s = lang_suffix(lang)
    # By group then area (each group's cities together, as the chart reads), else by area.
    order = ("grp.ord, list_position($geos, c.geo_code), c.js_period DESC" if by_group
             else "list_position($geos, c.geo_code), c.js_period DESC, grp.ord")
    groups = [{"ord": i, "grp": g, "js_cats": list(jc), "pop_cats": list(pc)}
              for i, (g, jc, pc) in enumerate(spec["groups"])]
    return con.execute(
        f"""
        WITH js AS (
            SELECT geo_code, period, ref_date, breakdown_value AS cat, value FROM observations
            WHERE indicator_id = $js AND breakdown = $dim AND list_contains($geos, geo_code)
              AND ($period_to IS NULL OR period <= $period_to)
        ),
        pop AS (
            SELECT geo_code, period, ref_date, breakdown_value AS cat, value FROM observations
            WHERE indicator_id = $pop AND breakdown = $pop_dim AND list_contains($geos, geo_code)
        ),
        js_y AS (  -- complete years only: every category has a value
            SELECT geo_code, period, min(ref_date) AS ref_date, sum(value) AS total
            FROM js GROUP BY geo_code, period HAVING bool_and(value IS NOT NULL)
        ),
        pop_y AS (
            SELECT geo_code, period, min(ref_date) AS ref_date, sum(value) AS total
            FROM pop GROUP BY geo_code, period HAVING bool_and(value IS NOT NULL)
        ),
        pairs AS (  -- population of 1 January Y+1 when published, else of Y
            SELECT j.geo_code, j.period AS js_period, j.ref_date AS js_ref_date, j.total AS js_total,
                   coalesce(p1.period, p0.period) AS pop_period, coalesce(p1.ref_date, p0.ref_date) AS pop_ref_date,
                   coalesce(p1.total, p0.total) AS pop_total
            FROM js_y j
            LEFT JOIN pop_y p1 ON p1.geo_code = j.geo_code
                 AND p1.period = CAST(TRY_CAST(j.period AS INTEGER) + 1 AS VARCHAR)
            LEFT JOIN pop_y p0 ON p0.geo_code = j.geo_code AND p0.period = j.period
            WHERE coalesce(p1.period, p0.period) IS NOT NULL
        ),
        chosen AS (
            SELECT * FROM pairs WHERE js_total > 0 AND pop_total > 0
            QUALIFY $all_years OR row_number() OVER (PARTITION BY geo_code ORDER BY js_period DESC) = 1
        ),
        grp AS (SELECT g.ord, g.grp, g.js_cats, g.pop_cats FROM (SELECT unnest($groups) AS g)),
        js_g AS (
            SELECT c.geo_code, c.js_period, grp.ord, sum(js.value) AS n
            FROM chosen c CROSS JOIN grp
            JOIN js ON js.geo_code = c.geo_code AND js.period = c.js_period AND list_contains(grp.js_cats, js.cat)
            GROUP BY ALL HAVING count(DISTINCT js.cat) = any_value(len(grp.js_cats))
        ),
        pop_g AS (
            SELECT c.geo_code, c.js_period, grp.ord, sum(pop.value) AS n
            FROM chosen c CROSS JOIN grp
            JOIN pop ON pop.geo_code = c.geo_code AND pop.period = c.pop_period AND list_contains(grp.pop_cats, pop.cat)
            GROUP BY ALL HAVING count(DISTINCT pop.cat) = any_value(len(grp.pop_cats))
        )
        SELECT c.geo_code, coalesce(g.name_{s}, g.name_nl) AS geo_name, grp.grp AS "group",
               c.js_period, c.js_ref_date, c.pop_period, c.pop_ref_date,
               jg.n AS jobseekers, c.js_total AS jobseekers_total, 100 * jg.n / c.js_total AS share_jobseekers,
               pg.n AS population, c.pop_total AS population_total, 100 * pg.n / c.pop_total AS share_population,
               CASE WHEN pg.n <> 0 THEN (jg.n / c.js_total) / (pg.n / c.pop_total) END AS ratio
        FROM chosen c JOIN geographies g USING (geo_code)
        JOIN js_g jg ON jg.geo_code = c.geo_code AND jg.js_period = c.js_period
        JOIN pop_g pg ON pg.geo_code = c.geo_code AND pg.js_period = c.js_period AND pg.ord = jg.ord
        JOIN grp ON grp.ord = jg.ord
        ORDER BY {order}
        """,
        {"js": spec["jobseekers"], "dim": dimension, "geos": list(geos), "period_to": period_to,
         "pop": spec["population"], "pop_dim": spec["pop_breakdown"], "all_years": all_years, "groups": groups},
    ).df()


def sector_values(con, indicator_id: str, geo: str, period: str, lang: str = "nl") -> pd.DataFrame:
    """All sectors of one area in one year, largest first; hidden values stay NULL (shown as –)."""
    df = series(con, indicator_id, [geo], breakdown="sector", lang=lang, period_from=period, period_to=period)
    return df.sort_values("value", ascending=False, na_position="last").reset_index(drop=True)


def commuting_flows(con, arr: str, direction: str = "in", lang: str = "nl") -> pd.DataFrame:
    """Census 2011 flows between one arrondissement and every other: where its in-commuters live
    (`in`) or where its out-commuters work (`out`). The diagonal (live and work there) is left out."""
    s = lang_suffix(lang)
    if direction == "in":
        where, other = "o.geo_code = ?", "o.breakdown_value"
    else:
        where, other = "o.breakdown_value = ?", "o.geo_code"
    return con.execute(
        f"""
        SELECT {other} AS other_code, coalesce(g.name_{s}, g.name_nl) AS other_name, o.period, o.value
        FROM observations o JOIN geographies g ON g.geo_code = {other}
        WHERE o.indicator_id = 'commuters' AND o.breakdown = 'residence' AND {where}
          AND o.geo_code <> o.breakdown_value AND o.value IS NOT NULL
        ORDER BY o.value DESC
        """,
        [arr],
    ).df()


def municipality_shapes(con, vintages: tuple[str, ...] = MUNICIPALITY_VINTAGES) -> pd.DataFrame:
    """One boundary per municipality code: the 2025 vintage where it exists, the pre-2025 one otherwise
    (data use both code sets). Pass one vintage for a map that must not overlap (e.g. arrondissements)."""
    return con.execute(
        """
        SELECT s.geo_code, g.parent_code, arg_min(s.geometry, list_position(?, s.vintage)) AS geometry
        FROM geo_shapes s JOIN geographies g USING (geo_code)
        WHERE s.level = 'municipality' AND list_contains(?, s.vintage)
        GROUP BY ALL ORDER BY s.geo_code
        """,
        [list(vintages), list(vintages)],
    ).df()


def shapes_for(con, codes: list[str]) -> pd.DataFrame:
    """Boundaries of the given areas (newest vintage per code)."""
    return con.execute(
        """
        SELECT geo_code, arg_max(geometry, vintage) AS geometry FROM geo_shapes
        WHERE list_contains(?, geo_code) GROUP BY geo_code
        """,
        [list(codes)],
    ).df()


def has_shapes(con) -> bool:
    try:
        return bool(con.execute("SELECT count(*) FROM geo_shapes").fetchone()[0])
    except Exception:  # a warehouse built before geo_shapes existed
        return False


def boundary_attribution(con, lang: str = "nl") -> str | None:
    """The licence attribution the boundaries' publisher requires, in the reader's language."""
    from dashboard.provenance import source_text

    row = con.execute(
        "SELECT s.source_id, s.attribution, s.licence FROM sources s "
        "WHERE s.source_id IN (SELECT DISTINCT source_id FROM geo_shapes) LIMIT 1"
    ).fetchone() if has_shapes(con) else None
    if not row:
        return None
    attribution = source_text(row[0], "attribution", lang, row[1])
    licence = source_text(row[0], "licence", lang, row[2])
    return f"{attribution} ({licence})" if attribution else licence


def map_indicators(con, lang: str = "nl", min_areas: int = 10) -> pd.DataFrame:
    """Indicators with values for at least `min_areas` municipalities or wijken (a map of three
    published city figures says nothing), with the levels they have."""
    s = lang_suffix(lang)
    return con.execute(
        f"""
        SELECT i.indicator_id, i.name_{s} AS name, i.unit,
               list(DISTINCT g.level ORDER BY g.level) AS levels
        FROM indicators i JOIN geo_coverage c USING (indicator_id) JOIN geographies g USING (geo_code)
        WHERE g.level IN ('municipality', 'wijk') AND c.n_values > 0
        GROUP BY ALL HAVING count(DISTINCT c.geo_code) >= ? ORDER BY name
        """,
        [min_areas],
    ).df()


def breakdown_values(con, indicator_id: str, lang: str = "nl") -> pd.DataFrame:
    """(breakdown, breakdown_value, label) of one indicator, the total first."""
    s = lang_suffix(lang)
    return con.execute(
        f"""
        SELECT o.breakdown, o.breakdown_value, coalesce(b.label_{s}, o.breakdown_value) AS label,
               coalesce(b.sort_order, 0) AS sort_order
        FROM indicator_breakdowns o LEFT JOIN breakdowns b USING (breakdown, breakdown_value)
        WHERE o.indicator_id = ?
        ORDER BY o.breakdown <> 'total', o.breakdown, sort_order, o.breakdown_value
        """,
        [indicator_id],
    ).df()


def map_values(
    con, indicator_id: str, level: str, period: str, *, breakdown: str = "total", breakdown_value: str = "total",
    lang: str = "nl",
) -> pd.DataFrame:
    """Every area of one level with its value for one indicator, category and year (NULLs kept)."""
    s = lang_suffix(lang)
    return con.execute(
        f"""
        SELECT o.geo_code, coalesce(g.name_{s}, g.name_nl) AS geo_name, o.period, o.value, o.status
        FROM observations o JOIN geographies g USING (geo_code)
        WHERE o.indicator_id = ? AND g.level = ? AND o.period = ? AND o.breakdown = ? AND o.breakdown_value = ?
        ORDER BY o.value DESC NULLS LAST
        """,
        [indicator_id, level, period, breakdown, breakdown_value],
    ).df()


def map_periods(con, indicator_id: str, level: str) -> list[str]:
    rows = con.execute(
        """
        SELECT DISTINCT o.period FROM observations o JOIN geographies g USING (geo_code)
        WHERE o.indicator_id = ? AND g.level = ? AND o.value IS NOT NULL ORDER BY 1
        """,
        [indicator_id, level],
    ).fetchall()
    return [r[0] for r in rows]


def concept_of(con, indicator_ids: list[str]) -> dict[str, str | None]:
    rows = con.execute(
        "SELECT indicator_id, concept FROM indicators WHERE list_contains(?, indicator_id)", [list(indicator_ids)]
    ).fetchall()
    return dict(rows)



def published_by_concept(con, concept: str, geos: list[str], lang: str = "nl") -> pd.DataFrame:
    """Published single figures (e.g. the Stadsmonitor jobratio of a city) sharing a concept, for a note."""
    s = lang_suffix(lang)
    return con.execute(
        f"""
        SELECT o.geo_code, coalesce(g.name_{s}, g.name_nl) AS geo_name, o.period, o.value, i.unit,
               i.name_{s} AS indicator_name, coalesce(n.publisher, s.publisher) AS publisher,
               coalesce(n.note, '') AS page_note
        FROM observations o JOIN indicators i USING (indicator_id) JOIN sources s ON s.source_id = i.source_id
        JOIN geographies g USING (geo_code)
        LEFT JOIN (SELECT indicator_id, geo_code, period, breakdown, breakdown_value, min(publisher) AS publisher,
                          min(note) AS note
                   FROM observation_notes GROUP BY ALL) n
          USING (indicator_id, geo_code, period, breakdown, breakdown_value)
        WHERE i.concept = ? AND o.source_id = 'published_figures' AND o.breakdown = 'total'
          AND o.value IS NOT NULL AND list_contains(?, o.geo_code)
        ORDER BY list_position(?, o.geo_code), o.period
        """,
        [concept, list(geos), list(geos)],
    ).df()


def commuting_recent(con, geo_codes: list[str], *, period_to: str | None = None, lang: str = "nl") -> pd.DataFrame:
    """Steunpunt Werk (VAR) per municipality, its latest year up to `period_to` with an in-commuter share:
    employees working there (`jobs`), in- and out-commuters, the share held by in-commuters and by residents.
    Same columns as the census `commuting` frame, so one chart draws either; empty when the VAR is not loaded."""
    s = lang_suffix(lang)
    return con.execute(
        f"""
        WITH v AS (
            SELECT geo_code, period,
                   max(value) FILTER (WHERE indicator_id = 'var_employees_at_workplace') AS jobs,
                   max(value) FILTER (WHERE indicator_id = 'var_in_commuters') AS in_commuters,
                   max(value) FILTER (WHERE indicator_id = 'var_out_commuters') AS out_commuters,
                   max(value) FILTER (WHERE indicator_id = 'var_in_commuter_share') AS in_commuter_share
            FROM observations
            WHERE indicator_id IN ('var_employees_at_workplace', 'var_in_commuters', 'var_out_commuters',
                                   'var_in_commuter_share')
              AND breakdown = 'total' AND list_contains($geos, geo_code) AND ($to IS NULL OR period <= $to)
            GROUP BY geo_code, period
            HAVING max(value) FILTER (WHERE indicator_id = 'var_in_commuter_share') IS NOT NULL
        )
        SELECT v.geo_code, coalesce(g.name_{s}, g.name_nl) AS geo_name, v.period, v.jobs, v.in_commuters,
               v.out_commuters, v.in_commuter_share, v.jobs - v.in_commuters AS residents,
               100 - v.in_commuter_share AS resident_share
        FROM v JOIN geographies g USING (geo_code)
        QUALIFY row_number() OVER (PARTITION BY v.geo_code ORDER BY v.period DESC) = 1
        ORDER BY list_position($geos, v.geo_code)
        """,
        {"geos": list(geo_codes), "to": period_to},
    ).df()
