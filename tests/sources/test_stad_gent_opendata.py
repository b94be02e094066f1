"""stad_gent_opendata: fetch, parse and `discover` against Opendatasoft v2.1 fixtures in the documented format."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs
from urllib.parse import urlparse

import pytest
import responses

from pipelines.__main__ import main
from pipelines.config import ROOT
from pipelines.http import make_session
from pipelines.source import SourceError
from pipelines.sources.stad_gent_opendata import BASE
from pipelines.sources.stad_gent_opendata import DATASETS
from pipelines.sources.stad_gent_opendata import SOURCE
from pipelines.sources.stad_gent_opendata import OdsDataset
from pipelines.sources.stad_gent_opendata import dataset_observations
from pipelines.sources.stad_gent_opendata import dataset_url
from pipelines.sources.stad_gent_opendata import discover
from pipelines.sources.stad_gent_opendata import export_url

FIXTURES = ROOT / "tests" / "fixtures" / "stad_gent_opendata"
POP = "bevolkingsaantal-per-jaar-gent"


def _serve_population(metadata: dict | None = None, csv: bytes | None = None) -> None:
    meta = metadata or json.loads(
        (FIXTURES / "dataset_metadata_documented_format.json").read_text()
    )
    responses.add(responses.GET, dataset_url(POP), json=meta)
    responses.add(
        responses.GET,
        export_url(POP),
        body=csv if csv is not None else (FIXTURES / "export_documented_format.csv").read_bytes(),
        content_type="text/csv; charset=utf-8",
    )


@responses.activate
def test_fetch_then_parse_documented_format(tmp_path):
    _serve_population()
    files = SOURCE.fetch(make_session(retries=0), tmp_path)
    assert sorted(f.name for f in files) == [f"{POP}.csv", f"{POP}.metadata.json"]
    export_call = next(c for c in responses.calls if "/exports/csv" in c.request.url)
    assert parse_qs(urlparse(export_call.request.url).query) == {
        "use_labels": ["true"],
        "delimiter": [";"],
    }
    obs = SOURCE.parse(tmp_path)
    assert list(obs.period) == ["2000", "2001", "2002"]
    assert list(obs.value) == [224_042, 224_424, 225_956]
    assert set(obs.geo_code) == {"44021"}
    assert str(obs.ref_date.iloc[0]) == "2000-01-01"


@responses.activate
def test_fetch_refuses_a_changed_export_and_keeps_nothing_wrong(tmp_path):
    _serve_population(csv=b"jaar;aantal\n2000;224042\n")
    with pytest.raises(SourceError) as exc:
        SOURCE.fetch(make_session(retries=0), tmp_path)
    assert "missing column(s) ['Period', 'ValueString']" in exc.value.problem


@responses.activate
def test_fetch_refuses_metadata_for_another_dataset(tmp_path):
    _serve_population(metadata={"dataset_id": "something-else"})
    with pytest.raises(SourceError, match="not 'bevolkingsaantal-per-jaar-gent'"):
        SOURCE.fetch(make_session(retries=0), tmp_path)


def test_generic_mapping_with_geo_and_breakdown_columns(tmp_path):
    """An analyst-configured dataset: NIS codes and a breakdown in columns, monthly periods, special blanks."""
    path = tmp_path / "x.csv"
    path.write_text(
        "Maand;NIS;Groep;Aantal\n2024-01;44021;jongeren;10\n2024-01;11002;jongeren;\n",
        encoding="utf-8",
    )
    ds = OdsDataset(
        "x",
        "stad_gent_population",
        "Maand",
        "Aantal",
        geo_column="NIS",
        breakdown="age",
        breakdown_column="Groep",
    )
    obs = dataset_observations(ds, path)
    assert list(obs.geo_code) == ["44021", "11002"]
    assert str(obs.ref_date.iloc[0]) == "2024-01-31"
    assert obs.status.iloc[1] == "no_value" and obs.breakdown.iloc[0] == "age"
    path.write_text("Maand;NIS;Groep;Aantal\n2024-01;Gent;jongeren;10\n", encoding="utf-8")
    with pytest.raises(SourceError, match="not a 5-digit NIS code"):
        dataset_observations(ds, path)


@responses.activate
def test_discover_searches_each_keyword_and_lists_datasets():
    body = json.loads((FIXTURES / "catalog_search_documented_format.json").read_text())
    responses.add(responses.GET, f"{BASE}/catalog/datasets", json=body)
    found = discover(make_session(retries=0), ("werk", "arbeidsmarkt"))
    assert [d["dataset_id"] for d in found] == [
        "example-arbeidsmarkt-kerncijfers",
        "example-werkzoekenden-per-wijk",
    ]
    assert found[1] == {
        "dataset_id": "example-werkzoekenden-per-wijk",
        "title": "Example: werkzoekenden per wijk",
        "records": 1250,
        "modified": "2024-05-02",
        "query": "werk",
    }
    wheres = [parse_qs(urlparse(c.request.url).query)["where"][0] for c in responses.calls]
    assert wheres == ['search("werk")', 'search("arbeidsmarkt")']


@responses.activate
def test_discover_command_prints_the_table(capsys):
    body = json.loads((FIXTURES / "catalog_search_documented_format.json").read_text())
    responses.add(responses.GET, f"{BASE}/catalog/datasets", json=body)
    assert main(["discover", "stad-gent", "--query", "werk"]) == 0
    out = capsys.readouterr().out
    assert "2 dataset(s) on stad-gent matching werk" in out
    assert "example-werkzoekenden-per-wijk" in out and "1,250" in out and "2024-05-02" in out


@responses.activate
def test_discover_command_reports_a_failure(capsys):
    responses.add(responses.GET, f"{BASE}/catalog/datasets", status=503)
    assert main(["discover", "stad-gent", "--query", "werk"]) == 1
    assert "DISCOVER FAILED" in capsys.readouterr().out


def test_configured_datasets_are_declared():
    ids = {i.id for i in SOURCE.indicators}
    assert {d.indicator_id for d in DATASETS} <= ids
    assert all(f.url.startswith("https://data.stad.gent/api/explore/v2.1/") for f in SOURCE.files)


def test_offline_build_skips_it_without_snapshot():
    from pipelines import snapshot as snap

    if snap.list_snapshots(SOURCE):
        pytest.skip("a live snapshot exists")
    with pytest.raises(snap.NoSnapshot):
        snap.latest_snapshot(SOURCE)


def test_fixture_readme_says_documented_format():
    assert "documented format" in (FIXTURES / "README.md").read_text()
    assert (
        Path(FIXTURES / "export_documented_format.csv").read_text().startswith("Period;ValueString")
    )
