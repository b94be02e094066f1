"""Queries for the Ontmoetingen en fora page (views/evenementen.py): the partnership's events from the
policy store, upcoming and past, with the objectives and partners they are linked to."""

from __future__ import annotations

from datetime import date

import pandas as pd

from dashboard.i18n import t
from dashboard.policy_ui import loc
from policy.community import for_objective
from policy.community import split
from policy.store import EVENT_KINDS

__all__ = [
    "EVENT_KINDS",
    "event_rows",
    "events",
    "for_objective",
    "objective_options",
    "split",
    "today",
]


def events(
    store, *, examples: bool = True, kinds: list[str] | None = None, objective: str | None = None
) -> list[dict]:
    """The events to show: examples only when asked, of the chosen kinds, linked to the chosen objective."""
    out = [e for e in store.records("events") if examples or not e["is_example"]]
    if kinds:
        out = [e for e in out if e["kind"] in kinds]
    if objective:
        out = [e for e in out if objective in (e.get("objective_ids") or [])]
    return out


def objective_options(store, lang: str) -> dict[str, str]:
    """Objectives that have events, by title."""
    linked = {o for e in store.records("events") for o in (e.get("objective_ids") or [])}
    return {
        o["id"]: loc(o, "title", lang) for o in store.records("objectives") if o["id"] in linked
    }


def event_rows(store, items: list[dict], lang: str) -> pd.DataFrame:
    """One row per event: date, kind, title, theme, objectives, partners, place, link, source."""
    objectives = {o["id"]: loc(o, "title", lang) for o in store.records("objectives")}
    partners = {p["id"]: p["name"] for p in store.records("partners")}
    return pd.DataFrame(
        [
            {
                t("evenementen.col.date", lang): e["event_date"],
                t("evenementen.col.kind", lang): t(f"evenementen.kind.{e['kind']}", lang),
                t("evenementen.col.title", lang): loc(e, "title", lang)
                + (f" ({t('policy.example', lang)})" if e["is_example"] else ""),
                t("evenementen.col.theme", lang): loc(e, "theme", lang) or "–",
                t("evenementen.col.objectives", lang): "; ".join(
                    objectives.get(o, o) for o in e.get("objective_ids") or []
                )
                or "–",
                t("evenementen.col.partners", lang): ", ".join(
                    partners.get(p, p) for p in e.get("partner_ids") or []
                )
                or "–",
                t("evenementen.col.location", lang): e.get("location") or "–",
                t("evenementen.col.url", lang): e.get("url") or "–",
                t("evenementen.col.source", lang): e.get("source") or "–",
            }
            for e in items
        ],
        columns=[
            t(f"evenementen.col.{c}", lang)
            for c in (
                "date",
                "kind",
                "title",
                "theme",
                "objectives",
                "partners",
                "location",
                "url",
                "source",
            )
        ],
    )


def today() -> date:
    return date.today()
