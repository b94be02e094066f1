"""Benchmark: build time, page query sets, page runs (cold/warm), app memory, and a naive baseline.

Run:  .venv/bin/python -m benchmarks.run                 # all scales, writes docs/performance.md
      .venv/bin/python -m benchmarks.run --scales shipped --runs 1 --no-write   # CI smoke test

Scales: `shipped` is the real warehouse built from data/raw. `1m` and `10m` are SYNTHETIC
observations in the warehouse's own schema (random values over the real indicator ids and
geography codes, monthly periods), written to a temporary benchmark-only DuckDB file. They are
never written to data/warehouse and never shown as statistics.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("GSIW_LOCAL_MODE", "viewer")  # the internal app's documented local read-only mode

from pipelines import layout  # noqa: E402
from pipelines.warehouse import SCHEMA_SQL  # noqa: E402
from pipelines.warehouse import build  # noqa: E402
from pipelines.warehouse import summarise  # noqa: E402

APP = ROOT / "dashboard" / "app.py"
TARGETS = {
    "build_shipped_s": 10.0,
    "page_warm_ms": 300.0,
    "page_cold_ms": 2000.0,
    "queries_10m_ms": 100.0,
    "speedup_10m": 10.0,
    "rss_10m_mb": 500.0,
}
SCALES = {"shipped": None, "1m": 1_000_000, "10m": 10_000_000}
# The causes found by profiling (pyinstrument in the script thread, DuckDB EXPLAIN ANALYZE) and what
# fixed each; printed in docs/performance.md so the next person knows what not to undo.
WHY = [
    "- **Summary tables** (`pipelines/sql/summaries/`, built at the end of every build): the Kaart indicator "
    "list and the policy pages' catalogue used to scan every observation (~290 ms at 10M rows).",
    "- **Storage layout** (`pipelines/layout.py`): observations sorted by indicator, area, breakdown and period, "
    "in row groups of 16,384 rows, so a series lookup reads one or two row groups.",
    "- **Fewer round trips**: indicator metadata read once per page, 'latest value at or above' and the "
    "over-representation shares in one SQL query each (the latter was 260 ms of pandas), all link series "
    "of the policy pages in one query.",
    "- **Caches keyed on the warehouse version** (exact, a version never changes): query results "
    "(`dashboard/db.py`), map geometry, and the meeting brief (also keyed on the policy-store revision, "
    "meeting date and day).",
    "- **Charts**: plotly_white as the default template (assigning it per figure costs ~8 ms), map boundaries "
    "simplified (Douglas-Peucker, 33k to 15k vertices) and map traces built without per-coordinate validation; "
    "CSV and Excel files made when the button is clicked, not on every rerun.",
    "- **Garbage collector**: `gc.freeze()` after a run that loaded new code (`dashboard/heap.py`); a full "
    "collection of the long-lived heap cost ~100 ms every other rerun on the map pages.",
    "- **Shared figures** (`dashboard/charts.shared_figure`, issue 19): the pure chart builders build each "
    "distinct figure once per process; every session and rerun gets its own unvalidated copy (~1 ms instead of "
    "15-60 ms a chart). Keyed by a digest of the exact input. The Pendel flow map's geometry comes from "
    "`st.cache_resource` and is kept by reference, not copied (~200 ms a rerun under load).",
    "- **Per-visit work done once** (issue 19): indicator metadata as one dict per indicator per warehouse "
    "version (was a filtered frame copy on each of ~20 calls a page), the public page's sentences per warehouse "
    "version and language, export files prepared when a button is clicked, figures serialised with orjson.",
    "- **A slim chart template** (issue 19, `dashboard/charts._slim_template`): plotly_white's styling for twenty "
    "trace types the app never draws was 7.1 of a chart's 8.5 kB, hashed twice and serialised per session and "
    "parsed by the browser; trimmed to bar, scatter and the map traces (the home page's chart specs: 103 to 47 kB).",
    "- **No full collection after every script run** (`runner.postScriptGC = false`, `.streamlit/config.toml`): "
    "under twenty simultaneous sessions it held the interpreter lock ~6 % of the time (py-spy).",
]


LOAD_TEXT = (
    "Protocol-level sessions (a websocket client speaking Streamlit's protobuf protocol, no browser) against "
    "real `streamlit run` servers on the shipped data: each opens the home page, waits for the script run to "
    "finish, changes a filter (internal: the area; public: the language) and waits again, then stays connected "
    "until all are measured. Internal sessions start at the same moment; public ones arrive evenly over the "
    "minute. 'Server processes' = instances of the app behind the proxy (sessions spread over them; the "
    "shipped units run one internal instance per core, `deploy/systemd/`, docs/deployment.md). CPU is "
    "the servers' CPU time over the run's wall time; RSS per idle session = growth of the servers' RSS with all "
    "sessions connected, divided by their number. The machine is shared: the load average beside each row "
    "says how busy it was (2 cores)."
)
FIRST_CHART_TEXT = (
    "Headless Debian Chromium via Playwright; warm servers; a fresh browser context per measurement; the "
    "clock runs from navigation until the first plotly chart's SVG is in the page. The bare page is "
    "Streamlit with one plotly chart, served and measured in the same run, rounds interleaved."
)


def stats(samples: list[float]) -> dict[str, float]:
    return {"median": statistics.median(samples), "min": min(samples), "max": max(samples), "n": len(samples)}


def timed(fn, runs: int) -> dict[str, float]:
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return stats(samples)


# --------------------------------------------------------------------------- data


def build_shipped(path: Path, runs: int) -> dict[str, float]:
    samples = []
    for _ in range(runs):
        if path.exists():
            path.unlink()
        t0 = time.perf_counter()
        build(path=path)
        samples.append(time.perf_counter() - t0)
    return stats(samples)


def make_synthetic(path: Path, rows: int, shipped: Path) -> int:
    """Synthetic observations over the real indicator ids and geographies, monthly, with breakdowns."""
    if path.exists():
        path.unlink()
    con = layout.create(path)  # the build's on-disk layout (row groups, series order)
    con.execute(SCHEMA_SQL)
    con.execute("ATTACH ? AS real (READ_ONLY)", [str(shipped)])
    for table in ("geographies", "indicators", "breakdowns", "sources", "load_log", "build_info", "geo_shapes"):
        con.execute(f"INSERT INTO {table} SELECT * FROM real.{table}")
    con.execute("UPDATE sources SET caveats = 'SYNTHETIC BENCHMARK DATA: values are random.'")
    n_ind = con.execute("SELECT count(*) FROM indicators").fetchone()[0]
    n_geo = con.execute("SELECT count(*) FROM geographies WHERE level IN ('municipality', 'wijk')").fetchone()[0]
    n_bd = 4  # total + 3 categories
    periods = max(1, rows // (n_ind * n_geo * n_bd))
    # Each indicator keeps its own period type (annual 'YYYY' or monthly 'YYYY-MM'), counting back from
    # 2025, so pages and rules see periods shaped like the real ones and none lies in the future.
    con.execute(
        """
        INSERT INTO observations
        WITH ind AS (SELECT indicator_id, source_id, period_type FROM indicators),
             geo AS (SELECT geo_code FROM geographies WHERE level IN ('municipality', 'wijk')),
             per AS (SELECT m::INT AS m FROM range(?) t(m)),
             bd AS (SELECT * FROM (VALUES ('total', 'total'), ('syn', 'a'), ('syn', 'b'), ('syn', 'c')) v(b, bv))
        SELECT ind.indicator_id, geo.geo_code,
               CASE WHEN ind.period_type = 'month'
                    THEN strftime(DATE '2025-12-01' - to_months(per.m), '%Y-%m')
                    ELSE CAST(2025 - per.m AS VARCHAR) END,
               CASE WHEN ind.period_type = 'month'
                    THEN last_day(DATE '2025-12-01' - to_months(per.m))
                    ELSE make_date(2025 - per.m, 12, 31) END,
               bd.b, bd.bv, round(random() * 100, 1), NULL, ind.source_id
        FROM ind, geo, per, bd
        ORDER BY 1, 2, 5, 6, 3  -- layout.SERIES_ORDER
        """,
        [periods],
    )
    con.execute("DETACH real")
    summarise(con)
    total = con.execute("SELECT count(*) FROM observations").fetchone()[0]
    con.execute("CHECKPOINT")
    con.close()
    return total


def add_meeting_history(path: Path) -> None:
    """Record an earlier build (2 January 2026, before every meeting in the calendar) that held one
    period less of every indicator, so the meeting pages compare two different states of the
    warehouse, the costly case, instead of finding no history. Bookkeeping only: no figures change."""
    con = duckdb.connect(str(path))
    try:
        at = "2026-01-02 08:00:00"
        build_id = "20260102T080000-bench"
        con.execute(
            "INSERT INTO load_log SELECT ?, source_id, snapshot, status, rows, warnings, ?, ?, message FROM load_log "
            "WHERE build_id = (SELECT value FROM build_info WHERE key = 'build_id')", [build_id, at, at])
        con.execute(
            """
            INSERT INTO coverage_history
            SELECT ?, ?, i.source_id, p.indicator_id, min(p.period), list(p.period ORDER BY p.period DESC)[2], 0, 0
            FROM indicator_periods p JOIN indicators i USING (indicator_id) GROUP BY ALL
            """, [build_id, at])
        con.execute("CHECKPOINT")
    finally:
        con.close()


# --------------------------------------------------------------------------- queries


class TimingCursor:
    """Wraps a DuckDB cursor to add up the time spent in execute(), per page run."""

    def __init__(self, cur, log: list[float]):
        self._cur, self._log = cur, log

    def execute(self, *args, **kwargs):
        t0 = time.perf_counter()
        out = self._cur.execute(*args, **kwargs)
        res = TimingResult(out, self._log, t0)
        return res

    def __getattr__(self, name):
        return getattr(self._cur, name)


class TimingResult:
    def __init__(self, res, log, t0):
        self._res, self._log, self._t0 = res, log, t0

    def _done(self, value):
        self._log.append((time.perf_counter() - self._t0) * 1000)
        return value

    def df(self):
        return self._done(self._res.df())

    def fetchall(self):
        return self._done(self._res.fetchall())

    def fetchone(self):
        return self._done(self._res.fetchone())

    def __getattr__(self, name):
        return getattr(self._res, name)


def page_paths() -> list[str]:
    """Every page of the internal app, read from its navigation table."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("_nav", APP)
    text = APP.read_text(encoding="utf-8")
    start = text.index("PAGES = [")
    end = text.index("]\n", start)
    namespace: dict = {}
    exec(text[start : end + 2], namespace)  # only the literal table
    del spec
    return [f"views/{row[1]}" for row in namespace["PAGES"]]


