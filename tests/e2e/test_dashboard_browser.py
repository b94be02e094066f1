"""The internal dashboard in Chromium: what a Policy Group member sees, clicks, links and downloads.

Expected numbers are the hand-checked figures in shared/data/SOURCES.md (Gent 2024: job-seeker
rate 10.8 %, NWWZ 14,576, vacancies received 21,374; census 2011 Arr. Gent in-commuters 35.5 %)
or read from the same DuckDB file the app serves. Screenshots: test-artifacts/e2e/.
"""

from __future__ import annotations

import csv
import re

import duckdb
import pytest
from playwright.sync_api import expect

DEEP_LINK = {"indicator": "jobseekers_nwwz", "geo": ["44021", "11002"], "from": "2020"}
NWWZ = "Werkzoekenden zonder werk (jaargemiddelde)"
RATE = "Werkzoekendengraad (jaargemiddelde)"


def nl_number(text: str) -> float:
    """'14.576' -> 14576, '10,8 %' -> 10.8 (Dutch formatting as the dashboard shows it)."""
    return float(
        text.replace("%", "").replace("\u00a0", "").strip().replace(".", "").replace(",", ".")
    )


def db_value(warehouse, indicator: str, geo: str, period: str) -> float:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(
            "SELECT value FROM observations WHERE indicator_id = ? AND geo_code = ? AND period = ? "
            "AND breakdown = 'total'",
            [indicator, geo, period],
        ).fetchone()[0]
    finally:
        con.close()


def read_download(download) -> list[dict]:
    """The Dutch UI's CSV: Belgian convention (';', decimal comma, UTF-8 with BOM)."""
    with open(download.path(), newline="", encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh, delimiter=";"))


def metric(metrics: dict[str, str], label_start: str) -> str:
    """The value of the one KPI whose label starts with `label_start` (labels carry the year)."""
    found = [v for k, v in metrics.items() if k.startswith(label_start)]
    assert len(found) == 1, (label_start, metrics)
    return found[0]


def test_dashboard_opens_on_the_paradox_with_real_headline_figures(dash):
    dash.open()
    assert dash.title().startswith("Veel jobs in Gent")
    m = dash.metrics()
    assert metric(m, "Werkzoekendengraad Gent 2024") == "10,8 %"
    assert metric(m, "Werkzoekenden zonder werk Gent 2024") == "14.576"
    assert metric(m, "Ontvangen vacatures Gent 2024") == "21.374"
    # the arrondissement (2011) and, since issue 16, the city itself (2011)
    assert [v for k, v in m.items() if "inpendelaars" in k] == ["35,5 %", "61,2 %"]
    # A line chart of the job-seeker rate draws Gent with the same 2024 value as the KPI.
    dash.wait_charts(2)
    rate = [
        c["traces"]
        for c in dash.charts()
        if {"Gent", "Antwerpen", "Genk", "Oostende"} <= set(c["traces"])
        and "2014" in c["traces"]["Gent"]
    ]
    assert rate, [c["title"] for c in dash.charts()]
    assert list(rate[0])[0] == "Gent"
    assert rate[0]["Gent"]["2024"] == pytest.approx(10.8)
    dash.assert_no_exception()
    dash.screenshot("dashboard-paradox")


def test_paradox_in_english_keeps_the_numbers(dash):
    dash.open(lang="en")
    assert dash.title().startswith("Many jobs in Ghent")
    m = dash.metrics()
    assert metric(m, "Job-seeker rate Ghent 2024") == "10.8%"
    assert metric(m, "Job seekers without work Ghent 2024") == "14,576"
    dash.screenshot("dashboard-paradox-en")


def test_sidebar_navigation_reaches_indicatoren_and_bronnen(dash):
    dash.open()
    dash.click_nav("Indicatoren")
    expect(dash.page).to_have_url(re.compile(r"/indicatoren(\?|$)"))
    expect(dash.page.locator("h1").first).to_have_text("Indicatoren verkennen")
    dash.wait_idle()
    dash.wait_charts(1)
    dash.assert_no_exception()

    dash.click_nav("Bronnen")
    expect(dash.page).to_have_url(re.compile(r"/bronnen(\?|$)"))
    expect(dash.page.locator("h1").first).to_have_text("Bronnen")
    dash.wait_idle()
    body = dash.page.locator("[data-testid='stMain']").inner_text()
    assert "Statbel" in body and "VDAB" in body
    assert dash.page.locator("h3").count() >= 6  # one block per source
    dash.assert_no_exception()
    dash.screenshot("dashboard-bronnen")


