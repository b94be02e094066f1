"""The Projecten page (views/projecten.py): performance measures beside the population indicators of the
objective, as two kinds of accountability, in both languages, on the real warehouse and a seeded store."""

from __future__ import annotations

import json

import pytest

from dashboard.i18n import t
from policy.store import PolicyStore
from tests.app_support import record_downloads
from tests.app_support import run_page
from tests.test_pages_analysis import values


def shown(at) -> str:
    parts = [*at.title, *at.header, *at.subheader, *at.markdown, *at.caption, *at.info, *at.warning]
    return "\n".join(str(p.value) for p in parts)


def figures(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_page_shows_its_title_and_no_internal_key(use_warehouse, lang):
    at = run_page("views/projecten.py", lang=lang)
    assert at.title[0].value == t("projecten.title", lang)
    text = shown(at)
    assert (
        "projecten." not in text and "curve." not in text
    )  # every text comes from the locale files
    assert (
        t("projecten.measures.title", lang) in text
        and t("projecten.population.title", lang) in text
    )


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_jobteam_measures_stand_beside_the_objectives_population_indicator(use_warehouse, lang):
    at = run_page("views/projecten.py", lang=lang, project="jobteam")
    text = shown(at)
    assert (
        t("projecten.kind.how_much", lang) in text and t("projecten.kind.better_off", lang) in text
    )
    assert t("projecten.kind_none", lang) in text  # no "how well" measure was published
    objective = (
        "2.500 Gentenaars extra aan het werk"
        if lang == "nl"
        else "2,500 more Ghent residents in work"
    )
    assert t("projecten.population.objective", lang, objective=objective) in text
    figs = figures(at)
    measures = [
        f
        for f in figs
        if f["layout"]["title"]["text"].startswith(t("projecten.measure_title", lang, name=""))
    ]
    population = [
        f
        for f in figs
        if f["layout"]["title"]["text"].startswith(t("projecten.population.chart", lang, name=""))
    ]
    assert len(measures) == 2 and len(population) == 1
    # Never one chart or one axis for both kinds: measure charts hold only bars, the population chart no bars.
    assert all(tr["type"] == "bar" for f in measures for tr in f["data"])
    assert all(tr.get("type", "scatter") != "bar" for f in population for tr in f["data"])
    reached = next(
        f
        for f in measures
        if "Gentenaars bereikt" in f["layout"]["title"]["text"]
        or "Ghent residents reached" in f["layout"]["title"]["text"]
    )
    assert reached["data"][0]["x"] == ["2022-01"] and values(reached["data"][0]["y"]) == [1217]
    assert any(
        s.get("y0") == 1500 for s in reached["layout"].get("shapes", [])
    )  # the target, as a line


def test_lifecycle_budget_and_advice_show_what_the_editor_entered(
    use_warehouse, page_store, monkeypatch
):
    store = page_store
    store.create(
        "project_funding",
        "mm-2024",
        {
            "project_id": "max-mobiel",
            "year": 2024,
            "city_budget_eur": 123456,
            "advice": "favourable_with_conditions",
            "advice_date": "2024-03",
            "is_example": True,
        },
        user="Editor",
    )
    store.create(
        "measure_values",
        "mm-dag-2023",
        {"measure_id": "mm-werknemers-per-dag", "period": "2023", "value": 800, "is_example": True},
        user="Editor",
    )
    monkeypatch.delenv("GSIW_LOCAL_ADMIN")
    files = record_downloads(monkeypatch)
    at = run_page("views/projecten.py", project="max-mobiel")
    text = shown(at)
    assert "verzelfstandigd · gestart in 2006 · gedragen door Max Mobiel vzw" in text
    funding = next(df.value for df in at.dataframe if "Jaar" in df.value.columns)
    assert (
        funding.iloc[0]["Jaar"] == "2024"
        and funding.iloc[0]["Advies van de Beleidsgroep"] == "gunstig onder voorwaarden"
        and funding.iloc[0]["Budget van de Stad (euro)"] == "123.456"
    )
    per_day = next(
        f for f in figures(at) if "Werknemers vervoerd per dag" in f["layout"]["title"]["text"]
    )
    assert per_day["data"][0]["x"] == ["2022", "2023"] and values(per_day["data"][0]["y"]) == [
        750,
        800,
    ]
    assert per_day["layout"]["yaxis"]["title"]["text"] == "werknemers per dag (gemiddeld)"
    assert any(name.startswith("gsiw-projecten-max-mobiel-prestatiematen") for name in files)


def test_a_project_without_an_objective_says_so(use_warehouse):
    at = run_page("views/projecten.py", project="het-beroepenhuis")
    text = shown(at)
    assert t("projecten.population.no_objective", "nl") in text
    assert "verzelfstandigd sinds 2000" in text and "gedragen door Het Beroepenhuis vzw" in text
    assert t("projecten.funding.none", "nl") in text


def test_a_value_entered_in_the_editor_appears_on_the_project_page(
    use_warehouse, page_store, monkeypatch
):
    """The project's lead partner (an editor) enters a new value of a measure in Beleid bewerken."""
    at = run_page("views/beleid_editor.py")
    at.text_input(key="editor_name").input("Projecttrekker Jobteam").run()
    at.selectbox(key="new_entity").select("measure_values").run()
    prefix = "new::measure_values"
    at.text_input(key=f"{prefix}::id").input("jt-bereikt-2023-12")
    at.selectbox(key=f"{prefix}::measure_id").select("jt-bereikt")
    at.text_input(key=f"{prefix}::period").input("2023-12")
    at.number_input(key=f"{prefix}::value").set_value(1800)
    at.text_area(key=f"{prefix}::source").input("verslag commissie Werk")
    at.button(key=f"FormSubmitter:{prefix}-{t('policy.editor.create', 'nl')}").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert PolicyStore(page_store.path).get("measure_values", "jt-bereikt-2023-12")["value"] == 1800
    monkeypatch.delenv("GSIW_LOCAL_ADMIN")
    page = run_page("views/projecten.py", project="jobteam")
    reached = next(f for f in figures(page) if "Gentenaars bereikt" in f["layout"]["title"]["text"])
    assert reached["data"][0]["x"] == ["2022-01", "2023-12"] and values(
        reached["data"][0]["y"]
    ) == [1217, 1800]
    assert t("projecten.target_met", "nl") in shown(page)  # 1.800 passes the 1.500 aimed for
