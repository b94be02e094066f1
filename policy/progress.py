"""Progress of an objective-indicator link, by the Open SDG progress measure.

Why this method: it is the documented, widely used method of the Open SDG reporting platform
(sdg-build `ProgressMeasure`, "methodology 2", quantitative target): compare the growth seen so
far with the growth the target needs.

    observed CAGR = (latest / baseline) ** (1 / (latest year - baseline year)) - 1
    required CAGR = (target / baseline) ** (1 / (target year - baseline year)) - 1
    ratio         = s * observed CAGR / |required CAGR|,  s = +1 if higher is better, -1 if higher is worse

    ratio >= 0.95          on track
    0.60 <= ratio < 0.95   acceleration needed
    0 < ratio < 0.60       limited progress
    ratio = 0              no progress (Open SDG counts it as limited progress; a reader would not)
    ratio < 0              deteriorating
(near zero the ratio as shown, two decimals, decides: a ratio shown as 0,00 is never called progress)

Decisions where the method is silent (each tested in tests/test_policy_progress.py):
- the latest value already meets the target -> `target_met` (Open SDG "target achieved");
- the target year has data (or is past it) and the target is not met -> `target_missed`;
- no baseline value (and none in the warehouse for the baseline period), no target, no target year,
  no observation after the baseline, a non-positive value, or a target year not after the baseline
  -> `not_enough_data` with the reason;
- a target equal to the baseline (required growth 0): met -> `target_met`, else `deteriorating`;
- years: a period '2019' counts as 2019, '2019-06' as 2019 + 5/12, so monthly series work too.
"""

from __future__ import annotations

from dataclasses import asdict
from dataclasses import dataclass

import pandas as pd

ON_TRACK_MIN = 0.95
ACCELERATION_MIN = 0.60
LIMITED_MIN = 0.0

STATUSES = (
    "target_met", "on_track", "acceleration_needed", "limited_progress", "no_progress", "deteriorating",
    "target_missed", "not_enough_data",
)
# Traffic-light colour per status (Streamlit badge colours); the label text always goes with it.
LIGHT = {
    "target_met": "green", "on_track": "green", "acceleration_needed": "orange", "limited_progress": "orange",
    "no_progress": "red", "deteriorating": "red", "target_missed": "red", "not_enough_data": "gray",
}
ICON = {
    "target_met": "✅", "on_track": "🟢", "acceleration_needed": "🟡", "limited_progress": "🟠",
    "no_progress": "⏸️", "deteriorating": "🔴", "target_missed": "⛔", "not_enough_data": "⚪",
}
# Which statuses count as off track for the gap signals, worst first.
OFF_TRACK = ("target_missed", "deteriorating", "no_progress", "limited_progress", "acceleration_needed")


@dataclass(frozen=True)
class Progress:
    status: str
    reason: str | None = None  # why `not_enough_data`, or a remark (e.g. 'target_year_passed')
    baseline_value: float | None = None
    baseline_period: str | None = None
    baseline_from: str | None = None  # 'link' (policy document) or 'warehouse'
    latest_value: float | None = None
    latest_period: str | None = None
    target_value: float | None = None
    target_year: int | None = None
    observed_cagr: float | None = None
    required_cagr: float | None = None
    ratio: float | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def period_to_year(period: str) -> float:
    """'2019' -> 2019.0, '2019-06' -> 2019.4167, '2019-06-30' -> 2019.4167 (month precision)."""
    parts = str(period).split("-")
    year = int(parts[0])
    return year + (int(parts[1]) - 1) / 12 if len(parts) > 1 else float(year)


def cagr(value: float, base: float, years: float) -> float:
    return (value / base) ** (1 / years) - 1


def classify(ratio: float) -> str:
    if ratio >= ON_TRACK_MIN:
        return "on_track"
    if ratio >= ACCELERATION_MIN:
        return "acceleration_needed"
    shown = round(ratio, 2)  # near zero, the ratio as the pages write it: "0,00" is never progress
    if shown > LIMITED_MIN:
        return "limited_progress"
    if shown == LIMITED_MIN:
        return "no_progress"
    return "deteriorating"


def _meets(value: float, target: float, direction: str) -> bool:
    return value >= target if direction == "higher_is_better" else value <= target


def assess(link: dict, series: pd.DataFrame | None, *, indicator_exists: bool = True) -> Progress:
    """Status of one link given its warehouse series (columns `period`, `value`; NULL values ignored).

    `link` carries baseline_value/baseline_period/target_value/target_year/direction as in the store.
    """
    base = dict(
        target_value=link.get("target_value"), target_year=link.get("target_year"),
        baseline_period=link.get("baseline_period"),
    )
    if not indicator_exists:
        return Progress("not_enough_data", "indicator_missing", baseline_value=link.get("baseline_value"), **base)
    obs = pd.DataFrame(columns=["period", "value"]) if series is None else series[["period", "value"]]
    obs = obs[obs["value"].notna()].sort_values("period")
    if obs.empty:
        return Progress("not_enough_data", "no_series", baseline_value=link.get("baseline_value"), **base)

    b_period = link.get("baseline_period")
    b_value, b_from = link.get("baseline_value"), "link"
    if b_value is None and b_period:
        hit = obs[obs["period"] == b_period]
        if not hit.empty:
            b_value, b_from = float(hit["value"].iloc[-1]), "warehouse"
    if b_value is None or not b_period:
        return Progress("not_enough_data", "no_baseline", **base)
    base["baseline_value"], base["baseline_from"] = float(b_value), b_from

    after = obs[obs["period"].map(period_to_year) > period_to_year(b_period)]
    latest = obs.iloc[-1]
    base["latest_value"], base["latest_period"] = float(latest["value"]), str(latest["period"])
    target, t_year, direction = link.get("target_value"), link.get("target_year"), link.get("direction")
    if target is None:
        return Progress("not_enough_data", "no_target", **base)
    if t_year is None:
        return Progress("not_enough_data", "no_target_year", **base)
    if after.empty:
        return Progress("not_enough_data", "no_data_after_baseline", **base)
    t0, t1 = period_to_year(b_period), period_to_year(base["latest_period"])
    if t_year <= t0:
        return Progress("not_enough_data", "target_year_not_after_baseline", **base)
    b, v = float(b_value), float(latest["value"])
    if b <= 0 or v <= 0 or target <= 0:  # growth rates need positive values
        return Progress("not_enough_data", "non_positive_value", **base)

    sign = 1 if direction == "higher_is_better" else -1
    observed = cagr(v, b, t1 - t0)
    required = cagr(target, b, t_year - t0)
    ratio = None if required == 0 else sign * observed / abs(required)
    numbers = dict(observed_cagr=observed, required_cagr=required, ratio=ratio, **base)
    if _meets(v, target, direction):
        return Progress("target_met", **numbers)
    if t1 >= t_year:
        return Progress("target_missed", "target_year_passed", **numbers)
    if ratio is None:
        return Progress("deteriorating", **numbers)
    return Progress(classify(ratio), **numbers)
