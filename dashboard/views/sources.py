"""Bronnen: where every number comes from, how fresh it is, and whether the last load worked."""

from __future__ import annotations

import json

import streamlit as st

from dashboard import db, queries
from dashboard.i18n import fmt_number, t
from dashboard.ui import connection_or_stop, download_csv, lang

L = lang()
con = connection_or_stop(L)

st.title(t("sources.title", L))
info = queries.build_info(con)
st.caption(t("sources.built", L, built=info.get("built_at", "?"), mode=info.get("mode", "?")))

runs = db.runs_log()
if runs.exists():
    lines = [json.loads(x) for x in runs.read_text(encoding="utf-8").splitlines() if x.strip()]
    if lines and lines[-1].get("status") == "failed":
        st.warning(t("sources.last_build_failed", L, at=lines[-1].get("at"), error=lines[-1].get("error")))

df = queries.sources_overview(con, L)
for row in df.itertuples():
    with st.container(border=True):
        st.subheader(row.title)
        c1, c2, c3 = st.columns(3)
        c1.markdown(f"**{t('sources.publisher', L)}**  \n{row.publisher}")
        c1.markdown(f"**{t('sources.licence', L)}**  \n{row.licence}")
        c2.markdown(f"**{t('sources.period', L)}**  \n{row.period_covered or '–'}")
        c2.markdown(f"**{t('sources.snapshot', L)}**  \n{row.snapshot} ({t('sources.retrieved', L)} {row.retrieved_at})")
        c3.markdown(f"**{t('sources.rows', L)}**  \n{fmt_number(row.rows, L)}")
        status = t(f"sources.status_{row.last_status}", L) if row.last_status else "–"
        live = t("sources.live_yes", L) if row.live_verified else t("sources.live_never", L)
        c3.markdown(f"**{t('sources.last_load', L)}**  \n{status} · {live}")
        if row.attribution:
            st.caption(row.attribution)
        if row.caveats:
            st.caption(f"{t('sources.caveats', L)}: {row.caveats}")
        st.caption(row.url)
download_csv(df, "bronnen", L, key="dl_sources")
