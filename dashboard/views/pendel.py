"""Pendel: who fills the jobs located in the area and where its working residents work (census 2011)."""

from __future__ import annotations

import streamlit as st

from dashboard import charts
from dashboard import db
from dashboard import geo
from dashboard.filters import filter_bar
from dashboard.filters import url_choice
from dashboard.i18n import fmt_value
from dashboard.i18n import t
from dashboard.panel import evidence
from dashboard.queries import pendel as Q
from dashboard.ui import connection_or_stop
from dashboard.ui import lang

L = lang()
con = connection_or_stop(L)


@st.cache_resource(max_entries=2, show_spinner=False)
def arrondissement_map(version: tuple) -> tuple | None:
    """Arrondissements drawn from their 2025 municipalities (lightened), their centres, box and outlines:
    computed once per warehouse build (`version`), not on every rerun. One read-only copy shared by all
    sessions (cache_resource: not unpickled on every rerun), so the map figure is shared too."""
    shapes = Q.municipality_shapes(db.connection(), ("municipalities_2025",))
    if shapes.empty:
        return None
    fc = geo.feature_collection(geo.merge_by(geo.simplify(shapes), shapes["parent_code"]))
    lons, lats = geo.outlines(shapes, shapes["parent_code"])
    return tuple(charts.shared_input(part) for part in (fc, geo.centroids(fc), geo.bbox(fc), geo.thin_path(lons, lats)))


head = st.container()  # the title names the chosen area, so it is filled in after the filters

f = filter_bar(Q.area_options(con, L), ["2011"], L, default_geo=Q.GENT, default_compare=Q.DEFAULT_COMPARE,
               period="none")
focus_arr, arrs = Q.arrondissements(con, f.areas, L)
summary = Q.commuting(con, arrs, L)
names = Q.lookup(summary, "geo_code", "geo_name")
ARR = names.get(focus_arr, focus_arr)
PERIOD = t("paradox.census_date", L)
head.title(t("commuting.title", L, area=ARR))
head.markdown(t("commuting.lead", L, geo=f.name(), area=ARR))

meta = {i: Q.indicator(con, i, L) for i in Q.INDICATORS}
row = summary[summary["geo_code"] == focus_arr]
cols = st.columns(5)
if row.empty:
    st.info(t("app.no_data", L, what=t("commuting.name", L, area=ARR), period=PERIOD))
else:
    r = row.iloc[0]
    cols[0].metric(t("commuting.kpi_jobs", L), fmt_value(r["jobs"], "persons", L),
                   help=meta["employed_at_workplace"]["definition"])
    cols[1].metric(t("commuting.kpi_in", L), fmt_value(r["in_commuters"], "persons", L),
                   help=meta["in_commuters"]["definition"])
    cols[2].metric(t("commuting.kpi_out", L), fmt_value(r["out_commuters"], "persons", L),
                   help=meta["out_commuters"]["definition"])
    cols[3].metric(t("commuting.kpi_resident_share", L), fmt_value(r["resident_share"], "%", L),
                   help=t("commuting.resident_share_def", L))
    cols[4].metric(t("commuting.kpi_in_share", L), fmt_value(r["in_commuter_share"], "%", L),
                   help=meta["in_commuter_share"]["definition"])

# Recent figures per municipality (Steunpunt Werk) where loaded; the census stays for flows and the map.
recent = Q.commuting_recent(con, [f.geo], lang=L)
if recent.empty:
    st.caption(t("paradox.shown_census", L))
else:
    v = recent.iloc[0]
    st.subheader(t("commuting.var_heading", L, geo=v["geo_name"], period=v["period"]))
    vcols = st.columns(4)
    for col, key, value, unit, ind in (
        (vcols[0], "commuting.var_kpi_jobs", v["jobs"], "persons", "var_employees_at_workplace"),
        (vcols[1], "commuting.var_kpi_in", v["in_commuters"], "persons", "var_in_commuters"),
        (vcols[2], "commuting.var_kpi_out", v["out_commuters"], "persons", "var_out_commuters"),
        (vcols[3], "commuting.var_kpi_in_share", v["in_commuter_share"], "%", Q.VAR_IN_SHARE),
    ):
        col.metric(t(key, L, geo=v["geo_name"]), fmt_value(value, unit, L), help=Q.indicator(con, ind, L)["definition"])
    st.caption(t("paradox.shown_var", L, period=v["period"]) + " " + t("commuting.var_flows_note", L))

# 1. Flows on the map and as ranked bars.
st.subheader(t("commuting.flows_heading", L, area=ARR))
direction = url_choice(st.radio, t("commuting.direction", L), ["in", "out"], "flow", horizontal=True,
                       format_func=lambda d: t(f"commuting.direction_{d}", L), key="com_direction")
