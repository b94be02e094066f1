"""Public summary: the paradox in plain language, a few key indicators with trend and comparison."""

from __future__ import annotations

import streamlit as st

from dashboard import charts
from dashboard.disclosure import PublicQueries
from dashboard.disclosure import public_value
from dashboard.i18n import t
from dashboard.summary import chart_summary
from dashboard.summary import statements
from dashboard.ui import connection_or_stop
from dashboard.ui import lang
from dashboard.ui import source_caption

L = lang()
con = connection_or_stop(L, public=True)
Q = PublicQueries(con)  # every number on this page passes disclosure control (dashboard/disclosure.py)

st.title(t("public.title", L))
st.markdown(t("public.lead", L))
for s in statements(con, L):
    st.markdown(f"- {s['text']}")


def block(title_key: str, df, meta: dict, unit: str, *, chart, key: str, series: str = "geo_name") -> None:
    """Chart + the same message as text + the numbers as a table: nothing depends on seeing the chart."""
    st.header(t(title_key, L))
    if df.empty or df["value"].notna().sum() == 0:
        st.info(t("app.no_data", L, what=meta["name"], period=f"{meta['first_period']}–{meta['last_period']}"))
        return
    st.plotly_chart(chart, key=key)
    st.markdown(chart_summary(df, unit, L, series=series))
    source_caption(meta, L)
    table = df[[series, "period", "value"]].copy()
    table["value"] = [public_value(v, unit, L, s) if s == "suppressed" or (v == v and v is not None)
                      else "–" for v, s in zip(df["value"], df["status"], strict=True)]
    table.columns = [t("col.geo_name", L) if series == "geo_name" else t("col.breakdown_label", L),
                     t("col.period", L), t("col.value", L)]
    with st.expander(t("public.show_table", L)):
        st.dataframe(table, hide_index=True, width="stretch")


rate = Q.series("jobseeker_rate", Q.PEER_CITIES, lang=L)
block("public.h_rate", rate, Q.indicator("jobseeker_rate", L), "%",
      chart=charts.line_chart(rate, title=t("public.h_rate", L), unit="%", lang=L), key="rate")

origin = Q.series("jobseekers_wzw", [Q.GENT], breakdown="origin", lang=L)
block("public.h_origin", origin, Q.indicator("jobseekers_wzw", L), "persons",
      chart=charts.bar_chart(origin[origin["value"].notna()], title=t("public.h_origin", L), unit="persons",
                             lang=L, color="breakdown_label", stacked=True),
      key="origin", series="breakdown_label")

vac = Q.series("vacancies_received", [Q.GENT, Q.ANTWERPEN, Q.GENK, Q.OOSTENDE], lang=L)
block("public.h_vacancies", vac, Q.indicator("vacancies_received", L), "vacancies",
      chart=charts.line_chart(vac, title=t("public.h_vacancies", L), unit="vacancies", lang=L), key="vac")

city = Q.city_commuting(Q.PEER_CITIES, lang=L)
if not city.empty:
    st.header(t("public.h_city_commuting", L))
    st.plotly_chart(charts.commuting_chart(city, title=t("public.h_city_commuting", L), lang=L,
                                         residents_label=t("paradox.city_jobs_residents", L)), key="city_commute")
    st.markdown(" ".join(
        t("public.commuting_summary", L, name=r.geo_name, share=public_value(r.in_commuter_share, "%", L))
        for r in city.itertuples() if r.in_commuter_share == r.in_commuter_share))
    source_caption(Q.indicator("muni_in_commuters", L), L, periods=t("paradox.census_date", L))

commute = Q.commuting([*Q.PEER_ARRONDISSEMENTS, Q.FLANDERS], lang=L)
st.header(t("public.h_commuting", L))
if commute.empty:
    st.info(t("app.no_data", L, what=t("public.h_commuting", L), period="2011"))
else:
    st.plotly_chart(charts.commuting_chart(commute, title=t("public.h_commuting", L), lang=L), key="commute")
    st.markdown(" ".join(
        t("public.commuting_summary", L, name=r.geo_name, share=public_value(r.in_commuter_share, "%", L))
        for r in commute.itertuples() if r.in_commuter_share == r.in_commuter_share))
    source_caption(Q.indicator("in_commuters", L), L, periods=t("paradox.census_date", L))
