"""published_figures: hand-checked rows, one indicator per definition, the skip rules and the notes table."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipelines.breakdowns import VOCABULARY
from pipelines.registry import all_sources
from pipelines.source import SourceError
from pipelines.sources.published_figures import FILE
from pipelines.sources.published_figures import SOURCE
from pipelines.sources.published_figures import load
from pipelines.sources.published_figures import parse_period
from pipelines.validation import validate_observations

GENT = "44021"
HLN_2019 = (
    "https://www.hln.be/in-de-buurt/gent/werkloosheidscijfers-in-gent-historisch-laag-voor-het-eerst-in-15-jaar"
    "-onder-de-10~a170c3d5/"
)


@pytest.fixture(scope="module")
def loaded(snapshot_dir):
    return load(snapshot_dir)


@pytest.fixture(scope="module")
def obs(loaded):
    return loaded[0]


def value(obs, indicator, geo, period, breakdown="total", breakdown_value="total") -> float:
    sel = obs[
        (obs.indicator_id == indicator)
        & (obs.geo_code == geo)
        & (obs.period == period)
        & (obs.breakdown == breakdown)
        & (obs.breakdown_value == breakdown_value)
    ]
    assert len(sel) == 1, (indicator, geo, period, breakdown_value, len(sel))
    return float(sel["value"].iloc[0])


@pytest.mark.parametrize(
    ("indicator", "geo", "period", "bd", "expected"),
    [
        (
            "pub_vdab_werkloosheidsgraad",
            GENT,
            "2019",
            ("total", "total"),
            9.7,
        ),  # HLN citing VDAB Arvastat
        ("pub_vdab_nwwz_annual_avg", GENT, "2019", ("total", "total"), 12_559),
        (
            "pub_vdab_werkloosheidsgraad",
            GENT,
            "2019-07",
            ("total", "total"),
            9.4,
        ),  # Arbeidspact baseline
        ("pub_vdab_werkloosheidsgraad", "centrumsteden13", "2019-07", ("total", "total"), 7.88),
        ("pub_stad_gent_werkzaamheidsgraad", GENT, "2019-07", ("total", "total"), 68.6),
        ("pub_vdab_werkloosheidsgraad", "11002", "2017", ("total", "total"), 14.9),
        ("pub_vdab_nwwz_month", GENT, "2019-12", ("sex", "women"), 5176),
        (
            "pub_vdab_nwwz_month",
            "02000",
            "2023-03",
            ("total", "total"),
            193_886,
        ),  # published as 2023-03-31
        ("pub_vdab_werkzoekendengraad", "02000", "2023-08", ("total", "total"), 6.6),
        ("pub_rva_werkloosheidsgraad", "04000", "2020", ("total", "total"), 16.5),
        (
            "pub_stadsmonitor_jobratio",
            "24062",
            "2012",
            ("total", "total"),
            117.6,
        ),  # jobs per 100 inhabitants 15-64, as published
        ("pub_stadsmonitor_jobratio", GENT, "2021", ("total", "total"), 122),
        ("pub_lfs_werkzaamheidsgraad_25_64", "EU", "2018", ("total", "total"), 75.1),
        ("pub_werkzaamheidsgraad_20_64", "EU28", "2017", ("total", "total"), 72),
        ("pub_lfs_share_unemployed_by_birth", "02000", "2022", ("birth_country", "non_eu"), 5.7),
        ("pub_vdab_vacancies_received_12m", "44000", "2021-09", ("total", "total"), 39_377),
        ("pub_vdab_vacancies_received_year", GENT, "2010", ("total", "total"), 17_273),
        (
            "pub_vdab_spanningsindicator",
            "40000",
            "2018-06",
            ("occupation", "verpleegkundigen"),
            0.36,
        ),
        ("pub_vdab_jobseeker_group_share", GENT, "2011-05", ("age", "<25"), 22.5),
    ],
)
def test_hand_checked_rows(obs, indicator, geo, period, bd, expected):
    assert value(obs, indicator, geo, period, *bd) == pytest.approx(expected)


def test_definitions_are_never_merged(obs):
    """Gent 2019: VDAB werkloosheidsgraad and the Arbeidspact baseline differ and live side by side."""
    rates = {i.id: i for i in SOURCE.indicators if i.concept == "unemployment_rate"}
    assert set(rates) == {
        "pub_vdab_werkloosheidsgraad",
        "pub_vdab_werkzoekendengraad",
        "pub_rva_werkloosheidsgraad",
    }
    employment = {i.id for i in SOURCE.indicators if i.concept == "employment_rate"}
    assert {
        "pub_lfs_werkzaamheidsgraad_25_64",
        "pub_werkzaamheidsgraad_20_64",
        "pub_ksz_werkgelegenheidsgraad_18_64",
        "pub_stad_gent_werkzaamheidsgraad",
    } <= employment
    # The concept also links to the municipal series of vdab_jobseekers.
    jobseekers = all_sources()["vdab_jobseekers"]
    assert jobseekers.indicator("jobseeker_rate").concept == "unemployment_rate"
    assert (
        SOURCE.indicator("pub_vdab_nwwz_annual_avg").concept
        == jobseekers.indicator("jobseekers_nwwz").concept
    )


def test_row_accounting(snapshot_dir, loaded):
    obs, notes, skipped = loaded
    raw = pd.read_csv(snapshot_dir / FILE, dtype=str)
    assert len(raw) == 308
    assert skipped == {
        "difference": 70,
        "target": 4,
        "project": 9,
        "lower_bound": 1,
        "no_period": 4,
        "no_area": 1,
    }
    assert len(notes) == 308 - sum(skipped.values()) == 219
    assert len(obs) == 213  # six figures were quoted on two or three pages
    assert notes["url"].str.startswith("http").all()
    assert len(SOURCE.indicators) == obs["indicator_id"].nunique()


def test_the_same_figure_on_three_pages_is_one_observation_with_three_notes(loaded):
    obs, notes, _ = loaded
    gent = notes[
        (notes.indicator_id == "pub_vdab_werkloosheidsgraad")
        & (notes.geo_code == GENT)
        & (notes.period == "2019")
    ]
    assert len(gent) == 3
    assert HLN_2019 in set(gent.url)
    assert value(obs, "pub_vdab_werkloosheidsgraad", GENT, "2019") == 9.7


def test_notes_keep_the_period_and_qualifiers_as_published(loaded):
    notes = loaded[1]
    wegwijs = notes[(notes.geo_code == GENT) & (notes.period == "2011-05")].note.iloc[0]
    assert "period as published: not stated (published 2011-05)" in wegwijs
    assert "publication month used" in wegwijs
    approx = notes[
        (notes.indicator_id == "pub_vdab_nwwz_annual_avg") & (notes.period == "2014")
    ].note.iloc[0]
    assert "just over" in approx


def test_period_mapping_rules():
    assert parse_period("2019 (annual average)") == ("2019", "2019-12-31", "year", "")
    assert parse_period("2017-12 (end of month)")[:3] == ("2017-12", "2017-12-31", "month")
    assert parse_period("2023-03-31")[:2] == ("2023-03", "2023-03-31")
    assert parse_period("2017-02 to 2018-01 (12 months)")[:3] == ("2018-01", "2018-01-31", "12m")
    assert parse_period("12 months to ~2021-09")[3].startswith("approximate")
    assert parse_period("2015 (as published 2015-10)")[:2] == ("2015-10", "2015-10-31")
    assert parse_period("Wegwijs editie 2005")[0] == "2005"
    assert parse_period("some other text") is None


def test_output_validates(obs, known_geos):
    validate_observations(SOURCE, obs, file="snapshot", known_geos=known_geos)
    labels = {(b.breakdown, b.value) for b in VOCABULARY}
    assert set(zip(obs.breakdown, obs.breakdown_value, strict=True)) <= labels


def _write(tmp_path: Path, df: pd.DataFrame) -> Path:
    df.to_csv(tmp_path / FILE, index=False)
    return tmp_path


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        (
            lambda d: d.assign(period=d["period"].where(d.index != 0, "sometime in 2019")),
            "matches no documented rule",
        ),
        (
            lambda d: d.assign(breakdown=d["breakdown"].where(d.index != 0, "left-handed")),
            "unknown breakdown",
        ),
        (lambda d: d.assign(value=d["value"].where(d.index != 5, "9.9")), "different values"),
        (
            lambda d: d.assign(indicator=d["indicator"].where(d.index != 0, "happiness index")),
            "no indicator",
        ),
        (lambda d: d.drop(columns=["source_url"]), "missing column"),
    ],
)
def test_unforeseen_rows_stop_the_parse(tmp_path, snapshot_dir, edit, problem):
    raw = pd.read_csv(snapshot_dir / FILE, dtype=str, keep_default_na=False)
    folder = _write(tmp_path, edit(raw))
    with pytest.raises(SourceError) as exc:
        SOURCE.parse(folder)
    assert problem in exc.value.problem
    assert exc.value.file == str(folder / FILE)


def test_fetch_explains_there_is_nothing_to_download(tmp_path):
    with pytest.raises(SourceError) as exc:
        SOURCE.fetch(None, tmp_path)
    assert "python -m pipelines snapshot published_figures" in exc.value.problem


def test_warehouse_keeps_each_figures_url(warehouse):
    """What an analyst sees: the figure, and the page it came from, joined on the observation key."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = con.execute(
            """
            SELECT o.value, n.url, n.publisher FROM observations o
            JOIN observation_notes n USING (indicator_id, geo_code, period, breakdown, breakdown_value)
            WHERE o.indicator_id = 'pub_vdab_nwwz_annual_avg' AND o.geo_code = '44021' AND o.period = '2019'
            ORDER BY n.publisher
            """
        ).fetchall()
        levels = dict(
            con.execute(
                "SELECT geo_code, level FROM geographies WHERE source_id = 'published_figures'"
            ).fetchall()
        )
    finally:
        con.close()
    assert [r[0] for r in rows] == [12_559, 12_559]
    assert HLN_2019 in {r[1] for r in rows}
    assert levels == {
        "EU": "supranational",
        "EU28": "supranational",
        "centrumsteden13": "city_group",
    }


def test_notes_survive_a_build_of_another_source(warehouse, tmp_path):
    """A partial build carries published_figures over from the previous warehouse, notes included."""
    import shutil

    from pipelines.warehouse import build

    copy = tmp_path / "gsiw.duckdb"
    shutil.copyfile(warehouse, copy)
    build(["statbel_pop_struct"], path=copy)
    con = duckdb.connect(str(copy), read_only=True)
    try:
        n = con.execute(
            "SELECT count(*) FROM observation_notes WHERE source_id = 'published_figures'"
        ).fetchone()[0]
        status = con.execute(
            "SELECT status FROM load_log WHERE source_id = 'published_figures' ORDER BY finished_at DESC LIMIT 1"
        ).fetchone()[0]
    finally:
        con.close()
    assert (n, status) == (219, "carried_over")
