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
import sys
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


def _store_digest(path: Path) -> str:
    """The policy store's contents (SQLite may rewrite header bytes, e.g. when switching to WAL)."""
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
    from policy.store import PolicyStore

    policy = PolicyStore(folder / "policy.sqlite").path  # seeded from data/policy/seed.yaml
    return path, policy


def test_parameter_discovery_finds_the_documented_parameters():
    assert KNOWN_PARAMS <= _param_names()


@pytest.mark.parametrize("page", _pages())
def test_sql_injection_through_every_url_parameter(private_warehouse, monkeypatch, page):
    path, policy = private_warehouse
    monkeypatch.setenv("GSIW_WAREHOUSE", str(path))
    monkeypatch.setenv("GSIW_POLICY_DB", str(policy))
    before = (_digest(path), _store_digest(policy))
    assert before[1] is not None  # a seeded store, so the comparison below means something
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
    from dashboard import db
    from dashboard import queries

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


# --- Issue 15: access control, one role table for every write path --------------------------------------

WRITE_PATHS = {  # every way to write the policy store, and the role that must be refused
    "create": (
        "viewer",
        lambda s, u: s.create(
            "projects", "nieuw-project", {"name": "x", "source": "s", "status": "running"}, user=u
        ),
    ),
    "update": (
        "viewer",
        lambda s, u: s.update(
            "objectives",
            "gsiw17-sectoren",
            {"title_en": "x"},
            expected_version=s.get("objectives", "gsiw17-sectoren")["version"],
            user=u,
        ),
    ),
    "delete": (
        "viewer",
        lambda s, u: s.delete(
            "meetings", s.meetings()[0]["id"], expected_version=s.meetings()[0]["version"], user=u
        ),
    ),
    "apply": ("viewer", lambda s, u: s.apply([], user=u)),
    "import-merge": ("editor", lambda s, u: s.import_yaml(s.export_yaml(), user=u)),
    "import-replace": (
        "editor",
        lambda s, u: s.import_yaml("format: gsiw-policy/1\nrecords: {}\n", user=u, replace=True),
    ),
}


@pytest.fixture
def policy_store(tmp_path, monkeypatch):
    from policy.store import PolicyStore

    monkeypatch.setenv("GSIW_POLICY_DB", str(tmp_path / "policy.sqlite"))
    return PolicyStore(tmp_path / "policy.sqlite")


@pytest.mark.parametrize("path", WRITE_PATHS)
def test_every_write_path_refuses_a_lower_role(policy_store, monkeypatch, path):
    from policy.access import EditingNotAllowed

    role, write = WRITE_PATHS[path]
    monkeypatch.delenv("GSIW_LOCAL_ADMIN", raising=False)
    monkeypatch.setenv("GSIW_LOCAL_MODE", role)
    before = policy_store.checksum()
    with pytest.raises(EditingNotAllowed):
        write(policy_store, "Iemand")
    assert policy_store.checksum() == before


@pytest.mark.parametrize("path", ["create", "import-merge"])
def test_a_signed_in_editor_cannot_do_an_admins_write(policy_store, monkeypatch, path):
    """The same table applies to OIDC users: roles come from the session, not from the page."""
    import policy.access as access
    from policy.access import EditingNotAllowed

    monkeypatch.delenv("GSIW_LOCAL_MODE", raising=False)
    monkeypatch.setattr(
        access, "session_identity", lambda: ("ed@stad.gent", frozenset({"viewer", "editor"}))
    )
    _, write = WRITE_PATHS[path]
    if path == "create":
        write(policy_store, "ed@stad.gent")  # an editor edits
        with pytest.raises(EditingNotAllowed):  # ... but not under someone else's name
            WRITE_PATHS["update"][1](policy_store, "admin@stad.gent")
    else:
        with pytest.raises(EditingNotAllowed, match="admin"):
            write(policy_store, "ed@stad.gent")


