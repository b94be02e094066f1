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

VIEWS = Path(__file__).parent / "views"

# (section key, view file, title key, icon, url path). One line per page; the first is the home page.
PAGES = [
    ("nav.section_analysis", "paradox.py", "nav.paradox", ":material/balance:", "paradox"),
    ("nav.section_analysis", "indicators.py", "nav.indicators", ":material/query_stats:", "indicatoren"),
    ("nav.section_about", "sources.py", "nav.sources", ":material/database:", "bronnen"),
]


def navigation(lang: str) -> dict[str, list]:
    sections: dict[str, list] = {}
    for i, (section, view, title, icon, url) in enumerate(PAGES):
        page = st.Page(VIEWS / view, title=t(title, lang), icon=icon, url_path=url, default=i == 0)
        sections.setdefault(t(section, lang), []).append(page)
    return sections


st.set_page_config(page_title="Gent, stad in werking", page_icon=":material/work:", layout="wide")
lang = language_switch()
st.navigation(navigation(lang)).run()
