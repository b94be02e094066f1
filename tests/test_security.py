"""Security: injection through the URL, a read-only warehouse, no secrets in the repository, and
limits on the files people hand us.

The URL test discovers every query parameter the dashboard reads (grep over dashboard/), opens every
page of the navigation table with SQL-injection strings in all of them, and checks that no page
errors, nothing on screen leaks SQL errors or file paths, and the warehouse is byte-identical.
"""

from __future__ import annotations

import ast
import hashlib
import math
import re
import shutil
import sqlite3
import subprocess
import tomllib
from collections import Counter
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from pipelines.config import ROOT

APP = str(ROOT / "dashboard" / "app.py")
DASHBOARD = ROOT / "dashboard"

PAYLOADS = [
    "'; DROP TABLE observations; --",
    "44021' OR '1'='1",
    "x') UNION SELECT table_name, 1, 1 FROM information_schema.tables --",
    "'; COPY observations TO 'stolen.csv'; --",
    "'; ATTACH 'evil.duckdb' AS evil; --",
    "../../../../etc/passwd",
    "%' OR 1=1 --",
]
# What a leaking error page would show; none of these is in a payload.
LEAKS = [
    "Catalog Error",
    "Binder Error",
    "Parser Error",
    "Conversion Error",
    "Invalid Input Error",
    "duckdb",
    "Traceback",
    "IOException",
    str(ROOT),
    "pytest-of",
    "/tmp/",
]
# The parameters the foundation pages read; discovery must find at least these.
KNOWN_PARAMS = {"lang", "indicator", "geo", "breakdown", "from", "to"}


def _param_names() -> set[str]:
    """Every literal key read from st.query_params anywhere in the dashboard."""
    names: set[str] = set()
    read = re.compile(
        r"""(?:query_params|qp)\s*(?:\.get_all|\.get|\.pop|\[)\(?\s*["']([A-Za-z0-9_]+)["']"""
    )
    for path in DASHBOARD.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        names.update(read.findall(text))
        if "query_params" in text:  # modules that read a tuple of names (e.g. filters.PARAMS)
            for node in ast.walk(ast.parse(text)):
                if isinstance(node, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id == "PARAMS" for t in node.targets
                ):
                    module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
                    params = __import__(module, fromlist=["PARAMS"]).PARAMS
                    names.update(p for p in params if isinstance(p, str))
    return names


