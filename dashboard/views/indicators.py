"""Indicatoren: pick an indicator, areas and period; chart, table and CSV. The view lives in the URL."""

from __future__ import annotations

import streamlit as st

from dashboard import charts
from dashboard.exports import download_buttons
from dashboard.filters import remember
from dashboard.i18n import fmt_value
from dashboard.i18n import t
from dashboard.panel import metadata
from dashboard.provenance import localise
from dashboard.queries import indicators as Q
from dashboard.ui import connection_or_stop
from dashboard.ui import lang
from dashboard.ui import no_data
from dashboard.ui import source_caption

L = lang()
con = connection_or_stop(L)
qp = st.query_params

st.title(t("indicators.title", L))

catalogue = Q.indicators_with_data(con, L)
ids = catalogue["indicator_id"].tolist()
names = Q.lookup(catalogue, "indicator_id", "name")
wanted = qp.get("indicator")
ind_id = st.selectbox(
    t("indicators.choose", L), ids, index=ids.index(wanted) if wanted in ids else
    (ids.index("jobseeker_rate") if "jobseeker_rate" in ids else 0),
    format_func=names.get, key="indicator",
)
meta = Q.indicator(con, ind_id, L)
# Issue 3: a second indicator for comparison, e.g. the VDAB rate beside a census or ILO rate.
others = ["", *[i for i in ids if i != ind_id]]
wanted2 = qp.get("indicator2")
ind2 = st.selectbox(t("explorer.compare_indicator", L), others, index=others.index(wanted2) if wanted2 in others else 0,
                    format_func=lambda i: names.get(i) or t("explorer.none", L), key="indicator2")
meta2 = Q.indicator(con, ind2, L) if ind2 else None

geos = Q.geographies_of(con, ind_id, L)
geo_names = Q.lookup(geos, "geo_code", "geo_name")
# The shared filter model: `geo` is the focus, `compare` the others (a repeated `geo` also works).
url_geos = list(dict.fromkeys(g for g in [*qp.get_all("geo"), *qp.get_all("compare")] if g in geo_names))
default_geos = url_geos or [g for g in [*Q.PEER_CITIES, *Q.PEER_ARRONDISSEMENTS, Q.FLANDERS] if g in geo_names][:5] \
    or list(geo_names)[:3]
c1, c2, c3 = st.columns([3, 1, 2])
chosen = c1.multiselect(t("indicators.areas", L), list(geo_names), default=default_geos, format_func=geo_names.get,
                        key="geos")
bds = Q.breakdowns_of(con, ind_id)
url_bd = qp.get("breakdown")
breakdown = c2.selectbox(t("indicators.breakdown", L), bds, index=bds.index(url_bd) if url_bd in bds else 0,
                         format_func=lambda b: t(f"breakdown.{b}", L), key="breakdown")
periods = Q.periods_of(con, ind_id)
if len(periods) > 1:
    p_from, p_to = qp.get("from"), qp.get("to")
    start, end = c3.select_slider(
        t("indicators.period", L), periods,
        value=(p_from if p_from in periods else periods[0], p_to if p_to in periods else periods[-1]), key="period",
    )
else:
    start = end = periods[0] if periods else None

# Keep the view in the URL so a link reproduces it.
qp["indicator"] = ind_id
qp["geo"] = chosen  # repeated geo: the explorer's areas are all equal; other pages read the first as focus
if "compare" in qp:
    del qp["compare"]
if chosen:
    remember({"geo": chosen[0], "compare": chosen[1:] or ""})
qp["breakdown"] = breakdown
if ind2:
    qp["indicator2"] = ind2
elif "indicator2" in qp:
    del qp["indicator2"]
if start:
    qp["from"], qp["to"] = start, end

df = Q.series(con, ind_id, chosen, breakdown=breakdown, lang=L, period_from=start, period_to=end)
st.markdown(f"**{meta['name']}** · {meta['definition']}")
df2 = None
if meta2:
    st.markdown(f"**{meta2['name']}** · {meta2['definition']}")
    concepts = Q.concept_of(con, [ind_id, ind2])
    if concepts.get(ind_id) and concepts.get(ind_id) == concepts.get(ind2):
        st.warning(t("explorer.concept_warning", L, a=meta["name"], b=meta2["name"]))
    bd2 = breakdown if breakdown in Q.breakdowns_of(con, ind2) else "total"
    df2 = Q.series(con, ind2, chosen, breakdown=bd2, lang=L, period_from=start, period_to=end)
    if df2.empty or df2["value"].notna().sum() == 0:
        no_data(L, f"{meta2['name']} ({', '.join(geo_names[c] for c in chosen)})", f"{start}–{end}")
        df2 = None
if df.empty or df["value"].notna().sum() == 0:
    no_data(L, meta["name"], f"{start}–{end}")
    st.stop()

kind = st.radio(t("indicators.chart_type", L), ["line", "bar"], horizontal=True,
                format_func=lambda k: t(f"indicators.{k}", L), key="kind")

plot_df = Q.plot_frame(df, breakdown, len(chosen))
builder = charts.line_chart if kind == "line" and len(periods) > 1 else charts.bar_chart
kwargs = {"series": "series"} if builder is charts.line_chart else {"color": "series"}
together = df2 is not None and meta2["unit"] == meta["unit"]
if together:
    # Same unit: one chart, each line named "indicator · area", never joined into one series.
    plot_df = Q.one_chart(plot_df, meta["name"], Q.plot_frame(df2, df2["breakdown"].iloc[0], len(chosen)),
                          meta2["name"])
    title = f"{meta['name']} / {meta2['name']}"
else:
    title = meta["name"]
st.plotly_chart(builder(plot_df, title=title, unit=meta["unit"], lang=L, **kwargs), key="chart")
source_caption(meta, L, periods=f"{start}–{end}")
if localise(meta, L)["source_note"]:
    st.caption(localise(meta, L)["source_note"])
if df2 is not None:
    if not together:
        plot2 = Q.plot_frame(df2, df2["breakdown"].iloc[0], len(chosen))
        st.plotly_chart(builder(plot2, title=meta2["name"], unit=meta2["unit"], lang=L, **kwargs), key="chart2")
    source_caption(meta2, L, periods=f"{start}–{end}")
    if localise(meta2, L)["source_note"]:
        st.caption(localise(meta2, L)["source_note"])
hidden = df[df["value"].isna()]
if not hidden.empty:
    st.caption(t("indicators.hidden_note", L, n=len(hidden)))

full = Q.with_indicator(df, meta, df2, meta2)
table = full[["indicator", "geo_name", "breakdown_label", "period", "value", "status"]].copy()
table["value"] = [fmt_value(v, u, L) for v, u in zip(full["value"], full["unit"], strict=True)]
table["status"] = [t(f"status.{s}", L) if s else "" for s in table["status"]]
table.columns = [t("explorer.col_indicator", L), *[t(f"col.{c}", L) for c in table.columns[1:]]]
with st.expander(t("indicators.table", L), expanded=False):
    st.dataframe(table, hide_index=True, width="stretch")
# The download in the reader's words: official NIS code kept for joins, no internal ids, units and
# status in words, the value as a number (rounded as shown by the export path).
export = Q.explorer_export(full, L)
download_buttons(export, f"indicator-{ind_id}" + (f"-{ind2}" if ind2 else ""),
                 metadata(title, [m for m in (meta, meta2) if m], f"{start}–{end}", [], L), L, key="dl_indicator")
