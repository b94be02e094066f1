"""Policy store faults: concurrent edits, an interrupted edit, a malformed import, warehouse rebuilds.

The store holds human work that is never rebuilt, so each test ends by proving nothing was lost
or half-written: record counts and a checksum over every record (with versions) and the whole
audit trail (`PolicyStore.checksum`) are equal before and after, or differ only by the one change
that was allowed.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time

import pytest
import yaml

from pipelines.config import ROOT
from pipelines.config import warehouse_path
from pipelines.warehouse import build
from policy.store import ConflictError
from policy.store import ImportFailed
from policy.store import Op
from policy.store import PolicyStore
from policy.store import policy_db_path

OBJ, OTHER = "gsiw17-sectoren", "gsiw17-ondernemingsklimaat"


pytestmark = pytest.mark.store_backends  # the store's cases run on SQLite and PostgreSQL


@pytest.fixture
def store(new_store, monkeypatch):
    monkeypatch.setenv("GSIW_LOCAL_ADMIN", "1")
    return new_store()


def state(store: PolicyStore) -> tuple[dict, str]:
    return store.counts(), store.checksum()


def editors_audit(store, who):
    return [r for r in store.audit_log(limit=None) if r["who"] == who]


# --------------------------------------------------------------------------- concurrent edits


def test_second_of_two_editors_on_the_same_objective_gets_a_conflict(store):
    opened = store.get("objectives", OBJ)  # both editors open version 1
    store.update(
        "objectives", OBJ, {"title_en": "A's wording"}, expected_version=opened["version"], user="A"
    )
    after_a = state(store)
    with pytest.raises(ConflictError) as err:
        store.update(
            "objectives",
            OBJ,
            {"title_en": "B's wording"},
            expected_version=opened["version"],
            user="B",
        )
    assert (err.value.expected, err.value.actual) == (opened["version"], opened["version"] + 1)
    assert state(store) == after_a  # no lost update, no trace of B
    assert store.get("objectives", OBJ)["title_en"] == "A's wording"
    assert not editors_audit(store, "B")


def test_two_simultaneous_saves_one_wins_one_conflicts(store):
    version = store.get("objectives", OBJ)["version"]
    barrier, outcome = threading.Barrier(2), {}

    def save(name: str) -> None:
        own = PolicyStore(
            store.path
        )  # each editor has its own connection, as two browser sessions do
        barrier.wait()
        try:
            own.update(
                "objectives",
                OBJ,
                {"title_en": f"{name}'s wording"},
                expected_version=version,
                user=name,
            )
            outcome[name] = "saved"
        except ConflictError:
            outcome[name] = "conflict"

    threads = [threading.Thread(target=save, args=(n,)) for n in ("A", "B")]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=30)
    assert sorted(outcome.values()) == ["conflict", "saved"]
    winner = next(n for n, o in outcome.items() if o == "saved")
    rec = store.get("objectives", OBJ)
    assert (rec["title_en"], rec["version"], rec["updated_by"]) == (
        f"{winner}'s wording",
        version + 1,
        winner,
    )
    assert len(editors_audit(store, "A") + editors_audit(store, "B")) == 1


def test_two_batches_at_once_queue_and_both_land_in_order_with_their_audit_rows(store, monkeypatch):
    """Each batch holds the store's write lock for its whole transaction: the second waits for the
    first (even when the first is slow), then runs on what the first committed."""
    start = {oid: store.get("objectives", oid)["version"] for oid in (OBJ, OTHER)}
    barrier, outcome = threading.Barrier(2), {}
    original = PolicyStore._apply_one

    def slow(self, con, op, **kwargs):
        result = original(self, con, op, **kwargs)
        time.sleep(0.3)  # a slow batch: without the lock the other one would interleave here
        return result

    monkeypatch.setattr(PolicyStore, "_apply_one", slow)

    def batch(name: str) -> None:
        own = PolicyStore(store.path)
        barrier.wait()
        try:
            outcome[name] = own.apply(
                [Op("update", "objectives", oid, {"code": name}) for oid in (OBJ, OTHER)], user=name
            )
        except Exception as exc:  # noqa: BLE001 - the assertion below names it
            outcome[name] = exc

    threads = [threading.Thread(target=batch, args=(n,)) for n in ("A", "B")]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=60)
    assert all(isinstance(v, str) for v in outcome.values()), outcome  # both applied, no conflict
    rows = sorted(editors_audit(store, "A") + editors_audit(store, "B"), key=lambda r: r["seq"])
    assert len(rows) == 4
    first, second = rows[0]["who"], rows[-1]["who"]
    assert first != second
    assert [r["who"] for r in rows] == [first, first, second, second]  # one batch after the other
    assert [r["change_id"] for r in rows] == [outcome[first]] * 2 + [outcome[second]] * 2
    assert [(r["old"], r["new"]) for r in rows if r["who"] == second] == [(first, second)] * 2
    for oid in (OBJ, OTHER):
        rec = store.get("objectives", oid)
        assert (rec["code"], rec["version"], rec["updated_by"]) == (second, start[oid] + 2, second)


# --------------------------------------------------------------------------- interrupted edits


def test_an_edit_interrupted_after_its_update_leaves_nothing_behind(store, monkeypatch):
    before = state(store)

    def power_cut(*args, **kwargs):
        raise RuntimeError("interrupted between the UPDATE and its audit rows")

    monkeypatch.setattr(PolicyStore, "_write_audit", power_cut)
    obj = store.get("objectives", OBJ)
    with pytest.raises(RuntimeError):
        store.update(
            "objectives", OBJ, {"title_en": "half-saved"}, expected_version=obj["version"], user="X"
        )
    assert state(store) == before
    assert store.get("objectives", OBJ)["title_en"] == obj["title_en"]


def test_a_batch_interrupted_after_its_first_update_is_all_or_nothing(store, monkeypatch):
    before = state(store)
    first, second = store.get("objectives", OBJ), store.get("objectives", OTHER)
    original, done = PolicyStore._apply_one, []

    def interrupted(self, con, op, **kwargs):
        if done:
            raise RuntimeError("interrupted after the first UPDATE")
        done.append(op.id)
        return original(self, con, op, **kwargs)

    monkeypatch.setattr(PolicyStore, "_apply_one", interrupted)
    with pytest.raises(RuntimeError):
        store.apply(
            [
                Op("update", "objectives", OBJ, {"code": "3"}, first["version"]),
                Op("update", "objectives", OTHER, {"code": "4"}, second["version"]),
            ],
            user="X",
        )
    assert done == [OBJ]  # the first UPDATE did run ...
    assert state(store) == before  # ... and was rolled back with the rest
    assert store.get("objectives", OBJ)["code"] is None


def test_a_process_killed_mid_edit_leaves_the_store_intact(store):
    before = state(store)
    driver = (
        "import os\n"
        "from policy.store import PolicyStore\n"
        f"s = PolicyStore({str(store.path)!r})\n"
        "PolicyStore._write_audit = lambda *a, **k: os._exit(9)  # killed after the UPDATE, before COMMIT\n"
        f"o = s.get('objectives', {OBJ!r})\n"
        f"s.update('objectives', {OBJ!r}, {{'title_en': 'half'}}, expected_version=o['version'], user='killed')\n"
    )
    env = {**os.environ, "GSIW_LOCAL_ADMIN": "1", "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-c", driver], cwd=ROOT, env=env, capture_output=True, timeout=60
    )
    assert proc.returncode == 9, proc.stderr.decode()
    assert state(PolicyStore(store.path)) == before
    if store.backend == "sqlite":
        con = sqlite3.connect(store.path)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        con.close()
    obj = store.get("objectives", OBJ)  # and it still takes edits
    store.update(
        "objectives",
        OBJ,
        {"title_en": "after the crash"},
        expected_version=obj["version"],
        user="Y",
    )


# --------------------------------------------------------------------------- malformed imports


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


def broken_exports(text: str) -> list[tuple[str, str, str]]:
    """(case, file text, expected 'line N' of the first error), each made from a real export."""
    lines = text.splitlines()
    cut = "\n".join(lines[: len(lines) * 3 // 5]) + "\n"
    unclosed = text.replace("name_nl: Arbeidspact voor Gent", "name_nl: [Arbeidspact voor Gent")
    bad_year = text.replace("target_year: 2027", "target_year: twintig27", 1)
    bad_dir = text.replace("direction: higher_is_worse", "direction: omlaag", 1)
    dangling = text.replace("objective_id: vb-jongeren", "objective_id: vb-bestaat-niet", 1)
    dup = text.replace("- id: gsiw17-bemiddeling", "- id: gsiw17-doelgroepen", 1)
    unknown = text.replace("  code: V1\n", "  code: V1\n  streefdatum: '2027'\n", 1)
    return [
        ("syntax", unclosed, f"line {line_of(unclosed, '[Arbeidspact') + 1}"),
        ("type", bad_year, f"line {line_of(bad_year, 'twintig27')}"),
        ("enum", bad_dir, f"line {line_of(bad_dir, 'direction: omlaag')}"),
        ("reference", dangling, f"line {line_of(dangling, 'vb-bestaat-niet')}"),
        ("duplicate id", dup, "second occurrence"),
        ("unknown field", unknown, f"line {line_of(unknown, 'streefdatum')}"),
        ("cut off", cut, "end of file"),
    ]


@pytest.mark.parametrize(
    "case", ["syntax", "type", "enum", "reference", "duplicate id", "unknown field", "cut off"]
)
def test_a_malformed_import_is_refused_with_line_numbers_and_changes_nothing(store, case):
    text = store.export_yaml()
    # the file also holds a valid change and a new record: all or nothing, so neither may land
    text = text.replace("title_en: Business climate", "title_en: Business climate (changed)")
    text = text.replace(
        "projects:\n",
        "projects:\n- id: nieuw-project\n  name: Nieuw\n  status: planned\n  is_example: true\n",
        1,
    )
    n = store.counts()["projects"]
    text = text.replace(
        f"  projects: {n}\n", f"  projects: {n + 1}\n"
    )  # the export's own count, kept right
    _, broken, where = next(c for c in broken_exports(text) if c[0] == case)
    before = state(store)
    with pytest.raises(ImportFailed) as err:
        store.import_yaml(broken, user="Importer", replace=True)
    messages = "\n".join(err.value.errors)
    if case == "duplicate id":
        dup_lines = [
            i
            for i, ln in enumerate(broken.splitlines(), 1)
            if ln.strip() == "- id: gsiw17-doelgroepen"
        ]
        where = f"line {dup_lines[1]}"
    assert where in messages, messages
    assert state(store) == before
    assert store.get("projects", "nieuw-project") is None


def test_a_file_that_is_not_an_export_is_refused(store):
    before = state(store)
    for text in ("", "just a sentence", "- a\n- list\n", yaml.safe_dump({"plans": []})):
        with pytest.raises(ImportFailed) as err:
            store.import_yaml(text, user="x")
        assert err.value.errors[0].startswith("line ")
    assert state(store) == before


# --------------------------------------------------------------------------- warehouse rebuilds


def test_the_store_survives_warehouse_rebuilds_untouched(warehouse, tmp_path, monkeypatch):
    # Worst case: the store right beside the warehouse file, in the folder the build writes to.
    monkeypatch.setenv("GSIW_LOCAL_ADMIN", "1")
    folder = tmp_path / "data"
    folder.mkdir()
    wh = folder / "gsiw.duckdb"
    shutil.copyfile(warehouse, wh)
    store = PolicyStore(folder / "gsiw_policy.sqlite")
    obj = store.get("objectives", OBJ)
    store.update(
        "objectives",
        OBJ,
        {"title_en": "Kept across rebuilds"},
        expected_version=obj["version"],
        user="Z",
    )
    before, files = state(store), sorted(p.name for p in folder.glob("gsiw_policy.sqlite*"))
    for _ in range(2):
        result = build(["reference_geographies"], path=wh)
        assert result.ok, result.failures
    assert state(PolicyStore(folder / "gsiw_policy.sqlite")) == before
    assert sorted(p.name for p in folder.glob("gsiw_policy.sqlite*")) == files
    assert store.get("objectives", OBJ)["title_en"] == "Kept across rebuilds"


def test_default_locations_keep_the_store_out_of_the_warehouse_folder(monkeypatch):
    monkeypatch.delenv("GSIW_POLICY_DB", raising=False)
    monkeypatch.delenv("GSIW_WAREHOUSE", raising=False)
    assert policy_db_path().parent != warehouse_path().parent
    assert policy_db_path().parent == ROOT / "data" / "policy"
