"""Freshness: when new figures are due, an overdue source and a failed live fetch (pipelines/freshness.py)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date

import duckdb
import pytest

from pipelines import freshness
from pipelines import snapshot as snap
from pipelines.config import ROOT
from pipelines.freshness import ReleaseRhythm
from pipelines.freshness import assess
from pipelines.freshness import expected_next_release
from pipelines.registry import all_sources
from pipelines.source import SourceError
from pipelines.warehouse import build


@pytest.mark.parametrize(
    ("rhythm", "latest", "expected"),
    [
        (
            ReleaseRhythm("monthly", lag_days=25),
            date(2026, 4, 30),
            date(2026, 6, 25),
        ),  # May ends 31 May
        (
            ReleaseRhythm("quarterly", lag_days=80),
            date(2026, 3, 31),
            date(2026, 9, 18),
        ),  # Q2 ends 30 June
        (ReleaseRhythm("yearly", lag_days=75), date(2024, 12, 31), date(2026, 3, 16)),
        (
            ReleaseRhythm("yearly", lag_days=170),
            date(2025, 1, 1),
            date(2026, 6, 20),
        ),  # a stock on 1 January
        (ReleaseRhythm("irregular"), date(2023, 12, 31), None),
        (ReleaseRhythm("closed"), date(2011, 1, 1), None),
    ],
)
def test_next_release_follows_the_period_and_the_lag(rhythm, latest, expected):
    assert expected_next_release(rhythm, latest) == expected


def test_overdue_only_after_the_grace():
    yearly = ReleaseRhythm(
        "yearly", lag_days=75, grace_days=30
    )  # next: 2026-03-16, overdue after 2026-04-15
    assert assess("s", yearly, "2024", date(2024, 12, 31), date(2026, 4, 15)).state == "current"
    assert assess("s", yearly, "2024", date(2024, 12, 31), date(2026, 4, 16)).state == "overdue"
    assert assess("s", yearly, "2025", date(2025, 12, 31), date(2026, 4, 16)).state == "current"
    assert assess("s", yearly, None, None, date(2026, 4, 16)).state == "not_loaded"
    assert (
        assess("s", ReleaseRhythm("closed"), "2011", date(2011, 1, 1), date(2026, 1, 1)).state
        == "closed"
    )
    assert (
        assess("s", ReleaseRhythm("irregular"), None, None, date(2026, 1, 1)).state == "no_schedule"
    )


def test_a_failed_fetch_needs_attention_even_when_the_data_is_current():
    f = assess("s", ReleaseRhythm("yearly", 75), "2025", date(2025, 12, 31), date(2026, 4, 1),
               {"ok": False, "at": "2026-04-01T03:00:00+00:00", "error": "HTTP 503"})  # fmt: skip
    assert f.state == "current" and f.fetch_failed and f.needs_attention
    assert f.fetch_error == "HTTP 503"


def test_a_bad_rhythm_is_refused():
    with pytest.raises(ValueError, match="weekly"):
        ReleaseRhythm("weekly")
    with pytest.raises(ValueError):
        ReleaseRhythm("yearly", lag_days=-1)


def _list(warehouse) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "pipelines", "list"], cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={"GSIW_WAREHOUSE": str(warehouse), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_live_build_records_a_failed_fetch_and_list_flags_it(tmp_path, warehouse, monkeypatch):
    """A live refresh whose fetch fails: the source keeps its rows, and the failure is recorded beside
    the warehouse so `pipelines list` (and the dashboard) say so in words."""
    path = tmp_path / "gsiw.duckdb"
    shutil.copyfile(warehouse, path)
    real = snap.fetch_new_snapshot

    def fake_fetch(src, session):
        if src.name == "vdab_vacancies":
            raise SourceError(
                src.name, "HTTP 503 from the publisher (recorded failure for this test)"
            )
        return real(src, session)

    monkeypatch.setattr(snap, "fetch_new_snapshot", fake_fetch)
    result = build(["vdab_vacancies"], live=True, path=path)
    assert result.failures and "vdab_vacancies" in result.failures[0]
    record = json.loads((tmp_path / "fetches.json").read_text(encoding="utf-8"))["vdab_vacancies"]
    assert record["ok"] is False and "HTTP 503" in record["error"]

    con = duckdb.connect(str(path), read_only=True)
    states = freshness.from_warehouse(con, path, date.today())
    rhythms = dict(con.execute("SELECT source_id, frequency FROM release_rhythms").fetchall())
    con.close()
    assert rhythms == {n: s.release_rhythm.frequency for n, s in all_sources().items()}
    assert states["vdab_vacancies"].fetch_failed
    assert states["vdab_vacancies"].latest_period == "2024"  # the previous rows were kept

    out = _list(path)
    line = next(ln for ln in out.splitlines() if "LAST LIVE FETCH FAILED" in ln)
    assert "HTTP 503" in line
    freshness_table = out.split("\n\n")[1]
    assert any(
        ln.startswith("vdab_vacancies") and "2024" in ln for ln in freshness_table.splitlines()
    )


def test_a_successful_live_fetch_clears_the_flag(tmp_path, warehouse, monkeypatch):
    path = tmp_path / "gsiw.duckdb"
    shutil.copyfile(warehouse, path)
    freshness.record_fetch(path, "vdab_vacancies", ok=False, error="HTTP 503")
    monkeypatch.setattr(snap, "fetch_new_snapshot", lambda src, session: snap.latest_snapshot(src))
    assert build(["vdab_vacancies"], live=True, path=path).ok
    record = freshness.read_fetches(path)["vdab_vacancies"]
    assert record["ok"] is True and record["error"] is None
    assert "LAST LIVE FETCH FAILED" not in _list(path)
