"""Queries for the Vacatures page (views/vacatures.py): vacancies over time, by sector, tension, and VDAB's
bottleneck occupations for Flanders (`bottleneck`: dashboard/queries/knelpuntberoepen.py)."""

from __future__ import annotations

from dashboard.queries import GENT, indicator, series
from dashboard.queries import knelpuntberoepen as bottleneck
from dashboard.queries.analysis import (
    DEFAULT_COMPARE,
    TENSION,
    area_options,
    areas_without,
    headline,
    headlines,
    meta_or_none,
    sector_values,
    trend,
    years,
)

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
