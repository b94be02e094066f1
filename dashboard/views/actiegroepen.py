"""Actiegroepen: per action group its mandate, chair, projects, reports and the indicators it answers for.

The charter: each action group's chair reports to the Policy Group on its mandate, the resources used,
progress and results. The page opens with which reports are due or late against the meeting calendar
(policy.cycle.reports_due) and lets an editor add a report (the store checks the role again).
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard.exports import frame
from dashboard.i18n import fmt_number
from dashboard.i18n import t
from dashboard.policy_ui import example_badge
from dashboard.policy_ui import explain_error
from dashboard.policy_ui import heading
from dashboard.policy_ui import link_to
from dashboard.policy_ui import loc
from dashboard.policy_ui import owner_text
from dashboard.policy_ui import policy_page
from dashboard.policy_ui import progress_sentence
from dashboard.policy_ui import project_table
from dashboard.policy_ui import recorded
from dashboard.policy_ui import series_label
from dashboard.policy_ui import status_badge
from dashboard.policy_ui import writer
from dashboard.queries import actiegroepen as Q
from dashboard.ui import download_csv
from dashboard.ui import lang
from policy.access import EditingNotAllowed
from policy.cycle import new_id
from policy.signals import evaluate_links
from policy.store import StoreError
from policy.store import ValidationError

L = lang()
con, store = policy_page("policy.groups", L)
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
partners = Q.partner_names(store)
reports = Q.latest_reports(store)
today = date.today()
user = writer(L)  # None: read-only (no report form)

st.header(t("cycle.reports.due_title", L), divider="gray")
st.caption(t("cycle.reports.due_lead", L))
due = [d for d in Q.reports_due(store, today) if show_examples or not d.is_example]
group_names = {g["id"]: loc(g, "name", L) for g in groups}
if due:
    st.dataframe(frame([
        {t("cycle.reports.col.group", L): group_names[d.group_id]
         + (f" ({t('policy.example', L)})" if d.is_example else ""),
         t("cycle.reports.col.state", L): t(f"cycle.report_state.{d.state}", L),
         t("cycle.reports.col.every", L): t("cycle.reports.every", L, n=d.every_months) if d.every_months else "–",
         t("cycle.reports.col.last", L): d.last_report or t("cycle.reports.never", L),
         t("cycle.reports.col.due", L): d.due_day.isoformat() if d.due_day else "–"}
        for d in due]), hide_index=True, width="stretch", key="reports_due")
    late = sum(d.state == "late" for d in due)
    if late:
        st.warning(t("cycle.reports.n_late", L, n=late))
else:
    st.caption(t("cycle.reports.none_followed", L))


def money(x) -> str:
    return "–" if x is None else f"{fmt_number(x, L, 0)} EUR"


def show_report(r: dict) -> None:
    st.markdown(f"**{t('cycle.reports.dated', L, date=r['report_date'])}**"
                + (f" {example_badge(L)}" if r["is_example"] else ""))
    for part in ("mandate", "resources", "progress", "results"):
        if loc(r, part, L):
            st.markdown(f"- *{t(f'cycle.reports.part.{part}', L)}*: {loc(r, part, L)}")
    if r.get("staff_fte") is not None or r.get("budget_eur") is not None:
        st.markdown(f"- *{t('cycle.reports.part.means', L)}*: " + t(
            "cycle.reports.means", L, fte="–" if r.get("staff_fte") is None else fmt_number(r["staff_fte"], L, 1),
            budget=money(r.get("budget_eur"))))


def report_form(group: dict) -> None:
    """An editor adds a report with the charter's four parts (the store checks the role on save)."""
    with st.expander(t("cycle.reports.add", L)), st.form(f"report_{group['id']}", clear_on_submit=False):
        day = st.date_input(t("cycle.reports.f.date", L), value=today, key=f"rep_date_{group['id']}",
                            format="DD/MM/YYYY")
        parts = {f"{part}_nl": st.text_area(t(f"cycle.reports.part.{part}", L), key=f"rep_{part}_{group['id']}")
                 for part in ("mandate", "resources", "progress", "results")}
        c1, c2 = st.columns(2)
        fte = c1.number_input(t("cycle.reports.f.fte", L), min_value=0.0, value=None, step=0.1,
                              key=f"rep_fte_{group['id']}")
        budget = c2.number_input(t("cycle.reports.f.budget", L), min_value=0.0, value=None, step=100.0,
                                 key=f"rep_budget_{group['id']}")
        source = st.text_input(t("cycle.f.source", L), key=f"rep_source_{group['id']}")
        example = st.checkbox(t("cycle.f.is_example", L), value=bool(group["is_example"]),
                              key=f"rep_example_{group['id']}")
        if st.form_submit_button(t("cycle.reports.save", L), type="primary"):
            try:
                store.create("reports", new_id("rapport"), {
                    "action_group_id": group["id"], "report_date": day.isoformat(), **parts,
                    "staff_fte": fte, "budget_eur": budget, "source": source or None, "is_example": example,
                }, user=user)
                st.success(t("cycle.reports.saved", L))
            except ValidationError as exc:
                st.error("\n".join(f"- {explain_error(e, L)}" for e in exc.errors))
            except (StoreError, EditingNotAllowed) as exc:
                st.error(t("policy.editor.refused", L, error=str(exc)))


