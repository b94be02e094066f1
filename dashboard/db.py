"""The dashboard's one read-only DuckDB connection, reopened when a new build is swapped in."""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from pathlib import Path

import duckdb
import pandas as pd

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


def current_version() -> tuple[int, int]:
    """Version of the configured warehouse, so views key their caches without importing pipelines."""
    return warehouse_version(warehouse_path())


def runs_log() -> Path:
    """The build's append-only run log beside the warehouse (`pipelines.warehouse` writes it)."""
    return warehouse_path().with_name("runs.jsonl")


# Results of read queries, keyed by warehouse version + SQL + parameters. A warehouse version never
# changes (a build swaps in a new file), so a cached result is exact; this spares each page rerun
# (every widget click) its round trips. Bounded LRU; DataFrames are copied out.
_CACHE_MAX = 1024
_cache: OrderedDict[tuple, object] = OrderedDict()
_cache_lock = threading.Lock()


def _freeze(value):
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    return value


def _out(value):
    return value.copy() if isinstance(value, pd.DataFrame) else value


class _PendingQuery:
    """A read query run only when its result is asked for, and then from the cache if possible."""

    def __init__(self, cursor, key: tuple, sql: str, params):
        self._cursor, self._key, self._sql, self._params = cursor, key, sql, params

    def _result(self, kind: str, fetch):
        key = (*self._key, kind)
        with _cache_lock:
            if key in _cache:
                _cache.move_to_end(key)
                return _out(_cache[key])
        value = fetch(self._cursor.execute(self._sql, self._params))
        with _cache_lock:
            _cache[key] = value
            while len(_cache) > _CACHE_MAX:
                _cache.popitem(last=False)
        return _out(value)

    def df(self):
        return self._result("df", lambda r: r.df())

    def fetchall(self):
        return self._result("fetchall", lambda r: r.fetchall())

    def fetchone(self):
        return self._result("fetchone", lambda r: r.fetchone())

    def __getattr__(self, name):  # anything else: run it for real
        return getattr(self._cursor.execute(self._sql, self._params), name)


class CachingCursor:
    """Read-only cursor whose SELECT results are cached per warehouse version."""

    def __init__(self, cursor, version_key: tuple):
        self._cursor, self._version_key = cursor, version_key

    def execute(self, sql: str, params=None):
        if sql.lstrip().upper().startswith(("SELECT", "WITH")):
            return _PendingQuery(self._cursor, (self._version_key, sql, _freeze(params)), sql, params)
        return self._cursor.execute(sql, params)

    def __getattr__(self, name):
        return getattr(self._cursor, name)


def connection() -> CachingCursor:
    path = warehouse_path()
    if not path.exists():
        raise WarehouseMissing(str(path))
    try:
        version = warehouse_version(path)
        cursor = _connect(str(path), version).cursor()
        cursor.execute("USE warehouse")
    except duckdb.Error as exc:
        raise WarehouseUnreadable(str(path)) from exc
    return CachingCursor(cursor, (str(path), version))
