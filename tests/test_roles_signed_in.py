"""Role checks on the signed-in (OIDC) path, for every write to the policy store.

A deployment has no local mode: people sign in with OIDC and get roles from the `[gsiw]` secrets.
Each write below runs inside a real Streamlit session (AppTest) whose `st.user` is the signed-in
person, on a seeded temporary store whose checksum is compared: a viewer (or an anonymous
visitor, or an editor writing under someone else's name) changes nothing; an editor's write lands
and the audit trail names the signed-in email, never a typed name. The CLI import has no sign-in:
it needs the explicit local admin switch. Every test runs on SQLite and on PostgreSQL (the pages and
the CLI find the store through GSIW_POLICY_DB or GSIW_POLICY_DSN, as a deployment does).
"""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from pipelines.config import ROOT
from policy.store import PolicyStore
from tests.policy_backends import store_env

pytestmark = pytest.mark.store_backends

EDITOR, VIEWER, ADMIN = "ed@stad.gent", "kijker@stad.gent", "it@stad.gent"
SECRETS = {
    "auth": {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "test-only-not-a-secret",
        "client_id": "test-client",
        "client_secret": "test-only-not-a-secret",
        "server_metadata_url": "https://login.example.invalid/.well-known/openid-configuration",
    },
    "gsiw": {"viewer_domains": ["stad.gent"], "editors": [EDITOR], "admins": [ADMIN]},
}
WRITES = ("create", "update", "delete", "apply", "import")


def _write(store_path: str, action: str, who: str) -> None:
    """The script run inside the signed-in session: one write, its outcome on screen."""
    import streamlit as st
    import yaml

    import dashboard.auth  # noqa: F401  (the dashboard tells the store who is signed in)
    from policy.access import EditingNotAllowed
    from policy.store import Op
    from policy.store import PolicyStore

    store = PolicyStore(store_path)
    obj = store.get("objectives", "gsiw17-sectoren")
    try:
        if action == "create":
            store.create(
                "projects",
                "q21-nieuw",
                {"name": "Nieuw", "status": "planned", "is_example": True},
                user=who,
            )
        elif action == "update":
            store.update(
                "objectives",
                obj["id"],
                {"title_en": "Changed"},
                expected_version=obj["version"],
                user=who,
            )
        elif action == "delete":
            store.delete("objectives", obj["id"], expected_version=obj["version"], user=who)
        elif action == "apply":
            store.apply(
                [Op("update", "objectives", obj["id"], {"title_en": "Changed"}, obj["version"])],
                user=who,
            )
        else:
            data = store.export_data()
            data["plans"][0]["period_end"] = 2020
            store.import_yaml(yaml.safe_dump(data, allow_unicode=True), user=who)
        st.success("written")
    except EditingNotAllowed as exc:
        st.error(f"refused: {exc.reason}")


def run_signed_in(
    store: PolicyStore, action: str, email: str | None, who: str, monkeypatch
) -> AppTest:
    monkeypatch.delenv("GSIW_LOCAL_MODE", raising=False)
    monkeypatch.delenv("GSIW_LOCAL_ADMIN", raising=False)
    at = AppTest.from_function(_write, args=(str(store.path), action, who), default_timeout=60)
    at.secrets = SECRETS
    at.user = (
        {"is_logged_in": True, "email": email, "name": "Signed In"}
        if email
        else {"is_logged_in": False}
    )
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


@pytest.mark.parametrize("action", WRITES)
def test_a_signed_in_viewer_cannot_write(store, action, monkeypatch):
    before = store.checksum()
    at = run_signed_in(store, action, VIEWER, VIEWER, monkeypatch)
    assert [e.value for e in at.error] == ["refused: disabled"]
    assert store.checksum() == before


@pytest.mark.parametrize("action", WRITES)
def test_an_anonymous_visitor_cannot_write(store, action, monkeypatch):
    before = store.checksum()
    at = run_signed_in(store, action, None, "Iemand", monkeypatch)
    assert [e.value for e in at.error] == ["refused: disabled"]
    assert store.checksum() == before


@pytest.mark.parametrize("action", WRITES)
def test_a_signed_in_editor_cannot_write_under_another_name(store, action, monkeypatch):
    before = store.checksum()
    at = run_signed_in(store, action, EDITOR, "iemand.anders@stad.gent", monkeypatch)
    assert [e.value for e in at.error] == ["refused: disabled"]
    assert store.checksum() == before


def test_a_signed_in_editor_may_not_import_a_whole_file(store, monkeypatch):
    """Importing a backup replaces many records at once: the admin role (policy.access.WRITE_ROLES)."""
    before = store.checksum()
    at = run_signed_in(store, "import", EDITOR, EDITOR, monkeypatch)
    assert [e.value for e in at.error] == ["refused: role"]
    assert store.checksum() == before


