"""Navigation: each app offers exactly its declared pages, in both languages.

An internal page (load status, build errors, the policy editor) appearing in the public app, or a
page silently dropped from the internal one, fails here. The pages are read from what Streamlit
registered after a run (AppTest keeps them in `_registered_pages`, the table `st.navigation` fills).
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from pipelines.config import ROOT
from tests.app_support import run_page

INTERNAL = {
    "nl": [
        ("De paradox", "views/paradox.py"),
        ("Werkzoekenden", "views/werkzoekenden.py"),
        ("Vacatures", "views/vacatures.py"),
        ("Pendel", "views/pendel.py"),
        ("Kaart", "views/kaart.py"),
        ("Indicatoren", "views/indicators.py"),
        ("Doelstellingen", "views/doelstellingen.py"),
        ("Partners", "views/partners.py"),
        ("Actiegroepen", "views/actiegroepen.py"),
        ("Projecten", "views/projecten.py"),
        ("Signalen", "views/signalen.py"),
        ("Ontmoetingen en fora", "views/evenementen.py"),
        ("Sinds de vorige vergadering", "views/vergadering.py"),
        ("Agenda en besluiten", "views/agenda.py"),
        ("Presentatie", "views/presentatie.py"),
        ("Beleid bewerken", "views/beleid_editor.py"),
        ("Bronnen", "views/sources.py"),
    ],
    "en": [
        ("The paradox", "views/paradox.py"),
        ("Job seekers", "views/werkzoekenden.py"),
        ("Vacancies", "views/vacatures.py"),
        ("Commuting", "views/pendel.py"),
        ("Map", "views/kaart.py"),
        ("Indicators", "views/indicators.py"),
        ("Objectives", "views/doelstellingen.py"),
        ("Partners", "views/partners.py"),
        ("Action groups", "views/actiegroepen.py"),
        ("Projects", "views/projecten.py"),
        ("Signals", "views/signalen.py"),
        ("Events and forums", "views/evenementen.py"),
        ("Since the last meeting", "views/vergadering.py"),
        ("Agenda and decisions", "views/agenda.py"),
        ("Presentation", "views/presentatie.py"),
        ("Edit policy", "views/beleid_editor.py"),
        ("Sources", "views/sources.py"),
    ],
}
PUBLIC = {
    "nl": [
        ("Samenvatting", "public_views/summary.py"),
        ("Partners", "public_views/partners.py"),
        ("Over de cijfers", "public_views/about.py"),
    ],
    "en": [
        ("Summary", "public_views/summary.py"),
        ("Partners", "public_views/partners.py"),
        ("About the figures", "public_views/about.py"),
    ],
}


def registered(at: AppTest) -> list[tuple[str, str]]:
    return [
        (p["page_name"], p["script_path"].split("/dashboard/", 1)[1])
        for p in at._registered_pages.values()
    ]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_internal_app_offers_exactly_its_pages(use_warehouse, lang):
    assert registered(run_page(lang=lang)) == INTERNAL[lang]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_public_app_offers_exactly_its_pages(use_warehouse, lang):
    at = AppTest.from_file(str(ROOT / "dashboard" / "public.py"), default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert registered(at) == PUBLIC[lang]
