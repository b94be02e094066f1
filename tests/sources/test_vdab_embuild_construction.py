"""vdab_embuild_construction: the real snapshot, hand-checked months, no future months, fetch and failures."""

from __future__ import annotations

import csv
from datetime import date

import pytest
import responses

from pipelines import snapshot as snap
from pipelines.config import ROOT
from pipelines.http import make_session
from pipelines.source import SourceError
from pipelines.sources.vdab_embuild_construction import FILE
from pipelines.sources.vdab_embuild_construction import INDICATOR
from pipelines.sources.vdab_embuild_construction import SOURCE
from pipelines.sources.vdab_embuild_construction import URL
from pipelines.validation import validate_indicators
from pipelines.validation import validate_observations


def value(obs, period: str) -> float:
    sel = obs[obs.period == period]
    assert len(sel) == 1, period
    return float(sel["value"].iloc[0])


@pytest.mark.parametrize(
    ("period", "expected"),
    # Read by hand in shared/data/vdab_arvastat_embuild/monthly_totals.csv (column vacatures).
    [
        ("2016-01", 1062),
        ("2016-03", 1828),
        ("2020-04", 854),
        ("2020-09", 1905),
        ("2026-02", 1553),
        ("2026-04", 1414),
    ],
)
def test_hand_checked_months(obs, period, expected):
    assert value(obs, period) == expected


def test_shape_dates_and_validation(obs, snapshot_dir, known_geos):
    validate_indicators(SOURCE)
    validate_observations(SOURCE, obs, file=str(snapshot_dir), known_geos=known_geos)
    assert set(obs.indicator_id) == {INDICATOR} and set(obs.geo_code) == {"02000"}
    assert len(obs) == 124 and obs.period.min() == "2016-01" and obs.period.max() == "2026-04"
    assert (
        str(obs.loc[obs.period == "2020-02", "ref_date"].iloc[0]) == "2020-02-29"
    )  # last day, leap year
    assert (obs.ref_date <= date.today()).all()  # no month in the future
    assert obs.status.isna().all()


def test_every_month_matches_an_independent_reading(obs, snapshot_dir):
    with open(snapshot_dir / FILE, newline="", encoding="utf-8") as fh:
        plain = {r["period_end"][:7]: float(r["vacatures"]) for r in csv.DictReader(fh)}
    assert dict(zip(obs.period, obs.value, strict=True)) == plain


def test_a_future_month_is_refused(tmp_path, snapshot_dir):
    text = (snapshot_dir / FILE).read_text(encoding="utf-8")
    (tmp_path / FILE).write_text(
        text + "2099-01-31,2099,1,januari 2099,Jan 2099,1000\n", encoding="utf-8"
    )
    with pytest.raises(SourceError, match="in the future: \\['2099-01'\\]"):
        SOURCE.parse(tmp_path)


HEADER = "period_end,period_year,period_month,period_label,period_short,vacatures\n"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("period_end,vacatures\n2016-01-31,1\n", "missing column"),
        (HEADER + "2016-01-30,2016,1,januari 2016,Jan 2016,1\n", "not the last day"),
        (HEADER + "2016-01-31,2016,2,januari 2016,Jan 2016,1\n", "disagree"),
        (HEADER + "2016-01-31,2016,1,januari 2016,Jan 2016,-5\n", "not a whole number"),
        (HEADER + "2016-01-31,2016,1,a,b,1\n2016-01-31,2016,1,a,b,2\n", "listed twice"),
        (HEADER, "no rows"),
    ],
)
def test_broken_file_raises_source_error(tmp_path, text, problem):
    (tmp_path / FILE).write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as exc:
        SOURCE.parse(tmp_path)
    assert exc.value.source == "vdab_embuild_construction"
    assert exc.value.file == str(tmp_path / FILE)
    assert problem in exc.value.problem


@responses.activate
def test_fetch_downloads_the_pinned_file(tmp_path, snapshot_dir):
    # The snapshot is a byte copy of the file at this commit URL, so it stands in for the recorded response.
    assert URL.startswith(
        "https://raw.githubusercontent.com/gehuybre/embuild-analyses/8afffc632400d468"
    )
    body = (snapshot_dir / FILE).read_bytes()
    responses.add(responses.GET, URL, body=body, content_type="text/plain; charset=utf-8")
    files = SOURCE.fetch(make_session(retries=0), tmp_path)
    assert [f.name for f in files] == [FILE] and files[0].read_bytes() == body


@responses.activate
def test_fetch_refuses_a_changed_file(tmp_path):
    responses.add(responses.GET, URL, body=b"month;count\n2016-01;1\n", content_type="text/plain")
    with pytest.raises(SourceError, match="missing column"):
        SOURCE.fetch(make_session(retries=0), tmp_path)


def test_snapshot_is_a_byte_copy_of_shared_data(snapshot_dir):
    shared = ROOT.parent / "shared" / "data" / "vdab_arvastat_embuild" / FILE
    if not shared.exists():
        pytest.skip("shared/data is not beside this checkout")
    assert snap.sha256(shared) == snap.sha256(snapshot_dir / FILE)
