"""Queries for the Actiegroepen page (views/actiegroepen.py): the statistics an action group answers for."""

from __future__ import annotations

from dashboard.queries import lookup
from dashboard.queries.policy import indicator_catalogue
from dashboard.queries.policy import labels
from policy.cycle import latest_reports
from policy.cycle import partner_names
from policy.cycle import reports_due

__all__ = [
    "catalogue_lookups",
    "indicator_catalogue",
    "labels",
    "latest_reports",
    "partner_names",
    "reports_due",
]


def catalogue_lookups(catalogue, *columns: str) -> tuple[dict, ...]:
    """{indicator_id: value} of each of `columns` of the indicator catalogue (names, units, publishers)."""
    return tuple(lookup(catalogue, "indicator_id", c) for c in columns)