def _pages() -> list[str]:
    """The navigation table of app.py, read without running Streamlit (app.py builds pages on import)."""
    tree = ast.parse((DASHBOARD / "app.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "PAGES" for t in node.targets
        ):
            return [f"views/{row[1]}" for row in ast.literal_eval(node.value)]
    raise AssertionError("PAGES table not found in dashboard/app.py")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _store_digest(path: Path) -> str | None:
    """The policy store's contents (SQLite may rewrite header bytes, e.g. when switching to WAL)."""
    if not path.exists():
        return None
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return hashlib.sha256("\n".join(con.iterdump()).encode()).hexdigest()
    finally:
        con.close()


def _screen_text(at: AppTest) -> str:
    parts = []
    for kind in (
        "markdown",
        "caption",
        "title",
        "header",
        "subheader",
        "text",
        "code",
        "error",
        "warning",
        "info",
        "success",
        "exception",
        "json",
        "latex",
    ):
        try:
            elements = getattr(at, kind)
        except AttributeError:
            continue
        for el in elements:
            parts.append(str(getattr(el, "value", "")))
            parts.append(str(getattr(el, "message", "")))
    parts += [f"{m.label} {m.value}" for m in at.metric]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def private_warehouse(warehouse, tmp_path_factory):
    """A copy of the real warehouse (and policy store) so a successful attack could not hide in the shared one."""
    folder = tmp_path_factory.mktemp("security")
    path = folder / "gsiw.duckdb"
    shutil.copyfile(warehouse, path)
    store = ROOT / "data" / "policy" / "gsiw_policy.sqlite"
    policy = folder / "policy.sqlite"
    if store.is_file():
        shutil.copyfile(store, policy)
    return path, policy


def test_parameter_discovery_finds_the_documented_parameters():
    assert KNOWN_PARAMS <= _param_names()


@pytest.mark.parametrize("page", _pages())
def test_sql_injection_through_every_url_parameter(private_warehouse, monkeypatch, page):
    path, policy = private_warehouse
    monkeypatch.setenv("GSIW_WAREHOUSE", str(path))
    if policy.exists():
        monkeypatch.setenv("GSIW_POLICY_DB", str(policy))
    before = (_digest(path), _store_digest(policy))
    params = sorted(_param_names())
    values = {name: PAYLOADS[i % len(PAYLOADS)] for i, name in enumerate(params)}
    values["geo"] = PAYLOADS  # multi-valued parameters get every payload at once
    at = AppTest.from_file(APP, default_timeout=90)
    for name, value in values.items():
        at.query_params[name] = value
    at.run()
    at.switch_page(page)
    for name, value in values.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    shown = _screen_text(at)
    leaked = [marker for marker in LEAKS if marker in shown]
    assert not leaked, f"{page} shows {leaked}"
    assert (_digest(path), _store_digest(policy)) == before


def test_query_layer_treats_injection_strings_as_values(use_warehouse):
    """The core queries bind every value as a parameter: payloads simply match nothing."""
    from dashboard import db, queries

    con = db.connection()
    n_before = con.execute("SELECT count(*) FROM observations").fetchone()[0]
    for bad in PAYLOADS:
        assert queries.series(
            con, bad, [bad], breakdown=bad, lang=bad, period_from=bad, period_to=bad
        ).empty
        assert queries.breakdowns_of(con, bad) == [] and queries.periods_of(con, bad) == []
        assert queries.geographies_of(con, bad, lang=bad).empty
        assert queries.commuting(con, [bad], lang=bad).empty
        with pytest.raises(KeyError):
            queries.indicator(con, bad, lang=bad)
    assert con.execute("SELECT count(*) FROM observations").fetchone()[0] == n_before


def test_dashboard_connection_is_read_only_and_cannot_touch_files(use_warehouse, tmp_path):
    from dashboard import db

    con = db.connection()
    statements = [
        "INSERT INTO build_info VALUES ('x', 'y')",
        "DELETE FROM observations",
        "DROP TABLE observations",
        f"COPY observations TO '{tmp_path / 'stolen.csv'}'",
        f"ATTACH '{tmp_path / 'evil.duckdb'}' AS evil",
        "SELECT * FROM read_csv('/etc/passwd')",
        "SET enable_external_access = true",
    ]
    for sql in statements:
        with pytest.raises(duckdb.Error):
            con.execute(sql).fetchall()  # read queries run lazily (cached cursor): fetch to run
    assert not list(tmp_path.iterdir())
    assert con.execute("SELECT count(*) FROM observations").fetchone()[0] > 0


# --- Secrets ----------------------------------------------------------------------------------------

# Specific token formats (from the issuers' documentation) and private-key blocks.
SECRET_PATTERNS = {
    "private key": re.compile(
        r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----"
    ),
    "AWS access key": re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
    "GitHub token": re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{50,})\b"),
    "Slack token": re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}"),
    "Google API key": re.compile(r"\bAIza[0-9A-Za-z_\-]{35}\b"),
    "Stripe key": re.compile(r"\b[rs]k_live_[0-9a-zA-Z]{20,}"),
    "JSON web token": re.compile(
        r"\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}"
    ),
    "URL with password": re.compile(r"\b[a-z][a-z0-9+.-]*://[^/\s:@\"']+:([^/\s:@\"'<>{}$]{6,})@"),
}
# `password = "..."` and friends: flagged unless the value is clearly a placeholder or a test value.
ASSIGNED = re.compile(
    r"""(?i)\b(password|passwd|pwd|secret|client_secret|cookie_secret|api_?key|apikey|access_?token|auth_?token|"""
    r"""private_?key)\b["']?\s*[:=]\s*[rbf]?["']([^"'\s]{8,})["']"""
)
PLACEHOLDER = re.compile(
    r"(?i)^<|example|change.?me|placeholder|your[-_]|xxx|dummy|test|fake|redacted|\$\{|\{\{|%\("
)


