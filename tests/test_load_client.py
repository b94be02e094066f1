"""The load benchmark's protocol client (benchmarks/load.py) against a real `streamlit run` server.

Not timed: this proves the client speaks Streamlit's websocket protocol well enough for the numbers in
docs/performance.md to mean something: it decodes the pages, sees each script run finish, and its
filter change really reruns the page with the new choice (the heading names the area picked).
"""

from __future__ import annotations

import socket

import pytest

from benchmarks import load

LOOPBACK = {"127.0.0.1", "::1", "localhost"}


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    """Like the suite-wide guard, but the client talks to its own server on loopback."""
    real_connect = socket.socket.connect

    def guard(self, address, *args, **kwargs):
        if isinstance(address, tuple) and address[0] not in LOOPBACK:
            raise RuntimeError(f"tests must not use the network (tried {address[0]})")
        return real_connect(self, address, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", guard)


def test_two_internal_instances_on_one_warehouse_serve_the_home_page_and_an_area_change(warehouse):
    """Two app processes on one read-only warehouse file (docs/scaling.md, step 1), a session on each."""
    with load.serve_many(load.INTERNAL_APP, warehouse, 2) as servers:
        row = load.run_step(servers, load.INTERNAL_FILTER, 2, timeout=120)
        one = load.run_async(load.session(servers[0][0], load.INTERNAL_FILTER, timeout=120))
    assert row["errors"] == 0, row["error_samples"]
    assert row["instances"] == 2 and row["open_p95"] is not None and row["change_p95"] is not None
    assert row["elements"] > 20  # the whole home page arrived in every session, twice
    assert row["peak_rss_mb"] > 50 and row["cpu_s"] > 0
    assert not one.errors
    before, after = one.headings
    assert before and after and before[0] != after[0]
    assert one.chosen in after[0]  # the title names the area the filter change picked


def test_the_client_runs_where_an_event_loop_is_already_running(warehouse):
    """After the browser tests, Playwright leaves an event loop running in the test thread; the
    scenario runs in a thread of its own so this test does not depend on which tests ran before it."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    async def inside_a_loop():
        with load.serve(load.PUBLIC_APP, warehouse) as server:
            return load.run_async(load.session(server[0], load.PUBLIC_FILTER, timeout=120))

    with ThreadPoolExecutor(1) as pool:
        assert not pool.submit(asyncio.run, inside_a_loop()).result().errors


def test_public_sessions_switch_language_without_errors(warehouse):
    with load.serve(load.PUBLIC_APP, warehouse) as server:
        one = load.run_async(load.session(server[0], load.PUBLIC_FILTER, timeout=120))
    assert not one.errors
    before, after = one.headings
    assert before and after and before != after  # the rerun drew the page in the other language
    assert one.chosen == "English"
