"""vdab_jobseekers: the real snapshot parses to the values hand-checked in shared/data/SOURCES.md §6."""

from __future__ import annotations

import math
import warnings

import openpyxl
import pandas as pd
import pytest
import responses

from pipelines import nis
from pipelines.breakdowns import VOCABULARY
from pipelines.http import make_session
from pipelines.source import OBSERVATION_COLUMNS
from pipelines.source import SourceError
from pipelines.sources.vdab_jobseekers import FILE
from pipelines.sources.vdab_jobseekers import SOURCE
from pipelines.validation import validate_observations

GENT, ANTWERPEN, GENK, OOSTENDE = "44021", "11002", "71016", "35013"


def value(df, indicator, geo, period, breakdown="total", breakdown_value="total"):
    hit = df[
        (df["indicator_id"] == indicator)
        & (df["geo_code"] == geo)
        & (df["period"] == period)
        & (df["breakdown"] == breakdown)
        & (df["breakdown_value"] == breakdown_value)
    ]
    assert len(hit) == 1, f"{indicator} {geo} {period} {breakdown}={breakdown_value}: {len(hit)} rows"
    return hit["value"].iloc[0]


def test_shape_of_the_output(obs):
    assert list(obs.columns) == OBSERVATION_COLUMNS
    assert set(obs["indicator_id"]) == {i.id for i in SOURCE.indicators}
    assert obs["geo_code"].nunique() == 285  # every Flemish municipality, 2025 boundaries; rest rows skipped
    assert sorted(obs["period"].unique()) == [str(y) for y in range(2014, 2025)]
    assert (pd.to_datetime(obs["ref_date"]).dt.strftime("%m-%d") == "12-31").all()


@pytest.mark.parametrize(
    ("indicator", "geo", "period", "expected"),
    [
        ("jobseeker_rate", GENT, "2014", 14.4),
        ("jobseeker_rate", GENT, "2019", 10.8),
        ("jobseeker_rate", GENT, "2022", 8.9),
        ("jobseeker_rate", GENT, "2024", 10.8),
        ("jobseekers_nwwz", GENT, "2014", 16931),
        ("jobseekers_nwwz", GENT, "2022", 11689),
        ("jobseekers_nwwz", GENT, "2024", 14576),
        ("jobseekers_wzw", GENT, "2024", 13268),
        ("jobseeker_rate", ANTWERPEN, "2014", 17.1),
        ("jobseeker_rate", ANTWERPEN, "2024", 14.1),
        ("jobseeker_rate", GENK, "2014", 14.3),
        ("jobseeker_rate", GENK, "2024", 9.2),
        ("jobseeker_rate", OOSTENDE, "2014", 14.2),
        ("jobseeker_rate", OOSTENDE, "2024", 12.8),
    ],
)
def test_hand_checked_totals(obs, indicator, geo, period, expected):
    assert value(obs, indicator, geo, period) == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize(("origin", "expected"), [("belgian", 4592), ("eu_excl_belgian", 2471), ("non_eu", 6205)])
def test_gent_wzw_by_origin_2024(obs, origin, expected):
    assert value(obs, "jobseekers_wzw", GENT, "2024", "origin", origin) == expected


def test_breakdowns_are_kept_apart_from_the_total(obs):
    """The total stays the published total: breakdown rows are never summed into it."""
    parts = obs[
        (obs["indicator_id"] == "jobseekers_wzw") & (obs["geo_code"] == GENT) & (obs["period"] == "2024")
    ]
    assert value(obs, "jobseekers_wzw", GENT, "2024") == 13268
    for breakdown in ("nationality", "origin", "residence_prev_year", "residence_next_year"):
        assert len(parts[parts["breakdown"] == breakdown]) == 3
    assert parts.loc[parts["breakdown"] == "origin", "value"].sum() == 13268  # complete breakdown


