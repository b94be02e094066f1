"""The analysis query layer and the map boundaries on the real warehouse built from data/raw."""

from __future__ import annotations

import json

import duckdb
import pandas as pd
import pytest

from dashboard import queries
from dashboard.queries import analysis as A
from dashboard.queries import paradox as PQ
from pipelines import snapshot as snap
from pipelines.registry import get_source


@pytest.fixture(scope="module")
def con(warehouse):
    c = duckdb.connect(str(warehouse), read_only=True)
    yield c
    c.close()


def test_boundaries_source_ships_shapes_for_every_area_it_defines():
    src = get_source("boundaries")
    snapshot = snap.latest_snapshot(src)
    shapes = src.shapes(snapshot)
    counts = shapes.groupby("vintage").size().to_dict()
    assert counts == {"municipalities_2025": 304, "municipalities_2024": 319, "wijken_ggw7": 128}
    geos = set(src.geographies(snapshot)["geo_code"])
    assert set(shapes["geo_code"]) <= geos
    gent = json.loads(shapes[(shapes.geo_code == "44021") & (shapes.vintage == "municipalities_2025")].geometry.iloc[0])
    assert gent["type"] in ("Polygon", "MultiPolygon")


def test_warehouse_has_the_shapes_and_their_attribution(con):
    shapes = A.municipality_shapes(con)
    assert len(shapes) == 331  # 304 municipalities of 2025 + 27 codes that disappeared in the 2025 mergers
    assert shapes.set_index("geo_code").loc["44021", "parent_code"] == "44000"
    assert A.boundary_attribution(con).startswith(
        "Wijken voor omgevingsanalyse. © gemeentebesturen, verzameld door Data & Analyse van de Vlaamse provincies")
    assert len(A.shapes_for(con, ["44021W01", "44021W25"])) == 2


def test_area_options_put_the_peer_cities_and_flanders_first(con):
    areas = A.area_options(con)
    assert list(areas["geo_code"][:5]) == ["44021", "11002", "71016", "35013", "02000"]
    assert len(areas) >= 286


def test_headline_has_the_latest_value_and_the_previous_one(con):
    assert A.headline(con, "jobseeker_rate", "44021") == {
        "period": "2024", "value": pytest.approx(10.8), "prev_period": "2023", "prev_value": pytest.approx(9.9)}
    assert A.headline(con, "jobseekers_nwwz", "44021", period_to="2022")["value"] == 11689
    assert A.headline(con, "jobseeker_rate", "02000") is None  # VDAB publishes municipalities only


def test_latest_at_or_above_falls_back_to_the_arrondissement_and_names_it(con):
    df = A.latest_at_or_above(con, "in_commuter_share", ["44021", "71016"])
    assert list(df["used_code"]) == ["44000", "71000"]
    assert list(df["geo_name"]) == ["Arrondissement Gent", "Arrondissement Hasselt"]
    assert df["value"].iloc[0] == pytest.approx(35.51, abs=0.01)


def test_paradox_pair_is_one_row_per_area_asked_with_the_larger_area_named(con):
    """The pair the Paradox page draws: jobs (the arrondissement's, named as such, where a city has none)
    next to the city's own rate, one row per area in the order asked, NULL where a side has no figure;
    the same figures the two single-purpose queries give."""
    jobs_id = PQ.jobs_indicator(con)
    areas = ["44021", "44083", "02000", "99999"]
    pair = PQ.jobs_and_rate(con, jobs_id, areas, period_to="2023")
    assert list(pair["geo_code"]) == areas
    gent = pair.iloc[0]
    assert (gent["jobs_code"], gent["jobs_area"]) == ("44000", "Arrondissement Gent")
    assert (gent["rate_period"], gent["rate_value"]) == ("2023", pytest.approx(9.9))
    assert pair.iloc[1]["jobs_code"] == "44000"  # Deinze: the same arrondissement figure
    assert pd.isna(pair.iloc[2]["rate_value"]) and pd.isna(pair.iloc[3]["jobs_code"])
    jobs = A.latest_at_or_above(con, jobs_id, areas, period_to="2023").set_index("geo_code")
    rates = A.latest_values(con, "jobseeker_rate", areas, period_to="2023").set_index("geo_code")
    for row in pair.itertuples():
        if row.geo_code in jobs.index:
            assert (row.jobs_code, row.jobs_period) == tuple(jobs.loc[row.geo_code, ["used_code", "period"]])
            assert row.jobs_value == pytest.approx(jobs.loc[row.geo_code, "value"])
        if row.geo_code in rates.index:
            assert row.rate_value == pytest.approx(rates.loc[row.geo_code, "value"])
    left, right = PQ.pair_chart_frames(pair)
    assert list(left["text_note"]) == ["Arrondissement Gent", "Arrondissement Gent", ""]
    assert list(right["geo_code"]) == ["44021", "44083"]