def entropy(text: str) -> float:
    counts = Counter(text)
    return -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values())


def scan_text(text: str) -> list[str]:
    found = [name for name, pattern in SECRET_PATTERNS.items() if pattern.search(text)]
    for match in ASSIGNED.finditer(text):
        value = match.group(2)
        if (
            not PLACEHOLDER.search(value)
            and not re.fullmatch(r"[A-Z0-9_]+", value)
            and entropy(value) >= 3.0
        ):
            found.append(f"{match.group(1)} = {value[:4]}…")
    return found


def repository_files() -> list[Path]:
    """Tracked files plus new files not ignored: what a commit could contain."""
    out = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split("\0")
    )
    return [ROOT / p for p in out if p and (ROOT / p).is_file()]


def test_scanner_catches_each_kind_of_secret():
    """Built at run time so this file itself holds no secret-shaped string."""
    samples = [
        "-----BEGIN " + "RSA PRIVATE KEY-----",
        "aws_key = " + "AKIA" + "Q3EGRIKMZN7PLX2D",
        "token: " + "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8",
        "SLACK=" + "xoxb-" + "1234567890-abcdefghij",
        "key=" + "AIza" + "SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q",
        "jwt " + "eyJ" + "hbGciOiJIUzI1NiJ9." + "eyJ" + "zdWIiOiIxMjM0In0." + "abcdefghijklmnop",
        "postgres://gsiw:" + "Zq8v!rT2mw" + "@db.internal/gsiw",
        'client_secret = "' + "9fK2mQ7xL4pV8nR1" + '"',
    ]
    for sample in samples:
        assert scan_text(sample), sample
    for harmless in [
        'client_secret = "<from the identity provider>"',
        'api_key = "test-key"',
        'password = "GSIW_POLICY_PASSWORD"',
        "https://example.org/data.csv",
    ]:
        assert not scan_text(harmless), harmless


def test_no_secrets_in_the_repository():
    hits = {}
    for path in repository_files():
        if path.stat().st_size > 5 * 1024 * 1024:
            continue
        data = path.read_bytes()
        if b"\0" in data[:8192]:
            continue  # binary (xlsx, sqlite, images)
        found = scan_text(data.decode("utf-8", errors="replace"))
        if found:
            hits[str(path.relative_to(ROOT))] = found
    assert not hits, f"possible secrets: {hits}"


def test_streamlit_secrets_file_is_ignored_and_the_example_holds_only_placeholders():
    ignored = subprocess.run(["git", "check-ignore", "-q", ".streamlit/secrets.toml"], cwd=ROOT)
    assert ignored.returncode == 0, ".streamlit/secrets.toml must be in .gitignore"
    tracked = subprocess.run(
        ["git", "ls-files", ".streamlit/secrets.toml"], cwd=ROOT, capture_output=True, text=True
    )
    assert tracked.stdout.strip() == ""
    example = ROOT / ".streamlit" / "secrets.toml.example"
    config = tomllib.loads(example.read_text(encoding="utf-8"))
    for key in ("cookie_secret", "client_secret", "client_id"):
        assert config["auth"][key].startswith("<"), key
    assert "secrets.toml.example" in (ROOT / "README.md").read_text(encoding="utf-8")


# --- File inputs --------------------------------------------------------------------------------------


def test_uploads_are_limited_in_size_and_type():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] <= 10  # MB
    assert config["client"]["showErrorDetails"] == "none"
    for path in DASHBOARD.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "file_uploader":
                kinds = {k.arg for k in node.keywords}
                assert "type" in kinds, f"{path.name}:{node.lineno}: file_uploader without type="
