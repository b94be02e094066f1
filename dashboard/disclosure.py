"""Statistical disclosure control for everything shown to the public.

Rule (as VDAB Arvastat does): a count of persons from 1 to 3 is never shown; it is replaced by
"< 4" and its value removed from any downloadable table. Zero is shown (it reveals nobody).
Percentages are only shown when their numerator count is not suppressed.
"""

from __future__ import annotations

import pandas as pd

THRESHOLD = 4  # counts strictly below this (and above 0) are hidden
COUNT_UNITS = ("persons", "vacancies", "jobs")


def is_small(value) -> bool:
    return value is not None and not pd.isna(value) and 0 < value < THRESHOLD


def protect(df: pd.DataFrame, unit: str, value_col: str = "value") -> pd.DataFrame:
    """Copy of `df` where small counts are blanked and flagged (status 'suppressed')."""
    out = df.copy()
    if unit not in COUNT_UNITS or out.empty:
        return out
    small = out[value_col].apply(is_small)
    out.loc[small, value_col] = None
    if "status" in out.columns:
        out["status"] = out["status"].astype(object)
        out.loc[small, "status"] = "suppressed"
    return out
