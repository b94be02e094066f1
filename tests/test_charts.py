"""Chart builders on their own: what a viewer would see in the figure."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import charts


def frame():
    return pd.DataFrame(
        {"geo_name": ["Gent", "Gent", "Antwerpen", "Antwerpen"], "period": ["2023", "2024", "2023", "2024"],
         "value": [10.1, 10.8, 13.2, 14.1]}
    )


def test_line_chart_has_one_trace_per_area_and_gent_first_and_thickest():
    fig = charts.line_chart(frame(), title="Werkzoekendengraad", unit="%", lang="nl")
    assert [t.name for t in fig.data] == ["Gent", "Antwerpen"]
    assert fig.data[0].line.width > fig.data[1].line.width
    assert fig.data[0].marker.symbol != fig.data[1].marker.symbol  # not by colour alone
    assert fig.layout.title.text == "Werkzoekendengraad"
    assert fig.layout.separators == ",."  # Dutch decimals in hover and axes


def test_bar_chart_prints_values_in_locale():
    fig = charts.bar_chart(frame(), title="t", unit="%", lang="nl")
    assert list(fig.data[0].text) == ["10,1 %", "10,8 %"]
    fig_en = charts.bar_chart(frame(), title="t", unit="%", lang="en")
    assert list(fig_en.data[0].text) == ["10.1%", "10.8%"]
    assert fig_en.layout.separators == ".,"


def test_stacked_bars_use_patterns_as_well_as_colours():
    df = frame().assign(breakdown_label=["a", "a", "b", "b"])
    fig = charts.bar_chart(df, title="t", unit="persons", color="breakdown_label", stacked=True)
    assert fig.layout.barmode == "stack"
    assert fig.data[0].marker.pattern.shape != fig.data[1].marker.pattern.shape


def test_commuting_chart_splits_jobs_and_labels_share():
    df = pd.DataFrame({"geo_name": ["Arr. Gent"], "residents": [160470.0], "in_commuters": [120000.0],
                       "in_commuter_share": [42.8], "jobs": [280470.0]})
    fig = charts.commuting_chart(df, title="t", lang="nl")
    assert fig.layout.barmode == "stack"
    assert list(fig.data[0].x) == [pytest.approx(57.2)]
    assert fig.data[1].text[0] == "42,8 % (120.000)"
    assert fig.data[0].text[0] == "57,2 % (160.470)"
    assert tuple(fig.layout.xaxis.range) == (0, 100)


def test_the_slim_template_styles_every_trace_type_the_builders_draw_as_plotly_white_does():
    """The figures carry a trimmed plotly_white (charts._slim_template): it must keep the styling of
    every trace type a chart module draws, unchanged, and the 2-D layout."""
    import re
    from pathlib import Path

    import plotly.io as pio

    from pipelines.config import ROOT

    drawn = set()
    for path in Path(ROOT, "dashboard").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        drawn |= {m.lower() for m in re.findall(r"\bgo\.([A-Z][a-z]+)\(", text)} - {"figure"}
        drawn |= set(re.findall(r'"type":\s*"([a-z]+)"', text))  # traces written as dicts
    assert drawn <= set(charts.TRACE_TYPES), drawn - set(charts.TRACE_TYPES)
    full = pio.templates["plotly_white"].to_plotly_json()
    slim = pio.templates[pio.templates.default].to_plotly_json()
    assert pio.templates.default == "gsiw_white"
    for trace in charts.TRACE_TYPES:
        assert slim["data"].get(trace) == full["data"].get(trace), trace
    for key in ("xaxis", "yaxis", "font", "colorway", "plot_bgcolor", "paper_bgcolor", "hoverlabel"):
        assert slim["layout"][key] == full["layout"][key], key
    fig = charts.line_chart(
        pd.DataFrame({"geo_code": ["44021"], "geo_name": ["Gent"], "period": ["2024"], "value": [1.0]}),
        title="t",
        unit="%",
        lang="nl",
    )
    assert len(fig.to_json()) < 4000  # plotly_white's twenty other trace types no longer travel along
