"""Entry point: `streamlit run dashboard/app.py`. Navigation, language and page setup only."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `streamlit run` puts only dashboard/ on the path
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from dashboard.i18n import t  # noqa: E402
from dashboard.ui import language_switch  # noqa: E402

st.set_page_config(page_title="Gent, stad in werking", page_icon=":material/work:", layout="wide")
lang = language_switch()

VIEWS = Path(__file__).parent / "views"
pages = [
    st.Page(VIEWS / "paradox.py", title=t("nav.paradox", lang), icon=":material/balance:", url_path="paradox",
            default=True),
    st.Page(VIEWS / "indicators.py", title=t("nav.indicators", lang), icon=":material/query_stats:",
            url_path="indicatoren"),
    st.Page(VIEWS / "sources.py", title=t("nav.sources", lang), icon=":material/database:", url_path="bronnen"),
]
st.navigation(pages).run()
