"""Derived indicators: computed in the build, checked against the raw files by hand."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from pipelines import derived
from pipelines import snapshot as snap
from pipelines.config import ROOT
from pipelines.registry import get_source


@pytest.fixture(scope="module")
def con(warehouse):
    c = duckdb.connect(str(warehouse), read_only=True)
    yield c
    c.close()


def one(con, indicator, geo, period) -> float:
    rows = con.execute(
        "SELECT value FROM observations WHERE indicator_id = ? AND geo_code = ? AND period = ? AND breakdown = 'total'",
        [indicator, geo, period],
    ).fetchall()
    assert len(rows) == 1, (indicator, geo, period, rows)
    return rows[0][0]


@pytest.fixture(scope="module")
def population_2018() -> pd.DataFrame:
    """statbel_origin's raw CSV, 2018 rows, read with pandas only."""
    src = get_source("statbel_origin")
    df = pd.read_csv(
        snap.latest_snapshot(src) / "origin_by_municipality.csv", dtype={"CD_REFNIS": str}
    )
    df["CD_REFNIS"] = df["CD_REFNIS"].str.zfill(5)
    return df[df["year"] == 2018]


def test_gent_tension_2024_is_nwwz_over_open_vacancies(con):
    # SOURCES.md sections 6 and 7: Gent NWWZ 2024 = 14,576; open vacancies 2024 = 4,035.
    assert one(con, "jobseekers_nwwz", "44021", "2024") == 14_576
    assert one(con, "vacancies_open", "44021", "2024") == 4_035
    assert one(con, "jobseekers_per_open_vacancy", "44021", "2024") == pytest.approx(14_576 / 4_035)
    assert one(con, "jobseekers_per_open_vacancy", "44021", "2024") == pytest.approx(
        3.612, abs=1e-3
    )


def test_tension_is_municipal_and_skips_missing_vacancies(con):
    levels = con.execute(
        "SELECT DISTINCT g.level FROM observations o JOIN geographies g USING (geo_code) "
        "WHERE o.indicator_id = 'jobseekers_per_open_vacancy'"
    ).fetchall()
    assert levels == [("municipality",)]
    brussels = con.execute(
        "SELECT count(*) FROM observations WHERE indicator_id = 'jobseekers_per_open_vacancy' AND geo_code LIKE '21%'"
    ).fetchone()[0]
    assert brussels == 0  # VDAB has no Brussels vacancies ('?'): no ratio rather than a made-up one


def test_arr_gent_jobs_per_100_inhabitants_2018_from_the_raw_files(con, population_2018):
    jobs = 293_900  # Eurostat BE234 2018 (SOURCES.md section 9)
    inhabitants = population_2018.loc[
        population_2018["CD_REFNIS"].str.startswith("44"), "total"
    ].sum()
    assert 540_000 < inhabitants < 580_000  # Arr. Gent, all ages
    assert one(con, "jobs_per_100_inhabitants", "44000", "2018") == pytest.approx(
        jobs / inhabitants * 100
    )
    assert one(con, "jobs_per_100_inhabitants", "44000", "2018") == pytest.approx(52.77, abs=0.01)


def test_province_and_belgium_roll_up_every_municipality_once(con, population_2018):
    province = population_2018.loc[
        population_2018["CD_REFNIS"].str[:2].isin(["41", "42", "43", "44", "45", "46"]), "total"
    ].sum()
    assert one(con, "jobs_per_100_inhabitants", "40000", "2018") == pytest.approx(
        624_200 / province * 100
    )
    belgium = population_2018["total"].sum()
    jobs_be = one(con, "jobs_at_workplace", "01000", "2018")
    assert one(con, "jobs_per_100_inhabitants", "01000", "2018") == pytest.approx(
        jobs_be / belgium * 100
    )
    periods = con.execute(
        "SELECT min(period), max(period), count(DISTINCT geo_code) FROM observations "
        "WHERE indicator_id = 'jobs_per_100_inhabitants'"
    ).fetchone()
    assert periods == (
        "2000",
        "2018",
        56,
    )  # every NIS region of nama_10r_3empers; not the two Verviers parts