@contextmanager
def warehouse_env(path: Path):
    old = os.environ.get("GSIW_WAREHOUSE")
    os.environ["GSIW_WAREHOUSE"] = str(path)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("GSIW_WAREHOUSE", None)
        else:
            os.environ["GSIW_WAREHOUSE"] = old


def page_runs(path: Path, runs: int) -> dict[str, dict]:
    """Per page: warm server-side run (AppTest) and the time its queries took."""
    import streamlit as st
    from streamlit import config as st_config
    from streamlit.testing.v1 import AppTest

    import dashboard.brief.model as brief_model

    st_config.set_option("server.address", "127.0.0.1")  # the local mode refuses any other bind
    import dashboard.db as db

    real_connection = db.connection
    real_previous = brief_model.previous_connection
    out = {}
    with warehouse_env(path):
        for page in page_paths():
            log: list[float] = []
            db.connection = lambda log=log: TimingCursor(real_connection(), log)
            # The meeting brief also reads the warehouse as it was on the meeting date, on its own connection.
            brief_model.previous_connection = lambda *a, log=log, **k: TimingCursor(real_previous(*a, **k), log)
            try:
                at = AppTest.from_file(str(APP), default_timeout=120)
                at.run()  # the home page registers the navigation (page links need it)
                at.switch_page(page)
                at.run()  # first run of this page: warms its imports and caches
                if at.exception:
                    out[page] = {"error": at.exception[0].message}
                    continue
                warm, fresh, queries = [], [], []
                for _ in range(runs):
                    # Query results, map geometry and the meeting brief are cached per warehouse version:
                    # empty every cache to time the first click after a new build.
                    db._cache.clear()
                    st.cache_data.clear()
                    log.clear()
                    t0 = time.perf_counter()
                    at.run()
                    fresh.append((time.perf_counter() - t0) * 1000)
                    queries.append(sum(log))
                    n_queries = len(log)
                    t0 = time.perf_counter()
                    at.run()  # a click on the same page: cached results
                    warm.append((time.perf_counter() - t0) * 1000)
                out[page] = {"warm_ms": stats(warm), "uncached_ms": stats(fresh), "queries_ms": stats(queries),
                             "n_queries": n_queries}
            finally:
                db.connection = real_connection
                brief_model.previous_connection = real_previous
    return out


