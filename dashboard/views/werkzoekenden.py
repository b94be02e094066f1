"""Werkzoekenden: how many residents look for work, who they are, and which groups are over-represented."""

from __future__ import annotations

import streamlit as st

from dashboard import charts
from dashboard.filters import filter_bar
from dashboard.filters import url_choice
from dashboard.i18n import fmt_value
from dashboard.i18n import t
from dashboard.panel import evidence
from dashboard.panel import metric_card
from dashboard.queries import werkzoekenden as Q
from dashboard.ui import connection_or_stop
from dashboard.ui import lang

L = lang()
con = connection_or_stop(L)
head = st.container()  # the title names the chosen area, so it is filled in after the filters

areas = Q.area_options(con, L)
f = filter_bar(areas, Q.years(con, ["jobseeker_rate", "jobseekers_nwwz", "jobseekers_wzw"]), L,
               default_geo=Q.GENT, default_compare=Q.compare_with_data(con, ["jobseeker_rate", "jobseekers_nwwz"]))
G, P = f.name(), f.period
head.title(t("jobseekers.title", L, geo=G))
head.markdown(t("jobseekers.lead", L))

metas = {i: Q.indicator(con, i, L) for i in Q.INDICATORS}
cols = st.columns(4)
heads = Q.headlines(con, list(metas), f.geo, period_to=f.period_to)
for col, ind, key in zip(cols, metas, ("overview.kpi_rate", "overview.kpi_nwwz", "jobseekers.kpi_wzw",
                                       "jobseekers.kpi_wzw_rate"), strict=True):
    head = heads[ind]
    metric_card(col, t(key, L, geo=G, period=head["period"] if head else P), head, metas[ind]["unit"], L,
                metas[ind]["direction"], help=metas[ind]["definition"])

# 1. Over time, for the focus and the comparison areas.
st.subheader(t("jobseekers.trend_heading", L))
MEASURES = {"rate": "jobseeker_rate", "count": "jobseekers_nwwz", "wzw_rate": "jobseekers_wzw_rate"}
measure = url_choice(st.radio, t("jobseekers.measure", L), MEASURES, "measure", horizontal=True,
                     format_func=lambda m: metas[MEASURES[m]]["name"], key="js_measure")
meta = metas[MEASURES[measure]]
trend = Q.trend(con, MEASURES[measure], f.areas, lang=L, period_from=f.period_from, period_to=f.period_to)
missing = [f.name(c) for c in Q.areas_without(trend, f.areas)]
title = t("jobseekers.chart_trend", L, name=meta["name"])
fig = charts.line_chart(trend, title=title, unit=meta["unit"], lang=L) if not trend.empty else None
if fig is not None and measure == "count":
    charts.add_note(fig, t("jobseekers.count_note", L))
evidence(fig, trend[["geo_name", "period", "value"]].rename(columns={
    "geo_name": t("col.geo_name", L), "period": t("col.period", L), "value": meta["name"]}),
    key="trend", title=title, lang=L, metas=[meta], period=P, what=meta["name"], units={meta["name"]: meta["unit"]},
    notes=[t("overview.no_rate_for", L, areas=", ".join(missing)) if missing else "",
           t("overview.rate_note", L) if measure == "rate" else ""],
    view=f"werkzoekenden-{measure}")

# 2. Composition of the focus area's job seekers.
st.subheader(t("jobseekers.composition_heading", L, geo=G))
DIMENSIONS = {  # dimension -> indicator that carries it (rates by age and sex; counts by the rest)
    "age": "jobseeker_rate", "sex": "jobseeker_rate", "origin": "jobseekers_wzw", "nationality": "jobseekers_wzw",
    "residence_prev_year": "jobseekers_wzw", "residence_next_year": "jobseekers_wzw", "education": None,
    "duration": None,
}
dim = url_choice(st.selectbox, t("jobseekers.dimension", L), DIMENSIONS, "dim",
                 format_func=lambda d: t(f"jobseekers.dim_{d}", L), key="js_dim")
