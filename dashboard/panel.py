"""One piece of evidence on an analysis page: chart or table, its source and period, notes, downloads.

Why one helper: every chart on every analysis page must name its source and period, offer "show as
table", download exactly what is shown (CSV and Excel) and say "no data for X in period Y" instead
of drawing an empty chart. Doing that in one place keeps the pages thin and consistent.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from collections.abc import Mapping
from datetime import date
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from dashboard.exports import download_buttons
from dashboard.i18n import fmt_change
from dashboard.i18n import fmt_number
from dashboard.i18n import fmt_value
from dashboard.i18n import t
from dashboard.ui import no_data
from dashboard.ui import source_caption


def _is_missing(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA


def display_frame(table: pd.DataFrame, units: Mapping[str, str], lang: str) -> pd.DataFrame:
    """The table as the viewer reads it: Belgian number formats, units, "–" for a missing value."""
    out = table.copy()
    for col in out.columns:
        if col in units:
            out[col] = [fmt_value(v, units[col], lang) for v in out[col]]
        elif pd.api.types.is_float_dtype(out[col]):
            whole = all(_is_missing(v) or float(v).is_integer() for v in out[col])
            out[col] = [fmt_number(v, lang, 0 if whole else 1) for v in out[col]]
        else:  # Streamlit would draw a missing cell as a grey "None"
            out[col] = ["–" if _is_missing(v) else v for v in out[col]]
    return out


def view_link() -> str:
    """The query string that reproduces the current view (the page path is in the browser bar)."""
    pairs = [(k, v) for k in st.query_params for v in st.query_params.get_all(k)]
    return "?" + urlencode(pairs)


def metadata(title: str, metas: Iterable[dict], period: str, notes: Iterable[str], lang: str) -> dict[str, str]:
    """What the Excel metadata sheet says: the view, its period and link, and per indicator its source."""
    out = {t("export.view", lang): title, t("export.period", lang): period, t("export.link", lang): view_link(),
           t("export.generated", lang): date.today().isoformat()}
    from dashboard.provenance import localise

    for i, m in enumerate(metas, start=1):
        m = localise(m, lang)
        sfx = f" {i}"
        out[t("export.indicator", lang) + sfx] = str(m.get("name", ""))
        out[t("export.definition", lang) + sfx] = str(m.get("definition", ""))
        out[t("export.source", lang) + sfx] = f"{m.get('publisher', '')} – {m.get('source_title', '')}"
        out[t("export.licence", lang) + sfx] = str(m.get("licence", ""))
        if m.get("attribution"):
            out[t("export.attribution", lang) + sfx] = str(m["attribution"])
        if m.get("source_note"):
            out[t("export.notes", lang) + sfx] = m["source_note"]
    for j, note in enumerate(notes, start=1):
        out[t("export.note", lang) + f" {j}"] = note
    return out


def evidence(
    fig,
    table: pd.DataFrame,
    *,
    key: str,
    title: str,
    lang: str,
    metas: list[dict],
    period: str,
    what: str | None = None,
    notes: Iterable[str] = (),
    units: Mapping[str, str] | None = None,
    view: str | None = None,
    narrow: bool = False,
) -> bool:
    """Show a chart (or, toggled, its table) with source, period, notes and CSV/Excel of `table`.

    Returns False, after saying "no data for `what` in `period`", when there is nothing to show.
    """
    notes = [n for n in notes if n]
    if fig is None or table is None or table.empty:
        no_data(lang, what or title, period)
        return False
    as_table = st.toggle(t("panel.as_table", lang), key=f"{key}_as_table")
    if as_table:
        st.markdown(f"**{title}**")
        st.dataframe(display_frame(table, units or {}, lang), hide_index=True, width="stretch")
    else:
        if narrow:  # a half-width column: long titles wrap instead of running off the chart
            from dashboard.charts import wrap_title

            wrap_title(fig)
        st.plotly_chart(fig, key=f"{key}_chart", config={"displaylogo": False})
    seen = set()
    for meta in metas:  # one caption per source, however many of its indicators the chart uses
        if (meta.get("publisher"), meta.get("source_title")) not in seen:
            seen.add((meta.get("publisher"), meta.get("source_title")))
            source_caption(meta, lang, periods=period)
    # A note already printed on the chart is not repeated beneath it (it is, when the table is shown).
    from dashboard.charts import _notes

    on_chart = " ".join(" ".join(_notes(fig)).split()) if not as_table else ""
    for note in notes:
        if " ".join(note.split()) not in on_chart:
            st.caption(note)
    from dashboard.provenance import localise

    sources = list(dict.fromkeys(localise(m, lang)["publisher"] for m in metas))
    download_buttons(table, view or title, metadata(title, metas, period, notes, lang), lang, key, units=units,
                     source="; ".join(sources) or None, period=period)
    return True


def delta_text(head: dict, unit: str, lang: str) -> str | None:
    """Change against the previous period (dashboard.i18n.fmt_change: percentage points for rates)."""
    if head.get("prev_value") is None or _is_missing(head.get("prev_value")):
        return None
    text = fmt_change(head["value"] - head["prev_value"], unit, lang, minus="-")
    return f"{text} {t('panel.vs', lang, period=head.get('prev_label') or head['prev_period'])}"


def metric_card(slot, label: str, head: dict | None, unit: str, lang: str, direction: str = "neutral",
                help: str | None = None) -> None:
    """A headline figure with its change; "–" and a note when the area has no value."""
    if head is None:
        slot.metric(label, "–", help=help or t("panel.no_value", lang))
        return
    colour = {"higher_is_worse": "inverse", "higher_is_better": "normal"}.get(direction, "off")
    slot.metric(label, fmt_value(head["value"], unit, lang), delta=delta_text(head, unit, lang), delta_color=colour,
                help=help)
