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


def public_value(value, unit: str, lang: str, status: str | None = None) -> str:
    """A figure as the public app writes it in a sentence, a table or a chart label: a suppressed or
    small count is "< 4", never the number (the same rule as `protect`, for text)."""
    from dashboard.i18n import fmt_value
    from dashboard.i18n import t

    if status == "suppressed" or (unit in COUNT_UNITS and is_small(value)):
        return t("public.suppressed", lang)
    return fmt_value(value, unit, lang)


class PublicQueries:
    """The query layer as the public app sees it: the only way its pages and sentences get numbers.

    Why here and not per page: every output path (sentences, charts, tables, downloads) starts from
    these frames, so a small count is already gone before any of them is drawn. `series` protects by
    the indicator's unit; `commuting` protects its count columns and blanks a share whose
    numerator is hidden; metadata-only functions are passed through unchanged."""

    _PASS_THROUGH = frozenset(
        {
            "indicator",
            "indicator_metadata",
            "sources_overview",
            "PEER_CITIES",
            "GENT",
            "ANTWERPEN",
            "GENK",
            "OOSTENDE",
            "ARR_GENT",
            "PEER_ARRONDISSEMENTS",
            "FLANDERS",
        }
    )

    def __init__(self, con):
        from dashboard import queries

        self._con, self._q = con, queries

    def __getattr__(self, name):
        if name not in self._PASS_THROUGH:
            raise AttributeError(
                f"{name} is not available to the public app without disclosure control"
            )
        attr = getattr(self._q, name)
        return (lambda *a, **k: attr(self._con, *a, **k)) if callable(attr) else attr

    def bottleneck_examples(self, lang: str = "nl") -> dict | None:
        """The latest count of VDAB's knelpuntberoepen list and three occupations named on it. A count of
        occupations on a list for all of Flanders, not of persons: no small-count control applies."""
        from dashboard.queries import knelpuntberoepen

        return knelpuntberoepen.examples(self._con, lang) if knelpuntberoepen.has_lists(self._con) else None

    def series(self, indicator_id: str, geo_codes: list[str], **kwargs) -> pd.DataFrame:
        unit = self._q.indicator(self._con, indicator_id)["unit"]
        return protect(self._q.series(self._con, indicator_id, geo_codes, **kwargs), unit)

    def city_commuting(self, geo_codes: list[str], **kwargs) -> pd.DataFrame:
        """The municipalities' own census 2011 split (issue 16), protected like `commuting`: a small count
        is hidden, and so is every share whose count (or the job total) is hidden."""
        out = self._q.city_commuting(self._con, geo_codes, **kwargs).copy()
        counts = ("jobs", "residents", "in_commuters", "out_commuters")
        small = {col: out[col].apply(is_small) for col in counts}
        for col in counts:
            out[col] = out[col].astype("float64").mask(small[col])
        for share, count in {"in_commuter_share": "in_commuters", "out_commuter_share": "out_commuters"}.items():
            out[share] = out[share].astype("float64").mask(small[count] | small["residents"] | small["jobs"])
        return out

    def commuting(self, geo_codes: list[str], **kwargs) -> pd.DataFrame:
        out = self._q.commuting(self._con, geo_codes, **kwargs).copy()
        counts = ("jobs", "employed_residents", "in_commuters", "out_commuters", "residents")
        shares = {"in_commuter_share": "in_commuters", "out_commuter_share": "out_commuters",
                  "resident_share": "residents"}
        small = {col: out[col].apply(is_small) for col in counts}
        for col in counts:
            out[col] = out[col].astype("float64").mask(small[col])
        for share, count in shares.items():
            out[share] = out[share].astype("float64").mask(small[count] | small["jobs"])
        return out
