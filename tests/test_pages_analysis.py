"""The analysis pages under AppTest on the real warehouse: the numbers a Policy Group member reads.

Each page is opened the way a browser does (the app with a URL), and the tests assert the figures in
metric cards, tables ("show as table") and chart traces. Every indicator these pages use ships
with the repository, so each test asserts the real figure; a modified copy of the warehouse
(`trimmed_warehouse`) pins the page's "no data" sentences.
"""

from __future__ import annotations

import base64
import io
import itertools
import json
import shutil

import duckdb
import numpy as np
import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.filters import Filters
from dashboard.filters import clamp
from dashboard.filters import resolve
from pipelines.config import ROOT
from pipelines.summaries import summarise
from tests.app_support import record_downloads

APP = str(ROOT / "dashboard" / "app.py")


def open_page(page: str | None = None, **params) -> AppTest:
    """Like a browser opening /<page>?params: one run of the app, straight on that page, with that URL.

    (Before the first run AppTest finds a page by its file name, which for these pages is also their
    URL path; the explorer, whose path differs, is reached through the home page as in test_dashboard.)
    """
    at = AppTest.from_file(APP, default_timeout=120)
    for k, v in params.items():
        at.query_params[k] = v
    if page == "views/indicators.py":
        at.run()
    if page:
        at.switch_page(page)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [t.value for t in at.title]
    parts += [i.value for i in at.info] + [w.value for w in at.warning] + [s.value for s in at.subheader]
    return "\n".join(str(p) for p in parts)


def figures(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def values(array) -> list:
    """A trace's numbers as a list; plotly sends numeric arrays as base64 typed arrays."""
    if isinstance(array, dict) and "bdata" in array:
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=np.dtype(array["dtype"])).tolist()
    return list(array)


def figure(at: AppTest, title_start: str) -> dict:
    for fig in figures(at):
        title = fig["layout"].get("title", {}).get("text", "").replace("<br>", " ")
        if title.startswith(title_start):
            return fig
    raise AssertionError(f"no chart titled {title_start!r}: {[f['layout'].get('title') for f in figures(at)]}")


def table(at: AppTest, key: str):
    """Flip the panel's "show as table" toggle and return the table it shows."""
    at.toggle(key=f"{key}_as_table").set_value(True).run()
    assert not at.exception, [e.message for e in at.exception]
    return at.dataframe[0].value


@pytest.fixture(scope="module")
def trimmed_warehouse(warehouse, tmp_path_factory):
    """A copy of the real warehouse without the indicators other sources add, and with one concept
    shared on purpose: the state of a fresh clone before those sources land, on a real DuckDB file."""
    path = tmp_path_factory.mktemp("trimmed") / "gsiw.duckdb"
    shutil.copy(warehouse, path)
    con = duckdb.connect(str(path))
    gone = ["jobs_per_100_inhabitants", "jobratio_15_64", "jobs_at_workplace", "jobseekers_per_open_vacancy",
            "census_unemployment_rate"]
    con.execute("DELETE FROM observations WHERE list_contains(?, indicator_id)", [gone])
    con.execute("DELETE FROM indicators WHERE list_contains(?, indicator_id)", [gone])
    summarise(con)  # the summary tables follow the trimmed observations, as after a build
    # Two definitions of one concept, so the explorer's warning can be checked on municipal data.
    con.execute("UPDATE indicators SET concept = 'unemployment_rate' WHERE indicator_id = 'jobseekers_wzw_rate'")
    con.close()
    return path


@pytest.fixture
def served_files(monkeypatch):
    """Every file a download button offers, by file name: the bytes a user would save."""
    return record_downloads(monkeypatch)


# --- The shared filter model (pure) -------------------------------------------------------------

def test_resolve_prefers_the_url_then_the_session_then_defaults():
    geos, years = ["44021", "11002", "71016", "02000"], [str(y) for y in range(2014, 2025)]
    url = {"geo": ["11002"], "compare": ["44021", "99999"], "from": ["2018"], "to": ["2022"]}
    f = resolve(url, {"geo": ["71016"]}, geos=geos, periods=years, default_geo="44021")
    assert (f.geo, f.compare, f.period_from, f.period_to) == ("11002", ("44021",), "2018", "2022")
    f = resolve({}, {"geo": ["71016"], "compare": [""]}, geos=geos, periods=years, default_geo="44021",
                default_compare=["11002"])
    assert (f.geo, f.compare) == ("71016", ())  # an emptied comparison stays empty
    f = resolve({}, None, geos=geos, periods=years, default_geo="44021", default_compare=["11002", "44021"])
    assert (f.geo, f.compare, f.period) == ("44021", ("11002",), "2014–2024")
    # Older explorer links repeat geo: the first is the focus, the others are compared.
    f = resolve({"geo": ["44021", "11002"]}, None, geos=geos, periods=years, default_geo="71016")
    assert f.areas == ["44021", "11002"]
    assert Filters("44021", ("11002",), "2018", "2024").params() == {
        "geo": "44021", "compare": ["11002"], "from": "2018", "to": "2024"}


