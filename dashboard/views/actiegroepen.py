"""Actiegroepen: per action group its mandate, chair, projects and the indicators it answers for."""

from __future__ import annotations

import streamlit as st

from dashboard.exports import frame
from dashboard.i18n import t
from dashboard.policy_ui import (
    example_badge,
    heading,
    link_to,
    loc,
    progress_sentence,
    project_table,
    recorded,
    series_label,
    status_badge,
    store_or_stop,
)
from dashboard.queries import actiegroepen as Q
from dashboard.ui import connection_or_stop, download_csv, lang
from policy.signals import evaluate_links

L = lang()
st.title(t("policy.groups.title", L))
st.markdown(t("policy.groups.lead", L))

con = connection_or_stop(L)
store = store_or_stop(L)
groups = store.records("action_groups")
objectives = {o["id"]: o for o in store.records("objectives")}
links = store.records("links")
projects = store.records("projects")
catalogue = Q.indicator_catalogue(con, L)
results = evaluate_links(con, links, catalogue)
names, units = Q.catalogue_lookups(catalogue, "name", "unit")
labels = Q.labels(con, L)

show_examples = st.toggle(t("policy.show_examples", L), value=st.query_params.get("examples", "1") != "0",
                          key="examples")
st.query_params["examples"] = "1" if show_examples else "0"


for group in [g for g in groups if show_examples or not g["is_example"]]:
    with st.container(border=True):
        st.subheader(heading(loc(group, "name", L), group, L))
        c1, c2, c3 = st.columns(3)
        c1.markdown(f"**{t('policy.chair', L)}**  \n{group['chair_org'] or t('policy.unknown', L)}")
        c2.markdown(f"**{t('policy.members', L)}**  \n" + (", ".join(group["members"]) if group["members"]
                                                           else t("policy.unknown", L)))
        c3.markdown(f"**{t('policy.period', L)}**  \n{group['start_date'] or '?'}–{group['end_date'] or '…'}")
        if loc(group, "mandate", L):
            st.markdown(f"**{t('policy.mandate', L)}**: {loc(group, 'mandate', L)}")
        if group["resources"]:
            st.markdown(f"**{t('policy.resources', L)}**: {recorded(group['resources'], L)}")
        if group["results"]:
            st.markdown(f"**{t('policy.results', L)}**: {recorded(group['results'], L)}")

        obj = objectives.get(group["objective_id"]) if group["objective_id"] else None
        if obj:
            st.markdown(f"**{t('policy.works_on', L)}**: {loc(obj, 'title', L)}"
                        + (f" {example_badge(L)}" if obj["is_example"] else ""))
            link_to("views/doelstellingen.py", "doelstellingen", t("policy.to_objectives", L), ":material/flag:",
                    {"plan": obj["plan_id"], "lang": L})
            st.markdown(f"**{t('policy.accountable', L)}**")
            for link in [lk for lk in links if lk["objective_id"] == obj["id"]]:
                p = results[link["id"]].progress
                st.markdown(f"- {series_label(link, names, labels, L)}: {status_badge(p, L)}  \n"
                            f"  {progress_sentence(p, units.get(link['indicator_id'], '%'), L)}")
        else:
            st.caption(t("policy.no_objective", L))
        mine = [p for p in projects if p["action_group_id"] == group["id"] and (show_examples or not p["is_example"])]
        if mine:
            st.markdown(f"**{t('policy.projects', L)}**")
            st.dataframe(project_table(mine, L), hide_index=True, width="stretch", key=f"projects_{group['id']}")
        if group["source"]:
            st.caption(f"{t('policy.source', L)}: {group['source']}")

loose = [p for p in projects if not p["action_group_id"] and (show_examples or not p["is_example"])]
if loose:
    st.header(t("policy.loose_projects", L), divider="gray")
    st.caption(t("policy.loose_projects_note", L))
    table = project_table(loose, L)
    table.insert(1, t("policy.col.objective", L), [
        loc(objectives[p["objective_id"]], "title", L) if p["objective_id"] in objectives else "–" for p in loose])
    st.dataframe(table, hide_index=True, width="stretch", key="projects_loose")

download_csv(frame(projects, drop=["version"]), "projecten", L, key="dl_projects")
