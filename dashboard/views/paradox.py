"""De paradox: many jobs in the city, yet many residents without work. The overview for the Policy Group."""

from __future__ import annotations

import streamlit as st

from dashboard import charts
from dashboard.filters import filter_bar
from dashboard.i18n import fmt_published
from dashboard.i18n import fmt_value
from dashboard.i18n import t
from dashboard.panel import evidence
from dashboard.panel import metric_card
from dashboard.queries import paradox as Q
from dashboard.ui import connection_or_stop
from dashboard.ui import lang

L = lang()
con = connection_or_stop(L)

head = st.container()  # the title names the chosen area, so it is filled in after the filters
st.markdown(t("paradox.lead", L))

f = filter_bar(Q.area_options(con, L), Q.years(con, Q.HEADLINES), L,
               default_geo=Q.GENT, default_compare=Q.compare_with_data(con, ["jobseeker_rate", "vacancies_received"]))
G, P = f.name(), f.period
head.title(t("paradox.title", L, geo=G))
meta_rate = Q.indicator(con, "jobseeker_rate", L)
meta_nwwz = Q.indicator(con, "jobseekers_nwwz", L)
meta_vac = Q.indicator(con, "vacancies_received", L)
JOBS_ID = Q.jobs_indicator(con)
meta_jobs = Q.meta_or_none(con, JOBS_ID, L)
# One query for all areas (the focus area is one of them), read twice below.
parents = Q.parents(con, f.areas, L)
arr = parents[parents["geo_code"] == f.geo]
arr_code = arr["arr_code"].iloc[0] if not arr.empty else f.geo
# Who holds the jobs: Steunpunt Werk per municipality when loaded, else the census 2011 per arrondissement.
commute, SHOWN = Q.commuting_shown(con, f.areas, list(dict.fromkeys(parents["arr_code"])), period_to=f.period_to,
                                   lang=L)
VAR = SHOWN == "var"
meta_comm = Q.indicator(con, Q.VAR_IN_SHARE if VAR else "in_commuter_share", L)
comm_period = Q.periods_text(commute["period"]) if VAR else t("paradox.census_date", L)
# The pair (jobs, with the nearest larger area's figure where the area has none, next to the rate).
pair = Q.jobs_and_rate(con, JOBS_ID, f.areas, period_to=f.period_to, lang=L)

# Headline figures, each with the change against the previous period.
cols = [*st.columns(3), *st.columns(3)[:2]]  # two rows: long labels stay readable on a projector
heads = Q.headlines(con, Q.HEADLINES, f.geo, period_to=f.period_to)
for col, ind, key, meta in (
    (cols[0], "jobseeker_rate", "overview.kpi_rate", meta_rate),
    (cols[1], "jobseekers_nwwz", "overview.kpi_nwwz", meta_nwwz),
    (cols[2], "vacancies_received", "overview.kpi_vacancies", meta_vac),
):
    head = heads[ind]
    metric_card(col, t(key, L, geo=G, period=head["period"] if head else P), head, meta["unit"], L,
                meta["direction"], help=meta["definition"])
jobs_now = pair[(pair["geo_code"] == f.geo) & pair["jobs_code"].notna()] if meta_jobs else pair.iloc[0:0]
if not jobs_now.empty:
    row = jobs_now.iloc[0]
    head = Q.headline(con, JOBS_ID, row["jobs_code"], period_to=f.period_to)
    metric_card(cols[3], t(f"overview.kpi_{JOBS_ID}", L, geo=row["jobs_area"], period=row["jobs_period"]), head,
                meta_jobs["unit"], L, meta_jobs["direction"], help=meta_jobs["definition"])
else:
    metric_card(cols[3], t(f"overview.kpi_{JOBS_ID}", L, geo=G, period=P), None, "ratio", L,
                help=t("app.no_data", L, what=t("overview.jobs_name", L), period=P))
comm = commute[commute["geo_code"] == (f.geo if VAR else arr_code)]
if not comm.empty:
    c = comm.iloc[0]
    label = (t("overview.kpi_incommuters_var", L, geo=c["geo_name"], period=c["period"]) if VAR
             else t("overview.kpi_incommuters", L, geo=c["geo_name"]))
    cols[4].metric(label, fmt_value(c["in_commuter_share"], "%", L), help=meta_comm["definition"])