def test_periods_outside_a_page_are_clamped_not_refused():
    years = ["2014", "2015", "2016"]
    assert clamp(years, "2000", "2030") == ("2014", "2016")
    assert clamp(years, "2015", None) == ("2015", "2016")
    assert clamp(years, "2016", "2014") == ("2014", "2016")
    assert clamp([], "2015", "2016") == (None, None)


# --- De paradox -------------------------------------------------------------------------------

def test_paradox_shows_headlines_jobs_next_to_rates_and_origin(use_warehouse):
    at = open_page()
    m = metrics(at)
    assert m["Werkzoekendengraad Gent 2024"] == "10,8 %"
    assert m["Ontvangen vacatures Gent 2024"] == "21.374"
    assert m["Jobs Arrondissement Gent: inpendelaars (2011)"] == "35,5 %"
    assert at.metric[0].delta.startswith("+0,9 procentpunt")  # change vs 2023 (9,9 %)
    pair = figure(at, "Banen in het gebied en werkzoekendengraad")  # derived jobs_per_100_inhabitants ships
    jobs, rates = pair["data"]
    # each row names the geography of its numbers: the jobs figure is the arrondissement's (issue 14, item 6)
    assert rates["y"][:4] == ["Gent · jobs: Arrondissement Gent", "Antwerpen · jobs: Arrondissement Antwerpen",
                              "Genk · jobs: Arrondissement Hasselt", "Oostende · jobs: Arrondissement Oostende"]
    assert rates["text"][:4] == ["10,8 %", "14,1 %", "9,2 %", "12,8 %"]
    assert len(rates["y"]) == 4  # the Flemish Region has no VDAB rate: not a default comparison area
    assert "alle leeftijden" in pair["layout"]["title"]["subtitle"]["text"]
    assert "Geen gegevens voor banen per 100 inwoners" not in texts(at)
    origin = figure(at, "Gent: werkzoekenden zonder werk naar herkomst")
    non_eu = next(tr for tr in origin["data"] if tr["name"] == "Niet-EU-herkomst")
    assert non_eu["text"][-1] == "6.205"
    commute = table(at, "commute")
    row = commute[commute["Gebied"] == "Arrondissement Gent"].iloc[0]
    assert row["Jobs in het gebied"] == "248.840" and row["Aandeel inkomende pendelaars"] == "35,5 %"
    body = texts(at)
    assert "Bron: VDAB" in body and "census 1 januari 2011" in body


def test_paradox_without_the_jobs_source_says_so(trimmed_warehouse, monkeypatch):
    monkeypatch.setenv("GSIW_WAREHOUSE", str(trimmed_warehouse))
    at = open_page()
    body = texts(at)
    assert "Geen gegevens voor banen per 100 inwoners (jobratio) in periode 2014–2024" in body
    assert "Geen gegevens voor werkzoekenden naar opleidingsniveau in Gent" in body
    assert metrics(at)["Werkzoekendengraad Gent 2024"] == "10,8 %"


def test_paradox_education_from_the_census_when_loaded(use_warehouse):
    at = open_page()
    assert "Geen gegevens voor werkzoekenden naar opleidingsniveau" not in texts(at)  # census2011_activity ships
    fig = figure(at, "Werkloosheidsgraad naar opleiding – Provincie Oost-Vlaanderen")
    assert fig["data"][0]["y"][0] == "Laaggeschoold" and fig["data"][0]["text"][0] == "9,3 %"


