"""Queries for the Partners page (views/partners.py): the partnership's organisations from the policy store.

No warehouse figures here: a partner is a record of the policy store (policy/store.py `partners`); what it
chairs, sits in, owns and who represents it come from policy.cycle, the one place those links are read.
"""

from __future__ import annotations

from policy.cycle import partner_names
from policy.cycle import partner_roles

__all__ = ["partner_names", "partner_roles"]
