"""Queries for the Signalen page (views/signalen.py): catalogue, labels and source titles for the evidence, and
the bottleneck-occupation list as context."""

from __future__ import annotations

from dashboard.queries import knelpuntberoepen
from dashboard.queries.policy import indicator_catalogue, labels, source_titles

__all__ = ["bottleneck_context", "indicator_catalogue", "labels", "source_titles"]


def bottleneck_context(con, lang: str = "nl") -> dict | None:
    """VDAB's latest knelpuntberoepen count and top 3 with their pages, shown as context beside the signals
    (never as a signal); None when the warehouse has no list."""
    return knelpuntberoepen.signal_context(con, lang) if knelpuntberoepen.has_lists(con) else None
