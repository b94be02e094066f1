"""The Agenda page (views/agenda.py): open action items, the agenda with confirmed suggestions, decisions."""

from __future__ import annotations

import re

import pytest

from dashboard.i18n import t
from policy.store import PolicyStore
from tests.app_support import run_page


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_viewer_sees_open_action_items_and_no_forms(use_warehouse, lang):
    at = run_page("views/agenda.py", lang=lang)
    assert at.title[0].value == t("agenda.title", lang)
    shown = " ".join(m.value for m in [*at.markdown, *at.caption, *at.header])
    assert not re.search(r"\b(agenda|cycle)\.[a-z]", shown)
    table = at.dataframe[0].value
    title = (
        "Voorbeeld: projectvoorstel met begroting bezorgen"
        if lang == "nl"
        else "Example: send the project proposal with its budget"
    )
    assert any(title in str(v) for v in table.iloc[:, 0])
    assert any("(VDAB)" in str(v) for v in table.iloc[:, 1])
    assert not at.get("form")  # a viewer confirms nothing and adds no decision
    assert not [b for b in at.button if b.label == t("agenda.confirm", lang)]


def test_seeded_meeting_shows_its_agenda_and_decision(use_warehouse):
    at = run_page("views/agenda.py", lang="nl", meeting="vb-beleidsgroep-2026-11-17")
    shown = " ".join(m.value for m in at.markdown)
    assert "Voorbeeld: rapport actiegroep Jongeren aan het werk" in shown
    assert "de Beleidsgroep vraagt de actiegroep een projectvoorstel" in shown


def test_editor_confirms_suggestions_and_adds_a_decision_with_an_action_item(
    use_warehouse, monkeypatch, tmp_path
):
    db = tmp_path / "editor.sqlite"
    monkeypatch.setenv("GSIW_POLICY_DB", str(db))
    monkeypatch.setenv("GSIW_LOCAL_MODE", "editor")
    monkeypatch.setenv("GSIW_EDITOR", "Eddy Editor")
    at = run_page("views/agenda.py", lang="nl", meeting="vb-beleidsgroep-2027-01-19")
    labels = [c.label for c in at.checkbox]
    assert any(lbl.startswith(t("cycle.agenda_kind.action_items", "nl")) for lbl in labels), labels
    assert any(lbl.startswith(t("cycle.agenda_kind.late_report", "nl")) for lbl in labels), labels
    next(b for b in at.button if b.label == t("agenda.confirm", "nl")).click().run()
    assert not at.exception, [e.message for e in at.exception]
    agenda = [
        a
        for a in PolicyStore(db).records("agenda_items")
        if a["meeting_id"] == "vb-beleidsgroep-2027-01-19"
    ]
    kinds = [a["kind"] for a in agenda]
    assert (
        kinds[0] == "action_items"
        and "late_report" in kinds
        and all(a["updated_by"] == "Eddy Editor" for a in agenda)
    )
    assert [a["position"] for a in agenda] == list(range(1, len(agenda) + 1))
    assert agenda[0]["title_en"].startswith("Open action items")
    at.text_area(key="dec_text").input("We vragen een tussentijds rapport.")
    at.text_input(key="dec_action").input("Tussentijds rapport opvragen")
    at.selectbox(key="dec_owner").select("vdab")
    next(b for b in at.button if b.label == t("agenda.f.save_decision", "nl")).click().run()
    assert not at.exception, [e.message for e in at.exception]
    store = PolicyStore(db)
    dec = [
        d
        for d in store.records("decisions")
        if d["text_nl"] == "We vragen een tussentijds rapport."
    ]
    assert len(dec) == 1
    act = [a for a in store.records("action_items") if a["decision_id"] == dec[0]["id"]]
    assert (
        act[0]["title_nl"] == "Tussentijds rapport opvragen"
        and act[0]["owner_partner_id"] == "vdab"
    )
    assert act[0]["status"] == "open"
