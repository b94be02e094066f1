"""The Ontmoetingen en fora page (views/evenementen.py): events upcoming and past, filtered by kind and
objective (kept in the URL), in both languages."""

from __future__ import annotations

import pytest

from dashboard.i18n import t
from tests.app_support import run_page


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_page_lists_the_real_conference_as_past_and_the_example_as_planned(use_warehouse, lang):
    at = run_page("views/evenementen.py", lang=lang)
    assert at.title[0].value == t("evenementen.title", lang)
    headers = [h.value for h in at.header]
    assert headers == [t("evenementen.upcoming", lang, n=1), t("evenementen.past", lang, n=1)]
    planned, past = (df.value for df in at.dataframe)
    title = t("evenementen.col.title", lang)
    assert past.iloc[0][t("evenementen.col.date", lang)] == "1999"
    assert past.iloc[0][t("evenementen.col.kind", lang)] == t("evenementen.kind.conference", lang)
    assert planned.iloc[0][title].endswith(f"({t('policy.example', lang)})")
    assert planned.iloc[0][t("evenementen.col.objectives", lang)] == (
        "Voorbeeld: minder jongeren (18-24 jaar) werkzoekend"
        if lang == "nl"
        else "Example: fewer young people (18-24) seeking work"
    )


def test_filters_and_examples_toggle(use_warehouse):
    at = run_page("views/evenementen.py", examples="0")
    assert [h.value for h in at.header] == ["Gepland (0)", "Voorbij (1)"]
    assert at.info[0].value == t("evenementen.none_upcoming", "nl")
    at = run_page("views/evenementen.py", objective="vb-jongeren")
    assert [h.value for h in at.header] == ["Gepland (1)", "Voorbij (0)"]
    at = run_page("views/evenementen.py", kind="lunch_talk")
    assert [h.value for h in at.header] == ["Gepland (1)", "Voorbij (0)"]


def test_an_event_added_by_an_editor_appears_with_its_partners(
    use_warehouse, page_store, monkeypatch
):
    store = page_store
    store.create(
        "partners",
        "vdab-test",
        {"name": "VDAB", "org_type": "vdab", "partner_role": "active", "is_example": True},
        user="Editor",
    )
    store.create(
        "events",
        "intervisie-2099",
        {
            "title_nl": "Intervisie trajectbegeleiders",
            "kind": "intervision",
            "event_date": "2099-05-12",
            "partner_ids": ["vdab-test"],
            "location": "Gent",
            "is_example": True,
        },
        user="Editor",
    )
    monkeypatch.delenv("GSIW_LOCAL_ADMIN")
    at = run_page("views/evenementen.py")
    planned = at.dataframe[0].value
    row = planned[planned["Titel"].str.startswith("Intervisie")].iloc[0]
    assert (row["Soort"], row["Partners"], row["Plaats"], row["Datum"]) == (
        "intervisie",
        "VDAB",
        "Gent",
        "2099-05-12",
    )
