"""Queries for the meeting brief (dashboard/brief/model.py): one state of the warehouse, its history,
and the connections that show a past or older warehouse under the current table names.

Kept apart from the model so the model stays plain comparisons of two states, and every SQL string
the brief runs is here, parameterised (identifiers only come from the warehouse's own catalogue).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb


def periods_by_indicator(con) -> dict[str, tuple[str, ...]]:
    """indicator -> every period it has rows for, oldest first."""
    rows = con.execute(
        "SELECT indicator_id, list(period ORDER BY period) FROM indicator_periods GROUP BY 1"
    ).fetchall()
    return {ind: tuple(ps) for ind, ps in rows}


def source_rows(con) -> list[tuple]:
    """(source_id, publisher, title_nl, title_en, licence, url, snapshot) per source."""
    return con.execute(
        "SELECT source_id, publisher, title_nl, title_en, licence, url, snapshot FROM sources"
    ).fetchall()


def focus_totals(con, geo_code: str) -> list[tuple[str, str, float]]:
    """(indicator, period, value) of every total with a value in one area, by indicator then period."""
    return con.execute(
        "SELECT indicator_id, period, value FROM observations WHERE geo_code = ? AND breakdown = 'total' "
        "AND value IS NOT NULL ORDER BY indicator_id, period",
        [geo_code],
    ).fetchall()


def built_at(con) -> str | None:
    row = con.execute("SELECT value FROM build_info WHERE key = 'built_at'").fetchone()
    return row[0] if row else None


def snapshots(con) -> dict[str, str | None]:
    """source -> the snapshot the warehouse holds now."""
    return dict(con.execute("SELECT source_id, snapshot FROM sources").fetchall())


def last_build_before(con, cutoff: datetime) -> tuple[str, datetime] | None:
    """(build_id, finished) of the last build that finished before `cutoff`."""
    return con.execute(
        "SELECT build_id, max(finished_at) AS finished FROM load_log WHERE finished_at < ? GROUP BY build_id "
        "ORDER BY finished DESC LIMIT 1",
        [cutoff],
    ).fetchone()


def snapshots_of_build(con, build_id: str) -> dict[str, str | None]:
    return dict(
        con.execute(
            "SELECT source_id, snapshot FROM load_log WHERE build_id = ?", [build_id]
        ).fetchall()
    )


def coverage_of_build(con, build_id: str) -> list[tuple[str, str, str | None]]:
    """(source, indicator, last period) recorded by one build; none for a warehouse that predates the history."""
    try:
        return con.execute(
            "SELECT source_id, indicator_id, last_period FROM coverage_history WHERE build_id = ?",
            [build_id],
        ).fetchall()
    except duckdb.CatalogException:  # a warehouse built before coverage_history existed
        return []


def indicator_sources(con, schema: str | None = None) -> list[tuple[str, str]]:
    """(indicator, source) of every indicator (of `schema`, e.g. an attached warehouse's `"wh".main`)."""
    table = f"{schema}.indicators" if schema else "indicators"
    return con.execute(f"SELECT indicator_id, source_id FROM {table}").fetchall()


def attach_read_only(warehouse: Path | str) -> duckdb.DuckDBPyConnection:
    """An in-memory connection with the warehouse file attached read-only as `wh`."""
    con = duckdb.connect()
    con.execute("ATTACH ? AS wh (READ_ONLY)", [str(warehouse)])
    return con


def current_database(con) -> str:
    return con.execute("SELECT current_database()").fetchone()[0]


def tables_of(con, database: str) -> list[str]:
    return [
        r[0]
        for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = ? AND schema_name = 'main'",
            [database],
        ).fetchall()
    ]


def lock_down(con) -> None:
    """No file or network access from here on (a connection made for reading an attached file)."""
    con.execute("SET enable_external_access = false")


def past_state_views(
    con, database: str, cutoff_rows: list[tuple[str, str | None, bool]], derived: dict[str, str]
) -> None:
    """Temporary views on `con` that show `database` as it was: per indicator the periods up to its last
    one then (`cutoff_rows`: indicator, last period, keep all), every other table as it is, and the
    `derived` tables ({table: SELECT}) re-derived from the past rows."""
    src = f'"{database}".main'
    con.execute(
        "CREATE TEMP TABLE cutoff (indicator_id VARCHAR PRIMARY KEY, last_period VARCHAR, keep_all BOOLEAN)"
    )
    if cutoff_rows:
        con.executemany("INSERT INTO cutoff VALUES (?, ?, ?)", cutoff_rows)
    tables = [t for t in tables_of(con, database) if t != "observations"]
    for table in tables:
        if table not in derived:
            con.execute(f'CREATE TEMP VIEW "{table}" AS SELECT * FROM {src}."{table}"')
    con.execute(
        f"""
        CREATE TEMP VIEW observations AS
        SELECT o.* FROM {src}.observations o JOIN cutoff c USING (indicator_id)
        WHERE c.keep_all OR (c.last_period IS NOT NULL AND o.period <= c.last_period)
        """
    )
    for table, query in derived.items():
        if table == "indicator_periods" and table in tables:
            # Whole periods were cut: the stored list, cut the same way, is exact.
            query = f"""
                SELECT p.* FROM {src}.indicator_periods p JOIN cutoff c USING (indicator_id)
                WHERE c.keep_all OR (c.last_period IS NOT NULL AND p.period <= c.last_period)
            """
        con.execute(f'CREATE TEMP VIEW "{table}" AS {query}')


def older_views(con, derived: dict[str, str]) -> None:
    """Views on `con` of every table of the attached `wh`; `derived` tables it predates, computed on the fly."""
    tables = set(tables_of(con, "wh"))
    for table in sorted(tables):
        con.execute(f'CREATE VIEW "{table}" AS SELECT * FROM wh.main."{table}"')
    for table, query in derived.items():
        if table not in tables:
            con.execute(f'CREATE VIEW "{table}" AS {query}')
