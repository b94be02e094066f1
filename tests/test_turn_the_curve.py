"""Turn the curve per objective-indicator link, where a member sees it: the Doelstellingen page (forecast
sentence, dashed projection with its band, the group's note, linked events) and the meeting brief's
section, in both languages; and the chart rule that a projection is never drawn as data."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest

from dashboard import charts_results as C
from dashboard.brief import curves
from dashboard.brief.model import brief_for_warehouse
from dashboard.i18n import t
from policy.forecast import forecast
from policy.store import PolicyStore
from tests.app_support import run_page
from tests.test_pages_analysis import values


def shown(at) -> str:
    parts = [*at.title, *at.header, *at.subheader, *at.markdown, *at.caption, *at.info, *at.warning]
    return "\n".join(str(p.value) for p in parts)


def test_projection_is_a_dashed_line_and_band_apart_from_the_published_series():
    series = pd.DataFrame(
        {
            "period": [str(y) for y in range(2019, 2025)],
            "value": [10.8, 11.4, 11.0, 10.6, 10.9, 10.8],
            "source_id": "vdab_jobseekers",
        }
    )
    fc = forecast(series, target_year=2027)
    labels = {
        "series": "Werkzoekendengraad",
        "projection": "Projectie als er niets verandert",
        "band": "80 %-voorspellingsinterval",
        "baseline": "Basiswaarde",
        "target": "Streefwaarde 9,0 % (2027)",
    }
    fig = json.loads(
        C.curve_chart(
            series,
            fc.frame(),
            title="x",
            unit="%",
            lang="nl",
            labels=labels,
            baseline=("2019", 10.8),
            target=(2027, 9.0),
        ).to_json()
    )
    by_name = {}
    for tr in fig["data"]:
        by_name.setdefault(tr["name"], []).append(tr)
    published = by_name["Werkzoekendengraad"][0]
    assert published["x"] == [str(y) for y in range(2019, 2025)] and values(published["y"]) == list(
        series["value"]
    )
    projection = by_name["Projectie als er niets verandert"][0]
    assert projection["line"]["dash"] == "dash" and projection["x"] == [
        "2024",
        "2025",
        "2026",
        "2027",
    ]
    assert (
        values(projection["y"])[0] == 10.8
    )  # starts at the last published figure, adds no point to the series
    assert projection["meta"]["projection"] and projection["meta"]["source_id"] == [
        "vdab_jobseekers"
    ]
    band = by_name["80 %-voorspellingsinterval"]
    assert len(band) == 2 and band[1]["fill"] == "tonexty"
    assert (
        fig["layout"]["shapes"][0]["y0"] == 9.0
        and fig["layout"]["xaxis"]["categoryarray"][-1] == "2027"
    )


def test_no_projection_from_separate_publications():
    series = pd.DataFrame(
        {"period": ["2019-07", "2019"], "value": [9.4, 9.7], "source_id": "published_figures"}
    )
    fc = forecast(series)
    fig = C.curve_chart(
        series,
        fc.frame(),
        title="x",
        unit="%",
        lang="nl",
        labels={"series": "s", "projection": "p", "band": "b", "baseline": "", "target": ""},
    )
    assert [tr.name for tr in fig.data] == ["s"] and fig.data[0].mode == "markers"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_objectives_page_shows_baseline_projection_target_and_note(use_warehouse, lang):
    at = run_page("views/doelstellingen.py", lang=lang)
    text = shown(at)
    if lang == "nl":
        assert (
            "**Als er niets verandert:** 17,6 % (jaargemiddelde 2027); trend uit 6 cijfers, jaargemiddelde 2019 tot "
            "jaargemiddelde 2024. "
            "Voorspellingsinterval (80 %): 11,0 % tot 24,3 %. Streefwaarde 15,0 % (2027): de projectie ligt "
            "2,6 procentpunt hoger, dus zonder verandering niet gehaald."
        ) in text
        assert t("curve.none.not_one_series", lang) in text  # the Arbeidspact's published figures
        assert (
            "- 2027-02-11 · lunchlezing · Voorbeeld: lunchlezing over jongeren zonder werk" in text
        )
    else:
        assert (
            "**If nothing changes:** 17.6% (annual average 2027); trend from 6 figures, annual average 2019 "
            "to annual average 2024." in text
        )
        assert (
            "the projection is 2.6 percentage points higher, so it would be missed without change."
            in text
        )
    assert (
        t("curve.part.story", lang) in text and t("curve.part.actions", lang) in text
    )  # the example note
    assert t("curve.method", lang, max=6, min=3, band_min=5, level=80, horizon=3) in text
    names = {
        tr.get("name") for c in at.get("plotly_chart") for tr in json.loads(c.proto.spec)["data"]
    }
    assert t("curve.projection", lang) in names and t("curve.band_label", lang, level=80) in names


def test_objectives_page_without_examples_hides_example_notes_and_events(use_warehouse):
    text = shown(run_page("views/doelstellingen.py", examples="0"))
    assert "Voorbeeld: hier schrijft" not in text and "lunchlezing" not in text


@pytest.fixture
def seeded(tmp_path, monkeypatch):
    path = tmp_path / "p.sqlite"
    monkeypatch.setenv("GSIW_POLICY_DB", str(path))
    return PolicyStore(path)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_brief_section_per_link_with_a_note_or_a_projection(warehouse, seeded, lang):
    brief = brief_for_warehouse(warehouse, seeded, date(2026, 9, 15), today=date(2026, 12, 7))
    sec = curves.curve_section(brief, seeded, lang)
    assert sec.title == t("curve.brief.title", lang)
    assert (
        len(sec.items) == 5
    )  # the five example links on VDAB series; the published figures have no trend
    young = next(i for i in sec.items if "18-24" in i.text)
    assert young.is_example and young.chart is not None and young.target == (2027, 15.0)
    if lang == "nl":
        assert (
            "Laatste cijfer 20,7 % (2024). **Als er niets verandert:** 17,6 % (jaargemiddelde 2027)"
            in young.text
        )
        assert (
            "Notitie van de Beleidsgroep (2026-09-15): *Het verhaal achter de curve*: Voorbeeld:"
            in young.text
        )
    assert curves.curve_section(brief, seeded, lang, examples=False).items == []


def test_brief_section_shows_a_real_note_without_examples(warehouse, seeded, monkeypatch):
    monkeypatch.setenv("GSIW_LOCAL_ADMIN", "1")
    seeded.create(
        "curve_notes",
        "werkloosheid-2026-11",
        {
            "link_id": "ap-werkloosheidsgraad-gent",
            "note_date": "2026-11-17",
            "story_nl": "Het verhaal.",
            "actions_nl": "Een actie.",
            "source": "verslag van de Beleidsgroep, 17 november 2026",
        },
        user="Editor",
    )
    brief = brief_for_warehouse(warehouse, seeded, date(2026, 9, 15), today=date(2026, 12, 7))
    items = curves.curve_items(brief, seeded, "nl", examples=False)
    assert len(items) == 1 and not items[0].is_example
    assert t("curve.none.not_one_series", "nl") in items[0].text
    assert (
        "*Het verhaal achter de curve*: Het verhaal.; *Voorgestelde acties*: Een actie."
        in items[0].text
    )


def test_meeting_page_has_the_section(use_warehouse):
    at = run_page("views/vergadering.py", since="2026-09-15")
    assert t("curve.brief.title", "nl") in [h.value for h in at.header]
    at = run_page("views/vergadering.py", since="2026-09-15", lang="en", examples="0")
    assert t("curve.brief.none", "en") in shown(at)


def test_pdf_pack_carries_the_section_after_the_comparison(warehouse, seeded):
    import io

    from pypdf import PdfReader

    from dashboard.brief import pack

    brief = brief_for_warehouse(warehouse, seeded, date(2026, 9, 15), today=date(2026, 12, 7))
    section = curves.curve_section(brief, seeded, "nl", charts=False)
    assert all(
        i.chart is None for i in section.items
    )  # no chart without its projection in the pack
    text = " ".join(
        p.extract_text()
        for p in PdfReader(io.BytesIO(pack.to_pdf(brief, "nl", extra_sections=(section,)))).pages
    )
    assert "De curve keren" in " ".join(text.split()) and "Als er niets verandert" in " ".join(
        text.split()
    )


def test_brief_lists_a_measure_value_and_an_advice_entered_after_the_meeting(
    warehouse, seeded, monkeypatch
):
    from dashboard.brief import results

    assert results.results_items(seeded, date(2026, 9, 15), "nl") == []  # the seed is not news
    monkeypatch.setenv("GSIW_LOCAL_ADMIN", "1")
    seeded.create(
        "measure_values",
        "mm-dag-2025",
        {
            "measure_id": "mm-werknemers-per-dag",
            "period": "2025",
            "value": 810,
            "source": "jaarverslag Max Mobiel 2025",
        },
        user="Editor",
    )
    seeded.create(
        "project_funding",
        "mm-2026",
        {
            "project_id": "max-mobiel",
            "year": 2026,
            "city_budget_eur": 250000,
            "advice": "favourable",
            "is_example": True,
        },
        user="Editor",
    )
    items = results.results_items(seeded, date(2026, 9, 15), "nl")
    texts = [i.text for i in items]
    assert (
        "**Max Mobiel** – Hoeveel deden we? Werknemers vervoerd per dag: **810** werknemers per dag "
        "(gemiddeld) (2025)."
    ) in texts
    assert (
        "**Max Mobiel** – 2026: budget van de Stad 250.000 euro, advies van de Beleidsgroep: gunstig."
        in texts
    )
    assert {i.link.url_path for i in items} == {"projecten"} and dict(items[0].link.params)[
        "project"
    ] == "max-mobiel"
    assert [
        i.text for i in results.results_items(seeded, date(2026, 9, 15), "nl", examples=False)
    ] == [t for t in texts if "810" in t]
    assert (
        results.results_items(seeded, date.today(), "nl") == []
    )  # entered today: known at today's meeting
    monkeypatch.delenv("GSIW_LOCAL_ADMIN")
    monkeypatch.setenv("GSIW_WAREHOUSE", str(warehouse))
    at = run_page("views/vergadering.py", since="2026-09-15")
    assert t("results.brief.title", "nl") in [h.value for h in at.header]
    assert any("**810**" in m.value for m in at.markdown)
