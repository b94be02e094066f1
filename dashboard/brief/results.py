"""The brief's "new project results" section: performance-measure values and the City's budget or the
Policy Group's advice entered or changed after the meeting day, read from the policy store's audit trail.

Why a separate module: like the turn-the-curve section it reads the policy store, not the comparison of
two warehouse states; the same `Item`/`Section` shapes, so the page and the PDF pack draw it like the rest.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard.brief import render as R
from dashboard.brief.model import Link
from dashboard.i18n import fmt_number
from dashboard.i18n import t
from dashboard.policy_ui import evidence_link
from dashboard.policy_ui import loc

KEY = "results"
ENTITIES = ("measure_values", "project_funding")


def _changed(store, since: date) -> list[tuple[str, str, str]]:
    """(entity, id, action) of records created or updated after the meeting day (the seed excepted), newest first."""
    day = since.isoformat()
    seen: dict[tuple[str, str], str] = {}
    for r in store.audit_log(limit=None):  # newest first
        if r["entity"] in ENTITIES and r["at"][:10] > day and not r["via"].startswith("seed"):
            seen.setdefault((r["entity"], r["entity_id"]), r["action"])
    return [(e, i, a) for (e, i), a in seen.items() if a != "delete"]


def results_items(store, since: date, lang: str, *, examples: bool = True) -> list[R.Item]:
    projects = {p["id"]: p for p in store.records("projects")}
    measures = {m["id"]: m for m in store.records("measures")}
    items = []
    for entity, rid, action in _changed(store, since):
        rec = store.get(entity, rid)
        if rec is None or (rec["is_example"] and not examples):
            continue
        if entity == "measure_values":
            m = measures.get(rec["measure_id"]) or {}
            pid = m.get("project_id")
            value = fmt_number(rec["value"], lang, 0 if float(rec["value"]).is_integer() else 1)
            text = t(
                "results.brief.value",
                lang,
                project=(projects.get(pid) or {}).get("name", "–"),
                kind=t(f"projecten.kind.{m.get('kind', 'how_much')}", lang),
                measure=loc(m, "name", lang),
                value=value,
                unit=loc(m, "unit", lang),
                period=rec["period"],
            )
        else:
            pid = rec["project_id"]
            budget = (
                fmt_number(rec["city_budget_eur"], lang, 0)
                if rec.get("city_budget_eur") is not None
                else "–"
            )
            advice = t(f"projecten.advice.{rec['advice']}", lang) if rec.get("advice") else "–"
            text = t(
                "results.brief.funding",
                lang,
                project=(projects.get(pid) or {}).get("name", "–"),
                year=rec["year"],
                budget=budget,
                advice=advice,
            )
        items.append(
            R.Item(
                KEY,
                text,
                Link.make("views/projecten.py", "projecten", project=pid),
                "neutral",
                bool(rec["is_example"]),
                label=t(f"meeting.action.{action}", lang),
            )
        )
    return items


def results_section(store, since: date, lang: str, *, examples: bool = True) -> R.Section:
    return R.Section(
        KEY,
        t("results.brief.title", lang),
        t("results.brief.intro", lang),
        t("results.brief.none", lang),
        results_items(store, since, lang, examples=examples),
    )


def show(store, since: date, lang: str, *, examples: bool = True) -> None:
    """Draw the section on the meeting page like the brief's other sections."""
    from dashboard.brief import page as P

    sec = results_section(store, since, lang, examples=examples)
    st.header(sec.title)
    st.caption(sec.intro)
    if not sec.items:
        st.markdown(sec.empty)
    for item in sec.items:
        with st.container(border=True):
            st.markdown(P.badge(item, lang))
            st.markdown(item.text)
            evidence_link(item.link, lang)
