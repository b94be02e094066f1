"""Urban Audit Belgian cities: values in the Eurostat files, flags kept, the SDMX-CSV fetch."""

from __future__ import annotations

import csv

import pytest
import responses

from pipelines.http import make_session
from pipelines.source import SourceError
from pipelines.sources.eurostat_urban_audit_be import SERIES
from pipelines.sources.eurostat_urban_audit_be import SOURCE
from tests.sources._issue16_support import check_snapshot
from tests.sources._issue16_support import value


@pytest.fixture(scope="module")
def shipped(snapshot_dir, obs, known_geos):
    return check_snapshot(SOURCE, snapshot_dir, obs, known_geos)


def test_gent_values_as_in_the_files(shipped):
    _, obs = shipped
    # SOURCES.md §11 table, column "Gent BE003C".
    assert value(obs, "uab_unemployed", "BE003C", "2015") == 10_236
    assert value(obs, "uab_unemployed", "BE003C", "2024") == 8_531
    assert value(obs, "uab_employed_20_64", "BE003C", "2015") == 107_276
    assert value(obs, "uab_employed_20_64", "BE003C", "2023") == 123_246
    assert value(obs, "uab_population", "BE003C", "2024") == 270_133
    assert value(obs, "uab_foreign_born", "BE003C", "2015") == 50_172
    assert value(obs, "uab_employed_20_64", "BE002C", "2023") == 216_392
    assert value(obs, "uab_employed_20_64", "BE011C", "2023") == 26_466
    assert value(obs, "uab_employed_20_64", "01000", "2023") == 4_856_429


def test_every_value_matches_a_plain_reading(shipped):
    folder, obs = shipped
    for fname, (ind, *_rest) in SERIES.items():
        with open(folder / fname, newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        got = obs[obs.indicator_id == ind]
        assert len(got) == len(rows), fname
        for r in rows:
            geo = "01000" if r["cities"] == "BE" else r["cities"]
            assert value(obs, ind, geo, r["TIME_PERIOD"]) == float(r["OBS_VALUE"])


def test_estimates_are_flagged_and_cities_keep_their_code(shipped):
    folder, _ = shipped
    notes = SOURCE.observation_notes(folder)
    gent_2024 = notes[
        (notes.geo_code == "BE003C")
        & (notes.indicator_id == "uab_unemployed")
        & (notes.period == "2024")
    ]
    assert "estimated" in gent_2024["note"].iloc[0]
    geos = SOURCE.geographies(folder).set_index("geo_code")
    assert len(geos) == 15 and set(geos["level"]) == {"ua_city"}
    assert geos.loc["BE002C", "name_en"] == "Antwerpen (greater city)"
    assert geos.loc["BE002C", "name_nl"] == "Antwerpen (ruimer stadsgebied)"


def test_a_file_with_another_indicator_is_refused(tmp_path, shipped):
    folder, _ = shipped
    for fname in SERIES:
        text = (folder / fname).read_text(encoding="utf-8")
        if fname.startswith("urb_clma_EC1010V"):
            text = text.replace("EC1010V", "EC1020I")
        (tmp_path / fname).write_text(text, encoding="utf-8")
    with pytest.raises(SourceError, match="EC1020I"):
        SOURCE.parse(tmp_path)


def documented_format_answer(code: str) -> str:
    """Fixture in the SDMX-CSV layout of the 2.1 API (LIVE_APIS.md §1b: DATAFLOW, LAST UPDATE, dimensions,
    TIME_PERIOD, OBS_VALUE, OBS_FLAG). Values are SYNTHETIC except Gent's 2015 population (253,914)."""
    head = "DATAFLOW,LAST UPDATE,freq,indic_ur,cities,TIME_PERIOD,OBS_VALUE,OBS_FLAG"
    return (
        "\n".join(
            [
                head,
                f"ESTAT:URB_X(1.0),01/11/25 23:00:00,A,{code},BE003C,2015,253914,",
                f"ESTAT:URB_X(1.0),01/11/25 23:00:00,A,{code},BE003C,2016,1000,e",
                f"ESTAT:URB_X(1.0),01/11/25 23:00:00,A,{code},NL002C,2015,5000,",
            ]
        )
        + "\n"
    )


@responses.activate
def test_fetch_keeps_belgian_rows_of_each_table(tmp_path):
    for f in SOURCE.files:
        responses.add(
            responses.GET,
            f.url,
            body=documented_format_answer(SERIES[f.name][2]),
            content_type="text/csv",
        )
    SOURCE.fetch(make_session(retries=0), tmp_path)
    obs = SOURCE.parse(tmp_path)
    assert value(obs, "uab_population", "BE003C", "2015") == 253_914
    assert "NL002C" not in set(obs.geo_code)
    assert "A.DE1001V." in responses.calls[0].request.url
