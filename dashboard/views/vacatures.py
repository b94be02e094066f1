"""Vacatures: how many vacancies VDAB receives and has open, in which sectors, and how tight the market is."""

from __future__ import annotations

import streamlit as st

from dashboard import charts
from dashboard.filters import filter_bar
from dashboard.filters import url_choice
from dashboard.i18n import fmt_number
from dashboard.i18n import fmt_value
from dashboard.i18n import t
from dashboard.panel import evidence
from dashboard.panel import metric_card
from dashboard.queries import vacatures as Q
from dashboard.ui import connection_or_stop
from dashboard.ui import lang

L = lang()
con = connection_or_stop(L)
head = st.container()  # the title names the chosen area, so it is filled in after the filters

f = filter_bar(Q.area_options(con, L), Q.years(con, ["vacancies_received", "vacancies_open"]), L,
               default_geo=Q.GENT, default_compare=Q.compare_with_data(con, ["vacancies_received"]))
G, P = f.name(), f.period
head.title(t("vacancies.title", L, geo=G))
head.markdown(t("vacancies.lead", L))

metas = {i: Q.indicator(con, i, L) for i in ("vacancies_received", "vacancies_open")}
meta_tension = Q.meta_or_none(con, Q.TENSION, L)
cols = st.columns(3)
heads = Q.headlines(con, ["vacancies_received", "vacancies_open", Q.TENSION], f.geo, period_to=f.period_to)
for col, ind, key in ((cols[0], "vacancies_received", "overview.kpi_vacancies"),
                      (cols[1], "vacancies_open", "vacancies.kpi_open")):
    head = heads[ind]
    metric_card(col, t(key, L, geo=G, period=head["period"] if head else P), head, "persons", L,
                help=metas[ind]["definition"])
head = heads[Q.TENSION] if meta_tension else None
metric_card(cols[2], t("vacancies.kpi_tension", L, geo=G, period=head["period"] if head else P), head,
            meta_tension["unit"] if meta_tension else "ratio", L, "neutral",
            help=meta_tension["definition"] if meta_tension else t("vacancies.tension_missing", L))

# 1. Over time, received or open, focus and comparison areas.
st.subheader(t("vacancies.trend_heading", L))
MEASURES = {"received": "vacancies_received", "open": "vacancies_open"}
measure = url_choice(st.radio, t("vacancies.measure", L), MEASURES, "measure", horizontal=True,
                     format_func=lambda m: metas[MEASURES[m]]["name"], key="vac_measure")
meta = metas[MEASURES[measure]]
trend = Q.trend(con, MEASURES[measure], f.areas, lang=L, period_from=f.period_from, period_to=f.period_to)
missing = [f.name(c) for c in Q.areas_without(trend, f.areas)]
title = t("vacancies.chart_trend", L, name=meta["name"])
fig = charts.line_chart(trend, title=title, unit=meta["unit"], lang=L) if not trend.empty else None
if fig is not None:
    charts.add_note(fig, t("vacancies.place_note", L))
evidence(fig, trend[["geo_name", "period", "value"]].rename(columns={
    "geo_name": t("col.geo_name", L), "period": t("col.period", L), "value": meta["name"]}),
    key="trend", title=title, lang=L, metas=[meta], period=P, what=meta["name"],
    notes=[t("vacancies.no_data_for", L, areas=", ".join(missing)) if missing else "", t("paradox.vacancy_caveat", L)],
    view=f"vacatures-{measure}")

# 2. By sector in the last year of the period.
year = f.period_to
st.subheader(t("vacancies.sector_heading", L, geo=G, period=year or "–"))
sectors = Q.sector_values(con, MEASURES[measure], f.geo, year, L) if year else None
shown = sectors[sectors["value"].notna()] if sectors is not None else None
if shown is None or shown.empty:
    st.info(t("app.no_data", L, what=f"{meta['name']} ({G})", period=year or P))
else:
    total = Q.headline(con, MEASURES[measure], f.geo, period_to=year)
    total_value = total["value"] if total and total["period"] == year else None
    shown = shown.assign(label=shown["breakdown_label"],
                         share=[100 * v / total_value if total_value else None for v in shown["value"]])
    title = t("vacancies.chart_sector", L, name=meta["name"], geo=G, period=year)
    fig = charts.ranked_bars(shown, title=title, unit=meta["unit"], lang=L)
    hidden = int(sectors["value"].isna().sum())
    notes = [t("vacancies.sector_note", L), t("vacancies.hidden_sectors", L, n=hidden) if hidden else ""]
    charts.add_note(fig, t("vacancies.sector_note", L))
    evidence(fig, shown[["breakdown_label", "value", "share"]].rename(columns={
        "breakdown_label": t("breakdown.sector", L), "value": meta["name"], "share": t("vacancies.col_share", L)}),
        key="sector", title=title, lang=L, metas=[meta], period=year, units={t("vacancies.col_share", L): "%"},
        notes=notes, view=f"vacatures-sector-{measure}")

# 3. Tension: job seekers per open vacancy, where a source provides it.
st.subheader(t("vacancies.tension_heading", L))
tension = (Q.trend(con, Q.TENSION, f.areas, lang=L, period_from=f.period_from, period_to=f.period_to)
           if meta_tension else None)
