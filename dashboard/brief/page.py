"""Streamlit pieces shared by the meeting page and the presentation view.

Why here: both pages pick the meeting the same way (URL `?since=`, else the previous meeting in the
calendar), compute the same brief and draw the same charts; keeping that in one place keeps the two
views consistent and the view files thin.
"""

from __future__ import annotations

from datetime import date
from datetime import timedelta
from urllib.parse import urlsplit

import pandas as pd
import streamlit as st

from dashboard import charts
from dashboard.brief import render as R
from dashboard.brief.model import Brief
from dashboard.brief.model import brief_for_connection
from dashboard.i18n import t
from pipelines.config import warehouse_path
from policy.store import previous_and_next

EXAMPLES = "examples"
SINCE = "since"
SLIDE = "slide"
PARAMS = (SINCE, EXAMPLES, SLIDE)  # the URL parameters of the meeting pages (tests/test_security.py reads this)


def _parse(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:  # a hand-edited URL: fall back to the calendar, never an error page
        return None


def meeting_label(m: dict, lang: str) -> str:
    text = R.day(date.fromisoformat(m["meeting_date"]), lang)
    return f"{text} ({t('policy.example', lang)})" if m.get("is_example") else text


def pick_since(store, lang: str, *, widget: bool = True) -> tuple[date, dict | None]:
    """The previous meeting's date: from the URL, else the last meeting before today, else 60 days ago."""
    meetings = store.meetings()
    today = date.today()
    prev, nxt = previous_and_next(meetings, today)
    wanted = _parse(st.query_params.get(SINCE))
    if wanted and wanted > today:  # a shared or typed link with a future date: explain, never an error page
        st.info(t("meeting.since_future", lang, date=R.day(wanted, lang)))
        wanted = None
    past = sorted((m for m in meetings if m["meeting_date"] < today.isoformat()),
                  key=lambda m: m["meeting_date"], reverse=True)
    by_date = {m["meeting_date"]: m for m in past}
    default = wanted or (date.fromisoformat(prev["meeting_date"]) if prev else today - timedelta(days=60))
    if not widget:
        since = default
    else:
        other = "other"
        options = [*by_date, other]
        index = options.index(default.isoformat()) if default.isoformat() in by_date else len(options) - 1
        choice = st.selectbox(t("meeting.choose", lang), options, index=index, key="meeting_pick",
                              format_func=lambda o: t("meeting.other_date", lang) if o == other
                              else meeting_label(by_date[o], lang))
        if choice == other:
            since = st.date_input(t("meeting.date", lang), value=default, max_value=today, key="meeting_date",
                                  format="DD/MM/YYYY")
        else:
            since = date.fromisoformat(choice)
    st.query_params[SINCE] = since.isoformat()
    return since, nxt


def examples_toggle(lang: str) -> bool:
    show = st.toggle(t("meeting.include_examples", lang), value=st.query_params.get(EXAMPLES, "1") != "0",
                     key="meeting_examples")
    st.query_params[EXAMPLES] = "1" if show else "0"
    return show


def compute(con, store, since: date) -> Brief:
    """The brief, computed once per warehouse build, policy-store revision, meeting date and day.

    Why cached: it reads both the warehouse now and as it was on `since` (~250 ms), and the meeting
    and presentation pages rerun on every click. Every input is in the key, so a cached brief is
    exact: a new build, an edit in the policy store or a new day computes it afresh."""
    from dashboard.db import warehouse_version

    path = warehouse_path()
    return _cached_brief(con, store, str(path), warehouse_version(path), store.revision(), since, date.today())


@st.cache_data(max_entries=16, show_spinner=False)
def _cached_brief(_con, _store, path: str, version: tuple, revision: str, since: date, today: date) -> Brief:
    # Arguments with a leading underscore are not hashed: the key is everything else.
    return brief_for_connection(_con, path, _store, since, today=today)


def base_url() -> str:
    """The dashboard's address as the browser sees it, for links inside downloaded files."""
    try:
        parts = urlsplit(st.context.url or "")
    except Exception:  # AppTest and bare script runs have no browser URL
        return "."
    if not parts.scheme:
        return "."
    path = parts.path.rsplit("/", 1)[0]
    return f"{parts.scheme}://{parts.netloc}{path}"


def item_chart(brief: Brief, item: R.Item, lang: str):
    """The item's series with the figure the meeting saw marked (and an objective's target), or None."""
    points = brief.series.get(item.chart) if item.chart else None
    if not points or len(points) < 2:
        return None
    df = pd.DataFrame(points, columns=["period", "value"])
    unit = (brief.indicators.get(item.chart.indicator_id) or {}).get("unit", "")
    marked = dict(points).get(item.mark_period) if item.mark_period else None
    title = f"{R._ind_name(brief, item.chart.indicator_id, lang)} · {R.area(brief, item.chart, lang)}"
    labels = {"series": R.area(brief, item.chart, lang), "baseline": t("meeting.chart.before", lang),
              "target": t("meeting.chart.target", lang)}
    return charts.target_chart(df, title=title, unit=unit, lang=lang, labels=labels,
                               baseline=(item.mark_period, marked) if marked is not None else None,
                               target=item.target)


def badge(item: R.Item, lang: str) -> str:
    colour = {"good": "blue", "bad": "orange", "neutral": "gray"}[item.tone]
    out = f":{colour}-badge[{item.label}]" if item.label else ""
    if item.is_example:
        out += f" :violet-badge[{t('policy.example', lang)}]"
    return out


def extra_sections(brief: Brief, store, since, lang: str, *, examples: bool = True) -> tuple:
    """The sections computed apart from the warehouse comparison (project results, turn the curve), for
    the presentation, both packs and the CLI, so each holds what the meeting page holds (charts=False:
    a curve drawn without its projection would mislead)."""
    from dashboard.brief import curves
    from dashboard.brief import results

    return (results.results_section(store, since, lang, examples=examples),
            curves.curve_section(brief, store, lang, examples=examples, charts=False))


def cached_extra_sections(brief: Brief, store, since: date, lang: str, *, examples: bool = True) -> tuple:
    """`extra_sections` for a page that reruns on every click (the presentation pages through it), cached
    on the same exact key as the brief plus the language: the curve section fits a projection per
    linked indicator."""
    from dashboard.db import warehouse_version

    path = warehouse_path()
    return _cached_extra(brief, store, str(path), warehouse_version(path), store.revision(), since, date.today(),
                         lang, examples)


@st.cache_data(max_entries=32, show_spinner=False)
def _cached_extra(_brief, _store, path: str, version: tuple, revision: str, since: date, today: date, lang: str,
                  examples: bool) -> tuple:
    return extra_sections(_brief, _store, since, lang, examples=examples)
