"""AppTest of the meeting page and the presentation view on the real warehouse with a recorded history.

The warehouse is the real one; its history says an earlier build (1 September 2026) held the periods
up to 2023 (tests/brief_support.py), so "since 15 September 2026" shows the 2024 releases.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.brief import render as R
from dashboard.brief.model import brief_for_warehouse
from policy.store import PolicyStore
from tests.app_support import run_page
from tests.brief_support import SINCE
from tests.brief_support import truncated_copy
from tests.brief_support import with_history


@pytest.fixture(scope="module")
def history_warehouse(warehouse, tmp_path_factory):
    d = tmp_path_factory.mktemp("meeting_pages")
    return with_history(warehouse, truncated_copy(warehouse, d / "previous.duckdb"), d / "gsiw.duckdb")


@pytest.fixture
def env(history_warehouse, tmp_path, monkeypatch):
    monkeypatch.setenv("GSIW_WAREHOUSE", str(history_warehouse))
    monkeypatch.setenv("GSIW_POLICY_DB", str(tmp_path / "policy.sqlite"))
    monkeypatch.delenv("GSIW_LOCAL_ADMIN", raising=False)
    return history_warehouse


def markdown(at: AppTest) -> str:
    return "\n".join(str(m.value) for m in at.markdown)


def links(at: AppTest) -> list[tuple[str, str, str]]:
    return [(e.proto.label, e.proto.page, e.proto.query_string) for e in at.get("page_link")]


def expected_brief(env, tmp_path):
    return brief_for_warehouse(env, PolicyStore(tmp_path / "policy.sqlite"), SINCE)


def test_meeting_page_shows_the_changes_with_their_evidence(env, tmp_path):
    at = run_page("views/vergadering.py", since="2026-09-15")
    assert at.title[0].value == "Sinds de vorige vergadering"
    text = markdown(at)
    assert f"**{R.summary(expected_brief(env, tmp_path), 'nl')}**" in text
    assert "0 statuswijziging" not in text and "nieuwe periodes **2024** voor Werkzoekendengraad" in text
    assert "**Werkzoekendengraad (jaargemiddelde)** (Gent): van 9,9 % (2023) naar **10,8 %** (2024), " \
           "+0,9 procentpunt: weg van de doelstelling" in text
    assert "van 13.186 (2023) naar **14.576** (2024), +1.390 (+10,5 %): een verslechtering" in text
    assert "van Op schema naar **Achteruitgang**" in text and ":violet-badge[voorbeeld]" in text
    assert [h.value for h in at.header][:8] == [  # issue 18: the brief opens with the working cycle
        "Openstaande actiepunten", "Wat de partners sinds de vergadering invoerden",
        "Nieuwe cijfers in het datawarehouse", "Indicatoren die opvallend bewogen", "Doelstellingen met een andere status",
        "Nieuwe signalen", "Signalen die wegvielen", "Updates van actiegroepen, projecten en doelstellingen"]
    found = links(at)
    assert ("Bekijk het bewijs", "indicatoren", "indicator=jobseeker_rate&geo=44021&breakdown=total&lang=nl") in found
    assert ("Bekijk het bewijs", "werkzoekenden", "geo=44021&lang=nl") in found
    assert ("Bekijk het bewijs", "doelstellingen", "plan=voorbeeld-methode&lang=nl") in found
    assert any(p == "presentatie" and "slide=1" in q for _l, p, q in found)
    captions = "\n".join(c.value for c in at.caption)
    assert "(versie van 2026-09-01 08:00:00)" in captions  # the earlier build the history recorded
    assert "Volgende vergadering:" in captions and "voorbeelden" in captions
    assert "**Voorbeeld: projectvoorstel met begroting bezorgen** · trekker: Vlaamse Dienst voor " \
           "Arbeidsbemiddeling en Beroepsopleiding (VDAB) · uiterlijk 2027-01-12 · Open" in text
    assert len(at.dataframe) >= 6  # one table per section with content + the calendar
    calendar = at.dataframe[-1].value
    assert calendar["Datum"].tolist()[:3] == ["2026-05-19", "2026-07-14", "2026-09-15"] and len(calendar) == 6
    assert len(at.get("download_button")) >= 2 * 5 + 2  # CSV + Excel per table, the PDF and the workbook


def test_meeting_page_without_examples_and_in_english(env):
    at = run_page("views/vergadering.py", since="2026-09-15", examples="0", lang="en")
    text = markdown(at)
    assert "0 status changes" in text and ":violet-badge[example]" not in text
    assert "**Unemployed job seekers (annual average)** (Ghent): from 13,186 (2023) to **14,576** (2024), " \
           "+1,390 (+10.5%): a deterioration" in text
    assert "No objective changed status." in text
    assert any("items about example objectives hidden" in c.value for c in at.caption)


def test_meeting_page_defaults_to_the_last_meeting_in_the_calendar(env):
    at = run_page("views/vergadering.py")
    assert at.query_params["since"] == ["2026-11-17"] or at.query_params["since"] == "2026-11-17"
    assert "Sinds de vorige vergadering" == at.title[0].value


def test_presentation_pages_one_finding_at_a_time(env, tmp_path):
    from dashboard.brief.page import extra_sections

    brief = expected_brief(env, tmp_path)
    items = [i for s in R.sections(brief, "nl") for i in s.items]
    extra = [i for s in extra_sections(brief, PolicyStore(tmp_path / "policy.sqlite"), SINCE, "nl") for i in s.items]
    assert extra  # the turn-the-curve items of the linked indicators
    items += extra
    at = run_page("views/presentatie.py", since="2026-09-15")
    assert at.title[0].value == "Sinds de vorige vergadering van 15 september 2026"
    assert f"**1 / {len(items) + 2}**" in markdown(at)
    shortcuts = {b.key: b.proto.shortcut for b in at.button}
    assert shortcuts == {"slide_first": "home", "slide_prev": "left", "slide_next": "right"}
    at.button(key="slide_next").click().run()
    assert at.query_params["slide"] in (["2"], "2")
    text = markdown(at)
    assert "### Openstaande actiepunten" in text and "## " + items[0].text in text  # issue 18: action items first
    assert f"**2 / {len(items) + 2}**" in text


def test_presentation_slide_of_a_move_has_its_chart(env, tmp_path):
    brief = expected_brief(env, tmp_path)
    items = [i for s in R.sections(brief, "nl") for i in s.items]
    n = next(k for k, i in enumerate(items, start=2) if i.section == "moves" and "9,9 %" in i.text)
    at = run_page("views/presentatie.py", since="2026-09-15", slide=str(n))
    text = markdown(at)
    assert "## **Werkzoekendengraad (jaargemiddelde)** (Gent): van 9,9 % (2023) naar **10,8 %** (2024)" in text
    (chart,) = at.get("plotly_chart")
    assert '"name":"bij de vergadering","x":["2023"],"y":[9.9]' in chart.proto.spec  # what the meeting saw
    at.button(key="slide_prev").click().run()
    assert at.query_params["slide"] in ([str(n - 1)], str(n - 1))


def test_presentation_clamps_the_position_and_ends_with_a_way_back(env):
    at = run_page("views/presentatie.py", since="2026-09-15", slide="999")
    assert at.title[0].value == "Einde van de samenvatting: tijd voor bespreking."
    assert at.button(key="slide_next").disabled and not at.button(key="slide_prev").disabled
    assert any(p == "vergadering" and "since=2026-09-15" in q for _l, p, q in links(at))


def test_meeting_page_shows_an_edit_made_after_it_was_opened(env, tmp_path, monkeypatch):
    """The brief is cached per build, store revision and meeting date: an edit must show on the next click."""
    at = run_page("views/vergadering.py", since="2026-09-15")
    before = markdown(at)
    monkeypatch.setenv("GSIW_LOCAL_ADMIN", "1")
    store = PolicyStore(tmp_path / "policy.sqlite")
    obj = store.get("objectives", "gsiw17-doelgroepen")
    store.update("objectives", obj["id"], {"title_nl": "Doelgroepen sterker maken"}, expected_version=obj["version"],
                 user="secretariaat")
    at.run()
    assert not at.exception
    after = markdown(at)
    assert f"**{R.summary(expected_brief(env, tmp_path), 'nl')}**" in after
    assert after != before and "Doelgroepen sterker maken" in after


def test_meeting_page_draws_an_items_series_when_asked(env):
    at = run_page("views/vergadering.py", since="2026-09-15")
    assert not at.get("plotly_chart")  # no chart drawn until someone asks for one
    toggles = [tg for tg in at.toggle if tg.label == "Toon de reeks"]
    assert toggles
    toggles[0].set_value(True).run()
    assert not at.exception
    (chart,) = at.get("plotly_chart")
    assert '"name":"bij de vergadering"' in chart.proto.spec  # the figure the meeting saw, marked
