"""Shared Eurostat machinery: request URLs, NUTS -> NIS by official labels, Urban Audit city codes, periods."""

from __future__ import annotations

import importlib.util
from urllib.parse import parse_qsl
from urllib.parse import urlparse

import pytest

from pipelines import eurostat
from pipelines.config import ROOT
from pipelines.source import SourceError
from pipelines.sources.reference_geographies import NUTS

FIXTURES = ROOT / "tests" / "fixtures" / "eurostat"


def load_generator():
    spec = importlib.util.spec_from_file_location("make_fixtures", FIXTURES / "make_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_fixtures_on_disk_are_what_the_generator_writes():
    gen = load_generator()
    for name in gen.FIXTURES:
        assert gen.path(name).read_text(encoding="utf-8") == gen.text(name), (
            f"re-run make_fixtures.py ({name})"
        )
        assert gen.path(name).name.endswith("_documented_format.json")


def test_request_url_follows_the_documented_pattern():
    url = eurostat.api_url(
        "nama_10r_3empers", [("wstatus", "EMP"), ("nace_r2", "TOTAL"), ("nace_r2", "A")]
    )
    parts = urlparse(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == (
        "https://ec.europa.eu/eurostat/api/dissemination/statistics/1.0/data/nama_10r_3empers"
    )
    assert parse_qsl(parts.query) == [
        ("format", "JSON"),
        ("lang", "EN"),
        ("wstatus", "EMP"),
        ("nace_r2", "TOTAL"),
        ("nace_r2", "A"),
    ]


def test_official_nuts_2016_labels_give_the_nis_codes_in_reference_geographies():
    mapping = eurostat.nuts_geo_codes(eurostat.NUTS2016_LABELS, "test")
    # The four arrondissements of the paradox, as SOURCES.md section 9 lists them.
    assert {k: mapping[k] for k in ("BE234", "BE211", "BE221", "BE255")} == {
        "BE234": "44000",
        "BE211": "11000",
        "BE221": "71000",
        "BE255": "35000",
    }
    assert mapping["BE"] == "01000" and mapping["BE1"] == "04000" and mapping["BE100"] == "21000"
    assert "BE10" not in mapping  # same territory as BE1: never loaded twice
    assert mapping["BE335"] == "BE335" and mapping["BE336"] == "BE336"  # no NIS unit of their own
    nis_mapped = {nis: nuts for nuts, nis in mapping.items() if nis != nuts}
    assert nis_mapped == NUTS  # the nuts_code column of the geographies table is exactly this
    assert len(NUTS) == 56


def test_later_nuts_codes_are_mapped_by_their_label_not_assumed():
    assert (
        eurostat.nuts_to_nis("BE224", "Arr. Hasselt") == "71000"
    )  # NUTS 2021 code of Arr. Hasselt
    assert eurostat.nuts_to_nis("BE329", "Arr. La Louvière") == "58000"
    assert eurostat.nuts_to_nis("BE21", "Prov. Antwerpen") == "10000"
    assert eurostat.nuts_to_nis("BE31", "Prov. Brabant Wallon") == "20002"
    assert eurostat.nuts_to_nis("BE2", "VLAAMS GEWEST") == "02000"
    assert eurostat.nuts_to_nis("BE234", "Arr. Gent ") == "44000"
    assert eurostat.nuts_to_nis("BE234", "Arr. Aalst") == "41000"  # the label decides, not the code
    assert eurostat.nuts_to_nis("BE328", "Arr. Tournai-Mouscron") is None


def test_an_unknown_belgian_region_is_an_error_not_a_silent_drop():
    with pytest.raises(SourceError, match="BE999 'Arr. Nergens'"):
        eurostat.nuts_geo_codes({"BE234": "Arr. Gent", "BE999": "Arr. Nergens"}, "test")
    # Extra-regio and other countries are not Belgian areas: left out without error.
    assert eurostat.nuts_geo_codes(
        {"BE234": "Arr. Gent", "BEZZZ": "Extra-Regio", "NL": "Nederland"}, "t"
    ) == {"BE234": "44000"}
    assert eurostat.nuts_geo_codes({"BE10": "Région de Bruxelles-Capitale"}, "t") == {
        "BE10": "04000"
    }


MUNICIPALITIES = {
    "gent": "44021",
    "antwerpen": "11002",
    "genk": "71016",
    "oostende": "35013",
    "brussel": "21004",
}


def test_city_codes_are_resolved_from_labels_only():
    labels = {
        "BE901C": "Gent",
        "BE902F": "Gent",
        "BE903K": "Antwerpen",
        "BE904C1": "Genk",
        "BE905C": "Oostende",
        "BE906C": "Antwerpen",
        "BE907C": "Bruxelles/Brussel",
        "NL901C": "Amsterdam",
    }
    assert eurostat.resolve_cities(labels, MUNICIPALITIES) == {
        "BE901C": "44021",
        "BE904C1": "71016",
        "BE905C": "35013",
        "BE906C": "11002",
    }


def test_a_missing_peer_city_or_an_ambiguous_code_fails_clearly():
    with pytest.raises(SourceError, match="no Urban Audit city labelled 'Genk'"):
        eurostat.resolve_cities(
            {"BE1C": "x", "BE901C": "Gent"}, MUNICIPALITIES, required=("Gent", "Genk")
        )
    with pytest.raises(SourceError, match="several Urban Audit city codes"):
        eurostat.resolve_cities(
            {"BE901C": "Gent", "BE901C1": "Gent"}, MUNICIPALITIES, required=("Gent",)
        )


def test_real_municipality_names_give_the_peer_codes():
    names = (
        eurostat.stable_municipalities()
    )  # boundaries snapshot: same code and name in 2024 and 2025
    assert [names[c] for c in ("gent", "antwerpen", "genk", "oostende")] == [
        "44021",
        "11002",
        "71016",
        "35013",
    ]
    assert "hasselt" not in names  # merged in 2025: the older figures describe another territory


@pytest.mark.parametrize(
    ("code", "ref", "expected"),
    [
        ("2018", "end", ("2018", "2018-12-31")),
        ("2018", "start", ("2018", "2018-01-01")),
        ("2024-Q1", "end", ("2024-03", "2024-03-31")),
        ("2023Q4", "end", ("2023-12", "2023-12-31")),
        ("2024-02", "end", ("2024-02", "2024-02-29")),
        ("2024M05", "end", ("2024-05", "2024-05-31")),
    ],
)
def test_time_codes_become_periods_and_reference_dates(code, ref, expected):
    assert eurostat.period_of(code, ref) == expected
