"""Eurostat employment at the place of work (NUTS 3): the shipped Data Commons CSV, checked by hand,
and the live JSON-stat path on a fixture in the documented format."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import duckdb
import pytest
import responses
from responses import matchers

from pipelines import eurostat
from pipelines import snapshot as snap
from pipelines.config import ROOT
from pipelines.http import make_session
from pipelines.source import SourceError
from pipelines.sources.eurostat_nama_10r_3empers import CSV
from pipelines.sources.eurostat_nama_10r_3empers import SECTORS
from pipelines.sources.eurostat_nama_10r_3empers import SOURCE

FIXTURE = ROOT / "tests" / "fixtures" / "eurostat" / "nama_10r_3empers_documented_format.json"
SHA256 = "793a2c08e81ecc6006f238bead8254c44248b6af2a307aa2c89bee8dd0749e63"  # SOURCES.md section 9


def value(obs, geo, period, breakdown="total", breakdown_value="total") -> float:
    sel = obs[
        (obs.geo_code == geo)
        & (obs.period == period)
        & (obs.breakdown == breakdown)
        & (obs.breakdown_value == breakdown_value)
    ]
    assert len(sel) == 1, (geo, period, breakdown_value, len(sel))
    return float(sel["value"].iloc[0])


def test_snapshot_is_the_checked_copy(snapshot_dir):
    manifest = snap.verify(SOURCE, snapshot_dir)
    assert [f["sha256"] for f in manifest["files"]] == [SHA256]
    assert "cf373044cc6f064b0bc22bbc6372c4b4baba6a53" in manifest["origin"]
    assert not SOURCE.live_verified and not SOURCE.live_only


def test_hand_checked_totals(obs):
    # SOURCES.md section 9, total employed persons at the place of work.
    assert value(obs, "44000", "2018") == 293_900  # BE234 Arr. Gent
    assert value(obs, "44000", "2000") == 226_300
    assert value(obs, "11000", "2018") == 487_100  # BE211 Arr. Antwerpen
    assert value(obs, "71000", "2018") == 206_000  # BE221 Arr. Hasselt (Genk)
    assert value(obs, "35000", "2018") == 53_400  # BE255 Arr. Oostende
    assert value(obs, "40000", "2018") == 624_200  # BE23 Prov. Oost-Vlaanderen
    assert value(obs, "01000", "2000") == 4_109_000


def test_hand_checked_sectors_of_arr_gent_2018(obs):
    expected = {
        "A": 3_100,
        "B-E": 40_900,
        "F": 15_300,
        "G-I": 51_300,
        "J": 8_800,
        "K": 6_000,
        "L": 1_600,
        "M-N": 66_300,
        "O-Q": 89_500,
        "R-U": 11_200,
    }
    got = {s: value(obs, "44000", "2018", "sector_nace", s) for s in expected}
    assert got == expected
    assert (
        abs(sum(got.values()) - value(obs, "44000", "2018")) <= 300
    )  # rounding in the published thousands


def test_sectors_are_a_partition_never_double_counted(obs, snapshot_dir):
    sectors = obs[obs.breakdown == "sector_nace"]
    assert (
        set(sectors.breakdown_value)
        == set(SECTORS)
        == {"A", "B-E", "F", "G-I", "J", "K", "L", "M-N", "O-Q", "R-U"}
    )
    totals = obs[obs.breakdown == "total"].set_index(["geo_code", "period"])["value"]
    sums = sectors.groupby(["geo_code", "period"])["value"].sum()
    assert ((sums - totals.loc[sums.index]).abs() <= 300).all()
    # Every total row of the CSV is loaded once per mapped region: 58 regions x 19 years.
    with open(snapshot_dir / CSV, newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 62 * 19
    assert len(totals) == 58 * 19  # minus BE10 (= BE1) and BEZ, BEZZ, BEZZZ (extra-regio)
    assert set(obs.period) == {str(y) for y in range(2000, 2019)}


def test_float_artefacts_are_rounded_away(obs, snapshot_dir):
    raw = (snapshot_dir / CSV).read_text()
    assert "99999999997" in raw  # e.g. 260899.99999999997 in the Data Commons file
    assert (
        obs["value"].dropna() % 100 == 0
    ).all()  # thousands with one decimal = multiples of 100 persons


def test_geographies_nis_nuts_and_the_verviers_parts(warehouse):
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        nuts = dict(
            con.execute(
                "SELECT geo_code, nuts_code FROM geographies WHERE nuts_code IS NOT NULL"
            ).fetchall()
        )
        parts = con.execute(
            "SELECT geo_code, level, parent_code FROM geographies WHERE level = 'nuts3' ORDER BY 1"
        ).fetchall()
        jobs = con.execute(
            "SELECT count(DISTINCT geo_code) FROM observations WHERE indicator_id = 'jobs_at_workplace'"
        ).fetchone()[0]
    finally:
        con.close()
    assert nuts["44000"] == "BE234" and nuts["72000"] == "BE222" and nuts["25000"] == "BE310"
    assert parts == [("BE335", "nuts3", "63000"), ("BE336", "nuts3", "63000")]
    assert jobs == 58


def _edit_csv(tmp_path: Path, snapshot_dir: Path, edit) -> Path:
    folder = tmp_path / "snap"
    folder.mkdir()
    with open(snapshot_dir / CSV, newline="") as fh:
        rows = list(csv.reader(fh))
    edit(rows)
    with open(folder / CSV, "w", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return folder


def _drop_total(rows):
    for r in rows:
        del r[-1]


def _foreign(rows):
    rows[1][1] = "dcid:nuts/NL"


def _sector_off(rows):
    rows[1][2] = str(float(rows[1][2]) + 5000)  # A of BE 2000 grows; the total does not


def _unknown_nuts(rows):
    rows[1][1] = "dcid:nuts/BE999"


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        (_drop_total, "missing column"),
        (_foreign, "not a Belgian"),
        (_sector_off, "do not add up"),
        (_unknown_nuts, "not in the NUTS 2016 list"),
    ],
)
def test_broken_csv_raises_source_error(tmp_path, snapshot_dir, edit, problem):
    with pytest.raises(SourceError) as exc:
        SOURCE.parse(_edit_csv(tmp_path, snapshot_dir, edit))
    assert exc.value.source == "eurostat_nama_10r_3empers" and problem in exc.value.problem


@responses.activate
def test_live_fetch_and_parse_of_the_json_stat_response(tmp_path):
    body = FIXTURE.read_bytes()
    query = eurostat.api_url("nama_10r_3empers", SOURCE.params).split("?", 1)[1]
    assert (
        "nace_r2=R-U" in query
        and "wstatus=EMP" in query
        and "unit=THS" in query
        and "geo=" not in query
    )
    responses.add(
        responses.GET,
        eurostat.API + "nama_10r_3empers",
        body=body,
        content_type="application/json",
        match=[matchers.query_string_matcher(query)],
    )
    dest = tmp_path / "live"
    dest.mkdir()
    files = SOURCE.fetch(make_session(retries=0), dest)
    assert [f.name for f in files] == ["nama_10r_3empers.json"]
    live = SOURCE.parse(dest)  # no CSV in a live snapshot: the JSON path
    # Fixture formula (make_fixtures.py): BE234 total = sum over the 10 sectors of (1.5 + k + 5) thousand.
    assert value(live, "44000", "2019") == sum(1.5 + k + 5 for k in range(10)) * 1000 == 110_000
    assert (
        value(live, "71000", "2020", "sector_nace", "A") == (1.5 + 6) * 1000
    )  # BE224 (NUTS 2021) by label
    assert set(live.breakdown_value) == {"total", *SECTORS}


def test_csv_wins_when_a_snapshot_has_both(tmp_path, snapshot_dir):
    folder = tmp_path / "both"
    folder.mkdir()
    shutil.copyfile(snapshot_dir / CSV, folder / CSV)
    shutil.copyfile(FIXTURE, folder / "nama_10r_3empers.json")
    assert value(SOURCE.parse(folder), "44000", "2018") == 293_900


def test_snapshot_is_a_byte_copy_of_shared_data(snapshot_dir):
    shared = ROOT.parent / "shared" / "data" / "eurostat_nama_10r_3empers_datacommons" / CSV
    if not shared.exists():
        pytest.skip("shared/data is not beside this checkout")
    assert snap.sha256(shared) == snap.sha256(snapshot_dir / CSV)
