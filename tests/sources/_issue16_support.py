"""Shared checks for the issue-16 source tests (the fixtures come from tests/sources/conftest.py)."""

from __future__ import annotations

import pandas as pd

from pipelines import snapshot as snap
from pipelines.validation import validate_indicators
from pipelines.validation import validate_observations


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


def check_snapshot(source, snapshot_dir, obs, known_geos) -> tuple:
    """The shipped snapshot verifies and its parse passes the build's validation; returns (folder, obs)."""
    snap.verify(source, snapshot_dir)
    validate_indicators(source)
    validate_observations(source, obs, file=str(snapshot_dir), known_geos=known_geos)
    assert {i.id for i in source.indicators} == set(obs.indicator_id)
    return snapshot_dir, obs
