"""The dashboard's one read-only DuckDB connection, reopened when a new build is swapped in."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import duckdb

from pipelines.config import warehouse_path


class WarehouseMissing(Exception):
    pass


class WarehouseUnreadable(Exception):
    """The file exists but is not a readable warehouse (damaged, truncated): rebuild it."""


_lock = threading.Lock()
_open: dict[str, tuple[tuple[int, int], duckdb.DuckDBPyConnection]] = {}
# Connections to files a build has since replaced: a page mid-run may still hold a cursor on one,
# so the last one stays open (closing it would turn that page into an error page).
_retired: list[duckdb.DuckDBPyConnection] = []


def _connect(path: str, version: tuple[int, int]) -> duckdb.DuckDBPyConnection:
    """One shared read-only connection per warehouse file version.

    DuckDB caches database instances by path within a process, so `duckdb.connect(path)` after a swap
    would still return the old file while any connection to it is open. Each version is therefore
    ATTACHed READ_ONLY to its own in-memory instance; file access is then switched off, so no query
    can write, read other files or attach anything.
    """
    with _lock:
        current = _open.get(path)
        if current and current[0] == version:
            return current[1]
        con = duckdb.connect()
        try:
            con.execute("ATTACH ? AS warehouse (READ_ONLY)", [path])
            con.execute("SET enable_external_access = false")
            con.execute("SET lock_configuration = true")
            # Read every table once (DuckDB verifies block checksums as it reads), so a damaged or
            # truncated file fails here with a clear message rather than halfway through a page.
            con.execute("SELECT count(*) FROM warehouse.build_info JOIN warehouse.observations ON false").fetchone()
            tables = con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = 'warehouse'").fetchall()
            for (table,) in tables:
                con.execute(f'SELECT sum(hash(t)) FROM warehouse.main."{table}" t').fetchone()
        except duckdb.Error:
            con.close()
            raise
        if current:
            _retired.append(current[1])
            while len(_retired) > 1:
                try:
                    _retired.pop(0).close()
                except duckdb.Error:
                    pass
        _open[path] = (version, con)
        return con


def warehouse_version(path: Path) -> tuple[int, int]:
    st_ = os.stat(path)
    return (st_.st_ino, st_.st_mtime_ns)


def connection() -> duckdb.DuckDBPyConnection:
    path = warehouse_path()
    if not path.exists():
        raise WarehouseMissing(str(path))
    try:
        cursor = _connect(str(path), warehouse_version(path)).cursor()
        cursor.execute("USE warehouse")
    except duckdb.Error as exc:
        raise WarehouseUnreadable(str(path)) from exc
    return cursor
