"""Public: where the numbers come from, in plain language, with every licence attribution."""

from __future__ import annotations

import streamlit as st

from dashboard.disclosure import PublicQueries
from dashboard.i18n import t
from dashboard.ui import connection_or_stop, lang

L = lang()
con = connection_or_stop(L, public=True)

st.title(t("public.about_title", L))
st.markdown(t("public.about_lead", L))
df = PublicQueries(con).sources_overview(L)
for row in df.itertuples():
    st.header(row.title)
    period = row.period_covered or f"{row.first_period}–{row.last_period}"
    st.markdown(t("public.about_source", L, publisher=row.publisher, period=period, licence=row.licence))
    if row.attribution:
        st.markdown(row.attribution)
    st.markdown(row.url)
st.markdown(t("public.about_disclosure", L))
