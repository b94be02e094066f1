"""Projecten: per project its performance measures, the City's budget and the Policy Group's advice, its
lifecycle up to independence, beside the population indicators of the objective it serves.

Two kinds of accountability (Results-Based Accountability), never in one chart or on one axis: a
project answers for its own measures (how much, how well, is anyone better off); nobody alone answers
for a population indicator, to which the project contributes.
"""

from __future__ import annotations

import streamlit as st

from dashboard import charts_results as C
from dashboard.exports import download_buttons
from dashboard.i18n import t
from dashboard.panel import display_frame
from dashboard.panel import evidence
from dashboard.policy_ui import example_badge
from dashboard.policy_ui import heading
from dashboard.policy_ui import link_to
from dashboard.policy_ui import loc
from dashboard.policy_ui import num
from dashboard.policy_ui import status_badge
from dashboard.policy_ui import store_or_stop
from dashboard.queries import projecten as Q
from dashboard.ui import connection_or_stop
from dashboard.ui import lang
from dashboard.ui import page_header

L = lang()
qp = st.query_params
page_header("projecten", L)
with st.expander(t("projecten.two_kinds.title", L)):
    st.markdown(t("projecten.two_kinds.body", L))

con = connection_or_stop(L)
store = store_or_stop(L)
options = Q.project_options(store, L)
if not options:
    st.info(t("projecten.none", L))
    st.stop()

st.subheader(t("projecten.overview", L))
table = Q.overview(store, L)
st.dataframe(table, hide_index=True, width="stretch", key="overview")
download_buttons(
    table, "projecten", {t("export.view", L): t("projecten.title", L)}, L, key="dl_overview"
)

ids = list(options)
wanted = qp.get("project", "")
pid = st.selectbox(
    t("projecten.choose", L),
    ids,
    index=ids.index(wanted) if wanted in ids else 0,
    format_func=options.get,
    key="project",
)
qp["project"] = pid
p = Q.project(store, pid)
rec, life = p.record, p.lifecycle

st.header(heading(rec["name"], rec, L), divider="gray")
facts = [t(f"policy.project_status.{life.status}", L)]
if life.start:
    facts.append(t("projecten.life.start", L, date=life.start))
if life.independent_date:
    facts.append(t("projecten.life.independent", L, date=life.independent_date))
if life.carried_by:
    facts.append(t("projecten.life.carried_by", L, who=life.carried_by))
if life.end:
    facts.append(t("projecten.life.end", L, date=life.end))
st.markdown(" · ".join(facts))
if loc(rec, "description", L):
    st.markdown(loc(rec, "description", L))
if p.group:
    st.caption(t("projecten.group", L, name=loc(p.group, "name", L)))
if rec["source"]:
    st.caption(f"{t('policy.source', L)}: {rec['source']}")

st.subheader(t("projecten.funding.title", L))
st.caption(t("projecten.funding.lead", L))
if p.funding:
    fund = Q.funding_table(p, L)
    st.dataframe(display_frame(fund, {}, L), hide_index=True, width="stretch", key="funding")
    download_buttons(
        fund,
        f"projecten-{pid}-budget",
        {t("export.view", L): t("projecten.funding.title", L)},
        L,
        key="dl_funding",
    )
else:
    st.info(t("projecten.funding.none", L))

left, right = st.columns(2, gap="large")
with left:
    st.subheader(t("projecten.measures.title", L))
    st.caption(t("projecten.measures.lead", L))
    for kind in Q.MEASURE_KINDS:
        st.markdown(f"**{t(f'projecten.kind.{kind}', L)}**")
        mine = p.by_kind(kind)
        if not mine:
            st.caption(t("projecten.kind_none", L))
        for m in mine:
            name, unit = loc(m.measure, "name", L), loc(m.measure, "unit", L)
            title = t("projecten.measure_title", L, name=name)
            target = m.measure.get("target_value")
            target_label = (
                t(
                    "projecten.target",
                    L,
                    value=num(target, "", L),
                    period=m.measure.get("target_period") or t("policy.num.no_year", L),
                )
                if target is not None
                else ""
            )
            df = Q.measure_frame(m)
            fig = (
                C.measure_chart(
                    df, title=title, unit=unit, lang=L, target=target, target_label=target_label
                )
                if not df.empty
                else None
            )
            if fig is None:
                st.markdown(f"{title}{' ' + example_badge(L) if m.measure['is_example'] else ''}")
                if target_label:
                    st.caption(target_label)
                st.info(t("projecten.no_values", L))
                continue
            periods = (
                f"{df['period'].min()}–{df['period'].max()}"
                if len(df) > 1
                else str(df["period"].iloc[0])
            )
            evidence(
                fig,
                Q.measure_table(m, L),
                key=f"m_{m.measure['id']}",
                title=title,
                lang=L,
                metas=[Q.measure_meta(m, L)],
                period=periods,
                notes=[loc(m.measure, "definition", L)],
                view=f"projecten-{m.measure['id']}",
                narrow=True,
            )
            if m.target_met is not None:
                st.caption(
                    t("projecten.target_met" if m.target_met else "projecten.target_not_met", L)
                )
    if p.measures:
        download_buttons(
            Q.measures_table(p, L),
            f"projecten-{pid}-prestatiematen",
            {t("export.view", L): t("projecten.measures.title", L)},
            L,
            key="dl_measures",
        )

with right:
    st.subheader(t("projecten.population.title", L))
    st.caption(t("projecten.population.lead", L))
    if p.objective is None:
        st.info(t("projecten.population.no_objective", L))
    else:
        st.markdown(
            t("projecten.population.objective", L, objective=loc(p.objective, "title", L))
            + (f" {example_badge(L)}" if p.objective["is_example"] else "")
        )
        link_to(
            "views/doelstellingen.py",
            "doelstellingen",
            t("policy.to_objectives", L),
            ":material/flag:",
            {"plan": p.objective["plan_id"], "lang": L},
        )
        if not p.links:
            st.info(t("policy.no_links", L))
        found = Q.curves(con, store, L, p.links) if p.links else {}
        names = Q.labels(con, L)
        for link in p.links:
            c = found[link["id"]]
            meta = c.indicator
            label = Q.series_label(link, {link["indicator_id"]: (meta or {}).get("name")}, names, L)
            st.markdown(f"{status_badge(c.progress, L)} **{label}**")
            if meta is None or c.series.empty:
                st.info(t("projecten.population.no_data", L))
                continue
            fig = C.curve_chart(
                c.series,
                c.projection,
                title=t("projecten.population.chart", L, name=label),
                unit=c.unit,
                lang=L,
                labels=Q.chart_labels(c, label, L),
                baseline=(c.progress.baseline_period, c.progress.baseline_value)
                if c.progress.baseline_value is not None
                else None,
                target=(c.progress.target_year, c.progress.target_value)
                if c.progress.target_value is not None
                else None,
            )
            evidence(
                fig,
                c.series[["period", "value"]].rename(
                    columns={"period": t("col.period", L), "value": label}
                ),
                key=f"pop_{link['id']}",
                title=label,
                lang=L,
                metas=[meta],
                period=f"{c.series['period'].min()}–{c.series['period'].max()}",
                notes=[Q.forecast_sentence(c, L)],
                units={label: c.unit},
                view=f"projecten-{link['id']}",
                narrow=True,
            )
        if p.links:
            st.caption(Q.method_text(L))
