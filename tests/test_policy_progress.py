"""The Open SDG progress status against cases computed by hand (numbers in the comments)."""

from __future__ import annotations

import pandas as pd
import pytest

from policy.progress import ACCELERATION_MIN
from policy.progress import ON_TRACK_MIN
from policy.progress import assess
from policy.progress import classify
from policy.progress import period_to_year


def series(*points) -> pd.DataFrame:
    return pd.DataFrame(points, columns=["period", "value"])


def link(**kw) -> dict:
    base = dict(baseline_value=None, baseline_period=None, target_value=None, target_year=None,
                direction="higher_is_worse")
    return base | kw


def test_decreasing_is_better_limited_progress():
    # observed (9.5/10)^(1/2)-1 = -0.025321; required (8/10)^(1/5)-1 = -0.043648; ratio 0.5801
    p = assess(link(baseline_value=10.0, baseline_period="2020", target_value=8.0, target_year=2025),
               series(("2020", 10.0), ("2021", 9.8), ("2022", 9.5)))
    assert p.status == "limited_progress"
    assert p.observed_cagr == pytest.approx(-0.025321, abs=1e-6)
    assert p.required_cagr == pytest.approx(-0.043648, abs=1e-6)
    assert p.ratio == pytest.approx(0.5801, abs=1e-4)
    assert (p.latest_value, p.latest_period) == (9.5, "2022")


def test_increasing_is_better_on_track():
    # Arbeidspact-like: 68.6 (2019) -> 69.5 (2021), target 70 in 2024.
    # observed (69.5/68.6)^(1/2)-1 = 0.006539; required (70/68.6)^(1/5)-1 = 0.004049; ratio 1.615
    p = assess(link(baseline_value=68.6, baseline_period="2019", target_value=70.0, target_year=2024,
                    direction="higher_is_better"),
               series(("2019", 68.6), ("2021", 69.5)))
    assert p.status == "on_track"
    assert p.ratio == pytest.approx(1.615, abs=1e-3)


def test_acceleration_needed():
    # observed 1.04^(1/2)-1 = 0.019804; required 1.2^(1/6)-1 = 0.030853; ratio 0.6419
    p = assess(link(baseline_value=100.0, baseline_period="2020", target_value=120.0, target_year=2026,
                    direction="higher_is_better"),
               series(("2020", 100.0), ("2022", 104.0)))
    assert p.status == "acceleration_needed"
    assert p.ratio == pytest.approx(0.6419, abs=1e-4)


def test_deteriorating_when_a_lower_is_better_indicator_rises():
    # observed 1.1^(1/2)-1 = 0.048809; required 0.8^(1/6)-1 = -0.036508; ratio -(0.048809/0.036508) = -1.3370
    p = assess(link(baseline_value=10.0, baseline_period="2020", target_value=8.0, target_year=2026),
               series(("2020", 10.0), ("2022", 11.0)))
    assert p.status == "deteriorating"
    assert p.ratio == pytest.approx(-1.3370, abs=1e-4)


def test_target_already_met_wins_over_the_ratio():
    p = assess(link(baseline_value=10.0, baseline_period="2020", target_value=8.0, target_year=2030),
               series(("2020", 10.0), ("2022", 7.5)))
    assert p.status == "target_met"
    assert p.ratio > 1


def test_target_year_passed_without_meeting_the_target():
    p = assess(link(baseline_value=10.0, baseline_period="2018", target_value=8.0, target_year=2022),
               series(("2018", 10.0), ("2022", 9.0), ("2024", 9.0)))
    assert (p.status, p.reason) == ("target_missed", "target_year_passed")
    assert p.latest_period == "2024"


def test_target_year_passed_but_met_is_met():
    p = assess(link(baseline_value=10.0, baseline_period="2018", target_value=8.0, target_year=2022),
               series(("2018", 10.0), ("2024", 7.9)))
    assert p.status == "target_met"