else:
    metric_card(cols[4], t("overview.kpi_incommuters", L, geo=G), None, "%", L)

# 0. The city itself (census 2011 per municipality), beside its residents' job-seeker rate.
city_heads = Q.headlines(con, Q.CITY_HEADLINES, f.geo)
city_metas = {i: Q.meta_or_none(con, i, L) for i in Q.CITY_HEADLINES}
if city_heads["muni_jobs_at_workplace"]:
    st.subheader(t("paradox.city_heading", L, geo=G))
    cards = [*st.columns(4), *st.columns(4)[:3]]
    for col, ind in zip(cards, Q.CITY_HEADLINES, strict=True):
        meta = city_metas[ind]
        head = city_heads[ind]
        metric_card(col, t(f"paradox.city_kpi_{ind}", L, geo=G), head, meta["unit"] if meta else "%", L,
                    meta["direction"] if meta else "neutral", help=meta["definition"] if meta else None)
    st.caption(t("paradox.city_kpi_note", L))
    city_pair = Q.jobs_and_rate(con, Q.CITY_JOBS_PER_100, f.areas, period_to=f.period_to, lang=L)
    meta_city_jobs = Q.indicator(con, Q.CITY_JOBS_PER_100, L)
    left, right = Q.pair_chart_frames(city_pair)
    title = t("paradox.city_pair_title", L)
    fig = charts.paired_bars(
        left, right, title=title, left_title=t("paradox.city_pair_left", L),
        right_title=t("overview.pair_right", L, period=Q.periods_text(city_pair["rate_period"])),
        left_unit=meta_city_jobs["unit"], right_unit="%", lang=L,
    )
    no_city = [f.name(c) for c in city_pair.loc[city_pair["jobs_code"].isna(), "geo_code"]]
    table = city_pair[["geo_name", "jobs_period", "jobs_value", "rate_period", "rate_value"]].rename(columns={
        "geo_name": t("col.geo_name", L), "jobs_period": t("overview.col_jobs_period", L),
        "jobs_value": meta_city_jobs["name"], "rate_period": t("overview.col_rate_period", L),
        "rate_value": meta_rate["name"]})
    evidence(fig, table, key="city_pair", title=title, lang=L, metas=[Q.indicator(con, "muni_jobs_at_workplace", L), meta_city_jobs, meta_rate],
             period=P, units={meta_rate["name"]: "%"}, view="paradox-stad-banen-werkzoekendengraad",
             notes=[t("paradox.city_pair_note", L),
                    t("paradox.city_no_2011", L, areas=", ".join(no_city)) if no_city else ""])

# 1. Jobs in the area next to the job-seeker rate, for the focus and comparison areas.
st.subheader(t("overview.pair_heading", L))
missing_rate = [f.name(c) for c in pair.loc[pair["rate_period"].isna(), "geo_code"]]
if meta_jobs is None or not Q.has_data(con, JOBS_ID):
    st.info(t("app.no_data", L, what=t("overview.jobs_name", L), period=P) + " " + t("overview.jobs_missing", L))
