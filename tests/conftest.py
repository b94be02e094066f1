"""Shared fixtures: a real warehouse built once from the shipped snapshots, in a temp folder."""

from __future__ import annotations

import os
import socket
import sys

import pytest
from streamlit import config as st_config

from pipelines.config import ROOT
from pipelines.warehouse import build
from tests.checkout_guard import changes
from tests.checkout_guard import tree_state

# The shipped .streamlit/config.toml hides error details from users (client.showErrorDetails = "none");
# tests need the real messages when a page fails (tests/test_security.py checks the shipped setting).
st_config.set_option("client.showErrorDetails", "full")
# AppTest runs a Streamlit runtime with no address set, which means "every interface": the local modes
# refuse that (policy/access.py). Tests run as `make run` does, on loopback; tests of the refusal unset it.
st_config.set_option("server.address", "127.0.0.1")


@pytest.fixture(autouse=True)
def _local_viewer(monkeypatch):
    """The internal app requires sign-in; tests run it in the documented local viewer mode
    (as `make run` does). Tests of the login wall remove this variable."""
    monkeypatch.setenv("GSIW_LOCAL_MODE", "viewer")


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    """Tests never touch the network: any real socket connection fails loudly."""

    def guard(*args, **kwargs):
        raise RuntimeError("tests must not use the network (use `responses` fixtures)")

    monkeypatch.setattr(socket.socket, "connect", guard)


@pytest.fixture(scope="session")
def warehouse(tmp_path_factory):
    """The real warehouse, built from data/raw exactly like `make run` does."""
    path = tmp_path_factory.mktemp("warehouse") / "gsiw.duckdb"
    build(path=path)
    return path


@pytest.fixture
def use_warehouse(warehouse, monkeypatch):
    monkeypatch.setenv("GSIW_WAREHOUSE", str(warehouse))
    return warehouse


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "store_backends: run the module's store tests on SQLite and on PostgreSQL"
    )


def pytest_generate_tests(metafunc):
    """Modules marked `store_backends` run every test that uses a store on both backends."""
    if (
        metafunc.definition.get_closest_marker("store_backends")
        and "backend" in metafunc.fixturenames
    ):
        metafunc.parametrize("backend", ["sqlite", "postgres"], indirect=True)


@pytest.fixture(scope="session")
def pg_cluster():
    """A throw-away PostgreSQL cluster (tests/policy_backends.py). Without PostgreSQL installed the
    postgres-parametrized tests fail under CI=true and are skipped, with the reason, elsewhere."""
    from tests.policy_backends import PgCluster
    from tests.policy_backends import _in_ci
    from tests.policy_backends import missing_reason

    reason = missing_reason()
    if reason:
        if _in_ci():
            pytest.fail(f"CI: {reason}")
        pytest.skip(reason)
    cluster = PgCluster().start()
    yield cluster
    cluster.stop()


@pytest.fixture
def backend(request):
    """The store's database: "sqlite" unless the module is marked `store_backends`."""
    return getattr(request, "param", "sqlite")


@pytest.fixture
def new_store(backend, tmp_path, request):
    """Make a new store on the test's backend: `new_store(name, seed=..., seed_if_new=...)`."""
    from policy.store import PolicyStore

    cluster = request.getfixturevalue("pg_cluster") if backend == "postgres" else None

    def make(name: str = "policy", **kwargs):
        if cluster is None:
            return PolicyStore(tmp_path / f"{name}.sqlite", **kwargs)
        return PolicyStore(cluster.new_dsn(), init=True, **kwargs)

    yield make
    if cluster is not None:  # each test's schema has its own pool: release its connections
        from policy.backends import close_pools

        close_pools()


@pytest.fixture
def store(new_store):
    """A fresh policy store, seeded from data/policy/seed.yaml (imported here: the scaffold test
    copies this file into a repo without policy/). SQLite, or both backends in a `store_backends` module."""
    return new_store()


@pytest.fixture
def page_store(tmp_path, monkeypatch):
    """A fresh seeded store that the pages under test open (GSIW_POLICY_DB), in the documented local admin
    mode, so a test writes to it as an editor would and then reads the page."""
    from policy.store import PolicyStore

    path = tmp_path / "page_policy.sqlite"
    monkeypatch.setenv("GSIW_POLICY_DB", str(path))
    monkeypatch.setenv("GSIW_LOCAL_ADMIN", "1")
    return PolicyStore(path)


@pytest.fixture
def admin(monkeypatch):
    """The documented local admin mode: writes to the policy store are allowed."""
    monkeypatch.setenv("GSIW_LOCAL_ADMIN", "1")


@pytest.fixture(scope="session")
def var_warehouse(tmp_path_factory):
    """A warehouse built from the shipped snapshots plus a steunpunt_werk_var snapshot in the DOCUMENTED format
    (synthetic values, tests/sources/var_documented_format.py), in a temporary raw folder: data/raw and the
    shipped build are never touched. Returns (warehouse path, build result)."""
    from pipelines import snapshot as snap
    from pipelines.config import raw_dir
    from pipelines.registry import get_source
    from tests.sources.var_documented_format import write_exports

    base = tmp_path_factory.mktemp("var_build")
    raw = base / "raw"
    raw.mkdir()
    for folder in raw_dir().iterdir():  # every shipped source, read in place
        if folder.is_dir():
            (raw / folder.name).symlink_to(folder.resolve())
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GSIW_RAW_DIR", str(raw))
        files = write_exports(base / "exports")
        snap.import_files(
            get_source("steunpunt_werk_var"),
            files,
            snapshot_id="documented-format-fixture",
            origin="tests: exports built from the documented format (shared/data/LIVE_APIS.md section 6), "
            "synthetic values; not a real response",
        )
        path = base / "gsiw.duckdb"
        result = build(path=path)
    return path, result


@pytest.fixture(scope="session", autouse=True)
def _session_policy_store(tmp_path_factory):
    """The same guard for module- and session-scoped fixtures, which run before any test's own."""
    mp = pytest.MonkeyPatch()
    mp.setenv(
        "GSIW_POLICY_DB", str(tmp_path_factory.mktemp("policy") / "session-default-policy.sqlite")
    )
    mp.delenv("GSIW_POLICY_DSN", raising=False)
    yield
    mp.undo()


@pytest.fixture(autouse=True)
def _private_policy_store(tmp_path, monkeypatch):
    """No test may open the checkout's policy store (data/policy/gsiw_policy.sqlite): by default a
    page or CLI that opens "the" store gets a fresh seeded one in this test's temp folder. Tests
    that check a store's contents seed their own and compare its digest."""
    monkeypatch.setenv("GSIW_POLICY_DB", str(tmp_path / "default-policy.sqlite"))
    monkeypatch.delenv("GSIW_POLICY_DSN", raising=False)


def pytest_sessionstart(session):
    """Record the working tree so the end of the session can prove no test wrote into it."""
    if os.environ.get("GSIW_SKIP_TREE_CHECK") == "1" or os.environ.get("MUTANT_UNDER_TEST"):
        return
    session.config._gsiw_tree = tree_state(ROOT)


def pytest_sessionfinish(session, exitstatus):
    before = getattr(session.config, "_gsiw_tree", None)
    if before is None:
        return
    after = tree_state(ROOT)
    if after is None:
        return
    diff = changes(before, after)
    if diff:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        message = "the test suite changed the checkout (git status):\n  " + "\n  ".join(diff)
        if reporter:
            reporter.write_line(message, red=True, bold=True)
        else:
            print(message, file=sys.stderr)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
