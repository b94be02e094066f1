"""Census 2011 activity status (HC13): cells recomputed from the raw CSV with plain pandas filters."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipelines import snapshot as snap
from pipelines.config import ROOT
from pipelines.http import make_session
from pipelines.source import SourceError
from pipelines.sources.census2011_activity import CODELIST
from pipelines.sources.census2011_activity import HC13
from pipelines.sources.census2011_activity import SOURCE


@pytest.fixture(scope="module")
def raw(snapshot_dir) -> pd.DataFrame:
    df = pd.read_csv(snapshot_dir / HC13, dtype=str, keep_default_na=False)
    return df.assign(n=df["OBS_VALUE"].astype(int))


def value(obs, indicator, geo, breakdown="total", breakdown_value="total") -> float:
    sel = obs[
        (obs.indicator_id == indicator)
        & (obs.geo_code == geo)
        & (obs.breakdown == breakdown)
        & (obs.breakdown_value == breakdown_value)
    ]
    assert len(sel) == 1, (indicator, geo, breakdown_value, len(sel))
    return float(sel["value"].iloc[0])


def rate(cells: pd.DataFrame) -> float:
    une = cells.loc[cells.CD_CAS_LVL_2 == "UNE", "n"].sum()
    emp = cells.loc[cells.CD_CAS_LVL_2 == "EMP", "n"].sum()
    return une / (une + emp) * 100


def test_snapshot_verifies_and_is_the_2011_census(snapshot_dir, obs):
    manifest = snap.verify(SOURCE, snapshot_dir)
    assert {f["name"] for f in manifest["files"]} == {
        HC13,
        "TF_CENSUS_2011_HC23_L_codes.csv",
        CODELIST,
    }
    assert set(obs.period) == {"2011"} and {str(d) for d in obs.ref_date} == {"2011-01-01"}


def test_oost_vlaanderen_non_eu_rate_recomputed_from_the_raw_csv(obs, raw):
    cells = raw[(raw.CD_GEO_LVL_2 == "BE23") & (raw.CD_COC_LVL_2 == "NEU")]
    expected = rate(cells)
    assert value(
        obs, "census_unemployment_rate", "40000", "nationality", "non_eu"
    ) == pytest.approx(expected)
    assert expected == pytest.approx(
        value(obs, "census_unemployed", "40000", "nationality", "non_eu")
        / value(obs, "census_labour_force", "40000", "nationality", "non_eu")
        * 100
    )
    assert value(obs, "census_unemployment_rate", "40000") == pytest.approx(
        4.7575, abs=1e-4
    )  # hand-checked


def test_low_education_in_flanders_recomputed_from_the_raw_csv(obs, raw):
    cells = raw[(raw.CD_GEO_LVL_1 == "BE2") & raw.CD_EDU_LVL_1.isin(["NONE", "ED1", "ED2"])]
    assert value(obs, "census_unemployment_rate", "02000", "education", "low") == pytest.approx(
        rate(cells)
    )
    une = cells.loc[cells.CD_CAS_LVL_2 == "UNE", "n"].sum()
    assert value(obs, "census_unemployed", "02000", "education", "low") == une


def test_youth_rate_of_belgium_uses_the_five_year_bands(obs, raw):
    cells = raw[raw.CD_AGE_LVL_2.isin(["Y15-19", "Y20-24"])]
    assert value(obs, "census_unemployment_rate", "01000", "age", "15-24") == pytest.approx(
        rate(cells)
    )


def test_no_double_counting_across_levels_and_breakdowns(obs, raw):
    force = obs[obs.indicator_id == "census_labour_force"]
    total = force[force.breakdown == "total"].set_index("geo_code")["value"]
    # Each breakdown is a partition of the total (unknown education and stateless/unknown included).
    for breakdown in ("education", "nationality", "age", "sex"):
        sums = force[force.breakdown == breakdown].groupby("geo_code")["value"].sum()
        assert (sums == total.loc[sums.index]).all(), breakdown
    # Flanders = its five provinces; Belgium = the three regions = every active leaf cell once.
    provinces = ["10000", "20001", "30000", "40000", "70000"]
    assert total["02000"] == sum(total[p] for p in provinces)
    assert total["01000"] == total["02000"] + total["03000"] + total["04000"]
    assert total["01000"] == raw.loc[raw.CD_CAS_LVL_1 == "ACT", "n"].sum() == 4_834_060
    assert "04000" in total and not (
        {"BE10", "21000"} & set(total.index)
    )  # Brussels once, as the region
    assert len(total) == 14  # 10 provinces, 3 regions, Belgium


def _corrupt(tmp_path, snapshot_dir, edit) -> Path:
    folder = tmp_path / "snap"
    folder.mkdir()
    df = pd.read_csv(snapshot_dir / HC13, dtype=str, keep_default_na=False)
    edit(df).to_csv(folder / HC13, index=False)
    (folder / CODELIST).write_bytes((snapshot_dir / CODELIST).read_bytes())
    return folder


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        (
            lambda d: d.assign(CD_EDU_LVL_1=d.CD_EDU_LVL_1.replace("ED6", "ED7")),
            "not in the code list",
        ),
        (lambda d: pd.concat([d, d.head(1)]), "double count"),
        (lambda d: d.assign(OBS_VALUE=d.OBS_VALUE.where(d.index != 3, "-5")), "not a count"),
        (lambda d: d.drop(columns="CD_COC_LVL_2"), "missing column"),
    ],
)
def test_broken_files_raise_source_error(tmp_path, snapshot_dir, edit, problem):
    with pytest.raises(SourceError) as exc:
        SOURCE.parse(_corrupt(tmp_path, snapshot_dir, edit))
    assert exc.value.source == "census2011_activity" and problem in exc.value.problem


def test_there_is_no_live_fetch_and_it_says_why(tmp_path):
    with pytest.raises(SourceError, match="census 2011 is final"):
        SOURCE.fetch(make_session(retries=0), tmp_path)


def test_snapshot_is_a_byte_copy_of_shared_data(snapshot_dir):
    shared = ROOT.parent / "shared" / "data" / "statbel_census2011_werbelgium"
    if not shared.exists():
        pytest.skip("shared/data is not beside this checkout")
    for name in (HC13, CODELIST):
        assert snap.sha256(shared / name) == snap.sha256(snapshot_dir / name)
