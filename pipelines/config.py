"""Paths and settings shared by every pipeline; overridable by environment for tests and deployments."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
USER_AGENT = "gsiw-monitor/0.1 (Gent stad in werking labour-market monitor; +https://stad.gent/gent-stad-werking)"
# (connect, read) seconds: publishers are slow but never this slow.
HTTP_TIMEOUT = (10, 120)
# Refuse downloads larger than this (bytes) rather than filling the disk.
MAX_DOWNLOAD_BYTES = int(os.environ.get("GSIW_MAX_DOWNLOAD_BYTES", 200 * 1024 * 1024))
# Refuse raw files (snapshot imports, files in a snapshot) larger than this, checked with stat()
# before anything reads them, so a runaway export never fills memory or stalls the build.
MAX_RAW_FILE_BYTES = int(os.environ.get("GSIW_MAX_RAW_FILE_BYTES", 200 * 1024 * 1024))


def raw_dir() -> Path:
    return Path(os.environ.get("GSIW_RAW_DIR", ROOT / "data" / "raw"))


def warehouse_path() -> Path:
    return Path(os.environ.get("GSIW_WAREHOUSE", ROOT / "data" / "warehouse" / "gsiw.duckdb"))


def lang_suffix(lang: str) -> str:
    """`en` or `nl`: the suffix of the warehouse's language columns (`name_nl`, `label_en`, `title_nl`).

    The one place a UI language picks a column (the dashboard's and policy's queries use it), so an
    unknown language falls back to Dutch everywhere and never reaches the SQL text."""
    return "en" if lang == "en" else "nl"
