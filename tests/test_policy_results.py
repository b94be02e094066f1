"""Project results, turn-the-curve notes and events in the policy store: every write path is guarded on the
server side (a viewer cannot write any of them), the seed holds only sourced facts or marked examples, the
export -> import round trip is identical, and the pure rules (policy.performance, policy.community) hold."""

from __future__ import annotations

from datetime import date

import pytest

from policy.access import EditingNotAllowed
from policy.community import last_day
from policy.community import split
from policy.performance import funding_of
from policy.performance import lifecycle
from policy.performance import measures_of
from policy.performance import objective_of
from policy.store import ENTITIES
from policy.store import Op
from policy.store import PolicyStore

MINE = ("measures", "measure_values", "project_funding", "curve_notes", "events")
NEW = {
    "measures": {
        "project_id": "max-mobiel",
        "kind": "how_well",
        "name_nl": "Aandeel ritten op tijd",
        "unit_nl": "%",
        "direction": "higher_is_better",
        "target_value": 95,
        "is_example": True,
    },
    "measure_values": {
        "measure_id": "mm-werknemers-per-dag",
        "period": "2023",
        "value": 800,
        "is_example": True,
    },
    "project_funding": {
        "project_id": "max-mobiel",
        "year": 2024,
        "city_budget_eur": 100000,
        "advice": "favourable",
        "is_example": True,
    },
    "curve_notes": {
        "link_id": "vb-werkzoekendengraad-gent",
        "note_date": "2026-11-17",
        "story_nl": "x",
        "is_example": True,
    },
    "events": {
        "title_nl": "Netwerkmoment",
        "kind": "network_event",
        "event_date": "2027-03",
        "objective_ids": ["vb-jongeren"],
        "is_example": True,
    },
}


@pytest.mark.parametrize("entity", MINE)
def test_a_viewer_cannot_create_update_or_delete(store, monkeypatch, entity):
    if not store.records(
        entity
    ):  # nothing seeded (no budget was published): an editor adds one first
        monkeypatch.setenv("GSIW_LOCAL_ADMIN", "1")
        store.create(entity, "bestaand", NEW[entity], user="Editor")
    monkeypatch.delenv("GSIW_LOCAL_ADMIN", raising=False)
    before = store.checksum()
    existing = store.records(entity)[0]
    for write in (
        lambda: store.create(entity, "nieuw-record", NEW[entity], user="Viewer"),
        lambda: store.update(
            entity,
            existing["id"],
            {"is_example": not existing["is_example"]},
            expected_version=existing["version"],
            user="Viewer",
        ),
        lambda: store.delete(
            entity, existing["id"], expected_version=existing["version"], user="Viewer"
        ),
        lambda: store.apply([Op("create", entity, "nieuw-record", NEW[entity])], user="Viewer"),
    ):
        with pytest.raises(EditingNotAllowed):
            write()
    assert store.checksum() == before


def test_a_viewer_cannot_change_a_projects_lifecycle(store, monkeypatch):
    monkeypatch.delenv("GSIW_LOCAL_ADMIN", raising=False)
    p = store.get("projects", "jobteam")
    with pytest.raises(EditingNotAllowed):
        store.update(
            "projects",
            "jobteam",
            {"status": "independent", "independent_date": "2026", "carried_by": "x"},
            expected_version=p["version"],
            user="Viewer",
        )
    assert store.get("projects", "jobteam")["status"] == "running"


@pytest.mark.parametrize("entity", MINE)
def test_an_editor_can_write_and_the_trail_says_who(store, admin, entity):
    store.create(entity, "nieuw-record", NEW[entity], user="Editor")
    assert store.get(entity, "nieuw-record") is not None
    assert {r["who"] for r in store.audit_log(entity=entity, entity_id="nieuw-record")} == {
        "Editor"
    }


def test_one_value_per_measure_and_period(store, admin):
    with pytest.raises(Exception, match="already exists"):
        store.create(
            "measure_values", "dubbel", {**NEW["measure_values"], "period": "2022"}, user="Editor"
        )


