"""Every registered source honours the contract (datasette's "every hook documented" idea)."""

from __future__ import annotations

import inspect
import re
from typing import ClassVar
from typing import get_type_hints

import pytest

from pipelines import breakdowns
from pipelines import snapshot as snap
from pipelines.config import ROOT
from pipelines.freshness import ReleaseRhythm
from pipelines.registry import all_sources
from pipelines.source import OBSERVATION_COLUMNS
from pipelines.source import ManualSource
from pipelines.source import Source
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
    todo = src.unfinished_identity()
    assert not todo, f"{name}: scaffold TODO left in {todo}; fill them in before a snapshot freezes them"


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_sources_emit_codes_and_leave_labels_to_the_vocabulary(name):
    src = SOURCES[name]
    assert not hasattr(src, "breakdown_labels"), (
        f"{name}: declares breakdown_labels; sources emit codes only, labels live in pipelines/breakdowns.csv"
    )


@pytest.mark.parametrize("name", sorted(n for n, s in SOURCES.items() if isinstance(s, ManualSource)))
def test_manual_sources_say_how_to_obtain_their_files(name):
    src = SOURCES[name]
    assert f"python -m pipelines snapshot {name}" in src.how_to_obtain, (
        f"{name}: how_to_obtain must tell the analyst the snapshot command"
    )


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
    if src.live_only and not snap.list_snapshots(src):
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
    unknown = breakdowns.unknown_codes(df[["breakdown", "breakdown_value"]].drop_duplicates().itertuples(index=False))
    assert not unknown, f"{name}: breakdown codes not in pipelines/breakdowns.csv: {unknown}"


def _documented_contract() -> set[str]:
    """The names in the contract table of pipelines/README.md (the identity row lists its fields)."""
    text = (ROOT / "pipelines" / "README.md").read_text(encoding="utf-8")
    section = text.split("## The contract", 1)[1].split("\n## ", 1)[0]
    names: set[str] = set()
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.startswith("|") else []
        if len(cells) < 2 or set(cells[0]) <= {"-", " "} or cells[0] == "part":
            continue
        where = cells[1] if cells[0] == "identity" else cells[0]
        names |= {m.group(1) for m in re.finditer(r"`([a-z_]+)(?:\(|`)", where)}
    return names


def _contract(cls: type) -> set[str]:
    """What a subclass may declare or override: class-level fields and public methods of `cls` itself."""
    hints = get_type_hints(cls, include_extras=True)
    own = {k for k, v in hints.items() if k in cls.__dict__.get("__annotations__", {})}
    fields = {k for k in own if getattr(v := hints[k], "__origin__", None) is ClassVar or v is ClassVar}
    methods = {k for k, v in vars(cls).items() if inspect.isfunction(v) and not k.startswith("_")}
    return fields | methods


def test_readme_contract_table_matches_the_base_classes():
    """Every hook of Source and ManualSource is in the README table, and the table names nothing else."""
    helpers = {"indicator", "unfinished_identity"}  # called by the machinery, never overridden
    expected = (_contract(Source) | _contract(ManualSource)) - helpers
    documented = _documented_contract()
    assert expected - documented == set(), "hooks missing from the table in pipelines/README.md"
    assert documented - expected == set(), "the table in pipelines/README.md names what the base class lacks"


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_release_rhythm_is_declared(name):
    """Without it nobody can tell a member that new figures are due or overdue (pipelines/freshness.py)."""
    rhythm = SOURCES[name].release_rhythm
    assert isinstance(rhythm, ReleaseRhythm), f"{name}: declare release_rhythm = ReleaseRhythm(...)"
    assert rhythm.lag_days <= 3 * 366, f"{name}: a release lag of {rhythm.lag_days} days is not a rhythm"
    if not rhythm.scheduled:
        assert rhythm.lag_days == 0, f"{name}: an {rhythm.frequency} source has no release lag"