def test_overrepresentation_matches_job_seekers_with_next_january(con):
    df = A.overrepresentation(con, ["44021", "02000"], "origin").set_index("group")
    assert set(df["geo_code"]) == {"44021"}  # no job seekers by origin for the region
    non_eu = df.loc["non_eu"]
    assert (non_eu["js_period"], non_eu["pop_period"]) == ("2024", "2025")
    assert (non_eu["jobseekers"], non_eu["jobseekers_total"]) == (6205, 13268)
    assert (non_eu["population"], non_eu["population_total"]) == (72079, 272657)
    assert non_eu["ratio"] == pytest.approx((6205 / 13268) / (72079 / 272657))
    eu = df.loc["eu"]  # neighbouring countries + other EU on the population side
    assert eu["population"] == 10364 + 26392
    history = A.overrepresentation(con, ["44021"], "origin", all_years=True)
    assert sorted(history["js_period"].unique())[:2] == ["2015", "2016"]


def test_commuting_flows_both_directions_without_the_diagonal(con):
    inflow = A.commuting_flows(con, "44000", "in")
    assert inflow.iloc[0]["other_name"] == "Arrondissement Eeklo" and inflow.iloc[0]["value"] == 11053
    assert "44000" not in set(inflow["other_code"])
    assert inflow["value"].sum() == 88370  # = in-commuters of Arr. Gent
    outflow = A.commuting_flows(con, "44000", "out")
    assert outflow["value"].sum() == 71078
    summary = queries.commuting(con, ["44000"]).iloc[0]
    assert summary["resident_share"] == pytest.approx(100 - 35.5128, abs=0.01)


def test_map_values_and_sector_values(con):
    m = A.map_values(con, "jobseeker_rate", "municipality", "2024").set_index("geo_code")
    assert m.loc["44021", "value"] == pytest.approx(10.8)
    sectors = A.sector_values(con, "vacancies_received", "44021", "2023")
    assert sectors.iloc[0]["breakdown_value"] == "zakelijke_dienstverlening" and sectors.iloc[0]["value"] == 3853
    assert "jobseeker_rate" in set(A.map_indicators(con)["indicator_id"])


def test_a_row_of_metric_cards_in_one_query(warehouse):
    """The figures and changes the paradox page's cards show, and "–" for an indicator not loaded."""
    con = duckdb.connect(str(warehouse), read_only=True)
    heads = A.headlines(con, ["jobseeker_rate", "jobseekers_nwwz", "not_loaded"], "44021")
    assert heads["jobseeker_rate"] == {"period": "2024", "value": pytest.approx(10.8),
                                       "prev_period": "2023", "prev_value": pytest.approx(9.9)}
    assert (heads["jobseekers_nwwz"]["value"], heads["jobseekers_nwwz"]["prev_value"]) == (14576, 13186)
    assert heads["not_loaded"] is None
    assert A.headlines(con, ["jobseeker_rate"], "44021", period_to="2019")["jobseeker_rate"]["period"] == "2019"
