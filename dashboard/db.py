"""The dashboard's one read-only DuckDB connection, reopened when a new build is swapped in."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import streamlit as st

from pipelines.config import warehouse_path


class WarehouseMissing(Exception):
    pass


@st.cache_resource(max_entries=2, show_spinner=False)
def _connect(path: str, version: tuple[int, int]) -> duckdb.DuckDBPyConnection:
    # `version` (inode, mtime) is part of the cache key: an atomic swap gives a new inode.
    return duckdb.connect(path, read_only=True)


def warehouse_version(path: Path) -> tuple[int, int]:
    st_ = os.stat(path)
    return (st_.st_ino, st_.st_mtime_ns)


def connection() -> duckdb.DuckDBPyConnection:
    path = warehouse_path()
    if not path.exists():
        raise WarehouseMissing(str(path))
    return _connect(str(path), warehouse_version(path)).cursor()
