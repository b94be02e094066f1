"""How the warehouse file is laid out on disk: small row groups, observations sorted by series.

Why: pages look up one indicator for a few areas. DuckDB skips a row group when its min/max
statistics rule it out, so with observations sorted by (indicator, area, breakdown, period) and
row groups of 16k rows instead of DuckDB's 122,880, such a lookup reads a few thousand rows even
when the warehouse holds every Belgian municipality monthly for decades. Measured in
benchmarks/run.py; the build and the benchmark's synthetic warehouses both use this module.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

ROW_GROUP_SIZE = 16_384
SERIES_ORDER = "indicator_id, geo_code, breakdown, breakdown_value, period"


def create(path: Path | str) -> duckdb.DuckDBPyConnection:
    """A connection whose default database is a new warehouse file at `path`."""
    con = duckdb.connect()
    con.execute(f"ATTACH ? AS warehouse (ROW_GROUP_SIZE {ROW_GROUP_SIZE})", [str(path)])
    con.execute("USE warehouse")
    return con


def stage_observations(con) -> None:
    """Collect the build's observations in a temporary table of the same name (it shadows the file's
    table for unqualified SQL), so they reach the file once, in series order, with no dead blocks."""
    con.execute("CREATE TEMP TABLE observations AS SELECT * FROM warehouse.main.observations LIMIT 0")


def write_observations(con) -> None:
    """Write the staged observations to the file in series order (NOT NULL checks apply here)."""
    con.execute(
        f"INSERT INTO warehouse.main.observations SELECT * FROM temp.main.observations ORDER BY {SERIES_ORDER}"
    )
    con.execute("DROP TABLE temp.main.observations")
