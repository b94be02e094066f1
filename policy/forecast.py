"""Turn the curve: where a linked series goes "if nothing changes", and the group's note on it.

Results-Based Accountability's "turn the curve" talk starts from three things per population
indicator: the baseline, the forecast if nothing changes, and the target. This module computes the
forecast; the pages draw it apart from the published figures (dashed line and band, never as data).

Method (stated on screen, `METHOD` holds its numbers):
- an ordinary least-squares straight line, value = a + b * year, through the last MAX_POINTS
  observations of the series (fewer when it is shorter), years as `policy.progress.period_to_year`
  (2019-06 = 2019 + 5/12);
- projected once a year after the last period (same month for a monthly series) up to the link's
  target year, or HORIZON_YEARS ahead when the link has none (at most MAX_HORIZON_YEARS);
- with a LEVEL prediction interval for a new observation (the standard t-based interval, which
  widens away from the data; numpy's least squares and scipy's Student t quantile), only when
  the series has at least MIN_POINTS_BAND points: with fewer, the interval is too wide to mean anything;
- values (and the band) are kept at 0 or above when every observation is: a count or a rate
  cannot go below zero.

Why the last six figures: "if nothing changes" means the course the series runs now; over ten years an
old decline (or a crisis) would speak for today. Why a linear trend: with five or six yearly points, anything richer (ARIMA, exponential smoothing with
a trend) cannot be told apart from a line and is harder to explain in a meeting; the line is the
"curve as it runs" the method asks for. Why numpy + scipy.special and not statsmodels: the
interval is one textbook line on top of numpy's fit (the test checks it against the formula), and
statsmodels took 1-4 s to import on the first forecast of a server process, which made the objectives
page miss its 2 s cold-start target; `scipy.special.stdtrit` gives the t quantile at a fraction of that.

A forecast is made only from one series: one source, one kind of period and not figures read one by
one from separate publications (the same rule as the charts' lines, `dashboard.charts.one_series`).
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from functools import lru_cache

import pandas as pd

from policy.progress import period_to_year

MIN_POINTS = 3
MIN_POINTS_BAND = 5
MAX_POINTS = 6  # the recent course: a longer window lets an old decline or crisis speak for today
HORIZON_YEARS = 3
MAX_HORIZON_YEARS = 10
LEVEL = 0.80  # wide enough to show the uncertainty, narrow enough to read with 5-10 yearly points
PUBLISHED = "published_figures"  # figures read one by one from separate pages: never a trend
METHOD = {
    "min_points": MIN_POINTS,
    "min_points_band": MIN_POINTS_BAND,
    "max_points": MAX_POINTS,
    "horizon_years": HORIZON_YEARS,
    "level": LEVEL,
}


@dataclass(frozen=True)
class Forecast:
    """A projection of one series. `status`: ok, or why there is none (no_series, not_one_series, too_short)."""

    status: str
    n_points: int = 0
    first_period: str | None = None  # the points the line was fitted on
    last_period: str | None = None
    last_value: float | None = None
    slope_per_year: float | None = None
    periods: tuple[str, ...] = ()  # projected periods, after last_period
    values: tuple[float, ...] = ()
    lower: tuple[float, ...] = ()  # empty when the series is too short for a band
    upper: tuple[float, ...] = ()
    level: float = LEVEL
    notes: tuple[str, ...] = field(default_factory=tuple)  # e.g. 'clipped_at_zero'

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    @property
    def band(self) -> bool:
        return bool(self.lower)

    @property
    def end_period(self) -> str | None:
        return self.periods[-1] if self.periods else None

    @property
    def end_value(self) -> float | None:
        return self.values[-1] if self.values else None

    def frame(self) -> pd.DataFrame:
        """The projected points as a table (period, value, lower, upper), for a chart or a download."""
        n = len(self.periods)
        return pd.DataFrame(
            {
                "period": list(self.periods),
                "value": list(self.values),
                "lower": list(self.lower) if self.band else [None] * n,
                "upper": list(self.upper) if self.band else [None] * n,
            }
        )


def one_series(series: pd.DataFrame) -> bool:
    """One source (not the separately published figures) and one kind of period."""
    if "source_id" in series and (
        series["source_id"].nunique(dropna=True) > 1 or (series["source_id"] == PUBLISHED).any()
    ):
        return False
    return series["period"].astype(str).str.len().nunique() <= 1


def _step(period: str, years: int) -> str:
    """The same point in the year, `years` later: 2024 -> 2027, 2024-06 -> 2027-06."""
    year, _, rest = str(period).partition("-")
    return f"{int(year) + years}" + (f"-{rest}" if rest else "")


def forecast(series: pd.DataFrame | None, *, target_year: int | None = None) -> Forecast:
    """Project `series` (columns period, value, optionally source_id; NULL values ignored)."""
    if series is None or series.empty or series["value"].notna().sum() == 0:
        return Forecast("no_series")
    obs = series[series["value"].notna()].sort_values("period")
    if not one_series(obs):
        return Forecast("not_one_series", n_points=len(obs))
    obs = obs.tail(MAX_POINTS)
    if len(obs) < MIN_POINTS:
        return Forecast("too_short", n_points=len(obs))
    return _fit(
        tuple(str(p) for p in obs["period"]), tuple(float(v) for v in obs["value"]), target_year
    )


@lru_cache(maxsize=512)
def _fit(periods_in: tuple[str, ...], y_in: tuple[float, ...], target_year: int | None) -> Forecast:
    """The fit itself, cached by the points and the target year: a page reruns on every click with the
    same series (Forecast is frozen, so a cached one cannot be changed by a caller)."""
    import numpy as np

    # Student's t quantile; a fraction of scipy.stats' import time
    from scipy.special import stdtrit

    n = len(periods_in)
    x = np.array([period_to_year(p) for p in periods_in], dtype=float)
    y = np.array(y_in, dtype=float)
    last = periods_in[-1]
    last_year = int(last[:4])
    end = target_year if target_year and target_year > last_year else last_year + HORIZON_YEARS
    end = min(end, last_year + MAX_HORIZON_YEARS)
    periods = [_step(last, k) for k in range(1, end - last_year + 1)]
    xs = np.array([period_to_year(p) for p in periods], dtype=float)
    # Ordinary least squares and its textbook prediction interval for a new observation:
    # yhat +- t(1 - a/2, n - 2) * s * sqrt(1 + 1/n + (x0 - xbar)^2 / Sxx).
    slope, intercept = np.polyfit(x, y, 1)
    values = intercept + slope * xs
    lower = upper = None
    if n >= MIN_POINTS_BAND:
        s_res = np.sqrt(((y - (intercept + slope * x)) ** 2).sum() / (n - 2))
        sxx = ((x - x.mean()) ** 2).sum()
        half = stdtrit(n - 2, 1 - (1 - LEVEL) / 2) * s_res * np.sqrt(1 + 1 / n + (xs - x.mean()) ** 2 / sxx)
        lower, upper = values - half, values + half
    notes = []
    if (y >= 0).all():
        clipped = (values < 0).any() or (lower is not None and (lower < 0).any())
        values = np.clip(values, 0, None)
        lower = np.clip(lower, 0, None) if lower is not None else None
        if clipped:
            notes.append("clipped_at_zero")
    return Forecast(
        "ok",
        n_points=n,
        first_period=periods_in[0],
        last_period=last,
        last_value=float(y[-1]),
        slope_per_year=float(slope),
        periods=tuple(periods),
        values=tuple(float(v) for v in values),
        lower=tuple(float(v) for v in lower) if lower is not None else (),
        upper=tuple(float(v) for v in upper) if upper is not None else (),
        notes=tuple(notes),
    )


def latest_note(notes: list[dict], link_id: str) -> dict | None:
    """The group's most recent turn-the-curve note on a link (by note date, then last saved)."""
    mine = [n for n in notes if n.get("link_id") == link_id]
    return (
        max(mine, key=lambda n: (str(n.get("note_date") or ""), str(n.get("updated_at") or "")))
        if mine
        else None
    )
