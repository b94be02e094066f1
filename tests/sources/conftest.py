"""Fixtures every source test shares, so a test module only names its `SOURCE`.

- `snapshot_dir`: the newest shipped snapshot of the module's `SOURCE` (data/raw/<name>/<id>/).
- `obs`: `SOURCE.parse(snapshot_dir)`, parsed once per module.
- `known_geos`: the geography codes an offline build knows (reference lists and boundaries), so a
  test validates a parse result exactly as the build does.
- `real_snapshot`: like `snapshot_dir`, but skips while the source has no snapshot yet (scaffolded
  and live-only sources; the contract test is what insists on one).

A module that needs something else defines a fixture of the same name, which wins.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines import snapshot as snap
from pipelines.registry import all_sources


def _source(request):
    src = getattr(request.module, "SOURCE", None)
    if src is None:
        pytest.fail(f"{request.module.__name__} uses a source fixture but imports no SOURCE")
    return src


@pytest.fixture(scope="module")
def snapshot_dir(request) -> Path:
    return snap.latest_snapshot(_source(request))


@pytest.fixture(scope="module")
def obs(request, snapshot_dir):
    return _source(request).parse(snapshot_dir)


@pytest.fixture(scope="module")
def real_snapshot(request) -> Path:
    src = _source(request)
    snaps = snap.list_snapshots(src)
    if not snaps:
        pytest.skip(
            f"{src.name}: no snapshot in data/raw yet (`python -m pipelines snapshot {src.name} ...`)"
        )
    return snaps[-1]


@pytest.fixture(scope="session")
def known_geos() -> set[str]:
    from pipelines.warehouse import _ordered
    from pipelines.warehouse import collect_geographies

    return set(collect_geographies(_ordered(all_sources()))["geo_code"])
