"""Every registered source honours the contract (datasette's "every hook documented" idea)."""

from __future__ import annotations

import inspect

import pytest

from pipelines import snapshot as snap
from pipelines.registry import all_sources
from pipelines.source import OBSERVATION_COLUMNS, Source
from pipelines.validation import validate_indicators

SOURCES = all_sources()
REQUIRED = ["name", "title_nl", "title_en", "publisher", "licence", "url"]


def test_registry_finds_the_foundation_sources():
    assert {"vdab_jobseekers", "vdab_vacancies", "census2011_commuting", "statbel_origin", "boundaries",
            "reference_geographies"} <= set(SOURCES)


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_identity_is_declared(name):
    src = SOURCES[name]
    for attr in REQUIRED:
        assert getattr(src, attr), f"{name}: {attr} is empty"
    assert src.name == name
    assert inspect.getmodule(type(src)).__doc__, f"{name}: the module must say in a docstring what it loads"


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_fetch_is_real_and_parse_is_implemented(name):
    src = SOURCES[name]
    assert src.files, f"{name}: declares no raw files"
    for f in src.files:
        assert f.url.startswith("https://"), f"{name}: {f.name} has no https URL to fetch"
    assert type(src).parse is not Source.parse, f"{name}: parse() not implemented"


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_indicators_have_complete_metadata(name):
    validate_indicators(SOURCES[name])  # raises on a bad unit/direction/missing translation
    ids = [i.id for i in SOURCES[name].indicators]
    assert len(ids) == len(set(ids))


def test_indicator_ids_are_unique_across_sources():
    seen = {}
    for src in SOURCES.values():
        for ind in src.indicators:
            assert ind.id not in seen, f"{ind.id} declared by {seen.get(ind.id)} and {src.name}"
            seen[ind.id] = src.name


def _latest_or_skip(src):
    """A source marked `live_only` (nothing could be shipped; tested on fixtures) may have no snapshot yet."""
    if getattr(src, "live_only", False) and not snap.list_snapshots(src):
        pytest.skip(f"{src.name}: live-only source without a snapshot (fetch and parse tested on fixtures)")
    return snap.latest_snapshot(src)


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_shipped_snapshot_has_provenance_and_intact_files(name):
    src = SOURCES[name]
    latest = _latest_or_skip(src)
    manifest = snap.verify(src, latest)
    for key in ("publisher", "licence", "origin", "retrieved_at"):
        assert manifest.get(key), f"{name}: manifest lacks {key}"
    assert manifest["files"], f"{name}: manifest lists no files"


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_parse_returns_the_observation_columns(name):
    src = SOURCES[name]
    df = src.parse(_latest_or_skip(src))
    assert list(df.columns) == OBSERVATION_COLUMNS
    if src.indicators:
        assert len(df) > 0
        assert set(df["indicator_id"]) <= {i.id for i in src.indicators}
