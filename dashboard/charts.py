"""Chart builders: pure functions from a tidy DataFrame to a plotly Figure.

Kept free of Streamlit so they are unit-tested on their own and reused by exports.
Colours: Okabe-Ito (colour-blind safe); lines also differ by marker symbol so
nothing depends on colour alone. Fonts are large for a projector.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.i18n import fmt_value, t

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
SYMBOLS = ["circle", "square", "diamond", "triangle-up", "cross", "x", "star", "hexagon"]
FONT = {"size": 18}


def _layout(fig: go.Figure, title: str, unit: str, lang: str) -> go.Figure:
    fig.update_layout(
        title={"text": title, "font": {"size": 22}},
        font=FONT,
        template="plotly_white",
        legend={"orientation": "h", "yanchor": "top", "y": -0.15},
        margin={"l": 60, "r": 20, "t": 70, "b": 40},
        separators=",." if lang == "nl" else ".,",
        hovermode="x unified",
    )
    fig.update_yaxes(title=unit if unit != "persons" else t("unit.persons", lang), rangemode="tozero")
    return fig


def line_chart(df: pd.DataFrame, *, title: str, unit: str, lang: str = "nl", series: str = "geo_name") -> go.Figure:
    """One line per `series` value over `period`; the first series (e.g. Gent) is drawn thickest."""
    fig = go.Figure()
    for i, (name, g) in enumerate(df.groupby(series, sort=False)):
        g = g.sort_values("period")
        fig.add_trace(
            go.Scatter(
                x=g["period"], y=g["value"], name=str(name), mode="lines+markers",
                line={"color": OKABE_ITO[i % 8], "width": 5 if i == 0 else 3},
                marker={"symbol": SYMBOLS[i % 8], "size": 10},
                hovertemplate="%{y}<extra>" + str(name) + "</extra>",
            )
        )
    fig.update_xaxes(type="category")
    return _layout(fig, title, unit, lang)


def bar_chart(
    df: pd.DataFrame, *, title: str, unit: str, lang: str = "nl", x: str = "period", color: str = "geo_name",
    stacked: bool = False,
) -> go.Figure:
    """Grouped (or stacked) bars with the value printed on each bar, so no legend lookup is needed."""
    fig = go.Figure()
    for i, (name, g) in enumerate(df.groupby(color, sort=False)):
        fig.add_trace(
            go.Bar(
                x=g[x], y=g["value"], name=str(name), marker_color=OKABE_ITO[i % 8],
                marker_pattern_shape=["", "/", ".", "x", "-", "|", "+", "\\"][i % 8] if stacked else "",
                text=[fmt_value(v, unit, lang) for v in g["value"]],
                textposition="inside" if stacked else "outside",
                textfont={"size": 14},
                cliponaxis=False,
            )
        )
    fig.update_layout(barmode="stack" if stacked else "group", uniformtext={"minsize": 12, "mode": "show"})
    fig.update_xaxes(type="category")
    return _layout(fig, title, unit, lang)


def commuting_chart(df: pd.DataFrame, *, title: str, lang: str = "nl") -> go.Figure:
    """100 % bars: share of the jobs located in each area held by residents vs in-commuters.

    Shares, not counts, so a small arrondissement and the whole region compare on one axis;
    the counts are printed beside each share.
    """
    resident_share = 100 - df["in_commuter_share"]
    fig = go.Figure()
    for name, share, count, colour, pattern in (
        (t("paradox.jobs_residents", lang), resident_share, df["residents"], OKABE_ITO[0], ""),
        (t("paradox.jobs_incommuters", lang), df["in_commuter_share"], df["in_commuters"], OKABE_ITO[1], "/"),
    ):
        fig.add_trace(
            go.Bar(
                y=df["geo_name"], x=share, orientation="h", name=name, marker_color=colour,
                marker_pattern_shape=pattern,
                text=[
                    f"{fmt_value(s, '%', lang)} ({fmt_value(c, 'persons', lang)})"
                    for s, c in zip(share, count, strict=True)
                ],
                textposition="inside", insidetextanchor="middle", textfont={"size": 15},
            )
        )
    fig.update_layout(barmode="stack")
    fig.update_yaxes(autorange="reversed")
    fig = _layout(fig, title, "%", lang)
    fig.update_xaxes(title=t("paradox.share_of_jobs", lang), range=[0, 100])
    fig.update_yaxes(title=None, rangemode=None)
    return fig


def share_bar_chart(df: pd.DataFrame, *, title: str, lang: str = "nl") -> go.Figure:
    """In-commuter share per area, sorted as given, with the share printed on the bar."""
    fig = go.Figure(
        go.Bar(
            y=df["geo_name"], x=df["in_commuter_share"], orientation="h", marker_color=OKABE_ITO[1],
            text=[fmt_value(v, "%", lang) for v in df["in_commuter_share"]], textposition="outside",
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig = _layout(fig, title, "%", lang)
    fig.update_xaxes(title="%", range=[0, 100])
    fig.update_yaxes(title=None)
    return fig
