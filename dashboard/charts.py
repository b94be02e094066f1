"""Chart builders: pure functions from a tidy DataFrame to a plotly Figure.

Kept free of Streamlit so they are unit-tested on their own and reused by exports.
Colours: Okabe-Ito (colour-blind safe); lines also differ by marker symbol so
nothing depends on colour alone. Fonts are large for a projector.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import threading
from collections import OrderedDict

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from dashboard.i18n import fmt_value
from dashboard.i18n import t
from dashboard.i18n import unit_label

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
SYMBOLS = ["circle", "square", "diamond", "triangle-up", "cross", "x", "star", "hexagon"]
FONT = {"size": 18}
# The trace types the chart builders draw (tests/test_charts.py keeps this list complete).
TRACE_TYPES = ("bar", "scatter", "choroplethmap", "scattermap")


def _slim_template(base: str = "plotly_white") -> go.layout.Template:
    """plotly_white with only what our figures can use: the styling of our trace types and of 2-D axes.

    Why: the template travels inside every chart's specification, and plotly_white's defaults for
    twenty other trace types (heatmaps, 3-D, polar, ternary, geo) were 7.1 of a chart's 8.5 kB. Each
    byte is hashed twice and serialised on the server per session, then parsed by the browser
    (benchmarks/load.py, benchmarks/first_chart.py). Nothing our charts draw changes: the styling of
    bar, scatter and map traces and of the 2-D layout is kept as it is."""
    full = pio.templates[base].to_plotly_json()
    unused_layout = ("scene", "ternary", "polar", "geo")
    return go.layout.Template(
        layout={k: v for k, v in full["layout"].items() if k not in unused_layout},
        data={k: v for k, v in full["data"].items() if k in TRACE_TYPES},
    )


# Every figure uses the slim plotly_white. Set as the default rather than per figure: assigning a
# template to a figure validates and copies all of it (~8 ms a figure, measured in benchmarks/run.py),
# the default is applied from a cached copy (~1 ms).
pio.templates["gsiw_white"] = _slim_template()
pio.templates.default = "gsiw_white"


# --------------------------------------------------------------------------- shared figures
# Every session that shows the same data draws the same figure, and building one with plotly's
# validation costs 15-60 ms (a page holds up to ten): with many visitors this was most of the server's
# CPU (benchmarks/load.py). The builders are pure, so a figure is built once per distinct input and each
# caller gets its own unvalidated copy of the stored dict (~1 ms), free to change it. The key is a digest
# of the exact input (column names, dtypes, index and every value), so a different input never gets
# another's figure. Bounded LRU; the flow map gets its geometry marked
# with `shared_input`, keyed by identity; the choropleth map is left out (its feature collection is
# assembled per rerun, and reading it value by value would cost more than it saves).
_FIGURES_MAX = 512
_figures: OrderedDict[bytes, dict] = OrderedDict()
_figures_lock = threading.Lock()


# Large read-only inputs shared by every session (geometry from st.cache_resource): keyed by identity, not
# read value by value on each rerun. Held here, so an id is never reused while it is a key.
_shared_inputs: OrderedDict[int, object] = OrderedDict()


def shared_input(obj):
    """Mark `obj` as a read-only input shared across sessions (never changed after this call)."""
    with _figures_lock:
        _shared_inputs[id(obj)] = obj
        while len(_shared_inputs) > 64:
            _shared_inputs.popitem(last=False)
    return obj


class _Unhashable(Exception):
    pass


def _digest_into(h, value) -> None:
    if _shared_inputs.get(id(value)) is value:
        h.update(b"I%d|" % id(value))
    elif isinstance(value, pd.DataFrame):
        h.update(b"F%d|" % len(value))
        h.update(repr((list(map(str, value.columns)), list(map(str, value.dtypes)))).encode())
        if isinstance(value.index, pd.RangeIndex):
            h.update(b"R%d:%d:%d|" % (value.index.start, value.index.stop, value.index.step))
        else:
            _digest_into(h, pd.Series(value.index.to_numpy(), dtype=value.index.dtype))
        for col in value.columns:
            _digest_into(h, value[col])
    elif isinstance(value, pd.Series):
        h.update(b"S%d|%s|" % (len(value), str(value.dtype).encode()))
        if pd.api.types.is_numeric_dtype(value) or pd.api.types.is_datetime64_any_dtype(value):
            h.update(pd.util.hash_pandas_object(value, index=False).to_numpy().tobytes())
        elif isinstance(value.dtype, pd.StringDtype):  # text: joined as is (hashing Arrow strings is slower)
            h.update("\x1f".join(v if isinstance(v, str) else "\x00<NA>" for v in value.tolist()).encode())
        else:  # text and mixed columns: the type and repr of each value (None, NaN and 'None' differ)
            h.update("\x1f".join(f"{type(v).__name__}:{v!r}" for v in value.tolist()).encode())
    elif isinstance(value, dict):
        h.update(b"D")
        for k in sorted(value, key=repr):
            _digest_into(h, k)
            _digest_into(h, value[k])
        h.update(b"d")
    elif isinstance(value, (list, tuple)):
        h.update(b"L")
        for v in value:
            _digest_into(h, v)
        h.update(b"l")
    elif value is None or isinstance(value, (str, int, float, bool)):
        h.update(f"{type(value).__name__}:{value!r}\x1e".encode())
    else:
        raise _Unhashable(type(value).__name__)


def shared_figure(build):
    """Build each distinct figure once per process; every call returns its own copy (see above)."""

    @functools.wraps(build)
    def wrapper(*args, **kwargs):
        h = hashlib.blake2b(build.__qualname__.encode(), digest_size=20)
        try:
            _digest_into(h, args)
            _digest_into(h, kwargs)
        except _Unhashable:
            return build(*args, **kwargs)
        key = h.digest()
        with _figures_lock:
            spec = _figures.get(key)
            if spec is not None:
                _figures.move_to_end(key)
        if spec is None:
            fig = build(*args, **kwargs)
            # The figure's own property tree: arrays stay arrays (to_dict turns them into base64 text).
            # Map geometry is kept aside, shared read-only: copying it cost ~200 ms a rerun on Pendel.
            data = [{k: v for k, v in tr.items() if k != "geojson"} for tr in fig._data]
            geometry = {i: tr["geojson"] for i, tr in enumerate(fig._data) if isinstance(tr.get("geojson"), dict)}
            spec = (copy.deepcopy({"data": data, "layout": fig._layout}), geometry)
            with _figures_lock:
                _figures[key] = spec
                while len(_figures) > _FIGURES_MAX:
                    _figures.popitem(last=False)
        tree, geometry = spec
        fig = go.Figure(tree, _validate=False)  # copies the stored dict: the caller may change its figure
        for i, geojson in geometry.items():
            fig._data[i]["geojson"] = geojson  # by reference: nothing changes a figure's geometry
        fig._validate = True  # what the caller adds later is validated as usual
        return fig

    wrapper.uncached = build
    return wrapper


def readable(fig: go.Figure) -> go.Figure:
    """Projector rules for every figure: bar labels horizontal and hidden where they would not fit
    (never overlapping or turned vertical), titles and axes given the room they need."""
    fig.update_traces(textangle=0, constraintext="both", selector={"type": "bar"})
    fig.update_layout(uniformtext={"minsize": 12, "mode": "hide"}, title={"automargin": True})
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    return fig


def _layout(fig: go.Figure, title: str, unit: str, lang: str) -> go.Figure:
    readable(fig)
    fig.update_layout(
        title={"text": title, "font": {"size": 22}},
        font=FONT,
        legend={"orientation": "h", "yanchor": "top", "y": -0.15},
        margin={"l": 60, "r": 20, "t": 70, "b": 40},
        separators=",." if lang == "nl" else ".,",
        hovermode="x unified",
    )
    fig.update_yaxes(title=unit_label(unit, lang), rangemode="tozero")
    return fig


PUBLISHED = "published_figures"  # each row its own publication: never joined into a line


def one_series(g: pd.DataFrame) -> bool:
    """May these points be joined by a line? Only values of one series: one indicator, one source,
    one kind of period (2019 and 2019-07 are different publications), and not figures read one by
    one from separate pages (source `published_figures`)."""
    for col in ("indicator_id", "source_id"):
        if col in g and g[col].nunique(dropna=True) > 1:
            return False
    if "source_id" in g and (g["source_id"] == PUBLISHED).any():
        return False
    return g["period"].astype(str).str.len().nunique() <= 1


def series_meta(g: pd.DataFrame, joined: bool) -> dict:
    """What a trace holds, kept on the figure (trace.meta) so tests can check the one-series rule."""
    out = {"joined": joined}
    for col in ("indicator_id", "source_id"):
        if col in g:
            out[col] = sorted(map(str, g[col].dropna().unique()))
    return out


def chronological(fig: go.Figure, periods) -> go.Figure:
    """Every time axis runs from old to new, whatever order the traces were added in."""
    order = sorted({str(p) for p in periods})
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=order)
    return fig


@shared_figure
def line_chart(df: pd.DataFrame, *, title: str, unit: str, lang: str = "nl", series: str = "geo_name") -> go.Figure:
    """One line per `series` value over `period`; the first series (e.g. Gent) is drawn thickest."""
    fig = go.Figure()
    for i, (name, g) in enumerate(df.groupby(series, sort=False)):
        g = g.sort_values("period")
        joined = one_series(g)
        fig.add_trace(
            go.Scatter(
                x=g["period"].astype(str), y=g["value"], name=str(name), mode="lines+markers" if joined else "markers",
                line={"color": OKABE_ITO[i % 8], "width": 5 if i == 0 else 3},
                marker={"symbol": SYMBOLS[i % 8], "size": 10 if joined else 14},
                hovertemplate="%{y}<extra>" + str(name) + "</extra>", meta=series_meta(g, joined),
            )
        )
    chronological(fig, df["period"])
    return _layout(fig, title, unit, lang)


@shared_figure
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
    fig.update_layout(barmode="stack" if stacked else "group")
    if x == "period":
        chronological(fig, df[x])
    else:
        fig.update_xaxes(type="category")
    return _layout(fig, title, unit, lang)


@shared_figure
def commuting_chart(df: pd.DataFrame, *, title: str, lang: str = "nl", residents_label: str | None = None) -> go.Figure:
    """100 % bars: share of the jobs located in each area held by residents vs in-commuters.

    Shares, not counts, so a small arrondissement and the whole region compare on one axis;
    the counts are printed beside each share. `residents_label` names the residents of another
    geography level (default: the arrondissement's).
    """
    resident_share = 100 - df["in_commuter_share"]
    fig = go.Figure()
    for name, share, count, colour, pattern in (
        (residents_label or t("paradox.jobs_residents", lang), resident_share, df["residents"], OKABE_ITO[0], ""),
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


@shared_figure
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


# ---------------------------------------------------------------------------------------------
# Analysis pages (paradox, werkzoekenden, vacatures, pendel, kaart): builders added for issue 4.
# Same rules: pure, Okabe-Ito, large fonts, Belgian number formats, notes written on the chart.
# ---------------------------------------------------------------------------------------------

NOTE_FONT = {"size": 14, "color": "#444444"}
# Sequential, colour-blind-safe scale for maps (cividis is designed for colour-vision deficiency).
MAP_SCALE = "Cividis"


TITLE_LINE, NOTE_LINE = 28, 19  # pixels per line of title (22 px font) and of note (14 px font)


def _set_top(fig: go.Figure, title_lines: list[str], note_lines: list[str]) -> go.Figure:
    """Title and notes pinned to the top; the top margin (and a fixed height) grow with their lines."""
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    if "base_top" in meta:
        base, height0 = meta["base_top"], meta.get("base_height")
    else:
        base = fig.layout.margin.t if fig.layout.margin and fig.layout.margin.t is not None else 70
        height0 = fig.layout.height
    extra = (TITLE_LINE + 14) * (len(title_lines) - 1) + (NOTE_LINE * len(note_lines) + 8 if note_lines else 0)
    # Plotly anchors a multi-line title by its first line: pad it down so the top line is not clipped.
    title = {"text": "<br>".join(title_lines), "y": 1, "yref": "container", "yanchor": "top",
             "pad": {"t": 8 + 14 * (len(title_lines) - 1)}}
    if note_lines:
        title["subtitle"] = {"text": "<br>".join(note_lines), "font": NOTE_FONT}
    fig.update_layout(title=title, margin={"t": base + extra},
                      meta={"base_top": base, "base_height": height0, "notes": note_lines})
    if height0:
        fig.update_layout(height=height0 + extra)
    return fig


def _notes(fig: go.Figure) -> list[str]:
    return list(fig.layout.meta.get("notes") or []) if isinstance(fig.layout.meta, dict) else []


def _title_lines(fig: go.Figure) -> list[str]:
    text = fig.layout.title.text if fig.layout.title and fig.layout.title.text else ""
    return text.split("<br>")


def add_note(fig: go.Figure, text: str | None, width: int = 120) -> go.Figure:
    """A definition or series-break note printed on the chart itself, under its title, so it travels
    with a screenshot and never collides with the legend or axis labels below the plot.

    Wrapped at `width` characters (plotly does not wrap); a second note starts on a new line.
    """
    if not text:
        return fig
    import textwrap

    return _set_top(fig, _title_lines(fig), [*_notes(fig), *textwrap.wrap(text, width)])


def wrap_title(fig: go.Figure, width: int = 46) -> go.Figure:
    """For a chart in a half-width column: wrap a long title and its notes to the narrower width."""
    import textwrap

    title = " ".join(_title_lines(fig))
    notes = " ".join(_notes(fig))
    lines = textwrap.wrap(title, width) if len(title) > width else [title]
    return _set_top(fig, lines, textwrap.wrap(notes, int(width * 1.45)) if notes else [])


def _hbar_layout(fig: go.Figure, title: str, unit: str, lang: str, n_rows: int) -> go.Figure:
    fig = _layout(fig, title, unit, lang)
    fig.update_yaxes(autorange="reversed", title=None, rangemode=None, type="category")
    fig.update_xaxes(title=unit_label(unit, lang), rangemode="tozero")
    fig.update_layout(height=max(320, 110 + 46 * n_rows), hovermode="closest")
    return fig


@shared_figure
def paired_bars(
    left: pd.DataFrame, right: pd.DataFrame, *, title: str, left_title: str, right_title: str,
    left_unit: str, right_unit: str, lang: str = "nl", label: str = "geo_name",
) -> go.Figure:
    """Two measures side by side for the same areas (e.g. jobs per 100 inhabitants | job-seeker rate).

    Horizontal bars, the first area (the focus) in blue and the comparison areas in grey-blue, the value
    printed on each bar; an area without a value in one panel shows "–" there instead of a zero bar.
    """
    from plotly.subplots import make_subplots

    areas = list(dict.fromkeys([*left[label].tolist(), *right[label].tolist()]))
    fig = make_subplots(rows=1, cols=2, subplot_titles=(left_title, right_title), shared_yaxes=True,
                        horizontal_spacing=0.06)
    for col, (df, unit) in enumerate(((left, left_unit), (right, right_unit)), start=1):
        by_area = dict(zip(df[label], df["value"], strict=False))
        values = [by_area.get(a) for a in areas]
        # `text_note` names a larger area whose figure stands in for the row (e.g. "Arrondissement Gent").
        suffix = dict(zip(df[label], df["text_note"], strict=False)) if "text_note" in df else {}
        fig.add_trace(
            go.Bar(
                y=areas, x=[v if v is not None and v == v else 0 for v in values], orientation="h",
                marker_color=[OKABE_ITO[0] if i == 0 else OKABE_ITO[4] for i in range(len(areas))],
                text=[(fmt_value(v, unit, lang) + (f" ({suffix[a]})" if suffix.get(a) else ""))
                      if v is not None and v == v else "–" for a, v in zip(areas, values, strict=True)],
                textposition="outside", cliponaxis=False, showlegend=False, name=left_title if col == 1 else right_title,
                textfont={"size": 16},
            ),
            row=1, col=col,
        )
        top = max([v for v in values if v is not None and v == v] or [1])
        room = 1.9 if any(suffix.values()) else 1.3  # the printed value (and area name) must fit
        fig.update_xaxes(range=[0, top * room], row=1, col=col, title=unit if unit == "%" else None)
    fig.update_annotations(font={"size": 18})
    fig.update_layout(
        title={"text": title, "font": {"size": 22}}, font=FONT,
        separators=",." if lang == "nl" else ".,", height=max(320, 130 + 52 * len(areas)),
        margin={"l": 60, "r": 30, "t": 100, "b": 40},
    )
    fig.update_yaxes(autorange="reversed", type="category")
    return readable(fig)


@shared_figure
def ranked_bars(
    df: pd.DataFrame, *, title: str, unit: str, lang: str = "nl", label: str = "label", highlight: str | None = None,
) -> go.Figure:
    """Horizontal bars in the order given (sort before calling); `highlight` marks one row in orange."""
    colours = [OKABE_ITO[1] if highlight is not None and lab == highlight else OKABE_ITO[0] for lab in df[label]]
    fig = go.Figure(
        go.Bar(
            y=df[label].astype(str), x=df["value"], orientation="h", marker_color=colours,
            text=[fmt_value(v, unit, lang) for v in df["value"]], textposition="outside", cliponaxis=False,
            textfont={"size": 15}, hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    fig = _hbar_layout(fig, title, unit, lang, len(df))
    top = df["value"].max()
    if top == top and top:  # room for the printed value right of the longest bar
        fig.update_xaxes(range=[0, float(top) * 1.18])
    return fig


@shared_figure
def grouped_hbars(
    df: pd.DataFrame, *, title: str, unit: str, lang: str = "nl", label: str = "geo_name", color: str = "series",
) -> go.Figure:
    """Horizontal grouped bars (one colour and pattern per `color` value), values printed: readable
    area names however long, unlike rotated category labels."""
    fig = go.Figure()
    for i, (name, g) in enumerate(df.groupby(color, sort=False)):
        fig.add_trace(
            go.Bar(
                y=g[label], x=g["value"], orientation="h", name=str(name), marker_color=OKABE_ITO[i % 8],
                marker_pattern_shape=["", "/", ".", "x"][i % 4],
                text=[fmt_value(v, unit, lang) for v in g["value"]], textposition="outside", cliponaxis=False,
                textfont={"size": 14},
            )
        )
    fig.update_layout(barmode="group")
    fig = _hbar_layout(fig, title, unit, lang, df[label].nunique() * max(1, df[color].nunique()) * 0.6)
    fig.update_layout(legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0})
    fig.update_xaxes(title=None)
    top = df["value"].max()
    if top == top and top:
        fig.update_xaxes(range=[0, float(top) * 1.2])
    return fig


@shared_figure
def overrepresentation_chart(df: pd.DataFrame, *, title: str, lang: str = "nl", note: str | None = None) -> go.Figure:
    """Share of a group among job seekers beside its share among residents, per area and group.

    `df`: geo_name, group_label, share_jobseekers, share_population (percentages). A group is
    over-represented where the first bar is longer than the second; the two dates and the age mismatch
    belong in `note`.
    """
    rows = [f"{g} · {a}" for a, g in zip(df["geo_name"], df["group_label"], strict=True)]  # group first
    fig = go.Figure()
    for name, col, colour, pattern in (
        (t("chart.share_jobseekers", lang), "share_jobseekers", OKABE_ITO[5], ""),
        (t("chart.share_population", lang), "share_population", OKABE_ITO[0], "/"),
    ):
        fig.add_trace(
            go.Bar(
                y=rows, x=df[col], orientation="h", name=name, marker_color=colour, marker_pattern_shape=pattern,
                text=[fmt_value(v, "%", lang) for v in df[col]], textposition="outside", cliponaxis=False,
                textfont={"size": 14},
            )
        )
    fig.update_layout(barmode="group", legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0})
    fig = _hbar_layout(fig, title, "%", lang, len(rows) * 2)
    fig.update_layout(legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0},
                      margin={"t": 110})
    fig.update_xaxes(range=[0, max(100.0, float(df[["share_jobseekers", "share_population"]].max().max() or 0) * 1.15)])
    return add_note(fig, note)


def _map_view(bbox: tuple[float, float, float, float], width: int = 1000, height: int = 560) -> dict:
    """Centre and zoom that fit a lon/lat box in a web-mercator map of about width × height pixels."""
    import math

    lon0, lat0, lon1, lat1 = bbox
    centre = {"lon": (lon0 + lon1) / 2, "lat": (lat0 + lat1) / 2}
    span_lon = max(lon1 - lon0, 1e-4) * 1.08
    span_lat = max(lat1 - lat0, 1e-4) * 1.08 / math.cos(math.radians(centre["lat"]))
    zoom = min(math.log2(width * 360 / (512 * span_lon)), math.log2(height * 360 / (512 * span_lat)))
    return {"center": centre, "zoom": round(zoom - 0.15, 2)}


def _map_figure(*traces: dict) -> go.Figure:
    """A figure around large map traces (GeoJSON, outline paths), built without plotly's per-coordinate
    validation (half a second for Flanders' municipalities on every rerun). Everything added later
    is validated as usual."""
    fig = go.Figure(data=list(traces), _validate=False)
    fig._validate = True
    return fig


def choropleth_map(
    df: pd.DataFrame, geojson: dict, bbox: tuple[float, float, float, float], *, title: str, unit: str,
    lang: str = "nl", highlight: str | None = None, attribution: str | None = None,
) -> go.Figure:
    """Areas coloured by value on a blank background (no map tiles, so it works offline and on a projector).

    `df`: geo_code, geo_name, value. `geojson` features carry `id` = geo_code. The focus area
    (`highlight`) gets a thick outline; the boundaries' licence attribution is printed on the map.
    """
    fmt = [fmt_value(v, unit, lang) for v in df["value"]]
    fig = _map_figure({
        "type": "choroplethmap", "geojson": geojson, "locations": list(df["geo_code"]), "z": list(df["value"]),
        "colorscale": MAP_SCALE, "marker": {"line": {"width": 0.5, "color": "#ffffff"}}, "text": list(df["geo_name"]),
        "customdata": fmt, "hovertemplate": "%{text}: %{customdata}<extra></extra>",
        "colorbar": {"title": {"text": unit_label(unit, lang)}, "tickfont": {"size": 15}},
    })
    if highlight is not None and highlight in set(df["geo_code"]):
        fig.add_trace(
            go.Choroplethmap(
                geojson={"type": "FeatureCollection",
                         "features": [f for f in geojson["features"] if f.get("id") == highlight]},
                locations=[highlight], z=[0], showscale=False, hoverinfo="skip",
                colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]], marker_line_width=4,
                marker_line_color=OKABE_ITO[1],
            )
        )
    fig.update_layout(
        title={"text": title, "font": {"size": 22}}, font=FONT, separators=",." if lang == "nl" else ".,",
        map={"style": "white-bg", **_map_view(bbox)}, height=640, margin={"l": 10, "r": 10, "t": 70, "b": 40},
    )
    return add_note(fig, attribution)


@shared_figure
def flow_map(
    flows: pd.DataFrame, geojson: dict, centroids: dict[str, tuple[float, float]], target: str,
    bbox: tuple[float, float, float, float], *, title: str, lang: str = "nl", top: int = 12,
    attribution: str | None = None, outline: tuple[list, list] | None = None, view_width: int = 1000,
) -> go.Figure:
    """Commuting flows from origin areas to one target: origins coloured by flow, the largest as lines.

    `flows`: origin_code, origin_name, value (persons). Line width grows with the flow so the
    biggest origins stand out without relying on colour alone. `outline` (lon, lat paths) draws the
    areas' borders when their shapes are assembled from smaller parts.
    """
    fmt = [fmt_value(v, "persons", lang) for v in flows["value"]]
    traces = [{
        "type": "choroplethmap", "geojson": geojson, "locations": list(flows["origin_code"]),
        "z": list(flows["value"]), "colorscale": MAP_SCALE,
        "marker": {"line": {"width": 0 if outline else 0.6, "color": "#ffffff"}}, "text": list(flows["origin_name"]),
        "customdata": fmt, "hovertemplate": "%{text}: %{customdata}<extra></extra>",
        "colorbar": {"title": {"text": t("unit.persons", lang)}, "tickfont": {"size": 15}},
    }]
    if outline:
        traces.append({"type": "scattermap", "lon": list(outline[0]), "lat": list(outline[1]), "mode": "lines",
                       "showlegend": False, "line": {"width": 1.2, "color": "#ffffff"}, "hoverinfo": "skip"})
    fig = _map_figure(*traces)
    biggest = flows[flows["origin_code"] != target].nlargest(top, "value")
    vmax = float(biggest["value"].max()) if not biggest.empty else 1.0
    tlon, tlat = centroids[target]
    for row, label in zip(biggest.itertuples(), [fmt_value(v, "persons", lang) for v in biggest["value"]], strict=True):
        if row.origin_code not in centroids:
            continue
        olon, olat = centroids[row.origin_code]
        fig.add_trace(
            go.Scattermap(
                lon=[olon, tlon], lat=[olat, tlat], mode="lines", showlegend=False,
                line={"width": 1.5 + 10 * float(row.value) / vmax, "color": OKABE_ITO[1]},
                hovertemplate=f"{row.origin_name} → {label}<extra></extra>",
            )
        )
    fig.add_trace(
        go.Scattermap(lon=[tlon], lat=[tlat], mode="markers", marker={"size": 18, "color": OKABE_ITO[5]},
                      showlegend=False, hoverinfo="skip")
    )
    fig.update_layout(
        title={"text": title, "font": {"size": 22}}, font=FONT, separators=",." if lang == "nl" else ".,",
        map={"style": "white-bg", **_map_view(bbox, width=view_width)}, height=640,
        margin={"l": 10, "r": 10, "t": 70, "b": 40},
    )
    return add_note(fig, attribution)


@shared_figure
def target_chart(
    df: pd.DataFrame, *, title: str, unit: str, lang: str = "nl", labels: dict[str, str],
    baseline: tuple[str, float] | None = None, target: tuple[int, float] | None = None,
) -> go.Figure:
    """A linked series with its objective: the baseline as a marked point, the target as a dashed line.

    Used by the policy pages. Callers draw baseline and target only on the linked indicator itself,
    never on a context series of another definition. Labels carry the words, so the marks do not
    depend on colour.
    """
    fig = go.Figure()
    g = df[df["value"].notna()].sort_values("period")
    joined = one_series(g)
    if joined:
        fig.add_trace(go.Scatter(
            x=g["period"].astype(str), y=g["value"], name=labels["series"], mode="lines+markers",
            line={"color": OKABE_ITO[0], "width": 4}, marker={"symbol": "circle", "size": 10},
            meta=series_meta(g, True),
        ))
    else:  # separate publications: one marker each, never a trend line between them
        for j, (_, row) in enumerate(g.iterrows()):
            pub = row.get("publication") or labels["series"]
            fig.add_trace(go.Scatter(
                x=[str(row["period"])], y=[row["value"]], name=str(pub), mode="markers",
                marker={"symbol": SYMBOLS[j % 8], "size": 14, "color": OKABE_ITO[0]},
                meta=series_meta(g.loc[[row.name]], False), showlegend=j == 0 and "publication" not in g,
            ))
    if baseline and baseline[1] is not None:
        fig.add_trace(go.Scatter(
            x=[baseline[0]], y=[baseline[1]], name=labels["baseline"], mode="markers",
            marker={"symbol": "diamond", "size": 16, "color": OKABE_ITO[1], "line": {"width": 2, "color": "#000000"}},
        ))
    if target and target[1] is not None:
        fig.add_hline(y=target[1], line_dash="dash", line_color=OKABE_ITO[5], line_width=3,
                      annotation_text=labels["target"], annotation_position="top left", annotation_font_size=16)
    chronological(fig, list(g["period"]) + ([baseline[0]] if baseline and baseline[0] else []))
    fig = _layout(fig, title, unit, lang)
    fig.update_yaxes(rangemode="normal")  # progress is about change: do not flatten it against zero
    return fig


@shared_figure
def yearly_with_gaps(df: pd.DataFrame, *, title: str, unit: str, lang: str = "nl", gap_label: str = "",
                     series: str = "geo_name") -> go.Figure:
    """One published figure per year where a year without a figure stays a gap: the line is broken there,
    never drawn across it (no interpolation), and the empty year is named on the axis.

    `df` holds every year of the range (`period`), with an empty `value` where nothing was published."""
    df = df.sort_values("period")
    values = [None if pd.isna(v) else float(v) for v in df["value"]]
    name = str(df[series].dropna().iloc[0]) if df[series].notna().any() else title
    fig = go.Figure(
        go.Scatter(
            x=list(df["period"]), y=values, name=name, mode="lines+markers+text", connectgaps=False,
            line={"color": OKABE_ITO[0], "width": 4}, marker={"symbol": SYMBOLS[0], "size": 12},
            text=["" if v is None else fmt_value(v, unit, lang) for v in values], textposition="top center",
            textfont={"size": 15}, cliponaxis=False, hovertemplate="%{x}: %{y}<extra></extra>",
            # One indicator from one source, joined only between adjacent years (kept for the one-series guard).
            meta={"joined": True, **{c: sorted(map(str, df[c].dropna().unique())) for c in ("indicator_id", "source_id")
                                     if c in df}},
        )
    )
    fig.update_xaxes(type="category")
    fig = _layout(fig, title, t(f"unit.{unit}", lang) if unit in ("persons", "occupations") else unit, lang)
    fig.update_layout(showlegend=False, hovermode="closest")
    gaps = [p for p, v in zip(df["period"], values, strict=True) if v is None]
    if gaps and gap_label:
        fig.update_xaxes(tickvals=list(df["period"]),
                         ticktext=[f"{p}<br>({gap_label})" if p in gaps else p for p in df["period"]])
    return fig