def test_round_trip_with_results_notes_and_events_is_identical(store, admin, tmp_path):
    for entity in MINE:
        store.create(entity, "nieuw-record", NEW[entity], user="Editor")
    text = store.export_yaml()
    fresh = PolicyStore(tmp_path / "restore.sqlite", seed=tmp_path / "no-seed.yaml")
    fresh.import_yaml(text, user="Restore", replace=True)
    assert fresh.export_data() | {"exported_at": None} == store.export_data() | {
        "exported_at": None
    }
    for entity in MINE:
        assert len(fresh.records(entity)) == len(store.records(entity)) >= 1
    assert fresh.get("events", "nieuw-record")["objective_ids"] == ["vb-jongeren"]


def test_seeded_results_are_published_figures_or_examples(store):
    for entity in MINE:
        for r in store.records(entity):
            assert r["is_example"] or (r["source"] or "").startswith("http"), (entity, r["id"])
            if r["is_example"]:
                text = " ".join(str(v) for k, v in r.items() if k.endswith(("_nl", "_en")) and v)
                assert "oorbeeld" in text or "xample" in text, (entity, r["id"])
    values = {v["id"]: v["value"] for v in store.records("measure_values")}
    assert values["mm-werknemers-per-dag-2022"] == 750 and values["jt-bereikt-2022-01"] == 1217
    assert values["wp-bereikt-2017-06"] == 2000
    assert store.get("events", "eerste-werkgelegenheidsconferentie-1999")["event_date"] == "1999"
    assert store.records("project_funding") == []  # no yearly budget or advice was published


def test_measures_come_in_rba_order_with_their_latest_value(store):
    ms = measures_of("jobteam", store.records("measures"), store.records("measure_values"))
    assert [m.kind for m in ms] == ["how_much", "how_much", "better_off"]
    reached = next(m for m in ms if m.measure["id"] == "jt-bereikt")
    assert (
        reached.latest["value"] == 1217 and reached.target_met is False
    )  # 1.217 of the 1.500 aimed for
    better = next(m for m in ms if m.kind == "better_off")
    assert better.values == [] and better.target_met is None


def test_lifecycle_and_the_objective_a_project_serves(store):
    partners = {"bh": {"name": "Het Beroepenhuis vzw"}}
    bh = store.get("projects", "het-beroepenhuis")
    life = lifecycle(bh, {})
    assert (life.status, life.independent_date, life.carried_by) == (
        "independent",
        "2000",
        "Het Beroepenhuis vzw",
    )
    assert (
        lifecycle(bh | {"carried_by_partner_id": "bh", "carried_by": None}, partners).carried_by
        == "Het Beroepenhuis vzw"
    )
    groups = {g["id"]: g for g in store.records("action_groups")}
    assert objective_of(store.get("projects", "jobteam"), groups) == "ap-2500-aan-het-werk"
    assert (
        objective_of({"objective_id": None, "action_group_id": "vb-ag-jongeren"}, groups)
        == "vb-jongeren"
    )
    assert (
        funding_of(
            "max-mobiel",
            [
                {"project_id": "max-mobiel", "year": 2025},
                {"project_id": "max-mobiel", "year": 2023},
            ],
        )[0]["year"]
        == 2023
    )


def test_events_dated_by_year_or_month_stay_upcoming_until_that_period_is_over():
    assert last_day("1999") == "1999-12-31" and last_day("2028-02") == "2028-02-29"
    events = [
        {"event_date": "1999"},
        {"event_date": "2026-12"},
        {"event_date": "2026-11-30"},
        {"event_date": "2027-02-11"},
    ]
    coming, past = split(events, date(2026, 12, 7))
    assert [e["event_date"] for e in coming] == ["2026-12", "2027-02-11"]
    assert [e["event_date"] for e in past] == ["2026-11-30", "1999"]


def test_every_new_entity_has_labels_in_both_languages():
    from dashboard.i18n import catalogue

    for lang in ("nl", "en"):
        cat = catalogue(lang)
        for entity in (*MINE, "projects"):
            assert f"policy.entity.{entity}" in cat
            for f in ENTITIES[entity].fields:
                assert f"policy.field.{f.name}" in cat, (lang, f.name)
                for c in f.choices:
                    assert (
                        f"policy.enum.{c}" in cat
                        or f"policy.project_status.{c}" in cat
                        or f"policy.direction.{c}" in cat
                    ), (lang, c)
