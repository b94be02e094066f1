"""vdab_knelpuntberoepen: the shipped snapshot read back, figure by figure, against a plain reading of the file."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipelines import snapshot as snap
from pipelines.registry import all_sources
from pipelines.source import LIST_COLUMNS
from pipelines.source import STATEMENT_COLUMNS
from pipelines.source import SourceError
from pipelines.sources.vdab_knelpuntberoepen import COUNT
from pipelines.sources.vdab_knelpuntberoepen import FILE
from pipelines.sources.vdab_knelpuntberoepen import FLANDERS
from pipelines.sources.vdab_knelpuntberoepen import NEW
from pipelines.sources.vdab_knelpuntberoepen import REMOVED
from pipelines.sources.vdab_knelpuntberoepen import SHARE
from pipelines.sources.vdab_knelpuntberoepen import SOURCE
from pipelines.sources.vdab_knelpuntberoepen import observations_and_notes
from pipelines.sources.vdab_knelpuntberoepen import occupation_lists
from pipelines.sources.vdab_knelpuntberoepen import statements
from pipelines.validation import validate_list_items
from pipelines.validation import validate_observations
from pipelines.validation import validate_statements
from pipelines.warehouse import _ordered
from pipelines.warehouse import collect_geographies

VDAB_2024 = "https://extranet.vdab.be/home/nieuws/31-01-2024-krapte-blijft-groot-241-beroepen-op-knelpuntberoepenlijst-2024"


@pytest.fixture(scope="module")
def snapshot_dir() -> Path:
    return snap.latest_snapshot(SOURCE)


@pytest.fixture(scope="module")
def raw_rows(snapshot_dir) -> list[dict]:
    """The file read with the csv module only: the independent reading every figure is compared with."""
    with open(snapshot_dir / FILE, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def obs_notes(snapshot_dir):
    return observations_and_notes(snapshot_dir)


def value(obs: pd.DataFrame, indicator: str, period: str) -> float:
    sel = obs[(obs.indicator_id == indicator) & (obs.period == period) & (obs.geo_code == FLANDERS)]
    assert len(sel) == 1, (indicator, period)
    return float(sel["value"].iloc[0])


def test_snapshot_is_the_shared_file_byte_for_byte(snapshot_dir):
    manifest = snap.verify(SOURCE, snapshot_dir)
    assert manifest["copied_from"] == "shared/data/published_figures"
    assert "SOURCES.md" in manifest["origin"]
    assert manifest["files"][0]["bytes"] == (snapshot_dir / FILE).stat().st_size


@pytest.mark.parametrize(
    ("indicator", "period", "expected"),
    [
        (
            COUNT,
            "2024",
            241,
        ),  # VDAB extranet news 31-01-2024: "in 2024 staan er 241 beroepen op de lijst"
        (COUNT, "2026", 227),  # Focus-WTV: "Concreet staan er 227 beroepen op de nieuwe lijst"
        (COUNT, "2025", 251),  # Ring TV
        (COUNT, "2014", 144),  # VTM: "even veel als in 2014" (by comparison only)
        (COUNT, "2020", 188),
        (SHARE, "2023", 36),  # HLN: "meer dan één op de drie (36 procent)"
        (SHARE, "2024", 40),  # TVL, minister Brouns: "Ongeveer 40%"
        (NEW, "2020", 22),
        (NEW, "2021", 8),
        (REMOVED, "2020", 6),
        (REMOVED, "2021", 6),
    ],
)
def test_figures_read_by_hand(obs_notes, indicator, period, expected):
    assert value(obs_notes[0], indicator, period) == expected


def test_every_count_equals_the_plain_reading_and_missing_years_stay_missing(obs_notes, raw_rows):
    obs = obs_notes[0]
    plain = {r["year"]: float(r["value"]) for r in raw_rows if r["kind"] == "count"}
    loaded = dict(
        zip(
            obs[obs.indicator_id == COUNT]["period"],
            obs[obs.indicator_id == COUNT]["value"],
            strict=True,
        )
    )
    assert loaded == plain
    assert not {"2016", "2017", "2019"} & set(loaded), (
        "a year without a published count must not get one"
    )
    assert set(obs["geo_code"]) == {FLANDERS}, "every list covers Flanders, never Gent"


def test_the_share_of_vacancies_is_not_loaded_as_a_share_of_occupations(obs_notes, snapshot_dir):
    obs = obs_notes[0]
    assert set(obs[obs.indicator_id == SHARE]["period"]) == {"2023", "2024"}
    quoted = statements(snapshot_dir)
    vac = quoted[quoted.topic == "vacancy_share"]
    assert list(vac["period"]) == ["2022"] and "Zes op de tien" in vac["quote"].iloc[0]


def test_every_figure_has_its_page_and_quote(obs_notes):
    obs, notes = obs_notes
    assert len(notes) == len(obs)
    note = notes[(notes.indicator_id == COUNT) & (notes.period == "2024")].iloc[0]
    assert note["url"] == VDAB_2024
    assert note["publisher"] == "VDAB (extranet nieuws)"
    assert "241 beroepen op de lijst" in note["note"]


def test_every_row_of_the_file_lands_somewhere(obs_notes, snapshot_dir, raw_rows):
    """174 rows: observations + named list items + statements, nothing dropped silently."""
    items, quoted = occupation_lists(snapshot_dir), statements(snapshot_dir)
    assert len(raw_rows) == 174
    assert len(obs_notes[0]) + len(items) + len(quoted) == len(raw_rows)


def test_top_list_2024_with_ranks_and_the_language_each_name_was_published_in(
    snapshot_dir, raw_rows
):
    items = occupation_lists(snapshot_dir)
    top = items[(items.list_year == "2024") & (items.item_kind == "top")].sort_values("rank")
    assert list(top["rank"]) == list(range(1, 11))
    assert top.iloc[0]["occupation_nl"] == "technicus voor industriële installaties"
    assert top.iloc[0]["name_language"] == "nl"
    # Ranks 4-10 exist only in Belga's English: published in English, the Dutch is our translation.
    assert top.iloc[3]["occupation_en"] == "site manager" and top.iloc[3]["name_language"] == "en"
    assert set(top.iloc[3:]["name_language"]) == {"en"}
    plain = [r["occupation"] for r in raw_rows if r["year"] == "2024" and r["kind"] == "top"]
    assert [o.split(" (EN")[0] for o in plain] == [
        row.occupation_nl if row.name_language == "nl" else row.occupation_en
        for row in top.itertuples()
    ]


def test_ranks_that_are_not_one_number_stay_as_published(snapshot_dir):
    items = occupation_lists(snapshot_dir)
    unclear = items[(items.list_year == "2023") & (items.rank_as_published == "4-5")]
    assert len(unclear) == 2 and unclear["rank"].isna().all()
    y2013 = items[items.list_year == "2013"]
    assert y2013.groupby("sublist")["rank"].apply(sorted).to_dict() == {
        "quantitative": [1, 2, 3, 4, 5],
        "qualitative_or_conditions": [1, 2, 3, 4, 5],
    }
    assert float(y2013[y2013.occupation_nl == "schoonmaker"]["value"].iloc[0]) == 22036


def test_new_and_removed_names(snapshot_dir, raw_rows):
    items = occupation_lists(snapshot_dir)
    new_2026 = items[(items.list_year == "2026") & (items.item_kind == "new")]
    assert set(new_2026["occupation_nl"]) == {
        "spoorwegmedewerker",
        "soldaat-matroos",
        "schoonheidsspecialist",
        "persoonlijk assistent van mensen met een beperking",
    }
    removed = items[items.item_kind == "removed"]
    assert len(removed) == sum(
        1 for r in raw_rows if r["kind"] == "removed" and not r["occupation"].startswith("ALLE")
    )
    assert list(items.columns) == LIST_COLUMNS


def test_regional_statements_are_verbatim_dated_quotes_with_their_page(snapshot_dir, raw_rows):
    quoted = statements(snapshot_dir)
    assert list(quoted.columns) == STATEMENT_COLUMNS
    regional = quoted[quoted.topic == "regional"]
    plain = [r for r in raw_rows if r["kind"] == "regional"]
    assert len(regional) == len(plain) == 15
    assert list(regional["quote"]) == [r["quote"] for r in plain]
    assert list(regional["url"]) == [r["source_url"] for r in plain]
    gent = regional[(regional.geo_code == "44021") & (regional.period == "2023")]
    assert any("lager dan 2" in q for q in gent["quote"])
    assert set(regional["geo_code"].dropna()) == {"44021", "44000", "40000"}
    assert regional["quote_en"].str.len().gt(0).all()


def test_everything_passes_the_build_validation(snapshot_dir, obs_notes):
    known = set(collect_geographies(_ordered(all_sources()))["geo_code"])
    validate_observations(SOURCE, obs_notes[0], file="x", known_geos=known)
    assert (
        validate_list_items(SOURCE, occupation_lists(snapshot_dir), file="x", known_geos=known)
        is not None
    )
    assert (
        validate_statements(SOURCE, statements(snapshot_dir), file="x", known_geos=known)
        is not None
    )


def test_fetch_explains_the_manual_import_without_touching_the_network(tmp_path):
    with pytest.raises(SourceError) as err:
        SOURCE.fetch(None, tmp_path)
    assert "python -m pipelines snapshot vdab_knelpuntberoepen" in str(err.value)
    assert "no documented data file" in str(err.value)


@pytest.fixture
def broken(tmp_path, snapshot_dir):
    """A copy of the real file the test edits: one change, one named error."""
    shutil.copy(snapshot_dir / FILE, tmp_path / FILE)

    def edit(old: str, new: str) -> Path:
        path = tmp_path / FILE
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return tmp_path

    return edit


@pytest.mark.parametrize(
    ("old", "new", "reader", "message"),
    [
        ("year,kind,rank", "jaar,kind,rank", observations_and_notes, "expected columns"),
        ("2024,count,,,,241", "2024,tally,,,,241", observations_and_notes, "kind 'tally'"),
        (
            "2024,count,,,,241",
            "2024,count,,,,veel",
            observations_and_notes,
            "'veel' is not a number",
        ),
        ("2025,count,,,,251", "2024,count,,,,251", observations_and_notes, "two figures"),
        (
            "2026,new,,spoorwegmedewerker",
            "2026,new,,treinbegeleider",
            occupation_lists,
            "no translation",
        ),
        (
            "Bij de VDAB in Oost-Vlaanderen zijn er",
            "Bij VDAB zijn er",
            statements,
            "no English translation",
        ),
    ],
)
def test_a_broken_file_names_the_file_and_the_problem(broken, old, new, reader, message):
    folder = broken(old, new)
    with pytest.raises(SourceError) as err:
        reader(folder)
    assert message in str(err.value)
    assert FILE in str(err.value)
