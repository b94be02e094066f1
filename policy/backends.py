"""The two databases the policy store runs on: SQLite (the embedded default) and PostgreSQL.

Why a small layer of our own rather than an ORM: the store's SQL is a handful of portable statements
generated from `policy.store.ENTITIES`; what differs between the two databases is only how a
connection is opened, how a writer takes the store's write lock, column types, the audit trail's
sequence and append-only trigger, and how to list tables and columns. Everything else (validation,
audit rows, optimistic locking, import/export, migrations) is the same code on both.

The store writes its SQL with `?` placeholders (SQLite's style); the PostgreSQL connection
translates them to psycopg's `%s`. Rows answer both `row["name"]` and `row[0]` on both backends.
"""

from __future__ import annotations

import atexit
import logging
import os
import re
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

DSN_PREFIXES = ("postgresql://", "postgres://")
LOCK_TIMEOUT_S = 15  # a writer waits this long for another writer's transaction, as SQLite's busy_timeout
APPEND_ONLY = "the audit trail is append-only"


def is_dsn(location: Any) -> bool:
    return isinstance(location, str) and location.startswith(DSN_PREFIXES)


def masked(dsn: str) -> str:
    """The DSN without its password, for messages and logs."""
    return re.sub(r"(://[^:/@?]*):[^@/?]*@", r"\1:***@", dsn)


class Unavailable(Exception):
    """The database server cannot be reached (not a damaged store: nothing is wrong with the data)."""


class Damage(Exception):
    """The database answered, but the store's tables are not what they must be."""


class Integrity(Exception):
    """A constraint refused a write (reference, unique, check); `str()` is a reader-facing reason."""


# --------------------------------------------------------------------------- SQLite


class SqliteBackend:
    name = "sqlite"
    types = {"int": "INTEGER", "float": "REAL", "bool": "INTEGER", "text": "TEXT"}
    order_column = ""  # SQLite's implicit rowid keeps insertion order
    audit_seq = "seq INTEGER PRIMARY KEY AUTOINCREMENT"
    _DAMAGE_WORDS = ("malformed", "not a database", "disk image", "corrupt", "no such table", "file is encrypted")

    def __init__(self, path: Path):
        self.path = Path(path)
        self.where = str(self.path)

    def connect(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.path, timeout=LOCK_TIMEOUT_S, isolation_level=None)
        con.row_factory = sqlite3.Row
        con.execute("PRAGMA foreign_keys = ON")
        con.execute(f"PRAGMA busy_timeout = {LOCK_TIMEOUT_S * 1000}")
        con.execute("PRAGMA synchronous = FULL")  # human work: durability beats speed
        return con

    @staticmethod
    def begin_write(con) -> None:
        con.execute("BEGIN IMMEDIATE")  # the write lock up front: concurrent editors queue

    @staticmethod
    def begin_read(con) -> None:
        pass  # each statement reads a committed state; WAL keeps readers and the writer apart

    @classmethod
    def is_damage(cls, exc: BaseException) -> bool:
        return isinstance(exc, sqlite3.DatabaseError) and any(w in str(exc).lower() for w in cls._DAMAGE_WORDS)

    @staticmethod
    def integrity(exc: BaseException) -> str | None:
        if not isinstance(exc, sqlite3.IntegrityError):
            return None
        msg = str(exc)
        if "FOREIGN KEY" in msg:
            return "the record is still referred to by another record, or refers to one that does not exist"
        if "UNIQUE" in msg:
            return f"a record with the same {msg.split(':', 1)[-1].strip()} already exists"
        return msg

    @staticmethod
    def tables(con) -> set[str]:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

    @classmethod
    def has_table(cls, con, name: str) -> bool:
        return name in cls.tables(con)

    @staticmethod
    def columns(con, table: str) -> set[str]:
        return {r[1] for r in con.execute(f"PRAGMA table_info({table})")}

    @staticmethod
    def append_only_sql() -> list[str]:
        return [
            "CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit "
            f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END",
            "CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit "
            f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END",
        ]

    def identity(self) -> str:
        """Changes when the file is replaced (a restore moves the old one aside)."""
        st_ = os.stat(self.path)
        return f"{st_.st_dev}:{st_.st_ino}"