def test_paradox_deep_link_focus_and_period(use_warehouse):
    at = open_page(geo="11002", compare=["44021"], **{"from": "2018", "to": "2022"})
    assert at.selectbox(key="flt_geo").value == "11002"
    assert at.multiselect(key="flt_compare").value == ["44021"]
    assert at.select_slider(key="flt_period").value == ("2018", "2022")
    m = metrics(at)
    assert m["Werkzoekendengraad Antwerpen 2022"] == "12,0 %"
    rate = figure(at, "Werkzoekendengraad: Antwerpen")
    assert [tr["name"] for tr in rate["data"]] == ["Antwerpen", "Gent"]
    assert values(rate["data"][0]["x"]) == ["2018", "2019", "2020", "2021", "2022"]
    # The URL now describes the view, so a reload reproduces it.
    assert at.query_params["geo"] in ("11002", ["11002"])
    assert at.query_params["to"] in ("2022", ["2022"])


def test_paradox_in_english(use_warehouse):
    at = open_page(lang="en")
    m = metrics(at)
    assert m["Job-seeker rate Ghent 2024"] == "10.8%"
    assert m["Vacancies received Ghent 2024"] == "21,374"


def test_paradox_city_level_jobs_and_in_commuting_with_source(use_warehouse):
    """Issue 16: Gent's own census 2011 jobs and in-commuting (SOURCES.md §10), not the arrondissement's."""
    at = open_page()
    m = metrics(at)
    assert m["Werkenden met hun werkplaats in Gent (census 2011)"] == "158.673"
    assert m["Jobs in Gent ingevuld door inpendelaars (2011)"] == "61,2 %"  # 96,641 / (96,641 + 61,228)
    assert m["Werkende inwoners van Gent die elders werken (2011)"] == "39,6 %"
    assert m["Werkenden op de werkplaats per 100 inwoners van 15-64 jaar, Gent (2011)"] == "95,59"  # 158,673 / 165,998
    assert m["Werkzaamheidsgraad 15-64 jaar, Gent (census 2021)"] == "69,3 %"
    assert m["Administratieve werkloosheidsgraad 15-64 jaar, Gent (2024)"] == "8,2 %"
    # The residents' job-seeker rate beside the city's own jobs, areas in the filter's order.
    pair = figure(at, "Jobs in de gemeente (2011) naast de werkzoekendengraad")
    jobs, rates = pair["data"]
    assert jobs["y"][:4] == ["Gent", "Antwerpen", "Genk", "Oostende"]
    assert jobs["text"][0] == "64,11" and rates["text"][0] == "10,8 %"
    split = table(at, "city_commute")
    gent = split[split["Gebied"] == "Gent"].iloc[0]
    assert gent["Werkenden met werkplaats in de gemeente"] == "158.673"
    assert gent["Ingevuld door inpendelaars"] == "96.641"
    assert gent["Ingevuld door inwoners van de gemeente"] == "61.228"
    body = texts(at)
    assert "Gemeente, niet het arrondissement" in body
    assert "Statbel (census 2011)" in body  # the source caption of the city figures
    # The arrondissement series stays, labelled as the arrondissement.
    assert m["Jobs Arrondissement Gent: inpendelaars (2011)"] == "35,5 %"


def test_paradox_job_seekers_by_age_and_urban_audit_residents(use_warehouse):
    at = open_page()
    age = figure(at, "Gent: werkzoekendengraad naar leeftijd (2024)")
    assert age["data"][0]["text"][0] == "20,7 %"
    ua = figure(at, "Werkloze inwoners (Urban Audit)")
    gent = next(tr for tr in ua["data"] if tr["name"] == "Gent")
    assert values(gent["x"])[0] == "2015" and values(gent["y"])[0] == 10_236
    assert "Eurostat Urban Audit: inwoners naar woonplaats, geen jobs" in texts(at)
    c21 = table(at, "c21")
    assert c21[c21["Gebied"] == "Gent"].iloc[0]["Werkloosheidsgraad 15-64 jaar (census 2021)"] == "8,2 %"


def test_paradox_city_level_in_english(use_warehouse):
    at = open_page(lang="en")
    m = metrics(at)
    assert m["Persons working in Ghent (census 2011)"] == "158,673"
    assert m["Jobs in Ghent held by in-commuters (2011)"] == "61.2%"
    assert m["Unemployment rate 15-64, Ghent (census 2021)"] == "8.2%"
    assert figure(at, "Who holds the jobs in the municipality itself?")
    assert "Eurostat Urban Audit: residents by place of residence, not jobs" in texts(at)