else:
    left, right = Q.pair_chart_frames(pair)
    # A row names the geography its numbers belong to: "Genk · jobs: Arrondissement Hasselt" (item 6).
    row_label = {n: f"{n} · {t('overview.jobs_of', L, area=a)}"
                 for n, c, j, a in zip(pair["geo_name"], pair["geo_code"], pair["jobs_code"], pair["jobs_area"],
                                       strict=True) if isinstance(j, str) and j != c}
    left = left.assign(geo_name=[row_label.get(n, n) for n in left["geo_name"]], text_note="")
    right = right.assign(geo_name=[row_label.get(n, n) for n in right["geo_name"]])
    fig = charts.paired_bars(
        left, right, title=t("overview.chart_pair", L),
        left_title=t(f"overview.pair_left_{JOBS_ID}", L, period=Q.periods_text(pair["jobs_period"])),
        right_title=t("overview.pair_right", L, period=Q.periods_text(pair["rate_period"])),
        left_unit=meta_jobs["unit"], right_unit="%", lang=L,
    )
    charts.add_note(fig, t("overview.pair_note", L) + " " + t(f"overview.def_{JOBS_ID}", L))
    published = Q.published_by_concept(con, "jobratio", f.areas, L)
    # Each published figure as published (never rescaled), with its publisher and the age band only when
    # the page states one (issue 14, item 1).
    published_note = t("overview.published_jobratio", L, figures="; ".join(
        f"{r.geo_name} {r.period}: {fmt_published(r.value, r.unit, L)} ({r.publisher}, "
        f"{t('overview.per100_1564' if '15-64' in r.page_note else 'overview.per100_noage', L)})"
        for r in published.itertuples())) if not published.empty else ""
    table = pair[["geo_name", "jobs_area", "jobs_period", "jobs_value", "rate_period", "rate_value"]].rename(columns={
        "geo_name": t("col.geo_name", L), "jobs_area": t("overview.col_jobs_area", L),
        "jobs_period": t("overview.col_jobs_period", L), "jobs_value": meta_jobs["name"],
        "rate_period": t("overview.col_rate_period", L), "rate_value": meta_rate["name"]})
    evidence(fig, table, key="pair", title=t("overview.chart_pair", L), lang=L, metas=[meta_jobs, meta_rate],
             period=P, units={meta_rate["name"]: "%"}, view="paradox-banen-werkzoekendengraad",
             notes=[t("overview.pair_note", L), t(f"overview.def_{JOBS_ID}", L), published_note,
                    t("overview.no_rate_for", L, areas=", ".join(missing_rate)) if missing_rate else ""])

# 1b. Jobs at the place of work per municipality over time (Steunpunt Werk), where that source is loaded.
var_jobs = Q.trend(con, Q.VAR_JOBS, f.areas, lang=L, period_from=f.period_from, period_to=f.period_to)
if not var_jobs.empty:
    meta_vj = Q.indicator(con, Q.VAR_JOBS, L)
    span = f"{var_jobs['period'].min()}–{var_jobs['period'].max()}"
    title = t("paradox.var_jobs_chart", L, period=span)
    fig = charts.line_chart(var_jobs, title=title, unit="persons", lang=L)
    charts.add_note(fig, t("paradox.var_jobs_note", L))
    table = var_jobs[["geo_name", "period", "value"]].rename(columns={
        "geo_name": t("col.geo_name", L), "period": t("col.period", L), "value": meta_vj["name"]})
    evidence(fig, table, key="var_jobs", title=title, lang=L, metas=[meta_vj], period=span,
             notes=[t("paradox.var_jobs_note", L), t("paradox.shown_var", L, period=span)],
             view="paradox-werkenden-werkplaats")

# 2. The job-seeker rate over time, and job seekers next to vacancies.
left, right = st.columns(2)
with left:
    rate = Q.trend(con, "jobseeker_rate", f.areas, lang=L, period_from=f.period_from, period_to=f.period_to)
    fig = charts.line_chart(rate, title=t("overview.chart_rate", L, geo=G), unit="%", lang=L) if not rate.empty else None
    table = rate[["geo_name", "period", "value"]].rename(columns={
        "geo_name": t("col.geo_name", L), "period": t("col.period", L), "value": meta_rate["name"]})
    evidence(fig, table, key="rate", narrow=True, title=t("overview.chart_rate", L, geo=G), lang=L, metas=[meta_rate], period=P,
             what=f"{meta_rate['name']} ({G})", units={meta_rate["name"]: "%"}, view="paradox-werkzoekendengraad",
             notes=[t("overview.no_rate_for", L, areas=", ".join(missing_rate)) if missing_rate else "",
                    t("overview.rate_note", L)])
with right:
    both = Q.two_series(con, ("jobseekers_nwwz", "vacancies_received"),
                        (t("paradox.series_nwwz", L), t("paradox.series_vacancies", L)), f.geo,
                        period_from=f.period_from, period_to=f.period_to, lang=L)
    title = t("overview.chart_vac_vs_js", L, geo=G)
    fig = charts.bar_chart(both, title=title, unit="persons", lang=L) if not both.empty else None
    table = both[["geo_name", "period", "value"]].rename(columns={
        "geo_name": t("overview.col_series", L), "period": t("col.period", L), "value": t("col.value", L)})
    evidence(fig, table, key="vac", narrow=True, title=title, lang=L, metas=[meta_nwwz, meta_vac], period=P,
             what=f"{meta_nwwz['name']} / {meta_vac['name']} ({G})", notes=[t("paradox.vacancy_caveat", L)],
             view="paradox-vacatures-werkzoekenden")

