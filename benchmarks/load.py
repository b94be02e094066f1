"""Load benchmark: many concurrent sessions against the served apps, at the protocol level.

Run:  .venv/bin/python -m benchmarks.load                   # the full table, appended to `make bench`
      .venv/bin/python -m benchmarks.load --internal 1 10 --public 20 --public-over 10   # quicker
      make bench-load

Each session is what a browser is to a Streamlit server, without the browser: a websocket on
`/_stcore/stream` speaking Streamlit's protobuf protocol (BackMsg up, ForwardMsg down). It opens the
home page (a `rerun_script` with an empty client state), waits for `script_finished`, then changes
a filter the way a click does (a `rerun_script` carrying the new widget value) and waits again. So the
server's cost per visitor is measured and the browser's rendering is not.

Internal app: `dashboard/app.py` in the documented local viewer mode (GSIW_LOCAL_MODE=viewer,
loopback); the filter is the area selector of the home page. Public app: `dashboard/public.py`; the
filter is the language switch (the only control of its home page; switching reruns the page twice).
N internal sessions start at the same moment; the public sessions arrive evenly over a time window.
The server under test is a real `streamlit run` process on a free port against the warehouse of the
shipped data; its CPU and RSS are read with psutil.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

import psutil
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ClientState_pb2 import ContextInfo
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect

ROOT = Path(__file__).resolve().parents[1]
INTERNAL_APP = ROOT / "dashboard" / "app.py"
PUBLIC_APP = ROOT / "dashboard" / "public.py"
INTERNAL_FILTER = "flt_geo"  # the home page's area selector (dashboard/filters.py, key "flt")
PUBLIC_FILTER = "lang_switch"  # the public home page's one control (dashboard/ui.language_switch)
TARGETS = {"internal_n": 20, "internal_p95_s": 3.0, "public_n": 100, "public_p95_s": 1.5}
FINISHED = ForwardMsg.ScriptFinishedStatus


# --------------------------------------------------------------------------- the protocol client


@dataclass
class SessionResult:
    open_s: float | None = None  # connect + first run of the home page until script_finished
    change_s: float | None = None  # filter change until the (last) script_finished
    errors: list[str] = field(default_factory=list)
    elements: int = 0  # elements received (a sanity check that the page really rendered)
    headings: tuple[list[str], list[str]] = ((), ())  # headings of the first run and of the rerun
    chosen: str | None = None  # the option the filter change picked


def _rerun(page_hash: str = "", widgets: list[WidgetState] | None = None, query: str = "") -> bytes:
    state = ClientState(query_string=query, page_script_hash=page_hash,
                        context_info=ContextInfo(timezone="Europe/Brussels", timezone_offset=-60, locale="nl-BE"))
    state.widget_states.widgets.extend(widgets or [])
    return BackMsg(rerun_script=state).SerializeToString()


class _Run:
    """What one script run sent: its widgets (by id), exceptions, the page hash, and how it ended."""

    def __init__(self):
        self.widgets: dict[str, tuple[str, object]] = {}
        self.exceptions: list[str] = []
        self.headings: list[str] = []
        self.page_hash = ""
        self.elements = 0


async def _until_finished(ws, run: _Run, timeout: float) -> None:
    """Read ForwardMsgs until a run ends for good (a run cut short for a rerun is followed by another)."""
    async with asyncio.timeout(timeout):
        while True:
            data = await ws.recv()
            msg = ForwardMsg()
            msg.ParseFromString(data)
            kind = msg.WhichOneof("type")
            if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                el = msg.delta.new_element
                run.elements += 1
                etype = el.WhichOneof("type")
                if etype == "exception":
                    run.exceptions.append(f"{el.exception.type}: {el.exception.message[:200]}")
                elif etype == "heading":
                    run.headings.append(el.heading.body)
                elif etype in ("selectbox", "radio"):
                    w = getattr(el, etype)
                    run.widgets[w.id] = (etype, w)
            elif kind == "navigation":
                run.page_hash = msg.navigation.page_script_hash
            elif kind == "page_not_found":
                run.exceptions.append("page not found")
            elif kind == "script_finished":
                status = msg.script_finished
                if status == FINISHED.FINISHED_EARLY_FOR_RERUN:
                    continue
                if status == FINISHED.FINISHED_WITH_COMPILE_ERROR:
                    run.exceptions.append("script compile error")
                return


def _next_value(etype: str, widget) -> WidgetState:
    """The widget's next option, as the browser would send it (selectbox and radio: the option text)."""
    options = list(widget.options)
    current = widget.default if widget.HasField("default") else 0
    return WidgetState(id=widget.id, string_value=options[(current + 1) % len(options)])