def test_paradox_merged_municipality_has_no_2011_figure_and_says_why(use_warehouse):
    at = open_page(geo="44083")  # Deinze: the 2019 merger gave it a new code; the 2011 census has the old ones
    assert "Werkenden met hun werkplaats in Deinze (census 2011)" not in metrics(at)


def test_map_wijk_level_shows_gents_25_wijken_from_bimd(use_warehouse):
    for lang, name, note in (("nl", "BIMD-index 2011", "Relatieve index"), ("en", "BIMD index 2011", "Relative index")):
        at = open_page("views/kaart.py", level="wijk", indicator="bimd2011_employment_score", lang=lang)
        fig = figures(at)[0]
        assert len(values(fig["data"][0]["locations"])) == 25
        assert name in fig["layout"]["title"]["text"] and "(2011)" in fig["layout"]["title"]["text"]
        assert "44021W09" in values(fig["data"][0]["locations"])  # Bloemekenswijk, placed by sector name
        assert note in texts(at)
        at.toggle(key="map_as_table").set_value(True).run()
        assert len(at.dataframe[0].value) == 25


# --- Werkzoekenden ----------------------------------------------------------------------------

def test_jobseekers_page_composition_and_overrepresentation(use_warehouse):
    at = open_page("views/werkzoekenden.py")
    assert at.title[0].value == "Wie zoekt werk in Gent, en welke groepen zijn oververtegenwoordigd?"
    m = metrics(at)
    assert m["Werkzoekenden zonder werk Gent 2024"] == "14.576"
    assert m["Werkzoekenden zonder werk op 31/12 Gent 2024"] == "13.268"
    assert m["Werkzoekenden zonder werk op 31/12 t.o.v. inwoners 18-64 Gent 2024"] == "7,6 %"
    age = figure(at, "Werkzoekendengraad (jaargemiddelde) naar leeftijd")
    assert [tr["name"] for tr in age["data"]] == ["18-24 jaar", "25-59 jaar", "60-64 jaar"]
    assert values(age["data"][0]["y"])[-1] == pytest.approx(20.7)
    over = figure(at, "Wie is oververtegenwoordigd")
    assert "31/12/2024" in over["layout"]["title"]["subtitle"]["text"]
    assert "1/1/2025" in over["layout"]["title"]["subtitle"]["text"]
    tab = table(at, "overrep")
    gent = tab[(tab["Gebied"] == "Gent") & (tab["Groep"] == "Niet-EU-herkomst")].iloc[0]
    assert gent["Aandeel bij de werkzoekenden"] == "46,8 %"  # 6.205 of 13.268 on 31/12/2024
    assert gent["Aandeel bij de inwoners"] == "26,4 %"  # 72.079 of 272.657 on 1/1/2025
    assert gent["Verhouding (aandeel werkzoekenden / aandeel inwoners)"] == "1,77"
    # default comparison areas have data on this page (issue 14): no "no comparison for Vlaams Gewest"
    assert "Vlaams Gewest" not in texts(at)
    assert "werkzoekenden zijn 18-64 jaar" in texts(at)


def test_jobseekers_missing_breakdown_says_no_data(use_warehouse):
    at = open_page("views/werkzoekenden.py", dim="education")
    assert at.selectbox(key="js_dim").value == "education"
    assert "Geen gegevens voor Opleidingsniveau (Gent) in periode 2014–2024" in texts(at)
    # VDAB's published Flemish shares (published_figures ships) stand in, named with their area and date.
    fig = figure(at, "Gepubliceerd: werkzoekenden naar opleidingsniveau – Vlaams Gewest (2021)")
    assert fig["data"][0]["text"][0] == "44,0 %"
    assert "niet voor het gekozen gebied" in fig["layout"]["title"]["subtitle"]["text"]


def test_jobseekers_nationality_uses_the_closest_population_date(use_warehouse):
    at = open_page("views/werkzoekenden.py", group="nationality")
    assert "Geen gegevens voor oververtegenwoordiging naar nationaliteit" not in texts(at)  # statbel_pop_struct
    tab = table(at, "overrep")
    gent = tab[(tab["Gebied"] == "Gent") & (tab["Groep"] == "Niet-Belgische nationaliteit")].iloc[0]
    # 31/12/2015 job seekers against 1/1/2015 residents (1/1/2016 not loaded): both dates are shown.
    assert (gent["Werkzoekenden (31/12)"], gent["Inwoners (1/1)"]) == ("2015", "2015")
    assert gent["Aandeel bij de werkzoekenden"] == "25,7 %"


