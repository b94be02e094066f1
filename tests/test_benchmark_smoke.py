"""CI runs the benchmark at the smallest scale only, to prove the command works (no timing asserts)."""

from __future__ import annotations

import subprocess
import sys

from pipelines.config import ROOT


def test_benchmark_runs_at_shipped_scale_and_reports_every_page():
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.run",
            "--scales",
            "shipped",
            "--runs",
            "1",
            "--no-write",
            "--no-cold",
            "--no-rss",
            "--no-load",
            "--no-first-chart",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = proc.stdout
    assert "## Build of the shipped data" in out
    assert "| views/paradox.py |" in out and "| views/sources.py |" in out
    assert "error:" not in out
    assert "faster." in out  # the naive-baseline comparison ran
