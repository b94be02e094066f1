"""Defaults for the policy editor (views/beleid_editor.py); it reads the policy store, not the warehouse."""

from __future__ import annotations

from dashboard.queries import GENT
from dashboard.queries.policy import editor_choices  # noqa: F401  (the pickers' options)

# A new link or project starts on Gent's total, a new objective measured as "higher is worse".
NEW_DEFAULTS = {
    "geo_code": GENT,
    "breakdown": "total",
    "breakdown_value": "total",
    "direction": "higher_is_worse",
    "status": "running",
}