@pytest.mark.parametrize(
    ("action", "email"),
    [(a, e) for a in WRITES for e in (EDITOR, ADMIN) if not (a == "import" and e == EDITOR)],
)
def test_a_signed_in_editor_writes_and_the_audit_names_them(store, action, email, monkeypatch):
    before = store.checksum()
    at = run_signed_in(store, action, email, email, monkeypatch)
    assert [s.value for s in at.success] == ["written"] and not at.error
    assert store.checksum() != before
    changes = [r for r in store.audit_log(limit=None) if r["who"] != "seed"]
    assert changes and {r["who"] for r in changes} == {email}
    expected = {
        "create": "create",
        "update": "update",
        "delete": "delete",
        "apply": "update",
        "import": "update",
    }
    assert {r["action"] for r in changes} == {expected[action]}


def test_the_editor_page_writes_under_the_signed_in_identity(use_warehouse, store, monkeypatch):
    """The page itself: the name field holds the verified email and cannot be changed."""
    monkeypatch.delenv("GSIW_LOCAL_MODE", raising=False)
    monkeypatch.delenv("GSIW_LOCAL_ADMIN", raising=False)
    for key, value in store_env(store).items():
        monkeypatch.setenv(key, value)
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=90)
    at.secrets = SECRETS
    at.user = {"is_logged_in": True, "email": EDITOR, "name": "Ed Itor"}
    at.run()
    at.switch_page("views/beleid_editor.py").run()
    assert not at.exception, [e.message for e in at.exception]
    name = at.text_input(key="editor_name")
    assert (name.value, name.disabled) == (EDITOR, True)
    at.selectbox(key="ed_entity").select("objectives").run()
    at.selectbox(key="ed_rec_objectives").select("gsiw17-sectoren").run()
    at.text_input(key="ed::objectives::gsiw17-sectoren::title_en").input("Signed-in change")
    at.button(key="FormSubmitter:form::objectives::gsiw17-sectoren-Bewaren").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert store.get("objectives", "gsiw17-sectoren")["title_en"] == "Signed-in change"
    (row,) = [r for r in store.audit_log(limit=None) if r["who"] != "seed"]
    assert (row["who"], row["field"], row["new"]) == (EDITOR, "title_en", "Signed-in change")


def test_the_editor_page_is_locked_for_a_signed_in_viewer(use_warehouse, store, monkeypatch):
    monkeypatch.delenv("GSIW_LOCAL_MODE", raising=False)
    monkeypatch.delenv("GSIW_LOCAL_ADMIN", raising=False)
    for key, value in store_env(store).items():
        monkeypatch.setenv(key, value)
    before = store.checksum()
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=90)
    at.secrets = SECRETS
    at.user = {"is_logged_in": True, "email": VIEWER, "name": "Kijker"}
    at.run()
    at.switch_page("views/beleid_editor.py").run()
    assert not at.exception, [e.message for e in at.exception]
    assert "GSIW_LOCAL_MODE=editor" in at.warning[0].value
    assert not at.get("form") and not at.tabs
    assert store.checksum() == before


def _cli(
    args: list[str], env_extra: dict[str, str], store: PolicyStore
) -> subprocess.CompletedProcess:
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(ROOT),
        **store_env(store),
        **env_extra,
    }
    return subprocess.run(
        [sys.executable, "-m", "policy", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("env", [{}, {"GSIW_LOCAL_MODE": "viewer"}, {"GSIW_LOCAL_ADMIN": "0"}])
def test_cli_import_is_refused_without_the_local_admin_switch(store, tmp_path, env):
    data = store.export_data()
    data["plans"][0]["period_end"] = 2020
    backup = tmp_path / "backup.yaml"
    backup.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    before = store.checksum()
    done = _cli(["import", str(backup), "--user", "Els"], env, store)
    assert done.returncode == 1 and done.stderr.startswith(
        "refused: editing the policy store is switched off"
    )
    assert store.checksum() == before


def test_cli_import_as_local_admin_is_audited_under_the_given_name(store, tmp_path):
    data = store.export_data()
    data["plans"][0]["period_end"] = 2020
    backup = tmp_path / "backup.yaml"
    backup.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    done = _cli(["import", str(backup), "--user", "Els Beheer"], {"GSIW_LOCAL_ADMIN": "1"}, store)
    assert done.returncode == 0, done.stderr
    records = sum(n for name, n in store.counts().items() if name != "audit")
    assert (
        done.stdout.strip() == f"changed: 0 created, 1 updated, 0 deleted, {records - 1} unchanged"
    )
    (row,) = [r for r in store.audit_log(limit=None) if r["who"] != "seed"]
    assert (row["who"], row["via"], row["field"], row["new"]) == (
        "Els Beheer",
        "cli:backup.yaml",
        "period_end",
        "2020",
    )
