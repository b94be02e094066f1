"""statbel_pop_struct: hand-checked sums on the shipped snapshot, the age partition, and the zip fetch."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pytest
import responses

from pipelines import snapshot as snap
from pipelines.breakdowns import VOCABULARY
from pipelines.http import make_session
from pipelines.registry import all_sources
from pipelines.source import SourceError
from pipelines.sources.statbel_pop_struct import AGE_BANDS
from pipelines.sources.statbel_pop_struct import SHIPPED
from pipelines.sources.statbel_pop_struct import SOURCE
from pipelines.sources.statbel_pop_struct import URL_TEMPLATE
from pipelines.validation import validate_observations

GENT, ANTWERPEN, GENK, OOSTENDE = "44021", "11002", "71016", "35013"


def value(obs, indicator, geo, year, breakdown="total", breakdown_value="total") -> float:
    sel = obs[
        (obs.indicator_id == indicator)
        & (obs.geo_code == geo)
        & (obs.period == str(year))
        & (obs.breakdown == breakdown)
        & (obs.breakdown_value == breakdown_value)
    ]
    assert len(sel) == 1, (indicator, geo, year, breakdown_value, len(sel))
    return float(sel["value"].iloc[0])


@pytest.mark.parametrize(
    ("geo", "year", "expected"),
    [
        (GENT, 2009, 240_049),
        (GENT, 2015, 253_266),
        (ANTWERPEN, 2009, 477_936),
        (ANTWERPEN, 2015, 513_570),
    ],
)
def test_totals_match_the_published_sums(obs, geo, year, expected):
    assert value(obs, "population_by_age", geo, year) == expected


def test_totals_agree_with_statbel_origin(obs):
    """An independent Statbel file (origin, via NetBeck22) gives the same totals, except 1 Jan 2011.

    Measured: in 2011 the two differ by 1 to 31 persons (Antwerpen 493,548 here vs 493,517 there); one of
    them carries a later revision. Documented in the source caveats.
    """
    origin = get_origin_totals()
    ours = obs[(obs.indicator_id == "population_by_age") & (obs.breakdown == "total")]
    merged = ours.merge(origin, on=["geo_code", "period"], suffixes=("", "_origin"))
    assert len(merged) == 4 * 7
    differ = merged[merged["value"] != merged["value_origin"]]
    assert set(differ.period) == {"2011"}
    assert (differ["value"] - differ["value_origin"]).abs().max() == 31


def get_origin_totals() -> pd.DataFrame:
    src = all_sources()["statbel_origin"]
    o = src.parse(snap.latest_snapshot(src))
    return o[(o.indicator_id == "population") & (o.breakdown == "total")][
        ["geo_code", "period", "value"]
    ]


def test_age_bands_partition_the_total(obs):
    pop = obs[obs.indicator_id == "population_by_age"]
    bands = pop[pop.breakdown == "age_band"]
    assert set(bands.breakdown_value) == {code for code, _, _ in AGE_BANDS}
    sums = bands.groupby(["geo_code", "period"])["value"].sum()
    totals = pop[pop.breakdown == "total"].set_index(["geo_code", "period"])["value"]
    pd.testing.assert_series_equal(sums.sort_index(), totals.sort_index(), check_names=False)
    assert len(totals) == 28  # 4 cities x 7 years


def test_working_age_rows_overlap_and_are_sums_of_bands(obs):
    def band(code):
        return value(obs, "population_by_age", GENT, 2015, "age_band", code)

    w = {
        c: value(obs, "working_age_population", GENT, 2015, "age_band", c)
        for c in ("15-64", "18-64", "20-64")
    }
    assert w["15-64"] == sum(
        band(c) for c in ("15-17", "18-19", "20-24", "25-54", "55-59", "60-64")
    )
    assert w["18-64"] == w["15-64"] - band("15-17")
    assert w["20-64"] == w["18-64"] - band("18-19")
    assert w["15-64"] > w["18-64"] > w["20-64"] > 0
    wap = obs[obs.indicator_id == "working_age_population"]
    assert set(wap.breakdown) == {"age_band"}  # no total row that could be confused with a sum


def test_raw_file_sums_by_hand(snapshot_dir, obs):
    raw = pd.read_csv(snapshot_dir / SHIPPED, dtype={"CD_MUNTY_REFNIS": str})
    g = raw[(raw.CD_MUNTY_REFNIS == GENT) & (raw.CD_YEAR == 2015)]
    assert (
        value(obs, "working_age_population", GENT, 2015, "age_band", "20-64")
        == g[g.CD_AGE.between(20, 64)].MS_POPULATION.sum()
    )
    foreign = g[g.CD_NATLTY == "ETR"].MS_POPULATION.sum()
    assert value(obs, "population_nationality", GENT, 2015, "nationality", "foreign") == foreign
    share = value(obs, "foreign_nationals_share", GENT, 2015, "nationality", "foreign")
    assert share == pytest.approx(foreign / 253_266 * 100)
    assert 5 < share < 30


def test_only_belgian_and_foreign_nationality(obs):
    nat = obs[obs.indicator_id == "population_nationality"]
    assert set(nat.breakdown_value) == {"belgian", "foreign"}


def test_output_validates_with_known_geographies(obs, known_geos):
    validate_observations(SOURCE, obs, file="snapshot", known_geos=known_geos)
    assert set(obs.geo_code) == {GENT, ANTWERPEN, GENK, OOSTENDE}
    assert sorted(set(obs.period)) == [str(y) for y in range(2009, 2016)]
    assert (obs.ref_date.astype(str) == obs.period + "-01-01").all()
    labels = {(b.breakdown, b.value) for b in VOCABULARY}
    assert set(zip(obs.breakdown, obs.breakdown_value, strict=True)) <= labels


# --- live fetch against zips in Statbel's documented format ----------------------------------

RECENT_COLUMNS = [
    "CD_REFNIS",
    "TX_DESCR_NL",
    "TX_DESCR_FR",
    "CD_DSTR_REFNIS",
    "TX_ADM_DSTR_DESCR_NL",
    "TX_ADM_DSTR_DESCR_FR",
    "CD_PROV_REFNIS",
    "TX_PROV_DESCR_NL",
    "TX_PROV_DESCR_FR",
    "CD_RGN_REFNIS",
    "TX_RGN_DESCR_NL",
    "TX_RGN_DESCR_FR",
    "CD_SEX",
    "CD_NATLTY",
    "TX_NATLTY_FR",
    "TX_NATLTY_NL",
    "CD_CIV_STS",
    "TX_CIV_STS_FR",
    "TX_CIV_STS_NL",
    "CD_AGE",
    "MS_POPULATION",
]
OLDER_COLUMNS = ["CD_MUNTY_REFNIS", "TX_MUNTY_DESCR_NL", *RECENT_COLUMNS[3:]]


def _documented_format_txt(columns: list[str], rows: list[tuple[str, str, str, int, int]]) -> bytes:
    """Pipe-separated, UTF-8 with BOM, one line per municipality x sex x nationality x civil status x age
    (Statbel's documented layout). Synthetic counts generated here, not statistics."""
    lines = ["|".join(columns)]
    for refnis, sex, nat, age, pop in rows:
        values = {
            "CD_REFNIS": refnis,
            "CD_MUNTY_REFNIS": refnis,
            "TX_DESCR_NL": "Gent",
            "TX_MUNTY_DESCR_NL": "Gent",
            "TX_DESCR_FR": "Gand",
            "CD_DSTR_REFNIS": refnis[:2] + "000",
            "CD_PROV_REFNIS": "40000",
            "CD_RGN_REFNIS": "02000",
            "CD_SEX": sex,
            "CD_NATLTY": nat,
            "TX_NATLTY_NL": {"BEL": "Belgen", "ETR": "Niet-Belgen"}.get(nat, "?"),
            "CD_CIV_STS": "1",
            "TX_CIV_STS_NL": "Ongehuwd",
            "CD_AGE": str(age),
            "MS_POPULATION": str(pop),
        }
        lines.append("|".join(values.get(c, "x") for c in columns))
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


ROWS = [
    (GENT, "M", "BEL", 10, 100),
    (GENT, "F", "BEL", 10, 90),
    (GENT, "F", "ETR", 16, 7),
    (GENT, "M", "ETR", 19, 5),
    (GENT, "F", "BEL", 22, 30),
    (GENT, "M", "BEL", 40, 200),
    (GENT, "F", "ETR", 58, 11),
    (GENT, "M", "BEL", 63, 13),
    (GENT, "F", "BEL", 100, 2),
    (ANTWERPEN, "M", "ETR", 30, 50),
]


@responses.activate
def test_fetch_documented_format_zips_with_both_column_variants(tmp_path, monkeypatch):
    monkeypatch.setenv("GSIW_STATBEL_POP_YEARS", "2016-2017")
    older = _zip({"TF_SOC_POP_STRUCT_2016.txt": _documented_format_txt(OLDER_COLUMNS, ROWS)})
    recent = _zip({"TF_SOC_POP_STRUCT_2017.txt": _documented_format_txt(RECENT_COLUMNS, ROWS[:-1])})
    responses.add(
        responses.GET, URL_TEMPLATE.format(year=2016), body=older, content_type="application/zip"
    )
    responses.add(
        responses.GET, URL_TEMPLATE.format(year=2017), body=recent, content_type="application/zip"
    )
    assert "%20" in URL_TEMPLATE and URL_TEMPLATE.startswith("https://statbel.fgov.be/")

    files = SOURCE.fetch(make_session(retries=0), tmp_path)
    assert [f.name for f in files] == ["TF_SOC_POP_STRUCT_2016.zip", "TF_SOC_POP_STRUCT_2017.zip"]
    obs = SOURCE.parse(tmp_path)
    assert value(obs, "population_by_age", GENT, 2016) == 458
    assert value(obs, "population_by_age", ANTWERPEN, 2016) == 50
    assert value(obs, "population_by_age", GENT, 2017) == 458  # CD_REFNIS variant read the same way
    assert value(obs, "population_by_age", GENT, 2016, "age_band", "65+") == 2
    assert (
        value(obs, "working_age_population", GENT, 2016, "age_band", "15-64")
        == 7 + 5 + 30 + 200 + 11 + 13
    )
    assert (
        value(obs, "working_age_population", GENT, 2016, "age_band", "18-64")
        == 5 + 30 + 200 + 11 + 13
    )
    assert (
        value(obs, "working_age_population", GENT, 2016, "age_band", "20-64") == 30 + 200 + 11 + 13
    )
    assert value(obs, "population_nationality", GENT, 2017, "nationality", "foreign") == 23
    assert value(
        obs, "foreign_nationals_share", GENT, 2017, "nationality", "foreign"
    ) == pytest.approx(23 / 458 * 100)
    assert set(obs.period) == {"2016", "2017"}


@responses.activate
def test_zip_with_a_traversal_member_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("GSIW_STATBEL_POP_YEARS", "2016")
    evil = _zip(
        {"../../etc/TF_SOC_POP_STRUCT_2016.txt": _documented_format_txt(RECENT_COLUMNS, ROWS)}
    )
    responses.add(
        responses.GET, URL_TEMPLATE.format(year=2016), body=evil, content_type="application/zip"
    )
    with pytest.raises(SourceError) as exc:
        SOURCE.fetch(make_session(retries=0), tmp_path)
    assert exc.value.source == "statbel_pop_struct"
    assert "path traversal" in exc.value.problem
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("members", "problem"),
    [
        ({"a.txt": b"x", "b.txt": b"y"}, "exactly one .txt"),
        (
            {"TF.txt": _documented_format_txt(["CD_REFNIS", "CD_AGE", "MS_POPULATION"], [])},
            "missing column",
        ),
        (
            {"TF.txt": _documented_format_txt(RECENT_COLUMNS, [(GENT, "M", "XYZ", 3, 1)])},
            "unknown nationality",
        ),
        (
            {"TF.txt": _documented_format_txt(RECENT_COLUMNS, [(GENT, "M", "BEL", 3, -1)])},
            "non-negative",
        ),
    ],
)
def test_wrong_layout_raises_source_error(tmp_path, members, problem):
    (tmp_path / "TF_SOC_POP_STRUCT_2020.zip").write_bytes(_zip(members))
    with pytest.raises(SourceError) as exc:
        SOURCE.parse(tmp_path)
    assert problem in exc.value.problem
    assert exc.value.file.endswith("TF_SOC_POP_STRUCT_2020.zip")
