"""The live-only Eurostat sources: fetch with `responses` and parse, on fixtures in Eurostat's documented format.

The fixtures (tests/fixtures/eurostat/*_documented_format.json) hold SYNTHETIC numbers made by
make_fixtures.py: no Eurostat response could be recorded here. Expected values are read from the
fixture with `fixture_cell`, which computes the row-major flat index by hand, independently of the
decoder. None of these fetchers has run against Eurostat.
"""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import pytest
import responses
from responses import matchers

from pipelines import eurostat
from pipelines.config import ROOT
from pipelines.http import make_session
from pipelines.registry import get_source
from pipelines.source import OBSERVATION_COLUMNS
from pipelines.source import SourceError
from pipelines.validation import validate_indicators
from pipelines.validation import validate_observations

FIXTURES = ROOT / "tests" / "fixtures" / "eurostat"
LIVE_ONLY = [
    "urb_cpop1",
    "urb_clma",
    "urb_ctran",
    "demo_r_pjangrp3",
    "lfst_r_lfu3rt",
    "lfst_r_lfe2ecomm",
    "jvs_q_nace2",
]
CITY_DATASETS = ["urb_cpop1", "urb_clma", "urb_ctran"]
# The fixture's city codes that label Gent, Genk, Oostende, Antwerpen as cities (invented codes).
RESOLVED = ["BE901C", "BE904C1", "BE905C", "BE906C"]


def fixture(dataset: str) -> dict:
    return json.loads((FIXTURES / f"{dataset}_documented_format.json").read_text(encoding="utf-8"))


def fixture_cell(doc: dict, **codes) -> float | None:
    """The value at the given category codes, by the row-major index rule of JSON-stat."""
    pos = 0
    for dim, n in zip(doc["id"], doc["size"], strict=True):
        index = doc["dimension"][dim]["category"]["index"]
        code = codes.get(dim) or next(iter(index))
        pos = pos * n + index[code]
    return doc["value"].get(str(pos))


def snapshot_of(dataset: str, tmp_path: Path) -> Path:
    folder = tmp_path / dataset
    folder.mkdir()
    shutil.copyfile(FIXTURES / f"{dataset}_documented_format.json", folder / f"{dataset}.json")
    return folder


def value(obs, indicator, geo, period, breakdown="total", breakdown_value="total"):
    sel = obs[
        (obs.indicator_id == indicator)
        & (obs.geo_code == geo)
        & (obs.period == period)
        & (obs.breakdown == breakdown)
        & (obs.breakdown_value == breakdown_value)
    ]
    assert len(sel) == 1, (indicator, geo, period, breakdown_value, len(sel))
    return sel.iloc[0]


@pytest.fixture(scope="module")
def known_geos(warehouse):
    """Geographies of the real offline build (reference lists, boundaries, the Verviers NUTS parts)."""
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return {r[0] for r in con.execute("SELECT geo_code FROM geographies").fetchall()}
    finally:
        con.close()


def source(dataset):
    return get_source(f"eurostat_{dataset}")


@pytest.mark.parametrize("dataset", LIVE_ONLY)
def test_parse_of_the_documented_format_validates(dataset, tmp_path, known_geos):
    src = source(dataset)
    assert src.live_only and not src.live_verified
    validate_indicators(src)
    obs = src.parse(snapshot_of(dataset, tmp_path))
    assert list(obs.columns) == OBSERVATION_COLUMNS
    validate_observations(src, obs, file="fixture", known_geos=known_geos)
    assert set(obs.indicator_id) == {i.id for i in src.indicators}


@pytest.mark.parametrize("dataset", sorted(set(LIVE_ONLY) - set(CITY_DATASETS)))
@responses.activate
def test_fetch_requests_the_documented_url_and_keeps_the_json(dataset, tmp_path):
    src = source(dataset)
    body = (FIXTURES / f"{dataset}_documented_format.json").read_bytes()
    query = eurostat.api_url(dataset, src.params).split("?", 1)[1]
    responses.add(
        responses.GET,
        eurostat.API + dataset,
        body=body,
        content_type="application/json",
        match=[matchers.query_string_matcher(query)],
    )
    dest = tmp_path / "fetched"
    dest.mkdir()
    files = src.fetch(make_session(retries=0), dest)
    assert [f.name for f in files] == [f"{dataset}.json"]
    assert files[0].read_bytes() == body
    assert len(src.parse(dest)) > 0