COLD_SNIPPET = """
import sys, time
sys.path.insert(0, {root!r})
t0 = time.perf_counter()
from streamlit import config
from streamlit.testing.v1 import AppTest
config.set_option("server.address", "127.0.0.1")  # the local mode refuses any other bind
at = AppTest.from_file({app!r}, default_timeout=120)
at.run()
home = (time.perf_counter() - t0) * 1000
t1 = time.perf_counter()
at.switch_page({page!r})
at.run()
print(home, (time.perf_counter() - t1) * 1000, "ERR" if at.exception else "OK")
"""


def page_cold(path: Path, runs: int) -> dict[str, dict]:
    """Cold = a fresh Python process. For the home page: imports + first run. For the other pages:
    their first run in that fresh process (right after the home page, which every visitor loads first)."""
    out = {}
    env = {**os.environ, "GSIW_WAREHOUSE": str(path)}
    home_samples = []
    pages = page_paths()
    for page in pages:
        samples = []
        for _ in range(runs):
            code = COLD_SNIPPET.format(root=str(ROOT), app=str(APP), page=page)
            proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT)
            last = (proc.stdout.strip().splitlines() or ["nan nan ERR"])[-1].split()
            home_samples.append(float(last[0]))
            samples.append(float(last[1]))
        out[page] = stats(samples)
    out[pages[0]] = stats(home_samples)  # the home page's cold figure includes imports
    return out


