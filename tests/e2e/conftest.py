"""Browser tests: the real app under `streamlit run`, driven by Debian's Chromium through Playwright.

Why a real browser besides AppTest: navigation, query-string deep links, downloads and the
front-end rendering only exist in the browser. Each app runs once per session on a free port
against a warehouse built by the session fixture from data/raw. Only loopback connections are
allowed; the Playwright browser download is not used (no internet), Chromium comes from apt.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page
from playwright.sync_api import expect

from pipelines.config import ROOT

CHROMIUM = Path(os.environ.get("GSIW_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "test-artifacts" / "e2e"
TIMEOUT_MS = 60_000  # two shared cores: a cold page with four charts can take a while
LOOPBACK = {"127.0.0.1", "::1", "localhost"}


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    """Like the suite-wide guard, but the test talks to its own server on loopback."""
    real_connect = socket.socket.connect

    def guard(self, address, *args, **kwargs):
        if isinstance(address, tuple) and address[0] not in LOOPBACK:
            raise RuntimeError(f"tests must not use the network (tried {address[0]})")
        return real_connect(self, address, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", guard)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium; missing it fails in CI (where .ci/run installs it) and skips locally."""
    if not CHROMIUM.exists():
        msg = f"{CHROMIUM} not found: `apt-get install chromium` (.ci/run does this in CI)"
        if _in_ci():
            pytest.fail(msg)
        pytest.skip(msg + "; set CI=true to make this a failure")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "viewport": {"width": 1400, "height": 1000},
        "accept_downloads": True,
    }


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class StreamlitServer:
    """One `streamlit run SCRIPT` process on a free loopback port, logging to a file."""

    def __init__(
        self,
        script: str,
        warehouse: Path,
        log: Path,
        *,
        port: int | None = None,
        env: dict[str, str | None] | None = None,
        args: list[str] | None = None,
    ):
        """`env` overrides the defaults (a None value removes the variable); `args` go to `streamlit run`."""
        self.script, self.log = script, log
        self.port = port or _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        full_env = {
            **os.environ,
            "GSIW_WAREHOUSE": str(warehouse),
            "GSIW_LOCAL_MODE": "viewer",  # the internal app's documented local read-only mode (as make run)
            "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
            **(env or {}),
        }
        env = {k: v for k, v in full_env.items() if v is not None}
        cmd = [
            sys.executable, "-m", "streamlit", "run", str(ROOT / script),
            "--server.port", str(self.port), "--server.address", "127.0.0.1", "--server.headless", "true",
            "--server.fileWatcherType", "none", "--server.runOnSave", "false",
            "--browser.gatherUsageStats", "false", "--global.developmentMode", "false",
            *(args or []),
        ]  # fmt: skip
        self._log_fh = open(log, "w", encoding="utf-8")  # noqa: SIM115 (closed in stop())
        self.proc = subprocess.Popen(
            cmd, cwd=ROOT, env=env, stdout=self._log_fh, stderr=subprocess.STDOUT
        )
        self._wait_healthy()

    def _wait_healthy(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"{self.base}/_stcore/health", timeout=2) as resp:
                    if resp.read().strip() == b"ok":
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        tail = self.log.read_text(encoding="utf-8", errors="replace")[-3000:]
        pytest.fail(f"`streamlit run {self.script}` did not become healthy on {self.base}:\n{tail}")

    def url(self, path: str = "", **params) -> str:
        query = urlencode(params, doseq=True)
        return f"{self.base}/{path.lstrip('/')}" + (f"?{query}" if query else "")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=15)
        self._log_fh.close()


@pytest.fixture(scope="session")
def start_app(warehouse, tmp_path_factory):
    """Factory: start any Streamlit entry point (dashboard/app.py, later dashboard/public.py) once."""
    servers: dict[str, StreamlitServer] = {}
    logs = tmp_path_factory.mktemp("streamlit-logs")

    def start(script: str) -> StreamlitServer:
        if script not in servers:
            servers[script] = StreamlitServer(
                script, warehouse, logs / (Path(script).stem + ".log")
            )
        return servers[script]

    yield start
    for server in servers.values():
        server.stop()


@pytest.fixture(scope="session")
def dashboard_app(start_app) -> StreamlitServer:
    return start_app("dashboard/app.py")


@pytest.fixture(scope="session")
def public_app(start_app) -> StreamlitServer:
    if not (ROOT / "dashboard" / "public.py").exists():
        pytest.skip("dashboard/public.py does not exist yet (the public app is another issue)")
    return start_app("dashboard/public.py")


