"""Small Streamlit helpers shared by the pages: language, warehouse guard, captions, downloads."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from dashboard import db
from dashboard.i18n import DEFAULT_LANG
from dashboard.i18n import LANGS
from dashboard.i18n import normalise
from dashboard.i18n import t


def lang() -> str:
    """The UI language, kept in the URL (?lang=en) so a shared link opens in the same language."""
    current = normalise(st.query_params.get("lang") or st.session_state.get("lang") or DEFAULT_LANG)
    st.session_state["lang"] = current
    if st.query_params.get("lang") != current:
        st.query_params["lang"] = current
    return current


def language_switch() -> str:
    current = lang()
    choice = st.sidebar.radio(
        t("app.language", current), LANGS, index=LANGS.index(current), horizontal=True,
        format_func=lambda code: {"nl": "Nederlands", "en": "English"}[code], key="lang_switch",
    )
    if choice != current:
        st.session_state["lang"] = choice
        st.query_params["lang"] = choice
        st.rerun()
    return current


def connection_or_stop(lang_: str, *, public: bool = False):
    """Open the warehouse, or explain how to build it instead of showing a stack trace.

    The public app (`public=True`) tells citizens only that the figures are temporarily unavailable:
    no server path, no build command (those go to the server log)."""
    try:
        return db.connection()
    except (db.WarehouseMissing, db.WarehouseUnreadable) as exc:
        if public:
            import logging

            logging.getLogger("gsiw.public").error("public app: warehouse not available: %r", exc)
            st.info(t("public.unavailable", lang_))
            st.stop()
        _warehouse_help(exc, lang_)


def _warehouse_help(exc: Exception, lang_: str) -> None:
    """Internal app: say what is wrong with the warehouse and the command that fixes it, then stop."""
    if isinstance(exc, db.WarehouseMissing):
        st.error(t("app.no_warehouse", lang_, path=str(exc)))
        st.code("make run\n# or: .venv/bin/python -m pipelines build --offline", language="bash")
    else:  # damaged file: no path or DuckDB message on screen, just the fix
        st.error(t("reliability.warehouse_unreadable", lang_))
        st.code(".venv/bin/python -m pipelines build --offline", language="bash")
    st.stop()


def page_header(key: str, lang_: str) -> None:
    """A page's title and lead paragraph, from its locale keys `<key>.title` and `<key>.lead`."""
    st.title(t(f"{key}.title", lang_))
    st.markdown(t(f"{key}.lead", lang_))


def source_caption(meta: dict, lang_: str, periods: str | None = None) -> None:
    """Every chart names its source (in the reader's language, dashboard/provenance.py) and period beneath it."""
    from dashboard.provenance import localise

    meta = localise(meta, lang_)
    period = periods or f"{meta.get('first_period')}–{meta.get('last_period')}"
    st.caption(t("app.source_caption", lang_, source=meta["publisher"], title=meta["source_title"], period=period))


def no_data(lang_: str, what: str, period: str) -> None:
    st.info(t("app.no_data", lang_, what=what, period=period))


def download_csv(df: pd.DataFrame, view: str, lang_: str, key: str) -> None:
    """The pages' tables go through the one export path (dashboard/exports.py): CSV in the UI's
    convention and Excel, named with the view and today's date."""
    from dashboard.exports import download_buttons

    download_buttons(df, view, {t("export.view", lang_): view, t("export.generated", lang_): date.today().isoformat()},
                     lang_, key)


# Metric labels wrap instead of ending in "…": a label cut at 1280 px ("Werkzoekenden zonder werk Gen…")
# cannot be quoted. Slides hide the sidebar and its toggle so one message fills the projector.
_READABLE_CSS = """<style>
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  height: auto !important; max-width: none !important;
}
</style>"""
_PRESENTATION_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding-top: 1.5rem !important; padding-bottom: 1rem !important;
  max-width: 100% !important; }
</style>"""


def readable_page() -> None:
    """Page-wide style both apps apply once per run (metric labels never truncated)."""
    st.html(_READABLE_CSS)


def presentation_mode() -> None:
    """The presentation view: no sidebar, no header, the slide uses the whole screen."""
    st.html(_PRESENTATION_CSS)
