"""The policy store: real seed content, the audit trail, the edit guard, export/import.

Every test runs on SQLite and on PostgreSQL (`store_backends`, fixtures in tests/conftest.py)."""

from __future__ import annotations

import duckdb
import pytest
import yaml

from policy.access import EditingNotAllowed
from policy.store import ENTITIES
from policy.store import SEED_PATH
from policy.store import ConflictError
from policy.store import ImportFailed
from policy.store import Op
from policy.store import PolicyStore
from policy.store import StoreError
from policy.store import ValidationError
from tests.policy_backends import raw_connection

pytestmark = pytest.mark.store_backends

ARBEIDSPACT = (
    "https://persruimte.stad.gent/178548-arbeidspact-zet-2-500-gentenaars-extra-aan-het-werk"
)


def audit_for(store, entity_id):
    return [
        r for r in store.audit_log(limit=None) if r["entity_id"] == entity_id and r["who"] != "seed"
    ]


# --------------------------------------------------------------------------- seed


def test_first_use_creates_and_seeds_from_the_readable_seed_file(store):
    counts = store.counts()
    assert counts["plans"] == 3 and counts["objectives"] >= 10 and counts["projects"] >= 8
    seeded = store.audit_log(limit=None)
    assert (
        seeded
        and {r["who"] for r in seeded} == {"seed"}
        and {r["via"] for r in seeded} == {"seed:seed.yaml"}
    )
    again = PolicyStore(store.path)  # a second open never re-seeds
    assert again.counts() == counts


def test_arbeidspact_targets_are_the_published_ones(store):
    werk = store.get("links", "ap-werkzaamheidsgraad")
    assert (werk["baseline_value"], werk["target_value"], werk["direction"]) == (
        68.6,
        70.0,
        "higher_is_better",
    )
    wl = store.get("links", "ap-werkloosheidsgraad-gent")
    assert (wl["baseline_value"], wl["target_value"], wl["direction"]) == (
        9.4,
        7.88,
        "higher_is_worse",
    )
    assert (
        wl["indicator_id"] == "pub_vdab_werkloosheidsgraad"
    )  # its own definition, not the job-seeker rate
    assert wl["context_indicator_id"] == "jobseeker_rate"
    assert werk["target_year"] is None and wl["target_year"] is None  # the press release gives none
    assert "2.500" in store.get("objectives", "ap-2500-aan-het-werk")["title_nl"]
    assert all(
        r["source"] == ARBEIDSPACT for r in (werk, wl, store.get("plans", "arbeidspact-2019"))
    )


def test_every_record_is_sourced_or_marked_as_example(store):
    for name in ENTITIES:
        for rec in store.records(name):
            assert rec["is_example"] or rec["source"], f"{name} {rec['id']} has no source"
            if rec["is_example"] and name in ("plans", "objectives", "action_groups"):
                label = rec.get("name_nl") or rec.get("title_nl")
                assert label.startswith("Voorbeeld"), label


def test_example_baselines_are_real_warehouse_values(store, warehouse):
    con = duckdb.connect(str(warehouse), read_only=True)
    examples = [lk for lk in store.records("links") if lk["is_example"]]
    assert len(examples) >= 4
    for lk in examples:
        value = con.execute(
            "SELECT value FROM observations WHERE indicator_id = ? AND geo_code = ? AND breakdown = ? "
            "AND breakdown_value = ? AND period = ?",
            [
                lk["indicator_id"],
                lk["geo_code"],
                lk["breakdown"],
                lk["breakdown_value"],
                lk["baseline_period"],
            ],
        ).fetchone()
        assert value and value[0] == pytest.approx(lk["baseline_value"]), lk["id"]


def test_charter_projects_are_there(store):
    projects = {p["id"]: p for p in store.records("projects")}
    assert {"het-beroepenhuis", "de-punt", "max-mobiel", "wijs-aan-t-werk"} <= set(projects)
    assert (projects["max-mobiel"]["start_date"], projects["max-mobiel"]["status"]) == (
        "2006",
        "independent",
    )
    assert projects["het-beroepenhuis"]["action_group_id"] == "ag-beroepenhuis"


# --------------------------------------------------------------------------- audit trail