def test_rates_are_stored_as_percent(obs):
    rates = obs[obs["indicator_id"].isin(["jobseeker_rate", "jobseekers_wzw_rate"])]["value"].dropna()
    assert rates.max() > 1 and rates.max() <= 100
    assert value(obs, "jobseeker_rate", GENT, "2024", "sex", "men") > 1


def test_hidden_values_are_never_zero(obs):
    hidden = obs[obs["status"] == "hidden"]
    assert len(hidden) > 0
    assert hidden["value"].isna().all()
    coded = obs[obs["status"].notna()]
    assert coded["value"].isna().all()
    assert obs.loc[obs["status"].isna(), "value"].notna().all()


def test_no_value_cell_keeps_its_status(obs):
    herstappe = nis.municipality_codes_2025()["Herstappe"]
    row = obs[
        (obs["indicator_id"] == "jobseekers_nwwz") & (obs["geo_code"] == herstappe) & (obs["period"] == "2014")
    ]
    assert row["status"].tolist() == ["no_value"]
    assert math.isnan(row["value"].iloc[0])


def test_wzw_starts_in_2015(obs):
    wzw = obs[obs["indicator_id"].isin(["jobseekers_wzw", "jobseekers_wzw_rate"])]
    assert wzw["period"].min() == "2015"


def test_every_breakdown_value_has_a_label(obs):
    labelled = {(b.breakdown, b.value) for b in VOCABULARY}
    used = set(map(tuple, obs[["breakdown", "breakdown_value"]].drop_duplicates().to_numpy()))
    assert used <= labelled


def test_output_passes_validation(obs, known_geos):
    validate_observations(SOURCE, obs, file="snapshot", known_geos=known_geos)


@responses.activate
def test_default_fetch_downloads_the_raw_file(tmp_path, snapshot_dir, obs):
    body = (snapshot_dir / FILE).read_bytes()
    url = SOURCE.files[0].url
    assert url.startswith("https://raw.githubusercontent.com/NetBeck22/education/18621b65")
    responses.add(responses.GET, url, body=body, status=200, content_type="application/octet-stream")
    written = SOURCE.fetch(make_session(retries=0), tmp_path)
    assert written == [tmp_path / FILE]
    assert (tmp_path / FILE).read_bytes() == body
    pd.testing.assert_frame_equal(SOURCE.parse(tmp_path), obs)


def _corrupt(snapshot_dir, tmp_path, edit) -> None:
    """A copy of the real export with one deliberate change, written where parse() will look."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Workbook contains no default style"
        wb = openpyxl.load_workbook(snapshot_dir / FILE)
    edit(wb.active)
    wb.save(tmp_path / FILE)


def test_missing_year_row_is_refused(snapshot_dir, tmp_path):
    _corrupt(snapshot_dir, tmp_path, lambda ws: ws.delete_rows(3))
    with pytest.raises(SourceError) as err:
        SOURCE.parse(tmp_path)
    assert "vdab_jobseekers" in str(err.value) and FILE in str(err.value)
    assert "row 3" in str(err.value)


def test_unknown_code_is_refused_with_the_cell(snapshot_dir, tmp_path):
    def edit(ws):
        ws["C5"] = "abc"

    _corrupt(snapshot_dir, tmp_path, edit)
    with pytest.raises(SourceError) as err:
        SOURCE.parse(tmp_path)
    msg = str(err.value)
    assert "vdab_jobseekers" in msg and FILE in msg and "C5" in msg and "'abc'" in msg


def test_unmatched_municipality_is_named(snapshot_dir, tmp_path):
    def edit(ws):
        for row in ws.iter_rows(min_col=1, max_col=1):
            if row[0].value == "Gent":
                row[0].value = "Gent (stad)"

    _corrupt(snapshot_dir, tmp_path, edit)
    with pytest.raises(SourceError, match=r"Gent \(stad\)") as err:
        SOURCE.parse(tmp_path)
    assert FILE in str(err.value)
