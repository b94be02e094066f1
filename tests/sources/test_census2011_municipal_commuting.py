"""Census 2011 jobs and commuting per municipality: values a reader finds in geo_home_work.csv."""

from __future__ import annotations

import csv

import pytest
import responses

from pipelines.http import make_session
from pipelines.source import SourceError
from pipelines.sources.census2011_municipal_commuting import FILE
from pipelines.sources.census2011_municipal_commuting import RAW_URL
from pipelines.sources.census2011_municipal_commuting import SOURCE
from tests.sources._issue16_support import check_snapshot
from tests.sources._issue16_support import value


@pytest.fixture(scope="module")
def shipped(snapshot_dir, obs, known_geos):
    return check_snapshot(SOURCE, snapshot_dir, obs, known_geos)


def test_gent_jobs_and_commuters_as_in_the_file(shipped):
    _, obs = shipped
    # SOURCES.md §10, row niscode 44021 of geo_home_work.csv: twtot, stay, move_to, move_from.
    assert value(obs, "muni_jobs_at_workplace", "44021", "2011") == 158_673
    assert value(obs, "muni_in_commuters", "44021", "2011") == 96_641
    assert value(obs, "muni_out_commuters", "44021", "2011") == 40_160
    assert value(obs, "muni_live_and_work", "44021", "2011") == 61_228
    assert value(obs, "muni_jobs_at_workplace", "11002", "2011") == 265_777
    assert value(obs, "muni_in_commuters", "35013", "2011") == 14_481


def test_every_row_matches_a_plain_reading_and_arrondissement_sums(shipped):
    folder, obs = shipped
    with open(folder / FILE, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 588
    jobs = obs[obs.indicator_id == "muni_jobs_at_workplace"].set_index("geo_code")["value"]
    assert {r["niscode"]: float(r["twtot"]) for r in rows} == jobs.to_dict()
    # twtot summed over Arr. Gent equals the census 2011 arrondissement matrix column sum (SOURCES.md §10).
    assert jobs[jobs.index.str.startswith("44")].sum() == 248_840
    assert "73028" not in jobs.index  # Herstappe is missing from the file


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        (lambda t: t.replace('"twtot"', '"jobs"'), "missing column"),
        (lambda t: t.replace(",44021,158673,", ",4402X,158673,"), "5-digit"),
        (lambda t: t.replace(",44021,158673,", ",44021,1000,"), "exceeds twtot"),
    ],
)
def test_broken_file_raises_source_error(tmp_path, shipped, edit, problem):
    folder, _ = shipped
    (tmp_path / FILE).write_text(
        edit((folder / FILE).read_text(encoding="utf-8")), encoding="utf-8"
    )
    with pytest.raises(SourceError) as exc:
        SOURCE.parse(tmp_path)
    assert exc.value.file == str(tmp_path / FILE) and problem in exc.value.problem


@responses.activate
def test_fetch_downloads_the_pinned_file(tmp_path, shipped):
    """Recorded response: the shipped bytes are what the pinned raw.githubusercontent URL serves."""
    folder, obs = shipped
    responses.add(
        responses.GET, RAW_URL, body=(folder / FILE).read_bytes(), content_type="text/plain"
    )
    SOURCE.fetch(make_session(retries=0), tmp_path)
    assert SOURCE.parse(tmp_path).equals(obs)
