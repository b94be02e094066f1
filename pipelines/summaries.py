"""Tables derived from `observations` at the end of every build: one SELECT per `.sql` file.

- `pipelines/sql/summaries/`: coverage summaries (declared in schema.sql), so pages never scan every
  observation to list indicators, areas or periods;
- `pipelines/sql/marts/`: reshaping every request would otherwise repeat (the commuting pivot, the
  chain of larger areas a page falls back to), created from their SELECT, so notebooks and pages read
  the same tables.

The meeting brief re-derives both as views over a past state's rows. Kept import-light: the
dashboard imports it.
"""

from __future__ import annotations

from functools import cache

from pipelines.config import ROOT

SUMMARY_DIR = ROOT / "pipelines" / "sql" / "summaries"
MART_DIR = ROOT / "pipelines" / "sql" / "marts"


@cache
def mart_tables() -> tuple[str, ...]:
    return tuple(p.stem for p in sorted(MART_DIR.glob("*.sql")))


@cache
def summary_queries() -> dict[str, str]:
    """{table: SELECT} for every summary table, then every mart, each in file-name order."""
    return {
        p.stem: p.read_text(encoding="utf-8")
        for folder in (SUMMARY_DIR, MART_DIR)
        for p in sorted(folder.glob("*.sql"))
    }


def summarise(con) -> None:
    """Fill the summary tables and create the marts from the final observations (last step of every build).

    Summaries fill the typed tables schema.sql declares; a mart is its SELECT's result, so adding one
    is adding a file."""
    marts = set(mart_tables())
    for table, query in summary_queries().items():
        if table in marts:
            con.execute(f'CREATE OR REPLACE TABLE "{table}" AS {query}')
        else:
            con.execute(f"DELETE FROM {table}")
            con.execute(f"INSERT INTO {table} BY NAME {query}")
