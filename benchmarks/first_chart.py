"""Time to first chart in a real headless Chromium: our pages against a bare Streamlit page.

Run:  .venv/bin/python -m benchmarks.first_chart               # 5 rounds, prints both and the ratio
      .venv/bin/python -m benchmarks.first_chart --rounds 2 --pages paradox samenvatting

The bare page is Streamlit with one plotly chart and nothing else, served the same way on the same
machine in the same run, so the ratio cancels out the machine's speed and load. Each server is
warm (one visit first, as after a deploy); each measurement opens a fresh browser context (no
cache, no cookies, a new Streamlit session), navigates and stops the clock when the first plotly
chart has drawn its SVG. Chromium is Debian's /usr/bin/chromium through Playwright, launched as the
browser tests do (tests/e2e/conftest.py). Rounds interleave the targets, so a burst of load from
elsewhere on the machine hits all of them alike.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.load import INTERNAL_APP  # noqa: E402
from benchmarks.load import PUBLIC_APP  # noqa: E402
from benchmarks.load import load_average  # noqa: E402
from benchmarks.load import serve  # noqa: E402

CHROMIUM = Path(os.environ.get("GSIW_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
TARGET_RATIO = 1.5
BARE_APP = '''import plotly.graph_objects as go
import streamlit as st

st.plotly_chart(go.Figure(go.Scatter(x=[2019, 2020, 2021, 2022], y=[9.1, 8.7, 8.2, 8.4])))
'''
# A chart has drawn when plotly has put its SVG into the chart element.
CHART = "[data-testid='stPlotlyChart'] .main-svg"
# (name, app, url path): the home page of each app, then the internal pages that open with a chart.
PAGES = [
    ("paradox", "internal", ""),
    ("werkzoekenden", "internal", "werkzoekenden"),
    ("vacatures", "internal", "vacatures"),
    ("pendel", "internal", "pendel"),
    ("kaart", "internal", "kaart"),
    ("indicatoren", "internal", "indicatoren"),
    ("samenvatting", "public", ""),
]


def first_chart_s(browser, url: str, timeout_ms: int = 60_000) -> float:
    """Seconds from navigation start until the first chart's SVG is in the page (fresh context)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        t0 = time.perf_counter()
        page.goto(url, wait_until="commit")
        page.wait_for_selector(CHART, state="attached", timeout=timeout_ms)
        return time.perf_counter() - t0
    finally:
        context.close()


def measure(pages: list[tuple[str, str, str]], rounds: int, warehouse: Path | None = None, log=print) -> dict:
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        raise SystemExit(f"{CHROMIUM} not found: `apt-get install chromium`")
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="gsiw-bare-")))
        bare = tmp / "bare.py"
        bare.write_text(BARE_APP, encoding="utf-8")
        apps = {"bare": bare, "internal": INTERNAL_APP, "public": PUBLIC_APP}
        needed = {"bare", *(app for _, app, _ in pages)}
        ports = {name: stack.enter_context(serve(apps[name], warehouse))[0] for name in needed}
        targets = [("bare", f"http://127.0.0.1:{ports['bare']}/")]
        targets += [(name, f"http://127.0.0.1:{ports[app]}/{path}") for name, app, path in pages]
        p = stack.enter_context(sync_playwright())
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        stack.callback(browser.close)
        for _, url in targets:  # warm servers: imports, caches, the first run of every page
            first_chart_s(browser, url)
        samples: dict[str, list[float]] = {name: [] for name, _ in targets}
        for r in range(rounds):
            for name, url in targets:
                samples[name].append(first_chart_s(browser, url))
            log(f"round {r + 1}: " + ", ".join(f"{n} {v[-1]:.2f} s" for n, v in samples.items()))
    med = {name: statistics.median(v) for name, v in samples.items()}
    return {"samples": samples, "median": med, "ratio": {n: med[n] / med["bare"] for n in med if n != "bare"},
            "load": load_average(), "rounds": rounds}


def table(result: dict) -> list[str]:
    lines = ["| page | first chart, median (min–max) | ratio to the bare page | status |", "|---|---|---|---|"]
    for name, v in result["samples"].items():
        ratio = result["ratio"].get(name)
        status = "" if ratio is None else ("met" if ratio <= TARGET_RATIO else "**MISSED**")
        lines.append(f"| {name} | {statistics.median(v):.2f} s ({min(v):.2f}–{max(v):.2f}) | "
                     f"{'–' if ratio is None else f'{ratio:.2f}'} | {status} |")
    return lines


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--pages", nargs="*", default=None, help=f"names from: {', '.join(n for n, _, _ in PAGES)}")
    args = ap.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stopped: still stop the servers it started
    pages = [p for p in PAGES if args.pages is None or p[0] in args.pages]
    print(f"load average before: {load_average()} on {os.cpu_count()} cores", flush=True)
    result = measure(pages, args.rounds, log=lambda s: print(s, flush=True))
    print("\n".join(table(result)))
    print(f"load average after: {result['load']}")
    worst = max(result["ratio"].values())
    print(f"worst ratio {worst:.2f} (target ≤ {TARGET_RATIO}): {'met' if worst <= TARGET_RATIO else 'MISSED'}")
    return 0 if worst <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
