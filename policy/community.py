"""The community side of the partnership: network events, intervision, lunch talks and other forums.

The charter (2017) names them ("ontmoetings- en intervisiefora, denkdagen, lunchlezingen"); network
partners take part in them. Pure functions over the store's `events` records.
"""

from __future__ import annotations

import calendar
from datetime import date


def last_day(value: str) -> str:
    """The last day a partial date covers: 1999 -> 1999-12-31, 2027-02 -> 2027-02-28 (sources are vague,
    so an event dated by month or year counts as upcoming until that month or year is over)."""
    parts = [int(p) for p in str(value).split("-")]
    if len(parts) == 3:
        return date(*parts).isoformat()
    year, month = parts[0], parts[1] if len(parts) == 2 else 12
    return date(year, month, calendar.monthrange(year, month)[1]).isoformat()


def split(events: list[dict], today: date) -> tuple[list[dict], list[dict]]:
    """(upcoming, soonest first; past, latest first)."""
    day = today.isoformat()
    coming = sorted(
        (e for e in events if last_day(e["event_date"]) >= day), key=lambda e: str(e["event_date"])
    )
    past = sorted(
        (e for e in events if last_day(e["event_date"]) < day),
        key=lambda e: str(e["event_date"]),
        reverse=True,
    )
    return coming, past


def for_objective(events: list[dict], objective_id: str) -> list[dict]:
    """Events linked to an objective, latest first."""
    return sorted(
        (e for e in events if objective_id in (e.get("objective_ids") or [])),
        key=lambda e: str(e["event_date"]),
        reverse=True,
    )
