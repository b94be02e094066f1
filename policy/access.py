"""The one guard in front of every write to the policy store.

Why one function: the public-view issue will plug real authentication in here, and every
write path (the editor page, the store's write functions, the CLI import) already calls it, so
nothing can bypass it. Until then editing is allowed only on a machine where an administrator
set `GSIW_LOCAL_ADMIN=1`; it is off by default, so a deployed dashboard is read-only.
"""

from __future__ import annotations

import getpass
import os

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


def require_editor(user: str | None) -> None:
    """Stop a write unless `user` may edit. Called server-side by every store write function."""
    if os.environ.get(ADMIN_ENV) != "1":
        raise EditingNotAllowed(
            f"editing the policy store is switched off (set {ADMIN_ENV}=1 on a local machine)", "disabled")
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
