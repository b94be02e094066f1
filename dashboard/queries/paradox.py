"""Queries for the Paradox page (views/paradox.py): each returns the frame one card or chart draws."""

from __future__ import annotations

import pandas as pd

from dashboard.queries import GENT
from dashboard.queries import city_commuting
from dashboard.queries import commuting
from dashboard.queries import indicator
from dashboard.queries import lang_suffix
from dashboard.queries import series
from dashboard.queries.analysis import CENSUS_UNEMPLOYMENT
from dashboard.queries.analysis import DEFAULT_COMPARE
from dashboard.queries.analysis import JOBRATIO
from dashboard.queries.analysis import JOBS_PER_100
from dashboard.queries.analysis import VAR_IN_SHARE
from dashboard.queries.analysis import VAR_JOBRATIO
from dashboard.queries.analysis import VAR_JOBS
from dashboard.queries.analysis import area_options
from dashboard.queries.analysis import commuting_recent
from dashboard.queries.analysis import has_data
from dashboard.queries.analysis import headline
from dashboard.queries.analysis import headlines
from dashboard.queries.analysis import latest_at_or_above
from dashboard.queries.analysis import meta_or_none
from dashboard.queries.analysis import parents
from dashboard.queries.analysis import published_by_concept
from dashboard.queries.analysis import trend
from dashboard.queries.analysis import years

__all__ = [
    "CENSUS_UNEMPLOYMENT",
    "VAR_IN_SHARE",
    "VAR_JOBS",
    "commuting_recent",
    "commuting_shown",
    "DEFAULT_COMPARE",
    "GENT",
    "HEADLINES",
    "CITY_HEADLINES",
    "CITY_JOBS_PER_100",
    "UA_PEERS",
    "area_options",
    "city_commuting",
    "commuting",
    "census2021_frames",
    "latest_breakdown",
    "period_span",
    "has_data",
    "headline",
    "headlines",
    "indicator",
    "jobs_and_rate",
    "jobs_indicator",
    "latest_at_or_above",
    "meta_or_none",
    "pair_chart_frames",
    "parents",
    "published_by_concept",
    "series",
    "trend",
    "years",
    "two_series",
]

HEADLINES = ["jobseeker_rate", "jobseekers_nwwz", "vacancies_received"]
# The city itself (issue 16): census 2011 jobs and commuting per municipality, census 2021 and VAR 2024 rates.
CITY_JOBS_PER_100 = "muni_jobs_per_100_inhabitants_2011"
CITY_HEADLINES = [
    "muni_jobs_at_workplace",
    "muni_in_commuter_share",
    "muni_out_commuter_share",
    "muni_jobs_per_100_residents_15_64_2011",
    "c21_employment_rate_15_64",
    "c21_unemployment_rate_15_64",
    "admin_unemployment_rate_15_64",
]
# Urban Audit codes of Gent, Antwerpen and Oostende (Eurostat's own areas; no NIS code is claimed for them).
UA_PEERS = ["BE003C", "BE002C", "BE011C"]


def jobs_indicator(con) -> str:
    """The jobratio per municipality (Steunpunt Werk VAR) when loaded, else the jobratio per arrondissement,
    else jobs per 100 inhabitants of all ages."""
    return next(
        (i for i in (VAR_JOBRATIO, JOBRATIO, JOBS_PER_100) if has_data(con, i)), JOBS_PER_100
    )


def commuting_shown(
    con, areas: list[str], arrs: list[str], *, period_to: str | None = None, lang: str = "nl"
) -> tuple[pd.DataFrame, str]:
    """Who holds the jobs, from the most recent source that covers the focus area (the first of `areas`):
    Steunpunt Werk per municipality (`"var"`) when loaded, else the census 2011 per arrondissement
    (`"census"`). Never both in one frame: different sources, years and geographies."""
    recent = commuting_recent(con, areas, period_to=period_to, lang=lang)
    if not recent.empty and areas and recent["geo_code"].iloc[0] == areas[0]:
        return recent, "var"
    return commuting(con, arrs, lang), "census"


def jobs_and_rate(
    con, jobs_id: str, areas: list[str], *, period_to: str | None = None, lang: str = "nl"
) -> pd.DataFrame:
    """The paradox pair, one row per area in the order asked: the jobs indicator's latest value up to
    `period_to` (the nearest larger area's, named as such, where the area has none: `jobs_code`,
    `jobs_area`) next to the area's own latest job-seeker rate. NULLs where a side has no value.

    One statement over the `geo_ancestors` mart, instead of two frames joined on the page."""
    s = lang_suffix(lang)
    return con.execute(
        f"""
        WITH hits AS (
            SELECT a.geo_code AS req, a.ancestor_code AS used, a.depth, max(o.period) AS period
            FROM geo_ancestors a JOIN observations o ON o.geo_code = a.ancestor_code
            WHERE list_contains($areas, a.geo_code) AND o.indicator_id = $jobs AND o.breakdown = 'total'
              AND o.value IS NOT NULL AND ($to IS NULL OR o.period <= $to)
            GROUP BY ALL
        ),
        best AS (SELECT req, arg_min(used, depth) AS used, arg_min(period, depth) AS period FROM hits GROUP BY req),
        jobs AS (
            SELECT b.req, b.used, coalesce(g.name_{s}, g.name_nl) AS used_name, b.period, o.value
            FROM best b JOIN geographies g ON g.geo_code = b.used
            JOIN observations o ON o.geo_code = b.used AND o.period = b.period
            WHERE o.indicator_id = $jobs AND o.breakdown = 'total'
        ),
        rate AS (
            SELECT geo_code, max(period) AS period, arg_max(value, period) AS value FROM observations
            WHERE indicator_id = 'jobseeker_rate' AND list_contains($areas, geo_code) AND breakdown = 'total'
              AND value IS NOT NULL AND ($to IS NULL OR period <= $to)
            GROUP BY geo_code
        )
        SELECT r.geo_code, coalesce(g.name_{s}, g.name_nl, r.geo_code) AS geo_name,
               j.used AS jobs_code, j.used_name AS jobs_area, j.period AS jobs_period, j.value AS jobs_value,
               rt.period AS rate_period, rt.value AS rate_value
        FROM (SELECT unnest($areas) AS geo_code) r
        LEFT JOIN geographies g USING (geo_code)
        LEFT JOIN jobs j ON j.req = r.geo_code
        LEFT JOIN rate rt ON rt.geo_code = r.geo_code
        ORDER BY list_position($areas, r.geo_code)
        """,
        {"areas": list(areas), "jobs": jobs_id, "to": period_to},
    ).df()