async def session(port: int, filter_key: str, *, timeout: float = 60.0, hold: asyncio.Event | None = None,
                  on_done=None) -> SessionResult:
    """One visitor: open the home page, change one filter, then stay connected (idle) until `hold` is set.
    `on_done(result)` is called once the measured part is over (also on failure), before the idle part."""
    res = SessionResult()
    reported = False
    t0 = time.perf_counter()
    try:
        async with connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"],
                           max_size=None, open_timeout=timeout, ping_interval=None) as ws:
            await ws.send(_rerun())
            first = _Run()
            await _until_finished(ws, first, timeout)
            res.open_s = time.perf_counter() - t0
            res.errors += first.exceptions
            res.elements += first.elements
            widget = next((w for wid, w in first.widgets.items() if wid.endswith(f"-{filter_key}")), None)
            if widget is None:
                res.errors.append(f"no widget with key {filter_key!r} on the page")
                return res
            t1 = time.perf_counter()
            change = _next_value(*widget)
            res.chosen = change.string_value
            await ws.send(_rerun(first.page_hash, [change]))
            second = _Run()
            await _until_finished(ws, second, timeout)
            res.change_s = time.perf_counter() - t1
            res.errors += second.exceptions
            res.elements += second.elements
            res.headings = (first.headings, second.headings)
            if on_done is not None:
                reported = True
                on_done(res)
            if hold is not None:
                await hold.wait()
    except TimeoutError:
        res.errors.append(f"timeout after {timeout:.0f} s")
    except Exception as exc:  # a refused or dropped connection is a failed visit, counted, not fatal
        res.errors.append(f"{type(exc).__name__}: {exc}"[:200])
    if on_done is not None and not reported:
        on_done(res)
    return res


# --------------------------------------------------------------------------- the server under test


def run_async(coro):
    """`asyncio.run` in a thread of its own: a caller whose thread already runs an event loop (Playwright's
    sync API leaves one behind in a test process) cannot start another in the same thread."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(app: Path, warehouse: Path | None = None, *, env: dict | None = None):
    """A real `streamlit run` of `app` on a free loopback port; yields (port, psutil.Process)."""
    port = free_port()
    full_env = {**os.environ, "GSIW_LOCAL_MODE": "viewer", **(env or {})}
    if warehouse is not None:
        full_env["GSIW_WAREHOUSE"] = str(warehouse)
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(port), "--server.headless",
         "true", "--server.address", "127.0.0.1", "--server.fileWatcherType", "none",
         "--browser.gatherUsageStats", "false", "--client.showErrorDetails", "none"],
        cwd=ROOT, env=full_env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"streamlit run {app.name} exited: {proc.stderr.read().decode()[-2000:]}")
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit run {app.name} did not answer on port {port}") from None
                time.sleep(0.3)
        yield port, psutil.Process(proc.pid)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def rss(procs: list[psutil.Process]) -> int:
    return sum(p.memory_info().rss for p in procs)


def cpu(procs: list[psutil.Process]) -> float:
    return sum(sum(p.cpu_times()[:2]) for p in procs)


@contextmanager
def serve_many(app: Path, warehouse: Path | None, instances: int):
    """`instances` servers of one app, as behind a proxy; yields [(port, process), ...]."""
    from contextlib import ExitStack

    with ExitStack() as stack:
        yield [stack.enter_context(serve(app, warehouse)) for _ in range(instances)]


class Sampler:
    """Samples the servers' summed RSS while a load runs (peak), and their CPU time over the whole run."""

    def __init__(self, procs: list[psutil.Process], every: float = 0.2):
        self.procs, self.every = procs, every
        self.peak_rss = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self):
        while not self._stop.is_set():
            try:
                self.peak_rss = max(self.peak_rss, rss(self.procs))
            except psutil.Error:
                return
            self._stop.wait(self.every)

    def __enter__(self):
        self.cpu0, self.t0 = cpu(self.procs), time.perf_counter()
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.cpu_s = cpu(self.procs) - self.cpu0
        self.wall_s = time.perf_counter() - self.t0


