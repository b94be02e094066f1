"""Census 2021 labour-market situation 15-64: shipped BelPulse rows and Statbel's workbook layout."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
import responses

from pipelines.http import make_session
from pipelines.source import SourceError
from pipelines.sources.statbel_census2021_activity import CSV
from pipelines.sources.statbel_census2021_activity import SHEET
from pipelines.sources.statbel_census2021_activity import SOURCE
from pipelines.sources.statbel_census2021_activity import XLSX
from pipelines.sources.statbel_census2021_activity import XLSX_URL
from tests.sources._issue16_support import check_snapshot
from tests.sources._issue16_support import value


@pytest.fixture(scope="module")
def shipped(snapshot_dir, obs, known_geos):
    return check_snapshot(SOURCE, snapshot_dir, obs, known_geos)


def test_gent_and_peers_as_in_the_file(shipped):
    _, obs = shipped
    # SOURCES.md §16 table "Requested municipalities".
    assert value(obs, "c21_employed_15_64", "44021", "2021") == 122_945
    assert value(obs, "c21_unemployed_15_64", "44021", "2021") == 10_975
    assert value(obs, "c21_labour_force_15_64", "44021", "2021") == 133_920
    assert value(obs, "c21_inactive_15_64", "44021", "2021") == 43_489
    assert value(obs, "c21_employed_15_64", "11002", "2021") == 214_836
    assert value(obs, "c21_unemployed_15_64", "35013", "2021") == 3_066


def test_plain_reading_and_flemish_sum(shipped):
    folder, obs = shipped
    with open(folder / CSV, newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["indicator_id"] == "CAS_EMPLOYED"]
    assert len(rows) == 581
    emp = obs[obs.indicator_id == "c21_employed_15_64"].set_index("geo_code")["value"]
    assert {r["geo_id"][7:]: float(r["value"]) for r in rows} == emp.to_dict()
    flemish = emp[emp.index.str.match(r"^(1|23|24|3|4|7)")]
    assert flemish.sum() == 2_999_795  # SOURCES.md §16 verification table


def test_labour_force_identity_is_enforced(tmp_path, shipped):
    folder, _ = shipped
    text = (folder / CSV).read_text(encoding="utf-8")
    lines = [
        line.replace(",133920.0,", ",133921.0,")
        if line.startswith("CAS_LABOUR_FORCE,be:mun:44021,")
        else line
        for line in text.splitlines()
    ]
    (tmp_path / CSV).write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SourceError, match="labour force is not employed"):
        SOURCE.parse(tmp_path)


def documented_format_workbook() -> bytes:
    """Fixture in the documented format (sheet and column names from BelPulse's data catalogue); the NIS,
    name and sex columns are an assumption. Gent's values are the real census figures; the rest is synthetic."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(["Census 2021 - huidige activiteitsstatus, 15-64 jaar"])
    ws.append(
        [
            "NIS-code",
            "Gemeente",
            "Geslacht",
            "1. Beroepsactieven",
            "1.1. Werkzame personen",
            "1.2. Werklozen",
            "2. Inactieven",
        ]
    )
    ws.append(["44000", "Arrondissement Gent", "Totaal", 1, 1, 0, 1])
    ws.append(["44021", "Gent", "Totaal", 133920, 122945, 10975, 43489])
    ws.append(["44021", "Gent", "Mannen", 70000, 64000, 6000, 20000])
    ws.append(["35013", "Oostende", "Totaal", 1000, 900, 100, 400])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@responses.activate
def test_fetch_reads_statbels_workbook(tmp_path):
    responses.add(
        responses.GET,
        XLSX_URL,
        body=documented_format_workbook(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    files = SOURCE.fetch(make_session(retries=0), tmp_path)
    assert [f.name for f in files] == [XLSX]
    obs = SOURCE.parse(tmp_path)
    assert value(obs, "c21_employed_15_64", "44021", "2021") == 122_945
    assert set(obs.geo_code) == {"44021", "35013"}  # arrondissement and the sex rows left out


@responses.activate
def test_fetch_names_a_missing_sheet(tmp_path):
    wb = openpyxl.Workbook()
    buf = io.BytesIO()
    wb.save(buf)
    responses.add(
        responses.GET, XLSX_URL, body=buf.getvalue(), content_type="application/octet-stream"
    )
    with pytest.raises(SourceError, match=SHEET):
        SOURCE.fetch(make_session(retries=0), tmp_path)
