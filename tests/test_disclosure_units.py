"""The disclosure rule itself (dashboard/disclosure.py): which values are hidden, and how.

Fast and pure, so mutation testing (`make mutation`) can run it for every mutant.
"""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.disclosure import COUNT_UNITS
from dashboard.disclosure import THRESHOLD
from dashboard.disclosure import PublicQueries
from dashboard.disclosure import is_small
from dashboard.disclosure import protect


def test_protect_covers_every_count_unit_and_only_counts():
    df = pd.DataFrame({"value": [0.0, 1.0, 2.0, 3.0, 3.5, 4.0, None], "status": [None] * 7})
    for unit in COUNT_UNITS:
        out = protect(df, unit)
        assert out["value"].tolist()[0] == 0.0 and out["value"].tolist()[5] == 4.0
        assert out["value"].iloc[1:5].isna().all()  # 3.5 is below the threshold too
        assert out["status"].tolist()[1:5] == ["suppressed"] * 4 and out["status"].iloc[5] is None
        assert df["value"].tolist()[1] == 1.0  # the input is not modified
    for unit in ("%", "ratio"):
        assert protect(df, unit)["value"].tolist()[1:4] == [1.0, 2.0, 3.0]
    assert THRESHOLD == 4
    assert [is_small(v) for v in (None, float("nan"), 0, 0.5, 3.99, 4, -1)] == [
        False,
        False,
        False,
        True,
        True,
        False,
        False,
    ]
    no_status = protect(pd.DataFrame({"n": [2, 5]}), "persons", value_col="n")
    assert no_status["n"].isna().tolist() == [True, False] and list(no_status.columns) == ["n"]
    assert protect(pd.DataFrame({"value": []}), "persons").empty


def test_protect_keeps_the_other_statuses_and_the_columns():
    df = pd.DataFrame(
        {"value": [None, 2.0, 50.0], "status": ["hidden", None, None], "geo": ["a", "b", "c"]}
    )
    out = protect(df, "persons")
    assert list(out.columns) == ["value", "status", "geo"]
    assert out["status"].tolist()[:2] == ["hidden", "suppressed"] and pd.isna(out["status"].iloc[2])
    assert out["value"].tolist()[2] == 50.0


def test_a_public_sentence_or_label_never_writes_a_small_count():
    from dashboard.disclosure import public_value

    assert public_value(2, "persons", "nl") == "< 4 (afgeschermd)"
    assert public_value(3.5, "jobs", "en") == "< 4 (hidden)"
    assert public_value(1, "vacancies", "nl") == "< 4 (afgeschermd)"
    assert public_value(21374, "persons", "nl") == "21.374"
    assert public_value(21374, "persons", "en") == "21,374"
    assert public_value(4, "persons", "en") == "4" and public_value(0, "persons", "nl") == "0"
    assert public_value(2.0, "%", "nl") == "2,0 %"  # a share is not a count of persons
    assert public_value(50, "persons", "nl", status="suppressed") == "< 4 (afgeschermd)"
    assert public_value(50, "persons", "nl", status="provisional") == "50"


@pytest.fixture
def planted(monkeypatch):
    """The public query layer over frames with small counts planted in them (the real query layer
    is replaced; tests/test_disclosure_public.py plants them in a real warehouse)."""
    from dashboard import queries

    series = pd.DataFrame(
        {"geo_code": ["44021"] * 3, "period": ["2022", "2023", "2024"], "value": [2.0, 40.0, 3.0]}
    )
    units = {"jobseekers_nwwz": "persons", "jobseeker_rate": "%"}
    commuting = pd.DataFrame(
        {
            "geo_code": ["44021", "44084", "44011"],
            "jobs": [150000.0, 3.0, 900.0],
            "employed_residents": [100000.0, 2.0, 800.0],
            "in_commuters": [90000.0, 1.0, 2.0],
            "out_commuters": [40000.0, 1.0, 700.0],
            "in_commuter_share": [60.0, 33.3, 0.2],
            "out_commuter_share": [40.0, 50.0, 87.5],
            "residents": [60000.0, 1.0, 100.0],
            "resident_share": [40.0, 33.3, 11.1],
        }
    )
    city = pd.DataFrame(
        {
            "geo_code": ["44021", "44084", "44011", "44012"],
            "jobs": [150000, 900, 3, 800],
            "residents": [60000, 2, 500, 600],
            "in_commuters": [90000, 898, 1, 200],
            "in_commuter_share": [60.0, 99.8, 33.3, 25.0],
            "out_commuters": [40000, 700, 600, 1],
            "out_commuter_share": [40.0, 99.7, 54.5, 0.2],
        }
    )
    calls = []

    def answer(name, frame):
        def query(con, *args, **kwargs):
            assert con == "warehouse", "the public layer asks its own connection"
            calls.append((name, args, kwargs))
            return frame

        return query

    monkeypatch.setattr(
        queries, "indicator", lambda con, ind: con == "warehouse" and {"unit": units[ind]}
    )
    monkeypatch.setattr(queries, "series", answer("series", series))
    monkeypatch.setattr(queries, "commuting", answer("commuting", commuting))
    monkeypatch.setattr(queries, "city_commuting", answer("city_commuting", city))
    monkeypatch.setattr(
        queries, "sources_overview", lambda con, lang="nl": f"overview {lang} of {con}"
    )
    return PublicQueries("warehouse"), calls, commuting, city


