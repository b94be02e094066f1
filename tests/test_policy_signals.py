"""Gap rules on small real extracts of the warehouse (Gent), with their thresholds."""

from __future__ import annotations

import duckdb
import pytest

from dashboard.queries import policy as Q
from policy import signals as S
from policy.store import PolicyStore


@pytest.fixture(scope="module")
def con(warehouse):
    c = duckdb.connect(str(warehouse), read_only=True)
    yield c
    c.close()


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return PolicyStore(tmp_path_factory.mktemp("policy") / "policy.sqlite")


@pytest.fixture(scope="module")
def computed(con, store):
    return S.compute(con, store)


def by_rule(signals, rule):
    return [s for s in signals if s.rule == rule]


def test_origin_over_representation_on_the_real_extract(con):
    origin = Q.jobseekers_vs_population_by_origin(con)
    non_eu = origin.set_index("grp").loc["non_eu"]
    # WZW on 31/12/2024 against the population on 1/1/2025: 6,205 of 13,268 vs 72,079 of 272,657
    assert (non_eu.js_period, non_eu.pop_period) == ("2024", "2025")
    assert (non_eu.js_value, non_eu.js_total, non_eu.pop_value, non_eu.pop_total) == (6205, 13268, 72079, 272657)
    no_rates = Q.rate_by_group(con, "age").iloc[0:0]
    found = S.over_representation(origin, no_rates, no_rates)
    groups = {s.params["group"]: s for s in found}
    sig = groups["origin/non_eu"]
    assert sig.params["ratio"] == pytest.approx((6205 / 13268) / (72079 / 272657))  # 1.769
    assert sig.params["comparison"] == "population_all_ages"  # said so: no origin by age in the warehouse
    assert {(e["indicator_id"], e["period"], e["source_id"]) for e in sig.evidence} == {
        ("jobseekers_wzw", "2024", "vdab_jobseekers"), ("population", "2025", "statbel_origin")}
    assert "origin/eu_excl_belgian" in groups  # 18.6 % vs 13.5 %: 1.38


def test_age_over_representation_uses_the_rate_ratio(con):
    by_age, by_sex = Q.rate_by_group(con, "age"), Q.rate_by_group(con, "sex")
    empty = Q.jobseekers_vs_population_by_origin(con).iloc[0:0]
    groups = {s.params["group"]: s for s in S.over_representation(empty, by_age, by_sex)}
    # Gent 2024: 18-24 year olds 20.7 % against 10.8 % overall; 60-64 (11.8 %) and women (10.9 %) stay below 1.25
    assert set(groups) == {"age/18-24"}
    assert groups["age/18-24"].params["ratio"] == pytest.approx(20.7 / 10.8)
    assert groups["age/18-24"].text_key == "over_representation_rate"


def test_over_representation_threshold(con, monkeypatch):
    origin, by_age = Q.jobseekers_vs_population_by_origin(con), Q.rate_by_group(con, "age")
    monkeypatch.setattr(S, "OVERREPRESENTATION_MIN_RATIO", 1.8)
    groups = {s.params["group"] for s in S.over_representation(origin, by_age, by_age.iloc[0:0])}
    assert groups == {"age/18-24"}  # 1.92 stays, non-EU 1.77 and EU 1.38 drop


def test_moving_against_the_objective(con):
    link = dict(id="l1", objective_id="o1", indicator_id="jobseeker_rate", geo_code="44021", breakdown="total",
                breakdown_value="total", direction="higher_is_worse", baseline_value=10.8, baseline_period="2019",
                target_value=9.0, target_year=2027, is_example=False)
    objectives = {"o1": {"title_nl": "Werkzoekendengraad omlaag", "title_en": None, "is_example": False}}
    found = S.moving_against(S.evaluate_links(con, [link]), objectives)
    # Gent job-seeker rate 9.9 % (2023) -> 10.8 % (2024), against a lower-is-better objective: a rate's
    # change is shown in percentage points (+0.9), never as the relative +9.1 % (issue 14, item 4)
    assert len(found) == 1
    sig = found[0]
    assert (sig.params["prev"], sig.params["last"]) == (9.9, 10.8)
    assert sig.params["change"] == pytest.approx(0.9, abs=0.01)
    assert sig.units["change"] == "pp"
    from dashboard.i18n import fmt_change

    assert fmt_change(sig.params["change"], sig.units["change"], "nl") == "+0,9 procentpunt"
    assert sig.link == {"indicator": "jobseeker_rate", "geo": ["44021"], "breakdown": "total", "to": "2024"}
    assert not S.moving_against(S.evaluate_links(con, [link | {"direction": "higher_is_better"}]), objectives)


