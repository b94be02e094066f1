"""Indicatoren: pick an indicator, areas and period; chart, table and CSV. The view lives in the URL."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, queries
from dashboard.i18n import fmt_value, t
from dashboard.ui import connection_or_stop, download_csv, lang, no_data, source_caption

L = lang()
con = connection_or_stop(L)
Q = queries
qp = st.query_params

st.title(t("indicators.title", L))

catalogue = Q.indicators(con, L)
ids = catalogue["indicator_id"].tolist()
names = dict(zip(catalogue["indicator_id"], catalogue["name"], strict=True))
wanted = qp.get("indicator")
ind_id = st.selectbox(
    t("indicators.choose", L), ids, index=ids.index(wanted) if wanted in ids else
    (ids.index("jobseeker_rate") if "jobseeker_rate" in ids else 0),
    format_func=names.get, key="indicator",
)
meta = Q.indicator(con, ind_id, L)

geos = Q.geographies_of(con, ind_id, L)
geo_names = dict(zip(geos["geo_code"], geos["geo_name"], strict=True))
url_geos = [g for g in qp.get_all("geo") if g in geo_names]
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
qp["geo"] = chosen
qp["breakdown"] = breakdown
if start:
    qp["from"], qp["to"] = start, end

df = Q.series(con, ind_id, chosen, breakdown=breakdown, lang=L, period_from=start, period_to=end)
st.markdown(f"**{meta['name']}** · {meta['definition']}")
if df.empty or df["value"].notna().sum() == 0:
    no_data(L, meta["name"], f"{start}–{end}")
    st.stop()

kind = st.radio(t("indicators.chart_type", L), ["line", "bar"], horizontal=True,
                format_func=lambda k: t(f"indicators.{k}", L), key="kind")
series_col = "geo_name" if breakdown == "total" else "breakdown_label"
plot_df = df if breakdown == "total" or len(chosen) == 1 else df.assign(
    breakdown_label=df["geo_name"] + " · " + df["breakdown_label"])
builder = charts.line_chart if kind == "line" and len(periods) > 1 else charts.bar_chart
kwargs = {"series": series_col} if builder is charts.line_chart else {"color": series_col}
st.plotly_chart(builder(plot_df, title=meta["name"], unit=meta["unit"], lang=L, **kwargs), key="chart")
source_caption(meta, L, periods=f"{start}–{end}")
if meta["notes"]:
    st.caption(meta["notes"])
hidden = df[df["value"].isna()]
if not hidden.empty:
    st.caption(t("indicators.hidden_note", L, n=len(hidden)))

table = df[["geo_name", "breakdown_label", "period", "value", "status"]].copy()
table["value"] = [fmt_value(v, meta["unit"], L) for v in table["value"]]
table["status"] = [t(f"status.{s}", L) if s else "" for s in table["status"]]
table.columns = [t(f"col.{c}", L) for c in table.columns]
with st.expander(t("indicators.table", L), expanded=False):
    st.dataframe(table, hide_index=True, width="stretch")
download_csv(df.drop(columns=["sort_order"]), f"indicator-{ind_id}", L, key="dl_indicator")
