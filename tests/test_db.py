"""The dashboard's connection follows an atomic swap of the warehouse file."""

from __future__ import annotations

import shutil

from dashboard import db
from pipelines.warehouse import build


def test_connection_sees_the_new_build_after_a_swap(tmp_path, warehouse, monkeypatch):
    path = tmp_path / "gsiw.duckdb"
    shutil.copyfile(warehouse, path)
    monkeypatch.setenv("GSIW_WAREHOUSE", str(path))
    first = dict(db.connection().execute("SELECT key, value FROM build_info").fetchall())["build_id"]
    build(path=path)  # swaps a new file in while the old connection is open
    second = dict(db.connection().execute("SELECT key, value FROM build_info").fetchall())["build_id"]
    assert first != second


def test_connection_is_read_only(use_warehouse):
    import duckdb
    import pytest

    with pytest.raises(duckdb.Error):
        db.connection().execute("DELETE FROM observations")
