"""Queries for the Bronnen page (views/sources.py): every source's provenance and its last loads."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd

from dashboard.db import runs_log
from dashboard.i18n import t
from dashboard.provenance import localise
from dashboard.queries import build_info
from dashboard.queries import sources_overview
from pipelines import freshness as fresh
from pipelines.config import warehouse_path

__all__ = ["build_info", "freshness", "last_failed_run", "sources_export", "sources_overview", "sources_rows"]


def freshness(con, today: date) -> dict[str, fresh.Freshness]:
    """Per source: latest period loaded, next release expected by its rhythm, overdue, last live fetch
    (the release_rhythms table and fetches.json beside the warehouse; pipelines/freshness.py)."""
    return fresh.from_warehouse(con, warehouse_path(), today)


def last_failed_run() -> dict | None:
    """The last build attempt when it failed (data/warehouse/runs.jsonl: failed builds never reach the
    warehouse), else None."""
    runs = runs_log()
    if not runs.exists():
        return None
    lines = [json.loads(x) for x in runs.read_text(encoding="utf-8").splitlines() if x.strip()]
    return lines[-1] if lines and lines[-1].get("status") == "failed" else None


def sources_rows(df: pd.DataFrame, lang: str) -> list[dict]:
    """The overview's rows as records (no NaN) with the reader-facing provenance in `lang`."""
    return [localise(r, lang) for r in df.astype(object).where(df.notna(), None).to_dict("records")]


def sources_export(rows: list[dict], lang: str) -> pd.DataFrame:
    """The Bronnen download: what the page shows per source, with the page's own column names."""
    return pd.DataFrame({
        t("sources.title", lang): [r["title"] for r in rows],
        t("sources.publisher", lang): [r["publisher"] for r in rows],
        t("sources.period", lang): [r["period_covered"] for r in rows],
        t("sources.licence", lang): [r["licence"] for r in rows],
        t("sources.caveats", lang): [r["source_note"] for r in rows],
        "URL": [r["url"] for r in rows],
    })
