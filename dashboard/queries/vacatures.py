"""Queries for the Vacatures page (views/vacatures.py): vacancies over time, by sector, tension, and VDAB's
bottleneck occupations for Flanders (`bottleneck`: dashboard/queries/knelpuntberoepen.py)."""

from __future__ import annotations

from dashboard.queries import GENT
from dashboard.queries import indicator
from dashboard.queries import knelpuntberoepen as bottleneck
from dashboard.queries import series
from dashboard.queries.analysis import DEFAULT_COMPARE
from dashboard.queries.analysis import TENSION
from dashboard.queries.analysis import area_options
from dashboard.queries.analysis import areas_without
from dashboard.queries.analysis import headline
from dashboard.queries.analysis import headlines
from dashboard.queries.analysis import meta_or_none
from dashboard.queries.analysis import sector_values
from dashboard.queries.analysis import trend
from dashboard.queries.analysis import years

__all__ = [
    "DEFAULT_COMPARE",
    "GENT",
    "TENSION",
    "area_options",
    "areas_without",
    "bottleneck",
    "headline",
    "headlines",
    "indicator",
    "meta_or_none",
    "sector_values",
    "series",
    "trend",
    "years",
]

from dashboard.queries.analysis import compare_with_data  # noqa: E402,F401  (default areas with data)
