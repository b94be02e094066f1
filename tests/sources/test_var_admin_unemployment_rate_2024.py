"""VAR administrative unemployment rate 2024: shipped rows, the suppressed cell, the Tableau CSV export."""

from __future__ import annotations

import csv

import pytest
import responses

from pipelines.http import make_session
from pipelines.source import SourceError
from pipelines.sources.var_admin_unemployment_rate_2024 import BASE
from pipelines.sources.var_admin_unemployment_rate_2024 import FILE
from pipelines.sources.var_admin_unemployment_rate_2024 import INDICATOR
from pipelines.sources.var_admin_unemployment_rate_2024 import SHEET
from pipelines.sources.var_admin_unemployment_rate_2024 import SOURCE
from tests.sources._issue16_support import check_snapshot
from tests.sources._issue16_support import value


@pytest.fixture(scope="module")
def shipped(snapshot_dir, obs, known_geos):
    return check_snapshot(SOURCE, snapshot_dir, obs, known_geos)


def test_rates_as_in_the_file(shipped):
    folder, obs = shipped
    assert value(obs, INDICATOR, "44021", "2024") == 8.2
    assert value(obs, INDICATOR, "11002", "2024") == 11.2
    assert value(obs, INDICATOR, "71016", "2024") == 7.2
    assert value(obs, INDICATOR, "35013", "2024") == 10.1
    with open(folder / FILE, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(obs) == 565


def test_suppressed_cell_is_hidden_not_zero(shipped):
    _, obs = shipped
    herstappe = obs[obs.geo_code == "73028"].iloc[0]
    assert herstappe["status"] == "hidden" and herstappe["value"] != herstappe["value"]  # NaN


def test_empty_value_without_suppressed_status_is_refused(tmp_path, shipped):
    folder, _ = shipped
    text = (folder / FILE).read_text(encoding="utf-8").replace(",,suppressed,", ",,final,")
    (tmp_path / FILE).write_text(text, encoding="utf-8")
    with pytest.raises(SourceError, match="without status 'suppressed'"):
        SOURCE.parse(tmp_path)


def documented_format_export() -> str:
    """Fixture in the documented Tableau export format (LIVE_APIS.md §6: long table with Regio, Measure Names,
    Measure Values). Gent and Antwerpen carry their real 2024 rates; every other value is SYNTHETIC (5.0)."""
    from pipelines import nis

    lines = ["Geslacht,Jaar,Leeftijdsklasse,Measure Names,Regio,Measure Values"]
    for name in sorted(nis.municipality_codes_2025()):
        rate = {"Gent": "8,2", "Antwerpen": "11,2", "Herstappe": ""}.get(name, "5,0")
        lines.append(f'Totaal,2024,15-64,Werkloosheidsgraad (%),"{name}","{rate}"')
        lines.append(f'Totaal,2024,15-64,Werkzaamheidsgraad (%),"{name}","70,0"')
    lines.append(
        'Totaal,2024,15-64,Werkloosheidsgraad (%),"Namur","9,9"'
    )  # not in the Flemish/Brussels list
    return "\n".join(lines) + "\n"


@responses.activate
def test_fetch_reads_the_tableau_csv_export(tmp_path):
    responses.add(
        responses.GET,
        BASE + SHEET + ".csv",
        body=documented_format_export(),
        content_type="text/csv",
    )
    SOURCE.fetch(make_session(retries=0), tmp_path)
    sent = responses.calls[0].request.url
    assert "Leeftijdsklasse=15-64" in sent and "Jaar=2024" in sent and "%3Aembed=y" in sent
    obs = SOURCE.parse(tmp_path)
    assert value(obs, INDICATOR, "44021", "2024") == 8.2
    assert obs.loc[obs.geo_code == "73028", "status"].iloc[0] == "hidden"
    assert len(obs) == 304  # Flanders and Brussels, 2025 grid; Namur left out


@responses.activate
def test_fetch_refuses_an_html_answer(tmp_path):
    responses.add(
        responses.GET, BASE + SHEET + ".csv", body="<html>sign in</html>", content_type="text/html"
    )
    with pytest.raises(SourceError, match="not CSV"):
        SOURCE.fetch(make_session(retries=0), tmp_path)
