"""The one guard in front of every write to the policy store: which role each write needs.

Why one table and one function: every write path (the editor page's save/create/delete, an
import, a full-restore import, the CLI import and restore) goes through `require_role`, called
server-side inside the store's write functions, so no page, button or script can bypass it and
the rule is written once:

    WRITE_ROLES = {"edit": "editor", "import": "admin", "restore": "admin",
                   "submit_field_signal": "viewer"}  # a new field signal in status submitted, nothing else

The roles of whoever writes come from
- the signed-in user of this Streamlit session (OIDC, read by `dashboard.auth`, which registers its
  reader with `use_session_identity`: policy never imports dashboard), when the name written to the
  audit trail is that user's verified id; or
- an explicit local mode on a single machine (off by default, so a deployed dashboard is
  read-only): `GSIW_LOCAL_MODE=editor|admin`, or `GSIW_LOCAL_ADMIN=1` (= admin, for the CLI).
"""

from __future__ import annotations

import ipaddress
import os
import sys
from collections.abc import Callable

ADMIN_ENV = "GSIW_LOCAL_ADMIN"
MODE_ENV = "GSIW_LOCAL_MODE"
EDITOR_NAME_ENV = "GSIW_EDITOR"

ROLE_ORDER = ("viewer", "editor", "admin")
# Every kind of write and the lowest role allowed to do it (docs/deployment.md, "Roles").
WRITE_ROLES = {
    "edit": "editor",  # create, update or delete records (the editor page, `PolicyStore.apply`)
    "import": "admin",  # import a YAML file, merge or full restore (editor page, `python -m policy import`)
    "restore": "admin",  # `python -m policy restore`: rebuild a damaged store from a backup
    # Input from the work field (issue 18): any signed-in member may submit a field signal, and nothing
    # else: a new `field_signals` record in status `submitted`, without review fields (`write_action`).
    "submit_field_signal": "viewer",
}
# Fields only an editor's review sets on a field signal; a submission that sets one is an edit.
REVIEW_FIELDS = ("review_note_nl", "review_note_en", "reviewed_on", "agenda_item_id")


def write_action(ops) -> str:
    """Which `WRITE_ROLES` action a batch of store changes is: `submit_field_signal` only when every change
    creates a field signal in status `submitted` with no review field set; anything else is `edit`.
    Why here: the store calls it on every write, so the one exception to "editors write" is written once."""
    def submission(op) -> bool:
        values = op.values or {}
        return (op.action == "create" and op.entity == "field_signals" and values.get("status") == "submitted"
                and not any(values.get(f) not in (None, "", False) for f in REVIEW_FIELDS))

    return "submit_field_signal" if ops and all(submission(op) for op in ops) else "edit"


class EditingNotAllowed(PermissionError):
    """Raised when someone who may not write tries to; `reason` is 'disabled', 'role' or 'no_name'."""

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.reason = reason


def is_loopback(address: str | None) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost; False for '', 0.0.0.0, :: and any other address."""
    if not address:
        return False  # Streamlit's default (empty) listens on every interface
    if address.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(address.strip("[]")).is_loopback
    except ValueError:
        return False


def served_beyond_loopback() -> bool:
    """True inside a Streamlit server that listens on more than the loopback interface. Local modes
    have no sign-in, so they are refused there (anyone on the network would be an editor)."""
    config = sys.modules.get("streamlit.config")
    if config is None:  # the CLI, a script: no server, nothing listens
        return False
    try:
        from streamlit import runtime

        if not runtime.exists():
            return False
        return not is_loopback(config.get_option("server.address"))
    except Exception:
        return True  # cannot tell: refuse rather than open editing to the network


def local_roles() -> frozenset[str]:
    """Roles granted by the machine's local mode (empty when it is off, or when served beyond loopback)."""
    if (os.environ.get(ADMIN_ENV) == "1" or os.environ.get(MODE_ENV)) and served_beyond_loopback():
        return frozenset()
    if os.environ.get(ADMIN_ENV) == "1":
        return frozenset(ROLE_ORDER)
    mode = os.environ.get(MODE_ENV, "").strip().lower()
    if mode in ROLE_ORDER:
        return frozenset(ROLE_ORDER[: ROLE_ORDER.index(mode) + 1])
    return frozenset()


def local_editing() -> bool:
    return "editor" in local_roles()


# Who is signed in is the host app's business (`dashboard.auth` registers its reader at import).
# Until one is registered nobody is signed in, so only an explicit local mode can write.
_readers: list[Callable[[], tuple[str, frozenset[str]] | None]] = []


def use_session_identity(reader: Callable[[], tuple[str, frozenset[str]] | None]) -> None:
    """Register how to read the signed-in user of the current session: (verified id, roles) or None."""
    _readers[:] = [reader]


def use_session_editor(reader: Callable[[], str | None]) -> None:
    """Older form: a reader of the signed-in editor's id (editor role, no admin)."""

    def identity() -> tuple[str, frozenset[str]] | None:
        user = reader()
        return (user, frozenset({"viewer", "editor"})) if user else None

    use_session_identity(identity)


def session_identity() -> tuple[str, frozenset[str]] | None:
    """The signed-in user of the current session and their roles; None outside the dashboard."""
    try:
        ident = _readers[0]() if _readers else None
    except Exception:
        return None
    return (ident[0], frozenset(ident[1])) if ident and ident[0] else None


def session_editor() -> str | None:
    """The signed-in editor of the current Streamlit session, if any (None outside Streamlit)."""
    ident = session_identity()
    return ident[0] if ident and "editor" in ident[1] else None


def roles_of(user: str | None) -> frozenset[str]:
    """What `user` (the name going into the audit trail) may do here: the local mode's roles, or the
    signed-in session's roles when `user` is that session's verified id."""
    roles = set(local_roles())
    ident = session_identity()
    if ident and user and user == ident[0]:
        roles |= ident[1]
    return frozenset(roles)


def require_role(user: str | None, action: str) -> None:
    """Stop a write unless `user` holds the role `WRITE_ROLES[action]`. Called by every store write."""
    needed = WRITE_ROLES[action]
    roles = roles_of(user)
    if needed not in roles:
        if not roles - {"viewer"}:
            raise EditingNotAllowed(
                f"editing the policy store is switched off (sign in as an editor, or set {ADMIN_ENV}=1 on a "
                "local machine)", "disabled")
        raise EditingNotAllowed(f"this needs the {needed} role (policy store: {action}); you have the "
                                f"{max(roles, key=ROLE_ORDER.index)} role", "role")
    if not (user and user.strip()):
        raise EditingNotAllowed("every change needs a name for the audit trail", "no_name")


def require_editor(user: str | None) -> None:
    """`require_role(user, "edit")`, under its old name."""
    require_role(user, "edit")


def can(user: str | None, action: str) -> bool:
    """True when `user` may do `action` (same rule as `require_role`, for showing or hiding UI)."""
    try:
        require_role(user, action)
    except EditingNotAllowed:
        return False
    return True


def can_edit(user: str | None) -> bool:
    return can(user, "edit")


def current_user() -> str:
    """Default name for the audit trail: GSIW_EDITOR if set, else empty (the editor types a name).

    Never the server's OS account name: that would show who runs the server to every visitor."""
    return os.environ.get(EDITOR_NAME_ENV, "")
