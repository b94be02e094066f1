"""Queries for the Pendel page (views/pendel.py): census 2011 commuting and jobs at the place of work."""

from __future__ import annotations

import pandas as pd

from dashboard.queries import GENT
from dashboard.queries import commuting
from dashboard.queries import indicator
from dashboard.queries import lookup
from dashboard.queries import series
from dashboard.queries.analysis import DEFAULT_COMPARE
from dashboard.queries.analysis import JOBS_AT_WORKPLACE
from dashboard.queries.analysis import VAR_IN_SHARE
from dashboard.queries.analysis import VAR_JOBS
from dashboard.queries.analysis import area_options
from dashboard.queries.analysis import boundary_attribution
from dashboard.queries.analysis import commuting_flows
from dashboard.queries.analysis import commuting_recent
from dashboard.queries.analysis import has_shapes
from dashboard.queries.analysis import meta_or_none
from dashboard.queries.analysis import municipality_shapes
from dashboard.queries.analysis import parents

__all__ = [
    "DEFAULT_COMPARE",
    "GENT",
    "INDICATORS",
    "JOBS_AT_WORKPLACE",
    "VAR_IN_SHARE",
    "VAR_JOBS",
    "commuting_recent",
    "jobs_shown",
    "periods_span",
    "area_options",
    "arrondissements",
    "boundary_attribution",
    "commuting",
    "commuting_flows",
    "has_shapes",
    "indicator",
    "jobs_index",
    "lookup",
    "meta_or_none",
    "municipality_shapes",
    "shares_long",
]

INDICATORS = (
    "commuters",
    "employed_at_workplace",
    "in_commuters",
    "out_commuters",
    "in_commuter_share",
    "out_commuter_share",
)


def arrondissements(con, areas: list[str], lang: str = "nl") -> tuple[str, list[str]]:
    """The focus area's (the first) arrondissement, and every area's, once each in order: commuting is
    published per arrondissement."""
    up = lookup(parents(con, areas, lang), "geo_code", "arr_code")
    return up.get(areas[0], areas[0]), list(dict.fromkeys(up.get(c, c) for c in areas))


def shares_long(summary: pd.DataFrame, names: tuple[str, str]) -> pd.DataFrame:
    """In- and out-commuter shares per area as one long frame (`series` named by `names`), values only."""
    long = pd.concat(
        [
            summary.assign(series=names[0], value=summary["in_commuter_share"]),
            summary.assign(series=names[1], value=summary["out_commuter_share"]),
        ],
        ignore_index=True,
    )
    return long[long["value"].notna()]


def periods_span(df: pd.DataFrame) -> str:
    """`2015–2024`: the first and last period of a frame, or – when it is empty."""
    return f"{df['period'].min()}–{df['period'].max()}" if not df.empty else "–"


def jobs_shown(con, areas: list[str], arrs: list[str]) -> tuple[str, list[str]]:
    """Which jobs series the page shows, for which areas: Steunpunt Werk per municipality when it covers the
    focus area, else Eurostat per arrondissement."""
    recent = series(con, VAR_JOBS, areas[:1]) if areas else pd.DataFrame()
    if not recent.empty and recent["value"].notna().any():
        return VAR_JOBS, areas
    return JOBS_AT_WORKPLACE, arrs


def jobs_index(
    con, arrs: list[str], lang: str = "nl", indicator_id: str = JOBS_AT_WORKPLACE
) -> pd.DataFrame:
    """Jobs at the place of work per area over time with an index (first year = 100), so Flanders and a
    small arrondissement compare on one axis; empty when the source is not loaded."""
    if not arrs:
        return pd.DataFrame()
    jobs = series(con, indicator_id, arrs, lang=lang)
    jobs = jobs[jobs["value"].notna()]
    if jobs.empty:
        return jobs
    first = jobs.sort_values("period").groupby("geo_code")["value"].transform("first")
    return jobs.assign(index=100 * jobs["value"] / first)
