"""Every page runs under AppTest against the real warehouse and shows its real numbers."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from pipelines import snapshot as snap
from pipelines.registry import all_sources
from tests.app_support import metrics
from tests.app_support import run_page


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [t.value for t in at.title]
    parts += [i.value for i in at.info] + [e.value for e in at.error]
    return "\n".join(str(p) for p in parts)


def test_paradox_page_shows_real_headline_figures(use_warehouse):
    at = run_page()
    assert at.title[0].value.startswith("Veel jobs in Gent")
    m = metrics(at)
    assert m["Werkzoekendengraad Gent 2024"] == "10,8 %"
    assert m["Werkzoekenden zonder werk Gent 2024"] == "14.576"
    assert m["Ontvangen vacatures Gent 2024"] == "21.374"
    # 88,370 in-commuters of 248,840 jobs at the place of work (census 2011, recurrent_mobility.csv)
    assert m["Jobs Arrondissement Gent: inpendelaars (2011)"] == "35,5 %"
    titles = [json.loads(c.proto.spec)["layout"]["title"]["text"].replace("<br>", " ") for c in at.get("plotly_chart")]
    assert titles == [
        "Jobs in de gemeente (2011) naast de werkzoekendengraad van de inwoners",
        "Banen in het gebied en werkzoekendengraad van de inwoners",
        "Werkzoekendengraad: Gent en de vergelijkingsgebieden",
        "Gent: werkzoekenden en vacatures",
        "Wie vult de jobs in de gemeente zelf in? (census 2011)",
        "Wie vult de jobs in het arrondissement in? (census 2011)",
        "Gent: werkzoekenden zonder werk naar herkomst (31/12)",
        "Gent: werkzoekendengraad naar leeftijd (2024)",
        "Werkloosheidsgraad naar opleiding – Provincie Oost-Vlaanderen (2011)",
        "Werkzaamheids- en werkloosheidsgraad 15-64 jaar (census 2021)",
        "Werkende inwoners van 20-64 jaar (Urban Audit)",
        "Werkloze inwoners (Urban Audit)",
    ]
    body = texts(at)
    assert "Bron: VDAB, via Provincies in Cijfers – Werkzoekenden per gemeente (VDAB, via Provincies in Cijfers)" in body
    assert "census 1 januari 2011" in body


def test_paradox_page_in_english(use_warehouse):
    at = run_page(lang="en")
    assert at.title[0].value.startswith("Many jobs in Ghent")
    assert metrics(at)["Job-seeker rate Ghent 2024"] == "10.8%"
    assert metrics(at)["Job seekers without work Ghent 2024"] == "14,576"


def test_indicator_explorer_reproduces_a_deep_link(use_warehouse):
    at = run_page("views/indicators.py", indicator="jobseekers_nwwz", geo=["44021", "11002"], **{"from": "2020"})
    assert at.selectbox(key="indicator").value == "jobseekers_nwwz"
    assert at.multiselect(key="geos").value == ["44021", "11002"]
    assert at.select_slider(key="period").value == ("2020", "2024")
    assert at.query_params["indicator"] == "jobseekers_nwwz"  # one value: AppTest gives the string
    frame = at.dataframe[0].value
    gent_2024 = frame[(frame["Gebied"] == "Gent") & (frame["Periode"] == "2024")]["Waarde"].iloc[0]
    assert gent_2024 == "14.576"
    assert len(at.get("plotly_chart")) == 1


def test_indicator_explorer_breakdown_and_hidden_values(use_warehouse):
    at = run_page("views/indicators.py", indicator="jobseekers_wzw", geo=["44021"], breakdown="origin")
    frame = at.dataframe[0].value
    row = frame[(frame["Periode"] == "2024") & (frame["Uitsplitsing"].str.contains("niet-EU", case=False))]
    assert row["Waarde"].iloc[0] == "6.205"


def test_sources_page_lists_every_source_with_licence(use_warehouse):
    at = run_page("views/sources.py")
    # One block per loaded source, by source id, titled as the source declares itself.
    shipped = {name: src.title_nl for name, src in all_sources().items() if snap.list_snapshots(src)}
    shipped["derived"] = "Afgeleide indicatoren (berekend in de monitor)"
    assert [s.value for s in at.subheader] == [shipped[k] for k in sorted(shipped)]
    body = "\n".join(m.value for m in at.markdown)
    assert "Modellicentie Gratis Hergebruik Vlaanderen" in body
    assert "live ophalen nooit getest" in body
    assert any("Wijken voor omgevingsanalyse" in c.value for c in at.caption)


@pytest.mark.parametrize("page", [None, "views/indicators.py", "views/sources.py"])
def test_missing_warehouse_explains_how_to_build(tmp_path, monkeypatch, page):
    monkeypatch.setenv("GSIW_WAREHOUSE", str(tmp_path / "nope.duckdb"))
    at = run_page(page)
    assert "nog niet gebouwd" in at.error[0].value
    assert "pipelines build" in at.code[0].value
