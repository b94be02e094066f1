"""The analysis pages' chart builders and map geometry on their own: what a viewer would see.

Inputs are small frames and squares generated here (synthetic, test-only); the pages' real numbers
are checked in test_pages_analysis.py.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from dashboard import charts
from dashboard import geo


def square(x0: float, y0: float, x1: float, y1: float) -> dict:
    """A clockwise lon/lat rectangle, corners given exactly (shared edges must share vertices)."""
    return {"type": "Polygon", "coordinates": [[[x0, y0], [x0, y1], [x1, y1], [x1, y0], [x0, y0]]]}


def shapes() -> pd.DataFrame:
    """Three municipalities: two side by side sharing an edge (one arrondissement), one apart."""
    return pd.DataFrame({
        "geo_code": ["44021", "44011", "11002"],
        "parent_code": ["44000", "44000", "11000"],
        "geometry": [json.dumps(square(3.6, 50.9, 3.8, 51.1)), json.dumps(square(3.8, 50.9, 4.0, 51.1)),
                     json.dumps(square(4.3, 51.1, 4.5, 51.3))],
    })


def test_add_note_prints_the_note_under_the_title_and_makes_room():
    fig = charts.line_chart(pd.DataFrame({"geo_name": ["Gent"], "period": ["2024"], "value": [10.8]}),
                            title="Werkzoekendengraad", unit="%")
    top = fig.layout.margin.t
    charts.add_note(fig, "VDAB-werkzoekendengraad, niet de IAB-werkloosheidsgraad. " * 4)
    assert "niet de IAB-werkloosheidsgraad" in fig.layout.title.subtitle.text
    assert fig.layout.title.subtitle.text.count("<br>") >= 1  # wrapped: plotly does not wrap itself
    assert fig.layout.margin.t > top
    charts.add_note(fig, "Tweede noot.")
    assert fig.layout.title.subtitle.text.endswith("Tweede noot.")
    assert charts.add_note(fig, None) is fig


def test_wrap_title_breaks_long_titles_for_half_width_columns():
    fig = charts.ranked_bars(pd.DataFrame({"label": ["a"], "value": [1.0]}),
                             title="Werkloosheidsgraad naar opleiding – Provincie Oost-Vlaanderen (2011)", unit="%")
    height = fig.layout.height
    charts.wrap_title(fig)
    assert fig.layout.title.text.count("<br>") == 1
    assert fig.layout.height > height  # the plot keeps its size; the extra title line gets its own room


def test_paired_bars_show_both_measures_per_area_and_a_dash_for_a_missing_one():
    left = pd.DataFrame({"geo_name": ["Gent", "Antwerpen", "Vlaams Gewest"], "value": [52.77, 46.59, 43.15],
                         "text_note": ["Arrondissement Gent", "Arrondissement Antwerpen", ""]})
    right = pd.DataFrame({"geo_name": ["Gent", "Antwerpen"], "value": [10.8, 14.1]})
    fig = charts.paired_bars(left, right, title="t", left_title="Banen", right_title="Graad",
                             left_unit="ratio", right_unit="%", lang="nl")
    jobs, rates = fig.data
    assert list(jobs.y) == list(rates.y) == ["Gent", "Antwerpen", "Vlaams Gewest"]
    assert jobs.text[0] == "52,77 (Arrondissement Gent)" and jobs.text[2] == "43,15"
    assert list(rates.text) == ["10,8 %", "14,1 %", "–"]
    assert rates.x[2] == 0  # no bar drawn, the dash says why
    assert jobs.marker.color[0] != jobs.marker.color[1]  # the focus area stands out
    assert [a.text for a in fig.layout.annotations] == ["Banen", "Graad"]


def test_ranked_bars_keep_order_print_values_and_highlight():
    df = pd.DataFrame({"label": ["Zakelijke dienstverlening", "Bouw"], "value": [3853.0, 1363.0]})
    fig = charts.ranked_bars(df, title="Vacatures", unit="vacancies", lang="nl", highlight="Bouw")
    bar = fig.data[0]
    assert list(bar.y) == ["Zakelijke dienstverlening", "Bouw"]
    assert list(bar.text) == ["3.853", "1.363"]
    assert bar.marker.color[0] != bar.marker.color[1]
    assert fig.layout.yaxis.autorange == "reversed"  # the first row on top
    assert fig.layout.xaxis.range[1] > 3853  # room for the printed value


def test_grouped_hbars_one_trace_per_series_with_patterns():
    df = pd.DataFrame({"geo_name": ["Arr. Gent", "Arr. Gent", "Vlaams Gewest"],
                       "series": ["in", "uit", "in"], "value": [35.5, 30.7, 33.6]})
    fig = charts.grouped_hbars(df, title="t", unit="%", lang="en")
    assert [tr.name for tr in fig.data] == ["in", "uit"]
    assert list(fig.data[0].text) == ["35.5%", "33.6%"]
    assert fig.data[0].marker.pattern.shape != fig.data[1].marker.pattern.shape


def test_overrepresentation_chart_sets_both_shares_side_by_side():
    df = pd.DataFrame({"geo_name": ["Gent", "Antwerpen"], "group_label": ["Niet-EU", "Niet-EU"],
                       "share_jobseekers": [46.77, 67.16], "share_population": [26.44, 42.14]})
    fig = charts.overrepresentation_chart(df, title="t", lang="nl", note="werkzoekenden 31/12/2024, inwoners 1/1/2025")
    js, pop = fig.data
    assert list(js.y) == ["Niet-EU · Gent", "Niet-EU · Antwerpen"]
    assert list(js.text) == ["46,8 %", "67,2 %"] and list(pop.text) == ["26,4 %", "42,1 %"]
    assert js.name == "Aandeel bij de werkzoekenden" and pop.name == "Aandeel bij de inwoners"
    assert fig.layout.barmode == "group"
    assert "1/1/2025" in fig.layout.title.subtitle.text


def test_choropleth_map_colours_areas_outlines_the_focus_and_credits_the_boundaries():
    fc = geo.feature_collection(shapes())
    df = pd.DataFrame({"geo_code": ["44021", "11002"], "geo_name": ["Gent", "Antwerpen"], "value": [10.8, 14.1]})
    fig = charts.choropleth_map(df, fc, geo.bbox(fc), title="Werkzoekendengraad", unit="%", lang="nl",
                                highlight="44021", attribution="Grenzen: © gemeentebesturen")
    colours, focus = fig.data
    assert list(colours.locations) == ["44021", "11002"] and list(colours.z) == [10.8, 14.1]
    assert list(colours.customdata) == ["10,8 %", "14,1 %"]
    assert colours.colorscale == "Cividis"  # sequential and colour-blind safe
    assert list(focus.locations) == ["44021"] and focus.marker.line.width > colours.marker.line.width
    assert fig.layout.map.style == "white-bg"  # no map tiles: works offline
    assert "gemeentebesturen" in fig.layout.title.subtitle.text
    assert 3.6 < fig.layout.map.center.lon < 4.5


def test_flow_map_draws_the_largest_flows_as_lines_to_the_target():
    s = shapes()
    arr = geo.merge_by(s, s["parent_code"])
    fc = geo.feature_collection(arr)
    centres = geo.centroids(fc)
    flows = pd.DataFrame({"origin_code": ["11000"], "origin_name": ["Arr. Antwerpen"], "value": [4455.0]})
    fig = charts.flow_map(flows, fc, centres, "44000", geo.bbox(fc), title="t", lang="nl",
                          outline=geo.outlines(s, s["parent_code"]))
    choro, outline, line, target = fig.data
    assert list(choro.locations) == ["11000"] and choro.marker.line.width == 0
    assert None in outline.lon  # one path per area
    assert line.lon[0] == pytest.approx(4.4) and line.lon[1] == pytest.approx(3.8)
    assert "4.455" in line.hovertemplate
    assert target.lon[0] == pytest.approx(3.8)


def test_geometry_helpers_merge_outline_and_centre():
    s = shapes()
    arr = geo.merge_by(s, s["parent_code"])
    assert list(arr["geo_code"]) == ["44000", "11000"]
    assert json.loads(arr["geometry"][0])["type"] == "MultiPolygon"
    fc = geo.feature_collection(arr)
    assert [f["id"] for f in fc["features"]] == ["44000", "11000"]
    assert geo.bbox(fc) == pytest.approx((3.6, 50.9, 4.5, 51.3))
    assert geo.bbox(fc, ["44000"]) == pytest.approx((3.6, 50.9, 4.0, 51.1))
    lon, lat = geo.centroids(fc)["44000"]
    assert (lon, lat) == (pytest.approx(3.8), pytest.approx(51.0))
    lons, lats = geo.outlines(s, s["parent_code"])
    # The edge the two municipalities of 44000 share (x = 3.8) is not part of its outline.
    pts = list(zip(lons, lats, strict=True))
    steps = [(a, b) for a, b in zip(pts, pts[1:], strict=False) if a[0] is not None and b[0] is not None]
    assert not any(a[0] == b[0] == 3.8 for a, b in steps)
    assert (3.6, 50.9) in pts and (4.0, 51.1) in pts
    assert lons.count(None) == 2  # one closed path per arrondissement


def test_simplify_lightens_boundaries_but_keeps_every_ring_closed():
    ring = [[3.0 + i * 0.0001, 51.0] for i in range(50)] + [[3.005, 51.01], [3.0, 51.01], [3.0, 51.0]]
    df = pd.DataFrame({"geo_code": ["x"], "geometry": [json.dumps({"type": "Polygon", "coordinates": [ring]})]})
    out = json.loads(geo.simplify(df)["geometry"][0])["coordinates"][0]
    assert len(out) < len(ring) // 4
    assert out[0] == out[-1] == [3.0, 51.0] and len(out) >= 4
    lons, lats = geo.thin_path([r[0] for r in ring] + [None], [r[1] for r in ring] + [None])
    assert lons[-1] is None and len(lons) < len(ring) // 4
