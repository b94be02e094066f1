"""Partners: the partnership's organisations, their type and role, their people in the Policy Group (internal).

The charter (Handvest 2017) distinguishes active partners (in the Policy Group or an action group) from
network partners (forums); the Policy Group is chaired by the alderman for Work, its vice-chair is the
alderman for Education. Each partner shows the action groups it chairs or sits in and the projects it owns.
"""

from __future__ import annotations

import streamlit as st

from dashboard.exports import frame
from dashboard.i18n import t
from dashboard.policy_ui import heading
from dashboard.policy_ui import loc
from dashboard.policy_ui import store_or_stop
from dashboard.queries import partners as Q
from dashboard.ui import download_csv
from dashboard.ui import lang
from dashboard.ui import page_header

L = lang()
page_header("partners", L)

store = store_or_stop(L)
show_examples = st.toggle(
    t("policy.show_examples", L), value=st.query_params.get("examples", "1") != "0", key="examples"
)
st.query_params["examples"] = "1" if show_examples else "0"
partners = [p for p in store.records("partners") if show_examples or not p["is_example"]]
roles = Q.partner_roles(store)
names = Q.partner_names(store)


def person(r: dict) -> str:
    """A representative as the page names them: the function in the UI language (the seed records the
    chair and vice-chair by function only)."""
    fn = loc(r, "function", L)
    if not fn:
        return r["name"]
    if r["name"].lower() in (r.get("function_nl") or "").lower():  # recorded by function only
        return fn
    return f"{r['name']} – {fn}"


c1, c2, c3 = st.columns(3)  # counts of records in the policy store, not statistics
c1.metric(
    t("partners.n_active", L),
    sum(p["partner_role"] == "active" for p in partners),
    help=t("cycle.role_help.active", L),
)
c2.metric(
    t("partners.n_network", L),
    sum(p["partner_role"] == "network" for p in partners),
    help=t("cycle.role_help.network", L),
)
c3.metric(t("partners.n_types", L), len({p["org_type"] for p in partners}))

st.header(t("partners.policy_group", L), divider="gray")
board = [
    (r, p)
    for p in partners
    for r in roles[p["id"]]["representatives"]
    if r.get("policy_group_role")
]
order = {"chair": 0, "vice_chair": 1, "member": 2, "substitute": 3, "expert": 4, "secretariat": 5}
if board:
    for r, p in sorted(board, key=lambda rp: order.get(rp[0]["policy_group_role"], 9)):
        st.markdown(
            f"- **{t('cycle.pg_role.' + r['policy_group_role'], L)}**: {person(r)} ({names[p['id']]})"
            + (f"  \n  {loc(r, 'mandate', L)}" if loc(r, "mandate", L) else "")
        )
else:
    st.caption(t("partners.no_board", L))

for kind in ("active", "network"):
    group = [p for p in partners if p["partner_role"] == kind]
    if not group:
        continue
    st.header(t(f"partners.section.{kind}", L), divider="gray")
    for p in sorted(group, key=lambda p: (p["org_type"], p["name"])):
        mine = roles[p["id"]]
        with st.container(border=True):
            st.subheader(heading(names[p["id"]], p, L))
            st.caption(
                f"{t('cycle.org_type.' + p['org_type'], L)} · {t('cycle.partner_role.' + kind, L)}"
                + (
                    f" · {t('partners.since', L, date=p['joined_date'])}"
                    if p.get("joined_date")
                    else ""
                )
                + (f" · {t('partners.left', L, date=p['left_date'])}" if p.get("left_date") else "")
            )
            if loc(p, "description", L):
                st.markdown(loc(p, "description", L))
            people = [
                f"{person(r)}"
                + (
                    f" ({t('cycle.pg_role.' + r['policy_group_role'], L)})"
                    if r.get("policy_group_role")
                    else ""
                )
                for r in mine["representatives"]
            ]
            if people:
                st.markdown(f"**{t('partners.representatives', L)}**: " + "; ".join(people))
            for key, recs, field in (
                ("chairs", mine["chairs"], "name"),
                ("member_of", mine["member_of"], "name"),
                ("owns", mine["owns"], None),
                ("carries", mine["carries"], None),
            ):
                shown = [r for r in recs if show_examples or not r["is_example"]]
                if shown:
                    labels = [
                        (loc(r, field, L) if field else r["name"])
                        + (f" ({t('policy.example', L)})" if r["is_example"] else "")
                        for r in shown
                    ]
                    st.markdown(f"**{t('partners.' + key, L)}**: " + "; ".join(labels))
            if p.get("website"):
                st.markdown(f"[{t('partners.website', L)}]({p['website']})")
            if p["source"]:
                st.caption(f"{t('policy.source', L)}: {p['source']}")

table = frame(
    [
        {
            t("partners.col.name", L): names[p["id"]],
            t("partners.col.type", L): t("cycle.org_type." + p["org_type"], L),
            t("partners.col.role", L): t("cycle.partner_role." + p["partner_role"], L),
            t("partners.col.chairs", L): len(roles[p["id"]]["chairs"]),
            t("partners.col.member_of", L): len(roles[p["id"]]["member_of"]),
            t("partners.col.owns", L): len(roles[p["id"]]["owns"]),
            t("partners.col.example", L): t("policy.example", L) if p["is_example"] else "",
            t("policy.col.source", L): p["source"] or "–",
        }
        for p in partners
    ]
)
if not table.empty:
    download_csv(table, "partners", L, key="dl_partners")
