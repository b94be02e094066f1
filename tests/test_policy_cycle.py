"""The working cycle (issue 18): role checks per write path, reports due/late, agenda, field signals, round trip."""

from __future__ import annotations

from datetime import date

import pytest

from policy import cycle
from policy.access import EditingNotAllowed
from policy.access import write_action
from policy.store import ENTITIES
from policy.store import Op
from policy.store import PolicyStore
from policy.store import ValidationError

TODAY = date(2026, 12, 7)
NEW_ENTITIES = (
    "partners",
    "representatives",
    "reports",
    "measures",
    "measure_values",
    "project_funding",
    "curve_notes",
    "agenda_items",
    "decisions",
    "action_items",
    "field_signals",
    "events",
)
# One valid record per new entity (refs point at seeded records or at records earlier in this list).
RECORDS = {
    "partners": (
        "p-test",
        {"name": "Testpartner", "org_type": "welfare", "partner_role": "network"},
    ),
    "representatives": (
        "r-test",
        {"partner_id": "p-test", "name": "Coördinator", "policy_group_role": "member"},
    ),
    "reports": (
        "rep-test",
        {"action_group_id": "vb-ag-jongeren", "report_date": "2026-11-30", "staff_fte": 0.5},
    ),
    "measures": (
        "m-test",
        {"project_id": "max-mobiel", "kind": "how_much", "name_nl": "Ritten", "unit_nl": "ritten"},
    ),
    "measure_values": ("mv-test", {"measure_id": "m-test", "period": "2026", "value": 12.0}),
    "project_funding": ("pf-test", {"project_id": "max-mobiel", "year": 2026, "advice": "pending"}),
    "curve_notes": ("cn-test", {"note_date": "2026-11-01"}),  # link_id: the first seeded link
    "agenda_items": (
        "ai-test",
        {"meeting_id": "vb-beleidsgroep-2027-01-19", "position": 9, "title_nl": "Punt"},
    ),
    "decisions": ("d-test", {"meeting_id": "vb-beleidsgroep-2027-01-19", "text_nl": "Besluit"}),
    "action_items": (
        "a-test",
        {"meeting_id": "vb-beleidsgroep-2027-01-19", "title_nl": "Actie", "status": "open"},
    ),
    "field_signals": (
        "fs-test",
        {"submitted_on": "2026-12-01", "title_nl": "Signaal", "status": "accepted"},
    ),
    "events": (
        "e-test",
        {"title_nl": "Lunchlezing", "kind": "lunch_talk", "event_date": "2026-10-01"},
    ),
}


def _values(store, entity):
    rid, values = RECORDS[entity]
    if entity == "curve_notes":
        values = {**values, "link_id": store.records("links")[0]["id"]}
    return rid, {**values, "is_example": True}


@pytest.fixture
def viewer(monkeypatch):
    monkeypatch.delenv("GSIW_LOCAL_ADMIN", raising=False)
    monkeypatch.setenv("GSIW_LOCAL_MODE", "viewer")


@pytest.fixture
def editor(monkeypatch):
    monkeypatch.delenv("GSIW_LOCAL_ADMIN", raising=False)
    monkeypatch.setenv("GSIW_LOCAL_MODE", "editor")


def test_the_new_entities_are_in_the_store():
    assert set(NEW_ENTITIES) <= set(ENTITIES) and set(RECORDS) == set(NEW_ENTITIES)


@pytest.mark.parametrize("entity", NEW_ENTITIES)
def test_a_viewer_cannot_create_update_or_delete_any_new_entity(store, viewer, entity, monkeypatch):
    rid, values = _values(store, entity)
    if entity == "field_signals":
        values = {
            **values,
            "status": "accepted",
        }  # a submission is allowed; an accepted signal is not
    before = store.checksum()
    with pytest.raises(EditingNotAllowed):
        store.create(entity, rid, values, user="Vera Viewer")
    seeded = store.records(entity)
    if seeded:
        with pytest.raises(EditingNotAllowed):
            store.update(
                entity,
                seeded[0]["id"],
                {"source": "x"},
                expected_version=seeded[0]["version"],
                user="Vera Viewer",
            )
        with pytest.raises(EditingNotAllowed):
            store.delete(
                entity, seeded[0]["id"], expected_version=seeded[0]["version"], user="Vera Viewer"
            )
    assert store.checksum() == before


