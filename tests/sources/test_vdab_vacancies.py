"""vdab_vacancies: the real snapshot parses to the values hand-checked in shared/data/SOURCES.md §7."""

from __future__ import annotations

import warnings

import openpyxl
import pandas as pd
import pytest
import responses

from pipelines.breakdowns import VOCABULARY
from pipelines.http import make_session
from pipelines.source import OBSERVATION_COLUMNS
from pipelines.source import SourceError
from pipelines.sources.vdab_vacancies import FILE
from pipelines.sources.vdab_vacancies import SECTORS
from pipelines.sources.vdab_vacancies import SOURCE
from pipelines.validation import validate_observations

GENT, ANTWERPEN = "44021", "11002"


def value(df, indicator, geo, period, breakdown="total", breakdown_value="total"):
    hit = df[
        (df["indicator_id"] == indicator)
        & (df["geo_code"] == geo)
        & (df["period"] == period)
        & (df["breakdown"] == breakdown)
        & (df["breakdown_value"] == breakdown_value)
    ]
    assert len(hit) == 1, f"{indicator} {geo} {period} {breakdown}={breakdown_value}: {len(hit)} rows"
    return hit["value"].iloc[0]


def test_shape_of_the_output(obs):
    assert list(obs.columns) == OBSERVATION_COLUMNS
    assert set(obs["indicator_id"]) == {"vacancies_received", "vacancies_open"}
    assert obs["geo_code"].nunique() == 304  # 285 Flemish + 19 Brussels municipalities; rest rows skipped
    assert sorted(obs["period"].unique()) == [str(y) for y in range(2014, 2025)]
    assert set(obs.loc[obs["breakdown"] == "sector", "breakdown_value"]) == set(SECTORS.values())
    assert len(obs) == 304 * 58 * 11


@pytest.mark.parametrize(
    ("indicator", "geo", "period", "expected"),
    [
        ("vacancies_received", GENT, "2014", 9757),
        ("vacancies_received", GENT, "2019", 24561),
        ("vacancies_received", GENT, "2020", 15391),
        ("vacancies_received", GENT, "2024", 21374),
        ("vacancies_open", GENT, "2024", 4035),
        ("vacancies_received", ANTWERPEN, "2014", 15469),
        ("vacancies_received", ANTWERPEN, "2024", 28876),
    ],
)
def test_hand_checked_totals(obs, indicator, geo, period, expected):
    assert value(obs, indicator, geo, period) == expected


@pytest.mark.parametrize(
    ("sector", "expected"),
    [
        ("zakelijke_dienstverlening", 3853),
        ("maatschappelijke_dienstverlening", 3425),
        ("onderwijs", 2821),
        ("bouw", 1363),
    ],
)
def test_gent_2023_received_by_sector(obs, sector, expected):
    assert value(obs, "vacancies_received", GENT, "2023", "sector", sector) == expected


def test_sectors_are_a_breakdown_not_added_to_the_total(obs):
    gent = obs[(obs["geo_code"] == GENT) & (obs["period"] == "2023") & (obs["indicator_id"] == "vacancies_received")]
    total = value(obs, "vacancies_received", GENT, "2023")
    assert total == 22488
    assert gent.loc[gent["breakdown"] == "sector", "value"].sum() == total  # the 28 sectors are complete


def test_brussels_is_missing_not_zero(obs):
    brussels = obs[obs["geo_code"].str.startswith("21")]
    assert brussels["geo_code"].nunique() == 19
    assert (brussels["status"] == "missing").all()
    assert brussels["value"].isna().all()
    flemish = obs[~obs["geo_code"].str.startswith("21")]
    assert flemish["status"].isna().all()


def test_every_breakdown_value_has_a_label(obs):
    labelled = {(b.breakdown, b.value) for b in VOCABULARY}
    used = set(map(tuple, obs[["breakdown", "breakdown_value"]].drop_duplicates().to_numpy()))
    assert used <= labelled
    bouw = next(b for b in VOCABULARY if (b.breakdown, b.value) == ("sector", "bouw"))
    assert (bouw.label_nl, bouw.label_en) == ("Bouw", "Construction")


def test_output_passes_validation(obs, known_geos):
    validate_observations(SOURCE, obs, file="snapshot", known_geos=known_geos)


@responses.activate
def test_default_fetch_downloads_the_raw_file(tmp_path, snapshot_dir, obs):
    body = (snapshot_dir / FILE).read_bytes()
    url = SOURCE.files[0].url
    assert url.startswith("https://raw.githubusercontent.com/NetBeck22/education/18621b65")
    responses.add(responses.GET, url, body=body, status=200, content_type="application/octet-stream")
    written = SOURCE.fetch(make_session(retries=0), tmp_path)
    assert written == [tmp_path / FILE]
    assert (tmp_path / FILE).read_bytes() == body
    pd.testing.assert_frame_equal(SOURCE.parse(tmp_path), obs)


def test_unknown_code_is_refused_with_the_cell(snapshot_dir, tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Workbook contains no default style"
        wb = openpyxl.load_workbook(snapshot_dir / FILE)
    wb.active["D20"] = "abc"
    wb.save(tmp_path / FILE)
    with pytest.raises(SourceError) as err:
        SOURCE.parse(tmp_path)
    msg = str(err.value)
    assert "vdab_vacancies" in msg and FILE in msg and "D20" in msg and "'abc'" in msg