# 3. Who holds the jobs located in the area, next to who the resident job seekers are.
left, right = st.columns(2)
with left:
    city = Q.city_commuting(con, f.areas, L)
    if not city.empty:
        meta_city_in = Q.indicator(con, "muni_in_commuter_share", L)
        meta_city_out = Q.indicator(con, "muni_out_commuter_share", L)
        title = t("paradox.city_chart_commuting", L)
        fig = charts.commuting_chart(city, title=title, lang=L, residents_label=t("paradox.city_jobs_residents", L))
        table = city[["geo_name", "jobs", "residents", "in_commuters", "in_commuter_share", "out_commuters",
                      "out_commuter_share"]].rename(columns={
            "geo_name": t("col.geo_name", L), "jobs": t("paradox.city_col_jobs", L),
            "residents": t("paradox.city_jobs_residents", L), "in_commuters": t("paradox.jobs_incommuters", L),
            "in_commuter_share": meta_city_in["name"], "out_commuters": t("paradox.city_col_out", L),
            "out_commuter_share": meta_city_out["name"]})
        evidence(fig, table, key="city_commute", narrow=True, title=title, lang=L,
                 metas=[Q.indicator(con, "muni_jobs_at_workplace", L), meta_city_in, meta_city_out],
                 period=t("paradox.census_date", L),
                 units={meta_city_in["name"]: "%", meta_city_out["name"]: "%"},
                 notes=[t("paradox.city_commuting_note", L)], view="paradox-stad-pendel")
    title = t("paradox.chart_commuting_var", L, period=comm_period) if VAR else t("paradox.chart_commuting", L)
    residents = t("paradox.jobs_residents_var", L) if VAR else t("paradox.jobs_residents", L)
    fig = (charts.commuting_chart(commute, title=title, lang=L, residents_label=residents)
           if not commute.empty else None)
    table = commute[["geo_name", "jobs", "residents", "in_commuters", "in_commuter_share"]].rename(columns={
        "geo_name": t("col.geo_name", L), "jobs": t("overview.col_jobs_located", L),
        "residents": residents, "in_commuters": t("paradox.jobs_incommuters", L),
        "in_commuter_share": meta_comm["name"]})
    notes = ([t("paradox.commuting_note_var", L), t("paradox.shown_var", L, period=comm_period)] if VAR else
             [t("paradox.commuting_note", L), t("overview.commuting_geo_note", L), t("paradox.shown_census", L)])
    evidence(fig, table, key="commute", narrow=True, title=title, lang=L, metas=[meta_comm], period=comm_period,
             units={meta_comm["name"]: "%"}, notes=notes, view="paradox-pendel")