@pytest.mark.parametrize("entity", NEW_ENTITIES)
def test_an_editor_can_write_every_new_entity(store, editor, entity):
    for dep in list(RECORDS)[
        : list(RECORDS).index(entity)
    ]:  # parents first (partners before representatives ...)
        if dep in ("partners", "measures") and store.get(dep, RECORDS[dep][0]) is None:
            store.create(dep, *_values(store, dep), user="Eddy Editor")
    rid, values = _values(store, entity)
    rec = store.create(entity, rid, values, user="Eddy Editor")
    assert (
        rec["version"] == 1
        and store.audit_log(entity=entity, entity_id=rid)[0]["who"] == "Eddy Editor"
    )


def test_a_viewer_may_submit_a_field_signal_and_nothing_more(store, viewer):
    fid = cycle.submit_field_signal(
        store,
        {"partner_id": "vdab", "title_nl": "Weinig kandidaten voor lassers", "sector": "industrie"},
        user="Vera Viewer",
        today=TODAY,
    )
    rec = store.get("field_signals", fid)
    assert (
        rec["status"] == "submitted"
        and rec["updated_by"] == "Vera Viewer"
        and rec["submitted_on"] == "2026-12-07"
    )
    # ... but not review it, submit it as accepted, set a review field, or slip another change into the batch
    with pytest.raises(EditingNotAllowed):
        cycle.review_field_signal(
            store,
            fid,
            accept=True,
            note_nl="ok",
            expected_version=rec["version"],
            user="Vera Viewer",
            today=TODAY,
        )
    for values in (
        {"status": "accepted"},
        {"status": "submitted", "review_note_nl": "zelf goedgekeurd"},
        {"status": "submitted", "agenda_item_id": "vb-agendapunt-2026-11-17-1"},
    ):
        with pytest.raises(EditingNotAllowed):
            store.create(
                "field_signals",
                "fs-sneaky",
                {"submitted_on": "2026-12-07", "title_nl": "x", "is_example": True, **values},
                user="Vera Viewer",
            )
    with pytest.raises(EditingNotAllowed):
        store.apply(
            [
                Op(
                    "create",
                    "field_signals",
                    "fs-ok",
                    {
                        "submitted_on": "2026-12-07",
                        "title_nl": "x",
                        "status": "submitted",
                        "is_example": True,
                    },
                ),
                Op("delete", "field_signals", fid, expected_version=1),
            ],
            user="Vera Viewer",
        )
    assert store.get("field_signals", fid)["status"] == "submitted"


def test_nobody_signed_in_cannot_submit_a_field_signal(store, monkeypatch):
    monkeypatch.delenv("GSIW_LOCAL_MODE", raising=False)
    monkeypatch.delenv("GSIW_LOCAL_ADMIN", raising=False)
    with pytest.raises(EditingNotAllowed):
        cycle.submit_field_signal(store, {"title_nl": "x"}, user="Iemand", today=TODAY)
    with pytest.raises(EditingNotAllowed):  # and a viewer needs a name for the audit trail
        monkeypatch.setenv("GSIW_LOCAL_MODE", "viewer")
        cycle.submit_field_signal(store, {"title_nl": "x"}, user="  ", today=TODAY)


def test_write_action_names_the_one_exception():
    sub = Op("create", "field_signals", "x", {"status": "submitted", "title_nl": "t"})
    assert write_action([sub]) == "submit_field_signal"
    assert write_action([]) == "edit"
    assert write_action([Op("create", "field_signals", "x", {"status": "rejected"})]) == "edit"
    assert write_action([Op("update", "field_signals", "x", {"status": "submitted"})]) == "edit"
    assert write_action([Op("create", "decisions", "x", {"status": "submitted"})]) == "edit"