def test_an_update_records_each_changed_field_with_who_and_old_and_new(store, admin):
    obj = store.get("objectives", "gsiw17-sectoren")
    new = store.update(
        "objectives",
        obj["id"],
        {"title_en": "Support sectors", "code": "3", "title_nl": obj["title_nl"]},
        expected_version=obj["version"],
        user="An Peeters",
    )
    assert new["version"] == obj["version"] + 1 and new["updated_by"] == "An Peeters"
    rows = audit_for(store, obj["id"])
    assert {(r["field"], r["old"], r["new"]) for r in rows} == {
        ("title_en", "Support for sectors", "Support sectors"),
        ("code", None, "3"),
    }  # unchanged title_nl not logged
    assert {r["who"] for r in rows} == {"An Peeters"} and {r["action"] for r in rows} == {"update"}
    assert len({r["change_id"] for r in rows}) == 1 and all(r["at"] for r in rows)


def test_create_and_delete_are_recorded_so_a_deleted_record_can_be_rebuilt(store, admin):
    store.create(
        "projects",
        "nieuw-project",
        {"name": "Nieuw project", "status": "planned", "is_example": True},
        user="Jan",
    )
    created = audit_for(store, "nieuw-project")
    assert {(r["action"], r["field"], r["new"]) for r in created} >= {
        ("create", "name", "Nieuw project"),
        ("create", "status", "planned"),
        ("create", "is_example", "true"),
    }
    rec = store.get("projects", "nieuw-project")
    store.delete("projects", "nieuw-project", expected_version=rec["version"], user="Jan")
    assert store.get("projects", "nieuw-project") is None
    deleted = [r for r in audit_for(store, "nieuw-project") if r["action"] == "delete"]
    assert {(r["field"], r["old"]) for r in deleted} == {
        ("name", "Nieuw project"),
        ("status", "planned"),
        ("is_example", "true"),
    }


def test_the_audit_trail_is_append_only(store):
    before = store.checksum()
    statements = ["UPDATE audit SET who = 'someone else'", "DELETE FROM audit"]
    if store.backend == "postgresql":
        statements.append("TRUNCATE audit")
    for sql in statements:
        con = raw_connection(store)  # a plain connection: the database itself refuses, not our code
        try:
            with pytest.raises(Exception, match="append-only"):
                con.execute(sql)
        finally:
            con.close()
    assert store.checksum() == before


def test_an_import_is_audited_per_field(store, admin):
    data = store.export_data()
    data["plans"][0]["period_end"] = 2020
    report = store.import_yaml(yaml.safe_dump(data, allow_unicode=True), user="Import Test")
    assert (report.updated, report.created, report.deleted) == (1, 0, 0)
    rows = audit_for(store, data["plans"][0]["id"])
    assert [(r["field"], r["old"], r["new"], r["via"]) for r in rows] == [
        ("period_end", "2019", "2020", "import")
    ]


# --------------------------------------------------------------------------- guard, locking, validation


def test_writes_are_refused_without_the_editor_guard(store, monkeypatch):
    monkeypatch.delenv("GSIW_LOCAL_ADMIN", raising=False)
    before = store.checksum()
    obj = store.get("objectives", "gsiw17-sectoren")
    for write in (
        lambda: store.update(
            "objectives", obj["id"], {"code": "9"}, expected_version=obj["version"], user="x"
        ),
        lambda: store.create(
            "plans", "p-nieuw", {"name_nl": "x", "period_start": 2026, "is_example": True}, user="x"
        ),
        lambda: store.delete("objectives", obj["id"], expected_version=obj["version"], user="x"),
        lambda: store.apply([Op("update", "objectives", obj["id"], {"code": "9"})], user="x"),
        lambda: store.import_yaml(store.export_yaml(), user="x", replace=True),
    ):
        with pytest.raises(EditingNotAllowed):
            write()
    assert store.checksum() == before


def test_a_change_needs_a_name(store, admin):
    obj = store.get("objectives", "gsiw17-sectoren")
    with pytest.raises(EditingNotAllowed):
        store.update(
            "objectives", obj["id"], {"code": "9"}, expected_version=obj["version"], user="  "
        )


