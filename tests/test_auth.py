"""Access control: the internal app needs a signed-in viewer; editing needs an editor, checked server-side."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.auth import NotAllowed
from dashboard.auth import User
from dashboard.auth import roles_for
from pipelines.config import ROOT
from policy.access import EditingNotAllowed
from policy.access import require_editor

APP = str(ROOT / "dashboard" / "app.py")


def test_internal_app_shows_a_login_wall_without_identity(use_warehouse, monkeypatch):
    monkeypatch.delenv("GSIW_LOCAL_MODE", raising=False)
    monkeypatch.delenv("GSIW_LOCAL_ADMIN", raising=False)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    assert at.title[0].value == "Aanmelden"
    assert "GSIW_LOCAL_MODE=viewer" in at.warning[0].value
    assert not at.get("metric"), "no figures before sign-in"
    # Asking for an internal page directly still runs app.py first, and the wall stops it there.
    at.switch_page("views/doelstellingen.py")
    at.run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Aanmelden"]
    assert not at.get("metric") and not at.dataframe


def test_local_viewer_sees_pages_but_cannot_edit(use_warehouse, monkeypatch):
    monkeypatch.delenv("GSIW_LOCAL_ADMIN", raising=False)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert at.metric, "the paradox page shows its figures"
    with pytest.raises(EditingNotAllowed):
        require_editor("someone")  # the store's server-side guard, whatever the UI shows


def test_local_editor_mode_allows_edits_with_a_name(monkeypatch):
    monkeypatch.setenv("GSIW_LOCAL_MODE", "editor")
    require_editor("Beleidsmedewerker")
    with pytest.raises(EditingNotAllowed):
        require_editor("")


def test_roles_from_secrets():
    gsiw = {"viewer_domains": ["stad.gent"], "editors": ["ed@stad.gent"], "admins": ["it@stad.gent"]}
    assert roles_for("someone@stad.gent", gsiw) == {"viewer"}
    assert roles_for("ED@stad.gent", gsiw) == {"viewer", "editor"}
    assert roles_for("it@stad.gent", gsiw) == {"viewer", "editor", "admin"}
    assert roles_for("x@example.com", gsiw) == frozenset()


def test_require_refuses_missing_role():
    from dashboard.auth import require

    with pytest.raises(NotAllowed):
        require(None, "viewer")
    with pytest.raises(NotAllowed):
        require(User("a", "A", frozenset({"viewer"})), "editor")


def test_the_dashboard_tells_the_store_who_is_signed_in(monkeypatch):
    """policy.access asks the reader dashboard.auth registered (policy never imports dashboard):
    the signed-in editor may write under their own name, nobody else may."""
    import dashboard.auth as auth

    monkeypatch.delenv("GSIW_LOCAL_MODE", raising=False)
    monkeypatch.delenv("GSIW_LOCAL_ADMIN", raising=False)
    monkeypatch.setattr(auth, "oidc_configured", lambda: True)
    monkeypatch.setattr(auth, "current_user", lambda: User("ed@stad.gent", "Ed", frozenset({"viewer", "editor"})))
    require_editor("ed@stad.gent")
    with pytest.raises(EditingNotAllowed):
        require_editor("someone@stad.gent")
    monkeypatch.setattr(auth, "current_user", lambda: User("vi@stad.gent", "Vi", frozenset({"viewer"})))
    with pytest.raises(EditingNotAllowed):
        require_editor("vi@stad.gent")