def baseline_ratio(path: Path, runs: int, tmp: Path) -> dict[str, float]:
    """The paradox page's series queries: our query layer vs pandas reading Parquet and filtering."""
    from dashboard import queries as Q

    parquet = tmp / f"{path.stem}.parquet"
    geo_parquet = tmp / f"{path.stem}_geo.parquet"
    con = duckdb.connect(str(path), read_only=True)
    con.execute(f"COPY observations TO '{parquet}' (FORMAT parquet)")
    con.execute(f"COPY geographies TO '{geo_parquet}' (FORMAT parquet)")
    calls = [
        ("jobseeker_rate", Q.PEER_CITIES, "total"),
        ("jobseekers_nwwz", [Q.GENT], "total"),
        ("vacancies_received", [Q.GENT], "total"),
        ("jobseekers_wzw", [Q.GENT], "origin"),
    ]

    def ours():
        cur = con.cursor()
        for ind, geos, bd in calls:
            Q.series(cur, ind, geos, breakdown=bd)

    def naive():
        obs = pd.read_parquet(parquet)
        geo = pd.read_parquet(geo_parquet)
        for ind, geos, bd in calls:
            d = obs[(obs["indicator_id"] == ind) & (obs["geo_code"].isin(geos)) & (obs["breakdown"] == bd)]
            d.merge(geo[["geo_code", "name_nl"]], on="geo_code").sort_values(["geo_code", "period"])

    ours_t = timed(ours, runs)
    naive_t = timed(naive, runs)
    con.close()
    return {"ours_ms": ours_t["median"], "naive_ms": naive_t["median"],
            "ratio": naive_t["median"] / max(ours_t["median"], 1e-9)}


def app_rss(path: Path) -> float | None:
    """Peak RSS (MB) of a real `streamlit run` process after a browser visits every page."""
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        return None
    import socket

    from playwright.sync_api import sync_playwright

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "GSIW_WAREHOUSE": str(path)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(APP), "--server.port", str(port), "--server.headless", "true",
         "--server.address", "127.0.0.1"],  # the local mode refuses any other bind
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        import urllib.request

        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.3)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium,
                                        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}/")
            page.wait_for_timeout(4000)
            # Every page of the navigation, by its address: past ten pages the sidebar hides the rest
            # behind "view more", so clicking the links would miss (or wait on) the hidden ones.
            links = page.locator("[data-testid='stSidebarNavLink']")
            for href in [links.nth(i).get_attribute("href") for i in range(links.count())]:
                page.goto(href)
                page.wait_for_timeout(2500)
            browser.close()
        status = Path(f"/proc/{proc.pid}/status").read_text()
        hwm = next(line for line in status.splitlines() if line.startswith("VmHWM"))
        return int(hwm.split()[1]) / 1024
    finally:
        proc.terminate()
        proc.wait(timeout=20)