# --- Vacatures --------------------------------------------------------------------------------

def test_vacancies_page_trend_sectors_and_tension(use_warehouse):
    at = open_page("views/vacatures.py")
    m = metrics(at)
    assert m["Ontvangen vacatures Gent 2024"] == "21.374"
    assert m["Openstaande vacatures Gent 2024"] == "4.035"
    assert m["Werkzoekenden per openstaande vacature Gent 2024"] == "3,61"  # derived: 14.576 / 4.035
    trend = figure(at, "Ontvangen vacatures (VDAB)")
    gent = trend["data"][0]
    assert gent["name"] == "Gent" and values(gent["y"])[-1] == 21374 and values(gent["y"])[0] == 9757
    assert "Geen gegevens voor knelpuntberoepen" not in texts(at)  # the VDAB list is loaded (see below)


def test_vacancies_sector_table_for_a_linked_year(use_warehouse):
    at = open_page("views/vacatures.py", **{"to": "2023"})
    tab = table(at, "sector")
    values = dict(zip(tab["Sector"], tab["Ontvangen vacatures (VDAB)"], strict=True))
    assert values["Zakelijke dienstverlening"] == "3.853"
    assert values["Bouw"] == "1.363"
    assert list(tab["Sector"])[:2] == ["Zakelijke dienstverlening", "Maatschappelijke dienstverlening"]


def test_excel_download_round_trip(use_warehouse, served_files):
    """The Excel file behind the button holds the same numbers as the chart, and where they come from."""
    at = open_page("views/vacatures.py")
    assert not at.exception
    name = next(n for n in served_files if n.startswith("gsiw-vacatures-received-") and n.endswith(".xlsx"))
    book = openpyxl.load_workbook(io.BytesIO(served_files[name]))
    rows = list(book["data"].iter_rows(values_only=True))
    assert rows[0] == ("Gebied", "Periode", "Ontvangen vacatures (VDAB)", "Bron")  # the source travels along
    assert ("Gent", "2024", 21374) in [r[:3] for r in rows] and ("Antwerpen", "2014", 15469) in [r[:3] for r in rows]
    meta = dict(book["metadata"].iter_rows(min_row=2, values_only=True))
    assert meta["Periode"] == "2014–2024"
    assert meta["Bron 1"].startswith("VDAB")
    assert "geo=44021" in meta["Link naar deze weergave"]
    csv_name = name.replace(".xlsx", ".csv")
    # the Belgian convention of the Dutch UI, the number as shown (no 21374.0), the source on the row
    assert "Gent;2024;21374;VDAB, via Provincies in Cijfers" in served_files[csv_name].decode("utf-8-sig")


def frames(at: AppTest) -> list:
    return [df.value for df in at.dataframe]


@pytest.mark.parametrize(
    ("lang", "chart", "count_col", "by_col", "what", "gap"),
    [
        ("nl", "Aantal knelpuntberoepen op de VDAB-lijst", "Aantal knelpuntberoepen", "Gemeld door",
         "VDAB publiceert er elk jaar een lijst van", "geen cijfer"),
        ("en", "Number of bottleneck occupations on VDAB's list", "Number of bottleneck occupations", "Reported by",
         "VDAB publishes a list every year", "no figure"),
    ],
)
def test_vacancies_page_bottleneck_occupations(use_warehouse, lang, chart, count_col, by_col, what, gap):
    """The 2024 count (241) with the page that published it; years without a count stay gaps in the line."""
    at = open_page("views/vacatures.py", lang=lang)
    body = texts(at)
    assert what in body and ("heel Vlaanderen" if lang == "nl" else "all of Flanders") in body
    # The count per list year, each with its source page: 2024 = 241, reported by VDAB itself.
    pages = next(f for f in frames(at) if count_col in f.columns)
    row = pages[pages.iloc[:, 0] == "2024"].iloc[0]
    assert row[count_col] == "241" and row[by_col] == "VDAB (extranet nieuws)"
    assert "241-beroepen-op-knelpuntberoepenlijst-2024" in row.iloc[3]
    assert not {"2016", "2017", "2019"} & set(pages.iloc[:, 0]), "a year without a figure got one"
    # The chart: every list year on the axis, the missing ones empty and named, no segment across them.
    fig = figure(at, chart)
    (trace,) = fig["data"]
    xs, ys = list(trace["x"]), values(trace["y"])
    points = dict(zip(xs, ys, strict=True))
    assert points["2024"] == 241 and points["2026"] == 227
    assert [x for x, y in points.items() if y is None or y != y] == ["2016", "2017", "2019"]
    assert trace.get("connectgaps") is not True
    for (x0, y0), (x1, y1) in itertools.pairwise(points.items()):
        if y0 is not None and y1 is not None and y0 == y0 and y1 == y1:
            assert int(x1) - int(x0) == 1, f"a line segment joins {x0} and {x1} across a missing year"
    ticks = fig["layout"]["xaxis"]["ticktext"]
    assert f"2016<br>({gap})" in ticks and "2024" in ticks
    assert "241" in trace["text"]
    # The source under the chart, and the latest list as a metric.
    assert ("Bron: VDAB (Studiedienst)" if lang == "nl" else "Source: VDAB (research department)") in body
    label = "Knelpuntberoepen in Vlaanderen, lijst 2026" if lang == "nl" else "Bottleneck occupations in Flanders, 2026 list"
    assert metrics(at)[label] == "227"


