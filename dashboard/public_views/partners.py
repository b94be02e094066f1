"""Public: the organisations in the partnership, with their type and role (no people, no internal records)."""

from __future__ import annotations

import streamlit as st

from dashboard.i18n import t
from dashboard.public_store import partners
from dashboard.ui import lang

L = lang()
st.title(t("public.partners_title", L))
st.markdown(t("public.partners_lead", L))
rows = partners()
if not rows:
    st.info(t("public.partners_none", L))
    st.stop()
for role in ("active", "network"):
    mine = [r for r in rows if r["partner_role"] == role]
    if not mine:
        continue
    st.header(t(f"cycle.partner_role_plural.{role}", L))
    st.caption(t(f"cycle.role_help.{role}", L))
    for r in mine:
        name = r["name"] + (f" ({r['short_name']})" if r["short_name"] else "")
        line = f"**{name}** · {t('cycle.org_type.' + r['org_type'], L)}"
        if r["website"]:
            line += f" · [{t('public.partners_website', L)}]({r['website']})"
        st.markdown(line)
        desc = r.get(f"description_{L}") or r.get("description_nl")
        if desc:
            st.caption(desc)
st.caption(t("public.partners_source", L))
