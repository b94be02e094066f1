"""AppTest of the policy pages on the real warehouse and a freshly seeded policy store."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from policy.store import PolicyStore
from tests.app_support import metrics
from tests.app_support import run_page


@pytest.fixture
def policy_db(use_warehouse, tmp_path, monkeypatch):
    path = tmp_path / "policy.sqlite"
    monkeypatch.setenv("GSIW_POLICY_DB", str(path))
    monkeypatch.delenv("GSIW_LOCAL_ADMIN", raising=False)
    return path


def body(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [t.value for t in at.title]
    parts += [i.value for i in at.info] + [w.value for w in at.warning] + [e.value for e in at.error]
    parts += [s.value for s in at.success] + [s.value for s in at.subheader] + [h.value for h in at.header]
    return "\n".join(str(p) for p in parts)


def test_objectives_page_shows_each_status_with_its_numbers(policy_db):
    at = run_page("views/doelstellingen.py")
    assert at.title[0].value == "Doelstellingen"
    m = metrics(at)
    # issue 14, item 5: 10,8 % -> 10,8 % (ratio 0,00) is no progress, not "Beperkte vooruitgang"
    assert (m["Achteruitgang"], m["Geen vooruitgang"], m["Versnelling nodig"], m["Doel bereikt"]) == \
        ("2", "1", "1", "1")
    assert "Beperkte vooruitgang" not in m
    assert m["Onvoldoende gegevens"] == "3"  # the three Arbeidspact links: no target year / no target
    text = body(at)
    assert ":red-badge[🔴 Achteruitgang]" in text and ":green-badge[✅ Doel bereikt]" in text
    assert ":orange-badge[🟡 Versnelling nodig]" in text and ":red-badge[⏸️ Geen vooruitgang]" in text
    assert ":gray-badge[⚪ Onvoldoende gegevens]" in text
    # the numbers behind the 18-24 status: baseline, latest, target, growth rates, ratio
    assert ("basis **19,8 %** (2019) · laatste **20,7 %** (2024) · doel **15,0 %** (2027) · "
            "groei per jaar: waargenomen +0,9 %, nodig −3,4 % · verhouding −0,26") in text
    assert "basis **9,4 %** (2019-07)" in text
    assert "doel **7,88 %** (geen streefjaar)" in text  # a target is shown as written, not rounded
    assert ":violet-badge[voorbeeld]" in text
    assert len(at.get("plotly_chart")) >= 5


def test_objectives_page_without_examples_and_in_english(policy_db):
    at = run_page("views/doelstellingen.py", lang="en", examples="0")
    assert metrics(at) == {"Not enough data": "3"}
    text = body(at)
    assert ":violet-badge[example]" not in text and "Example:" not in text
    assert "Ghent's unemployment rate down to the level of the Flemish central cities" in text
    assert ":gray-badge[⚪ Not enough data]" in text
    assert "baseline **9.4%** (2019-07)" in text


def test_objectives_plan_filter_keeps_the_context_apart(policy_db):
    at = run_page("views/doelstellingen.py", plan="arbeidspact-2019")
    assert [s.value for s in at.subheader] == [
        "1. 2.500 Gentenaars extra aan het werk", "2. Werkloosheidsgraad van Gent naar het niveau van de centrumsteden",
        "3. Invullingsgraad van de vacatures omhoog"]
    warnings = [w.value for w in at.warning]
    assert any("andere definitie" in w and "Werkzoekendengraad (jaargemiddelde) was 10,8 % in 2024" in w
               for w in warnings)


def test_action_groups_page(policy_db):
    at = run_page("views/actiegroepen.py")
    subheaders = [s.value for s in at.subheader]
    assert subheaders[0] == "Actiegroep Beroepenhuis"
    assert any(s.startswith("Voorbeeld: actiegroep Jongeren") and "voorbeeld]" in s for s in subheaders)
    text = body(at)
    assert "Werkzoekendengraad (jaargemiddelde) · Gent · 18-24 jaar: :red-badge[🔴 Achteruitgang]" in text
    assert "Werkzoekenden zonder werk op 31/12 (WZW) · Gent · Niet-EU-herkomst: :red-badge[🔴 Achteruitgang]" in text
    tables = [df.value for df in at.dataframe]
    due = tables[0].set_index("Actiegroep")  # issue 18: reports due or late against the meeting calendar
    assert due.loc["Voorbeeld: actiegroep Jongeren aan het werk (voorbeeld)", "Stand"] == "Te laat"
    assert due.loc["Voorbeeld: actiegroep Jongeren aan het werk (voorbeeld)", "Laatste rapport"] == "2026-07-01"
    assert "Rapport van 2026-07-01" in text and "1,5 VTE personeel, budget 20.000 EUR" in text
    assert "Vlaamse Dienst voor Arbeidsbemiddeling en Beroepsopleiding (VDAB)" in text  # the chair, as a partner
    beroepenhuis = tables[1]
    assert beroepenhuis.iloc[0]["Project"] == "Het Beroepenhuis" and beroepenhuis.iloc[0]["Stand"] == "verzelfstandigd"
    loose = tables[-1].set_index("Project")
    assert loose.loc["Max Mobiel", "Start"] == "2006" and loose.loc["Jobbus", "Einde"] == "2001"
    assert loose.loc["Mobiel Arbeidsteam / Jobteam", "Doelstelling"] == "2.500 Gentenaars extra aan het werk"


def test_signals_page_ranks_real_findings_with_evidence(policy_db):
    at = run_page("views/signalen.py")
    text = body(at)
    assert ("**18-24 jaar**: werkzoekendengraad 20,7 % tegenover 10,8 % voor alle leeftijden samen (jaargemiddelde 2024), "
            "**1,92 keer** zo hoog") in text
    assert ("**Niet-EU-herkomst**: 46,8 % van de werkzoekenden zonder werk (31/12/2024) tegenover 26,4 % in de hele "
            "bevolking (alle leeftijden") in text
    assert "In 2024 ontving VDAB **21.374** vacatures" in text and "**14.576**" in text
    assert "Zakelijke dienstverlening (4.473)" in text
    assert "Blinde vlek" in text and "Werkzoekenden zonder werk (jaargemiddelde)" in text
    assert "uit voorbeelddoelstellingen verborgen" in text  # example objectives do not mix in by default
    assert "Doelstelling gaat achteruit" not in text
    assert "Laaggeschoolden" in text  # what cannot be checked is said
    evidence = at.dataframe[0].value
    assert list(evidence.columns) == ["Indicator", "Gebied", "Uitsplitsing", "Periode", "Waarde", "Bron"]
    non_eu = [df.value for df in at.dataframe if "6.205" in df.value["Waarde"].tolist()]
    assert non_eu and "Statbel" in " ".join(non_eu[0]["Bron"])


def test_signals_page_with_examples_puts_deteriorating_objectives_first(policy_db):
    at = run_page("views/signalen.py", examples="1")
    first = [m.value for m in at.markdown if m.value.startswith("**1.**")][0]
    assert "Doelstelling gaat achteruit" in first and "voorbeeld" in first
    # issue 14, item 2: each period as its indicator defines it (a stock on 31/12, an annual average)
    assert ("**Voorbeeld: minder werkzoekenden zonder werk met een niet-EU-herkomst** gaat de verkeerde kant op: "
            "van 5.143 (31/12/2019) naar 6.205 (31/12/2024)") in body(at)
    assert "van 19,8 % (jaargemiddelde 2019) naar 20,7 % (jaargemiddelde 2024)" in body(at)
    assert "+2,7 procentpunt" in body(at)  # item 4: a rate's change in percentage points


@pytest.mark.parametrize(
    ("lang", "heading", "count", "top"),
    [
        ("nl", "Context: knelpuntberoepen in Vlaanderen (geen signaal)",
         "Op de VDAB-knelpuntberoepenlijst 2026 staan **227** beroepen, voor heel Vlaanderen (bron: VDAB, zoals "
         "gemeld door [Focus-WTV](https://focus-wtv.be/",
         "Top 3 van de lijst 2024: technicus voor industriële installaties, verpleegkundige en schoonmaker bij "
         "mensen thuis (bron: VDAB, zoals gemeld door [TVL](https://www.tvl.be/"),
        ("en", "Context: bottleneck occupations in Flanders (not a signal)",
         "VDAB's 2026 list of bottleneck occupations has **227** occupations, for all of Flanders (source: VDAB, as "
         "reported by [Focus-WTV](https://focus-wtv.be/",
         "Top 3 of the 2024 list: industrial installations technician, nurse and domestic cleaner (source: VDAB, "
         "as reported by [TVL](https://www.tvl.be/"),
    ],
)
def test_signals_page_cites_the_bottleneck_list_as_context_not_as_a_signal(policy_db, lang, heading, count, top):
    at = run_page("views/signalen.py", lang=lang)
    assert heading in [s.value for s in at.subheader]
    text = body(at)
    assert count in text and top in text
    ranked = [m.value for m in at.markdown if m.value.startswith("**") and m.value.split("**")[1].endswith(".")]
    assert ranked and not any("knelpunt" in r.lower() or "bottleneck" in r.lower() for r in ranked)


def test_editor_is_locked_by_default(policy_db):
    at = run_page("views/beleid_editor.py")
    assert "GSIW_LOCAL_MODE=editor make run" in at.warning[0].value  # the one way, as the README says
    assert not at.get("form") and not at.tabs


def open_editor_record(monkeypatch, entity: str, rid: str) -> AppTest:
    monkeypatch.setenv("GSIW_LOCAL_ADMIN", "1")
    at = run_page("views/beleid_editor.py")
    at.text_input(key="editor_name").input("Els Test").run()
    at.selectbox(key="ed_entity").select(entity).run()
    at.selectbox(key=f"ed_rec_{entity}").select(rid).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_editor_saves_and_the_audit_trail_names_the_editor(policy_db, monkeypatch):
    at = open_editor_record(monkeypatch, "objectives", "gsiw17-sectoren")
    at.text_input(key="ed::objectives::gsiw17-sectoren::title_en").input("Support for sectors (2017-2019)")
    at.button(key="FormSubmitter:form::objectives::gsiw17-sectoren-Bewaren").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert "Bewaard: 1 veld gewijzigd, nu versie 2." in [s.value for s in at.success]
    store = PolicyStore(policy_db)
    assert store.get("objectives", "gsiw17-sectoren")["title_en"] == "Support for sectors (2017-2019)"
    (row,) = [r for r in store.audit_log(limit=5) if r["who"] == "Els Test"]
    assert (row["field"], row["old"], row["new"], row["via"]) == (
        "title_en", "Support for sectors", "Support for sectors (2017-2019)", "editor")


def test_editor_refuses_a_concurrent_edit(policy_db, monkeypatch):
    at = open_editor_record(monkeypatch, "objectives", "gsiw17-sectoren")
    store = PolicyStore(policy_db)  # someone else saves the same objective meanwhile
    store.update("objectives", "gsiw17-sectoren", {"title_en": "Theirs"}, expected_version=1, user="Other")
    at.text_input(key="ed::objectives::gsiw17-sectoren::title_en").input("Mine")
    at.button(key="FormSubmitter:form::objectives::gsiw17-sectoren-Bewaren").click().run()
    assert any("Iemand anders heeft dit record intussen bewaard" in e.value for e in at.error)
    assert store.get("objectives", "gsiw17-sectoren")["title_en"] == "Theirs"


def test_target_chart_marks_baseline_and_target_in_words():
    import pandas as pd

    from dashboard.charts import target_chart

    df = pd.DataFrame({"period": ["2019", "2023", "2024"], "value": [19.8, 18.0, None]})
    fig = target_chart(df, title="t", unit="%", lang="nl", baseline=("2019", 19.8), target=(2027, 15.0),
                       labels={"series": "18-24 jaar", "baseline": "Basiswaarde", "target": "Streefwaarde 15,0 % (2027)"})
    assert [tr.name for tr in fig.data] == ["18-24 jaar", "Basiswaarde"]
    assert list(fig.data[0].x) == ["2019", "2023"]  # a hidden value is left out, not drawn as 0
    assert fig.layout.shapes[0].y0 == 15.0 and fig.layout.annotations[0].text == "Streefwaarde 15,0 % (2027)"


def test_editor_pickers_speak_the_users_language(policy_db, monkeypatch):
    """Issue 14: a link is edited with plain labels (indicator by name and unit, area by name, direction
    in words), the figure it follows is shown, and a validation error names the field as the form does."""
    at = open_editor_record(monkeypatch, "links", "vb-jongeren-18-24")
    prefix = "ed::links::vb-jongeren-18-24"
    ind = at.selectbox(key=f"{prefix}::indicator_id")
    assert ind.value == "jobseeker_rate" and ind.format_func("jobseeker_rate") == "Werkzoekendengraad (jaargemiddelde) (%)"
    assert at.selectbox(key=f"{prefix}::geo_code").format_func("44021") == "Gent"
    assert at.selectbox(key=f"{prefix}::direction").format_func("higher_is_worse") == "hoger is slechter"
    assert at.selectbox(key=f"{prefix}::breakdown_value").format_func("18-24") == "18-24 jaar"
    assert any("laatste waarde" in i.value and "jaargemiddelde 2024" in i.value for i in at.info)
    assert any("Velden met * zijn verplicht." in c.value for c in at.caption)
    at.text_input(key=f"{prefix}::baseline_period").input("vorig jaar")
    at.button(key="FormSubmitter:form::links::vb-jongeren-18-24-Bewaren").click().run()
    errors = " ".join(e.value for e in at.error)
    assert "Basisperiode (bv. 2019 of 2019-07)" in errors and "geef een periode zoals 2019 of 2019-06" in errors
    assert "must be" not in errors


def test_objectives_say_no_loaded_series_matches_the_arbeidspact_definitions(policy_db):
    """Issue 16: census 2021 and VAR 2024 are loaded, but none has the objective's definition: the objective
    says so instead of drawing a look-alike."""
    text = body(run_page("views/doelstellingen.py", plan="arbeidspact-2019"))
    assert "Geen geladen reeks heeft exact deze definitie: de census 2021 (15-64 jaar, 1 januari 2021: 69,3 %)" in text
    assert "administratieve werkloosheidsgraad 15-64 van de Vlaamse Arbeidsrekening (2024: 8,2 %)" in text
    text = body(run_page("views/doelstellingen.py", plan="arbeidspact-2019", lang="en"))
    assert "No loaded series has exactly this definition: census 2021 (ages 15-64, 1 January 2021: 69.3%)" in text