@pytest.mark.parametrize("dataset", CITY_DATASETS)
@responses.activate
def test_city_fetch_resolves_codes_from_urb_cpop1_labels_first(dataset, tmp_path):
    src = source(dataset)
    discovery = (FIXTURES / "urb_cpop1_documented_format.json").read_bytes()
    body = (FIXTURES / f"{dataset}_documented_format.json").read_bytes()
    responses.add(
        responses.GET,
        eurostat.API + "urb_cpop1",
        body=discovery,
        content_type="application/json",
        match=[matchers.query_string_matcher("format=JSON&lang=EN&lastTimePeriod=1")],
    )
    data_query = "format=JSON&lang=EN&" + "&".join(f"cities={c}" for c in RESOLVED)
    responses.add(
        responses.GET,
        eurostat.API + dataset,
        body=body,
        content_type="application/json",
        match=[matchers.query_string_matcher(data_query)],
    )
    dest = tmp_path / "fetched"
    dest.mkdir()
    files = src.fetch(make_session(retries=0), dest)
    assert files[0].read_bytes() == body
    assert len(responses.calls) == 2  # discovery, then data for exactly the four resolved cities


@responses.activate
def test_fetch_failures_are_source_errors_and_leave_nothing(tmp_path):
    src = source("lfst_r_lfu3rt")
    responses.add(responses.GET, eurostat.API + "lfst_r_lfu3rt", status=503)
    with pytest.raises(SourceError) as exc:
        src.fetch(make_session(retries=0), tmp_path)
    assert exc.value.source == "eurostat_lfst_r_lfu3rt" and "503" in exc.value.problem
    responses.replace(responses.GET, eurostat.API + "lfst_r_lfu3rt", json={"warning": "no data"})
    with pytest.raises(SourceError, match="not a JSON-stat 2.0 dataset"):
        src.fetch(make_session(retries=0), tmp_path)


@responses.activate
def test_city_fetch_fails_when_a_peer_city_is_not_in_the_code_list(tmp_path):
    doc = fixture("urb_cpop1")
    doc["dimension"]["cities"]["category"]["label"]["BE904C1"] = "Genck"
    responses.add(responses.GET, eurostat.API + "urb_cpop1", json=doc)
    with pytest.raises(SourceError, match="no Urban Audit city labelled 'Genk'"):
        source("urb_clma").fetch(make_session(retries=0), tmp_path)


def test_urb_cpop1_values_and_city_mapping(tmp_path):
    doc = fixture("urb_cpop1")
    obs = source("urb_cpop1").parse(snapshot_of("urb_cpop1", tmp_path))
    assert sorted(set(obs.geo_code)) == [
        "11002",
        "35013",
        "44021",
        "71016",
    ]  # FUA, greater city, Brussels, NL left out
    gent = value(obs, "ua_population", "44021", "2019")
    assert gent.value == fixture_cell(doc, indic_ur="XX9001V", cities="BE901C", time="2019")
    assert str(gent.ref_date) == "2019-01-01"
    genk = value(obs, "ua_population", "71016", "2020")  # versioned code BE904C1
    assert genk.value == fixture_cell(doc, indic_ur="XX9001V", cities="BE904C1", time="2020")


def test_urb_clma_picks_totals_and_keeps_confidential_cells_as_hidden(tmp_path):
    doc = fixture("urb_clma")
    obs = source("urb_clma").parse(snapshot_of("urb_clma", tmp_path))
    rate = value(obs, "ua_unemployment_rate", "11002", "2019")
    assert rate.value == fixture_cell(
        doc, indic_ur="XX9103I", cities="BE906C", time="2019"
    )  # not the male rate
    hidden = value(obs, "ua_unemployment_rate", "35013", "2019")
    assert math.isnan(hidden.value) and hidden.status == "hidden"
    assert (
        value(obs, "ua_unemployed", "44021", "2020").value == 5000
    )  # "Unemployed persons, total", not 15-24


def test_urb_ctran_in_and_out_commuters(tmp_path):
    doc = fixture("urb_ctran")
    obs = source("urb_ctran").parse(snapshot_of("urb_ctran", tmp_path))
    assert value(obs, "ua_in_commuters", "44021", "2011").value == fixture_cell(
        doc, indic_ur="XX9201V", cities="BE901C", time="2011"
    )
    assert value(obs, "ua_out_commuters", "35013", "2011").value == 20_004
    assert set(obs.indicator_id) == {
        "ua_in_commuters",
        "ua_out_commuters",
    }  # the % share is not taken


