"""Queries for the Indicatoren explorer (views/indicators.py): any indicator, areas, breakdown and period."""

from __future__ import annotations

import pandas as pd

from dashboard.i18n import t
from dashboard.i18n import unit_label
from dashboard.queries import FLANDERS
from dashboard.queries import PEER_ARRONDISSEMENTS
from dashboard.queries import PEER_CITIES
from dashboard.queries import breakdowns_of
from dashboard.queries import geographies_of
from dashboard.queries import indicator
from dashboard.queries import indicators_with_data
from dashboard.queries import lookup
from dashboard.queries import periods_of
from dashboard.queries import series
from dashboard.queries.analysis import concept_of

__all__ = [
    "FLANDERS",
    "PEER_ARRONDISSEMENTS",
    "PEER_CITIES",
    "breakdowns_of",
    "concept_of",
    "geographies_of",
    "indicator",
    "indicators_with_data",
    "lookup",
    "one_chart",
    "plot_frame",
    "with_indicator",
    "periods_of",
    "series",
]


def plot_frame(frame: pd.DataFrame, breakdown: str, n_geos: int) -> pd.DataFrame:
    """The frame with its chart series label: area (total), category (one area) or both."""
    if breakdown == "total":
        return frame.assign(series=frame["geo_name"])
    if n_geos == 1:
        return frame.assign(series=frame["breakdown_label"])
    return frame.assign(series=frame["geo_name"] + " · " + frame["breakdown_label"])


def one_chart(
    first: pd.DataFrame, first_name: str, second: pd.DataFrame, second_name: str
) -> pd.DataFrame:
    """Two indicators of the same unit on one chart: each line named "indicator · series", never one series."""
    return pd.concat(
        [
            first.assign(series=first_name + " · " + first["series"]),
            second.assign(series=second_name + " · " + second["series"]),
        ],
        ignore_index=True,
    )


def with_indicator(
    df: pd.DataFrame, meta: dict, df2: pd.DataFrame | None, meta2: dict | None
) -> pd.DataFrame:
    """The rows of one or two indicators, each named with its indicator and unit: the table and the download."""
    frames = [df.assign(indicator=meta["name"], unit=meta["unit"])]
    if df2 is not None:
        frames.append(df2.assign(indicator=meta2["name"], unit=meta2["unit"]))
    return pd.concat(frames, ignore_index=True)


def explorer_export(full: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The explorer's download in the reader's words: the official NIS code kept for joins, no internal
    ids, units and status in words, the value as a number (rounded as shown by the export path)."""
    return pd.DataFrame({
        t("explorer.col_indicator", lang): full["indicator"], t("col.nis_code", lang): full["geo_code"],
        t("col.geo_name", lang): full["geo_name"], t("col.breakdown_label", lang): full["breakdown_label"],
        t("col.period", lang): full["period"], t("col.value", lang): full["value"],
        t("col.unit", lang): [unit_label(u, lang) for u in full["unit"]],
        t("col.status", lang): [t(f"status.{s}", lang) if s else "" for s in full["status"]],
    })