flows = Q.commuting_flows(con, focus_arr, direction, L)
left, right = st.columns([3, 2])
with left:
    geometry = arrondissement_map(db.current_version()) if Q.has_shapes(con) else None
    attribution = Q.boundary_attribution(con, L)
    if flows.empty or geometry is None:
        what = t("commuting.map_name", L, area=ARR)
        st.info(t("app.no_data", L, what=what, period=PERIOD))
    else:
        fc, centres, box, outline = geometry
        drawn = {feat["id"] for feat in fc["features"]}
        on_map = flows[flows["other_code"].isin(drawn)]
        off_map = flows[~flows["other_code"].isin(drawn)]
        plot = on_map.rename(columns={"other_code": "origin_code", "other_name": "origin_name"})
        title = t(f"commuting.map_{direction}", L, area=ARR)
        if focus_arr in centres:
            fig = charts.flow_map(plot, fc, centres, focus_arr, box, title=title, lang=L,
                                  attribution=t("commuting.map_attribution", L, attribution=attribution or "–"),
                                  outline=outline, view_width=640)
        else:
            fig = None
        notes = [t("commuting.off_map", L, n=len(off_map), persons=fmt_value(off_map["value"].sum(), "persons", L))
                 if not off_map.empty else "", t("commuting.map_note", L)]
        table = flows.rename(columns={"other_name": t(f"commuting.col_{direction}", L),
                                      "value": meta["commuters"]["name"]})[[t(f"commuting.col_{direction}", L),
                                                                            meta["commuters"]["name"]]]
        evidence(fig, table, key="flowmap", narrow=True, title=title, lang=L, metas=[meta["commuters"]], period=PERIOD,
                 what=t("commuting.map_name", L, area=ARR), notes=notes, view=f"pendel-kaart-{direction}")
with right:
    top = flows.head(10).rename(columns={"other_name": "label"})
    title = t(f"commuting.chart_top_{direction}", L, area=ARR)
    fig = charts.ranked_bars(top, title=title, unit="persons", lang=L) if not top.empty else None
    share_col = t("commuting.col_share_of_flow", L)
    total = flows["value"].sum()
    table = top.assign(share=100 * top["value"] / total if total else None)[["label", "value", "share"]].rename(
        columns={"label": t(f"commuting.col_{direction}", L), "value": meta["commuters"]["name"], "share": share_col})
    evidence(fig, table, key="top", narrow=True, title=title, lang=L, metas=[meta["commuters"]], period=PERIOD,
             units={share_col: "%"}, notes=[t("commuting.scope_note", L)], view=f"pendel-top-{direction}")

# 2. Share of the local jobs held by residents, for the focus and comparison areas.
left, right = st.columns(2)
with left:
    title = t("paradox.chart_commuting", L)
    fig = charts.commuting_chart(summary, title=title, lang=L) if not summary.empty else None
    table = summary[["geo_name", "jobs", "residents", "resident_share", "in_commuters", "in_commuter_share"]].rename(
        columns={"geo_name": t("col.geo_name", L), "jobs": t("overview.col_jobs_located", L),
                 "residents": t("paradox.jobs_residents", L), "resident_share": t("commuting.kpi_resident_share", L),
                 "in_commuters": t("paradox.jobs_incommuters", L), "in_commuter_share": meta["in_commuter_share"]["name"]})
    evidence(fig, table, key="split", narrow=True, title=title, lang=L, metas=[meta["in_commuter_share"]], period=PERIOD,
             units={t("commuting.kpi_resident_share", L): "%", meta["in_commuter_share"]["name"]: "%"},
             notes=[t("paradox.commuting_note", L), t("overview.commuting_geo_note", L)], view="pendel-jobs-inwoners")
with right:
    long = Q.shares_long(summary, (meta["in_commuter_share"]["name"], meta["out_commuter_share"]["name"]))
    title = t("commuting.chart_peers", L)
    fig = charts.grouped_hbars(long, title=title, unit="%", lang=L) if not long.empty else None
    if fig is not None:
        charts.add_note(fig, t("commuting.peers_note", L))
    table = long[["geo_name", "series", "value"]].rename(columns={
        "geo_name": t("col.geo_name", L), "series": t("overview.col_series", L), "value": t("col.value", L)})
    evidence(fig, table, key="peers", narrow=True, title=title, lang=L,
             metas=[meta["in_commuter_share"], meta["out_commuter_share"]], period=PERIOD,
             units={t("col.value", L): "%"}, notes=[t("commuting.peers_note", L)], view="pendel-vergelijking")

# 3. Jobs at the place of work over time: Steunpunt Werk per municipality, else Eurostat per arrondissement.
st.subheader(t("commuting.jobs_heading", L))
jobs_id, jobs_areas = Q.jobs_shown(con, f.areas, arrs)
meta_jobs = Q.meta_or_none(con, jobs_id, L)
jobs = Q.jobs_index(con, jobs_areas if meta_jobs else [], L, jobs_id)
jobs_notes = ([t("commuting.jobs_note_var", L), t("paradox.shown_var", L, period=Q.periods_span(jobs))]
              if jobs_id == Q.VAR_JOBS else [t("commuting.jobs_note", L)])
if jobs.empty:
    st.info(t("app.no_data", L, what=t("commuting.jobs_name", L, area=ARR), period="2000–2018") + " "
            + t("commuting.jobs_missing", L))
else:
    start = jobs["period"].min()
    title = t("commuting.chart_jobs_index", L, name=meta_jobs["name"], start=start)
    fig = charts.line_chart(jobs.assign(value=jobs["index"]), title=title, unit="index", lang=L)
    fig.update_yaxes(rangemode="normal", title=t("commuting.index_axis", L, start=start))
    charts.add_note(fig, jobs_notes[0])
    c_index = t("commuting.index_axis", L, start=start)
    evidence(fig, jobs[["geo_name", "period", "value", "index"]].rename(columns={
        "geo_name": t("col.geo_name", L), "period": t("col.period", L), "value": meta_jobs["name"], "index": c_index}),
        key="jobs", title=title, lang=L, metas=[meta_jobs],
        period=f"{start}–{jobs['period'].max()}", notes=jobs_notes,
        units={c_index: "ratio"}, view="pendel-banen-werkplaats")