# --------------------------------------------------------------------------- PostgreSQL


class _PgRow(tuple):
    """A row that answers `row["name"]`, `row[0]`, `dict(row)` and `tuple(row)`, like sqlite3.Row."""

    def __new__(cls, values, index):
        row = super().__new__(cls, values)
        row._index = index
        return row

    def __getitem__(self, key):
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


def _row_factory(cursor):
    names = [c.name for c in cursor.description or []]
    index = {n: i for i, n in enumerate(names)}
    return lambda values: _PgRow(values, index)


class _PgConnection:
    """psycopg's connection with the sqlite3 calls the store makes (`?` placeholders); `close()`
    hands it back to the pool, rolled back if a transaction is still open."""

    def __init__(self, raw, pool=None):
        self.raw, self.pool = raw, pool

    @staticmethod
    def _sql(sql: str) -> str:
        return sql.replace("%", "%%").replace("?", "%s")

    def execute(self, sql: str, args: Any = None):
        if args is None:
            return self.raw.execute(sql)
        return self.raw.execute(self._sql(sql), list(args))

    def executemany(self, sql: str, rows) -> None:
        with self.raw.cursor() as cur:
            cur.executemany(self._sql(sql), [list(r) for r in rows])

    def close(self) -> None:
        from psycopg.pq import TransactionStatus

        if self.pool is None:
            self.raw.close()
            return
        if self.raw.info.transaction_status != TransactionStatus.IDLE:
            try:
                self.raw.execute("ROLLBACK")
            except Exception:  # noqa: BLE001 - a broken connection is closed and the pool drops it
                self.raw.close()
        self.pool.putconn(self.raw)


# One pool per DSN and process: a page reads the store several times per run, and opening a
# PostgreSQL connection (TCP, TLS, password exchange) costs far more than the query.
POOL_SIZE = int(os.environ.get("GSIW_POLICY_POOL_SIZE", "10"))
_POOLS: dict[str, Any] = {}
_POOLS_LOCK = threading.Lock()


def _connect_kwargs() -> dict[str, Any]:
    return {"autocommit": True, "row_factory": _row_factory, "connect_timeout": 10,
            "application_name": "gsiw-policy"}


def _pool(dsn: str, where: str):
    import psycopg
    from psycopg_pool import ConnectionPool

    with _POOLS_LOCK:
        pool = _POOLS.get(dsn)
        if pool is not None:
            return pool
        try:  # one direct attempt first: an unreachable server is reported at once, not after the pool's wait
            psycopg.connect(dsn, **_connect_kwargs()).close()
        except psycopg.OperationalError as exc:
            log.warning("policy store: cannot connect to %s: %s", where, exc)
            raise Unavailable("the policy database cannot be reached right now (details in the server log)"
                              ) from None
        pool = ConnectionPool(dsn, kwargs=_connect_kwargs(), min_size=0, max_size=POOL_SIZE, open=True,
                              timeout=LOCK_TIMEOUT_S, max_idle=120, check=ConnectionPool.check_connection,
                              name="gsiw-policy")
        _POOLS[dsn] = pool
        return pool


def close_pools() -> None:
    """Close every pooled connection (at exit; tests call it after each PostgreSQL store)."""
    with _POOLS_LOCK:
        pools = list(_POOLS.values())
        _POOLS.clear()
    for pool in pools:
        pool.close()


atexit.register(close_pools)