def test_vacancies_page_latest_top_list_new_occupations_and_quotes(use_warehouse):
    at = open_page("views/vacatures.py")
    body = texts(at)
    top = next(f for f in frames(at) if "Rang" in f.columns)
    assert list(top["Rang"]) == [str(i) for i in range(1, 11)]
    assert top["Beroep"].iloc[0] == "technicus voor industriële installaties"
    assert top["Beroep"].iloc[3] == "werfleider *"  # published in English only (Belga): our translation, marked
    assert "Top 10 van de knelpuntberoepen, lijst 2024" in body and "[TVL](https://www.tvl.be/" in body
    assert "Voor de lijst 2024 vonden we geen bron die de nieuwe knelpuntberoepen noemt." in body
    assert "Nieuw op de lijst 2026: spoorwegmedewerker, soldaat-matroos, schoonheidsspecialist en" in body
    assert "twee verschillende indelingen" in body  # occupations and sectors are not mapped
    # Regional statements: dated verbatim quotes with publisher and link, newest first.
    assert ("**2024 · Oost-Vlaanderen**: \u201cBij de VDAB in Oost-Vlaanderen zijn er nog altijd zo'n 1.300 vacatures "
            "voor poetshulpen.\u201d ([TV Oost](https://www.tvoost.be/") in body
    assert "**2017 · Gent**: \u201cVacatures: Meeste vacatures in Gent (14.884).\u201d" in body


def test_vacancies_page_without_the_list_says_so(warehouse, tmp_path, monkeypatch):
    """A warehouse built before the list source (no list tables, no counts): the section says there is no data."""
    path = tmp_path / "gsiw.duckdb"
    shutil.copy(warehouse, path)
    con = duckdb.connect(str(path))
    con.execute("DROP TABLE occupation_lists")
    con.execute("DROP TABLE published_statements")
    con.execute("DELETE FROM observations WHERE source_id = 'vdab_knelpuntberoepen'")
    con.close()
    monkeypatch.setenv("GSIW_WAREHOUSE", str(path))
    at = open_page("views/vacatures.py")
    assert "Geen gegevens voor knelpuntberoepen" in texts(at)
    assert not [f for f in figures(at) if "knelpuntberoepen" in str(f["layout"].get("title"))]


def test_vacancies_page_quotes_in_english_are_marked_as_our_translation(use_warehouse):
    body = texts(open_page("views/vacatures.py", lang="en"))
    assert ("**2023 · Ghent**: \u201cThat tension indicator is currently below 2 in Ghent. So there are currently "
            "fewer than 2 job seekers per vacancy.\u201d (our translation; [Stad Gent](https://stad.gent/") in body
    assert "New on the 2026 list: railway worker, soldier-sailor, beautician and" in body
    assert "lager dan 2" not in body


# --- Pendel -----------------------------------------------------------------------------------

