"""swing_odata: fetch + parse against OData JSON in the documented Swing Open Data Service format.

The answers below follow the entity shapes read by public clients (`value`, `@odata.nextLink`, ExternalCode,
Name, Period, ValueString); the variable codes and all numbers are synthetic, generated here.
"""

from __future__ import annotations

import json
import re

import pytest
import responses

from pipelines.http import make_session
from pipelines.registry import all_sources
from pipelines.source import SourceError
from pipelines.sources.swing_odata import APIKEY_ENV
from pipelines.sources.swing_odata import PORTALS
from pipelines.sources.swing_odata import SOURCE
from pipelines.sources.swing_odata import resolve_series
from pipelines.validation import validate_observations

PROV, GENT = PORTALS[0].base, PORTALS[1].base

VARIABLES_PAGE_1_DOCUMENTED_FORMAT = {
    "@odata.context": f"{PROV}/$metadata#Variables",
    "value": [
        {"ExternalCode": "v_graad", "Name": "werkzoekendengraad (jaargemiddelde)"},
        {"ExternalCode": "v_graad_1824", "Name": "werkzoekendengraad 18-24 jaar (jaargemiddelde)"},
    ],
    "@odata.nextLink": f"{PROV}/Variables?$skip=2",
}
VARIABLES_PAGE_2_DOCUMENTED_FORMAT = {
    "value": [
        {"ExternalCode": "v_nwwz", "Name": "werkzoekenden zonder werk  (jaargemiddelde)"},
        {
            "ExternalCode": "v_nwwz_laag",
            "Name": "werkzoekenden zonder werk laaggeschoold (jaargemiddelde)",
        },
        {"ExternalCode": "v_other", "Name": "bevolking"},
    ]
}


def values_documented_format(rows: list[tuple[str, str, str]]) -> dict:
    return {
        "value": [
            {
                "@odata.type": "#Values",
                "ExternalCode": c,
                "GeoLevel": "gemeente",
                "PeriodLevel": "year",
                "Period": p,
                "ValueString": v,
            }
            for c, p, v in rows
        ]
    }


VALUES = {
    ("provincies", "gemeente", "v_graad"): [
        ("44021", "2023", "0.104"),
        ("11002", "2023", "0.138"),
        ("71016", "2023", "?"),
    ],
    ("provincies", "gemeente", "v_graad_1824"): [("44021", "2023", "0.151")],
    ("provincies", "gemeente", "v_nwwz"): [("44021", "2022", "11689"), ("44021", "2023", "x")],
    ("provincies", "gemeente", "v_nwwz_laag"): [("44021", "2023", "6012")],
    ("provincies", "ggw7", "v_graad"): [("44021W01", "2023", "0.08"), ("12025W01", "2023", "0.05")],
    ("provincies", "ggw7", "v_graad_1824"): [],
    ("provincies", "ggw7", "v_nwwz"): [("44021W01", "year_2023", "1020")],
    ("provincies", "ggw7", "v_nwwz_laag"): [],
}


def _serve(gent_variables=None):
    def odata(url, body):
        responses.add(responses.GET, url, json=body)

    responses.add(
        responses.GET,
        re.compile(re.escape(f"{PROV}/Variables?$skip=2")),
        json=VARIABLES_PAGE_2_DOCUMENTED_FORMAT,
    )
    odata(f"{PROV}/Variables", VARIABLES_PAGE_1_DOCUMENTED_FORMAT)
    for (_portal, geolevel, var), rows in VALUES.items():
        odata(
            f"{PROV}/Variables('{var}')/GeoLevels('{geolevel}')/PeriodLevels('year')/Periods('all')/Values",
            values_documented_format(rows),
        )
    odata(
        f"{GENT}/Variables",
        gent_variables
        or {
            "value": [
                {"ExternalCode": "g_nwwz", "Name": "Werkzoekenden zonder werk (jaargemiddelde)"}
            ]
        },
    )
    odata(
        f"{GENT}/GeoLevels('wijk')/GeoItems",
        {"value": [{"ExternalCode": "W1", "Name": "Binnenstad"}]},
    )
    odata(
        f"{GENT}/Variables('g_nwwz')/GeoLevels('wijk')/PeriodLevels('year')/Periods('all')/Values",
        values_documented_format([("W1", "2023", "1020")]),
    )