def pair_chart_frames(pair: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The paired bars' two sides: jobs (with the larger area's name where its figure is shown) and rates."""
    jobs = pair[pair["jobs_code"].notna()]
    left = pd.DataFrame(
        {
            "geo_name": jobs["geo_name"].tolist(),
            "value": jobs["jobs_value"].tolist(),
            "text_note": [
                n if u != c else ""
                for c, u, n in zip(
                    jobs["geo_code"], jobs["jobs_code"], jobs["jobs_area"], strict=True
                )
            ],
        }
    )
    rates = pair[pair["rate_period"].notna()]
    right = pd.DataFrame(
        {
            "geo_code": rates["geo_code"].tolist(),
            "geo_name": rates["geo_name"].tolist(),
            "period": rates["rate_period"].tolist(),
            "value": rates["rate_value"].tolist(),
        }
    )
    return left, right


def periods_text(values: pd.Series) -> str:
    """Every period a chart side shows, e.g. `2022/2023`, or – when none."""
    return "/".join(sorted(set(values.dropna()))) or "–"


def two_series(
    con,
    ids: tuple[str, str],
    names: tuple[str, str],
    geo: str,
    *,
    period_from: str | None = None,
    period_to: str | None = None,
    lang: str = "nl",
) -> pd.DataFrame:
    """Two indicators of one area as one frame for one chart, each named (in `geo_name`) by `names`;
    rows without a value left out."""
    frames = [
        series(con, ind, [geo], lang=lang, period_from=period_from, period_to=period_to).assign(
            geo_name=name
        )
        for ind, name in zip(ids, names, strict=True)
    ]
    both = pd.concat(frames, ignore_index=True)
    return both[both["value"].notna()]


def latest_breakdown(
    con,
    indicator_id: str,
    geo: str,
    breakdown: str,
    *,
    period_to: str | None = None,
    lang: str = "nl",
) -> pd.DataFrame:
    """One area's categories of `breakdown` in the latest period (up to `period_to`) that has any, with
    their label in `label`, in the breakdown's own order: one ranked-bars chart."""
    s = lang_suffix(lang)
    return con.execute(
        f"""
        WITH last AS (
            SELECT max(period) AS period FROM observations
            WHERE indicator_id = $ind AND geo_code = $geo AND breakdown = $bd AND value IS NOT NULL
              AND ($to IS NULL OR period <= $to)
        )
        SELECT o.geo_code, coalesce(g.name_{s}, g.name_nl) AS geo_name, o.period, o.breakdown_value,
               coalesce(b.label_{s}, o.breakdown_value) AS label, o.value
        FROM observations o JOIN last USING (period) JOIN geographies g USING (geo_code)
        LEFT JOIN breakdowns b USING (breakdown, breakdown_value)
        WHERE o.indicator_id = $ind AND o.geo_code = $geo AND o.breakdown = $bd AND o.value IS NOT NULL
        ORDER BY coalesce(b.sort_order, 0), o.breakdown_value
        """,
        {"ind": indicator_id, "geo": geo, "bd": breakdown, "to": period_to},
    ).df()


def census2021_frames(
    con, areas: list[str], lang: str = "nl"
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Census 2021 employment and unemployment rate 15-64 of the areas: the two sides of a paired chart
    (`geo_name`, `value`) and one table with both rates (`geo_name`, `period`, `employment`, `unemployment`)."""
    s = lang_suffix(lang)
    both = con.execute(
        f"""
        SELECT a.geo_code, coalesce(g.name_{s}, g.name_nl, a.geo_code) AS geo_name, e.period,
               e.value AS employment, u.value AS unemployment
        FROM (SELECT unnest($areas) AS geo_code) a
        LEFT JOIN geographies g USING (geo_code)
        JOIN observations e ON e.geo_code = a.geo_code AND e.indicator_id = 'c21_employment_rate_15_64'
        LEFT JOIN observations u ON u.geo_code = a.geo_code AND u.period = e.period
         AND u.indicator_id = 'c21_unemployment_rate_15_64'
        ORDER BY list_position($areas, a.geo_code)
        """,
        {"areas": list(areas)},
    ).df()
    left = both[["geo_name", "employment"]].rename(columns={"employment": "value"})
    right = both[["geo_name", "unemployment"]].rename(columns={"unemployment": "value"})
    return left, right, both[["geo_name", "period", "employment", "unemployment"]]


def period_span(values: pd.Series) -> str:
    """First–last period of a chart, e.g. `2015–2024`."""
    vals = sorted(set(values.dropna()))
    return "–" if not vals else vals[0] if len(vals) == 1 else f"{vals[0]}–{vals[-1]}"


from dashboard.queries.analysis import compare_with_data  # noqa: E402,F401  (default areas with data)
