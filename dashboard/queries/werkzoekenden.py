"""Queries for the Werkzoekenden page (views/werkzoekenden.py): job seekers, their composition and over-representation."""

from __future__ import annotations

import pandas as pd

from dashboard.queries import GENT
from dashboard.queries import indicator
from dashboard.queries import series
from dashboard.queries.analysis import DEFAULT_COMPARE
from dashboard.queries.analysis import OVERREP
from dashboard.queries.analysis import PUBLISHED_GROUP_SHARE
from dashboard.queries.analysis import area_options
from dashboard.queries.analysis import areas_without
from dashboard.queries.analysis import breakdown_series
from dashboard.queries.analysis import headlines
from dashboard.queries.analysis import latest_at_or_above
from dashboard.queries.analysis import meta_or_none
from dashboard.queries.analysis import overrepresentation
from dashboard.queries.analysis import trend
from dashboard.queries.analysis import years

__all__ = [
    "DEFAULT_COMPARE",
    "GENT",
    "INDICATORS",
    "OVERREP",
    "PUBLISHED_GROUP_SHARE",
    "area_options",
    "areas_without",
    "composition",
    "headlines",
    "indicator",
    "meta_or_none",
    "overrepresentation",
    "published_shares",
    "series",
    "trend",
    "years",
]

INDICATORS = ("jobseeker_rate", "jobseekers_nwwz", "jobseekers_wzw", "jobseekers_wzw_rate")


def composition(
    con,
    indicator_id: str | None,
    geo: str,
    dimension: str,
    *,
    period_from: str | None = None,
    period_to: str | None = None,
    lang: str = "nl",
) -> pd.DataFrame:
    """One area's categories of `dimension` over time, values only; empty when no indicator carries it."""
    if not indicator_id:
        return pd.DataFrame()
    comp = breakdown_series(
        con, indicator_id, geo, dimension, period_from=period_from, period_to=period_to, lang=lang
    )
    return comp[comp["value"].notna()]


def published_shares(
    con, geo: str, dimension: str, *, period_to: str | None, lang: str = "nl"
) -> pd.DataFrame:
    """The shares of groups VDAB published for the nearest larger area (up to the end of `period_to`), values only."""
    if not period_to:
        return pd.DataFrame()
    pub = latest_at_or_above(
        con,
        PUBLISHED_GROUP_SHARE,
        [geo],
        period_to=f"{period_to}-99",
        lang=lang,
        breakdown=dimension,
    )
    return pub[pub["value"].notna()]

from dashboard.queries.analysis import compare_with_data  # noqa: E402,F401  (default areas with data)
