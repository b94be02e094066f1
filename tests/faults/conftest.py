"""Shared helpers for the fault suite: a private raw folder, a copy of the real warehouse, and a
content checksum that proves a fault lost nothing.

Every fault test ends the same way: a clear error naming source, file and field or step; a
non-zero build result; and `assert_unchanged(path, before)` on the previous warehouse.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from pipelines import snapshot as snap
from pipelines.config import ROOT
from pipelines.registry import get_source
from policy.store import PolicyStore

# The build's own record of itself changes on every run by design; everything else must not.
BOOKKEEPING = frozenset({"load_log", "build_info", "coverage_history"})


def warehouse_state(
    path: Path, exclude: frozenset[str] = BOOKKEEPING
) -> dict[str, tuple[int, str]]:
    """Row count and an order-independent checksum of every table's contents, per table."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        tables = [
            r[0]
            for r in con.execute(
                "SELECT table_name FROM information_schema.tables ORDER BY 1"
            ).fetchall()
        ]
        state = {}
        for table in tables:
            if table in exclude:
                continue
            # Sum of per-row hashes: order-independent, counts duplicates, computed inside DuckDB.
            n, total = con.execute(
                f'SELECT count(*), coalesce(sum(hash(t)), 0) FROM "{table}" t'
            ).fetchone()
            state[table] = (n, str(total))
        return state
    finally:
        con.close()


def file_digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


POLICY_STORE = "policy_store"  # key in `before` for the policy store file (bytes, sha256)


def policy_state() -> tuple[int, str] | None:
    """The policy store is a separate SQLite file no build may touch: size and checksum of its bytes."""
    path = Path(os.environ.get("GSIW_POLICY_DB", ""))
    return (path.stat().st_size, file_digest(path)) if path.is_file() else None


def assert_unchanged(path: Path, before: dict[str, tuple[int, str]]) -> None:
    after = warehouse_state(path)
    if POLICY_STORE in before:
        after[POLICY_STORE] = policy_state()
    counts = {
        t: (before.get(t, (None,))[0], after.get(t, (None,))[0]) for t in set(before) | set(after)
    }
    changed = {t: c for t, c in counts.items() if before.get(t) != after.get(t)}
    assert not changed, f"warehouse changed (table: rows before, after): {changed}"


def no_temp_files(path: Path) -> list[Path]:
    return sorted(path.parent.glob(path.name + ".building-*")) + sorted(path.parent.glob("*.wal"))


@dataclass
class FaultEnv:
    """A private raw folder (real snapshots linked read-only) and a copy of the real warehouse."""

    raw: Path
    path: Path
    before: dict[str, tuple[int, str]]
    tmp: Path

    def env(self) -> dict[str, str]:
        """Environment for a CLI subprocess on this private copy."""
        return {
            "GSIW_WAREHOUSE": str(self.path),
            "GSIW_RAW_DIR": str(self.raw),
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
            "HOME": str(self.tmp),
            **(
                {"GSIW_POLICY_DB": os.environ["GSIW_POLICY_DB"]}
                if "GSIW_POLICY_DB" in os.environ
                else {}
            ),
        }

    def add_snapshot(
        self, source: str, files: dict[str, bytes], snapshot_id: str = "9999-fault"
    ) -> Path:
        """A newer snapshot holding `files`, as a live fetch or a hand-copied folder would leave it.

        Written directly (manifest with true checksums), not through `import_files`, whose own
        checks would refuse many of these files at the door; the build must catch them too.
        """
        folder = self.raw / source / snapshot_id
        folder.mkdir(parents=True)
        paths = []
        for name, content in files.items():
            (folder / name).write_bytes(content)
            paths.append(folder / name)
        snap.write_manifest(
            get_source(source), folder, paths, snapshot_id=snapshot_id, origin="test: fault case"
        )
        return folder

    def real_file(self, source: str, name: str | None = None) -> bytes:
        src = get_source(source)
        folder = snap.latest_snapshot(src)
        return (folder / (name or src.files[0].name)).read_bytes()


def _link_raw(dest: Path) -> Path:
    """data/raw with every real snapshot folder symlinked: cheap, and the originals are never written."""
    for source_dir in sorted((ROOT / "data" / "raw").iterdir()):
        if not source_dir.is_dir():
            continue
        (dest / source_dir.name).mkdir(parents=True)
        for snapshot in source_dir.iterdir():
            if snapshot.is_dir() and not snapshot.name.startswith("."):
                (dest / source_dir.name / snapshot.name).symlink_to(
                    snapshot, target_is_directory=True
                )
    return dest


@pytest.fixture
def fault_env(tmp_path, warehouse, monkeypatch) -> FaultEnv:
    """Per test: a copy of the session's real warehouse (built once) and a private raw folder."""
    raw = _link_raw(tmp_path / "raw")
    path = tmp_path / "wh" / "gsiw.duckdb"
    path.parent.mkdir()
    shutil.copyfile(warehouse, path)
    monkeypatch.setenv("GSIW_RAW_DIR", str(raw))
    monkeypatch.setenv("GSIW_WAREHOUSE", str(path))
    before = warehouse_state(path)
    # A private policy store, seeded from data/policy/seed.yaml, checked alongside the warehouse:
    # no fault may touch it (and no test may open the checkout's own store).
    store = PolicyStore(tmp_path / "policy.sqlite")
    monkeypatch.setenv("GSIW_POLICY_DB", str(store.path))
    before[POLICY_STORE] = policy_state()
    assert before[POLICY_STORE] is not None
    return FaultEnv(raw, path, before, tmp_path)


def run_cli(
    args: list[str], env: dict[str, str], timeout: float = 120
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pipelines", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def run_python(code: str, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess:
    """Run a small driver (e.g. the CLI under recorded HTTP responses) in a fresh interpreter."""
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
