"""Chart builders for the two kinds of accountability: a project's performance measures and an
objective's population indicators with their turn-the-curve forecast.

Pure (frame in, plotly figure out), same rules as `dashboard.charts`: Okabe-Ito colours, large fonts,
Belgian number formats, words on the chart. The two kinds are never drawn in one chart or on one
axis: a project's measure gets its own bar chart, a population indicator its own line chart.
A forecast is never drawn as data: a dashed line and a band, named as a projection.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import OKABE_ITO
from dashboard.charts import _layout
from dashboard.charts import chronological
from dashboard.charts import one_series
from dashboard.charts import series_meta
from dashboard.charts import shared_figure
from dashboard.i18n import fmt_number


def _text(value: float, lang: str) -> str:
    return fmt_number(value, lang, 0 if float(value).is_integer() else 1)


@shared_figure  # built once per distinct input, a copy per call (dashboard/charts.py)
def measure_chart(
    df: pd.DataFrame,
    *,
    title: str,
    unit: str,
    lang: str = "nl",
    target: float | None = None,
    target_label: str = "",
) -> go.Figure:
    """A project's performance measure: one bar per period (values entered one by one, so bars, never a
    line across gaps), the value printed on the bar, the target as a dashed line. `unit`: as recorded."""
    g = df.sort_values("period")
    fig = go.Figure(
        go.Bar(
            x=g["period"].astype(str),
            y=g["value"],
            name=title,
            marker_color=OKABE_ITO[2],
            text=[_text(v, lang) for v in g["value"]],
            textposition="outside",
            cliponaxis=False,
            textfont={"size": 15},
            hovertemplate="%{x}: %{y}<extra></extra>",
        )
    )
    if target is not None:
        fig.add_hline(
            y=target,
            line_dash="dash",
            line_color=OKABE_ITO[5],
            line_width=3,
            annotation_text=target_label,
            annotation_position="top left",
            annotation_font_size=15,
        )
    chronological(fig, g["period"])
    fig = _layout(fig, title, unit, lang)
    fig.update_layout(showlegend=False, hovermode="closest")
    top = max([*g["value"].tolist(), target or 0] or [1])
    fig.update_yaxes(range=[0, float(top) * 1.25 or 1])
    return fig


@shared_figure
def curve_chart(
    series: pd.DataFrame,
    projection: pd.DataFrame | None,
    *,
    title: str,
    unit: str,
    lang: str,
    labels: dict[str, str],
    baseline: tuple[str, float] | None = None,
    target: tuple[int | None, float] | None = None,
    meta: dict | None = None,
) -> go.Figure:
    """Turn the curve: the published series (solid), the projection if nothing changes (dashed, from the
    last published point) with its prediction band, the baseline point and the target line.

    `projection`: period, value, lower, upper (lower/upper empty when the series is too short for a band).
    `labels`: series, projection, band, baseline, target. `meta`: indicator_id/source_id lists of the
    series, kept on the projection's traces so the one-series guard can read them."""
    fig = go.Figure()
    g = series[series["value"].notna()].sort_values("period")
    joined = one_series(g)
    fig.add_trace(
        go.Scatter(
            x=g["period"].astype(str),
            y=g["value"],
            name=labels["series"],
            mode="lines+markers" if joined else "markers",
            line={"color": OKABE_ITO[0], "width": 4},
            marker={"symbol": "circle", "size": 10},
            meta=series_meta(g, joined),
        )
    )
    periods = list(g["period"].astype(str))
    if projection is not None and not projection.empty and joined:
        last_p, last_v = str(g["period"].iloc[-1]), float(g["value"].iloc[-1])
        x = [last_p, *projection["period"].astype(str)]
        trace_meta = {**(meta or series_meta(g, True)), "joined": True, "projection": True}
        if projection["lower"].notna().all():
            fig.add_trace(
                go.Scatter(
                    x=x,
                    y=[last_v, *projection["upper"]],
                    mode="lines",
                    line={"width": 0},
                    showlegend=False,
                    hoverinfo="skip",
                    meta=trace_meta,
                    name=labels["band"],
                )
            )
            fig.add_trace(
                go.Scatter(
                    x=x,
                    y=[last_v, *projection["lower"]],
                    mode="lines",
                    line={"width": 0},
                    fill="tonexty",
                    fillcolor="rgba(230, 159, 0, 0.22)",
                    name=labels["band"],
                    meta=trace_meta,
                    hovertemplate="%{x}: %{y}<extra>" + labels["band"] + "</extra>",
                )
            )
        fig.add_trace(
            go.Scatter(
                x=x,
                y=[last_v, *projection["value"]],
                name=labels["projection"],
                mode="lines+markers",
                line={"color": OKABE_ITO[1], "width": 3, "dash": "dash"},
                marker={"symbol": "circle-open", "size": 9, "color": OKABE_ITO[1]},
                meta=trace_meta,
            )
        )
        periods += x[1:]
    if baseline and baseline[1] is not None and baseline[0]:
        fig.add_trace(
            go.Scatter(
                x=[baseline[0]],
                y=[baseline[1]],
                name=labels["baseline"],
                mode="markers",
                marker={
                    "symbol": "diamond",
                    "size": 16,
                    "color": OKABE_ITO[2],
                    "line": {"width": 2, "color": "#000000"},
                },
            )
        )
        periods.append(baseline[0])
    if target and target[1] is not None:
        fig.add_hline(
            y=target[1],
            line_dash="dot",
            line_color=OKABE_ITO[5],
            line_width=3,
            annotation_text=labels["target"],
            annotation_position="top left",
            annotation_font_size=15,
        )
    chronological(fig, periods)
    fig = _layout(fig, title, unit, lang)
    fig.update_yaxes(rangemode="normal")
    return fig
