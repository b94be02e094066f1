"""Who may edit, decided in policy/access.py and dashboard/auth.py, rule by rule.

Small and fast on purpose: these are the tests `make mutation` runs for every mutant of the two
modules. The signed-in path is a real Streamlit session (AppTest.from_function) with OIDC secrets
and an `st.user`, no warehouse needed; tests/test_roles_signed_in.py runs every store write on it.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import auth
from policy import access

SECRETS = {
    "auth": {
        "client_id": "test-client",
        "cookie_secret": "test-only",
        "redirect_uri": "http://localhost/cb",
    },
    "gsiw": {
        "viewer_domains": ["stad.gent", "Vdab.be"],
        "viewers": ["Gast@Example.org"],
        "editors": ["Ed@stad.gent"],
        "admins": ["it@Stad.gent"],
    },
}


@pytest.fixture
def no_local(monkeypatch):
    for name in ("GSIW_LOCAL_MODE", "GSIW_LOCAL_ADMIN", "GSIW_EDITOR"):
        monkeypatch.delenv(name, raising=False)


# --- dashboard/auth.py ---------------------------------------------------------------------------


def test_roles_from_the_secrets_lists_and_domains():
    g = SECRETS["gsiw"]
    assert auth.roles_for("someone@stad.gent", g) == {"viewer"}
    assert auth.roles_for("x@VDAB.be", g) == {"viewer"}  # domains compare case-insensitively
    assert auth.roles_for("gast@example.org", g) == {"viewer"}  # a listed outsider
    assert auth.roles_for("ed@stad.gent", g) == {"viewer", "editor"}
    assert auth.roles_for("IT@stad.gent", g) == {"viewer", "editor", "admin"}
    assert auth.roles_for("x@notstad.gent", g) == frozenset()  # a suffix is not the domain
    assert auth.roles_for("x@example.org", g) == frozenset()
    assert auth.roles_for("ed@stad.gent", {"editors": ["ed@stad.gent"]}) == {"viewer", "editor"}
    assert auth.roles_for("a@b.c", {}) == frozenset()
    assert isinstance(auth.roles_for("a@b.c", {}), frozenset)


def test_local_modes(no_local, monkeypatch):
    assert auth.local_mode() is None
    for mode, roles in (
        ("viewer", {"viewer"}),
        ("editor", {"viewer", "editor"}),
        ("admin", set(auth.ROLES)),
    ):
        monkeypatch.setenv("GSIW_LOCAL_MODE", f" {mode.upper()} ")
        assert auth.local_mode() == mode
        user = auth.current_user()
        assert (user.id, user.name, set(user.roles)) == (f"local-{mode}", f"Local {mode}", roles)
    monkeypatch.setenv("GSIW_LOCAL_MODE", "root")
    assert auth.local_mode() is None and auth.current_user() is None


def test_require_checks_the_role(no_local):
    viewer = auth.User("v", "V", frozenset({"viewer"}))
    editor = auth.User("e", "E", frozenset({"viewer", "editor"}))
    assert auth.require(editor, "editor") is editor
    assert auth.require(viewer, "viewer") is viewer
    with pytest.raises(auth.NotAllowed, match="role 'editor' required"):
        auth.require(viewer, "editor")
    with pytest.raises(auth.NotAllowed, match="role 'viewer' required"):
        auth.require(None, "viewer")
    assert auth.User("x", "X").roles == frozenset() and not auth.User("x", "X").can("viewer")


def test_without_streamlit_there_are_no_secrets_and_no_user(no_local):
    assert auth._secrets_section("auth") == {}
    assert auth.oidc_configured() is False
    assert auth.current_user() is None
    assert access.session_editor() is None


def _who(out: list) -> None:
    """Inside a signed-in session: what auth and access decide."""
    import streamlit as st

    from dashboard import auth
    from policy import access

    u = auth.current_user()
    ident = auth.signed_in_identity()
    st.text(
        repr(
            (
                auth.oidc_configured(),
                u and (u.id, u.name, sorted(u.roles)),
                access.session_editor(),
                ident and (ident[0], sorted(ident[1])),
            )
        )
    )


def session(user: dict, secrets: dict | None = SECRETS) -> str:
    at = AppTest.from_function(_who, args=([],), default_timeout=30)
    if secrets:
        at.secrets = secrets
    at.user = user
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at.text[0].value


def test_signed_in_roles_and_the_session_editor(no_local):
    editor = {"is_logged_in": True, "email": "ed@stad.gent", "name": "Ed Itor"}
    roles = ["editor", "viewer"]
    assert session(editor) == repr(
        (True, ("ed@stad.gent", "Ed Itor", roles), "ed@stad.gent", ("ed@stad.gent", roles))
    )
    viewer = {"is_logged_in": True, "email": "v@stad.gent", "name": "Vi Ewer"}
    assert session(viewer) == repr(
        (True, ("v@stad.gent", "Vi Ewer", ["viewer"]), None, ("v@stad.gent", ["viewer"]))
    )
    nameless = {"is_logged_in": True, "email": "v@stad.gent"}
    assert session(nameless) == repr(
        (True, ("v@stad.gent", "v@stad.gent", ["viewer"]), None, ("v@stad.gent", ["viewer"]))
    )
    stranger = {"is_logged_in": True, "email": "x@example.org", "name": "X"}
    assert session(stranger) == repr((True, None, None, None))  # signed in, but no role: no user
    assert session({"is_logged_in": False}) == repr((True, None, None, None))
    # Without an [auth] section there is no sign-in, whatever st.user says.
    assert session(editor, secrets={"gsiw": SECRETS["gsiw"]}) == repr((False, None, None, None))


def _wall(lang: str) -> None:
    import streamlit as st

    from dashboard.auth import login_wall

    user = login_wall(lang)
    st.text(f"in as {user.id}")


def wall(user: dict, secrets: dict | None = SECRETS, lang: str = "nl") -> AppTest:
    at = AppTest.from_function(_wall, args=(lang,), default_timeout=30)
    if secrets:
        at.secrets = secrets
    at.user = user
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_login_wall_lets_a_viewer_in_and_stops_everyone_else(no_local, monkeypatch):
    at = wall({"is_logged_in": True, "email": "v@stad.gent", "name": "V"})
    assert [t.value for t in at.text] == ["in as v@stad.gent"] and not at.title
    at = wall({"is_logged_in": False})
    assert [t.value for t in at.title] == ["Aanmelden"] and not at.text
    assert [b.label for b in at.button] == ["Aanmelden"]
    at = wall({"is_logged_in": True, "email": "x@example.org", "name": "X"}, lang="en")
    assert [t.value for t in at.title] == ["Sign in"] and not at.text
    assert "no access" in at.error[0].value.lower() and [b.label for b in at.button] == ["Sign out"]
    at = wall({}, secrets=None)
    assert not at.text and "GSIW_LOCAL_MODE=viewer" in at.warning[0].value
    monkeypatch.setenv("GSIW_LOCAL_MODE", "viewer")
    assert [t.value for t in wall({}, secrets=None).text] == ["in as local-viewer"]


def shown(at: AppTest) -> list[tuple[str, str]]:
    """What the wall shows, in order: (kind, text), buttons with their type."""
    out = []
    for el in at.main:
        if el.type == "button":
            out.append((f"button:{el.proto.type}", el.label))
        elif el.type in ("title", "markdown", "error", "warning", "text"):
            out.append((el.type, el.value))
    return out


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_login_wall_says_what_to_do_in_the_readers_language(no_local, lang):
    from dashboard.i18n import t

    anonymous = wall({"is_logged_in": False}, lang=lang)
    assert shown(anonymous) == [
        ("title", t("auth.title", lang)),
        ("markdown", t("auth.please_login", lang)),
        ("button:primary", t("auth.login", lang)),
    ]
    no_role = wall({"is_logged_in": True, "email": "x@example.org", "name": "X"}, lang=lang)
    assert shown(no_role) == [
        ("title", t("auth.title", lang)),
        ("error", t("auth.no_role", lang)),
        ("button:secondary", t("auth.logout", lang)),
    ]
    unconfigured = wall({}, secrets=None, lang=lang)
    assert shown(unconfigured) == [
        ("title", t("auth.title", lang)),
        ("warning", t("auth.not_configured", lang)),
    ]
    assert {"nl": "Meld je aan", "en": "Sign in with"}[lang] in t("auth.please_login", lang)


def test_the_wall_buttons_sign_in_and_out(no_local, monkeypatch):
    import streamlit as st

    calls = []
    monkeypatch.setattr(st, "login", lambda *a, **k: calls.append("login"))
    monkeypatch.setattr(st, "logout", lambda *a, **k: calls.append("logout"))
    at = wall({"is_logged_in": False})
    at.button[0].click().run()
    assert calls == ["login"]
    at = wall({"is_logged_in": True, "email": "x@example.org", "name": "X"})
    at.button[0].click().run()
    assert calls == ["login", "logout"]


def test_a_broken_identity_provider_offers_sign_in_not_a_refusal(no_local, monkeypatch):
    import streamlit as st

    class Broken:
        def __getattr__(self, name):
            raise RuntimeError("identity provider unreachable")

        def get(self, *args):
            raise RuntimeError("identity provider unreachable")

    monkeypatch.setattr(st, "user", Broken())
    at = wall({"is_logged_in": True, "email": "ed@stad.gent"}, lang="en")
    assert [kind for kind, _ in shown(at)] == ["title", "markdown", "button:primary"]
    assert [b.label for b in at.button] == ["Sign in"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_local_mode_on_a_network_address_is_refused_on_the_wall(no_local, monkeypatch, lang):
    from streamlit import config

    from dashboard.i18n import t

    monkeypatch.setenv("GSIW_LOCAL_MODE", "admin")
    config.set_option("server.address", "0.0.0.0")
    try:
        at = wall({}, secrets=None, lang=lang)
    finally:
        config.set_option("server.address", "127.0.0.1")  # as tests/conftest.py sets it
    assert shown(at) == [
        ("title", t("auth.title", lang)),
        ("error", t("auth.local_not_loopback", lang)),
    ]
    assert "127.0.0.1" in t("auth.local_not_loopback", lang)


# --- policy/access.py ----------------------------------------------------------------------------


def test_editing_is_off_by_default_and_names_the_switch(no_local):
    assert not access.local_editing()
    with pytest.raises(access.EditingNotAllowed, match="GSIW_LOCAL_ADMIN=1") as exc:
        access.require_editor("Els")
    assert exc.value.reason == "disabled"
    assert access.can_edit("Els") is False


@pytest.mark.parametrize(
    ("env", "allowed"),
    [
        ({"GSIW_LOCAL_ADMIN": "1"}, True),
        ({"GSIW_LOCAL_ADMIN": "0"}, False),
        ({"GSIW_LOCAL_ADMIN": "yes"}, False),
        ({"GSIW_LOCAL_MODE": "editor"}, True),
        ({"GSIW_LOCAL_MODE": "ADMIN"}, True),
        ({"GSIW_LOCAL_MODE": "viewer"}, False),
        ({"GSIW_LOCAL_MODE": ""}, False),
    ],
)
def test_local_switches(no_local, monkeypatch, env, allowed):
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    assert access.local_editing() is allowed
    assert access.can_edit("Els") is allowed


def test_every_change_needs_a_name(no_local, monkeypatch):
    monkeypatch.setenv("GSIW_LOCAL_ADMIN", "1")
    access.require_editor("Els")
    assert access.can_edit("Els") is True
    for name in ("", "   ", None):
        with pytest.raises(
            access.EditingNotAllowed, match="needs a name for the audit trail"
        ) as exc:
            access.require_editor(name)
        assert exc.value.reason == "no_name"
        assert access.can_edit(name) is False


def test_the_default_audit_name(no_local, monkeypatch):
    monkeypatch.setenv("GSIW_EDITOR", "Beleidsmedewerker")
    assert access.current_user() == "Beleidsmedewerker"
    monkeypatch.delenv("GSIW_EDITOR")
    assert access.current_user() == ""  # never the server's login name: the editor types a name


def _guard(name: str) -> None:
    import streamlit as st

    import dashboard.auth  # noqa: F401  (the dashboard tells the store who is signed in)
    from policy.access import EditingNotAllowed
    from policy.access import can_edit
    from policy.access import require_editor

    try:
        require_editor(name)
        st.text(f"may edit as {name}; can_edit={can_edit(name)}")
    except EditingNotAllowed as exc:
        st.text(f"refused ({exc.reason}); can_edit={can_edit(name)}")


def guard(email: str | None, name: str) -> str:
    at = AppTest.from_function(_guard, args=(name,), default_timeout=30)
    at.secrets = SECRETS
    at.user = (
        {"is_logged_in": True, "email": email, "name": "N"} if email else {"is_logged_in": False}
    )
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at.text[0].value


def test_signed_in_only_an_editor_writes_and_only_under_their_own_name(no_local):
    assert guard("ed@stad.gent", "ed@stad.gent") == "may edit as ed@stad.gent; can_edit=True"
    assert guard("it@stad.gent", "it@stad.gent") == "may edit as it@stad.gent; can_edit=True"
    assert guard("ed@stad.gent", "someone@stad.gent") == "refused (disabled); can_edit=False"
    assert guard("v@stad.gent", "v@stad.gent") == "refused (disabled); can_edit=False"
    assert guard(None, "") == "refused (disabled); can_edit=False"


def test_the_store_learns_who_is_signed_in_only_from_the_registered_reader(no_local, monkeypatch):
    monkeypatch.setattr(access, "_readers", [])
    assert access.session_editor() is None  # nobody registered: nobody signed in, editing stays off
    access.use_session_editor(lambda: "first@stad.gent")
    access.use_session_editor(lambda: "ed@stad.gent")  # the last registration wins, one reader only
    assert access._readers and len(access._readers) == 1
    assert access.session_editor() == "ed@stad.gent"
    access.require_editor("ed@stad.gent")
    with pytest.raises(access.EditingNotAllowed):
        access.require_editor("other@stad.gent")

    def broken():
        raise RuntimeError("no session")

    access.use_session_editor(broken)
    assert access.session_editor() is None
    assert access.can_edit("ed@stad.gent") is False


def test_the_refusal_messages_say_what_to_do(no_local, monkeypatch):
    with pytest.raises(access.EditingNotAllowed) as exc:
        access.require_editor("Els")
    assert str(exc.value) == (
        "editing the policy store is switched off (sign in as an editor, or set GSIW_LOCAL_ADMIN=1 on a local machine)"
    )
    monkeypatch.setenv("GSIW_LOCAL_ADMIN", "1")
    with pytest.raises(access.EditingNotAllowed) as exc:
        access.require_editor(" ")
    assert str(exc.value) == "every change needs a name for the audit trail"


# --- policy/access.py: one table of roles per write, and where the local modes hold ---------------


@pytest.mark.parametrize(
    ("address", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.4.5.6", True),
        ("::1", True),
        ("[::1]", True),
        (" LocalHost ", True),
        ("localhost", True),
        (None, False),
        ("", False),  # Streamlit's default: every interface
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.20", False),
        ("gsiw.stad.gent", False),
    ],
)
def test_which_listening_addresses_are_loopback(address, loopback):
    assert access.is_loopback(address) is loopback


@pytest.fixture
def served_on(monkeypatch):
    """Pretend a Streamlit server runs, listening on the given address (or failing to say)."""
    from streamlit import config
    from streamlit import runtime

    def serve(address):
        monkeypatch.setattr(runtime, "exists", lambda: True)
        if isinstance(address, Exception):

            def broken(name):
                raise address

            monkeypatch.setattr(config, "get_option", broken)
        else:
            monkeypatch.setattr(config, "get_option", {"server.address": address}.get)

    return serve


def test_a_local_mode_holds_only_on_loopback(no_local, monkeypatch, served_on):
    """A local mode has no sign-in: on a server reachable from the network it grants nothing."""
    monkeypatch.setenv("GSIW_LOCAL_MODE", "editor")
    assert access.served_beyond_loopback() is False  # no server running (the CLI, a script)
    assert access.local_roles() == {"viewer", "editor"} and access.can_edit("Els")
    served_on("127.0.0.1")
    assert access.served_beyond_loopback() is False and access.can_edit("Els")
    assert auth.local_mode() == "editor"
    for address in ("0.0.0.0", "", RuntimeError("no config")):
        served_on(address)
        assert access.served_beyond_loopback() is True  # cannot tell: refuse
        assert access.local_roles() == frozenset() and not access.can_edit("Els")
        assert auth.requested_local_mode() == "editor" and auth.local_mode() is None
        assert auth.current_user() is None
    monkeypatch.delenv("GSIW_LOCAL_MODE")
    monkeypatch.setenv("GSIW_LOCAL_ADMIN", "1")
    assert access.local_roles() == frozenset()
    served_on("::1")
    assert access.local_roles() == {"viewer", "editor", "admin"}


def test_without_streamlit_loaded_nothing_listens(monkeypatch):
    import sys

    monkeypatch.delitem(sys.modules, "streamlit.config")
    assert access.served_beyond_loopback() is False


@pytest.mark.parametrize(
    ("env", "roles"),
    [
        ({}, set()),
        ({"GSIW_LOCAL_ADMIN": "1"}, {"viewer", "editor", "admin"}),
        ({"GSIW_LOCAL_ADMIN": "true"}, set()),
        ({"GSIW_LOCAL_MODE": "viewer"}, {"viewer"}),
        ({"GSIW_LOCAL_MODE": " Editor "}, {"viewer", "editor"}),
        ({"GSIW_LOCAL_MODE": "admin"}, {"viewer", "editor", "admin"}),
        ({"GSIW_LOCAL_MODE": "root"}, set()),
        ({"GSIW_LOCAL_MODE": "viewer", "GSIW_LOCAL_ADMIN": "1"}, {"viewer", "editor", "admin"}),
    ],
)
def test_the_roles_a_local_mode_grants(no_local, monkeypatch, env, roles):
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    assert access.local_roles() == roles and isinstance(access.local_roles(), frozenset)


def refusal(user, action) -> tuple[str, str]:
    with pytest.raises(access.EditingNotAllowed) as exc:
        access.require_role(user, action)
    return exc.value.reason, str(exc.value)


def test_each_write_needs_its_role_and_the_refusal_names_it(no_local, monkeypatch):
    assert access.WRITE_ROLES == {
        "edit": "editor",
        "import": "admin",
        "restore": "admin",
        "submit_field_signal": "viewer",  # issue 18: any member may submit a field signal, nothing else
    }
    monkeypatch.setenv("GSIW_LOCAL_MODE", "editor")
    access.require_role("Els", "edit")
    assert access.can("Els", "edit") and not access.can("Els", "import")
    for action in ("import", "restore"):
        assert refusal("Els", action) == (
            "role",
            f"this needs the admin role (policy store: {action}); you have the editor role",
        )
    monkeypatch.setenv("GSIW_LOCAL_MODE", "viewer")
    assert refusal("Els", "edit") == (
        "disabled",
        "editing the policy store is switched off (sign in as an editor, or set "
        "GSIW_LOCAL_ADMIN=1 on a local machine)",
    )
    monkeypatch.setenv("GSIW_LOCAL_MODE", "admin")
    for action in ("edit", "import", "restore"):
        access.require_role("Els", action)
        assert access.can("Els", action)
        assert refusal(" ", action) == ("no_name", "every change needs a name for the audit trail")
    with pytest.raises(KeyError):
        access.require_role("Els", "drop")  # an unknown write is not silently allowed


def test_signed_in_roles_count_only_for_the_signed_in_name(no_local, monkeypatch):
    monkeypatch.setattr(access, "_readers", [])
    assert access.session_identity() is None and access.roles_of("ed@stad.gent") == frozenset()
    access.use_session_identity(lambda: ("ed@stad.gent", ["viewer", "editor"]))
    assert access.session_identity() == ("ed@stad.gent", frozenset({"viewer", "editor"}))
    assert access.roles_of("ed@stad.gent") == {"viewer", "editor"}
    assert access.roles_of("someone@stad.gent") == frozenset()
    assert access.roles_of(None) == frozenset() and access.roles_of("") == frozenset()
    assert refusal("ed@stad.gent", "import") == (
        "role",
        "this needs the admin role (policy store: import); you have the editor role",
    )
    monkeypatch.setenv("GSIW_LOCAL_MODE", "viewer")  # local roles and the session's add up
    assert access.roles_of("someone@stad.gent") == {"viewer"}
    assert access.roles_of("ed@stad.gent") == {"viewer", "editor"}
    monkeypatch.setenv("GSIW_LOCAL_MODE", "admin")  # a signed-in viewer on an admin's own machine
    access.use_session_identity(lambda: ("v@stad.gent", frozenset({"viewer"})))
    assert access.roles_of("v@stad.gent") == {"viewer", "editor", "admin"}
    monkeypatch.setenv("GSIW_LOCAL_MODE", "viewer")
    access.use_session_identity(lambda: ("", frozenset({"admin"})))  # no verified id: nobody
    assert access.session_identity() is None and access.roles_of("") == {"viewer"}
    access.use_session_identity(lambda: None)
    assert access.session_identity() is None
    access.use_session_editor(lambda: None)
    assert access.session_identity() is None and access.session_editor() is None
    access.use_session_editor(lambda: "ed@stad.gent")
    assert access.session_identity() == ("ed@stad.gent", frozenset({"viewer", "editor"}))
    access.use_session_identity(lambda: ("it@stad.gent", frozenset({"viewer"})))
    assert access.session_editor() is None  # signed in, but not an editor
