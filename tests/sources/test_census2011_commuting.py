"""Census 2011 commuting matrix: real snapshot values, checked against an independent plain-csv reading."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
import responses

from pipelines import snapshot as snap
from pipelines.config import ROOT
from pipelines.http import make_session
from pipelines.source import SourceError
from pipelines.sources.census2011_commuting import FILE
from pipelines.sources.census2011_commuting import RAW_URL
from pipelines.sources.census2011_commuting import SOURCE
from pipelines.validation import validate_indicators
from pipelines.validation import validate_observations

REGIONS = {"01000", "02000", "03000", "04000"}


@pytest.fixture(scope="module")
def plain(snapshot_dir) -> dict[str, dict[str, float]]:
    """The matrix read with the csv module only: {residence: {work: persons}}."""
    with open(snapshot_dir / FILE, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    header = rows[0][1:]
    return {r[0]: {w: float(v) for w, v in zip(header, r[1:], strict=True)} for r in rows[1:]}


def value(obs, indicator, geo, breakdown="total", breakdown_value="total") -> float:
    sel = obs[
        (obs.indicator_id == indicator)
        & (obs.geo_code == geo)
        & (obs.breakdown == breakdown)
        & (obs.breakdown_value == breakdown_value)
    ]
    assert len(sel) == 1, (indicator, geo, breakdown, breakdown_value, len(sel))
    return float(sel["value"].iloc[0])


def test_snapshot_verifies_and_validates(snapshot_dir, obs, known_geos):
    snap.verify(SOURCE, snapshot_dir)
    validate_indicators(SOURCE)
    validate_observations(SOURCE, obs, file=str(snapshot_dir), known_geos=known_geos)
    assert {i.id for i in SOURCE.indicators} == set(obs.indicator_id)
    assert set(obs.period) == {"2011"}
    assert {str(d) for d in obs.ref_date} == {"2011-01-01"}


def test_gent_diagonal_and_totals_match_plain_csv(obs, plain):
    gent = "44000"
    assert value(obs, "commuters", gent, "residence", gent) == 160_470
    column = sum(plain[home][gent] for home in plain)
    row = sum(plain[gent].values())
    diag = plain[gent][gent]
    assert column == 248_840  # hand-checked
    assert value(obs, "employed_at_workplace", gent) == column
    assert value(obs, "employed_residents", gent) == row
    assert value(obs, "in_commuters", gent) == column - diag == 88_370
    assert value(obs, "out_commuters", gent) == row - diag
    assert value(obs, "in_commuter_share", gent) == pytest.approx((column - diag) / column * 100)
    assert value(obs, "in_commuter_share", gent) == pytest.approx(35.51, abs=0.01)
    assert value(obs, "out_commuter_share", gent) == pytest.approx((row - diag) / row * 100)


def test_flows_are_oriented_residence_to_work(obs, plain):
    # Gent residents working in Arr. Brussel-Hoofdstad: row 44000, column 21000.
    assert value(obs, "commuters", "21000", "residence", "44000") == plain["44000"]["21000"]
    assert plain["44000"]["21000"] != plain["21000"]["44000"]


def test_no_double_counting(obs, plain):
    flows = obs[obs.indicator_id == "commuters"]
    assert len(flows) == len(plain) ** 2 == 43 * 43
    total = sum(sum(r.values()) for r in plain.values())
    assert flows["value"].sum() == total
    arr = obs[(obs.indicator_id == "employed_at_workplace") & ~obs.geo_code.isin(REGIONS)]
    assert len(arr) == 43
    assert arr["value"].sum() == total
    # Belgium is the sum of the arrondissements, and equals the sum of the three regions.
    assert value(obs, "employed_at_workplace", "01000") == total
    regions = sum(value(obs, "employed_at_workplace", r) for r in ("02000", "03000", "04000"))
    assert regions == total
    # Belgium: the census counts residents of Belgium only, so it has no in-commuters to show
    row = obs[(obs.indicator_id == "in_commuter_share") & (obs.geo_code == "01000")].iloc[0]
    assert pd.isna(row["value"]) and row["status"] == "not_applicable"


def test_regions_count_in_commuters_from_outside_the_region(obs, plain):
    """Issue 14, item 7: the Flemish Region's in-commuting is from outside the region (4.4 %), not the
    33.6 % of commuting between its own arrondissements."""
    flemish = [c for c in plain if c.startswith(("1", "23", "24", "3", "4", "7"))]
    assert len(flemish) == 22
    jobs = sum(plain[h][w] for h in plain for w in flemish)
    incoming = sum(plain[h][w] for h in plain for w in flemish if h not in flemish)
    assert value(obs, "employed_at_workplace", "02000") == jobs
    assert value(obs, "in_commuters", "02000") == incoming
    assert value(obs, "in_commuter_share", "02000") == pytest.approx(incoming / jobs * 100)
    assert round(value(obs, "in_commuter_share", "02000"), 1) == 4.4
    assert value(obs, "employed_at_workplace", "04000") == sum(plain[h]["21000"] for h in plain)
    # Regions only carry the three workplace indicators.
    region_inds = set(obs[obs.geo_code.isin(REGIONS)].indicator_id)
    assert region_inds == {"employed_at_workplace", "in_commuters", "in_commuter_share"}


def _corrupt(tmp_path: Path, snapshot_dir: Path, edit) -> Path:
    folder = tmp_path / "snap"
    folder.mkdir()
    with open(snapshot_dir / FILE, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    edit(rows)
    with open(folder / FILE, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    return folder


def _drop_last_row(rows):
    del rows[-1]


def _drop_column(rows):
    for r in rows:
        del r[5]


def _negative(rows):
    rows[3][7] = "-12.0"


def _text(rows):
    rows[2][2] = "n/a"


def _renamed_column(rows):
    rows[0][4] = "99000"


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        (_drop_last_row, "not square"),
        (_drop_column, "not square"),
        (_negative, "negative value"),
        (_text, "non-numeric"),
        (_renamed_column, "codes differ"),
    ],
)
def test_corrupted_matrix_raises_source_error(tmp_path, snapshot_dir, edit, problem):
    folder = _corrupt(tmp_path, snapshot_dir, edit)
    with pytest.raises(SourceError) as exc:
        SOURCE.parse(folder)
    assert exc.value.source == "census2011_commuting"
    assert exc.value.file == str(folder / FILE)
    assert problem in exc.value.problem


@responses.activate
def test_live_fetch_downloads_the_pinned_csv(tmp_path, snapshot_dir):
    body = (snapshot_dir / FILE).read_bytes()
    responses.add(responses.GET, RAW_URL, body=body, content_type="text/plain; charset=utf-8")
    dest = tmp_path / "fetched"
    dest.mkdir()
    files = SOURCE.fetch(make_session(retries=0), dest)
    assert [f.name for f in files] == [FILE]
    assert files[0].read_bytes() == body
    assert value(SOURCE.parse(dest), "in_commuters", "44000") == 88_370


@responses.activate
def test_live_fetch_failure_is_a_source_error(tmp_path):
    responses.add(responses.GET, RAW_URL, status=404)
    with pytest.raises(SourceError) as exc:
        SOURCE.fetch(make_session(retries=0), tmp_path)
    assert exc.value.source == "census2011_commuting"
    assert "404" in exc.value.problem


def test_snapshot_is_a_byte_copy_of_shared_data(snapshot_dir):
    shared = ROOT.parent / "shared" / "data" / "ugent_covid19_census2011" / FILE
    if not shared.exists():
        pytest.skip("shared/data is not beside this checkout")
    assert snap.sha256(shared) == snap.sha256(snapshot_dir / FILE)