ind = DIMENSIONS[dim]
comp = Q.composition(con, ind, f.geo, dim, period_from=f.period_from, period_to=f.period_to, lang=L)
if comp.empty:
    st.info(t("app.no_data", L, what=t(f"jobseekers.dim_{dim}", L) + f" ({G})", period=P) + " "
            + t("jobseekers.no_breakdown", L))
    # A published share for a larger area (e.g. VDAB's Flemish figures quoted on a public page) is
    # shown instead, named with its area and date, never as if it were the focus area's own series.
    meta_pub = Q.meta_or_none(con, Q.PUBLISHED_GROUP_SHARE, L)
    pub = Q.published_shares(con, f.geo, dim, period_to=f.period_to if meta_pub else None, lang=L)
    if not pub.empty:
        area, when = pub["geo_name"].iloc[0], pub["period"].iloc[0]
        title = t("jobseekers.chart_published", L, dim=t(f"jobseekers.dim_{dim}", L).lower(), area=area, period=when)
        fig = charts.ranked_bars(pub.assign(label=pub["breakdown_label"]), title=title, unit="%", lang=L)
        note = t("jobseekers.published_note", L, area=area)
        charts.add_note(fig, note)
        evidence(fig, pub[["geo_name", "breakdown_label", "period", "value"]].rename(columns={
            "geo_name": t("col.geo_name", L), "breakdown_label": t(f"jobseekers.dim_{dim}", L),
            "period": t("col.period", L), "value": meta_pub["name"]}),
            key="published", title=title, lang=L, metas=[meta_pub], period=when, units={meta_pub["name"]: "%"},
            notes=[note], view=f"werkzoekenden-{dim}-gepubliceerd")
else:
    meta_c = metas[ind]
    title = t("jobseekers.chart_composition", L, name=meta_c["name"], dim=t(f"jobseekers.dim_{dim}", L).lower(),
              geo=G)
    if meta_c["unit"] == "%":
        fig = charts.line_chart(comp, title=title, unit="%", lang=L, series="breakdown_label")
        note = t("jobseekers.rate_groups_note", L)
    else:
        fig = charts.bar_chart(comp, title=title, unit="persons", lang=L, color="breakdown_label", stacked=True)
        note = t("jobseekers.wzw_note", L)
    charts.add_note(fig, note)
    evidence(fig, comp[["breakdown_label", "period", "value"]].rename(columns={
        "breakdown_label": t(f"jobseekers.dim_{dim}", L), "period": t("col.period", L), "value": meta_c["name"]}),
        key="composition", title=title, lang=L, metas=[meta_c], period=P, units={meta_c["name"]: meta_c["unit"]},
        notes=[note], view=f"werkzoekenden-{dim}")

# 3. Over-representation: share among job seekers vs share among residents, for every area.
st.subheader(t("jobseekers.overrep_heading", L))
group_dim = url_choice(st.radio, t("jobseekers.overrep_by", L), ["origin", "nationality"], "group", horizontal=True,
                       format_func=lambda d: t(f"jobseekers.dim_{d}", L), key="js_group")
# Grouped by group, then area: each group's cities sit together, so the peer comparison reads at once.
over = Q.overrepresentation(con, f.areas, group_dim, period_to=f.period_to, lang=L, by_group=True)
pop_ind = Q.OVERREP[group_dim]["population"]
meta_pop = Q.meta_or_none(con, pop_ind, L)
if over.empty or meta_pop is None:
    st.info(t("app.no_data", L, what=t("jobseekers.overrep_name", L, dim=t(f"jobseekers.dim_{group_dim}", L).lower()),
              period=P))
