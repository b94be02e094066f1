"""The disclosure rule itself (dashboard/disclosure.py): which values are hidden, and how.

Fast and pure, so mutation testing (`make mutation`) can run it for every mutant.
"""

from __future__ import annotations

import pandas as pd

from dashboard.disclosure import COUNT_UNITS, THRESHOLD, is_small, protect


def test_protect_covers_every_count_unit_and_only_counts():
    df = pd.DataFrame({"value": [0.0, 1.0, 2.0, 3.0, 3.5, 4.0, None], "status": [None] * 7})
    for unit in COUNT_UNITS:
        out = protect(df, unit)
        assert out["value"].tolist()[0] == 0.0 and out["value"].tolist()[5] == 4.0
        assert out["value"].iloc[1:5].isna().all()  # 3.5 is below the threshold too
        assert out["status"].tolist()[1:5] == ["suppressed"] * 4 and out["status"].iloc[5] is None
        assert df["value"].tolist()[1] == 1.0  # the input is not modified
    for unit in ("%", "ratio"):
        assert protect(df, unit)["value"].tolist()[1:4] == [1.0, 2.0, 3.0]
    assert THRESHOLD == 4
    assert [is_small(v) for v in (None, float("nan"), 0, 0.5, 3.99, 4, -1)] == [
        False,
        False,
        False,
        True,
        True,
        False,
        False,
    ]
    no_status = protect(pd.DataFrame({"n": [2, 5]}), "persons", value_col="n")
    assert no_status["n"].isna().tolist() == [True, False] and list(no_status.columns) == ["n"]
    assert protect(pd.DataFrame({"value": []}), "persons").empty


def test_protect_keeps_the_other_statuses_and_the_columns():
    df = pd.DataFrame(
        {"value": [None, 2.0, 50.0], "status": ["hidden", None, None], "geo": ["a", "b", "c"]}
    )
    out = protect(df, "persons")
    assert list(out.columns) == ["value", "status", "geo"]
    assert out["status"].tolist()[:2] == ["hidden", "suppressed"] and pd.isna(out["status"].iloc[2])
    assert out["value"].tolist()[2] == 50.0