# --------------------------------------------------------------------------- one load step


def pct(samples: list[float], q: float) -> float | None:
    if not samples:
        return None
    if len(samples) == 1:
        return samples[0]
    return statistics.quantiles(samples, n=100, method="inclusive")[q - 1]


def run_step(servers: list[tuple[int, psutil.Process]], filter_key: str, n: int, *, over_s: float = 0.0,
             timeout: float = 120.0) -> dict:
    """N sessions (all at once, or arriving evenly over `over_s` seconds); then all N idle and connected.
    With several servers, session i goes to server i mod K (a proxy spreading new connections)."""
    procs = [p for _, p in servers]
    rss_before = rss(procs)

    async def main():
        hold = asyncio.Event()  # sessions stay connected until every one is measured: N idle sessions
        results: list[SessionResult] = []
        tasks = []
        for i in range(n):
            if over_s and i:
                await asyncio.sleep(over_s / n)
            port = servers[i % len(servers)][0]
            tasks.append(asyncio.create_task(session(port, filter_key, timeout=timeout, hold=hold,
                                                     on_done=results.append)))
        while len(results) < n:
            await asyncio.sleep(0.05)
        await asyncio.sleep(1.0)  # let the server settle with the N sessions connected and idle
        idle_rss = rss(procs)
        hold.set()
        await asyncio.gather(*tasks)
        return results, idle_rss

    with Sampler(procs) as s:
        results, idle_rss = run_async(main())
    opens = [r.open_s for r in results if r.open_s is not None]
    changes = [r.change_s for r in results if r.change_s is not None]
    errors = [e for r in results for e in r.errors]
    return {
        "n": n, "over_s": over_s, "instances": len(servers),
        "open_p50": pct(opens, 50), "open_p95": pct(opens, 95),
        "change_p50": pct(changes, 50), "change_p95": pct(changes, 95),
        "all_p95": pct(opens + changes, 95),
        "errors": len([r for r in results if r.errors]), "error_samples": sorted(set(errors))[:5],
        "cpu_pct": 100 * s.cpu_s / s.wall_s, "cpu_s": s.cpu_s, "wall_s": s.wall_s,
        "peak_rss_mb": s.peak_rss / 2**20, "rss_before_mb": rss_before / 2**20,
        "idle_per_session_mb": max(0, idle_rss - rss_before) / 2**20 / n,
        "elements": min((r.elements for r in results), default=0),
    }


# --------------------------------------------------------------------------- the benchmark


def warm_up(port: int, filter_key: str) -> None:
    """One visit first, as after any deploy: imports and the shared caches are loaded once per process."""
    r = run_async(session(port, filter_key, timeout=180))
    if r.errors:
        raise RuntimeError(f"warm-up visit failed: {r.errors}")


def load_average() -> str:
    return ", ".join(f"{x:.1f}" for x in os.getloadavg())


def measure(warehouse: Path | None, internal: list[int], public: int, public_over: float, *,
            instances: list[int] = (1,), log=print) -> dict:
    """The whole table: the internal app at each N, then the public app; per number of server processes
    (fresh servers each time, warmed by one visit each)."""
    out = {"internal": [], "public": [], "cores": os.cpu_count()}
    for k in instances:
        if internal:
            with serve_many(INTERNAL_APP, warehouse, k) as servers:
                for port, _ in servers:
                    warm_up(port, INTERNAL_FILTER)
                for n in internal:
                    row = {**run_step(servers, INTERNAL_FILTER, n), "load": load_average()}
                    log(f"internal N={n}, {k} process(es): {fmt_row(row)}")
                    out["internal"].append(row)
        if public:
            with serve_many(PUBLIC_APP, warehouse, k) as servers:
                for port, _ in servers:
                    warm_up(port, PUBLIC_FILTER)
                row = {**run_step(servers, PUBLIC_FILTER, public, over_s=public_over), "load": load_average()}
                log(f"public N={public} over {public_over:.0f} s, {k} process(es): {fmt_row(row)}")
                out["public"].append(row)
    return out


