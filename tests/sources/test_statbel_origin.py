"""Population by origin: real snapshot values, the category partition, geographies and the parquet fetch."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import responses

from pipelines import snapshot as snap
from pipelines.breakdowns import VOCABULARY
from pipelines.config import ROOT
from pipelines.http import make_session
from pipelines.registry import all_sources
from pipelines.registry import get_source
from pipelines.source import SourceError
from pipelines.sources.statbel_origin import CATEGORIES
from pipelines.sources.statbel_origin import FILE
from pipelines.sources.statbel_origin import RAW_URL
from pipelines.sources.statbel_origin import SOURCE
from pipelines.validation import validate_geographies
from pipelines.validation import validate_indicators
from pipelines.validation import validate_observations
from pipelines.warehouse import collect_geographies


@pytest.fixture(scope="module")
def raw(snapshot_dir) -> pd.DataFrame:
    return pd.read_csv(snapshot_dir / FILE, dtype={"CD_REFNIS": str})


def value(obs, geo, year, indicator="population", breakdown="total", breakdown_value="total") -> float:
    sel = obs[
        (obs.indicator_id == indicator)
        & (obs.geo_code == geo)
        & (obs.period == str(year))
        & (obs.breakdown == breakdown)
        & (obs.breakdown_value == breakdown_value)
    ]
    assert len(sel) == 1, (indicator, geo, year, breakdown_value, len(sel))
    return float(sel["value"].iloc[0])


def test_snapshot_verifies_and_validates(snapshot_dir, obs, known_geos):
    snap.verify(SOURCE, snapshot_dir)
    validate_indicators(SOURCE)
    validate_observations(SOURCE, obs, file=str(snapshot_dir), known_geos=known_geos)
    assert {i.id for i in SOURCE.indicators} == set(obs.indicator_id)
    assert sorted(set(obs.period)) == [str(y) for y in range(2000, 2026)]
    assert (obs.ref_date.astype(str) == obs.period + "-01-01").all()


@pytest.mark.parametrize(
    ("geo", "year", "expected"),
    [
        ("44021", 2009, 240_049),
        ("44021", 2015, 253_266),
        ("44021", 2025, 272_657),
        ("11002", 2009, 477_936),
        ("11002", 2015, 513_570),
        ("11002", 2025, 562_002),
        ("71016", 2025, 68_058),
        ("35013", 2025, 72_817),
    ],
)
def test_total_population(obs, geo, year, expected):
    assert value(obs, geo, year) == expected


def test_gent_non_eu_origin(obs):
    assert value(obs, "44021", 2000, breakdown="origin", breakdown_value="non_eu") == 23_805
    assert value(obs, "44021", 2025, breakdown="origin", breakdown_value="non_eu") == 72_079
    share = value(obs, "44021", 2025, "population_origin_share", "origin", "non_eu")
    assert share == pytest.approx(72_079 / 272_657 * 100)


def test_categories_partition_the_total(obs, raw):
    # Established on the real file: the four columns add up to total; eu27 excludes the neighbours.
    assert ((raw[list(CATEGORIES.values())].sum(axis=1)) == raw["total"]).all()
    assert ((raw["pct_neighbouring"] + raw["pct_eu27"] - raw["pct_eu_foreign"]).abs() <= 0.011).all()
    pop = obs[obs.indicator_id == "population"]
    parts = pop[pop.breakdown == "origin"].groupby(["geo_code", "period"])["value"].sum()
    totals = pop[pop.breakdown == "total"].set_index(["geo_code", "period"])["value"]
    assert len(totals) == len(raw) == 15_242
    pd.testing.assert_series_equal(parts.sort_index(), totals.sort_index(), check_names=False)
    shares = obs[obs.indicator_id == "population_origin_share"].groupby(["geo_code", "period"])["value"].sum()
    assert shares.between(99.999, 100.001).all()
    assert set(pop[pop.breakdown == "origin"].breakdown_value) == set(CATEGORIES)


def test_breakdown_labels_cover_every_code(obs):
    labels = {(b.breakdown, b.value) for b in VOCABULARY}
    used = set(zip(obs.breakdown, obs.breakdown_value, strict=True))
    assert used <= labels
    assert all(b.label_nl and b.label_en for b in VOCABULARY)


def test_geographies_cover_every_code_with_existing_parents(snapshot_dir, obs):
    geos = SOURCE.geographies(snapshot_dir)
    validate_geographies(SOURCE, geos, str(snapshot_dir))
    assert len(geos) == geos.geo_code.nunique() == 620
    assert set(geos.geo_code) == set(obs.geo_code)
    assert set(geos.level) == {"municipality"}
    assert (geos.parent_code == geos.geo_code.str[:2] + "000").all()
    ref = get_source("reference_geographies")
    ref_codes = set(ref.geographies(snap.latest_snapshot(ref))["geo_code"])
    assert set(geos.parent_code) <= ref_codes
    # Hainaut codes changed in 2019: both the old and the new arrondissements must exist.
    assert {"54000", "57000", "58000"} <= set(geos.parent_code)
    row = geos.set_index("geo_code").loc["44021"]
    assert (row.name_nl, row.name_fr) == ("Gent", "Gand")
    assert geos.name_nl.notna().all() and geos.name_fr.notna().all()


def test_boundaries_names_take_priority(obs):
    geos = collect_geographies(all_sources()).set_index("geo_code")
    assert geos.loc["44021", "source_id"] == "boundaries"
    assert geos.loc["44049", "source_id"] == "statbel_origin"  # Nevele, merged into Deinze in 2019
    assert set(obs.geo_code) <= set(geos.index)


def _write(tmp_path: Path, df: pd.DataFrame) -> Path:
    folder = tmp_path / "snap"
    folder.mkdir()
    df.to_csv(folder / FILE, index=False)
    return folder


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        (lambda d: d.drop(columns=["non_eu27"]), "missing column"),
        (lambda d: d.assign(eu27=d["eu27"].where(d.index != 3, -5)), "negative eu27"),
        (lambda d: d.assign(total=d["total"].where(d.index != 7, d["total"] + 1000)), "do not add up"),
        (lambda d: d.assign(total=d["total"].astype(object).where(d.index != 2, "x")), "non-numeric"),
        (lambda d: pd.concat([d, d.iloc[[0]]]), "duplicate row"),
    ],
)
def test_corrupted_input_raises_source_error(tmp_path, raw, edit, problem):
    folder = _write(tmp_path, edit(raw.head(50).copy()))
    with pytest.raises(SourceError) as exc:
        SOURCE.parse(folder)
    assert exc.value.source == "statbel_origin"
    assert exc.value.file == str(folder / FILE)
    assert problem in exc.value.problem


def _fixture_parquet(raw: pd.DataFrame, path: Path) -> tuple[Path, pd.DataFrame]:
    """Built from real rows of the shipped file (Gent, Antwerpen, Hasselt old and new code)."""
    rows = raw[raw.CD_REFNIS.isin(["44021", "11002", "71022", "71072"]) & raw.year.isin([2024, 2025])]
    rows.to_parquet(path, index=False)
    return path, rows


@responses.activate
def test_live_fetch_converts_parquet_to_the_same_csv(tmp_path, raw, snapshot_dir):
    parquet, rows = _fixture_parquet(raw, tmp_path / "real_rows_origin_by_municipality.parquet")
    responses.add(responses.GET, RAW_URL, body=parquet.read_bytes(), content_type="application/octet-stream")
    dest = tmp_path / "fetched"
    dest.mkdir()
    files = SOURCE.fetch(make_session(retries=0), dest)
    assert [f.name for f in files] == [FILE]
    assert sorted(p.name for p in dest.iterdir()) == [FILE]  # the parquet is not kept
    # Same bytes as the corresponding lines of the hand-imported CSV.
    real_lines = (snapshot_dir / FILE).read_text(encoding="utf-8").splitlines()
    expected = [real_lines[0]] + [real_lines[i + 1] for i in rows.index]
    assert files[0].read_text(encoding="utf-8").splitlines() == expected
    obs = SOURCE.parse(dest)
    assert value(obs, "44021", 2025) == 272_657
    assert value(obs, "11002", 2025) == 562_002
    assert value(obs, "71022", 2024) > 0 and value(obs, "71072", 2025) > 0


@responses.activate
def test_live_fetch_rejects_a_non_parquet_body(tmp_path):
    responses.add(responses.GET, RAW_URL, body=b"version https://git-lfs.github.com/spec/v1\n", content_type="text/plain")
    with pytest.raises(SourceError) as exc:
        SOURCE.fetch(make_session(retries=0), tmp_path)
    assert exc.value.source == "statbel_origin"
    assert "parquet" in exc.value.problem
    assert list(tmp_path.iterdir()) == []


def test_snapshot_is_a_byte_copy_of_shared_data(snapshot_dir):
    shared = ROOT.parent / "shared" / "data" / "statbel_origin_netbeck" / FILE
    if not shared.exists():
        pytest.skip("shared/data is not beside this checkout")
    assert snap.sha256(shared) == snap.sha256(snapshot_dir / FILE)
