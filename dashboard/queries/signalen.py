"""Queries for the Signalen page (views/signalen.py): catalogue, labels and source titles for the evidence, and
the bottleneck-occupation list as context."""

from __future__ import annotations

from dashboard.queries import indicator
from dashboard.queries import knelpuntberoepen
from dashboard.queries.policy import indicator_catalogue
from dashboard.queries.policy import labels
from dashboard.queries.policy import source_titles
from policy.cycle import accepted_field_signals
from policy.cycle import partner_names
from policy.cycle import pending_field_signals

__all__ = [
    "accepted_field_signals",
    "bottleneck_context",
    "evidence_metas",
    "indicator_catalogue",
    "labels",
    "partner_names",
    "pending_field_signals",
    "source_titles",
]


def bottleneck_context(con, lang: str = "nl") -> dict | None:
    """VDAB's latest knelpuntberoepen count and top 3 with their pages, shown as context beside the signals
    (never as a signal); None when the warehouse has no list."""
    return knelpuntberoepen.signal_context(con, lang) if knelpuntberoepen.has_lists(con) else None


def evidence_metas(con, indicator_ids, lang: str = "nl") -> list[dict]:
    """Metadata (name, definition, source, licence) of the warehouse indicators a list of signals cites,
    once each in order of first mention: the Excel metadata sheet of the signals download."""
    out, seen = [], set()
    for ind in indicator_ids:
        if ind in seen:
            continue
        seen.add(ind)
        try:
            out.append(indicator(con, ind, lang))
        except KeyError:  # evidence from the policy store, not the warehouse
            continue
    return out