def test_moving_against_threshold(con, monkeypatch):
    link = dict(id="l1", objective_id="o1", indicator_id="jobseeker_rate", geo_code="44021", breakdown="total",
                breakdown_value="total", direction="higher_is_worse", is_example=False)
    monkeypatch.setattr(S, "MOVING_AGAINST_MIN_CHANGE", 0.10)
    assert not S.moving_against(S.evaluate_links(con, [link]), {})


def test_context_indicator_is_used_only_when_the_linked_one_is_missing(con):
    link = dict(id="l1", objective_id="o1", indicator_id="not_in_the_warehouse", geo_code="44021",
                breakdown="total", breakdown_value="total", direction="higher_is_worse",
                context_indicator_id="jobseeker_rate", is_example=False)
    results = S.evaluate_links(con, [link])
    assert results["l1"].progress.reason == "indicator_missing"
    (sig,) = S.moving_against(results, {"o1": {"title_nl": "x"}})
    assert sig.params["objectives"][0]["context"] is True
    assert sig.evidence[0]["indicator_id"] == "jobseeker_rate"


def test_vacancies_beside_jobseekers(con, monkeypatch):
    vj = Q.vacancies_and_jobseekers(con)
    sectors = Q.vacancies_by_sector(con, vj["period"].iloc[0], "nl", top=S.TOP_SECTORS)
    (sig,) = S.vacancies_beside_jobseekers(vj, sectors)
    # 2024: VDAB received 21,374 vacancies in Gent; 14,576 unemployed job seekers on average
    assert (sig.params["period"], sig.params["vacancies"], sig.params["jobseekers"]) == ("2024", 21374, 14576)
    assert sig.params["sectors"][0] == ("Zakelijke dienstverlening", 4473)
    assert len(sig.params["sectors"]) == 5
    monkeypatch.setattr(S, "VACANCIES_PER_JOBSEEKER_MIN", 1.5)  # 1.47 per job seeker
    assert not S.vacancies_beside_jobseekers(vj, sectors)


def test_blind_spots(con, store):
    catalogue = Q.indicator_catalogue(con)
    links = store.records("links")
    named = {e["indicator_id"] for s in S.blind_spots(catalogue, links) for e in s.evidence}
    assert "jobseekers_nwwz" in named  # has a direction and Gent data, no objective follows it
    assert "jobseeker_rate" not in named and "population" not in named  # linked / neutral
    covered = links + [dict(links[0], indicator_id="jobseekers_nwwz")]
    assert "jobseekers_nwwz" not in {e["indicator_id"] for s in S.blind_spots(catalogue, covered) for e in s.evidence}


def test_objectives_off_track_rank_first_and_target_met_is_no_signal(computed):
    found, results = computed
    statuses = {lid: r.progress.status for lid, r in results.items()}
    assert statuses["vb-jongeren-18-24"] == "deteriorating"
    assert statuses["vb-oudere-60-64"] == "target_met"
    assert not [s for s in found if s.objective_id == "vb-oudere-werkzoekenden" and s.rule.startswith("objective_")]
    off = [s for s in found if s.rule.startswith("objective_")]
    assert {s.objective_id for s in off} == {"vb-jongeren", "vb-niet-eu-herkomst", "vb-werkzoekendengraad",
                                              "vb-wzw-graad"}
    assert all(s.is_example for s in off)  # the seed's only numeric targets with data are examples
    assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)
    assert found[0].rule == "objective_deteriorating"


def test_every_signal_names_its_evidence(computed):
    found, _ = computed
    assert {"over_representation", "moving_against", "vacancies_beside_jobseekers", "blind_spot"} <= \
        {s.rule for s in found}
    for sig in found:
        assert sig.evidence and sig.link and sig.link["indicator"]
        for e in sig.evidence:
            assert e["indicator_id"] and e["geo_code"] and e["source_id"]
            if sig.rule != "blind_spot":
                assert e["period"] and e["value"] is not None


def test_every_linked_series_in_one_query_keeps_gaps_and_unknown_series_empty(con):
    gent = ("jobseeker_rate", "44021", "total", "total")
    absent = ("jobseeker_rate", "44021", "age", "not_published")
    series = Q.link_series_many(con, [gent, absent, gent])
    assert set(series) == {gent, absent}
    rate = dict(zip(series[gent]["period"], series[gent]["value"], strict=True))
    assert rate["2024"] == pytest.approx(10.8) and list(series[gent]["period"]) == sorted(rate)
    assert series[absent].empty and list(series[absent].columns) == Q.SERIES_COLUMNS
