"""Kaart: any indicator on the map, per municipality or per Gent wijk where data exists."""

from __future__ import annotations

import streamlit as st

from dashboard import charts
from dashboard import db
from dashboard import geo
from dashboard.filters import filter_bar
from dashboard.i18n import fmt_number
from dashboard.i18n import fmt_value
from dashboard.i18n import t
from dashboard.panel import evidence
from dashboard.queries import kaart as Q
from dashboard.ui import connection_or_stop
from dashboard.ui import lang

L = lang()
con = connection_or_stop(L)


@st.cache_data(max_entries=2, show_spinner=False)
def municipal_features(version: tuple) -> dict[str, dict]:
    """Every municipality's (lightened) boundary by code, parsed once per warehouse build (`version`)."""
    shapes = geo.simplify(Q.municipality_shapes(db.connection()))
    return {f["id"]: f for f in geo.feature_collection(shapes)["features"]}


qp = st.query_params
head = st.container()

catalogue = Q.map_indicators(con, L)
ids = catalogue["indicator_id"].tolist()
names = Q.lookup(catalogue, "indicator_id", "name")
if not ids:
    head.title(t("map.title_empty", L))
    st.info(t("app.no_data", L, what=t("map.any_indicator", L), period="–"))
    st.stop()
wanted = qp.get("indicator")
c1, c2, c3 = st.columns([3, 2, 2])
ind = c1.selectbox(t("indicators.choose", L), ids,
                   index=ids.index(wanted) if wanted in ids else (ids.index("jobseeker_rate")
                                                                   if "jobseeker_rate" in ids else 0),
                   format_func=names.get, key="map_indicator")
meta = Q.indicator(con, ind, L)


def _dimension(b: str) -> str:
    """Translated breakdown name, or the code itself when no locale names it yet."""
    name = t(f"breakdown.{b}", L)
    return b if name == f"breakdown.{b}" else name


cat_labels = Q.categories(con, ind, L, _dimension)
cat_keys = list(cat_labels)
wanted = qp.get("category")
cat = c2.selectbox(t("map.category", L), cat_keys, index=cat_keys.index(wanted) if wanted in cat_keys else 0,
                   format_func=cat_labels.get, key="map_category")
breakdown, breakdown_value = cat.split(":", 1)
LEVELS = ["municipality", "wijk"]
wanted = qp.get("level")
level = c3.radio(t("map.level", L), LEVELS, index=1 if wanted == "wijk" else 0, horizontal=True,
                 format_func=lambda v: t(f"map.level_{v}", L), key="map_level")
for k, v in (("indicator", ind), ("category", cat), ("level", level)):
    if qp.get(k) != v:
        qp[k] = v

periods = Q.map_periods(con, ind, level) or Q.map_periods(con, ind, "municipality")
f = filter_bar(Q.area_options(con, L), periods, L, default_geo=Q.GENT, compare=False, period="year")
year = f.period_to or "–"
label = meta["name"] if breakdown == "total" else f"{meta['name']} – {cat_labels[cat]}"
head.title(t("map.title", L, name=label))
attribution = Q.boundary_attribution(con, L)

values = Q.map_values(con, ind, level, year, breakdown=breakdown, breakdown_value=breakdown_value, lang=L)
if level == "wijk":
    values = values[values["geo_code"].str.startswith(f.geo)]
shown = values[values["value"].notna()]
where = t(f"map.where_{level}", L, geo=f.name())
if shown.empty:
    st.info(t("app.no_data", L, what=f"{label} ({where})", period=year))
    available = Q.wijk_indicators(con, f.geo, L) if level == "wijk" else []
    if available:
        st.markdown(t("map.wijk_available", L, geo=f.name(), names="; ".join(available)))
    if attribution:
        st.caption(t("map.attribution", L, attribution=attribution))
    st.stop()

if level == "wijk":
    fc = geo.feature_collection(Q.shapes_for(con, shown["geo_code"].tolist()))
else:
    features = municipal_features(db.current_version())
    fc = {"type": "FeatureCollection", "features": [features[c] for c in shown["geo_code"] if c in features]}
drawn = {f["id"] for f in fc["features"]}
on_map = shown[shown["geo_code"].isin(drawn)]
off_map = shown[~shown["geo_code"].isin(drawn)]
title = t("map.chart_title", L, name=label, period=year)
fig = charts.choropleth_map(on_map, fc, geo.bbox(fc), title=title, unit=meta["unit"], lang=L, highlight=f.geo,
                            attribution=t("map.attribution", L, attribution=attribution or "–"))

# Where the focus area stands among all areas on the map.
ranked = shown.reset_index(drop=True)
pos = ranked.index[ranked["geo_code"] == f.geo]
if len(pos):
    st.markdown(t("map.rank", L, geo=f.name(), value=fmt_value(ranked.loc[pos[0], "value"], meta["unit"], L),
                  rank=fmt_number(int(pos[0]) + 1, L), n=fmt_number(len(ranked), L),
                  median=fmt_value(ranked["value"].median(), meta["unit"], L)))
hidden = values["value"].isna().sum()
notes = [
    t("map.off_map", L, n=len(off_map)) if not off_map.empty else "",
    t("map.hidden", L, n=int(hidden)) if hidden else "",
    t("map.codes_note", L),
    t("map.index_note", L) if meta["unit"] == "index" else "",
]
c_val = meta["name"]
table = ranked.assign(rank=range(1, len(ranked) + 1))[["rank", "geo_name", "geo_code", "period", "value"]].rename(
    columns={"rank": t("map.col_rank", L), "geo_name": t("col.geo_name", L), "geo_code": t("map.col_code", L),
             "period": t("col.period", L), "value": c_val})
evidence(fig, table, key="map", title=title, lang=L, metas=[meta], period=year, units={c_val: meta["unit"]},
         notes=notes, view=f"kaart-{ind}-{level}")
st.caption(t("map.attribution", L, attribution=attribution or "–"))
