"""Shared helpers for the issue-16 source tests: the real snapshot, a lookup, validation against known areas."""

from __future__ import annotations

import pandas as pd

from pipelines import snapshot as snap
from pipelines.registry import all_sources
from pipelines.validation import validate_indicators, validate_observations
from pipelines.warehouse import collect_geographies


def value(
    obs: pd.DataFrame, indicator: str, geo: str, period: str, breakdown_value: str = "total"
) -> float:
    sel = obs[
        (obs.indicator_id == indicator)
        & (obs.geo_code == geo)
        & (obs.period == period)
        & (obs.breakdown_value == breakdown_value)
    ]
    assert len(sel) == 1, (indicator, geo, period, len(sel))
    return float(sel["value"].iloc[0])


def check_snapshot(source) -> tuple:
    """The shipped snapshot verifies, parses and passes the build's validation; returns (folder, obs)."""
    folder = snap.latest_snapshot(source)
    snap.verify(source, folder)
    obs = source.parse(folder)
    validate_indicators(source)
    known = set(collect_geographies(all_sources())["geo_code"])
    validate_observations(source, obs, file=str(folder), known_geos=known)
    assert {i.id for i in source.indicators} == set(obs.indicator_id)
    return folder, obs