def test_commuting_page_flows_and_shares(use_warehouse):
    at = open_page("views/pendel.py")
    assert at.title[0].value.startswith("Wie vult de jobs in Arrondissement Gent")
    m = metrics(at)
    assert m["Jobs in het arrondissement"] == "248.840"
    assert m["Inpendelaars"] == "88.370"
    assert m["Uitpendelaars"] == "71.078"
    assert m["Jobs ingevuld door inwoners"] == "64,5 %"
    assert m["Jobs ingevuld door inpendelaars"] == "35,5 %"
    top = figure(at, "Top 10 woonarrondissementen")
    assert top["data"][0]["y"][0] == "Arrondissement Eeklo" and top["data"][0]["text"][0] == "11.053"
    flow = figure(at, "Waar wonen de inpendelaars van Arrondissement Gent")
    assert "Wijken voor omgevingsanalyse" in flow["layout"]["title"]["subtitle"]["text"]
    choro = flow["data"][0]
    z = dict(zip(values(choro["locations"]), values(choro["z"]), strict=True))
    assert z["43000"] == 11053 and "44000" not in z
    assert "20 Waalse arrondissementen" in texts(at)


def test_commuting_deep_link_out_direction_for_another_city(use_warehouse):
    at = open_page("views/pendel.py", geo="11002", flow="out")
    assert at.radio(key="com_direction").value == "out"
    assert at.title[0].value.startswith("Wie vult de jobs in Arrondissement Antwerpen")
    assert metrics(at)["Jobs ingevuld door inpendelaars"] == "29,7 %"
    top = figure(at, "Top 10 werkarrondissementen")
    assert top["data"][0]["y"][0] == "Arrondissement Brussel-Hoofdstad"


# --- Kaart ------------------------------------------------------------------------------------

def test_map_page_colours_municipalities_and_names_the_boundaries(use_warehouse):
    at = open_page("views/kaart.py")
    assert at.title[0].value == "Hoe verschilt Werkzoekendengraad (jaargemiddelde) van gebied tot gebied?"
    assert "**Gent**: 10,8 % – plaats 5 van 285 gebieden" in texts(at)
    fig = figure(at, "Werkzoekendengraad (jaargemiddelde) (2024)")
    z = dict(zip(values(fig["data"][0]["locations"]), values(fig["data"][0]["z"]), strict=True))
    assert z["44021"] == pytest.approx(10.8) and z["11002"] == pytest.approx(14.1)
    assert len(z) == 285
    assert fig["data"][1]["locations"] == ["44021"]  # the focus area outlined
    assert "Wijken voor omgevingsanalyse. © gemeentebesturen" in texts(at)


def test_map_page_wijk_level_without_data_says_so(use_warehouse):
    at = open_page("views/kaart.py", level="wijk", indicator="jobseeker_rate")
    body = texts(at)
    assert "Geen gegevens voor Werkzoekendengraad (jaargemiddelde) (per wijk van Gent) in periode 2024" in body
    assert "Per wijk van Gent zijn er wel gegevens voor: Achterstelling op werk: BIMD-index 2011" in body
    assert "Grenzen: Wijken voor omgevingsanalyse" in body


def test_map_page_other_indicator_and_year(use_warehouse):
    at = open_page("views/kaart.py", indicator="population_origin_share", category="origin:non_eu", to="2025")
    tab = table(at, "map")
    gent = tab[tab["NIS-code"] == "44021"].iloc[0]
    assert gent["Aandeel van de bevolking naar herkomst"] == "26,4 %"
    assert "staan enkel in de tabel" in texts(at)  # Walloon municipalities have no boundary here


# --- Indicator explorer (issue 3: a second indicator and the concept warning) -----------------

def test_explorer_second_indicator_of_the_same_concept_warns(trimmed_warehouse, monkeypatch):
    monkeypatch.setenv("GSIW_WAREHOUSE", str(trimmed_warehouse))
    at = open_page("views/indicators.py", indicator="jobseeker_rate", indicator2="jobseekers_wzw_rate",
                   geo=["44021"], compare="")
    assert at.selectbox(key="indicator2").value == "jobseekers_wzw_rate"
    assert "meten hetzelfde begrip volgens een andere definitie" in at.warning[0].value
    fig = figures(at)[0]
    names = [tr["name"] for tr in fig["data"]]
    assert names == ["Werkzoekendengraad (jaargemiddelde) · Gent", "Werkzoekenden zonder werk op 31/12 t.o.v. inwoners 18-64 jaar · Gent"]
    frame = at.dataframe[0].value
    assert set(frame["Indicator"]) == {"Werkzoekendengraad (jaargemiddelde)",
                                     "Werkzoekenden zonder werk op 31/12 t.o.v. inwoners 18-64 jaar"}