class StPage:
    """A Playwright page plus the few Streamlit-aware waits and reads the tests need."""

    def __init__(self, page: Page, server: StreamlitServer):
        self.page, self.server = page, server
        page.set_default_timeout(TIMEOUT_MS)
        expect.set_options(timeout=TIMEOUT_MS)

    def open(self, path: str = "", **params) -> StPage:
        self.page.goto(self.server.url(path, **params))
        self.wait_idle()
        return self

    def wait_idle(self) -> None:
        """The websocket is up and the script run has finished (Streamlit marks both on stApp)."""
        app = self.page.locator("[data-testid='stApp']")
        expect(app).to_have_attribute("data-test-connection-state", "CONNECTED")
        expect(app).to_have_attribute("data-test-script-state", "notRunning")
        self.page.locator("[data-testid='stMain']").wait_for()

    def assert_no_exception(self) -> None:
        boxes = self.page.locator("[data-testid='stException']")
        assert boxes.count() == 0, boxes.first.inner_text()[:2000]

    def title(self) -> str:
        heading = self.page.locator("h1").first
        heading.wait_for()
        return heading.inner_text().strip()

    def metrics(self) -> dict[str, str]:
        """Every KPI as shown, read once the set stops changing: right after a page load the script
        state can read "notRunning" before the first run has started, so one read may catch half a page."""
        self.page.locator("[data-testid='stMetric']").first.wait_for()
        previous: dict[str, str] | None = None
        deadline = time.monotonic() + TIMEOUT_MS / 1000
        while True:
            self.wait_idle()
            out = {}
            for m in self.page.locator("[data-testid='stMetric']").all():
                label = m.locator("[data-testid='stMetricLabel']").inner_text().strip()
                out[label] = m.locator("[data-testid='stMetricValue']").inner_text().strip()
            if out == previous or time.monotonic() > deadline:
                return out
            previous = out
            self.page.wait_for_timeout(400)

    def wait_charts(self, n: int) -> None:
        self.page.wait_for_function(
            "n => Array.from(document.querySelectorAll('.js-plotly-plot')).filter(el => el._fullData).length >= n",
            arg=n,
        )

    def charts(self) -> list[dict]:
        """Every plotly chart as drawn: {"title": ..., "traces": {name: {x: y}}} (the numbers a user hovers)."""
        drawn = self.page.evaluate(
            """() => Array.from(document.querySelectorAll('.js-plotly-plot')).filter(el => el._fullData).map(el => ({
                   title: (el._fullLayout.title && el._fullLayout.title.text) || '',
                   traces: el._fullData.map(t => ({name: t.name, x: Array.from(t.x || []), y: Array.from(t.y || [])}))
               }))"""
        )
        return [
            {
                "title": c["title"],
                "traces": {
                    t["name"]: dict(zip(map(str, t["x"]), t["y"], strict=False))
                    for t in c["traces"]
                },
            }
            for c in drawn
        ]

    def chart_traces(self, index: int = 0) -> dict[str, dict[str, float]]:
        return self.charts()[index]["traces"]

    def _expand_nav(self) -> None:
        """With many pages Streamlit hides some behind "View more"; a user would click it."""
        more = self.page.locator("[data-testid='stSidebarNavViewButton']")
        if more.count() and "more" in more.first.inner_text().lower():
            more.first.click()

    def click_nav(self, label: str) -> None:
        self._expand_nav()
        self.page.locator("a[data-testid='stSidebarNavLink']", has_text=label).first.click()

    def nav_links(self) -> dict[str, str]:
        """Every page in the navigation (sidebar or top), label -> href, expanding "view more"."""
        self._expand_nav()
        links = self.page.locator(
            "a[data-testid='stSidebarNavLink'], a[data-testid='stTopNavLink']"
        )
        return {
            a.inner_text().split("\n")[-1].strip(): a.get_attribute("href") for a in links.all()
        }

    def screenshot(self, name: str) -> Path:
        """The whole page: the main area scrolls internally, so grow the viewport to its height first."""
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', name)}.png"
        size = self.page.viewport_size
        height = self.page.evaluate(
            "() => { const m = document.querySelector('[data-testid=\"stMain\"]'); return m ? m.scrollHeight : 0; }"
        )
        self.page.set_viewport_size(
            {"width": size["width"], "height": max(size["height"], min(height + 80, 9000))}
        )
        self.page.screenshot(path=path)
        self.page.set_viewport_size(size)
        return path


@pytest.fixture
def dash(page, dashboard_app) -> StPage:
    return StPage(page, dashboard_app)


@pytest.fixture
def st_page(page):
    """StPage for any server, e.g. `st_page(public_app)`."""
    return lambda server: StPage(page, server)
