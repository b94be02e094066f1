"""Network faults during a live build: each fails one source clearly and loses nothing.

The publisher is simulated with `responses` (no socket is opened). The body served on success is
the real shipped snapshot file, so "retried and succeeded" can be checked against real data.
A live build of census2011_commuting downloads one CSV from RAW_URL.
"""

from __future__ import annotations

import json

import pytest
import requests
import responses
from urllib3.response import HTTPResponse

from pipelines.http import MAX_RETRY_AFTER
from pipelines.http import make_session
from pipelines.sources.census2011_commuting import RAW_URL
from pipelines.warehouse import build

from .conftest import assert_unchanged
from .conftest import run_python
from .conftest import warehouse_state

SOURCE = "census2011_commuting"


def live_build(env):
    return build([SOURCE], live=True, path=env.path)


def assert_failed_and_kept(env, result, *, says: str):
    """The common ending: the source is named with the URL and the problem; its rows are kept."""
    assert not result.ok
    (message,) = result.failures
    assert f"source '{SOURCE}'" in message and RAW_URL in message, message
    assert says in message, message
    status = {r.source: r.status for r in result.results}[SOURCE]
    assert status == "failed_kept_previous"
    assert_unchanged(env.path, env.before)
    # The failed fetch left no half-written snapshot behind.
    assert sorted(p.name for p in (env.raw / SOURCE).iterdir()) == ["2011-01-01"]


@pytest.mark.parametrize(
    ("exception", "says"),
    [
        (requests.exceptions.ConnectTimeout("connect timed out after 10 s"), "ConnectTimeout"),
        (requests.exceptions.ReadTimeout("read timed out after 120 s"), "ReadTimeout"),
        (
            requests.exceptions.ConnectionError("[Errno 111] Connection refused"),
            "Connection refused",
        ),
    ],
    ids=["timeout-connect", "timeout-read", "connection-refused"],
)
def test_timeout_and_connection_refused(fault_env, exception, says):
    with responses.RequestsMock() as mock:
        mock.add(responses.GET, RAW_URL, body=exception)
        result = live_build(fault_env)
    assert_failed_and_kept(fault_env, result, says=says)


def test_http_404(fault_env):
    with responses.RequestsMock() as mock:
        mock.add(responses.GET, RAW_URL, status=404)
        result = live_build(fault_env)
    assert_failed_and_kept(fault_env, result, says="HTTP 404")


def test_http_500_then_success_is_retried_and_loads_the_real_file(fault_env):
    body = fault_env.real_file(SOURCE)
    with responses.RequestsMock() as mock:
        mock.add(responses.GET, RAW_URL, status=500)
        mock.add(responses.GET, RAW_URL, body=body, content_type="text/csv")
        result = live_build(fault_env)
        assert len(mock.calls) == 2
    assert result.ok, result.failures
    status = {r.source: (r.status, r.rows) for r in result.results}[SOURCE]
    assert status[0] == "loaded" and status[1] > 0
    # Same file, same numbers: only the source's snapshot bookkeeping (id, retrieved_at) differs.
    after = warehouse_state(fault_env.path)
    for table in ("observations", "geographies", "indicators", "breakdowns", "indicator_coverage"):
        assert after[table] == fault_env.before[table], table


def test_http_429_then_success_honours_retry_after(fault_env):
    body = fault_env.real_file(SOURCE)
    with responses.RequestsMock() as mock:
        mock.add(responses.GET, RAW_URL, status=429, headers={"Retry-After": "3"})
        mock.add(responses.GET, RAW_URL, body=body, content_type="text/csv")
        result = live_build(fault_env)
        assert len(mock.calls) == 2
    assert result.ok, result.failures


def test_http_429_that_never_ends_fails_clearly(fault_env):
    with responses.RequestsMock() as mock:
        mock.add(responses.GET, RAW_URL, status=429, headers={"Retry-After": "1"})
        result = live_build(fault_env)
        assert len(mock.calls) == 5  # the first try and four retries, then give up
    assert_failed_and_kept(fault_env, result, says="HTTP 429")


@pytest.mark.parametrize(("header", "expected"), [("3", 3), ("86400", MAX_RETRY_AFTER)])
def test_retry_policy_waits_as_told_but_never_for_a_day(monkeypatch, header, expected):
    """`responses` does not sleep between retries, so check the session's policy directly."""
    slept = []
    monkeypatch.setattr("urllib3.util.retry.time.sleep", slept.append)
    retry = make_session().get_adapter(RAW_URL).max_retries
    response = HTTPResponse(body=b"", status=429, headers={"Retry-After": header})
    assert retry.is_retry("GET", 429, has_retry_after=True)
    retry.sleep(response)
    assert slept == [expected]


@pytest.mark.parametrize(
    ("kwargs", "says"),
    [
        (
            {
                "body": b"<!DOCTYPE html><html><body>Service unavailable</body></html>",
                "content_type": "text/html",
            },
            "HTML page",
        ),
        # Some servers label their error page as text/plain or octet-stream: the body gives it away.
        (
            {
                "body": b"\n  <html><head><title>Login</title></head></html>",
                "content_type": "text/plain",
            },
            "HTML page",
        ),
        (
            {"body": b",11000,12000\n11000,1", "headers": {"Content-Length": "10779"}},
            "truncated body",
        ),
        (
            {"body": b",11000,12000\n11000,1,2\n", "headers": {"Content-Encoding": "gzip"}},
            "not valid gzip",
        ),
    ],
    ids=["html-page", "html-labelled-text", "truncated-body", "gzip-not-gzip"],
)
def test_bad_bodies_are_refused(fault_env, kwargs, says):
    with responses.RequestsMock() as mock:
        mock.add(responses.GET, RAW_URL, **kwargs)
        result = live_build(fault_env)
    assert_failed_and_kept(fault_env, result, says=says)


CLI_UNDER_RESPONSES = """
import sys, responses
from pipelines.__main__ import main
from pipelines.sources.census2011_commuting import RAW_URL
with responses.RequestsMock() as mock:
    mock.add(responses.GET, RAW_URL, status={status})
    code = main(["build", "--live", "--source", "census2011_commuting"])
sys.exit(code)
"""


def test_cli_live_build_with_http_error_exits_non_zero_and_keeps_data(fault_env):
    proc = run_python(CLI_UNDER_RESPONSES.format(status=404), fault_env.env())
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "BUILD FAILED" in proc.stdout
    assert SOURCE in proc.stdout and "HTTP 404" in proc.stdout and RAW_URL in proc.stdout
    assert "Traceback" not in proc.stderr
    assert_unchanged(fault_env.path, fault_env.before)
    runs = [
        json.loads(line) for line in (fault_env.path.parent / "runs.jsonl").read_text().splitlines()
    ]
    assert runs[-1]["status"] == "partial" and "HTTP 404" in runs[-1]["errors"][0]