def test_explorer_different_concepts_do_not_warn(use_warehouse):
    at = open_page("views/indicators.py", indicator="jobseeker_rate", indicator2="vacancies_received",
                   geo=["44021"], compare="")
    assert not at.warning
    assert len(at.get("plotly_chart")) == 2  # other unit: its own chart


@pytest.mark.parametrize("page", ["views/werkzoekenden.py", "views/vacatures.py", "views/pendel.py",
                                  "views/kaart.py"])
def test_new_pages_explain_a_missing_warehouse(tmp_path, monkeypatch, page):
    monkeypatch.setenv("GSIW_WAREHOUSE", str(tmp_path / "nope.duckdb"))
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page(page)
    at.run()
    assert "nog niet gebouwd" in at.error[0].value


# --- Steunpunt Werk VAR (live-only source) on a warehouse built from a documented-format snapshot -----------

VAR_YEARS = [str(y) for y in range(2015, 2025)]


@pytest.mark.parametrize(
    ("lang", "chart", "shown", "kpi"),
    [
        ("nl", "Werkenden op de werkplaats (15-64 jaar) per gemeente, 2015–2024",
         "Getoond: Steunpunt Werk, Vlaamse Arbeidsrekening, per gemeente", "Jobs Gent: inpendelaars (2024, loontrekkenden)"),
        ("en", "Persons employed at the place of work (aged 15-64) per municipality, 2015–2024",
         "Shown: Steunpunt Werk, Flemish labour accounts", "Jobs Ghent: in-commuters (2024, employees)"),
    ],
)
def test_paradox_prefers_the_var_municipal_series_when_loaded(var_warehouse, monkeypatch, lang, chart, shown, kpi):
    from tests.sources.var_documented_format import jobs
    from tests.sources.var_documented_format import local

    monkeypatch.setenv("GSIW_WAREHOUSE", str(var_warehouse[0]))
    at = open_page(lang=lang)
    fig = figure(at, chart)
    gent = next(tr for tr in fig["data"] if tr["name"] in ("Gent", "Ghent"))
    assert values(gent["x"]) == VAR_YEARS  # 2015-2024, city level, from the VAR snapshot
    assert values(gent["y"]) == [jobs("Gent", y) for y in VAR_YEARS]
    body = texts(at)
    assert shown in body
    employees = round(jobs("Gent", "2024") * 0.85)
    share = (employees - local("Gent", "2024")) / employees * 100
    assert metrics(at)[kpi] == (f"{share:.1f}".replace(".", "," if lang == "nl" else ".") + (" %" if lang == "nl" else "%"))
    commute = figure(at, "Wie vult de jobs in de gemeente in?" if lang == "nl" else "Who holds the jobs in the municipality?")
    assert values(commute["data"][0]["y"])[0] in ("Gent", "Ghent")  # the city itself, not its arrondissement


def test_paradox_on_the_shipped_build_says_the_census_is_shown(use_warehouse):
    at = open_page()
    body = texts(at)
    assert "Getoond: census 2011 per arrondissement" in body
    assert "Werkenden op de werkplaats (15-64 jaar) per gemeente" not in body  # no VAR in the shipped build


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_commuting_page_shows_recent_municipal_figures_first(var_warehouse, monkeypatch, lang):
    from tests.sources.var_documented_format import jobs
    from tests.sources.var_documented_format import local

    monkeypatch.setenv("GSIW_WAREHOUSE", str(var_warehouse[0]))
    at = open_page("views/pendel.py", lang=lang)
    m = metrics(at)
    employees = round(jobs("Gent", "2024") * 0.85)
    label = "Inpendelaars naar Gent" if lang == "nl" else "In-commuters to Ghent"
    sep = "." if lang == "nl" else ","
    assert m[label] == f"{employees - local('Gent', '2024'):,}".replace(",", sep)
    body = texts(at)
    assert ("Recent, per gemeente: Gent (2024)" if lang == "nl" else "Recent, per municipality: Ghent (2024)") in body
    assert ("census 2011 per arrondissement" if lang == "nl" else "2011 census per arrondissement") in body
    # The census flows stay, named as such; the jobs trend is the VAR's municipal series.
    assert m["Jobs in het arrondissement" if lang == "nl" else "Jobs in the arrondissement"]
    jobs_fig = figure(at, "Werkenden op de werkplaats, 15-64 jaar (VAR)" if lang == "nl"
                      else "Persons employed at the place of work, aged 15-64 (VAR)")
    assert values(jobs_fig["data"][0]["x"]) == VAR_YEARS
