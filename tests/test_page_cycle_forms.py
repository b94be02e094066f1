"""The working cycle's dedicated forms under AppTest: field signals on Signalen (submit as a viewer, review and
promote as an editor), a report on Actiegroepen, and the presentation following the next meeting's agenda."""

from __future__ import annotations

import pytest

from dashboard.i18n import t
from policy.store import PolicyStore
from tests.app_support import run_page


@pytest.fixture
def db(tmp_path, monkeypatch):
    path = tmp_path / "forms.sqlite"
    monkeypatch.setenv("GSIW_POLICY_DB", str(path))
    monkeypatch.setenv("GSIW_EDITOR", "Tester")
    return path


def text_of(at) -> str:
    return "\n".join(
        str(x.value) for x in [*at.markdown, *at.caption, *at.header, *at.subheader, *at.success]
    )


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_accepted_field_signals_show_beside_the_data_signals_with_their_origin(
    use_warehouse, db, lang
):
    at = run_page("views/signalen.py", lang=lang, examples="1")
    text = text_of(at)
    assert t("cycle.field.title", lang) in [h.value for h in at.header]
    title = (
        "Voorbeeld: veel vacatures voor lassers"
        if lang == "nl"
        else "Example: many vacancies for welders"
    )
    assert title in text and "(VDAB)" in text and "2026-10-20" in text
    # a viewer may submit (the form is there) but reviews nothing
    assert [e for e in at.expander if e.label == t("cycle.field.submit_title", lang)]
    assert not [b for b in at.button if b.label == t("cycle.field.accept", lang)]


def test_a_viewer_submits_and_an_editor_accepts_and_promotes(use_warehouse, db, monkeypatch):
    at = run_page("views/signalen.py", lang="nl")
    at.text_input(key="signals_submitter").input("Vera Viewer")
    at.run()
    at.text_input(key="fs_title").input("Veel vacatures voor poetshulp, weinig kandidaten")
    at.selectbox(key="fs_partner").select("ocmw-gent")
    next(b for b in at.button if b.label == t("cycle.field.f.submit", "nl")).click().run()
    assert not at.exception, [e.message for e in at.exception]
    store = PolicyStore(db)
    sub = next(
        f
        for f in store.records("field_signals")
        if f["title_nl"].startswith("Veel vacatures voor poets")
    )
    assert (
        sub["status"] == "submitted"
        and sub["updated_by"] == "Vera Viewer"
        and sub["partner_id"] == "ocmw-gent"
    )
    assert "Veel vacatures voor poetshulp" not in text_of(at)  # not shown before review

    monkeypatch.setenv("GSIW_LOCAL_MODE", "editor")
    at = run_page("views/signalen.py", lang="nl")
    assert t("cycle.field.review_title", "nl", n=1) in [s.value for s in at.subheader]
    at.text_area(key=f"note_{sub['id']}").input("Bevestigd door VDAB-cijfers")
    next(b for b in at.button if b.label == t("cycle.field.accept", "nl")).click().run()
    assert not at.exception, [e.message for e in at.exception]
    rec = PolicyStore(db).get("field_signals", sub["id"])
    assert rec["status"] == "accepted" and rec["review_note_nl"] == "Bevestigd door VDAB-cijfers"
    at = run_page("views/signalen.py", lang="nl")
    assert "Veel vacatures voor poetshulp, weinig kandidaten" in text_of(at)
    at.button(key=f"promote_{sub['id']}").click().run()
    rec = PolicyStore(db).get("field_signals", sub["id"])
    item = PolicyStore(db).get("agenda_items", rec["agenda_item_id"])
    assert item["meeting_id"] == "vb-beleidsgroep-2027-01-19" and item["kind"] == "field_signal"


def test_an_editor_adds_a_report_on_the_action_groups_page(use_warehouse, db, monkeypatch):
    monkeypatch.setenv("GSIW_LOCAL_MODE", "editor")
    at = run_page("views/actiegroepen.py", lang="nl")
    at.text_area(key="rep_progress_vb-ag-jongeren").input("Derde werksessie gehouden.")
    at.number_input(key="rep_fte_vb-ag-jongeren").set_value(0.8)
    # each group has its own form; the button's id names the form it submits
    next(
        b
        for b in at.button
        if b.label == t("cycle.reports.save", "nl") and "vb-ag-jongeren" in b.id
    ).click().run()
    assert not at.exception, [e.message for e in at.exception]
    rep = [
        r
        for r in PolicyStore(db).records("reports")
        if r["progress_nl"] == "Derde werksessie gehouden."
    ]
    assert len(rep) == 1 and rep[0]["staff_fte"] == 0.8 and rep[0]["updated_by"] == "Tester"
    at = run_page("views/actiegroepen.py", lang="nl")
    due = at.dataframe[0].value.set_index("Actiegroep")
    assert due.loc["Voorbeeld: actiegroep Jongeren aan het werk (voorbeeld)", "Stand"] != "Te laat"


def test_a_viewer_sees_no_report_form(use_warehouse, db):
    at = run_page("views/actiegroepen.py", lang="en")
    assert not [b for b in at.button if b.label == t("cycle.reports.save", "en")]


def test_the_presentation_follows_the_next_meetings_agenda(use_warehouse, db, monkeypatch):
    monkeypatch.setenv("GSIW_LOCAL_ADMIN", "1")
    store = PolicyStore(db)
    store.create(
        "agenda_items",
        "ag-1",
        {
            "meeting_id": "vb-beleidsgroep-2027-01-19",
            "position": 1,
            "title_nl": "Werkveld eerst",
            "title_en": "Work field first",
            "kind": "other",
            "is_example": True,
        },
        user="Tester",
    )
    store.create(
        "agenda_items",
        "ag-2",
        {
            "meeting_id": "vb-beleidsgroep-2027-01-19",
            "position": 2,
            "title_nl": "Actiepunten",
            "title_en": "Action items",
            "kind": "action_items",
            "is_example": True,
        },
        user="Tester",
    )
    monkeypatch.delenv("GSIW_LOCAL_ADMIN")
    at = run_page("views/presentatie.py", lang="en", since="2026-11-17", slide="2")
    assert at.title[0].value == "Work field first"
    at.button(key="slide_next").click().run()
    assert at.title[0].value == "Action items"
    at.button(key="slide_next").click().run()
    text = text_of(at)
    assert (
        "### Open action items" in text
        and "Example: send the project proposal with its budget" in text
    )
