"""policy/progress.py at its edges: every `not_enough_data` reason with the whole result, the
boundaries of "met", "missed" and "positive", and where the baseline comes from.

Small synthetic series made here; tests/test_policy_progress.py covers the method on real links.
Fast, so `make mutation` runs them for every mutant of the module.
"""

from __future__ import annotations

import pandas as pd
import pytest

from policy.progress import Progress
from policy.progress import assess

LINK = {
    "baseline_value": 10.0,
    "baseline_period": "2015",
    "target_value": 8.0,
    "target_year": 2025,
    "direction": "higher_is_worse",
}


def series(*pairs) -> pd.DataFrame:
    return pd.DataFrame(pairs, columns=["period", "value"])


S = series(("2015", 10.0), ("2020", 9.0))
KNOWN = {"target_value": 8.0, "target_year": 2025, "baseline_period": "2015"}


def test_no_indicator_or_no_series_keeps_what_the_link_says():
    want = Progress("not_enough_data", "indicator_missing", baseline_value=10.0, **KNOWN)
    assert assess(LINK, S, indicator_exists=False) == want
    for empty in (None, series(), series(("2020", None))):
        assert assess(LINK, empty) == Progress(
            "not_enough_data", "no_series", baseline_value=10.0, **KNOWN
        )


def test_each_missing_piece_is_named_with_everything_known_so_far():
    latest = {
        "baseline_value": 10.0,
        "baseline_from": "link",
        "latest_value": 9.0,
        "latest_period": "2020",
    }
    assert assess(LINK | {"baseline_value": None, "baseline_period": "2014"}, S) == Progress(
        "not_enough_data", "no_baseline", target_value=8.0, target_year=2025, baseline_period="2014"
    )
    assert assess(LINK | {"baseline_period": None}, S) == Progress(
        "not_enough_data", "no_baseline", target_value=8.0, target_year=2025
    )
    assert assess(LINK | {"target_value": None}, S) == Progress(
        "not_enough_data", "no_target", **(KNOWN | latest | {"target_value": None})
    )
    assert assess(LINK | {"target_year": None}, S) == Progress(
        "not_enough_data", "no_target_year", **(KNOWN | latest | {"target_year": None})
    )
    only_base = series(("2015", 10.0))
    assert assess(LINK, only_base) == Progress(
        "not_enough_data",
        "no_data_after_baseline",
        **(KNOWN | latest | {"latest_value": 10.0, "latest_period": "2015"}),
    )
    assert assess(LINK | {"target_year": 2015}, S) == Progress(
        "not_enough_data",
        "target_year_not_after_baseline",
        **(KNOWN | latest | {"target_year": 2015}),
    )


@pytest.mark.parametrize(
    ("change", "points"),
    [
        ({"baseline_value": 0.0}, [("2020", 9.0)]),
        ({}, [("2020", 0.0)]),
        ({"target_value": 0.0}, [("2020", 9.0)]),
        ({"target_value": -1.0}, [("2020", 9.0)]),
    ],
)
def test_growth_needs_positive_values(change, points):
    got = assess(LINK | change, series(("2015", 10.0), *points))
    assert (got.status, got.reason, got.observed_cagr) == (
        "not_enough_data",
        "non_positive_value",
        None,
    )
    assert (
        got.baseline_value == (LINK | change)["baseline_value"]
        and got.latest_value == points[-1][1]
    )


def test_values_below_one_are_still_positive():
    link = {
        "baseline_value": 1.0,
        "baseline_period": "2015",
        "target_value": 0.5,
        "target_year": 2025,
    }
    got = assess(link | {"direction": "higher_is_worse"}, series(("2020", 0.8)))
    assert got.status == "acceleration_needed"
    assert got.ratio == pytest.approx(-((0.8**0.2) - 1) / abs(0.5**0.1 - 1))
    got = assess(LINK | {"target_value": 0.5}, series(("2020", 0.9)))
    assert got.status == "on_track" and got.target_value == 0.5


def test_a_baseline_from_the_link_wins_over_the_warehouse():
    got = assess(LINK, series(("2015", 12.0), ("2020", 9.0)))
    assert (got.baseline_value, got.baseline_from) == (10.0, "link")
    got = assess(LINK | {"baseline_value": None}, series(("2015", 12.0), ("2020", 9.0)))
    assert (got.baseline_value, got.baseline_from) == (12.0, "warehouse")


def test_reaching_the_target_exactly_counts_as_met_in_both_directions():
    assert assess(LINK, series(("2020", 8.0))).status == "target_met"
    up = LINK | {"direction": "higher_is_better", "baseline_value": 60.0, "target_value": 70.0}
    assert assess(up, series(("2020", 70.0))).status == "target_met"
    assert assess(up, series(("2020", 69.9))).status != "target_met"


def test_the_target_year_itself_without_the_target_is_missed():
    got = assess(LINK, series(("2025", 9.0)))
    assert (got.status, got.reason) == ("target_missed", "target_year_passed")
    assert got.observed_cagr == pytest.approx((9 / 10) ** (1 / 10) - 1)
    assert assess(LINK, series(("2024-12", 9.0))).status != "target_missed"


def test_a_target_equal_to_the_baseline_not_kept_is_deteriorating_with_its_numbers():
    got = assess(LINK | {"target_value": 10.0}, series(("2020", 11.0)))
    assert (got.status, got.ratio, got.required_cagr) == ("deteriorating", None, 0.0)
    assert got.latest_value == 11.0 and got.observed_cagr == pytest.approx((1.1) ** (1 / 5) - 1)


def test_as_dict_has_every_field():
    d = assess(LINK, S).as_dict()
    assert d["status"] == "acceleration_needed" and d["baseline_from"] == "link" and len(d) == 12
