"""The brief's "turn the curve" section: per objective-indicator link with a note or a forecast, where the
curve goes if nothing changes (policy.forecast) and what the Policy Group noted (curve_notes).

Why a separate module: the section is read from the brief's current series and the policy store, not
from the comparison of two warehouse states, so it stays apart from `model`/`render` (and their
sections, tables and packs). Same `Item`/`Section` shapes, so the meeting page draws it like the others.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from dashboard.brief import render as R
from dashboard.brief.model import Brief
from dashboard.brief.model import Link
from dashboard.brief.model import SeriesKey
from dashboard.i18n import t
from dashboard.queries.curve import Curve
from dashboard.queries.curve import forecast_sentence
from dashboard.queries.curve import note_parts
from policy.forecast import Forecast
from policy.forecast import forecast
from policy.forecast import latest_note
from policy.progress import assess

KEY = "curve"


def curve_items(brief: Brief, store, lang: str, *, examples: bool = True) -> list[R.Item]:
    """One item per link that has a note or a forecast, in the order of the links in the store."""
    return [item for item, _ in entries(brief, store, lang, examples=examples)]


def entries(brief: Brief, store, lang: str, *, examples: bool = True) -> list[tuple[R.Item, Curve]]:
    """Each item with the curve it describes (the page draws the curve with its projection)."""
    notes = store.records("curve_notes")
    partners = {p["id"]: p for p in store.records("partners")}
    items = []
    for link in store.records("links"):
        obj = brief.objectives.get(link["objective_id"]) or {}
        example = bool(link.get("is_example") or obj.get("is_example"))
        if example and not examples:
            continue
        key = SeriesKey(
            link["indicator_id"], link["geo_code"], link["breakdown"], link["breakdown_value"]
        )
        meta = brief.indicators.get(link["indicator_id"])
        points = brief.series.get(key, ())
        df = pd.DataFrame(points, columns=["period", "value"]).assign(
            source_id=(meta or {}).get("source_id")
        )
        fc = forecast(df, target_year=link.get("target_year")) if meta else Forecast("no_series")
        note = latest_note(notes, link["id"])
        if not fc.ok and note is None:
            continue
        curve = Curve(
            link,
            assess(link, df, indicator_exists=meta is not None),
            df,
            meta,
            fc,
            fc.frame(),
            note,
            sum(n["link_id"] == link["id"] for n in notes),
        )
        parts = [
            f"**{R._objective(brief, link['objective_id'], lang)}** – "
            f"{R._ind_name(brief, link['indicator_id'], lang)}, {R.area(brief, key, lang)}."
        ]
        if points:
            unit = (meta or {}).get("unit", "")
            parts.append(
                t(
                    "curve.brief.latest",
                    lang,
                    value=R.num(points[-1][1], unit, lang),
                    period=points[-1][0],
                )
            )
        parts.append(forecast_sentence(curve, lang))
        if note:
            noted = "; ".join(
                f"*{head}*: {text}" for head, text in note_parts(note, partners, lang)
            )
            parts.append(f"{t('curve.note', lang, date=note['note_date'])}: {noted}")
        p = curve.progress
        items.append(
            (
                R.Item(
                    KEY,
                    " ".join(parts),
                    Link.make("views/doelstellingen.py", "doelstellingen", plan=obj.get("plan_id")),
                    "neutral",
                    example,
                    key if len(points) >= 2 else None,
                    None,
                    (p.target_year, p.target_value) if p.target_value is not None else None,
                    label=t("curve.brief.label", lang),
                ),
                curve,
            )
        )
    return items


def curve_section(
    brief: Brief, store, lang: str, *, examples: bool = True, charts: bool = True
) -> R.Section:
    """The section as the brief's renderers take it. `charts=False` for the PDF pack, whose chart would
    show the series without its projection."""
    items = curve_items(brief, store, lang, examples=examples)
    if not charts:
        items = [replace(i, chart=None) for i in items]
    return R.Section(
        KEY,
        t("curve.brief.title", lang),
        t("curve.brief.intro", lang),
        t("curve.brief.none", lang),
        items,
    )


def show(brief: Brief, store, lang: str, *, examples: bool = True) -> None:
    """Draw the section on the meeting page like the brief's other sections; the curve with its
    projection on request (a chart per item on every click made the page slow, docs/performance.md)."""
    from dashboard import charts_results as C
    from dashboard.brief import page as P
    from dashboard.policy_ui import evidence_link
    from dashboard.queries.curve import chart_labels

    found = entries(brief, store, lang, examples=examples)
    st.header(t("curve.brief.title", lang))
    st.caption(t("curve.brief.intro", lang))
    if not found:
        st.markdown(t("curve.brief.none", lang))
    for i, (item, curve) in enumerate(found):
        with st.container(border=True):
            st.markdown(P.badge(item, lang))
            st.markdown(item.text)
            if item.chart and st.toggle(t("meeting.chart.show", lang), key=f"show_{KEY}_{i}"):
                label = f"{R._ind_name(brief, item.chart.indicator_id, lang)} · {R.area(brief, item.chart, lang)}"
                p = curve.progress
                fig = C.curve_chart(
                    curve.series,
                    curve.projection,
                    title=label,
                    unit=curve.unit,
                    lang=lang,
                    labels=chart_labels(curve, label, lang),
                    baseline=(p.baseline_period, p.baseline_value)
                    if p.baseline_value is not None
                    else None,
                    target=(p.target_year, p.target_value) if p.target_value is not None else None,
                )
                st.plotly_chart(fig, key=f"chart_{KEY}_{i}", config={"displaylogo": False})
            evidence_link(item.link, lang)