def test_derived_source_and_metadata_are_in_the_warehouse(con):
    src = con.execute(
        "SELECT publisher, live_verified, snapshot FROM sources WHERE source_id = 'derived'"
    ).fetchone()
    assert src[0] == "Gsiw-monitor"  # shown on screen: no indicator ids
    assert src[1] is False and src[2] is None
    meta = dict(
        con.execute(
            "SELECT indicator_id, unit || '|' || direction || '|' || concept FROM indicators WHERE source_id = 'derived'"
        ).fetchall()
    )
    assert meta == {
        "jobs_per_100_inhabitants": "ratio|neutral|jobratio",
        "jobseekers_per_open_vacancy": "ratio|higher_is_worse|labour_market_tension",
        "muni_jobs_per_100_inhabitants_2011": "ratio|neutral|jobratio",
        "muni_jobs_per_100_residents_15_64_2011": "ratio|neutral|jobratio",
        "muni_in_commuter_share": "%|neutral|in_commuter_share",
        "muni_out_commuter_share": "%|neutral|out_commuter_share",
        "c21_employment_rate_15_64": "%|higher_is_better|employment_rate",
        "c21_unemployment_rate_15_64": "%|higher_is_worse|unemployment_rate",
    }
    name = con.execute(
        "SELECT name_en, definition_en FROM indicators WHERE indicator_id = 'jobs_per_100_inhabitants'"
    ).fetchone()
    assert "all ages" in name[0] and "NOT the job ratio" in name[1]
    log = con.execute(
        "SELECT status, warnings FROM load_log WHERE source_id = 'derived'"
    ).fetchall()
    assert log[-1][0] == "loaded"
    assert "jobratio_15_64 skipped: input(s) population_15_64_nuts3 not loaded" in log[-1][1]


def test_jobratio_15_64_on_a_real_duckdb_file(tmp_path):
    """The live-only input is absent offline, so the SQL is checked on a small warehouse built here."""
    path = tmp_path / "small.duckdb"
    c = duckdb.connect(str(path))
    c.execute((ROOT / "pipelines" / "sql" / "schema.sql").read_text())
    rows = [  # synthetic inputs, made up for this test
        ("jobs_at_workplace", "44000", "2018", 300_000.0),
        ("population_15_64_nuts3", "44000", "2018", 375_000.0),
        ("jobs_at_workplace", "11000", "2018", 480_000.0),  # no population: no ratio
        ("population_15_64_nuts3", "71000", "2018", 0.0),
    ]
    for ind, geo, period, val in rows:
        c.execute(
            "INSERT INTO observations (indicator_id, geo_code, period, ref_date, breakdown, breakdown_value, value, "
            "status, source_id) VALUES (?, ?, ?, DATE '2018-12-31', 'total', 'total', ?, NULL, 'test')",
            [ind, geo, period, val],
        )
    computed = derived.apply(c, "test-build")
    assert computed == {"jobratio_15_64": 1}
    assert c.execute(
        "SELECT geo_code, value, source_id FROM observations WHERE indicator_id = 'jobratio_15_64'"
    ).fetchall() == [("44000", 80.0, "derived")]
    # Applying twice replaces, never duplicates.
    derived.apply(c, "test-build-2")
    assert (
        c.execute("SELECT count(*) FROM observations WHERE source_id = 'derived'").fetchone()[0]
        == 1
    )
    assert c.execute("SELECT count(*) FROM sources WHERE source_id = 'derived'").fetchone()[0] == 1
    c.close()


def test_every_registered_derived_indicator_has_its_sql_file():
    for d in derived.REGISTRY:
        sql = (ROOT / d.sql_file).read_text(encoding="utf-8")
        assert sql.lstrip().startswith("--"), d.indicator.id
        assert "'derived'" in sql, d.indicator.id
        if d.ratio is None:
            assert f"'{d.indicator.id}'" in sql, d.indicator.id
        else:
            # A ratio's two inputs are the ones checked before it runs.
            assert {d.ratio.numerator, d.ratio.denominator} <= set(d.inputs), d.indicator.id
            assert d.sql_file in d.indicator.notes, d.indicator.id


def test_var_indicators_are_skipped_cleanly_in_the_shipped_build(con):
    assert not con.execute(
        "SELECT count(*) FROM observations WHERE indicator_id LIKE 'var_%'"
    ).fetchone()[0]
    warnings = con.execute("SELECT warnings FROM load_log WHERE source_id = 'derived'").fetchall()[
        -1
    ][0]
    assert "var_jobratio_15_64 skipped: input(s) var_jobs_at_workplace not loaded" in warnings
    assert (
        "var_in_commuter_share skipped: input(s) var_in_commuters, var_employees_at_workplace not loaded"
        in warnings
    )
    assert not (
        ROOT / "data" / "raw" / "steunpunt_werk_var"
    ).exists()  # nothing shipped, nothing leaked by tests


@pytest.fixture(scope="module")
def var_con(var_warehouse):
    c = duckdb.connect(str(var_warehouse[0]), read_only=True)
    yield c
    c.close()


