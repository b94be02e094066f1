"""Issue 14: the wrong or misleading numbers a new user found, each pinned on the real warehouse.

Each test asserts what a Policy Group member reads (a caption, a chart trace, a table cell, a
downloaded file) and failed on the code before the trust pass. The general guards for the same
classes of defect are in tests/test_screen_text.py (every page) and tests/e2e/test_projector.py.
"""

from __future__ import annotations

import io
import json

import openpyxl
import pandas as pd
import pytest

from dashboard import charts
from dashboard import exports
from dashboard.i18n import fmt_change
from dashboard.i18n import fmt_published
from dashboard.i18n import period_label
from tests.app_support import run_page


@pytest.fixture
def policy_db(use_warehouse, tmp_path, monkeypatch):
    monkeypatch.setenv("GSIW_POLICY_DB", str(tmp_path / "policy.sqlite"))


def _figures(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def _title(fig: dict) -> str:
    return (fig["layout"].get("title") or {}).get("text", "").replace("<br>", " ")


def test_1_published_jobratio_is_shown_as_published_with_its_own_definition(use_warehouse):
    at = run_page(geo=["44021", "35013", "02000"])  # Gent, Oostende and the Flemish Region
    note = next(c.value for c in at.caption if c.value.startswith("Gepubliceerde jobratio"))
    assert "Gent 2021: 122 (Stad Gent, jobs per 100 inwoners, leeftijdsgroep niet vermeld)" in note
    assert "Oostende 2012: 77,6 (" in note and "Vlaams Gewest 2012: 67,7 (" in note
    assert "12.200" not in note and "7.760" not in note  # never multiplied by 100
    assert note.count("15-64 jaar") == 2  # only the two Stadsmonitor figures state an age band
    assert (
        fmt_published(122.0, "ratio", "nl") == "122" and fmt_published(7.88, "%", "nl") == "7,88 %"
    )


def test_2_period_labels_follow_the_indicator(use_warehouse):
    assert period_label("2024", "annual_average", "nl") == "jaargemiddelde 2024"
    assert period_label("2024", "year_end", "nl") == "31/12/2024"
    assert period_label("2025", "year_start", "en") == "1/1/2025"
    assert period_label("2011", "census", "nl") == "1/1/2011 (census)"
    assert period_label("2024-05", "month", "nl") == "mei 2024"


def test_3_separate_publications_are_not_one_trend_line(policy_db):
    at = run_page("views/doelstellingen.py", plan="arbeidspact-2019")
    lines = [tr for fig in _figures(at) for tr in fig["data"] if "lines" in (tr.get("mode") or "")]
    for tr in lines:  # a line only within one series, one kind of period
        assert len({len(str(x)) for x in tr["x"]}) == 1, tr["x"]
        assert "published_figures" not in tr["meta"].get("source_id", []), tr["name"]
    markers = [tr for fig in _figures(at) for tr in fig["data"] if tr.get("mode") == "markers"]
    assert any({"2019", "2019-07"} <= {str(x) for t in markers for x in t["x"]} for _ in [0])


def test_3_chart_builders_never_join_publications():
    df = pd.DataFrame(
        {
            "geo_name": ["Gent"] * 3,
            "period": ["2011-05", "2017", "2019-07"],
            "value": [9.4, 8.0, 9.4],
            "source_id": ["published_figures"] * 3,
        }
    )
    fig = charts.line_chart(df, title="x", unit="%")
    assert all(tr.mode == "markers" for tr in fig.data)
    one = df.assign(period=["2017", "2018", "2019"], source_id="vdab_jobseekers")
    assert charts.line_chart(one, title="x", unit="%").data[0].mode == "lines+markers"


def test_4_rate_changes_are_in_percentage_points():
    assert fmt_change(10.8 - 9.9, "%", "nl") == "+0,9 procentpunt"
    assert fmt_change(-0.04, "%", "nl") == "0,0 procentpunt"  # no sign on a change shown as zero
    assert fmt_change(9.09, "rel%", "en") == "+9.1%"


def test_6_a_row_names_the_geography_its_number_belongs_to(use_warehouse):
    at = run_page()
    pair = next(f for f in _figures(at) if _title(f).startswith("Banen in het gebied"))
    labels = {str(y) for tr in pair["data"] for y in tr["y"]}
    assert "Genk · jobs: Arrondissement Hasselt" in labels and "Genk" not in labels


def test_7_the_region_counts_in_commuting_from_outside_the_region(use_warehouse):
    at = run_page("views/pendel.py")
    text = " ".join(str(df.value.to_csv()) for df in at.dataframe) + " ".join(
        m.value for m in at.markdown
    )
    assert "33,6" not in text
    from tests.test_public import all_text
    from tests.test_public import run_public

    public = all_text(run_public())
    assert "Vlaams Gewest: 33,6 %" not in public and "Vlaams Gewest: 4,4 %" in public


def test_8_public_page_counts_persons_employed_not_jobs(use_warehouse):
    from tests.test_public import all_text
    from tests.test_public import run_public

    text = all_text(run_public())
    assert "jobs per 100" not in text and "werkenden per 100 Gentenaars" in text


def test_9_every_time_axis_is_chronological(use_warehouse):
    at = run_page(
        "views/indicators.py", indicator="pub_stadsmonitor_jobratio", geo=["44021", "35013"]
    )
    fig = _figures(at)[0]
    order = fig["layout"]["xaxis"].get("categoryarray")
    assert order == sorted(order) and order[0] == "2012"


def test_exports_follow_the_belgian_convention_in_dutch():
    df = pd.DataFrame(
        {
            "Gebied": ["Gent", "Liège"],
            "Periode": ["2018", "2018"],
            "Banen per 100 inwoners": [46.58600430569065, 2.699999999999999],
            "Aantal": [21374.0, 10.0],
        }
    )
    frame = exports.export_frame(
        df, {"Banen per 100 inwoners": "ratio"}, "nl", source="Eurostat", period="2018"
    )
    data = exports.to_csv(frame, exports.dialect_for("nl"))
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert (
        lines[0] == "Gebied;Periode;Banen per 100 inwoners (verhouding);Aantal;Bron"
    )  # its own Periode kept
    assert lines[1] == "Gent;2018;46,59;21374;Eurostat"  # rounded as shown, decimal comma
    assert lines[2] == "Liège;2018;2,7;10;Eurostat"
    assert (
        exports.to_csv(frame, exports.dialect_for("en"))
        .decode("utf-8-sig")
        .splitlines()[1]
        .startswith("Gent,2018,46.59,")
    )
    book = openpyxl.load_workbook(io.BytesIO(exports.to_excel(frame, {"Bron": "Eurostat"})))
    cell = book["data"]["C2"]
    assert cell.value == 46.59 and cell.number_format == "#,##0.00"
    assert book["data"]["D2"].number_format == "#,##0"