if tension is None or tension.empty:
    st.info(t("app.no_data", L, what=t("vacancies.tension_name", L), period=P) + " " + t("vacancies.tension_missing", L))
else:
    title = meta_tension["name"]
    fig = charts.line_chart(tension, title=title, unit=meta_tension["unit"], lang=L)
    charts.add_note(fig, t("vacancies.tension_note", L))
    evidence(fig, tension[["geo_name", "period", "value"]].rename(columns={
        "geo_name": t("col.geo_name", L), "period": t("col.period", L), "value": title}),
        key="tension", title=title, lang=L, metas=[meta_tension], period=P, units={title: meta_tension["unit"]},
        notes=[t("vacancies.tension_note", L)], view="vacatures-spanning")

# 4. Bottleneck occupations: VDAB's yearly list for Flanders as published (dashboard/queries/knelpuntberoepen.py).
B = Q.bottleneck
st.subheader(t("vacancies.bottleneck_heading", L))
if not B.has_lists(con):
    st.info(t("app.no_data", L, what=t("vacancies.bottleneck_name", L), period=P) + " "
            + t("vacancies.bottleneck_missing", L))
else:
    st.markdown(t("bottleneck.what", L))
    st.caption(t("bottleneck.two_classifications", L))
    meta_count = Q.indicator(con, B.COUNT, L)
    latest = B.latest(con)
    st.metric(t("bottleneck.kpi_count", L, year=latest["period"]), fmt_value(latest["value"], "occupations", L),
              help=t("bottleneck.kpi_help", L, year=latest["period"], publisher=latest["publisher"]))
    counts = B.count_by_list_year(con, L)
    gaps = B.gap_years(counts)
    title = t("bottleneck.chart_title", L)
    fig = charts.yearly_with_gaps(counts, title=title, unit="occupations", lang=L, gap_label=t("bottleneck.gap", L))
    note = t("bottleneck.chart_note", L, gaps=B.join_words(gaps, t("bottleneck.and", L)))
    charts.add_note(fig, note)
    shown = counts[counts["value"].notna()]
    evidence(fig, shown[["period", "value", "publisher"]].rename(columns={
        "period": t("bottleneck.col_year", L), "value": t("bottleneck.col_count", L),
        "publisher": t("bottleneck.col_publisher", L)}),
        key="bottleneck", title=title, lang=L, metas=[meta_count], period=f"{shown['period'].min()}–{shown['period'].max()}",
        notes=[note, t("bottleneck.count_2014", L)], view="vacatures-knelpuntberoepen")
    with st.expander(t("bottleneck.per_figure", L)):
        st.dataframe(B.pages_table(shown, L, {"period": t("bottleneck.col_year", L),
                                              "value": t("bottleneck.col_count", L),
                                              "publisher": t("bottleneck.col_publisher", L),
                                              "url": t("bottleneck.col_link", L)}),
                     hide_index=True, width="stretch",
                     column_config={t("bottleneck.col_link", L): st.column_config.LinkColumn()})
    shares = B.shares(con, L)
    if not shares.empty:
        st.caption(t("bottleneck.share", L, items="; ".join(
            t("bottleneck.share_item", L, value=fmt_number(r.value, L), year=r.period, publisher=r.publisher, url=r.url)
            for r in shares.itertuples())))

    top_year, top = B.list_items(con, "top", lang=L)
    if top_year:
        st.markdown("**" + t("bottleneck.top_heading", L, n=len(top), year=top_year) + "**")
        st.dataframe(B.ranked_table(top, {"rank": t("bottleneck.col_rank", L),
                                          "occupation": t("bottleneck.col_occupation", L)}),
                     hide_index=True, width="content")
        st.caption(t("bottleneck.top_sources", L, sources=B.source_links(top, L)))
        if top["translated"].any():
            st.caption(t("bottleneck.translated_note", L))
    new_year, new = B.list_items(con, "new", lang=L)
    if top_year and B.list_items(con, "new", top_year, L)[1].empty:
        st.markdown(t("bottleneck.no_new_for_top", L, year=top_year))
    if new_year:
        st.markdown(t("bottleneck.new_items", L, year=new_year, names=B.join_words(
            list(new["occupation"]), t("bottleneck.and", L)), sources=B.source_links(new, L)))

    quotes = B.statements(con, "regional", L)
    if not quotes.empty:
        st.markdown("**" + t("bottleneck.regional_heading", L) + "**")
        st.caption(t("bottleneck.regional_lead", L))
        lines = [t("bottleneck.quote_translated" if r.translated else "bottleneck.quote", L, year=r.period,
                   area=r.geography, quote=r.quote, publisher=r.publisher, url=r.url) for r in quotes.itertuples()]
        st.markdown("\n".join(f"- {line}" for line in lines[:B.QUOTES_SHOWN]))
        if len(lines) > B.QUOTES_SHOWN:
            with st.expander(t("bottleneck.more_quotes", L, n=len(lines) - B.QUOTES_SHOWN)):
                st.markdown("\n".join(f"- {line}" for line in lines[B.QUOTES_SHOWN:]))
