"""Small Streamlit helpers shared by the pages: language, warehouse guard, captions, downloads."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import db
from dashboard.exports import file_name, to_csv
from dashboard.i18n import DEFAULT_LANG, LANGS, normalise, t


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


def source_caption(meta: dict, lang_: str, periods: str | None = None) -> None:
    """Every chart names its source and period beneath it."""
    period = periods or f"{meta.get('first_period')}–{meta.get('last_period')}"
    st.caption(t("app.source_caption", lang_, source=meta["publisher"], title=meta["source_title"], period=period))


def no_data(lang_: str, what: str, period: str) -> None:
    st.info(t("app.no_data", lang_, what=what, period=period))


def download_csv(df: pd.DataFrame, view: str, lang_: str, key: str) -> None:
    """CSV of exactly the rows shown, named with the view and today's date (the one CSV writer:
    `exports.to_csv`, with the byte-order mark Excel needs for accents)."""
    st.download_button(t("app.download_csv", lang_), to_csv(df), file_name=file_name(view, "csv"),
                       mime="text/csv", key=key)
