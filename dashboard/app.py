"""Entry point: `streamlit run dashboard/app.py`. Navigation, language and page setup only."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `streamlit run` puts only dashboard/ on the path
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from dashboard.auth import local_mode  # noqa: E402
from dashboard.auth import login_wall  # noqa: E402
from dashboard.auth import oidc_configured  # noqa: E402
from dashboard.heap import freeze_after_new_code  # noqa: E402
from dashboard.i18n import t  # noqa: E402
from dashboard.ui import language_switch  # noqa: E402
from dashboard.ui import readable_page  # noqa: E402

VIEWS = Path(__file__).resolve().parent / "views"

# (section key, view file, title key, icon, url path). One line per page; the first is the home page.
PAGES = [
    ("nav.section_analysis", "paradox.py", "nav.paradox", ":material/balance:", "paradox"),
    ("nav.section_analysis", "werkzoekenden.py", "nav.jobseekers", ":material/person_search:", "werkzoekenden"),
    ("nav.section_analysis", "vacatures.py", "nav.vacancies", ":material/work_outline:", "vacatures"),
    ("nav.section_analysis", "pendel.py", "nav.commuting", ":material/commute:", "pendel"),
    ("nav.section_analysis", "kaart.py", "nav.map", ":material/map:", "kaart"),
    ("nav.section_analysis", "indicators.py", "nav.indicators", ":material/query_stats:", "indicatoren"),
    # new-page: analysis pages are added above this line
    ("nav.section_policy", "doelstellingen.py", "nav.objectives", ":material/flag:", "doelstellingen"),
    ("nav.section_policy", "partners.py", "partners.nav", ":material/handshake:", "partners"),
    ("nav.section_policy", "actiegroepen.py", "nav.action_groups", ":material/groups:", "actiegroepen"),
    ("nav.section_policy", "projecten.py", "projecten.nav", ":material/rocket_launch:", "projecten"),
    ("nav.section_policy", "signalen.py", "nav.signals", ":material/notifications_active:", "signalen"),
    ("nav.section_policy", "evenementen.py", "evenementen.nav", ":material/event:", "evenementen"),
    ("nav.section_policy", "vergadering.py", "nav.meeting", ":material/summarize:", "vergadering"),
    ("nav.section_policy", "agenda.py", "agenda.nav", ":material/checklist:", "agenda"),
    ("nav.section_policy", "presentatie.py", "nav.presentation", ":material/slideshow:", "presentatie"),
    ("nav.section_policy", "beleid_editor.py", "nav.policy_editor", ":material/edit_note:", "beleid-bewerken"),
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
readable_page()  # metric labels wrap on a 1280 px projector (dashboard/ui.py)
user = login_wall(lang)  # internal pages: OIDC sign-in, or the explicit local mode (docs/deployment.md)
st.sidebar.caption(t("auth.signed_in_as", lang, name=user.name))
if oidc_configured() and not local_mode():  # signs out here and at the identity provider
    st.sidebar.button(t("auth.logout", lang), on_click=st.logout, key="sign_out")
st.navigation(navigation(lang), expanded=True).run()  # 13+ pages: never hide Bronnen behind "View more"
freeze_after_new_code()  # first visit of a page: keep the collector off the long-lived heap (dashboard/heap.py)
