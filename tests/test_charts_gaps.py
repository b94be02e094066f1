"""yearly_with_gaps: a year without a published figure stays a gap, never bridged or filled in (synthetic frame)."""

from __future__ import annotations

import itertools

import pandas as pd

from dashboard import charts


def synthetic() -> pd.DataFrame:
    """Made-up counts with two missing years in the middle and one isolated year."""
    return pd.DataFrame(
        {
            "period": ["2010", "2011", "2012", "2013", "2014", "2015", "2016"],
            "value": [10.0, 12.0, None, 15.0, None, 20.0, 21.0],
            "geo_name": "Vlaams Gewest",
            "indicator_id": "x_count",
            "source_id": "x_source",
        }
    )


def test_missing_years_are_empty_points_on_the_axis_and_no_segment_crosses_them():
    fig = charts.yearly_with_gaps(
        synthetic(), title="t", unit="occupations", lang="nl", gap_label="geen cijfer"
    )
    (trace,) = fig.data
    assert list(trace.x) == ["2010", "2011", "2012", "2013", "2014", "2015", "2016"]
    assert list(trace.y) == [10.0, 12.0, None, 15.0, None, 20.0, 21.0]
    assert trace.connectgaps is False
    drawn = [(int(x), y) for x, y in zip(trace.x, trace.y, strict=True)]
    for (x0, y0), (x1, y1) in itertools.pairwise(drawn):
        if y0 is not None and y1 is not None:
            assert x1 - x0 == 1
    assert list(trace.text) == ["10", "12", "", "15", "", "20", "21"]
    assert list(fig.layout.xaxis.ticktext) == [
        "2010",
        "2011",
        "2012<br>(geen cijfer)",
        "2013",
        "2014<br>(geen cijfer)",
        "2015",
        "2016",
    ]
    assert fig.layout.yaxis.title.text == "beroepen"
    assert trace.meta == {"joined": True, "indicator_id": ["x_count"], "source_id": ["x_source"]}


def test_english_labels_and_unsorted_input():
    df = synthetic().sample(frac=1, random_state=1)
    fig = charts.yearly_with_gaps(
        df, title="t", unit="occupations", lang="en", gap_label="no figure"
    )
    assert list(fig.data[0].x) == sorted(df["period"])
    assert fig.layout.yaxis.title.text == "occupations"
    assert "2012<br>(no figure)" in fig.layout.xaxis.ticktext
