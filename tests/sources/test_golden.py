"""Golden figures per shipped source: what each parser returns on its shipped snapshot, pinned.

Two layers, both against each source's own `parse()` (not the warehouse, not the code under test):
- the row count per indicator x breakdown x period (tests/sources/golden_counts.py, generated once
  by tools/golden_counts.py and reviewed): a parser that drops, duplicates or re-keys a single row
  of one municipality-year fails;
- a handful of exact values per source that a reader can find in the raw file (file and cell named
  next to each), so a parser that rescales (x100, /1000) or shifts a column fails.

A new snapshot or source changes these on purpose: regenerate the counts, read the diff, commit.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines import snapshot as snap
from pipelines.registry import all_sources
from tests.sources.golden_counts import GOLDEN

SOURCES = all_sources()
SHIPPED = sorted(name for name, src in SOURCES.items() if snap.list_snapshots(src))
_CACHE: dict[str, object] = {}


def parsed(name: str):
    """One parse per source per session (the slowest, statbel_origin, takes a few seconds)."""
    if name not in _CACHE:
        src = SOURCES[name]
        _CACHE[name] = src.parse(snap.latest_snapshot(src))
    return _CACHE[name]


def test_every_shipped_source_has_golden_figures():
    """Eleven sources ship a snapshot today; a new one needs its golden counts and values here."""
    assert SHIPPED == sorted(GOLDEN), (
        "shipped sources and golden counts differ: run tools/golden_counts.py and review the diff"
    )
    assert SHIPPED == [
        "belpulse_handextract",
        "bimd2011",
        "boundaries",
        "census2011_activity",
        "census2011_commuting",
        "census2011_municipal_commuting",
        "eurostat_nama_10r_3empers",
        "eurostat_urban_audit_be",
        "published_figures",
        "reference_geographies",
        "statbel_census2021_activity",
        "statbel_origin",
        "statbel_pop_struct",
        "statbel_vestigingseenheden",
        "var_admin_unemployment_rate_2024",
        "vdab_embuild_construction",
        "vdab_jobseekers",
        "vdab_knelpuntberoepen",
        "vdab_vacancies",
        "werkzaamheidsgraad_gemeente",
    ]
    # Sources added with issues 16 and 22 pin their exact values, read from the raw file, in their own
    # test module (tests/sources/test_<name>.py); their row counts are pinned here like the others.
    elsewhere = set(SHIPPED) - set(EXACT_SOURCES)
    assert elsewhere == EXACT_IN_OWN_TEST, "every shipped source has exact values below or in its own test"
    for name in elsewhere:
        assert (Path(__file__).parent / f"test_{name}.py").exists(), name


@pytest.mark.parametrize("name", SHIPPED)
def test_row_counts_per_indicator_breakdown_and_period(name):
    golden = GOLDEN[name]
    src = SOURCES[name]
    assert snap.latest_snapshot(src).name == golden["snapshot"]
    df = parsed(name)
    got = {
        (i, b, p): int(n)
        for (i, b, p), n in df.groupby(["indicator_id", "breakdown", "period"]).size().items()
    }
    want = golden["observations"]
    missing = sorted(set(want) - set(got))
    extra = sorted(set(got) - set(want))
    changed = {k: (want[k], got[k]) for k in sorted(set(want) & set(got)) if want[k] != got[k]}
    assert not (missing or extra or changed), (
        f"{name}: missing {missing[:5]}, unexpected {extra[:5]}, changed (golden, now) {dict(list(changed.items())[:5])}"
    )
    assert len(df) == sum(want.values())
    # No key is repeated: one row per indicator, area, period and category.
    key = ["indicator_id", "geo_code", "period", "breakdown", "breakdown_value"]
    assert not df.duplicated(key).any()


@pytest.mark.parametrize("name", [n for n in SHIPPED if {"geographies", "shapes"} & set(GOLDEN[n])])
def test_geographies_and_shapes_per_level(name):
    golden = GOLDEN[name]
    src = SOURCES[name]
    folder = snap.latest_snapshot(src)
    if "geographies" in golden:
        geos = src.geographies(folder)
        assert {k: int(v) for k, v in geos.groupby("level").size().items()} == golden["geographies"]
    if "shapes" in golden:
        shapes = src.shapes(folder)
        assert {k: int(v) for k, v in shapes.groupby("vintage").size().items()} == golden["shapes"]


# (source, indicator, geo, period, breakdown, breakdown_value, value as the reader finds it, where)
EXACT = [
    # unemployment_jobseekers_data.xlsx, sheet 'Werkloosheid gemeenten', row 75 'Gent'
    ("vdab_jobseekers", "jobseeker_rate", "44021", "2024", "total", "total", 10.8, "L75 = 0,108"),
    ("vdab_jobseekers", "jobseeker_rate", "44021", "2014", "total", "total", 14.4, "B75 = 0,144"),
    ("vdab_jobseekers", "jobseeker_rate", "44021", "2024", "age", "18-24", 20.7, "AS75 = 0,207"),
    ("vdab_jobseekers", "jobseekers_nwwz", "44021", "2024", "total", "total", 14576, "BZ75"),
    ("vdab_jobseekers", "jobseekers_wzw", "44021", "2024", "total", "total", 13268, "CK75"),
    (
        "vdab_jobseekers",
        "jobseekers_wzw_rate",
        "44021",
        "2024",
        "total",
        "total",
        7.6,
        "CV75 = 0,076",
    ),
    ("vdab_jobseekers", "jobseekers_wzw", "44021", "2024", "origin", "non_eu", 6205, "FJ75"),
    (
        "vdab_jobseekers",
        "jobseekers_wzw",
        "44021",
        "2024",
        "residence_next_year",
        "abroad",
        379,
        "HX75",
    ),
    # vacancies_shortages_sectors.xlsx, sheet 'Vacatures en krapte gemeenten', row 81 'Gent'
    ("vdab_vacancies", "vacancies_received", "44021", "2014", "total", "total", 9757, "B81"),
    ("vdab_vacancies", "vacancies_received", "44021", "2024", "total", "total", 21374, "L81"),
    ("vdab_vacancies", "vacancies_open", "44021", "2024", "total", "total", 4035, "W81"),
    ("vdab_vacancies", "vacancies_received", "44021", "2024", "sector", "bouw", 908, "FJ81"),
    ("vdab_vacancies", "vacancies_open", "44021", "2024", "sector", "onderwijs", 264, "VW81"),
    ("vdab_vacancies", "vacancies_open", "44021", "2024", "sector", "primaire_sector", 1, "MD81"),
    # recurrent_mobility.csv: row = residence, column = workplace (arrondissements)
    (
        "census2011_commuting",
        "commuters",
        "44000",
        "2011",
        "residence",
        "11000",
        4455,
        "row 11000, col 44000",
    ),
    (
        "census2011_commuting",
        "commuters",
        "44000",
        "2011",
        "residence",
        "12000",
        1441,
        "row 12000, col 44000",
    ),
    # Eurostats_NUTS3_Empers_BE.csv, GeoId dcid:nuts/BE234 (= arrondissement Gent), thousands x 1000
    (
        "eurostat_nama_10r_3empers",
        "jobs_at_workplace",
        "44000",
        "2000",
        "total",
        "total",
        226300,
        "line 325, last col",
    ),
    (
        "eurostat_nama_10r_3empers",
        "jobs_at_workplace",
        "44000",
        "2000",
        "sector_nace",
        "A",
        5000,
        "line 325, NACE/A",
    ),
    (
        "eurostat_nama_10r_3empers",
        "jobs_at_workplace",
        "44000",
        "2018",
        "total",
        "total",
        293900,
        "year 2018 BE234",
    ),
    # origin_by_municipality.csv, line 269: 2025,44021,Ghent,163822,10364,26392,72079,272657,60.08,...
    ("statbel_origin", "population", "44021", "2025", "total", "total", 272657, "col total"),
    ("statbel_origin", "population", "44021", "2025", "origin", "non_eu", 72079, "col non_eu27"),
    ("statbel_origin", "population", "44021", "2024", "origin", "belgian", 164195, "line 841"),
    # monthly_totals.csv: 2016-01-31,...,1062 and 2016-02-29,...,1103
    (
        "vdab_embuild_construction",
        "vacancies_received_construction_monthly",
        "02000",
        "2016-01",
        "total",
        "total",
        1062,
        "line 2",
    ),
    (
        "vdab_embuild_construction",
        "vacancies_received_construction_monthly",
        "02000",
        "2016-02",
        "total",
        "total",
        1103,
        "line 3",
    ),
    # figures.csv line 2-3: HLN citing VDAB Arvastat, Gent 2019 (annual average)
    (
        "published_figures",
        "pub_vdab_werkloosheidsgraad",
        "44021",
        "2019",
        "total",
        "total",
        9.7,
        "line 2",
    ),
    (
        "published_figures",
        "pub_vdab_nwwz_annual_avg",
        "44021",
        "2019",
        "total",
        "total",
        12559,
        "line 3",
    ),
    # Microdata files: the reader sums the rows of one area (Statbel TF_SOC_POP_STRUCT, census HC13).
    (
        "statbel_pop_struct",
        "population_by_age",
        "44021",
        "2015",
        "total",
        "total",
        253266,
        "sum MS_POPULATION 44021 2015",
    ),
    (
        "statbel_pop_struct",
        "population_nationality",
        "44021",
        "2015",
        "nationality",
        "foreign",
        33831,
        "sum, non-Belgian",
    ),
    (
        "census2011_activity",
        "census_labour_force",
        "40000",
        "2011",
        "education",
        "low",
        154017,
        "sum HC13, Oost-Vl.",
    ),
    (
        "census2011_activity",
        "census_unemployed",
        "40000",
        "2011",
        "education",
        "low",
        14371,
        "sum HC13, Oost-Vl.",
    ),
]
EXACT_SOURCES = {row[0] for row in EXACT} | {"boundaries", "reference_geographies"}
EXACT_IN_OWN_TEST = {
    "belpulse_handextract", "bimd2011", "census2011_municipal_commuting", "eurostat_urban_audit_be",
    "statbel_census2021_activity", "statbel_vestigingseenheden", "var_admin_unemployment_rate_2024",
    "vdab_knelpuntberoepen", "werkzaamheidsgraad_gemeente",
}


@pytest.mark.parametrize(
    ("source", "indicator", "geo", "period", "breakdown", "category", "value", "where"), EXACT
)
def test_values_a_reader_finds_in_the_raw_file(
    source, indicator, geo, period, breakdown, category, value, where
):
    df = parsed(source)
    hit = df[
        (df["indicator_id"] == indicator)
        & (df["geo_code"] == geo)
        & (df["period"] == period)
        & (df["breakdown"] == breakdown)
        & (df["breakdown_value"] == category)
    ]
    assert len(hit) == 1, (
        f"{source} {indicator} {geo} {period} {breakdown}={category}: {len(hit)} rows"
    )
    assert hit["value"].iloc[0] == pytest.approx(value, abs=1e-9), where


def test_derived_shares_are_the_quotient_of_pinned_counts():
    """Shares are stored in percent (26.44, not 0.2644) and computed from the counts above."""
    origin = parsed("statbel_origin")
    share = origin[
        (origin["indicator_id"] == "population_origin_share")
        & (origin["geo_code"] == "44021")
        & (origin["period"] == "2025")
        & (origin["breakdown_value"] == "non_eu")
    ]["value"].iloc[0]
    assert share == pytest.approx(100 * 72079 / 272657)  # the file rounds it to 26.44
    census = parsed("census2011_activity")
    rate = census[
        (census["indicator_id"] == "census_unemployment_rate")
        & (census["geo_code"] == "40000")
        & (census["breakdown_value"] == "low")
    ]["value"].iloc[0]
    assert rate == pytest.approx(100 * 14371 / 154017)


def test_geography_names_a_reader_finds_in_the_raw_files():
    ref = SOURCES["reference_geographies"]
    geos = ref.geographies(snap.latest_snapshot(ref)).set_index("geo_code")
    # TU_COM_REFNIS_levels.txt line 34: 4|44000|40000|Arrondissement Gent|Arrondissement de Gand||
    assert (geos.loc["44000", "name_nl"], geos.loc["44000", "parent_code"]) == (
        "Arrondissement Gent",
        "40000",
    )
    assert geos.loc["44000", "name_fr"] == "Arrondissement de Gand"
    bounds = SOURCES["boundaries"]
    wijken = bounds.geographies(snap.latest_snapshot(bounds))
    gent = wijken[wijken["parent_code"] == "44021"]
    assert (
        len(gent) == 25
    )  # the 25 wijken of Gent in wijken_ggw7_gent_antwerpen_genk_oostende.geojson
    assert gent.set_index("geo_code").loc["44021W01", "name_nl"] == "Binnenstad (Gent)"