def test_editor_reviews_and_promotes_a_field_signal_to_the_agenda(store, editor):
    fid = cycle.submit_field_signal(
        store,
        {"partner_id": "ocmw-gent", "title_nl": "Groep niet bereikt"},
        user="Vera",
        today=TODAY,
    )
    assert fid in [f["id"] for f in cycle.pending_field_signals(store)]
    rec = cycle.review_field_signal(
        store, fid, accept=True, note_nl="Relevant", expected_version=1, user="Eddy", today=TODAY
    )
    assert rec["status"] == "accepted" and rec["reviewed_on"] == "2026-12-07"
    assert fid in [f["id"] for f in cycle.accepted_field_signals(store)]
    sugg = cycle.suggest_agenda(store, "vb-beleidsgroep-2027-01-19", TODAY)
    assert ("field_signal", fid) in [s.key for s in sugg]
    aid = cycle.promote_field_signal(store, fid, "vb-beleidsgroep-2027-01-19", user="Eddy")
    assert store.get("field_signals", fid)["agenda_item_id"] == aid
    item = store.get("agenda_items", aid)
    assert item["kind"] == "field_signal" and item["title_nl"] == "Groep niet bereikt"
    # once on an agenda it is no longer suggested
    assert ("field_signal", fid) not in [
        s.key for s in cycle.suggest_agenda(store, "vb-beleidsgroep-2027-01-19", TODAY)
    ]


def test_reports_are_late_or_due_against_the_meeting_calendar(store, editor):
    due = {d.group_id: d for d in cycle.reports_due(store, TODAY)}
    # report of 2026-07-01 every 2 months: due 2026-09-01, i.e. at the meeting of 2026-09-15, which has passed
    assert due["vb-ag-jongeren"].state == "late"
    assert due["vb-ag-jongeren"].due_meeting["meeting_date"] == "2026-09-15"
    assert "ag-beroepenhuis" not in due  # ended in 2000: not followed
    store.create(
        "reports",
        "rep-new",
        {"action_group_id": "vb-ag-jongeren", "report_date": "2026-11-30", "is_example": True},
        user="Eddy",
    )
    after = {d.group_id: d for d in cycle.reports_due(store, TODAY)}
    # next one due 2027-01-30, at the meeting of 2027-03-16: not yet due (next meeting is 2027-01-19)
    assert (
        after["vb-ag-jongeren"].state == "not_due"
        and after["vb-ag-jongeren"].last_report == "2026-11-30"
    )
    # a month later the report of 2026-10-20 would be due at the next meeting
    store.update(
        "reports", "rep-new", {"report_date": "2026-10-20"}, expected_version=1, user="Eddy"
    )
    assert {d.group_id: d for d in cycle.reports_due(store, TODAY)}["vb-ag-jongeren"].state == "due"
    suggestions = cycle.suggest_agenda(store, "vb-beleidsgroep-2027-01-19", TODAY)
    kinds = [s.kind for s in suggestions]
    assert (
        kinds[0] == "action_items" and "report" in kinds and "late_report" in kinds
    )  # herkomst never reported


def test_agenda_confirmation_decision_and_action_items(store, editor):
    meeting = "vb-beleidsgroep-2027-01-19"
    sugg = cycle.suggest_agenda(
        store,
        meeting,
        TODAY,
        data_signals=[
            {
                "id": "sig-1",
                "text_nl": "Nieuw signaal",
                "text_en": "New signal",
                "is_example": False,
            }
        ],
    )
    chosen = [
        (s, f"NL {s.kind}", f"EN {s.kind}")
        for s in sugg
        if s.kind in ("action_items", "data_signal")
    ]
    ids = cycle.confirm_agenda(store, meeting, chosen, user="Eddy")
    agenda = cycle.meeting_record(store, meeting)["agenda"]
    assert [a["id"] for a in agenda] == ids and [a["position"] for a in agenda] == [1, 2]
    assert not {
        s.key
        for s in cycle.suggest_agenda(
            store, meeting, TODAY, data_signals=[{"id": "sig-1", "text_nl": "x", "text_en": "x"}]
        )
    } & {("action_items", None), ("data_signal", "sig-1")}
    did = cycle.add_decision(
        store,
        meeting,
        text_nl="We doen het",
        agenda_item_id=ids[0],
        user="Eddy",
        actions=[
            {"title_nl": "Nota schrijven", "owner_partner_id": "vdab", "due_date": "2026-12-01"}
        ],
    )
    rec = cycle.meeting_record(store, meeting)
    assert [d["id"] for d in rec["decisions"]] == [did]
    item = rec["action_items"][0]
    assert item["decision_id"] == did and item["status"] == "open"
    open_items = cycle.open_action_items(store, TODAY)
    assert open_items[0]["id"] == item["id"] and open_items[0]["overdue"]  # due 2026-12-01 < today