def test_adding_an_area_updates_chart_and_link(dash, warehouse):
    dash.open("indicatoren", **DEEP_LINK)
    dash.wait_charts(1)
    assert list(dash.chart_traces()) == ["Gent", "Antwerpen"]

    areas = dash.page.get_by_role("combobox", name="Gebieden", exact=True)
    areas.click()
    areas.fill("Genk")
    dash.page.get_by_role("option", name="Genk", exact=True).click()
    dash.page.keyboard.press("Escape")

    # The link now carries Genk (the parameter name is the page's business; the code is ours).
    expect(dash.page).to_have_url(re.compile(r"=71016(&|$)"))
    dash.wait_idle()
    dash.page.wait_for_function(
        "() => document.querySelector('.js-plotly-plot')?._fullData?.some(t => t.name === 'Genk')"
    )
    traces = dash.chart_traces()
    assert list(traces) == ["Gent", "Antwerpen", "Genk"]
    assert traces["Genk"]["2024"] == db_value(warehouse, "jobseekers_nwwz", "71016", "2024")
    assert traces["Gent"]["2024"] == 14_576
    dash.screenshot("dashboard-indicatoren-genk-added")


def test_changing_the_indicator_redraws_the_chart(dash):
    dash.open("indicatoren", **DEEP_LINK)
    dash.wait_charts(1)
    assert dash.chart_traces()["Gent"]["2024"] == 14_576

    indicator = dash.page.get_by_role("combobox", name="Indicator", exact=True)
    indicator.click()
    indicator.fill("Werkzoekendengraad")
    dash.page.get_by_role("option", name=RATE, exact=True).click()

    expect(dash.page).to_have_url(re.compile(r"indicator=jobseeker_rate"))
    dash.wait_idle()
    dash.page.wait_for_function(
        "() => { const t = document.querySelector('.js-plotly-plot')?._fullData?.[0];"
        " return t && Array.from(t.y).every(v => v < 100); }"
    )
    assert dash.chart_traces()["Gent"]["2024"] == pytest.approx(10.8)
    assert dash.page.locator("[data-testid='stMain']").get_by_text(RATE).first.is_visible()


def _assert_deep_link_view(dash) -> None:
    expect(dash.page.get_by_role("combobox", name="Indicator", exact=True)).to_have_value(NWWZ)
    chosen = dash.page.get_by_role("group", name="Selected values").first
    expect(chosen.get_by_role("button", name=re.compile("^Remove "))).to_have_count(2)
    expect(chosen.get_by_role("button", name="Remove Gent", exact=True)).to_be_visible()
    expect(chosen.get_by_role("button", name="Remove Antwerpen", exact=True)).to_be_visible()
    slider = dash.page.locator("[data-testid='stSlider']").first.inner_text()
    assert "2020" in slider and "2024" in slider
    dash.wait_charts(1)
    traces = dash.chart_traces()
    assert list(traces) == ["Gent", "Antwerpen"]
    assert list(traces["Gent"]) == ["2020", "2021", "2022", "2023", "2024"]
    assert traces["Gent"]["2024"] == 14_576


def test_deep_link_reproduces_the_view_after_reload(dash):
    dash.open("indicatoren", **DEEP_LINK)
    _assert_deep_link_view(dash)
    # The page writes the full view back into the URL; that URL must reproduce it too.
    expect(dash.page).to_have_url(re.compile(r"to=2024"))
    shared = dash.page.url
    dash.screenshot("dashboard-indicatoren-deeplink")

    dash.page.reload()
    dash.wait_idle()
    _assert_deep_link_view(dash)
    dash.page.goto(shared)
    dash.wait_idle()
    _assert_deep_link_view(dash)


def test_csv_download_has_the_numbers_in_table_and_chart(dash):
    dash.open("indicatoren", **DEEP_LINK)
    dash.wait_charts(1)
    chart = dash.chart_traces()

    dash.page.locator("[data-testid='stExpander'] summary").first.click()
    table = dash.page.locator("[data-testid='stDataFrame'] table").first
    table.wait_for(state="attached")
    rows = [
        [c.inner_text().strip() for c in tr.locator("th, td").all()]
        for tr in table.locator("tr").all()
    ]
    header = rows[0]
    shown = [dict(zip(header, r, strict=True)) for r in rows[1:]]
    assert len(shown) == 10  # 2 areas x 2020-2024

    with dash.page.expect_download() as info:
        dash.page.locator("[data-testid='stDownloadButton']").filter(has_text="CSV").first.click()
    download = info.value
    assert re.fullmatch(
        r"gsiw-indicator-jobseekers-nwwz-\d{4}-\d{2}-\d{2}\.csv", download.suggested_filename
    )
    csv_rows = {(r["Gebied"], r["Periode"]): float(r["Waarde"].replace(",", ".")) for r in read_download(download)}
    assert len(csv_rows) == len(shown)
    for row in shown:
        area, period, value = row["Gebied"], row["Periode"], row["Waarde"]
        assert csv_rows[(area, period)] == nl_number(value), row
        assert chart[area][period] == csv_rows[(area, period)], row
    assert csv_rows[("Gent", "2024")] == 14_576
    dash.screenshot("dashboard-indicatoren-table")
