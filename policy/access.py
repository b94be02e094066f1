"""The one guard in front of every write to the policy store.

Why one function: every write path (the editor page, the store's write functions, the CLI
import) calls it, so nothing can bypass it. Editing is allowed when
- the signed-in user of this Streamlit session (OIDC, read by `dashboard.auth`, which registers
  itself with `use_session_editor`) has the editor role and
  is the name written to the audit trail, checked on the server; or
- an administrator switched on the local mode on a single machine: `GSIW_LOCAL_ADMIN=1` or
  `GSIW_LOCAL_MODE=editor|admin` (off by default, so a deployed dashboard is read-only).
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable

ADMIN_ENV = "GSIW_LOCAL_ADMIN"
EDITOR_NAME_ENV = "GSIW_EDITOR"


class EditingNotAllowed(PermissionError):
    """Raised when someone who may not edit the policy store tries to; `reason` is 'disabled' or 'no_name'."""

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.reason = reason


def can_edit(user: str | None) -> bool:
    """True when `user` may change the policy store (same rule as `require_editor`, for showing UI)."""
    try:
        require_editor(user)
    except EditingNotAllowed:
        return False
    return True


def local_editing() -> bool:
    return os.environ.get(ADMIN_ENV) == "1" or os.environ.get("GSIW_LOCAL_MODE", "").lower() in ("editor", "admin")


# Who is signed in is the host app's business (`dashboard.auth` registers its reader at import):
# policy never imports dashboard. Until one is registered nobody is signed in, so editing stays off.
_readers: list[Callable[[], str | None]] = []


def use_session_editor(reader: Callable[[], str | None]) -> None:
    """Register how to read the signed-in editor of the current session (the dashboard calls this)."""
    _readers[:] = [reader]


def session_editor() -> str | None:
    """The signed-in editor of the current session, if any (None outside the dashboard)."""
    try:
        return _readers[0]() if _readers else None
    except Exception:
        return None


def require_editor(user: str | None) -> None:
    """Stop a write unless `user` may edit. Called server-side by every store write function."""
    if not (local_editing() or (user and user == session_editor())):
        raise EditingNotAllowed(
            f"editing the policy store is switched off (sign in as an editor, or set {ADMIN_ENV}=1 on a "
            "local machine)", "disabled")
    if not (user and user.strip()):
        raise EditingNotAllowed("every change needs a name for the audit trail", "no_name")


def current_user() -> str:
    """Best guess at who is editing, used as the default name in the audit trail."""
    name = os.environ.get(EDITOR_NAME_ENV)
    if name:
        return name
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return ""
