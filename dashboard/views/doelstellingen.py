"""Doelstellingen: plan -> objectives -> linked indicators, each with its progress status and trend."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import charts
from dashboard import charts_results as C
from dashboard.exports import download_buttons
from dashboard.exports import frame
from dashboard.i18n import fmt_number
from dashboard.i18n import fmt_value
from dashboard.i18n import t
from dashboard.policy_ui import example_badge
from dashboard.policy_ui import heading
from dashboard.policy_ui import link_to
from dashboard.policy_ui import loc
from dashboard.policy_ui import progress_row
from dashboard.policy_ui import progress_sentence
from dashboard.policy_ui import render_status_legend
from dashboard.policy_ui import series_label
from dashboard.policy_ui import status_badge
from dashboard.policy_ui import store_or_stop
from dashboard.provenance import source_text
from dashboard.queries import doelstellingen as Q
from dashboard.ui import connection_or_stop
from dashboard.ui import download_csv
from dashboard.ui import lang
from dashboard.ui import page_header
from policy.progress import STATUSES
from policy.signals import evaluate_links

L = lang()
qp = st.query_params
page_header("policy.objectives", L)
render_status_legend(L)

con = connection_or_stop(L)
store = store_or_stop(L)
plans = store.records("plans")
objectives = store.records("objectives")
links = store.records("links")
catalogue = Q.indicator_catalogue(con, L)
results = evaluate_links(con, links, catalogue)
names, units, publishers, source_titles = Q.catalogue_lookups(catalogue, "name", "unit", "publisher", "source_title")
publishers = {i: source_text(s, "publisher", L, p)  # in the reader's language (dashboard/provenance.py)
              for i, s, p in zip(catalogue["indicator_id"], catalogue["source_id"], catalogue["publisher"], strict=True)}
labels = Q.labels(con, L)
curves = Q.curves(con, store, L, links, results)  # turn the curve: forecast if nothing changes, the group's note
events = store.records("events")
partners = {p["id"]: p for p in store.records("partners")}

show_examples = st.toggle(t("policy.show_examples", L), value=qp.get("examples", "1") != "0", key="examples")
qp["examples"] = "1" if show_examples else "0"
plan_ids = [p["id"] for p in plans if show_examples or not p["is_example"]]
plan_names = {p["id"]: loc(p, "name", L) for p in plans}
options = ["", *plan_ids]
wanted = qp.get("plan", "")
choice = st.selectbox(t("policy.plan", L), options, index=options.index(wanted) if wanted in options else 0,
                      format_func=lambda i: plan_names.get(i, t("policy.all_plans", L)), key="plan")
if choice:
    qp["plan"] = choice
elif "plan" in qp:
    del qp["plan"]

shown_plans = [p for p in plans if p["id"] in plan_ids and (not choice or p["id"] == choice)]
shown_objectives = {p["id"]: [o for o in objectives if o["plan_id"] == p["id"] and (show_examples or not o["is_example"])]
                    for p in shown_plans}
shown_links = [lk for ob in sum(shown_objectives.values(), []) for lk in links if lk["objective_id"] == ob["id"]
               and (show_examples or not lk["is_example"])]

# Summary: how many links in each status, as metrics (words, not colours).
counts = pd.Series([results[lk["id"]].progress.status for lk in shown_links]).value_counts()
present = [s for s in STATUSES if s in counts.index]
if present:
    cols = st.columns(len(present))
    for col, s in zip(cols, present, strict=True):
        col.metric(t(f"policy.status.{s}", L), fmt_number(int(counts[s]), L))

rows = []
for plan in shown_plans:
    st.header(heading(loc(plan, "name", L), plan, L), divider="gray")
    period = f"{plan['period_start']}–{plan['period_end'] or '…'}"
    st.caption(t("policy.plan_period", L, period=period) + (f" · {t('policy.source', L)}: {plan['source']}"
                                                             if plan["source"] else ""))
    if loc(plan, "description", L):
        st.markdown(loc(plan, "description", L))
    for obj in shown_objectives[plan["id"]]:
        with st.container(border=True):
            code = f"{obj['code']}. " if obj["code"] else ""
            st.subheader(heading(code + loc(obj, "title", L), obj, L))
            if loc(obj, "description", L):
                st.markdown(loc(obj, "description", L))
            obj_links = [lk for lk in links if lk["objective_id"] == obj["id"] and (show_examples or not lk["is_example"])]
            if not obj_links:
                st.info(t("policy.no_links", L))
            for link in obj_links:
                res = results[link["id"]]
                p = res.progress
                unit = units.get(link["indicator_id"], "")
                rows.append(progress_row(link, p, unit, L))
                label = series_label(link, names, labels, L)
                st.markdown(f"**{label}**" + (f" {example_badge(L)}" if link["is_example"] else ""))
                st.markdown(status_badge(p, L) + (f" {t(f'policy.reason.{p.reason}', L, indicator=link['indicator_id'])}"
                                                  if p.reason else ""))
                sentence = progress_sentence(p, unit or "%", L)
                if sentence:
                    st.markdown(sentence)
                curve = curves[link["id"]]
                if res.indicator is not None and res.series["value"].notna().any():
                    # Turn the curve: the published series, the projection if nothing changes (dashed, with
                    # its band; never drawn as data), the baseline and the target.
                    fig = C.curve_chart(
                        curve.series, curve.projection, title=label, unit=unit, lang=L,
                        labels=Q.chart_labels(curve, label, L),
                        baseline=(p.baseline_period, p.baseline_value) if p.baseline_value is not None else None,
                        target=(p.target_year, p.target_value) if p.target_value is not None else None,
                    )
                    st.plotly_chart(fig, key=f"chart_{link['id']}")
                    st.caption(t("app.source_caption", L, source=publishers[link["indicator_id"]],
                                 title=source_titles[link["indicator_id"]],
                                 period=f"{res.series['period'].min()}–{res.series['period'].max()}"))
                st.markdown(Q.forecast_sentence(curve, L))
                if curve.forecast.ok:
                    download_buttons(Q.projection_table(curve, label, L), f"doelstellingen-curve-{link['id']}",
                                     {t("export.view", L): label, t("curve.title", L): Q.method_text(L)}, L,
                                     key=f"dl_curve_{link['id']}")
                with st.expander(t("curve.note", L, date=curve.note["note_date"]) if curve.note
                                 else t("curve.title", L), expanded=curve.note is not None):
                    if curve.note and curve.note["is_example"]:
                        st.markdown(example_badge(L))
                    parts = Q.note_parts(curve.note, partners, L)
                    for head, text in parts:
                        st.markdown(f"**{head}**  \n{text}")
                    if not parts:
                        st.caption(t("curve.no_note", L))
                    if curve.n_notes > 1:
                        st.caption(t("curve.more_notes", L, n=curve.n_notes - 1))
                if res.context is not None:
                    ctx = res.context_series[res.context_series["value"].notna()] if res.context_series is not None \
                        else None
                    if ctx is not None and not ctx.empty:
                        last = ctx.sort_values("period").iloc[-1]
                        st.warning(t("policy.context", L, name=names.get(res.context["indicator_id"]),
                                     value=fmt_value(last["value"], res.context["unit"], L), period=last["period"]))
                        with st.expander(t("policy.context_chart", L)):
                            fig = charts.target_chart(ctx, title=names.get(res.context["indicator_id"]),
                                                      unit=res.context["unit"], lang=L,
                                                      labels={"series": names.get(res.context["indicator_id"])})
                            st.plotly_chart(fig, key=f"ctx_{link['id']}")
                note = loc(link, "note", L)
                if note:
                    st.caption(note)
                if link["source"]:
                    st.caption(f"{t('policy.source', L)}: {link['source']}")
            mine = Q.event_lines(events, obj["id"], L, examples=show_examples)
            if mine:
                st.markdown(f"**{t('curve.events', L)}**")
                for text, example in mine:
                    st.markdown(f"- {text}" + (f" {example_badge(L)}" if example else ""))
                link_to("views/evenementen.py", "evenementen", t("evenementen.title", L), ":material/event:",
                        {"objective": obj["id"], "lang": L})

st.caption(Q.method_text(L))
if rows:
    download_csv(frame(rows), "doelstellingen", L, key="dl_objectives")
