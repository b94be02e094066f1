"""BIMD 2011 employment domain: the sector file as published, the wijk assignment, population weights."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from pipelines.source import SourceError
from pipelines.sources.bimd2011 import DECILE
from pipelines.sources.bimd2011 import POPULATION
from pipelines.sources.bimd2011 import SCORE
from pipelines.sources.bimd2011 import SCORES
from pipelines.sources.bimd2011 import SOURCE
from tests.sources._issue16_support import check_snapshot
from tests.sources._issue16_support import value


@pytest.fixture(scope="module")
def shipped(snapshot_dir, obs, known_geos):
    return check_snapshot(SOURCE, snapshot_dir, obs, known_geos)


@pytest.fixture(scope="module")
def gent_sectors(shipped):
    """Plain reading of the two BIMD files for Gent's 2011 sectors (csv module, no parser code)."""
    folder, _ = shipped
    with open(folder / SCORES, newline="", encoding="utf-8") as fh:
        scores = {
            r["CD_RES_SECTOR"]: r
            for r in csv.DictReader(fh)
            if r["CD_RES_SECTOR"].startswith("44021")
        }
    with open(folder / POPULATION, newline="", encoding="utf-8") as fh:
        pop = {r["CD_RES_SECTOR"]: int(r["POPULATION"]) for r in csv.DictReader(fh, delimiter="\t")}
    return scores, pop


def test_gent_sector_facts_from_sources_md(gent_sectors):
    scores, pop = gent_sectors
    # SOURCES.md §12: 184 sectors, population 247,440, 11 sectors in decile 1, 17 in decile 2, max score 84.4.
    assert len(scores) == 184
    assert sum(pop.get(s, 0) for s in scores) == 247_440
    deciles = [int(r[DECILE]) for r in scores.values()]
    assert deciles.count(1) == 11 and deciles.count(2) == 17
    assert max(float(r[SCORE]) for r in scores.values()) == pytest.approx(84.4, abs=0.05)


def test_gent_municipal_value_is_the_population_weighted_mean(shipped, gent_sectors):
    _, obs = shipped
    scores, pop = gent_sectors
    total = sum(pop.get(s, 0) for s in scores)
    expected = sum(float(r[SCORE]) * pop.get(s, 0) for s, r in scores.items()) / total
    assert value(obs, "bimd2011_employment_score", "44021", "2011") == pytest.approx(expected)
    deprived = sum(pop.get(s, 0) for s, r in scores.items() if int(r[DECILE]) <= 2)
    assert value(obs, "bimd2011_employment_deprived_share", "44021", "2011") == pytest.approx(
        deprived / total * 100
    )


def test_all_25_gent_wijken_and_the_assignment_counts(shipped):
    folder, obs = shipped
    wijken = obs[
        (obs.indicator_id == "bimd2011_employment_score") & obs.geo_code.str.match(r"^44021W\d\d$")
    ]
    assert sorted(wijken.geo_code) == [f"44021W{i:02d}" for i in range(1, 26)]
    rules = SOURCE.assignment(folder)
    gent = rules[rules.sector.str.startswith("44021")]["rule"].value_counts().to_dict()
    # SOURCES.md §12: exact match for 79, a unique wijk on 8 characters for 98, 7 left; 2 of those by name.
    assert gent == {"prefix8": 98, "exact": 79, "nearest_prefix": 5, "by_name": 2}
    assert rules.loc[rules.sector == "44021M102", "wijk"].iloc[0] == "44021W09"  # Van Beverenplein


def test_wijk_population_adds_up_to_the_city(shipped):
    folder, _ = shipped
    rules = SOURCE.assignment(folder)
    gent = rules[rules.sector.str.startswith("44021")]
    assert gent["wijk"].notna().all()
    assert gent["POPULATION"].sum() == 247_440


def test_a_non_numeric_score_is_refused(tmp_path, shipped):
    folder, _ = shipped
    for name in (SCORES, POPULATION, "statsec_ggw7_readonly.xlsx"):
        (tmp_path / name).write_bytes((folder / name).read_bytes())
    df = pd.read_csv(tmp_path / SCORES, dtype=str)
    df.loc[3, SCORE] = "n/a"
    df.to_csv(tmp_path / SCORES, index=False)
    with pytest.raises(SourceError, match=SCORE):
        SOURCE.parse(tmp_path)
