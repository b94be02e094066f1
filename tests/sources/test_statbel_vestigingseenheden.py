"""Business establishments per municipality: values in the be.STAT JSON, duplicates, name matching."""

from __future__ import annotations

import json

import pytest

from pipelines.source import SourceError
from pipelines.sources.statbel_vestigingseenheden import FILE
from pipelines.sources.statbel_vestigingseenheden import INDICATOR
from pipelines.sources.statbel_vestigingseenheden import SOURCE
from tests.sources._issue16_support import check_snapshot
from tests.sources._issue16_support import value


@pytest.fixture(scope="module")
def shipped(snapshot_dir, obs, known_geos):
    return check_snapshot(SOURCE, snapshot_dir, obs, known_geos)


def test_values_as_in_the_json(shipped):
    folder, obs = shipped
    # SOURCES.md §14: Gent 29,760 (Q4 2018) -> 37,518 (Q4 2023); Antwerpen 54,620 -> 66,381; Genk, Oostende.
    assert value(obs, INDICATOR, "44021", "2018") == 29_760
    assert value(obs, INDICATOR, "44021", "2023") == 37_518
    assert value(obs, INDICATOR, "11002", "2023") == 66_381
    assert value(obs, INDICATOR, "71016", "2018") == 5_986
    assert value(obs, INDICATOR, "35013", "2023") == 8_191
    facts = json.loads((folder / FILE).read_text(encoding="utf-8"))["facts"]
    assert len(facts) == 3962  # the 2023 period is in the file twice; loaded once
    assert sorted(obs.period.unique()) == [str(y) for y in range(2018, 2024)]


def test_unit_says_establishments_not_jobs():
    ind = SOURCE.indicator(INDICATOR)
    assert (
        ind.unit == "establishments" and "geen banen" in ind.name_nl and "not jobs" in ind.name_en
    )


def test_unknown_flemish_name_is_refused_not_guessed(tmp_path, shipped):
    folder, _ = shipped
    doc = json.loads((folder / FILE).read_text(encoding="utf-8"))
    doc["facts"][0]["Gemeente"] = "Gentt"
    (tmp_path / FILE).write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(SourceError, match="Gentt"):
        SOURCE.parse(tmp_path)


def test_two_counts_for_one_municipality_are_refused(tmp_path, shipped):
    folder, _ = shipped
    doc = json.loads((folder / FILE).read_text(encoding="utf-8"))
    doc["facts"].append({**doc["facts"][0], "Aantal vestigingseenheden": 1.0})
    (tmp_path / FILE).write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(SourceError, match="two different counts"):
        SOURCE.parse(tmp_path)