def test_stale_version_is_a_conflict(store, admin):
    obj = store.get("objectives", "gsiw17-sectoren")
    store.update("objectives", obj["id"], {"code": "3"}, expected_version=obj["version"], user="A")
    with pytest.raises(ConflictError):
        store.update(
            "objectives", obj["id"], {"code": "4"}, expected_version=obj["version"], user="B"
        )
    assert store.get("objectives", obj["id"])["code"] == "3"


@pytest.mark.parametrize(
    ("entity", "values", "message"),
    [
        ("plans", {"name_nl": "Plan zonder bron", "period_start": 2026}, "source is required"),
        (
            "plans",
            {"name_nl": "x", "period_start": 2026, "period_end": 2024, "is_example": True},
            "before",
        ),
        (
            "links",
            {
                "objective_id": "gsiw17-sectoren",
                "indicator_id": "jobseeker_rate",
                "geo_code": "44021",
                "breakdown": "total",
                "breakdown_value": "total",
                "direction": "down",
                "is_example": True,
            },
            "direction",
        ),
        (
            "projects",
            {"name": "x", "status": "running", "start_date": "2024-13", "is_example": True},
            "start_date",
        ),
    ],
)
def test_invalid_records_are_refused_with_a_reason(store, admin, entity, values, message):
    before = store.counts()
    with pytest.raises(ValidationError, match=message):
        store.create(entity, "nieuw-record", values, user="x")
    assert store.counts() == before


def test_a_reference_to_a_missing_record_is_refused(store, admin):
    with pytest.raises(StoreError):
        store.create(
            "objectives",
            "obj-x",
            {"plan_id": "bestaat-niet", "title_nl": "x", "is_example": True},
            user="x",
        )
    obj = store.get("plans", "gsiw-plan-2017-2019")
    with pytest.raises(StoreError, match="referred to"):  # objectives still point at it
        store.delete("plans", obj["id"], expected_version=obj["version"], user="x")


# --------------------------------------------------------------------------- export / import


def test_export_import_round_trip_restores_every_record(store, new_store, admin, tmp_path):
    text = store.export_yaml()
    assert text.startswith("# Gsiw policy store export") and "format: gsiw-policy/1" in text
    fresh = new_store("restore", seed=tmp_path / "no-seed.yaml")
    assert fresh.counts()["plans"] == 0
    report = fresh.import_yaml(text, user="Restore", replace=True)
    assert report.created == sum(store.counts()[n] for n in ENTITIES)
    strip = {"version", "updated_at", "updated_by"}
    for name in ENTITIES:
        assert [{k: v for k, v in r.items() if k not in strip} for r in fresh.records(name)] == [
            {k: v for k, v in r.items() if k not in strip} for r in store.records(name)
        ]


def test_replace_import_deletes_what_the_file_does_not_hold(store, admin):
    data = store.export_data()
    data["projects"] = [p for p in data["projects"] if p["id"] != "jobbus"]
    data["records"]["projects"] -= (
        1  # an export states its counts; a hand edit must keep them right
    )
    plan = store.plan_import(yaml.safe_dump(data, allow_unicode=True), replace=True)
    assert (plan.deleted, plan.created, plan.updated) == (1, 0, 0)
    assert store.get("projects", "jobbus") is not None  # a dry run writes nothing
    store.import_yaml(yaml.safe_dump(data, allow_unicode=True), user="x", replace=True)
    assert store.get("projects", "jobbus") is None
    merge = store.import_yaml(
        yaml.safe_dump(data, allow_unicode=True), user="x"
    )  # merge never deletes
    assert merge.deleted == 0


def test_seed_file_is_itself_a_valid_export(new_store, tmp_path, admin):
    empty = new_store("e", seed=tmp_path / "none.yaml")
    plan = empty.plan_import(SEED_PATH.read_text(encoding="utf-8"))
    assert plan.created == sum(new_store("s").counts()[n] for n in ENTITIES)


def test_malformed_yaml_names_the_line(store):
    with pytest.raises(ImportFailed) as err:
        store.plan_import("format: gsiw-policy/1\nplans:\n  - id: x\n    name_nl: [unclosed\n")
    assert err.value.errors[0].startswith("line ")
