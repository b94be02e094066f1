"""Public: where the numbers come from, in plain language, with every licence attribution."""

from __future__ import annotations

import streamlit as st

from dashboard.disclosure import PublicQueries
from dashboard.i18n import t
from dashboard.provenance import localise
from dashboard.ui import connection_or_stop
from dashboard.ui import lang

L = lang()
con = connection_or_stop(L, public=True)

st.title(t("public.about_title", L))
st.markdown(t("public.about_lead", L))
df = PublicQueries(con).sources_overview(L)
for row in df.astype(object).where(df.notna(), None).to_dict("records"):
    if row["source_id"] == "reference_geographies":  # a code list, not figures a citizen reads
        continue
    row = localise(row, L)
    st.header(row["title"])
    if row["source_note"]:  # one plain sentence per source
        st.markdown(row["source_note"])
    period = row["period_covered"] or f"{row['first_period']}–{row['last_period']}"
    st.markdown(t("public.about_source", L, publisher=row["publisher"], period=period, licence=row["licence"]))
    if row["attribution"]:
        st.markdown(row["attribution"])
st.markdown(t("public.about_disclosure", L))
