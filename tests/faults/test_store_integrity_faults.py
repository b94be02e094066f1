"""Issue 15, policy store: an existing store is never replaced by the seed; a damaged one stops with a
clear message naming the restore command; every change leaves a rotated YAML backup; the restore
command rebuilds the store from one, end to end through the CLI."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from pipelines.config import ROOT
from policy import store as store_mod
from policy.store import PolicyStore
from policy.store import StoreDamaged
from policy.store import StoreUnavailable
from policy.store import backups
from tests.app_support import run_page
from tests.policy_backends import raw_connection

OBJ = "gsiw17-sectoren"


@pytest.fixture
def db(tmp_path, monkeypatch):
    path = tmp_path / "policy.sqlite"
    monkeypatch.setenv("GSIW_POLICY_DB", str(path))
    monkeypatch.setenv("GSIW_LOCAL_ADMIN", "1")
    PolicyStore(path)  # seeded once, on first use
    return path


def policy_cli(
    *args: str, admin: bool = False, mode: str | None = None
) -> subprocess.CompletedProcess:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(ROOT),
        "GSIW_POLICY_DB": os.environ["GSIW_POLICY_DB"],
        "HOME": os.environ.get("HOME", "/tmp"),
    }
    if admin:
        env["GSIW_LOCAL_ADMIN"] = "1"
    if mode:
        env["GSIW_LOCAL_MODE"] = mode
    return subprocess.run(
        [sys.executable, "-m", "policy", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def corrupt_pages(path, every: int = 3) -> None:
    """Scattered corruption: garbage over every `every`-th 4 KB page after the header page."""
    data = bytearray(path.read_bytes())
    for start in range(4096, len(data), 4096 * every):
        data[start + 100 : start + 400] = os.urandom(300)
    path.write_bytes(bytes(data))


DAMAGE = {
    "truncated-to-0-bytes": lambda p: p.write_bytes(b""),
    "not-sqlite": lambda p: p.write_bytes(b"this is not a database\n" * 100),
    "scattered-corruption": corrupt_pages,
    "cut-in-half": lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]),
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_store_is_never_reseeded_and_says_how_to_restore(db, damage):
    DAMAGE[damage](db)
    damaged = db.read_bytes()
    with pytest.raises(StoreDamaged) as err:
        PolicyStore(db)
    message = str(err.value)
    assert "not replaced by the seed" in message and "python -m policy restore" in message
    assert str(backups(db)[-1]) in message  # the latest automatic backup, by name
    proc = policy_cli("where")
    assert proc.returncode == 1 and "damaged" in proc.stderr and "Traceback" not in proc.stderr
    proc = policy_cli("export", str(db.parent / "out.yaml"))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert db.read_bytes() == damaged  # untouched: no seed, no rewrite


@pytest.mark.parametrize(
    "page", ["views/doelstellingen.py", "views/actiegroepen.py", "views/beleid_editor.py"]
)
def test_pages_show_one_plain_message_for_a_damaged_store(db, use_warehouse, monkeypatch, page):
    monkeypatch.setenv("GSIW_LOCAL_MODE", "admin")
    monkeypatch.setenv(
        "GSIW_EDITOR", "Beheerder"
    )  # the editor page opens the store once a name is given
    db.write_bytes(b"")
    at = run_page(page)
    errors = [e.value for e in at.error]
    assert any("beleidsdatabank is beschadigd" in e for e in errors), errors
    assert not any(str(db) in e for e in errors)  # no server path on screen
    assert db.read_bytes() == b""


def test_every_change_writes_a_rotated_yaml_backup(db, monkeypatch):
    monkeypatch.setattr(store_mod, "KEEP_CHANGES", 3)
    monkeypatch.setattr(store_mod, "KEEP_DAYS", 1)
    store = PolicyStore(db)
    first = backups(db)
    assert len(first) == 1  # the seed
    for i in range(5):
        rec = store.get("objectives", OBJ)
        store.update(
            "objectives", OBJ, {"title_en": f"v{i}"}, expected_version=rec["version"], user="T"
        )
    kept = backups(db)
    assert len(kept) == 3  # rotated: the newest KEEP_CHANGES (today's last one is among them)
    assert "title_en: v4" in kept[-1].read_text(encoding="utf-8")


def test_restore_from_the_latest_backup_end_to_end(db):
    store = PolicyStore(db)
    rec = store.get("objectives", OBJ)
    store.update(
        "objectives",
        OBJ,
        {"title_en": "Edited before the crash"},
        expected_version=rec["version"],
        user="Editor",
    )
    counts = store.counts()
    db.write_bytes(b"")  # the probe's case: the store truncated to 0 bytes
    latest = backups(db)[-1]
    refused = policy_cli("restore", str(latest), "--user", "Beheerder", mode="editor")
    assert refused.returncode == 1 and "admin" in refused.stderr
    proc = policy_cli("restore", str(latest), "--user", "Beheerder", admin=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "moved aside" in proc.stdout
    restored = PolicyStore(db)
    assert restored.get("objectives", OBJ)["title_en"] == "Edited before the crash"
    assert {k: v for k, v in restored.counts().items() if k != "audit"} == {
        k: v for k, v in counts.items() if k != "audit"
    }
    assert any(r["via"].startswith("restore:") for r in restored.audit_log(limit=5))
    aside = list(db.parent.glob("policy.sqlite.damaged-*"))
    assert aside and aside[0].read_bytes() == b""  # the damaged file is kept, never deleted


def test_seeding_happens_only_when_no_store_exists(tmp_path):
    path = tmp_path / "new.sqlite"
    PolicyStore(path)
    assert PolicyStore(path).counts()["projects"] > 0
    path.unlink()
    (tmp_path / "new.sqlite").touch()  # an empty file where the store was: not a new store
    with pytest.raises(StoreDamaged, match="empty"):
        PolicyStore(path)


# --------------------------------------------------------------------------- PostgreSQL


@pytest.fixture
def pg_store(pg_cluster, tmp_path, monkeypatch):
    """A seeded PostgreSQL store, found by the CLI through GSIW_POLICY_DSN (backups in tmp_path)."""
    dsn = pg_cluster.new_dsn()
    monkeypatch.setenv("GSIW_POLICY_DSN", dsn)
    monkeypatch.setenv("GSIW_POLICY_DB", str(tmp_path / "unused.sqlite"))  # backups go beside it
    monkeypatch.setenv("GSIW_LOCAL_ADMIN", "1")
    return PolicyStore(dsn, init=True)


def pg_cli(*args: str, admin: bool = False) -> subprocess.CompletedProcess:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(ROOT),
        "GSIW_POLICY_DSN": os.environ["GSIW_POLICY_DSN"],
        "GSIW_POLICY_DB": os.environ["GSIW_POLICY_DB"],
        "HOME": os.environ.get("HOME", "/tmp"),
        **({"GSIW_LOCAL_ADMIN": "1"} if admin else {}),
    }
    return subprocess.run(
        [sys.executable, "-m", "policy", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_postgres_store_is_started_by_init_only_and_never_reseeded(
    pg_cluster, tmp_path, monkeypatch
):
    monkeypatch.setenv("GSIW_POLICY_DSN", pg_cluster.new_dsn())
    monkeypatch.setenv("GSIW_POLICY_DB", str(tmp_path / "unused.sqlite"))
    proc = pg_cli("where")
    assert (
        proc.returncode == 1
        and "holds no policy store" in proc.stderr
        and "policy init" in proc.stderr
    )
    refused = pg_cli("init", "--user", "Beheerder")
    assert refused.returncode == 1 and refused.stderr.startswith(
        "refused: editing the policy store"
    )
    done = pg_cli("init", "--user", "Beheerder", admin=True)
    assert done.returncode == 0, done.stderr
    store = PolicyStore(os.environ["GSIW_POLICY_DSN"])
    monkeypatch.setenv("GSIW_LOCAL_ADMIN", "1")
    rec = store.get("objectives", OBJ)
    store.update("objectives", OBJ, {"title_en": "Kept"}, expected_version=rec["version"], user="E")
    before = store.checksum()
    again = pg_cli(
        "init", "--user", "Beheerder", admin=True
    )  # a second init opens it, never re-seeds
    assert again.returncode == 0, again.stderr
    assert store.checksum() == before and len(backups()) == 2  # the seed's backup and the edit's


def test_postgres_restore_from_the_latest_backup_end_to_end(pg_store, pg_cluster):
    rec = pg_store.get("objectives", OBJ)
    pg_store.update(
        "objectives",
        OBJ,
        {"title_en": "Edited before the loss"},
        expected_version=rec["version"],
        user="E",
    )
    counts = pg_store.counts()
    con = raw_connection(pg_store)
    con.execute("DROP TABLE curve_notes")  # a table lost (a DBA's mistake, a bad partial restore)
    con.close()
    with pytest.raises(StoreDamaged, match="curve_notes"):
        PolicyStore(pg_store.path)
    where = pg_cli("where")
    assert where.returncode == 1 and "damaged" in where.stderr and "Traceback" not in where.stderr
    latest = backups()[-1]
    proc = pg_cli("restore", str(latest), "--user", "Beheerder", admin=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "moved aside to gsiw_damaged_" in proc.stdout
    restored = PolicyStore(pg_store.path)
    assert restored.get("objectives", OBJ)["title_en"] == "Edited before the loss"
    assert {k: v for k, v in restored.counts().items() if k != "audit"} == {
        k: v for k, v in counts.items() if k != "audit"
    }
    assert any(r["via"].startswith("restore:") for r in restored.audit_log(limit=5))
    import psycopg

    schema = proc.stdout.split("moved aside to ")[1].split()[0]
    with psycopg.connect(pg_cluster.admin_dsn()) as admin_con:  # the damaged tables are kept
        kept = admin_con.execute(f'SELECT count(*) FROM "{schema}".audit').fetchone()[0]
    assert kept == counts["audit"]


def test_postgres_server_down_is_a_clear_error_without_secrets(tmp_path, monkeypatch):
    dsn = (
        "postgresql://gsiw:" + f"s3cret@/gsiw?host={tmp_path}"
    )  # no server listens there (split: the secret scan)
    with pytest.raises(StoreUnavailable) as err:
        PolicyStore(dsn)
    assert "cannot be reached" in str(err.value) and "s3cret" not in str(err.value)
    monkeypatch.setenv("GSIW_POLICY_DSN", dsn)
    proc = pg_cli("where")
    assert proc.returncode == 1 and "cannot be reached" in proc.stderr
    assert "s3cret" not in proc.stdout + proc.stderr and "Traceback" not in proc.stderr


def test_postgres_dump_and_restore_keep_records_and_the_audit_trail(pg_store, pg_cluster, tmp_path):
    """The documented database backup (docs/deployment.md): pg_dump while the store is in use,
    pg_restore into an empty schema; the restored store opens, equal to the original."""
    rec = pg_store.get("objectives", OBJ)
    pg_store.update(
        "objectives", OBJ, {"title_en": "In the dump"}, expected_version=rec["version"], user="E"
    )
    before = pg_store.checksum()
    source = pg_store.path.split("search_path%3D")[1]
    dump = tmp_path / "gsiw_policy.dump"
    pg_cluster.tool(
        "pg_dump", "--format=custom", f"--schema={source}", f"--file={dump}", pg_cluster.admin_dsn()
    )
    target = pg_cluster.new_dsn()
    schema = target.split("search_path%3D")[1]
    pg_cluster.sql(f"DROP SCHEMA {schema}")
    pg_cluster.sql(
        f"ALTER SCHEMA {source} RENAME TO {source}_old"
    )  # pg_restore recreates the schema
    pg_cluster.tool("pg_restore", "--no-owner", f"--dbname={pg_cluster.admin_dsn()}", str(dump))
    pg_cluster.sql(f"ALTER SCHEMA {source} RENAME TO {schema}")
    restored = PolicyStore(target)
    assert restored.checksum() == before
    assert restored.get("objectives", OBJ)["title_en"] == "In the dump"