with right:
    meta_o = Q.indicator(con, "jobseekers_wzw", L)
    origin = Q.series(con, "jobseekers_wzw", [f.geo], breakdown="origin", lang=L, period_from=f.period_from,
                      period_to=f.period_to)
    origin = origin[origin["value"].notna()]
    title = t("overview.chart_origin", L, geo=G)
    fig = charts.bar_chart(origin, title=title, unit="persons", lang=L, color="breakdown_label",
                           stacked=True) if not origin.empty else None
    table = origin[["breakdown_label", "period", "value"]].rename(columns={
        "breakdown_label": t("breakdown.origin", L), "period": t("col.period", L), "value": meta_o["name"]})
    evidence(fig, table, key="origin", narrow=True, title=title, lang=L, metas=[meta_o], period=P,
             what=f"{meta_o['name']} ({G})", view="paradox-werkzoekenden-herkomst")
    ages = Q.latest_breakdown(con, "jobseeker_rate", f.geo, "age", period_to=f.period_to, lang=L)
    if not ages.empty:
        age_year = ages["period"].iloc[0]
        title = t("paradox.chart_age", L, geo=G, period=age_year)
        fig = charts.ranked_bars(ages, title=title, unit="%", lang=L)
        table = ages[["label", "period", "value"]].rename(columns={
            "label": t("breakdown.age", L), "period": t("col.period", L), "value": meta_rate["name"]})
        evidence(fig, table, key="age", narrow=True, title=title, lang=L, metas=[meta_rate], period=age_year,
                 units={meta_rate["name"]: "%"}, notes=[t("overview.rate_note", L)], view="paradox-werkzoekenden-leeftijd")
    # Education: no municipal source; the census 2011 rate by education is shown for the nearest larger area.
    meta_edu = Q.meta_or_none(con, Q.CENSUS_UNEMPLOYMENT, L)
    edu = Q.latest_at_or_above(con, Q.CENSUS_UNEMPLOYMENT, [f.geo] if meta_edu else [], lang=L,
                               breakdown="education")
    if edu.empty:
        st.info(t("app.no_data", L, what=t("overview.edu_name", L, geo=G), period=P) + " "
                + t("overview.edu_missing", L))
    else:
        area, year = edu["geo_name"].iloc[0], edu["period"].iloc[0]
        title = t("overview.chart_edu", L, area=area, period=year)
        edu_plot = edu.assign(label=edu["breakdown_label"])
        fig = charts.ranked_bars(edu_plot, title=title, unit=meta_edu["unit"], lang=L)
        charts.add_note(fig, t("overview.edu_note", L, area=area))
        table = edu[["geo_name", "breakdown_label", "period", "value"]].rename(columns={
            "geo_name": t("col.geo_name", L), "breakdown_label": t("overview.col_education", L),
            "period": t("col.period", L), "value": meta_edu["name"]})
        evidence(fig, table, key="edu", narrow=True, title=title, lang=L, metas=[meta_edu], period=year,
                 units={meta_edu["name"]: meta_edu["unit"]}, notes=[t("overview.edu_note", L, area=area)],
                 view="paradox-werkloosheid-opleiding")

# 4. Census 2021 rates of the residents, and the Urban Audit cities over time (residents, Eurostat).
c21_left, c21_right, c21_table = Q.census2021_frames(con, f.areas, L)
if not c21_table.empty:
    st.subheader(t("paradox.c21_heading", L))
    meta_e, meta_u = Q.indicator(con, "c21_employment_rate_15_64", L), Q.indicator(con, "c21_unemployment_rate_15_64", L)
    title = t("paradox.c21_title", L)
    fig = charts.paired_bars(c21_left, c21_right, title=title, left_title=meta_e["name"], right_title=meta_u["name"],
                             left_unit="%", right_unit="%", lang=L)
    table = c21_table.rename(columns={"geo_name": t("col.geo_name", L), "period": t("col.period", L),
                                      "employment": meta_e["name"], "unemployment": meta_u["name"]})
    evidence(fig, table, key="c21", title=title, lang=L, metas=[meta_e, meta_u], period="2021",
             units={meta_e["name"]: "%", meta_u["name"]: "%"}, notes=[t("paradox.c21_note", L)],
             view="paradox-census-2021")

st.subheader(t("paradox.ua_heading", L))
left, right = st.columns(2)
for col, ind in ((left, "uab_employed_20_64"), (right, "uab_unemployed")):
    with col:
        meta = Q.meta_or_none(con, ind, L)
        ua = Q.series(con, ind, Q.UA_PEERS, lang=L) if meta else None
        if ua is None or ua.empty:
            st.info(t("app.no_data", L, what=t(f"paradox.ua_{ind}", L), period="2015–2024"))
            continue
        ua = ua[ua["value"].notna()]
        title = t(f"paradox.ua_{ind}", L)
        fig = charts.line_chart(ua, title=title, unit="persons", lang=L)
        table = ua[["geo_name", "period", "value"]].rename(columns={
            "geo_name": t("col.geo_name", L), "period": t("col.period", L), "value": meta["name"]})
        evidence(fig, table, key=f"ua_{ind}", narrow=True, title=title, lang=L, metas=[meta],
                 period=Q.period_span(ua["period"]), notes=[t("paradox.ua_note", L)],
                 view=f"paradox-urban-audit-{ind}")
