"""Two states of the real warehouse for the meeting-brief tests (real data, one load truncated).

- `truncated_copy`: the real warehouse with every period from 2024 on deleted, as if the meeting
  had seen the loads before the 2024 releases (VDAB 2024, Statbel 2024-2025, monthly 2024-2026).
- `with_history`: the real warehouse whose history says an earlier build, finished on EARLIER_BUILD,
  held exactly the truncated copy's periods (load_log + coverage_history rows written here). The
  figures are all real; only the bookkeeping of that earlier build is made up, by this code.
"""

from __future__ import annotations

import shutil
from datetime import date
from datetime import datetime
from pathlib import Path

import duckdb

from pipelines.warehouse import summarise

SINCE = date(2026, 9, 15)
TODAY = date(2026, 11, 23)
EARLIER_BUILD = datetime(2026, 9, 1, 8, 0, 0)
FIRST_DROPPED = "2024"


def truncated_copy(warehouse: Path, dest: Path) -> Path:
    shutil.copy(warehouse, dest)
    con = duckdb.connect(str(dest))
    try:
        con.execute("DELETE FROM observations WHERE period >= ?", [FIRST_DROPPED])
        con.execute("DELETE FROM observation_notes WHERE period >= ?", [FIRST_DROPPED])
        summarise(con)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return dest


def with_history(warehouse: Path, truncated: Path, dest: Path) -> Path:
    shutil.copy(warehouse, dest)
    con = duckdb.connect(str(dest))
    try:
        con.execute("ATTACH ? AS old (READ_ONLY)", [str(truncated)])
        build_id = EARLIER_BUILD.strftime("%Y%m%dT%H%M%S") + "-test00"
        con.execute(
            "INSERT INTO load_log SELECT ?, source_id, snapshot, status, rows, warnings, ?, ?, message "
            "FROM old.load_log", [build_id, EARLIER_BUILD, EARLIER_BUILD])
        con.execute(
            "INSERT INTO coverage_history SELECT ?, ?, i.source_id, c.indicator_id, c.first_period, c.last_period, "
            "c.n_rows, c.n_values FROM old.indicator_coverage c JOIN old.indicators i USING (indicator_id)",
            [build_id, EARLIER_BUILD])
        con.execute("DETACH old")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return dest
