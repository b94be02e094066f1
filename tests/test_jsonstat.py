"""The JSON-stat 2.0 decoder, on small documents whose cell positions are worked out by hand."""

from __future__ import annotations

import math

import pytest

from pipelines import jsonstat


def doc(**overrides) -> dict:
    """2 geos x 3 years; row-major, so the flat index is geo * 3 + year."""
    base = {
        "version": "2.0",
        "class": "dataset",
        "id": ["unit", "geo", "time"],
        "size": [1, 2, 3],
        "dimension": {
            "unit": {"category": {"label": {"PC": "Percentage"}}},  # no index: a single category
            "geo": {
                "category": {"index": {"BE234": 0, "BE211": 1}, "label": {"BE234": "Arr. Gent"}}
            },
            "time": {"category": {"index": ["2016", "2017", "2018"]}},
        },
        "value": {"0": 1.5, "2": 2.5, "4": 4.0},
        "status": {"2": "p", "5": "c"},
    }
    base.update(overrides)
    return base


def cell(df, geo, time):
    row = df[(df.geo == geo) & (df.time == time)]
    assert len(row) == 1
    return row.iloc[0]


def test_sparse_values_land_on_the_right_cells_and_flags_are_kept():
    df = jsonstat.decode(doc())
    assert list(df.columns) == ["unit", "geo", "time", "value", "flag"]
    assert len(df) == 4  # three values + one flag-only cell; the two empty cells are absent
    assert cell(df, "BE234", "2016").value == 1.5  # position 0
    assert (
        cell(df, "BE234", "2018").value == 2.5 and cell(df, "BE234", "2018").flag == "p"
    )  # position 2
    assert (
        cell(df, "BE211", "2017").value == 4.0 and cell(df, "BE211", "2017").flag is None
    )  # 1*3+1 = 4
    hidden = cell(df, "BE211", "2018")  # 1*3+2 = 5: flag without value
    assert math.isnan(hidden.value) and hidden.flag == "c"
    assert set(df.unit) == {"PC"}


def test_dense_arrays_and_a_single_status_string():
    df = jsonstat.decode(doc(value=[1, None, 3, 4, 5, 6], status="e"))
    assert len(df) == 6  # a string status flags every cell, so the null cell is kept with its flag
    assert math.isnan(cell(df, "BE234", "2017").value)
    assert cell(df, "BE211", "2018").value == 6
    assert set(df.flag) == {"e"}


def test_labels_fall_back_to_the_code():
    assert jsonstat.labels(doc(), "geo") == {"BE234": "Arr. Gent", "BE211": "BE211"}
    assert jsonstat.categories(doc(), "time") == ["2016", "2017", "2018"]


@pytest.mark.parametrize(
    ("overrides", "problem"),
    [
        ({"class": "collection"}, "not a JSON-stat dataset"),
        ({"version": "1.0"}, "version"),
        ({"size": [1, 2]}, "same, non-zero length"),
        ({"size": [1, 3, 3]}, "size says 3"),
        ({"value": {"6": 1.0}}, "outside 0..5"),
        ({"value": {"x": 1.0}}, "not a flat index"),
        ({"value": [1, 2]}, "array has 2 cells"),
        ({"value": {"0": "12,3"}}, "non-numeric"),
    ],
)
def test_malformed_documents_are_refused_with_a_reason(overrides, problem):
    with pytest.raises(jsonstat.JsonStatError, match=problem):
        jsonstat.decode(doc(**overrides))


def test_index_positions_must_be_a_permutation():
    bad = doc()
    bad["dimension"]["geo"]["category"]["index"] = {"BE234": 0, "BE211": 2}
    with pytest.raises(jsonstat.JsonStatError, match="0..n-1"):
        jsonstat.decode(bad)
