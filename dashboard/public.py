"""Public entry point: `streamlit run dashboard/public.py` (its own port, see `make run-public`).

Only the pages listed here exist in this app: no policy store (except the published list of partner
organisations, read-only: dashboard/public_store.py), no editor, no internal signals,
no load logs. It reads the same warehouse through the same query layer as the internal app.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from dashboard.heap import freeze_after_new_code  # noqa: E402
from dashboard.i18n import t  # noqa: E402
from dashboard.ui import language_switch  # noqa: E402
from dashboard.ui import readable_page  # noqa: E402

PUBLIC_VIEWS = Path(__file__).resolve().parent / "public_views"
# (view file, title key, icon, url path). The public app's complete list of pages.
PUBLIC_PAGES = [
    ("summary.py", "public.nav_summary", ":material/home:", "samenvatting"),
    ("partners.py", "public.nav_partners", ":material/handshake:", "partners"),
    ("about.py", "public.nav_about", ":material/info:", "over-de-cijfers"),
]


def navigation(lang: str) -> list:
    return [
        st.Page(PUBLIC_VIEWS / view, title=t(title, lang), icon=icon, url_path=url, default=i == 0)
        for i, (view, title, icon, url) in enumerate(PUBLIC_PAGES)
    ]


st.set_page_config(page_title="Gent aan het werk – cijfers", page_icon=":material/work:", layout="wide",
                   menu_items={"Get help": None, "Report a bug": None, "About": None})
lang = language_switch()
readable_page()  # metric labels wrap on a 1280 px projector (dashboard/ui.py)
st.navigation(navigation(lang), position="top").run()
freeze_after_new_code()  # first visit of a page: keep the collector off the long-lived heap (dashboard/heap.py)
