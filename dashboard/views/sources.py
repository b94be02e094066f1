"""Bronnen: where every number comes from, how fresh it is, and whether the last load worked."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import streamlit as st

from dashboard.exports import download_buttons
from dashboard.i18n import fmt_number, t
from dashboard.provenance import localise
from dashboard.queries import sources as Q
from dashboard.ui import connection_or_stop, lang

L = lang()
con = connection_or_stop(L)

st.title(t("sources.title", L))
info = Q.build_info(con)
st.caption(t("sources.built", L, built=info.get("built_at", "?"), mode=info.get("mode", "?")))

failed = Q.last_failed_run()
if failed:
    st.warning(t("sources.last_build_failed", L, at=failed.get("at"), error=failed.get("error")))

df = Q.sources_overview(con, L)
rows = [localise(r, L) for r in df.astype(object).where(df.notna(), None).to_dict("records")]
for row in (SimpleNamespace(**r) for r in rows):
    with st.container(border=True):
        st.subheader(row.title)
        c1, c2, c3 = st.columns(3)
        c1.markdown(f"**{t('sources.publisher', L)}**  \n{row.publisher}")
        c1.markdown(f"**{t('sources.licence', L)}**  \n{row.licence}")
        c2.markdown(f"**{t('sources.period', L)}**  \n{row.period_covered or '–'}")
        if row.snapshot:  # the derived indicators have no snapshot of their own
            retrieved = f" ({t('sources.retrieved', L)} {str(row.retrieved_at)[:10]})" if row.retrieved_at else ""
            c2.markdown(f"**{t('sources.snapshot', L)}**  \n{row.snapshot}{retrieved}")
        c3.markdown(f"**{t('sources.rows', L)}**  \n{fmt_number(row.rows or 0, L)}")
        status = t(f"sources.status_{row.last_status}", L) if row.last_status else "–"
        live = t("sources.live_yes", L) if row.live_verified else t("sources.live_never", L)
        c3.markdown(f"**{t('sources.last_load', L)}**  \n{status} · {live}")
        if row.attribution:
            st.caption(row.attribution)
        if row.source_note:
            st.caption(f"{t('sources.caveats', L)}: {row.source_note}")
        if str(row.url).startswith("http"):  # the derived indicators' "url" is a place in this repository
            st.caption(row.url)
export = pd.DataFrame({
    t("sources.title", L): [r["title"] for r in rows], t("sources.publisher", L): [r["publisher"] for r in rows],
    t("sources.period", L): [r["period_covered"] for r in rows], t("sources.licence", L): [r["licence"] for r in rows],
    t("sources.caveats", L): [r["source_note"] for r in rows], "URL": [r["url"] for r in rows],
})
download_buttons(export, t("sources.title", L), {t("export.view", L): t("sources.title", L)}, L, key="dl_sources")