for group in [g for g in groups if show_examples or not g["is_example"]]:
    with st.container(border=True):
        st.subheader(heading(loc(group, "name", L), group, L))
        c1, c2, c3 = st.columns(3)
        chair = owner_text(group, partners, L, ref="chair_partner_id", free="chair_org")
        c1.markdown(f"**{t('policy.chair', L)}**  \n{t('policy.unknown', L) if chair == '–' else chair}")
        members = ([partners.get(p, p) for p in group["member_partner_ids"]] if group.get("member_partner_ids")
                   else group["members"])
        c2.markdown(f"**{t('policy.members', L)}**  \n" + (", ".join(members) if members else t("policy.unknown", L)))
        c3.markdown(f"**{t('policy.period', L)}**  \n{group['start_date'] or '?'}–{group['end_date'] or '…'}")
        if loc(group, "mandate", L):
            st.markdown(f"**{t('policy.mandate', L)}**: {loc(group, 'mandate', L)}")
        if group["resources"]:
            st.markdown(f"**{t('policy.resources', L)}**: {recorded(group['resources'], L)}")
        if group["results"]:
            st.markdown(f"**{t('policy.results', L)}**: {recorded(group['results'], L)}")
        mine_reports = [r for r in reports.get(group["id"], []) if show_examples or not r["is_example"]]
        if mine_reports:
            st.markdown(f"**{t('cycle.reports.title', L)}**")
            show_report(mine_reports[0])
            if len(mine_reports) > 1:
                with st.expander(t("cycle.reports.older", L, n=len(mine_reports) - 1)):
                    for r in mine_reports[1:]:
                        show_report(r)
        else:
            st.caption(t("cycle.reports.no_reports", L))
        if user:
            report_form(group)

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
            st.dataframe(project_table(mine, L, partners), hide_index=True, width="stretch", key=f"projects_{group['id']}")
        if group["source"]:
            st.caption(f"{t('policy.source', L)}: {group['source']}")

loose = [p for p in projects if not p["action_group_id"] and (show_examples or not p["is_example"])]
if loose:
    st.header(t("policy.loose_projects", L), divider="gray")
    st.caption(t("policy.loose_projects_note", L))
    table = project_table(loose, L, partners)
    table.insert(1, t("policy.col.objective", L), [
        loc(objectives[p["objective_id"]], "title", L) if p["objective_id"] in objectives else "–" for p in loose])
    st.dataframe(table, hide_index=True, width="stretch", key="projects_loose")

download_csv(frame(projects, drop=["version"]), "projecten", L, key="dl_projects")