def test_public_series_hide_small_counts_but_not_shares(planted):
    public, calls, _, _ = planted
    counts = public.series("jobseekers_nwwz", ["44021"], breakdown="total", lang="en")
    assert calls == [
        ("series", ("jobseekers_nwwz", ["44021"]), {"breakdown": "total", "lang": "en"})
    ]
    assert counts["value"].isna().tolist() == [True, False, True]
    assert counts["value"].iloc[1] == 40.0
    assert public.series("jobseeker_rate", ["44021"])["value"].tolist() == [2.0, 40.0, 3.0]


def test_public_commuting_hides_small_counts_and_the_shares_they_reveal(planted):
    public, calls, original, _ = planted
    out = public.commuting(["44021", "44084", "44011"], lang="en")
    assert calls == [("commuting", (["44021", "44084", "44011"],), {"lang": "en"})]
    nan = float("nan")
    shown = out.drop(columns="geo_code").astype(float).fillna(nan)
    assert shown.iloc[0].tolist() == original.drop(columns="geo_code").iloc[0].tolist()
    # 44084: every count is small (jobs 3), so every share built on them is hidden too
    assert shown.iloc[1].isna().all()
    # 44011: only the in-commuters (2) are small: their count and share go, the rest stays
    assert out.iloc[2][["jobs", "employed_residents", "out_commuters", "residents"]].tolist() == [
        900.0,
        800.0,
        700.0,
        100.0,
    ]
    assert pd.isna(out.iloc[2]["in_commuters"]) and pd.isna(out.iloc[2]["in_commuter_share"])
    assert out.iloc[2][["out_commuter_share", "resident_share"]].tolist() == [87.5, 11.1]
    assert original["in_commuters"].tolist()[2] == 2.0  # the query's frame is not changed


def test_public_city_commuting_hides_small_counts_and_the_shares_they_reveal(planted):
    public, calls, _, original = planted
    geos = ["44021", "44084", "44011", "44012"]
    out = public.city_commuting(geos, lang="en").set_index("geo_code")
    assert calls == [("city_commuting", (geos,), {"lang": "en"})]
    counts = ["jobs", "residents", "in_commuters", "out_commuters"]
    shares = ["in_commuter_share", "out_commuter_share"]
    assert out.loc["44021", counts + shares].tolist() == [150000, 60000, 90000, 40000, 60.0, 40.0]
    # 44084: 2 residents (live and work there): hidden, and both shares with them
    assert out.loc["44084", counts].isna().tolist() == [False, True, False, False]
    assert out.loc["44084", shares].isna().all()
    # 44011: 3 jobs and 1 in-commuter: both hidden, and both shares (they derive from the jobs)
    assert out.loc["44011", counts].isna().tolist() == [True, False, True, False]
    assert out.loc["44011", shares].isna().all()
    # 44012: 1 out-commuter: that count and its share only
    assert out.loc["44012", counts].isna().tolist() == [False, False, False, True]
    assert out.loc["44012", "in_commuter_share"] == 25.0 and pd.isna(
        out.loc["44012", "out_commuter_share"]
    )
    assert original["residents"].tolist()[1] == 2


def test_the_public_app_gets_only_protected_or_metadata_queries(planted):
    public, _, _, _ = planted
    # metadata: passed through, on the public layer's connection
    assert public.sources_overview("en") == "overview en of warehouse"
    assert public.GENT == "44021"
    for name in ("observations_frame", "raw_series", "table", "load_status"):
        with pytest.raises(
            AttributeError,
            match=f"{name} is not available to the public app without disclosure control",
        ):
            getattr(public, name)


def test_the_bottleneck_sentence_only_when_a_list_is_loaded(monkeypatch):
    from dashboard.queries import knelpuntberoepen

    loaded = {"warehouse": True, "empty": False}
    monkeypatch.setattr(knelpuntberoepen, "has_lists", lambda con: loaded[con])
    monkeypatch.setattr(
        knelpuntberoepen, "examples", lambda con, lang: {"con": con, "lang": lang, "count": 234}
    )
    public = PublicQueries("warehouse")
    assert public.bottleneck_examples() == {"con": "warehouse", "lang": "nl", "count": 234}
    assert public.bottleneck_examples("en")["lang"] == "en"
    assert PublicQueries("empty").bottleneck_examples("en") is None
