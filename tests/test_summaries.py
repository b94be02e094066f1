"""Summary tables and storage layout: the shortcuts the pages take must give the answers a full scan gives."""

from __future__ import annotations

import shutil

import duckdb
import pandas as pd
import pytest

from dashboard.brief.model import older_connection
from dashboard.queries import analysis as A
from dashboard.queries import policy as PQ
from pipelines import layout
from pipelines.summaries import summary_queries


def test_every_summary_table_equals_a_count_made_here(warehouse):
    """Each summary table against the same numbers computed in pandas from every observation (not
    the SQL that filled it), plus figures a reader can check: VDAB job-seeker rate, 285 municipalities."""
    con = duckdb.connect(str(warehouse), read_only=True)
    obs = con.execute("SELECT * FROM observations").df()
    assert {"indicator_coverage", "source_coverage", "geo_coverage", "indicator_periods",
            "indicator_breakdowns"} <= set(summary_queries())  # the marts are checked by their page tests

    def table(name: str, key: list[str]) -> pd.DataFrame:
        return con.execute(f"SELECT * FROM {name}").df().set_index(key).sort_index()

    has = obs["value"].notna()
    g = obs.assign(has=has).groupby("indicator_id")
    mine = pd.DataFrame({"first_period": g["period"].min(), "last_period": g["period"].max(),
                         "n_rows": g.size(), "n_values": g["has"].sum(), "n_geos": g["geo_code"].nunique()})
    cov = table("indicator_coverage", ["indicator_id"])
    loaded = cov[cov["n_rows"] > 0]
    assert loaded.index.tolist() == mine.index.tolist()
    for col in mine.columns:
        assert loaded[col].tolist() == mine[col].tolist(), col
    assert (cov.loc["jobseeker_rate", ["first_period", "last_period", "n_rows", "n_geos"]].tolist()
            == ["2014", "2024", 18810, 285])

    g = obs.groupby("source_id")
    src = table("source_coverage", ["source_id"])
    src = src[src["n_rows"] > 0]
    assert src["n_rows"].to_dict() == g.size().to_dict()
    assert src["first_period"].to_dict() == g["period"].min().to_dict()

    periods = table("indicator_periods", ["indicator_id", "period"])
    mine = obs.assign(has=has).groupby(["indicator_id", "period"])["has"].any()
    assert periods["has_value"].to_dict() == mine.to_dict()
    breakdowns = table("indicator_breakdowns", ["indicator_id", "breakdown", "breakdown_value"])
    mine = obs.assign(has=has).groupby(["indicator_id", "breakdown", "breakdown_value"])["has"].any()
    assert breakdowns["has_value"].to_dict() == mine.to_dict()

    geo = table("geo_coverage", ["indicator_id", "geo_code"])
    assert geo["n_values"].to_dict() == obs.assign(has=has).groupby(["indicator_id", "geo_code"])["has"].sum().to_dict()
    totals = obs[has & (obs["breakdown"] == "total")].sort_values("period").groupby(["indicator_id", "geo_code"]).last()
    got = geo.dropna(subset=["last_total_period"])
    assert got["last_total_period"].to_dict() == totals["period"].to_dict()
    assert got["last_total_value"].to_dict() == totals["value"].to_dict()
    assert geo.loc[("jobseeker_rate", "44021"), "last_total_value"] == pytest.approx(10.8)