def test_var_fixture_snapshot_loads_and_the_derived_indicators_follow(var_warehouse, var_con):
    from tests.sources.var_documented_format import jobs
    from tests.sources.var_documented_format import local

    path, result = var_warehouse
    status = {r.source: (r.status, r.rows) for r in result.results}
    assert status["steunpunt_werk_var"][0] == "loaded" and status["steunpunt_werk_var"][1] > 0
    assert result.ok, result.failures
    series = var_con.execute(
        "SELECT period, value FROM observations WHERE indicator_id = 'var_jobs_at_workplace' AND geo_code = '44021' "
        "AND breakdown = 'total' ORDER BY period"
    ).fetchall()
    assert [p for p, _ in series] == [str(y) for y in range(2015, 2025)]
    assert [v for _, v in series] == [jobs("Gent", str(y)) for y in range(2015, 2025)]
    # jobratio: VAR jobs 15-64 over Statbel's residents 15-64 on 1 January (shipped for 2015 only, 4 cities).
    pop = var_con.execute(
        "SELECT value FROM observations WHERE indicator_id = 'working_age_population' AND geo_code = '44021' "
        "AND period = '2015' AND breakdown = 'age_band' AND breakdown_value = '15-64'"
    ).fetchone()[0]
    assert one(var_con, "var_jobratio_15_64", "44021", "2015") == pytest.approx(
        jobs("Gent", "2015") / pop * 100
    )
    assert (
        var_con.execute(
            "SELECT count(*) FROM observations WHERE indicator_id = 'var_jobratio_15_64' AND period > '2015'"
        ).fetchone()[0]
        == 0
    )  # no population loaded for later years: no ratio rather than a guess
    employees = round(jobs("Gent", "2020") * 0.85)
    assert one(var_con, "var_in_commuter_share", "44021", "2020") == pytest.approx(
        (employees - local("Gent", "2020")) / employees * 100
    )
    herstappe = var_con.execute(
        "SELECT value, status FROM observations WHERE indicator_id = 'var_jobs_at_workplace' AND geo_code = '73028' "
        "AND period = '2019' AND breakdown = 'total'"
    ).fetchone()
    assert herstappe == (None, "hidden")  # suppressed, never 0
    assert var_con.execute(
        "SELECT live_verified, snapshot FROM sources WHERE source_id = 'steunpunt_werk_var'"
    ).fetchone() == (False, "documented-format-fixture")


def test_gent_city_level_paradox_figures_2011(con):
    """Gent, census 2011 (SOURCES.md §10): 158,673 jobs, 61,228 live and work, 96,641 in, 40,160 out;
    Statbel population 1 Jan 2011 and 15-64 (statbel_pop_struct) are the denominators."""
    pop_2011 = one(con, "population", "44021", "2011")
    assert one(con, "muni_jobs_per_100_inhabitants_2011", "44021", "2011") == pytest.approx(
        158_673 / pop_2011 * 100
    )
    assert one(con, "muni_jobs_per_100_residents_15_64_2011", "44021", "2011") == pytest.approx(
        158_673 / 165_998 * 100
    )
    assert one(con, "muni_in_commuter_share", "44021", "2011") == pytest.approx(
        96_641 / (96_641 + 61_228) * 100
    )
    assert one(con, "muni_out_commuter_share", "44021", "2011") == pytest.approx(
        40_160 / (40_160 + 61_228) * 100
    )
    # "61% of Gent jobs held by in-commuters, 40% of employed residents working outside Gent" (SOURCES.md §10).
    assert round(one(con, "muni_in_commuter_share", "44021", "2011")) == 61
    assert round(one(con, "muni_out_commuter_share", "44021", "2011")) == 40


def test_jobs_per_15_64_only_where_the_age_denominator_exists(con):
    geos = {
        r[0]
        for r in con.execute(
            "SELECT geo_code FROM observations WHERE indicator_id = 'muni_jobs_per_100_residents_15_64_2011'"
        ).fetchall()
    }
    assert geos == {"44021", "11002", "71016", "35013"}
    n = con.execute(
        "SELECT count(*) FROM observations WHERE indicator_id = 'muni_jobs_per_100_inhabitants_2011'"
    ).fetchone()[0]
    assert n == 588


def test_census_2021_rates_gent(con):
    # SOURCES.md §15/16: employment rate 15-64 = 69.3 %, unemployment rate 8.2 %.
    assert one(con, "c21_employment_rate_15_64", "44021", "2021") == pytest.approx(
        122_945 / 177_409 * 100
    )
    assert one(con, "c21_unemployment_rate_15_64", "44021", "2021") == pytest.approx(
        10_975 / 133_920 * 100
    )
    assert round(one(con, "c21_employment_rate_15_64", "44021", "2021"), 1) == 69.3
    n = con.execute(
        "SELECT count(*) FROM observations WHERE indicator_id = 'c21_unemployment_rate_15_64'"
    ).fetchone()[0]
    assert n == 581
