"""The turn-the-curve forecast (policy/forecast.py) on series made by code, checked against the textbook
formulas: the OLS line and the prediction interval for a new observation."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from policy.forecast import LEVEL
from policy.forecast import MAX_POINTS
from policy.forecast import MIN_POINTS
from policy.forecast import MIN_POINTS_BAND
from policy.forecast import forecast
from policy.forecast import latest_note


def yearly(values, start=2015, source="vdab_jobseekers"):
    return pd.DataFrame(
        {
            "period": [str(start + i) for i in range(len(values))],
            "value": values,
            "source_id": source,
        }
    )


def test_a_straight_line_is_continued_exactly_to_the_target_year():
    f = forecast(yearly([10.0, 11.0, 12.0, 13.0, 14.0, 15.0]), target_year=2023)
    assert f.ok and f.n_points == 6 and (f.first_period, f.last_period) == ("2015", "2020")
    assert f.periods == ("2021", "2022", "2023")
    assert f.values == pytest.approx((16.0, 17.0, 18.0))
    assert f.slope_per_year == pytest.approx(1.0)
    assert f.lower == pytest.approx(f.values) and f.upper == pytest.approx(
        f.values
    )  # no scatter, no width


def test_the_band_is_the_textbook_prediction_interval():
    rng = np.random.default_rng(7)
    y = list(20 - 0.8 * np.arange(6) + rng.normal(0, 0.6, 6))
    f = forecast(yearly(y), target_year=2024)
    x = np.arange(2015, 2021, dtype=float)
    b, a = np.polyfit(x, y, 1)
    resid = np.array(y) - (a + b * x)
    s = math.sqrt((resid**2).sum() / (len(x) - 2))
    for period, value, lo, hi in zip(f.periods, f.values, f.lower, f.upper, strict=True):
        x0 = float(period)
        mean = a + b * x0
        half = (
            stats.t.ppf(0.5 + LEVEL / 2, len(x) - 2)
            * s
            * math.sqrt(1 + 1 / len(x) + (x0 - x.mean()) ** 2 / ((x - x.mean()) ** 2).sum())
        )
        assert (
            value == pytest.approx(mean)
            and lo == pytest.approx(mean - half)
            and hi == pytest.approx(mean + half)
        )
    widths = [h - lo for lo, h in zip(f.lower, f.upper, strict=True)]
    assert widths == sorted(widths)  # less certain the further it reaches


def test_only_the_recent_course_counts():
    old_fall = [30.0, 25.0, 20.0, 15.0]
    flat = [10.0] * MAX_POINTS
    f = forecast(yearly(old_fall + flat))
    assert f.n_points == MAX_POINTS and f.values == pytest.approx((10.0, 10.0, 10.0))


def test_short_series_get_a_line_without_a_band_or_nothing():
    assert forecast(yearly([5.0, 6.0][: MIN_POINTS - 1])).status == "too_short"
    three = forecast(yearly([5.0, 6.0, 6.5]))
    assert three.ok and not three.band and three.frame()["lower"].isna().all()
    assert forecast(yearly([5.0, 6.0, 6.5, 7.1, 7.0][:MIN_POINTS_BAND])).band


def test_separate_publications_and_mixed_periods_are_never_extended():
    assert forecast(yearly([9.4, 9.7, 9.2], source="published_figures")).status == "not_one_series"
    mixed = pd.DataFrame(
        {
            "period": ["2018", "2019", "2019-07", "2020"],
            "value": [1.0, 2.0, 3.0, 4.0],
            "source_id": "x",
        }
    )
    assert forecast(mixed).status == "not_one_series"
    assert forecast(pd.DataFrame({"period": [], "value": []})).status == "no_series"
    assert forecast(None).status == "no_series"


def test_a_monthly_series_steps_a_year_at_a_time_in_the_same_month():
    df = pd.DataFrame(
        {
            "period": ["2021-06", "2022-06", "2023-06", "2024-06"],
            "value": [4.0, 5.0, 6.0, 7.0],
            "source_id": "x",
        }
    )
    f = forecast(df, target_year=2026)
    assert f.periods == ("2025-06", "2026-06") and f.values == pytest.approx((8.0, 9.0))


def test_a_count_is_never_projected_below_zero():
    f = forecast(yearly([50.0, 40.0, 30.0, 20.0, 10.0]), target_year=2025)
    assert min(f.values) == 0 and min(f.lower) == 0 and "clipped_at_zero" in f.notes


def test_without_a_target_year_it_looks_three_years_ahead():
    assert forecast(yearly([1.0, 2.0, 3.0])).periods == ("2018", "2019", "2020")
    assert forecast(yearly([1.0, 2.0, 3.0]), target_year=2010).periods == ("2018", "2019", "2020")


def test_the_latest_note_wins():
    notes = [
        {"link_id": "a", "note_date": "2026-05-19", "updated_at": "1"},
        {"link_id": "a", "note_date": "2026-09-15", "updated_at": "0"},
        {"link_id": "b", "note_date": "2027-01-01", "updated_at": "0"},
    ]
    assert latest_note(notes, "a")["note_date"] == "2026-09-15"
    assert latest_note(notes, "c") is None