def test_demo_r_pjangrp3_sums_the_ten_bands_and_maps_nuts_by_label(tmp_path):
    doc = fixture("demo_r_pjangrp3")
    obs = source("demo_r_pjangrp3").parse(snapshot_of("demo_r_pjangrp3", tmp_path))
    bands = [f"Y{a}-{a + 4}" for a in range(15, 65, 5)]
    expected = sum(fixture_cell(doc, age=b, geo="BE234", time="2019") for b in bands)
    assert value(obs, "population_15_64_nuts3", "44000", "2019").value == expected
    assert value(obs, "population_nuts3", "44000", "2019").value == fixture_cell(
        doc, age="TOTAL", geo="BE234", time="2019"
    )
    # BE224 is the NUTS 2021 code of Arr. Hasselt: mapped by its label. One band missing -> no 15-64 value.
    gap = value(obs, "population_15_64_nuts3", "71000", "2020")
    assert math.isnan(gap.value) and gap.status == "missing"
    assert not math.isnan(value(obs, "population_15_64_nuts3", "71000", "2019").value)
    assert set(obs.geo_code) == {
        "01000",
        "04000",
        "02000",
        "40000",
        "44000",
        "71000",
        "BE335",
    }  # no BE10, BEZZZ, NL


def test_lfst_r_lfu3rt_breakdowns_and_flags(tmp_path):
    doc = fixture("lfst_r_lfu3rt")
    obs = source("lfst_r_lfu3rt").parse(snapshot_of("lfst_r_lfu3rt", tmp_path))
    total = value(obs, "lfs_unemployment_rate", "40000", "2019")
    assert total.value == fixture_cell(doc, isced11="TOTAL", age="Y15-74", geo="BE23", time="2019")
    low = value(obs, "lfs_unemployment_rate", "40000", "2019", "education", "low")
    assert low.value == fixture_cell(doc, isced11="ED0-2", age="Y15-74", geo="BE23", time="2019")
    young = value(obs, "lfs_unemployment_rate", "40000", "2020", "age", "15-24")
    assert math.isnan(young.value) and young.status == "missing"  # flag 'u' without a number
    assert value(obs, "lfs_unemployment_rate", "02000", "2020").value == fixture_cell(
        doc, isced11="TOTAL", age="Y15-74", geo="BE2", time="2020"
    )  # flag 'b' on a number: the number is kept


def test_lfst_r_lfe2ecomm_workplace_split_in_persons(tmp_path):
    obs = source("lfst_r_lfe2ecomm").parse(snapshot_of("lfst_r_lfe2ecomm", tmp_path))
    total = value(obs, "lfs_employed_residents", "40000", "2019").value
    parts = [
        value(obs, "lfs_employed_residents", "40000", "2019", "workplace", k).value
        for k in ("same_region", "other_region", "abroad")
    ]
    assert total == 540_000  # 540.0 thousand in the fixture, stored in persons
    assert sum(parts) == pytest.approx(total)


def test_jvs_q_nace2_quarters_become_quarter_end_months(tmp_path):
    obs = source("jvs_q_nace2").parse(snapshot_of("jvs_q_nace2", tmp_path))
    row = value(obs, "job_vacancies_jvs", "01000", "2024-03")
    assert row.value == 150_001 and str(row.ref_date) == "2024-03-31"  # B-S, not construction
    assert value(obs, "job_vacancy_rate", "01000", "2023-12").value == 4.5


def test_a_renamed_category_fails_the_parse_with_the_labels_on_offer(tmp_path):
    folder = snapshot_of("urb_clma", tmp_path)
    doc = json.loads((folder / "urb_clma.json").read_text())
    doc["dimension"]["indic_ur"]["category"]["label"]["XX9103I"] = "Jobless rate"
    (folder / "urb_clma.json").write_text(json.dumps(doc))
    with pytest.raises(SourceError, match="0 categories match /unemployment rate/") as exc:
        source("urb_clma").parse(folder)
    assert "Jobless rate" in exc.value.problem


def test_a_missing_code_fails_the_parse_naming_the_codes_on_offer(tmp_path):
    folder = snapshot_of("lfst_r_lfu3rt", tmp_path)
    doc = json.loads((folder / "lfst_r_lfu3rt.json").read_text())
    index = doc["dimension"]["age"]["category"]["index"]
    index["Y25-64"] = index.pop("Y25-74")
    (folder / "lfst_r_lfu3rt.json").write_text(json.dumps(doc))
    with pytest.raises(SourceError, match=r"no category \['Y25-74'\].*Y25-64"):
        source("lfst_r_lfu3rt").parse(folder)


def test_offline_build_skips_them_without_a_snapshot(warehouse):
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    loaded = {r[0] for r in con.execute("SELECT source_id FROM sources").fetchall()}
    assert not {f"eurostat_{d}" for d in LIVE_ONLY} & loaded
    assert "eurostat_nama_10r_3empers" in loaded
