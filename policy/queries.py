"""Warehouse queries the policy rules read: the statistics objectives are measured against.

Why in `policy/`: progress and signals (`policy.signals`) are computed from these, and `policy`
never imports `dashboard`; the dashboard passes its warehouse connection in and reuses these
functions through `dashboard.queries.policy`. All parameterised; each returns a DataFrame.
"""

from __future__ import annotations

import pandas as pd

from pipelines.config import lang_suffix
from pipelines.nis import GENT


def indicator_catalogue(con, lang: str = "nl") -> pd.DataFrame:
    """Every indicator with its unit, direction, concept and source, and whether Gent has data."""
    sfx = lang_suffix(lang)
    return con.execute(
        f"""
        SELECT i.indicator_id, i.name_{sfx} AS name, i.name_nl, i.name_en, i.unit, i.direction, i.concept,
               i.period_kind, i.source_id, s.publisher, s.title_{sfx} AS source_title,
               coalesce(c.n_values, 0) AS n_gent, c.last_total_period AS last_gent_period,
               c.last_total_value AS last_gent_value
        FROM indicators i JOIN sources s USING (source_id)
        LEFT JOIN (SELECT * FROM geo_coverage WHERE geo_code = ?) c ON c.indicator_id = i.indicator_id
        ORDER BY i.indicator_id
        """,
        [GENT],
    ).df()


SERIES_COLUMNS = ["period", "ref_date", "value", "status", "source_id"]


def link_series_many(con, keys: list[tuple[str, str, str, str]]) -> dict[tuple, pd.DataFrame]:
    """Series linked to objectives, by (indicator, area, breakdown, category), over time, NULL values
    kept with their status; all of them in one round trip."""
    keys = list(dict.fromkeys(tuple(k) for k in keys))
    if not keys:
        return {}
    rows = con.execute(
        """
        WITH k AS (
            SELECT DISTINCT k.i AS indicator_id, k.g AS geo_code, k.b AS breakdown, k.v AS breakdown_value
            FROM (SELECT unnest(?) AS k)
        )
        SELECT o.indicator_id, o.geo_code, o.breakdown, o.breakdown_value,
               o.period, o.ref_date, o.value, o.status, o.source_id
        FROM observations o JOIN k USING (indicator_id, geo_code, breakdown, breakdown_value)
        WHERE list_contains(?, o.indicator_id) AND list_contains(?, o.geo_code)
        ORDER BY o.indicator_id, o.geo_code, o.breakdown, o.breakdown_value, o.period
        """,
        [
            [{"i": a, "g": b, "b": c, "v": d} for a, b, c, d in keys],
            sorted({k[0] for k in keys}),
            sorted({k[1] for k in keys}),
        ],
    ).df()
    groups = {
        key: g[SERIES_COLUMNS].reset_index(drop=True)
        for key, g in rows.groupby(
            ["indicator_id", "geo_code", "breakdown", "breakdown_value"], sort=False
        )
    }
    empty = rows[SERIES_COLUMNS].iloc[0:0]
    return {k: groups.get(k, empty) for k in keys}


