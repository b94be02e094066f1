"""Queries for the Kaart page (views/kaart.py): any indicator per municipality or wijk, with boundaries."""

from __future__ import annotations

from collections.abc import Callable

from dashboard.queries import GENT, indicator, lookup
from dashboard.queries.analysis import (
    area_options,
    boundary_attribution,
    breakdown_values,
    map_indicators,
    map_periods,
    map_values,
    municipality_shapes,
    shapes_for,
)

__all__ = [
    "GENT",
    "area_options",
    "boundary_attribution",
    "categories",
    "indicator",
    "lookup",
    "map_indicators",
    "map_periods",
    "map_values",
    "municipality_shapes",
    "shapes_for",
]


def categories(
    con, indicator_id: str, lang: str, dimension: Callable[[str], str]
) -> dict[str, str]:
    """{`breakdown:value`: label} of one indicator, the total first; a category's label is prefixed by its
    dimension's name (`dimension(breakdown)`, translated by the page)."""
    cats = breakdown_values(con, indicator_id, lang)
    return {
        f"{b}:{v}": lab if b == "total" else f"{dimension(b)}: {lab}"
        for b, v, lab in zip(cats["breakdown"], cats["breakdown_value"], cats["label"], strict=True)
    }
