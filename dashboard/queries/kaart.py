"""Queries for the Kaart page (views/kaart.py): any indicator per municipality or wijk, with boundaries."""

from __future__ import annotations

from collections.abc import Callable

from dashboard.queries import GENT
from dashboard.queries import indicator
from dashboard.queries import lang_suffix
from dashboard.queries import lookup
from dashboard.queries.analysis import area_options
from dashboard.queries.analysis import boundary_attribution
from dashboard.queries.analysis import breakdown_values
from dashboard.queries.analysis import map_indicators
from dashboard.queries.analysis import map_periods
from dashboard.queries.analysis import map_values
from dashboard.queries.analysis import municipality_shapes
from dashboard.queries.analysis import shapes_for

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
    "wijk_indicators",
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


def wijk_indicators(con, geo: str, lang: str = "nl") -> list[str]:
    """Names of the indicators with a value for some wijk of `geo`, so an empty wijk map can say which
    indicators do have wijk data."""
    s = lang_suffix(lang)
    rows = con.execute(
        f"""
        SELECT DISTINCT i.name_{s} FROM observations o
        JOIN geographies g USING (geo_code) JOIN indicators i USING (indicator_id)
        WHERE g.level = 'wijk' AND g.parent_code = ? AND o.value IS NOT NULL
        ORDER BY 1
        """,
        [geo],
    ).fetchall()
    return [r[0] for r in rows]