class PostgresBackend:
    name = "postgresql"
    types = {"int": "BIGINT", "float": "DOUBLE PRECISION", "bool": "INTEGER", "text": "TEXT"}
    # PostgreSQL has no implicit rowid: each table gets an identity column of that name, so records
    # list in the order they were created on both backends (`ORDER BY rowid`).
    order_column = "rowid BIGINT GENERATED ALWAYS AS IDENTITY"
    audit_seq = "seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"

    def __init__(self, dsn: str):
        self.dsn = dsn
        self.path = dsn  # `PolicyStore(store.path)` opens the same store on both backends
        self.where = masked(dsn)

    def connect(self) -> _PgConnection:
        """A pooled connection. No host or path on a page: an unreachable server's details go to the
        server log, the message says so."""
        from psycopg_pool import PoolTimeout

        pool = _pool(self.dsn, self.where)
        try:
            raw = pool.getconn()
        except PoolTimeout as exc:
            log.warning("policy store: no connection to %s within %s s: %s", self.where, LOCK_TIMEOUT_S, exc)
            raise Unavailable("the policy database cannot be reached right now (details in the server log)"
                              ) from None
        return _PgConnection(raw, pool)

    @staticmethod
    def begin_write(con) -> None:
        """A transaction holding the store's write lock (a transaction-level advisory lock, one per
        schema): concurrent editors queue, as under SQLite's BEGIN IMMEDIATE; readers never wait."""
        con.execute("BEGIN ISOLATION LEVEL READ COMMITTED")
        con.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT_S}s'")
        con.execute("SELECT pg_advisory_xact_lock(hashtext('gsiw-policy:' || current_schema()))")

    @staticmethod
    def begin_read(con) -> None:
        con.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")  # one consistent state per read

    @staticmethod
    def is_damage(exc: BaseException) -> bool:
        import psycopg

        return isinstance(exc, psycopg.errors.UndefinedTable | psycopg.errors.UndefinedColumn)

    @staticmethod
    def integrity(exc: BaseException) -> str | None:
        import psycopg

        if isinstance(exc, psycopg.errors.ForeignKeyViolation):
            return "the record is still referred to by another record, or refers to one that does not exist"
        if isinstance(exc, psycopg.errors.UniqueViolation):
            detail = exc.diag.message_detail or ""
            cols = re.match(r"Key \(([^)]*)\)", detail)
            return f"a record with the same {cols.group(1) if cols else 'key'} already exists"
        if isinstance(exc, psycopg.errors.IntegrityError):
            return _first_line(exc)
        return None

    @staticmethod
    def tables(con) -> set[str]:
        """The tables of the schema the DSN's search_path points at (`public` unless set)."""
        sql = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        return {r[0] for r in con.execute(sql)}

    @classmethod
    def has_table(cls, con, name: str) -> bool:
        return name in cls.tables(con)

    @staticmethod
    def columns(con, table: str) -> set[str]:
        sql = ("SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
               "AND table_name = ?")
        return {r[0] for r in con.execute(sql, [table])}

    @staticmethod
    def append_only_sql() -> list[str]:
        return [
            "CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{APPEND_ONLY}'; END $$",
            "CREATE OR REPLACE TRIGGER audit_no_update BEFORE UPDATE OR DELETE ON audit "
            "FOR EACH ROW EXECUTE FUNCTION audit_append_only()",
            "CREATE OR REPLACE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()",
        ]

    def move_aside(self, con, tables: list[str], stamp: str) -> str:
        """Move a damaged store's tables into their own schema (never dropped); returns its name."""
        schema = f"gsiw_damaged_{stamp.lower()}"
        con.execute(f'CREATE SCHEMA "{schema}"')
        for table in tables:
            if self.has_table(con, table):
                con.execute(f'ALTER TABLE {table} SET SCHEMA "{schema}"')
        return schema


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def backend_for(location: Path | str) -> SqliteBackend | PostgresBackend:
    return PostgresBackend(location) if is_dsn(location) else SqliteBackend(Path(location))


@contextmanager
def connection(backend) -> Iterator[Any]:
    con = backend.connect()
    try:
        yield con
    finally:
        con.close()
