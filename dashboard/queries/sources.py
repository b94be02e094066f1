"""Queries for the Bronnen page (views/sources.py): every source's provenance and its last loads."""

from __future__ import annotations

import json

from dashboard.db import runs_log
from dashboard.queries import build_info, sources_overview

__all__ = ["build_info", "last_failed_run", "sources_overview"]


def last_failed_run() -> dict | None:
    """The last build attempt when it failed (data/warehouse/runs.jsonl: failed builds never reach the
    warehouse), else None."""
    runs = runs_log()
    if not runs.exists():
        return None
    lines = [json.loads(x) for x in runs.read_text(encoding="utf-8").splitlines() if x.strip()]
    return lines[-1] if lines and lines[-1].get("status") == "failed" else None
