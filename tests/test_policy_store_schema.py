"""Schema 3 (the working cycle): an older store is upgraded in place, lists of ids are kept honest."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from policy.store import (
    ENTITIES,
    SCHEMA_VERSION,
    PolicyStore,
    StoreError,
    ValidationError,
    _table_sql,
)

NEW_COLUMNS = {
    "chair_partner_id",
    "member_partner_ids",
    "report_every_months",
    "owner_partner_id",
    "independent_date",
    "carried_by_partner_id",
    "carried_by",
}


def _downgrade_to_schema_2(path):
    """Make the file look like a store written before schema 3: no cycle tables, no new columns."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys = OFF")
    for table in (
        "events",
        "field_signals",
        "action_items",
        "decisions",
        "agenda_items",
        "curve_notes",
        "project_funding",
        "measure_values",
        "measures",
        "reports",
        "representatives",
    ):
        con.execute(f"DROP TABLE {table}")
    con.execute(
        "PRAGMA legacy_alter_table = ON"
    )  # keep other tables' references pointing at the name
    for table in ("projects", "action_groups"):  # rebuilt without the schema-3 columns
        old = replace(
            ENTITIES[table],
            fields=tuple(f for f in ENTITIES[table].fields if f.name not in NEW_COLUMNS),
        )
        cols = ", ".join(["id", *old.field_names, "version", "updated_at", "updated_by"])
        con.execute(f"ALTER TABLE {table} RENAME TO {table}_v3")
        con.execute(_table_sql(old))
        con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {table}_v3")
        con.execute(f"DROP TABLE {table}_v3")
    con.execute("DROP TABLE partners")
    con.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    con.commit()
    con.close()


def test_an_older_store_gains_the_new_tables_and_keeps_every_record(store):
    before = {name: store.records(name) for name in ("plans", "objectives", "links", "meetings")}
    audit_before = len(store.audit_log(limit=None))
    _downgrade_to_schema_2(store.path)

    upgraded = PolicyStore(store.path)

    for name, recs in before.items():
        assert upgraded.records(name) == recs  # nothing an editor entered was touched
    assert all(r["carried_by"] is None for r in upgraded.records("projects"))
    con = sqlite3.connect(store.path)
    assert "carried_by" in {r[1] for r in con.execute("PRAGMA table_info(projects)")}
    con.close()
    assert upgraded.counts()["events"] >= 0 and upgraded.counts()["reports"] >= 0
    con = sqlite3.connect(store.path)
    assert (
        con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
        == SCHEMA_VERSION
    )
    con.close()
    # the audit trail only grew (seed rows for the new tables), it never lost a row
    assert len(upgraded.audit_log(limit=None)) >= audit_before
    assert (
        PolicyStore(store.path).checksum() == upgraded.checksum()
    )  # a second open changes nothing


def test_a_list_of_ids_must_name_existing_records_and_keeps_them_from_deletion(store, admin):
    store.create(
        "partners",
        "p-test",
        {"name": "Testpartner", "org_type": "other", "partner_role": "network", "is_example": True},
        user="ann",
    )
    with pytest.raises(ValidationError, match="no-such-partner"):
        store.create(
            "events",
            "ev-test",
            {
                "title_nl": "Voorbeeld: lunchlezing",
                "kind": "lunch_talk",
                "event_date": "2026-10-01",
                "partner_ids": ["no-such-partner"],
                "is_example": True,
            },
            user="ann",
        )
    ev = store.create(
        "events",
        "ev-test",
        {
            "title_nl": "Voorbeeld: lunchlezing",
            "kind": "lunch_talk",
            "event_date": "2026-10-01",
            "partner_ids": "p-test, p-test",
            "is_example": True,
        },
        user="ann",
    )
    assert ev["partner_ids"] == ["p-test"]
    partner = store.get("partners", "p-test")
    with pytest.raises(StoreError, match="events 'ev-test'"):
        store.delete("partners", "p-test", expected_version=partner["version"], user="ann")
    assert store.get("partners", "p-test") is not None


def test_one_value_per_measure_and_period(store, admin):
    store.create(
        "partners",
        "p-test",
        {"name": "Testpartner", "org_type": "other", "partner_role": "active", "is_example": True},
        user="ann",
    )
    project = store.records("projects")[0]["id"]
    store.create(
        "measures",
        "m-test",
        {
            "project_id": project,
            "kind": "how_much",
            "name_nl": "Deelnemers",
            "unit_nl": "personen",
            "is_example": True,
        },
        user="ann",
    )
    store.create(
        "measure_values",
        "mv-1",
        {"measure_id": "m-test", "period": "2025", "value": 12, "is_example": True},
        user="ann",
    )
    with pytest.raises(StoreError, match="already exists"):
        store.create(
            "measure_values",
            "mv-2",
            {"measure_id": "m-test", "period": "2025", "value": 13, "is_example": True},
            user="ann",
        )
    assert [v["value"] for v in store.records("measure_values")] == [12.0]
