"""Hand-extracted age groups for Gent and Antwerpen: values, the sum check, labels saying hand-extracted."""

from __future__ import annotations

import pytest

from pipelines.http import make_session
from pipelines.source import SourceError
from pipelines.sources.belpulse_handextract import FILE
from pipelines.sources.belpulse_handextract import INDICATOR
from pipelines.sources.belpulse_handextract import SOURCE
from tests.sources._issue16_support import check_snapshot
from tests.sources._issue16_support import value


@pytest.fixture(scope="module")
def shipped(snapshot_dir, obs, known_geos):
    return check_snapshot(SOURCE, snapshot_dir, obs, known_geos)


def test_values_as_in_the_file(shipped):
    _, obs = shipped
    # SOURCES.md §15: Gent 15-64 174,053 (2017), 177,409 (2021), 185,683 (2025); Antwerpen 333,354 (2017).
    assert value(obs, INDICATOR, "44021", "2017", "15-64") == 174_053
    assert value(obs, INDICATOR, "44021", "2021", "15-64") == 177_409
    assert value(obs, INDICATOR, "44021", "2025", "15-64") == 185_683
    assert value(obs, INDICATOR, "11002", "2017", "15-64") == 333_354
    assert obs[
        (obs.geo_code == "44021") & (obs.period == "2017") & (obs.breakdown_value == "0-14")
    ].empty
    assert "CAS" not in " ".join(
        obs.breakdown_value
    )  # census and VAR rows come from their full files


def test_a_transcription_error_breaks_the_sum(tmp_path, shipped):
    folder, _ = shipped
    text = (
        (folder / FILE)
        .read_text(encoding="utf-8")
        .replace(
            "44021,Gent,POPULATION_AGE_15_64,2021,177409",
            "44021,Gent,POPULATION_AGE_15_64,2021,177490",
        )
    )
    assert "177490" in text
    (tmp_path / FILE).write_text(text, encoding="utf-8")
    with pytest.raises(SourceError, match="do not add up"):
        SOURCE.parse(tmp_path)


def test_labelled_hand_extracted_and_nothing_to_fetch(tmp_path):
    assert (
        "handmatig" in SOURCE.indicator(INDICATOR).name_nl
        and "hand-extracted" in SOURCE.indicator(INDICATOR).name_en
    )
    with pytest.raises(SourceError, match="nothing to download"):
        SOURCE.fetch(make_session(retries=0), tmp_path)
