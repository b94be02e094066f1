"""Who is using the internal app, and what they may do.

Deployments use Streamlit's built-in OIDC login (`st.login`, configured in `.streamlit/secrets.toml`,
see docs/deployment.md); roles come from the `[gsiw]` section of the same secrets file. A single
machine can run without an identity provider in an explicit local mode, off by default:
`GSIW_LOCAL_MODE=viewer` (read-only, what `make run` uses on localhost) or `GSIW_LOCAL_MODE=admin`
(may edit the policy store). The public app never calls this module: it has no login and no
internal pages.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from dataclasses import field

import streamlit as st

from policy import access

ROLES = ("viewer", "editor", "admin")
LOCAL_MODES = {"viewer": ("viewer",), "editor": ("viewer", "editor"), "admin": ("viewer", "editor", "admin")}


@dataclass(frozen=True)
class User:
    id: str
    name: str
    roles: frozenset[str] = field(default_factory=frozenset)

    def can(self, role: str) -> bool:
        return role in self.roles


class NotAllowed(PermissionError):
    """Raised server-side when a user lacks the role for an action, whatever the UI showed."""


def _secrets_section(name: str) -> dict:
    try:
        return dict(st.secrets.get(name, {}))
    except (FileNotFoundError, KeyError, AttributeError):
        return {}
    except Exception:  # streamlit raises its own error type when no secrets file exists
        return {}


def oidc_configured() -> bool:
    return bool(_secrets_section("auth"))


def requested_local_mode() -> str | None:
    mode = os.environ.get("GSIW_LOCAL_MODE", "").strip().lower()
    return mode if mode in LOCAL_MODES else None


def local_mode() -> str | None:
    """The local mode, only while the server listens on loopback alone: a local mode has no sign-in,
    so on 0.0.0.0 (or Streamlit's default, every interface) it is refused, not just warned about."""
    from policy.access import served_beyond_loopback

    mode = requested_local_mode()
    return mode if mode and not served_beyond_loopback() else None


def roles_for(email: str, gsiw: dict) -> frozenset[str]:
    """Roles from secrets: explicit lists of admins/editors; any other signed-in user of an allowed domain views."""
    email = email.lower()
    roles: set[str] = set()
    domains = [d.lower() for d in gsiw.get("viewer_domains", [])]
    if email in [e.lower() for e in gsiw.get("viewers", [])] or any(email.endswith("@" + d) for d in domains):
        roles.add("viewer")
    if email in [e.lower() for e in gsiw.get("editors", [])]:
        roles |= {"viewer", "editor"}
    if email in [e.lower() for e in gsiw.get("admins", [])]:
        roles |= {"viewer", "editor", "admin"}
    return frozenset(roles)


def current_user() -> User | None:
    mode = local_mode()
    if mode:
        return User(f"local-{mode}", f"Local {mode}", frozenset(LOCAL_MODES[mode]))
    if oidc_configured():
        try:
            if st.user.is_logged_in:
                email = str(st.user.get("email", ""))
                roles = roles_for(email, _secrets_section("gsiw"))
                return User(email, str(st.user.get("name", email)), roles) if roles else None
        except Exception:
            return None
    return None


def require(user: User | None, role: str) -> User:
    """Server-side page guard. Writes to the policy store are checked inside the store itself, by
    `policy.access.require_role` and its one table of roles per write (`WRITE_ROLES`)."""
    if user is None or not user.can(role):
        raise NotAllowed(f"role '{role}' required")
    return user


def login_wall(lang: str) -> User:
    """Stop the internal app for anonymous visitors: offer OIDC login, or explain the local mode."""
    from dashboard.i18n import t

    user = current_user()
    if user and user.can("viewer"):
        return user
    st.title(t("auth.title", lang))
    if requested_local_mode() and not local_mode():
        st.error(t("auth.local_not_loopback", lang))
        st.stop()
    if oidc_configured():
        try:
            logged_in = st.user.is_logged_in
        except Exception:
            logged_in = False
        if logged_in:
            st.error(t("auth.no_role", lang))
            st.button(t("auth.logout", lang), on_click=st.logout)
        else:
            st.markdown(t("auth.please_login", lang))
            st.button(t("auth.login", lang), on_click=st.login, type="primary")
    else:
        st.warning(t("auth.not_configured", lang))
    st.stop()
    raise AssertionError("unreachable")


def signed_in_identity() -> tuple[str, frozenset[str]] | None:
    """The signed-in (OIDC) user's verified id and roles: what the policy store's server-side guard
    (`policy.access.require_role`, one table of roles per write) checks for this session."""
    if not oidc_configured():
        return None
    u = current_user()
    return (u.id, u.roles) if u else None


# The policy store asks who is signed in through this reader (policy never imports dashboard).
access.use_session_identity(signed_in_identity)
