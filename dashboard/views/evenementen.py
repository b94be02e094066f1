"""Ontmoetingen en fora: the community side of the partnership (network events, intervision, lunch
talks, conferences), upcoming and past, each with its theme and the objectives and partners it serves."""

from __future__ import annotations

import streamlit as st

from dashboard.exports import download_buttons
from dashboard.i18n import t
from dashboard.policy_ui import store_or_stop
from dashboard.queries import evenementen as Q
from dashboard.ui import lang
from dashboard.ui import page_header

L = lang()
qp = st.query_params
page_header("evenementen", L)

store = store_or_stop(L)
c1, c2, c3 = st.columns([2, 2, 1])
with c1:
    wanted = [k for k in qp.get_all("kind") if k in Q.EVENT_KINDS]
    kinds = st.multiselect(
        t("evenementen.filter_kind", L),
        list(Q.EVENT_KINDS),
        default=wanted,
        key="kinds",
        format_func=lambda k: t(f"evenementen.kind.{k}", L),
        placeholder=t("evenementen.all_kinds", L),
    )
    qp["kind"] = kinds
with c2:
    objectives = Q.objective_options(store, L)
    opts = ["", *objectives]
    chosen = qp.get("objective", "")
    objective = st.selectbox(
        t("evenementen.filter_objective", L),
        opts,
        index=opts.index(chosen) if chosen in opts else 0,
        key="objective",
        format_func=lambda o: objectives.get(o) or t("evenementen.all_objectives", L),
    )
    if objective:
        qp["objective"] = objective
    elif "objective" in qp:
        del qp["objective"]
with c3:
    examples = st.toggle(
        t("policy.show_examples", L), value=qp.get("examples", "1") != "0", key="examples"
    )
    qp["examples"] = "1" if examples else "0"

shown = Q.events(store, examples=examples, kinds=kinds, objective=objective or None)
upcoming, past = Q.split(shown, Q.today())
for key, items in (("upcoming", upcoming), ("past", past)):
    st.header(t(f"evenementen.{key}", L, n=len(items)))
    if not items:
        st.info(t(f"evenementen.none_{key}", L))
        continue
    table = Q.event_rows(store, items, L)
    st.dataframe(table, hide_index=True, width="stretch", key=f"table_{key}")
    download_buttons(
        table,
        f"evenementen-{key}",
        {t("export.view", L): t(f"evenementen.{key}", L, n=len(items))},
        L,
        key=f"dl_{key}",
    )
st.caption(t("evenementen.how_to_add", L))
