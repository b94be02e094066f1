"""Summary tables derived from `observations` (one SELECT per file in pipelines/sql/summaries/).

The build materialises them so pages never scan every observation to list indicators, areas or
periods; the meeting brief re-derives them as views over a past state's rows. Kept import-light:
the dashboard imports it.
"""

from __future__ import annotations

from functools import cache

from pipelines.config import ROOT

SUMMARY_DIR = ROOT / "pipelines" / "sql" / "summaries"


@cache
def summary_queries() -> dict[str, str]:
    """{table: SELECT} for every summary table, in file-name order."""
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(SUMMARY_DIR.glob("*.sql"))}


def summarise(con) -> None:
    """Fill the summary tables from the final observations (last step of every build)."""
    for table, query in summary_queries().items():
        con.execute(f"DELETE FROM {table}")
        con.execute(f"INSERT INTO {table} BY NAME {query}")