@pytest.mark.parametrize(
    ("kw", "points", "reason"),
    [
        (dict(target_value=8.0, target_year=2026), [("2020", 10.0), ("2022", 9.0)], "no_baseline"),
        (dict(baseline_value=10.0, baseline_period="2020", target_year=2026), [("2020", 10.0), ("2022", 9.0)],
         "no_target"),
        (dict(baseline_value=10.0, baseline_period="2020", target_value=8.0), [("2020", 10.0), ("2022", 9.0)],
         "no_target_year"),
        (dict(baseline_value=10.0, baseline_period="2022", target_value=8.0, target_year=2026), [("2022", 10.0)],
         "no_data_after_baseline"),
        (dict(baseline_value=10.0, baseline_period="2020", target_value=8.0, target_year=2020),
         [("2020", 10.0), ("2022", 9.0)], "target_year_not_after_baseline"),
        (dict(baseline_value=0.0, baseline_period="2020", target_value=8.0, target_year=2026),
         [("2020", 0.0), ("2022", 9.0)], "non_positive_value"),
        (dict(baseline_value=10.0, baseline_period="2020", target_value=8.0, target_year=2026), [], "no_series"),
    ],
)
def test_not_enough_data_says_why(kw, points, reason):
    p = assess(link(**kw), series(*points))
    assert (p.status, p.reason) == ("not_enough_data", reason)


def test_indicator_not_in_the_warehouse():
    p = assess(link(baseline_value=9.4, baseline_period="2019-07", target_value=7.88), None, indicator_exists=False)
    assert (p.status, p.reason) == ("not_enough_data", "indicator_missing")
    assert p.baseline_value == 9.4 and p.target_value == 7.88


def test_baseline_taken_from_the_warehouse_when_the_link_has_only_a_period():
    p = assess(link(baseline_period="2020", target_value=8.0, target_year=2025),
               series(("2020", 10.0), ("2022", 9.5)))
    assert (p.baseline_value, p.baseline_from) == (10.0, "warehouse")
    assert p.status == "limited_progress"


def test_hidden_values_are_skipped_not_read_as_zero():
    p = assess(link(baseline_value=10.0, baseline_period="2020", target_value=8.0, target_year=2025),
               series(("2020", 10.0), ("2022", 9.5), ("2023", None)))
    assert (p.latest_period, p.latest_value) == ("2022", 9.5)


def test_monthly_periods_count_in_fractions_of_a_year():
    assert period_to_year("2019-07") == pytest.approx(2019.5)
    # 2019-07 -> 2020-07 is one year: observed 9/10 - 1 = -0.1
    p = assess(link(baseline_value=10.0, baseline_period="2019-07", target_value=8.0, target_year=2024),
               series(("2019", 11.0), ("2019-07", 10.0), ("2020-07", 9.0)))
    assert p.observed_cagr == pytest.approx(-0.1)


def test_target_equal_to_baseline():
    hold = link(baseline_value=10.0, baseline_period="2020", target_value=10.0, target_year=2026)
    assert assess(hold, series(("2020", 10.0), ("2022", 9.0))).status == "target_met"
    assert assess(hold, series(("2020", 10.0), ("2022", 11.0))).status == "deteriorating"


def test_threshold_boundaries():
    assert classify(ON_TRACK_MIN) == "on_track"
    assert classify(ON_TRACK_MIN - 1e-9) == "acceleration_needed"
    assert classify(ACCELERATION_MIN) == "acceleration_needed"
    assert classify(ACCELERATION_MIN - 1e-9) == "limited_progress"
    # issue 14, item 5: zero progress is not progress, whatever Open SDG's boundary says
    assert classify(0.0) == "no_progress" and classify(0.004) == "no_progress" and classify(-0.004) == "no_progress"
    assert classify(0.005) == "limited_progress"
    assert classify(-0.005) == "deteriorating"