def test_viewer_cannot_confirm_the_agenda_or_add_a_decision(store, viewer):
    before = store.checksum()
    with pytest.raises(EditingNotAllowed):
        cycle.confirm_agenda(
            store,
            "vb-beleidsgroep-2027-01-19",
            [(cycle.Suggestion("other", None, None), "x", "x")],
            user="Vera",
        )
    with pytest.raises(EditingNotAllowed):
        cycle.add_decision(store, "vb-beleidsgroep-2027-01-19", text_nl="x", user="Vera")
    with pytest.raises(EditingNotAllowed):
        cycle.promote_field_signal(
            store, "vb-veldsignaal-1", "vb-beleidsgroep-2027-01-19", user="Vera"
        )
    assert store.checksum() == before


def test_changes_since_a_meeting_list_new_measure_values(store, editor):
    store.create(
        "measures",
        "m-ritten",
        {
            "project_id": "max-mobiel",
            "kind": "how_much",
            "name_nl": "Ritten",
            "unit_nl": "ritten",
            "is_example": True,
        },
        user="Eddy",
    )
    store.create(
        "measure_values",
        "mv-2026",
        {"measure_id": "m-ritten", "period": "2026", "value": 1234.0, "is_example": True},
        user="Eddy",
    )
    changed = cycle.changes_since(store, date(2026, 11, 17))
    assert [v["id"] for v in changed["measure_values"]] == ["mv-2026"]
    assert (
        cycle.changes_since(store, TODAY)["measure_values"] == []
    )  # the seed and today's edits: not after today


def test_export_import_round_trip_is_identical_with_the_new_entities(
    store, editor, tmp_path, monkeypatch
):
    for entity in NEW_ENTITIES:
        rid, values = _values(store, entity)
        if store.get(entity, rid) is None:
            store.create(entity, rid, values, user="Eddy")
    assert all(store.counts()[e] >= 1 for e in NEW_ENTITIES)
    text = store.export_yaml()
    monkeypatch.setenv("GSIW_LOCAL_ADMIN", "1")
    fresh = PolicyStore(tmp_path / "copy.sqlite", seed=tmp_path / "none.yaml")
    fresh.import_yaml(text, user="Admin", replace=True)
    strip = lambda d: {k: v for k, v in d.items() if k != "exported_at"}  # noqa: E731
    import yaml

    assert strip(yaml.safe_load(fresh.export_yaml())) == strip(yaml.safe_load(text))
    for entity in NEW_ENTITIES:
        keys = ("version", "updated_at", "updated_by")
        assert [{k: v for k, v in r.items() if k not in keys} for r in fresh.records(entity)] == [
            {k: v for k, v in r.items() if k not in keys} for r in store.records(entity)
        ]


def test_validation_still_applies_to_a_submission(store, viewer):
    with pytest.raises(ValidationError):
        cycle.submit_field_signal(
            store, {"partner_id": "vdab"}, user="Vera", today=TODAY
        )  # no title


def test_a_signed_in_viewer_submits_under_their_verified_id_only(store, monkeypatch):
    """OIDC: any signed-in member (viewer role) may submit, under the session's verified id, nothing else."""
    import policy.access as access

    monkeypatch.delenv("GSIW_LOCAL_MODE", raising=False)
    monkeypatch.delenv("GSIW_LOCAL_ADMIN", raising=False)
    monkeypatch.setattr(
        access, "session_identity", lambda: ("vera@stad.gent", frozenset({"viewer"}))
    )
    fid = cycle.submit_field_signal(
        store, {"title_nl": "Groep niet bereikt"}, user="vera@stad.gent", today=TODAY
    )
    assert store.get("field_signals", fid)["updated_by"] == "vera@stad.gent"
    with pytest.raises(EditingNotAllowed):  # not under another name
        cycle.submit_field_signal(store, {"title_nl": "x"}, user="iemand@stad.gent", today=TODAY)
    with pytest.raises(EditingNotAllowed):  # and no other write
        store.create(
            "decisions",
            "d-x",
            {"meeting_id": "vb-beleidsgroep-2027-01-19", "text_nl": "x", "is_example": True},
            user="vera@stad.gent",
        )
