"""Queries for the Doelstellingen page (views/doelstellingen.py): the statistics objectives are measured on,
each link's turn-the-curve material (queries/curve.py) and the events linked to an objective."""

from __future__ import annotations

from dashboard.i18n import t
from dashboard.policy_ui import loc
from dashboard.queries.actiegroepen import catalogue_lookups
from dashboard.queries.curve import chart_labels
from dashboard.queries.curve import curves
from dashboard.queries.curve import forecast_sentence
from dashboard.queries.curve import method_text
from dashboard.queries.curve import note_parts
from dashboard.queries.curve import projection_table
from dashboard.queries.policy import indicator_catalogue
from dashboard.queries.policy import labels
from policy.community import for_objective

__all__ = [
    "catalogue_lookups",
    "chart_labels",
    "curves",
    "event_lines",
    "for_objective",
    "forecast_sentence",
    "indicator_catalogue",
    "labels",
    "method_text",
    "note_parts",
    "projection_table",
]


def event_lines(
    events: list[dict], objective_id: str, lang: str, *, examples: bool = True
) -> list[tuple[str, bool]]:
    """'1999 · conferentie · title' per event linked to the objective (latest first), and whether it is an example."""
    return [
        (
            f"{e['event_date']} · {t('evenementen.kind.' + e['kind'], lang)} · {loc(e, 'title', lang)}",
            bool(e["is_example"]),
        )
        for e in for_objective(events, objective_id)
        if examples or not e["is_example"]
    ]
