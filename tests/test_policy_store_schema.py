"""Migrations and schema 3 (the working cycle), on SQLite and PostgreSQL: an older store is upgraded
in place, a newer or incomplete one is refused, lists of ids are kept honest."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import psycopg
import pytest

from policy import store as store_mod
from policy.store import ENTITIES
from policy.store import LATEST
from policy.store import MIGRATIONS
from policy.store import SCHEMA_VERSION
from policy.store import Field
from policy.store import Migration
from policy.store import PolicyStore
from policy.store import StoreDamaged
from policy.store import StoreError
from policy.store import StoreMissing
from policy.store import StoreTooNew
from policy.store import ValidationError
from policy.store import _table_sql
from policy.store import restore
from tests.policy_backends import raw_connection

pytestmark = pytest.mark.store_backends

NEW_COLUMNS = {
    "chair_partner_id",
    "member_partner_ids",
    "report_every_months",
    "owner_partner_id",
    "independent_date",
    "carried_by_partner_id",
    "carried_by",
}


CYCLE_TABLES = (
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
)


def _downgrade_to_schema_2(store):
    """Make the store look like one written before schema 3: no cycle tables, no new columns,
    migrations 1 and 2 recorded."""
    if store.backend == "postgresql":
        con = raw_connection(store)
        for table in CYCLE_TABLES:
            con.execute(f"DROP TABLE {table} CASCADE")
        for table in ("projects", "action_groups"):
            for col in sorted(NEW_COLUMNS & set(ENTITIES[table].field_names)):
                con.execute(f"ALTER TABLE {table} DROP COLUMN {col}")
        con.execute("DROP TABLE partners")
    else:
        con = sqlite3.connect(store.path, isolation_level=None)
        con.execute("PRAGMA foreign_keys = OFF")
        for table in CYCLE_TABLES:
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
    con.execute("DELETE FROM schema_migrations WHERE version = 3")
    con.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    con.close()


def _meta_and_migrations(store) -> tuple[str, list[int]]:
    con = raw_connection(store)
    try:
        version = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
        applied = [
            r[0] for r in con.execute("SELECT version FROM schema_migrations ORDER BY version")
        ]
    finally:
        con.close()
    return version, applied


def _columns(store, table: str) -> set[str]:
    con = raw_connection(store)
    try:
        return store._backend.columns(con, table)
    finally:
        con.close()


def test_an_older_store_gains_the_new_tables_and_keeps_every_record(store):
    before = {name: store.records(name) for name in ("plans", "objectives", "links", "meetings")}
    audit_before = len(store.audit_log(limit=None))
    _downgrade_to_schema_2(store)

    upgraded = PolicyStore(store.path)

    for name, recs in before.items():
        assert upgraded.records(name) == recs  # nothing an editor entered was touched
    assert all(r["carried_by"] is None for r in upgraded.records("projects"))
    assert "carried_by" in _columns(store, "projects")
    assert upgraded.counts()["events"] >= 0 and upgraded.counts()["reports"] >= 0
    assert _meta_and_migrations(store) == (SCHEMA_VERSION, [m.version for m in MIGRATIONS])
    # the audit trail only grew (seed rows for the new tables), it never lost a row
    assert len(upgraded.audit_log(limit=None)) >= audit_before
    assert (
        PolicyStore(store.path).checksum() == upgraded.checksum()
    )  # a second open changes nothing


def test_a_store_made_before_migrations_were_recorded_is_brought_up_to_date(store):
    """SQLite stores from before `schema_migrations` (meta said schema 1, 2 or 3): every migration
    runs, skipping what is there, and is recorded; records stay as they were."""
    if store.backend != "sqlite":
        pytest.skip("PostgreSQL stores have always recorded their migrations")
    before = {name: store.records(name) for name in ENTITIES}
    con = sqlite3.connect(store.path, isolation_level=None)
    con.execute("DROP TABLE schema_migrations")
    con.execute("DROP TABLE meetings")  # as a store created before the meeting calendar (schema 1)
    con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    con.close()

    reopened = PolicyStore(store.path)

    assert _meta_and_migrations(store) == (SCHEMA_VERSION, [m.version for m in MIGRATIONS])
    assert len(reopened.meetings()) == len(
        before["meetings"]
    )  # the new table gets the seed's meetings
    for name in set(ENTITIES) - {"meetings"}:
        assert reopened.records(name) == before[name]


def test_a_store_with_a_newer_migration_is_refused_and_left_alone(store, admin, tmp_path):
    con = raw_connection(store)
    con.execute(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'from the future', 'x')"
    )
    con.close()
    before = store.checksum()
    with pytest.raises(StoreTooNew, match="newer release"):
        PolicyStore(store.path)
    backup = tmp_path / "backup.yaml"
    backup.write_text(store.export_yaml(), encoding="utf-8")
    with pytest.raises(StoreTooNew):  # a restore does not "repair" it either
        restore(backup, user="Beheer", path=store.path)
    assert store.checksum() == before


def test_a_new_field_is_one_line_plus_a_migration_entry(store, admin, monkeypatch):
    """The recipe in docs/policy.md: a Field with `since=N` and `Migration(N, ...)`; an existing
    store gains the column on its next open, and a release without them refuses the upgraded store."""
    events = ENTITIES["events"]
    added = replace(events, fields=(*events.fields, Field("capacity", "int", since=LATEST + 1)))
    with monkeypatch.context() as mp:
        mp.setitem(store_mod.ENTITIES, "events", added)
        mp.setattr(store_mod, "MIGRATIONS", (*MIGRATIONS, Migration(LATEST + 1, "events.capacity")))
        mp.setattr(store_mod, "LATEST", LATEST + 1)
        upgraded = PolicyStore(store.path)
        assert "capacity" in _columns(store, "events")
        upgraded.create(
            "events",
            "ev-cap",
            {
                "title_nl": "Voorbeeld",
                "kind": "other",
                "event_date": "2026-10-01",
                "capacity": 40,
                "is_example": True,
            },
            user="ann",
        )
        assert upgraded.get("events", "ev-cap")["capacity"] == 40
        assert _meta_and_migrations(store)[1][-1] == LATEST + 1
    with pytest.raises(StoreTooNew):
        PolicyStore(store.path)


def test_a_postgresql_database_without_the_policy_tables_is_never_created_silently(
    store, backend, pg_cluster
):
    if backend != "postgres":
        pytest.skip("a missing SQLite file is a new store by design (created and seeded)")
    empty = pg_cluster.new_dsn()
    with pytest.raises(StoreMissing, match="policy init"):
        PolicyStore(empty)
    con = psycopg.connect(empty, autocommit=True)
    assert (
        con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"
        ).fetchone()[0]
        == 0
    )
    con.close()
    # a store that lost a table is damaged, not re-created or re-seeded
    con = raw_connection(store)
    con.execute("DROP TABLE events")
    con.close()
    with pytest.raises(StoreDamaged, match="events"):
        PolicyStore(store.path)
    with pytest.raises(StoreDamaged, match="events"):
        PolicyStore(store.path, init=True)


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
    assert [v["value"] for v in store.records("measure_values") if v["measure_id"] == "m-test"] == [12.0]