@responses.activate
def test_fetch_resolves_codes_by_name_and_parses(tmp_path, known_geos):
    _serve()
    SOURCE.fetch(make_session(retries=0), tmp_path)
    plan = json.loads((tmp_path / "series.json").read_text())
    prov = {(s["breakdown"], s["breakdown_value"], s["indicator_id"]): s for s in plan[0]["series"]}
    assert (
        prov[("total", "total", "swing_nwwz")]["var"] == "v_nwwz"
    )  # double space in the name tolerated
    assert prov[("education", "low", "swing_nwwz")]["var"] == "v_nwwz_laag"
    assert prov[("duration", ">2y", "swing_nwwz")]["problem"] == "not offered"
    obs = SOURCE.parse(tmp_path)

    def value(ind, geo, period, bd=("total", "total")):
        sel = obs[
            (obs.indicator_id == ind)
            & (obs.geo_code == geo)
            & (obs.period == period)
            & (obs.breakdown == bd[0])
            & (obs.breakdown_value == bd[1])
        ]
        assert len(sel) == 1, (ind, geo, period, bd)
        return sel.iloc[0]

    assert value("swing_jobseeker_rate", "44021", "2023").value == pytest.approx(
        10.4
    )  # fraction -> percent
    assert value("swing_jobseeker_rate", "44021", "2023", ("age", "18-24")).value == pytest.approx(
        15.1
    )
    assert value("swing_nwwz", "44021", "2022").value == 11689
    assert value("swing_nwwz", "44021", "2023").status == "hidden"
    assert value("swing_nwwz", "44021", "2023", ("education", "low")).value == 6012
    assert value("swing_jobseeker_rate", "44021W01", "2023").value == pytest.approx(8.0)
    assert (
        value("swing_nwwz", "44021W01", "2023").value == 1020
    )  # Gent buurtmonitor's Binnenstad, same figure
    assert value("swing_jobseeker_rate", "71016", "2023").status == "missing"  # '?' is never 0
    assert "12025W01" not in set(obs.geo_code)  # Mechelen's wijken have no geography here
    validate_observations(SOURCE, obs, file="fixture", known_geos=known_geos)


@responses.activate
def test_unauthorised_explains_the_api_key(tmp_path, monkeypatch):
    monkeypatch.delenv(APIKEY_ENV, raising=False)
    responses.add(
        responses.GET,
        f"{PROV}/Variables",
        status=401,
        json={"error": {"message": "Guest user group not found, No access!"}},
    )
    with pytest.raises(SourceError) as exc:
        SOURCE.fetch(make_session(retries=0), tmp_path)
    assert APIKEY_ENV in exc.value.problem and "HTTP 401" in exc.value.problem


@responses.activate
def test_api_key_is_sent_as_header(tmp_path, monkeypatch):
    monkeypatch.setenv(APIKEY_ENV, "test-key")
    _serve()
    SOURCE.fetch(make_session(retries=0), tmp_path)
    assert all(c.request.headers.get("apikey") == "test-key" for c in responses.calls)


@responses.activate
def test_a_rate_that_is_not_a_fraction_is_refused(tmp_path):
    VALUES_BAD = dict(VALUES)
    VALUES_BAD[("provincies", "gemeente", "v_graad")] = [("44021", "2023", "10.4")]
    _serve()
    responses.replace(
        responses.GET,
        f"{PROV}/Variables('v_graad')/GeoLevels('gemeente')/PeriodLevels('year')/Periods('all')/Values",
        json=values_documented_format(VALUES_BAD[("provincies", "gemeente", "v_graad")]),
    )
    with pytest.raises(SourceError, match="expected a fraction"):
        SOURCE.fetch(make_session(retries=0), tmp_path)


def test_ambiguous_names_are_not_guessed():
    resolved = resolve_series(
        [
            {"ExternalCode": "a", "Name": "werkzoekendengraad (jaargemiddelde)"},
            {"ExternalCode": "b", "Name": "Werkzoekendengraad (jaargemiddelde)"},
        ]
    )
    total = next(
        s
        for s in resolved
        if s["indicator_id"] == "swing_jobseeker_rate" and s["breakdown"] == "total"
    )
    assert total["var"] is None and total["problem"] == "ambiguous ['a', 'b']"


def test_indicator_ids_do_not_collide_and_share_concepts():
    jobseekers = all_sources()["vdab_jobseekers"]
    assert not {i.id for i in SOURCE.indicators} & {i.id for i in jobseekers.indicators}
    assert (
        SOURCE.indicator("swing_jobseeker_rate").concept
        == jobseekers.indicator("jobseeker_rate").concept
    )
    assert SOURCE.indicator("swing_nwwz").concept == jobseekers.indicator("jobseekers_nwwz").concept
