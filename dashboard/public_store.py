"""The public app's one read of the policy store: the list of partner organisations, nothing else.

Why not through `policy`: the public app never imports the internal modules (tests/test_public.py), and a
public server must never create, seed or write the store. So this opens the store read-only (the SQLite
file with `mode=ro`, so a missing file stays missing; on PostgreSQL, when `GSIW_POLICY_DSN` is set as for
the internal app, a read-only session) and selects named columns of `partners` only: no person
(`representatives` is never read, tests/test_page_partners.py traces every statement), no examples,
no partners that left.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from pipelines.config import ROOT

# Same default as policy.store.policy_db_path (GSIW_POLICY_DB overrides both).
DEFAULT_STORE = ROOT / "data" / "policy" / "gsiw_policy.sqlite"
PUBLIC_COLUMNS = (
    "name",
    "short_name",
    "org_type",
    "partner_role",
    "website",
    "description_nl",
    "description_en",
    "joined_date",
    "source",
)
SQL = (
    f"SELECT {', '.join(PUBLIC_COLUMNS)} FROM partners WHERE is_example = 0 AND left_date IS NULL "
    "ORDER BY partner_role, org_type, name"
)


def store_path() -> Path:
    return Path(os.environ.get("GSIW_POLICY_DB", DEFAULT_STORE))


def partners(path: Path | None = None, *, trace=None) -> list[dict] | None:
    """The partner organisations to publish, or None when no store (or no partners table) is readable."""
    dsn = os.environ.get("GSIW_POLICY_DSN", "").strip()
    if path is None and dsn:
        return _pg_partners(dsn, trace)
    path = Path(path or store_path())
    if not path.is_file():
        return None
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return None
    try:
        if trace:
            con.set_trace_callback(trace)
        con.row_factory = sqlite3.Row
        return [dict(r) for r in con.execute(SQL).fetchall()]
    except sqlite3.Error:
        return None
    finally:
        con.close()


def _pg_partners(dsn: str, trace=None) -> list[dict] | None:
    """The same statement on the PostgreSQL store, in a read-only session; None when it cannot be read
    (the page then says there is no list, as for a missing file)."""
    import psycopg
    from psycopg.rows import dict_row

    try:
        with psycopg.connect(dsn, connect_timeout=5, row_factory=dict_row) as con:
            con.read_only = True
            if trace:
                trace(SQL)
            return con.execute(SQL).fetchall()
    except psycopg.Error:
        return None