else:
    over = over.assign(group_label=[t(f"group.{g}", L) for g in over["group"]])
    dates = sorted({(r.js_period, r.pop_period) for r in over.itertuples()})
    date_text = "; ".join(t("jobseekers.overrep_dates", L, js=js, pop=pop) for js, pop in dates)
    note = t("jobseekers.overrep_note", L, dates=date_text) + " " + t(f"jobseekers.overrep_note_{group_dim}", L)
    missing = [f.name(c) for c in f.areas if c not in set(over["geo_code"])]
    title = t("jobseekers.chart_overrep", L, dim=t(f"jobseekers.dim_{group_dim}", L).lower())
    fig = charts.overrepresentation_chart(over, title=title, lang=L, note=t("jobseekers.overrep_chart_note", L,
                                                                          dates=date_text))
    c_js, c_pop = t("chart.share_jobseekers", L), t("chart.share_population", L)
    table = over[["geo_name", "group_label", "js_period", "share_jobseekers", "pop_period", "share_population",
                  "ratio", "jobseekers", "population"]].rename(columns={
        "geo_name": t("col.geo_name", L), "group_label": t("jobseekers.col_group", L),
        "js_period": t("jobseekers.col_js_period", L), "share_jobseekers": c_js,
        "pop_period": t("jobseekers.col_pop_period", L), "share_population": c_pop,
        "ratio": t("jobseekers.col_ratio", L), "jobseekers": t("jobseekers.col_js_count", L),
        "population": t("jobseekers.col_pop_count", L)})
    evidence(fig, table, key="overrep", title=title, lang=L, metas=[metas["jobseekers_wzw"], meta_pop], period=P,
             units={c_js: "%", c_pop: "%", t("jobseekers.col_ratio", L): "ratio"},
             notes=[note, t("jobseekers.overrep_missing", L, areas=", ".join(missing)) if missing else ""],
             view=f"werkzoekenden-oververtegenwoordiging-{group_dim}")

    # 4. The same comparison over time: how many times more frequent the group is among job seekers.
    hist = Q.overrepresentation(con, f.areas, group_dim, period_to=f.period_to, lang=L, all_years=True)
    hist = hist[(hist["group"] == Q.OVERREP[group_dim]["groups"][-1][0])]
    if f.period_from:
        hist = hist[hist["js_period"] >= f.period_from]
    if hist["js_period"].nunique() > 1:
        label = t(f"group.{Q.OVERREP[group_dim]['groups'][-1][0]}", L)
        title = t("jobseekers.chart_ratio", L, group=label)
        plot = hist.rename(columns={"js_period": "period", "ratio": "value"})
        fig = charts.line_chart(plot, title=title, unit="ratio", lang=L)
        fig.add_hline(y=1, line_dash="dot", line_color="#555555",
                      annotation_text=t("jobseekers.ratio_one", L), annotation_position="top left")
        charts.add_note(fig, t("jobseekers.ratio_note", L))
        c_ratio = t("jobseekers.col_ratio", L)
        evidence(fig, plot[["geo_name", "period", "pop_period", "value"]].rename(columns={
            "geo_name": t("col.geo_name", L), "period": t("jobseekers.col_js_period", L),
            "pop_period": t("jobseekers.col_pop_period", L), "value": c_ratio}),
            key="ratio", title=title, lang=L, metas=[metas["jobseekers_wzw"], meta_pop], period=P,
            units={c_ratio: "ratio"}, notes=[t("jobseekers.ratio_dates_note", L),
                                            t(f"jobseekers.overrep_note_{group_dim}", L)],
            view=f"werkzoekenden-verhouding-{group_dim}")
    last_group = Q.OVERREP[group_dim]["groups"][-1][0]
    focus = over[(over["geo_code"] == f.geo) & (over["group"] == last_group)]
    if not focus.empty:
        st.caption(t("jobseekers.ratio_reading", L, ratio=fmt_value(focus["ratio"].iloc[0], "ratio", L), geo=G,
                     group=t(f"group.{last_group}", L).lower(), period=focus["js_period"].iloc[0]))
