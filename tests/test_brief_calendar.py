"""The meeting calendar in the policy store: seeded as examples, audited, exported and imported, migrated."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
import yaml

from policy.store import PolicyStore
from policy.store import ValidationError
from policy.store import previous_and_next

BELEIDSGROEP = "https://stad.gent/nl/gent-stad-werking/gsiw-doelstellingen-en-beleidsgroep/beleidsgroep-gent-stad-werking"


def test_the_seed_has_only_example_dates_every_two_months(store):
    meetings = store.meetings()
    assert [m["meeting_date"] for m in meetings] == [
        "2026-05-19",
        "2026-07-14",
        "2026-09-15",
        "2026-11-17",
        "2027-01-19",
        "2027-03-16",
    ]
    assert all(m["is_example"] and m["title_nl"].startswith("Voorbeeld") for m in meetings)
    assert {m["source"] for m in meetings} == {
        BELEIDSGROEP
    }  # the two-monthly rhythm, not the dates


def test_previous_and_next_meeting(store):
    prev, nxt = previous_and_next(store.meetings(), date(2026, 11, 23))
    assert (prev["meeting_date"], nxt["meeting_date"]) == ("2026-11-17", "2027-01-19")
    prev, nxt = previous_and_next(
        store.meetings(), date(2026, 9, 15)
    )  # on the day: that one is still to come
    assert (prev["meeting_date"], nxt["meeting_date"]) == ("2026-07-14", "2026-09-15")
    assert previous_and_next([], date(2026, 1, 1)) == (None, None)


def test_a_meeting_is_added_with_its_audit_trail_and_needs_a_full_date(store, admin):
    store.create(
        "meetings",
        "beleidsgroep-2026-12-15",
        {"meeting_date": "2026-12-15", "title_nl": "Beleidsgroep", "source": "uitnodiging"},
        user="An Peeters",
    )
    rows = [r for r in store.audit_log(limit=None) if r["entity_id"] == "beleidsgroep-2026-12-15"]
    assert {(r["field"], r["new"], r["who"]) for r in rows} >= {
        ("meeting_date", "2026-12-15", "An Peeters")
    }
    with pytest.raises(ValidationError, match="full date"):
        store.create(
            "meetings", "vaag", {"meeting_date": "2026-12", "is_example": True}, user="An Peeters"
        )
    with pytest.raises(ValidationError, match="source is required"):
        store.create("meetings", "zonder-bron", {"meeting_date": "2026-12-16"}, user="An Peeters")


def test_meetings_go_through_the_yaml_export_and_import(store, admin, tmp_path):
    store.create(
        "meetings",
        "beleidsgroep-2027-05-18",
        {"meeting_date": "2027-05-18", "source": "agenda 2027"},
        user="Jan",
    )
    text = store.export_yaml()
    data = yaml.safe_load(text)
    assert data["records"]["meetings"] == 7
    assert {
        "id": "beleidsgroep-2027-05-18",
        "meeting_date": "2027-05-18",
        "source": "agenda 2027",
        "is_example": False,
    } in data["meetings"]
    other = PolicyStore(tmp_path / "other.sqlite", seed=tmp_path / "no-seed.yaml")
    report = other.import_yaml(text, user="Jan", replace=True)
    assert report.created == sum(store.counts()[n] for n in data["records"])
    assert [m["meeting_date"] for m in other.meetings()] == [
        m["meeting_date"] for m in store.meetings()
    ]


def test_a_store_made_before_the_calendar_gets_it_on_first_open(tmp_path):
    path = tmp_path / "old.sqlite"
    PolicyStore(path)
    con = sqlite3.connect(path)
    con.execute("DROP TABLE meetings")  # as a store created before this feature (schema 1) ...
    con.execute("DROP TABLE schema_migrations")  # ... and before migrations were recorded
    con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    reopened = PolicyStore(path)
    assert len(reopened.meetings()) == 6 and reopened.counts()["plans"] == 3
    assert (
        sqlite3.connect(path)
        .execute("SELECT value FROM meta WHERE key = 'schema_version'")
        .fetchone()[0]
        == "3"
    )