def test_map_list_and_policy_catalogue_match_a_full_scan(warehouse):
    """What the Kaart picker and the policy pages show, against the same question asked of every row."""
    con = duckdb.connect(str(warehouse), read_only=True)
    full_map = con.execute(
        """
        SELECT i.indicator_id FROM indicators i JOIN observations o USING (indicator_id) JOIN geographies g USING (geo_code)
        WHERE g.level IN ('municipality', 'wijk') AND o.value IS NOT NULL
        GROUP BY i.indicator_id HAVING count(DISTINCT o.geo_code) >= 10 ORDER BY 1
        """
    ).fetchall()
    assert sorted(A.map_indicators(con)["indicator_id"]) == [r[0] for r in full_map]
    assert "jobseeker_rate" in {r[0] for r in full_map}
    cat = PQ.indicator_catalogue(con).set_index("indicator_id")
    assert cat.loc["jobseeker_rate", "last_gent_period"] == "2024"
    assert cat.loc["jobseeker_rate", "last_gent_value"] == pytest.approx(10.8)
    assert cat.loc["jobseekers_nwwz", "n_gent"] == 11  # Gent, 2014-2024 in the VDAB file
    # An indicator Gent has no figure for says so (0), rather than disappearing from the catalogue.
    no_gent = con.execute(
        "SELECT indicator_id FROM indicators EXCEPT SELECT indicator_id FROM geo_coverage WHERE geo_code = '44021'"
    ).fetchall()
    for (ind,) in no_gent:
        assert cat.loc[ind, "n_gent"] == 0


def test_observations_are_stored_in_series_order(warehouse):
    con = duckdb.connect(str(warehouse), read_only=True)
    keys = con.execute(f"SELECT {layout.SERIES_ORDER} FROM observations ORDER BY rowid").fetchall()
    assert keys == sorted(keys)
    groups = con.execute(
        "SELECT max(count) FROM pragma_storage_info('observations') WHERE column_name = 'indicator_id'"
    ).fetchone()[0]
    assert groups <= layout.ROW_GROUP_SIZE


def test_an_older_warehouse_without_summary_tables_still_gives_a_catalogue(warehouse, tmp_path):
    """A brief compared against a file built before these tables existed (`--previous old.duckdb`)."""
    old = tmp_path / "old.duckdb"
    shutil.copy(warehouse, old)
    con = duckdb.connect(str(old))
    con.execute("DROP TABLE geo_coverage")
    con.execute("DROP TABLE indicator_periods")
    con.close()
    con = older_connection(old)
    cat = PQ.indicator_catalogue(con).set_index("indicator_id")
    assert cat.loc["jobseeker_rate", "last_gent_value"] == pytest.approx(10.8)
    assert con.execute("SELECT count(*) FROM indicator_periods WHERE indicator_id = 'jobseeker_rate'").fetchone()[0] == 11


@pytest.mark.parametrize("shared", [False, True], ids=["own connection", "dashboard's connection"])
def test_a_past_state_has_the_summaries_of_its_own_rows(warehouse, shared):
    """The meeting brief's 'warehouse as it was': periods and Gent's latest figure as they were then."""
    from datetime import date

    from dashboard.brief.model import AsOf
    from dashboard.brief.model import previous_connection

    history = AsOf(date(2026, 9, 1), "b0", "2026-09-01 08:00:00", {"jobseeker_rate": "2020"},
                   unchanged={"statbel_origin"}, unknown=set(), absent=set(), snapshots={})
    base = duckdb.connect(str(warehouse), read_only=True) if shared else None
    con = previous_connection(warehouse, history, base=base)
    periods = [r[0] for r in con.execute(
        "SELECT period FROM indicator_periods WHERE indicator_id = 'jobseeker_rate' ORDER BY 1").fetchall()]
    assert periods == [str(y) for y in range(2014, 2021)]
    assert con.execute("SELECT count(*) FROM indicator_periods WHERE indicator_id = 'vacancies_received'"
                       ).fetchone()[0] == 0  # its source was not kept: no periods then
    fresh = con.execute(f"SELECT count(*) FROM ({summary_queries()['indicator_periods']})").fetchone()[0]
    assert con.execute("SELECT count(*) FROM indicator_periods").fetchone()[0] == fresh
    cat = PQ.indicator_catalogue(con).set_index("indicator_id")
    assert cat.loc["jobseeker_rate", "last_gent_period"] == "2020"
    assert cat.loc["vacancies_received", "n_gent"] == 0
    if shared:  # the past state lives on its own cursor: the shared connection still sees today's warehouse
        assert base.execute("SELECT max(period) FROM indicator_periods WHERE indicator_id = 'jobseeker_rate'"
                            ).fetchone()[0] == "2024"