def jobseekers_vs_population_by_origin(con, geo_code: str = GENT) -> pd.DataFrame:
    """Job seekers without work on 31/12 by origin beside the population by origin on the next 1 January.

    WZW on 31/12/Y is compared with the population on 1/1/Y+1 (the nearest reference date; the
    same year's 1 January when Y+1 is not loaded). The categories are matched as
    non_eu = non_eu and eu_excl_belgian = neighbouring + eu_other; Belgian origin is left out
    (the majority group is not what the rule looks for).
    """
    return con.execute(
        """
        WITH wzw AS (
            SELECT period, ref_date, breakdown_value AS grp, value, source_id
            FROM observations
            WHERE indicator_id = 'jobseekers_wzw' AND geo_code = ? AND breakdown IN ('origin', 'total')
        ), last AS (
            SELECT max(period) AS period FROM wzw WHERE grp = 'total' AND value IS NOT NULL
        ), pop AS (
            SELECT period, ref_date,
                   CASE WHEN breakdown_value IN ('neighbouring', 'eu_other') THEN 'eu_excl_belgian'
                        ELSE breakdown_value END AS grp,
                   sum(value) AS value, any_value(source_id) AS source_id
            FROM observations
            WHERE indicator_id = 'population' AND geo_code = ? AND breakdown IN ('origin', 'total')
            GROUP BY ALL
        ), pop_period AS (
            SELECT coalesce(
                (SELECT max(period) FROM pop WHERE period = CAST(CAST((SELECT period FROM last) AS INT) + 1 AS VARCHAR)),
                (SELECT max(period) FROM pop WHERE period <= (SELECT period FROM last))) AS period
        )
        SELECT w.grp, w.period AS js_period, w.ref_date AS js_ref_date, w.value AS js_value,
               wt.value AS js_total, w.source_id AS js_source,
               p.period AS pop_period, p.ref_date AS pop_ref_date, p.value AS pop_value,
               pt.value AS pop_total, p.source_id AS pop_source
        FROM wzw w
        JOIN last USING (period)
        JOIN wzw wt ON wt.period = w.period AND wt.grp = 'total'
        JOIN pop p ON p.grp = w.grp AND p.period = (SELECT period FROM pop_period)
        JOIN pop pt ON pt.grp = 'total' AND pt.period = p.period
        WHERE w.grp IN ('non_eu', 'eu_excl_belgian')
        ORDER BY w.grp DESC
        """,
        [geo_code, geo_code],
    ).df()


def rates_by_group(con, breakdowns: list[str], geo_code: str = GENT) -> dict[str, pd.DataFrame]:
    """`rate_by_group` for several breakdowns in one query."""
    rows = con.execute(
        """
        WITH r AS (
            SELECT period, ref_date, breakdown, breakdown_value, value, source_id FROM observations
            WHERE indicator_id = 'jobseeker_rate' AND geo_code = ? AND (list_contains(?, breakdown) OR breakdown = 'total')
        ), last AS (SELECT max(period) AS period FROM r WHERE breakdown = 'total' AND value IS NOT NULL)
        SELECT g.breakdown, g.breakdown_value AS grp, g.period, g.ref_date, g.value AS rate, t.value AS total_rate,
               g.source_id
        FROM r g JOIN r t ON t.period = g.period AND t.breakdown = 'total'
        WHERE list_contains(?, g.breakdown) AND g.period = (SELECT period FROM last)
        ORDER BY g.breakdown, g.breakdown_value
        """,
        [geo_code, list(breakdowns), list(breakdowns)],
    ).df()
    return {
        b: rows[rows["breakdown"] == b].drop(columns="breakdown").reset_index(drop=True)
        for b in breakdowns
    }


def vacancies_and_jobseekers(con, geo_code: str = GENT) -> pd.DataFrame:
    """Latest year with both: VDAB vacancies received (place of work) and job seekers (residence)."""
    return con.execute(
        """
        WITH v AS (SELECT period, value, source_id FROM observations
                   WHERE indicator_id = 'vacancies_received' AND geo_code = ? AND breakdown = 'total'),
             j AS (SELECT period, value, source_id FROM observations
                   WHERE indicator_id = 'jobseekers_nwwz' AND geo_code = ? AND breakdown = 'total')
        SELECT v.period, v.value AS vacancies, j.value AS jobseekers, v.source_id AS vac_source,
               j.source_id AS js_source
        FROM v JOIN j USING (period)
        WHERE v.value IS NOT NULL AND j.value IS NOT NULL
        ORDER BY v.period DESC LIMIT 1
        """,
        [geo_code, geo_code],
    ).df()


def vacancies_by_sector(
    con, period: str, lang: str = "nl", geo_code: str = GENT, top: int = 5
) -> pd.DataFrame:
    s = lang_suffix(lang)
    return con.execute(
        f"""
        SELECT o.breakdown_value AS sector, coalesce(b.label_{s}, o.breakdown_value) AS label, o.value
        FROM observations o LEFT JOIN breakdowns b USING (breakdown, breakdown_value)
        WHERE o.indicator_id = 'vacancies_received' AND o.geo_code = ? AND o.breakdown = 'sector'
          AND o.period = ? AND o.value IS NOT NULL AND o.breakdown_value <> 'onbepaald'
        ORDER BY o.value DESC LIMIT ?
        """,
        [geo_code, period, top],
    ).df()
