"""De paradox: many jobs in Gent, yet many residents without work."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import charts, queries
from dashboard.i18n import fmt_value, t
from dashboard.ui import connection_or_stop, download_csv, lang, no_data, source_caption

L = lang()
con = connection_or_stop(L)
Q = queries

st.title(t("paradox.title", L))
st.markdown(t("paradox.lead", L))

rate = Q.series(con, "jobseeker_rate", Q.PEER_CITIES, lang=L)
nwwz = Q.series(con, "jobseekers_nwwz", [Q.GENT], lang=L)
vac = Q.series(con, "vacancies_received", [Q.GENT], lang=L)
origin = Q.series(con, "jobseekers_wzw", [Q.GENT], breakdown="origin", lang=L)
commute = Q.commuting_split(con, [*Q.PEER_ARRONDISSEMENTS, Q.FLANDERS], lang=L)


def _latest_pair(df, geo):
    g = df[(df["geo_code"] == geo) & df["value"].notna()].sort_values("period")
    if g.empty:
        return None, None, None
    last = g.iloc[-1]
    prev = g.iloc[-2]["value"] if len(g) > 1 else None
    return last["period"], last["value"], prev


# Headline figures, each with the change against the previous period.
cols = st.columns(4)
for col, (df, key, unit) in zip(
    cols,
    [(rate, "paradox.kpi_rate", "%"), (nwwz, "paradox.kpi_nwwz", "persons"), (vac, "paradox.kpi_vacancies", "persons")],
    strict=False,
):
    period, value, prev = _latest_pair(df, Q.GENT)
    if period is None:
        col.metric(t(key, L, period="–"), "–")
        continue
    delta = None
    if prev is not None:
        diff = value - prev
        delta = (f"{fmt_value(diff, '%', L).replace(' %', '')} {t('unit.pp', L)}" if unit == "%"
                 else fmt_value(diff, unit, L))
    col.metric(t(key, L, period=period), fmt_value(value, unit, L), delta=delta,
               delta_color="inverse" if key != "paradox.kpi_vacancies" else "off")
gent_commute = commute[commute["geo_code"] == Q.ARR_GENT]
if not gent_commute.empty:
    cols[3].metric(t("paradox.kpi_incommuters", L), fmt_value(gent_commute.iloc[0]["in_commuter_share"], "%", L))
else:
    cols[3].metric(t("paradox.kpi_incommuters", L), "–")

left, right = st.columns(2)
with left:
    meta = Q.indicator(con, "jobseeker_rate", L)
    if rate.empty:
        no_data(L, meta["name"], "2014–2024")
    else:
        st.plotly_chart(charts.line_chart(rate, title=t("paradox.chart_rate", L), unit="%", lang=L),
                        key="chart_rate")
        source_caption(meta, L)
        download_csv(rate, "paradox-werkzoekendengraad", L, key="dl_rate")
with right:
    meta_v = Q.indicator(con, "vacancies_received", L)
    both = pd.concat(
        [nwwz.assign(geo_name=t("paradox.series_nwwz", L)), vac.assign(geo_name=t("paradox.series_vacancies", L))],
        ignore_index=True,
    )
    if vac.empty and nwwz.empty:
        no_data(L, meta_v["name"], "2014–2024")
    else:
        st.plotly_chart(
            charts.bar_chart(both, title=t("paradox.chart_vac_vs_js", L), unit="persons", lang=L),
            key="chart_vac",
        )
        source_caption(meta_v, L)
        st.caption(t("paradox.vacancy_caveat", L))
        download_csv(both, "paradox-vacatures-werkzoekenden", L, key="dl_vac")

left, right = st.columns(2)
with left:
    meta_o = Q.indicator(con, "jobseekers_wzw", L)
    shown = origin[origin["value"].notna()]
    if shown.empty:
        no_data(L, meta_o["name"], "2015–2024")
    else:
        st.plotly_chart(
            charts.bar_chart(shown, title=t("paradox.chart_origin", L), unit="persons", lang=L,
                             color="breakdown_label", stacked=True),
            key="chart_origin",
        )
        source_caption(meta_o, L)
        download_csv(shown, "paradox-werkzoekenden-herkomst", L, key="dl_origin")
with right:
    meta_c = Q.indicator(con, "in_commuters", L)
    if commute.empty:
        no_data(L, meta_c["name"], "2011")
    else:
        st.plotly_chart(charts.commuting_chart(commute, title=t("paradox.chart_commuting", L), lang=L),
                        key="chart_commuting")
        source_caption(meta_c, L, periods=t("paradox.census_date", L))
        st.caption(t("paradox.commuting_note", L))
        download_csv(commute, "paradox-pendel", L, key="dl_commute")