def test_the_cli_import_and_restore_refuse_an_editor(policy_store, tmp_path):
    backup = tmp_path / "b.yaml"
    backup.write_text(policy_store.export_yaml(), encoding="utf-8")
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(ROOT),
        "GSIW_POLICY_DB": str(policy_store.path),
        "GSIW_LOCAL_MODE": "editor",
    }
    for args in (
        ["import", str(backup), "--user", "X", "--replace"],
        ["restore", str(backup), "--user", "X"],
    ):
        proc = subprocess.run(
            [sys.executable, "-m", "policy", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert proc.returncode == 1 and "admin role" in proc.stderr, proc.stderr


def test_the_editor_page_offers_import_to_admins_only_and_the_store_refuses_anyway(
    policy_store, use_warehouse, monkeypatch
):
    from tests.app_support import run_page

    monkeypatch.setenv("GSIW_LOCAL_MODE", "editor")
    monkeypatch.setenv("GSIW_EDITOR", "Redacteur")
    at = run_page("views/beleid_editor.py")
    assert any("alleen een beheerder" in i.value for i in at.info)
    uploader = [w for w in at.get("file_uploader")]
    assert uploader and all(w.proto.disabled for w in uploader)
    monkeypatch.setenv("GSIW_LOCAL_MODE", "admin")
    at = run_page("views/beleid_editor.py")
    assert not any("alleen een beheerder" in i.value for i in at.info)


def test_the_locked_editor_page_shows_no_os_account_name(policy_store, use_warehouse, monkeypatch):
    import getpass

    from tests.app_support import run_page

    monkeypatch.setenv("GSIW_LOCAL_MODE", "viewer")
    monkeypatch.delenv("GSIW_EDITOR", raising=False)
    at = run_page("views/beleid_editor.py")
    assert at.warning and not at.text_input  # locked: no name field at all
    account = getpass.getuser()
    assert account not in _screen_text(at)
    monkeypatch.setenv("GSIW_LOCAL_MODE", "editor")
    at = run_page("views/beleid_editor.py")
    assert (
        at.text_input[0].value == ""
    )  # the editor types a name; the OS account is never suggested


@pytest.mark.parametrize("mode", ["viewer", "editor", "admin"])
@pytest.mark.parametrize("address", [None, "0.0.0.0", "::", "192.168.1.20"])
def test_local_modes_refuse_a_non_loopback_bind(use_warehouse, monkeypatch, mode, address):
    from streamlit import config as st_config

    monkeypatch.setenv("GSIW_LOCAL_MODE", mode)
    st_config.set_option("server.address", address)
    try:
        at = AppTest.from_file(APP, default_timeout=60).run()
        assert not at.exception
        assert any("--server.address 127.0.0.1" in e.value for e in at.error)
        assert not at.metric and len(at.title) == 1  # no page rendered, only the sign-in title
        # ... and inside that server process the store grants no local role (so refuses every write)
        probe = AppTest.from_string(
            "import streamlit as st\nfrom policy.access import local_roles\nst.write(repr(sorted(local_roles())))"
        ).run()
        assert probe.markdown[0].value == "[]"
    finally:
        st_config.set_option("server.address", "127.0.0.1")


def test_make_targets_and_docs_agree_on_loopback():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    runs = [block for block in makefile.split("\n\n") if "streamlit run" in block]
    assert len(runs) == 2
    for block in runs:
        assert "--server.address 127.0.0.1" in block, block
    docs = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    assert "`make run-public`" in docs and "127.0.0.1" in docs


# --- Issue 15: injection and leaks ---------------------------------------------------------------------

FORMULAS = [
    '=HYPERLINK("http://evil.example","klik")',
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def test_formula_injection_is_neutralised_in_csv_and_excel_and_numbers_stay_numbers():
    import csv as csv_module
    import io

    import openpyxl
    import pandas as pd

    from dashboard.exports import to_csv
    from dashboard.exports import to_excel
    from dashboard.exports import to_excel_book

    df = pd.DataFrame({"title": FORMULAS, "value": [-1.5, -2.0, 3.0, -4.25, 0.0, 1.0, 2.0]})
    csv = to_csv(df).decode("utf-8-sig")
    rows = list(csv_module.reader(io.StringIO(csv, newline="")))[1:]
    assert all(title.startswith("'") for title, _ in rows), rows
    assert [float(v) for _, v in rows] == df["value"].tolist()  # real negative numbers stay numbers
    assert ",-1.5" in csv and ",-4.25" in csv  # real negative numbers untouched
    for book in (
        to_excel(df, {"titel": FORMULAS[0]}),
        to_excel_book({"vergadering": df}, {"x": "y"}),
    ):
        wb = openpyxl.load_workbook(io.BytesIO(book))
        ws = wb.worksheets[0]
        for row in ws.iter_rows(min_row=2):
            assert row[0].data_type == "s" and str(row[0].value).startswith("'")
            assert isinstance(row[1].value, int | float)
        assert not any(
            c.data_type == "f" for ws in wb.worksheets for r in ws.iter_rows() for c in r
        )
    assert to_csv(pd.DataFrame({"v": ["-3,2", "-7"]})).decode("utf-8-sig").splitlines()[1:] == [
        '"-3,2"',
        "-7",
    ]


def test_every_csv_and_excel_writer_goes_through_the_neutralisation():
    """No view writes a CSV or a workbook itself: `to_csv`/`to_excel` in dashboard/exports.py are the only writers."""
    for path in DASHBOARD.rglob("*.py"):
        if path.name == "exports.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert ".to_csv(" not in text and ".to_excel(" not in text and "ExcelWriter" not in text, (
            path
        )


def test_user_markdown_renders_no_images_and_no_html(policy_store, use_warehouse, monkeypatch):
    from markdown_it import MarkdownIt

    from tests.app_support import run_page

    monkeypatch.setenv("GSIW_LOCAL_ADMIN", "1")
    plan = policy_store.records("plans")[0]
    evil = "Zie ![logo](https://evil.example/pixel.png) en <img src=https://evil.example/x.png> en [link](https://ok.example)"
    policy_store.update(
        "plans", plan["id"], {"description_nl": evil}, expected_version=plan["version"], user="T"
    )
    monkeypatch.delenv("GSIW_LOCAL_ADMIN")
    at = run_page("views/doelstellingen.py")
    shown = [m.value for m in at.markdown if "evil.example" in m.value]
    assert shown, "the description should be shown (as text)"
    parser = MarkdownIt("commonmark")  # the CommonMark reading Streamlit's renderer follows
    for text in shown:
        kinds = {tok.type for block in parser.parse(text) for tok in (block.children or [])}
        assert not kinds & {"image", "html_inline", "html_block"}, (text, kinds)
        assert "link_open" in kinds and "[link](https://ok.example)" in text  # ordinary links stay
    assert not any(m.allow_html for m in at.markdown if "evil.example" in m.value)


def test_future_since_date_is_explained_not_an_error(policy_store, use_warehouse):
    from tests.app_support import run_page

    for page in ("views/vergadering.py", "views/presentatie.py"):
        at = run_page(page, since="2099-01-01")
        assert any("in de toekomst" in i.value for i in at.info), page


def test_swing_never_sends_its_key_to_another_host(monkeypatch):
    import requests
    import responses

    from pipelines.sources.swing_odata import SwingClient

    monkeypatch.setenv("GSIW_SWING_APIKEY", "secret-key")
    base = "https://gent.swing.example/jiveservices/odata"
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        rsps.get(
            f"{base}/Variables",
            json={"value": [{"a": 1}], "@odata.nextLink": "https://evil.example/steal"},
        )
        evil = rsps.get("https://evil.example/steal", json={"value": []})
        with pytest.raises(Exception, match="refused to send credentials to 'evil.example'"):
            SwingClient(requests.Session(), base).collection("Variables")
        assert evil.call_count == 0
        # A redirect off the host is refused the same way; a relative next link on the host is followed.
        rsps.get(f"{base}/Redirect", status=302, headers={"Location": "https://evil.example/steal"})
        with pytest.raises(Exception, match="refused to send credentials"):
            SwingClient(requests.Session(), base).collection("Redirect")
        rsps.get(f"{base}/Paged", json={"value": [1], "@odata.nextLink": "Paged2"})
        page2 = rsps.get(f"{base}/Paged2", json={"value": [2]})
        assert SwingClient(requests.Session(), base).collection("Paged") == [1, 2]
        assert page2.calls[0].request.headers["apikey"] == "secret-key"
        assert evil.call_count == 0


def test_public_sentences_never_show_a_small_count(tmp_path, warehouse, monkeypatch):
    from dashboard.summary import statements

    path = tmp_path / "gsiw.duckdb"
    shutil.copyfile(warehouse, path)
    con = duckdb.connect(str(path))
    last = con.execute(
        "SELECT max(period) FROM observations WHERE indicator_id = 'vacancies_received' "
        "AND geo_code = '44021' AND breakdown = 'total'"
    ).fetchone()[0]
    con.execute(
        "UPDATE observations SET value = 3 WHERE indicator_id IN ('vacancies_received', 'jobseekers_nwwz') "
        "AND geo_code = '44021' AND breakdown = 'total'"
    )
    con.close()
    monkeypatch.setenv("GSIW_WAREHOUSE", str(path))
    from dashboard import db

    text = " ".join(s["text"] for s in statements(db.connection(), "nl"))
    assert f"In {last} **< 4 (afgeschermd) vacatures**" in text.replace("De VDAB kreeg in", "In"), (
        text
    )
    assert " 3 vacatures" not in text and "(3 mensen)" not in text


def test_public_app_without_a_warehouse_says_only_temporarily_unavailable(tmp_path, monkeypatch):
    monkeypatch.setenv("GSIW_WAREHOUSE", str(tmp_path / "missing" / "gsiw.duckdb"))
    for page in (None, "public_views/about.py"):
        at = AppTest.from_file(str(ROOT / "dashboard" / "public.py"), default_timeout=60).run()
        if page:
            at.switch_page(page).run()
        assert not at.exception
        text = _screen_text(at)
        assert "tijdelijk niet beschikbaar" in text
        for leak in (str(tmp_path), "pipelines build", "make run", "duckdb", ".venv"):
            assert leak not in text, leak


def test_local_mode_on_loopback_keeps_its_roles(monkeypatch):
    """The control for the refusal above: on 127.0.0.1 (as `make run`) the local mode works."""
    monkeypatch.setenv("GSIW_LOCAL_MODE", "editor")
    probe = AppTest.from_string(
        "import streamlit as st\nfrom policy.access import local_roles\nst.write(repr(sorted(local_roles())))"
    ).run()
    assert probe.markdown[0].value == "['editor', 'viewer']"