# --------------------------------------------------------------------------- report


def machine() -> str:
    cpu = "?"
    try:
        cpu = next(x.split(":", 1)[1].strip() for x in open("/proc/cpuinfo") if x.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}), {mem:.0f} GiB RAM, "
            f"Python {platform.python_version()}, DuckDB {duckdb.__version__}")


def fmt(s: dict, unit: str = "ms") -> str:
    return f"{s['median']:.0f} ({s['min']:.0f}–{s['max']:.0f}) {unit}"


def report(results: dict) -> str:
    lines = ["# Performance", "", "Generated by `.venv/bin/python -m benchmarks.run` (see `benchmarks/run.py`).", "",
             f"Machine: {results['machine']}. Runs per figure: {results['runs']} (cold starts: "
             f"{min(results['runs'], 3)} fresh processes per page, shipped scale only). Figures are median (min–max). "
             "Cold = first run of a page in a fresh process (the home page's includes all imports); "
             "warm = a rerun of the same page (a click), with query results cached per warehouse version; "
             "'uncached' = the same rerun with every cache emptied first (query results, map geometry, the "
             "meeting brief): the first click after a new build. 'Queries per run' counts every query call, "
             "repeats served from the cache within the run included; the meeting pages' count includes the "
             "warehouse as it was on the meeting date. Each warehouse gets a recorded earlier build (2 January "
             "2026) holding one period less of every indicator, so the meeting pages compare two different "
             "states.",
             "", "The `1m` and `10m` scales are **synthetic** observations (random values in the warehouse schema); "
             "they exist only in a temporary benchmark file.", ""]
    b = results.get("build")
    if b:
        ok = "met" if b["median"] <= TARGETS["build_shipped_s"] else "MISSED"
        lines += ["## Build of the shipped data", "",
                  f"{b['median']:.1f} s ({b['min']:.1f}–{b['max']:.1f}); target ≤ {TARGETS['build_shipped_s']:.0f} s: "
                  f"**{ok}**.", ""]
    for scale, r in results["scales"].items():
        lines += [f"## Scale `{scale}`: {r['rows']:,} observations", "",
                  "| page | queries per run | query time (uncached) | page run, uncached queries | warm page run | "
                  "cold page run |", "|---|---|---|---|---|---|"]
        for page, p in r["pages"].items():
            if "error" in p:
                lines.append(f"| {page} | error: {p['error'][:60]} | | | | |")
                continue
            cold = r.get("cold", {}).get(page)
            lines.append(f"| {page} | {p['n_queries']} | {fmt(p['queries_ms'])} | {fmt(p['uncached_ms'])} | "
                         f"{fmt(p['warm_ms'])} | {fmt(cold) if cold else '–'} |")
        base = r.get("baseline")
        if base:
            lines += ["", f"Paradox series queries: query layer {base['ours_ms']:.1f} ms vs naive pandas "
                      f"(read Parquet + filter) {base['naive_ms']:.1f} ms: **{base['ratio']:.0f}x** faster."]
        if r.get("rss_mb") is not None:
            lines += ["", f"Peak RSS of the `streamlit run` process after visiting every page: {r['rss_mb']:.0f} MB."]
        lines.append("")
    if results.get("load"):
        from benchmarks import load

        lines += ["## Load: concurrent sessions (benchmarks/load.py)", "", LOAD_TEXT, "", *load.table(results["load"]),
                  ""]
    if results.get("first_chart"):
        from benchmarks import first_chart

        fc = results["first_chart"]
        lines += ["## Time to first chart in Chromium (benchmarks/first_chart.py)", "", FIRST_CHART_TEXT, "",
                  *first_chart.table(fc), "", f"Load average after the run: {fc['load']}.", ""]
    lines += ["## What keeps it fast", "", *WHY, ""]
    lines += ["## Targets", "", "| target | value | status |", "|---|---|---|"]
    for name, value, target, better in results["checks"]:
        status = "met" if (value <= target if better == "lower" else value >= target) else "**MISSED**"
        lines.append(f"| {name} | {value:.1f} (target {'≤' if better == 'lower' else '≥'} {target:g}) | {status} |")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scales", nargs="+", default=list(SCALES), choices=list(SCALES))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-write", action="store_true", help="print only; do not write docs/performance.md")
    ap.add_argument("--no-cold", action="store_true")
    ap.add_argument("--no-rss", action="store_true")
    ap.add_argument("--no-load", action="store_true", help="skip the load benchmark (benchmarks/load.py)")
    ap.add_argument("--no-first-chart", action="store_true",
                    help="skip time to first chart in Chromium (benchmarks/first_chart.py)")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="gsiw-bench-"))
    os.environ["GSIW_POLICY_DB"] = str(tmp / "policy.sqlite")  # the seed's store, not the analyst's own
    results = {"machine": machine(), "runs": args.runs, "scales": {}, "checks": []}
    try:
        shipped = tmp / "shipped.duckdb"
        results["build"] = build_shipped(shipped, args.runs)
        print(f"build (shipped): {results['build']}", flush=True)
        results["checks"].append(("build of shipped data (s)", results["build"]["median"],
                                  TARGETS["build_shipped_s"], "lower"))
        for scale in args.scales:
            path = shipped if SCALES[scale] is None else tmp / f"{scale}.duckdb"
            rows = (duckdb.connect(str(path), read_only=True).execute("SELECT count(*) FROM observations")
                    .fetchone()[0] if SCALES[scale] is None else make_synthetic(path, SCALES[scale], shipped))
            add_meeting_history(path)
            r = {"rows": rows, "pages": page_runs(path, args.runs)}
            if not args.no_cold and scale == "shipped":  # cold start targets are set on the shipped data
                r["cold"] = page_cold(path, max(1, min(args.runs, 3)))
            r["baseline"] = baseline_ratio(path, args.runs, tmp)
            if scale == "10m" and not args.no_rss:
                r["rss_mb"] = app_rss(path)
            results["scales"][scale] = r
            print(json.dumps({scale: r}, indent=1, default=str), flush=True)
            if scale == "shipped":
                for name, p in r["pages"].items():
                    if "error" not in p:
                        results["checks"].append((f"warm {name} (ms)", p["warm_ms"]["median"],
                                                  TARGETS["page_warm_ms"], "lower"))
                for name, c in r.get("cold", {}).items():
                    results["checks"].append((f"cold {name} (ms)", c["median"], TARGETS["page_cold_ms"], "lower"))
            if scale == "10m":
                for name, p in r["pages"].items():
                    if "error" not in p:
                        results["checks"].append((f"10m: queries of {name} (ms)", p["queries_ms"]["median"],
                                                  TARGETS["queries_10m_ms"], "lower"))
                results["checks"].append(("10m: speed-up vs naive pandas (x)", r["baseline"]["ratio"],
                                          TARGETS["speedup_10m"], "higher"))
                if r.get("rss_mb") is not None:
                    results["checks"].append(("10m: app peak RSS (MB)", r["rss_mb"], TARGETS["rss_10m_mb"], "lower"))
        if not args.no_load:  # many sessions against served apps, on the shipped data
            from benchmarks import load

            results["load"] = load.measure(shipped, [1, 10, 20, 50], 100, 60.0, instances=[1, 2],
                                           log=lambda line: print(line, flush=True))
            results["checks"] += load.checks(results["load"])
        if not args.no_first_chart:
            from benchmarks import first_chart

            if first_chart.CHROMIUM.exists():
                results["first_chart"] = first_chart.measure(first_chart.PAGES, max(3, args.runs), shipped,
                                                             log=lambda line: print(line, flush=True))
                for name, ratio in results["first_chart"]["ratio"].items():
                    results["checks"].append((f"first chart, {name} / bare page (x)", ratio,
                                              first_chart.TARGET_RATIO, "lower"))
        text = report(results)
        print(text)
        if not args.no_write:
            (ROOT / "docs" / "performance.md").write_text(text, encoding="utf-8")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