def _s(v: float | None) -> str:
    return "–" if v is None else f"{v:.2f}"


def fmt_row(r: dict) -> str:
    return (f"open p50 {_s(r['open_p50'])} s p95 {_s(r['open_p95'])} s; change p50 {_s(r['change_p50'])} s "
            f"p95 {_s(r['change_p95'])} s; errors {r['errors']}; CPU {r['cpu_pct']:.0f}%; "
            f"peak RSS {r['peak_rss_mb']:.0f} MB; idle {r['idle_per_session_mb']:.2f} MB/session; "
            f"load {r['load']}" + (f"; {r['error_samples']}" if r["error_samples"] else ""))


def procs(r: dict) -> str:
    return "1 process" if r["instances"] == 1 else f"{r['instances']} processes"


def checks(result: dict) -> list[tuple[str, float, float, str]]:
    """(name, value, target, 'lower') rows in the shape of benchmarks.run's target table."""
    rows = []
    for r in result["internal"]:
        if r["n"] == TARGETS["internal_n"]:
            rows.append((f"load: {r['n']} simultaneous internal sessions, {procs(r)}, p95 (s)",
                         r["all_p95"] or float("inf"), TARGETS["internal_p95_s"], "lower"))
    for r in result["public"]:
        rows.append((f"load: {r['n']} public sessions over {r['over_s']:.0f} s, {procs(r)}, p95 (s)",
                     r["all_p95"] or float("inf"), TARGETS["public_p95_s"], "lower"))
        rows.append((f"load: {r['n']} public sessions, {procs(r)}, sessions with errors", float(r["errors"]),
                     0.0, "lower"))
    return rows


def table(result: dict) -> list[str]:
    """Markdown lines for docs/performance.md."""
    lines = [
        "| app | server processes | sessions | open p50 / p95 | filter change p50 / p95 | sessions with errors | server CPU | "
        "server peak RSS | RSS per idle session | load average (1, 5, 15 min) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for app, rows in (("internal", result["internal"]), ("public", result["public"])):
        for r in rows:
            how = f"{r['n']} arriving over {r['over_s']:.0f} s" if r["over_s"] else f"{r['n']} at once"
            lines.append(
                f"| {app} | {r['instances']} | {how} | {_s(r['open_p50'])} / {_s(r['open_p95'])} s | {_s(r['change_p50'])} / "
                f"{_s(r['change_p95'])} s | {r['errors']} | {r['cpu_pct']:.0f}% of one core ({r['cpu_s'] / r['n']:.2f} s per session) | "
                f"{r['peak_rss_mb']:.0f} MB | {r['idle_per_session_mb']:.2f} MB | {r['load']} |")
    return lines


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--internal", nargs="*", type=int, default=[1, 10, 20, 50],
                    help="simultaneous internal sessions per step")
    ap.add_argument("--public", type=int, default=100, help="public sessions (0: skip)")
    ap.add_argument("--public-over", type=float, default=60.0, help="seconds over which the public ones arrive")
    ap.add_argument("--instances", nargs="+", type=int, default=[1, 2],
                    help="server processes per app (sessions spread over them as by a proxy)")
    ap.add_argument("--warehouse", type=Path, default=None, help="default: the configured warehouse")
    args = ap.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stopped: still stop the servers it started
    sys.path.insert(0, str(ROOT))
    from pipelines.config import warehouse_path

    wh = args.warehouse or warehouse_path()
    if not wh.exists():
        print(f"No warehouse at {wh}: run `.venv/bin/python -m pipelines build --offline` first.", file=sys.stderr)
        return 2
    print(f"load average before: {load_average()} on {os.cpu_count()} cores", flush=True)
    result = measure(wh, args.internal, args.public, args.public_over, instances=args.instances,
                     log=lambda s: print(s, flush=True))
    print("\n".join(table(result)))
    failed = False
    for name, value, target, _ in checks(result):
        ok = value <= target
        failed |= not ok
        print(f"{name}: {value:.2f} (target ≤ {target:g}) {'met' if ok else 'MISSED'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
