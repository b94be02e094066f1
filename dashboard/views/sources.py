"""Bronnen: where every number comes from, how fresh it is, and whether the last load worked."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import streamlit as st

from dashboard import freshness as F
from dashboard.exports import download_buttons
from dashboard.i18n import fmt_number
from dashboard.i18n import t
from dashboard.queries import sources as Q
from dashboard.ui import connection_or_stop
from dashboard.ui import lang

L = lang()
con = connection_or_stop(L)

st.title(t("sources.title", L))
info = Q.build_info(con)
st.caption(t("sources.built", L, built=info.get("built_at", "?"), mode=info.get("mode", "?")))

failed = Q.last_failed_run()
if failed:
    st.warning(t("sources.last_build_failed", L, at=failed.get("at"), error=failed.get("error")))

df = Q.sources_overview(con, L)
rows = Q.sources_rows(df, L)  # reader-facing provenance in this language (dashboard/provenance.py)
today = date.today()
fresh = Q.freshness(con, today)
attention = F.attention_titles(df, fresh)
if attention:
    st.warning(t("fresh.attention", L, n=len(attention), sources="; ".join(attention)))
for row in (SimpleNamespace(**r) for r in rows):
    f = fresh.get(row.source_id)
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
        if f is not None:
            c1, c2, c3 = st.columns(3)
            c1.markdown(f"**{t('fresh.latest', L)}**  \n{f.latest_period or '–'}")
            c2.markdown(f"**{t('fresh.rhythm', L)}**  \n{F.rhythm_text(f.frequency, L)}")
            if f.state == "overdue":
                c3.markdown(f"**{t('fresh.next', L)}**  \n–")
                st.warning(F.status_text(f, L, today))
            else:
                c3.markdown(f"**{t('fresh.next', L)}**  \n{F.status_text(f, L, today)}")
            if f.fetch_failed:
                st.error(F.fetch_text(f, L))
        if row.attribution:
            st.caption(row.attribution)
        if row.source_note:
            st.caption(f"{t('sources.caveats', L)}: {row.source_note}")
        if str(row.url).startswith("http"):  # the derived indicators' "url" is a place in this repository
            st.caption(row.url)
export = Q.sources_export(rows, L)
download_buttons(export, t("sources.title", L), {t("export.view", L): t("sources.title", L)}, L, key="dl_sources")
