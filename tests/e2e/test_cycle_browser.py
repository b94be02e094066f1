"""One turn of the Policy Group's working cycle in Chromium (issue 18), as an editor on a local machine:
add a partner (generic editor), an action-group report (Actiegroepen), a project measure value (generic
editor; the measure is made in the set-up) and a decision with an action item (Agenda en besluiten); then
the next meeting's brief ("Sinds de vorige vergadering") lists the open action item and the new value.

Runs its own `streamlit run dashboard/app.py` in the documented local editor mode (GSIW_LOCAL_MODE=editor,
loopback only) on a fresh seeded policy store in a temp folder: the checkout's store is never touched.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page
from playwright.sync_api import expect

from policy.store import PolicyStore
from tests.e2e.conftest import StPage
from tests.e2e.conftest import StreamlitServer

EDITOR = "Eddy Editor"
MEASURE = "Ritten per werkdag e2e"


@pytest.fixture(scope="module")
def cycle_app(warehouse, tmp_path_factory):
    base = tmp_path_factory.mktemp("cycle-e2e")
    store_path = base / "policy.sqlite"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GSIW_LOCAL_ADMIN", "1")
        store = PolicyStore(store_path)  # seeded from data/policy/seed.yaml
        store.create(
            "measures",
            "e2e-ritten",
            {
                "project_id": "max-mobiel",
                "kind": "how_much",
                "name_nl": MEASURE,
                "unit_nl": "ritten",
                "is_example": True,
            },
            user="set-up",
        )
    server = StreamlitServer(
        "dashboard/app.py",
        warehouse,
        base / "app.log",
        env={
            "GSIW_LOCAL_MODE": "editor",
            "GSIW_EDITOR": EDITOR,
            "GSIW_POLICY_DB": str(store_path),
            "GSIW_POLICY_BACKUPS": str(base / "backups"),
        },
    )
    yield server, store_path
    server.stop()


def select(page: Page, label, option, typed: tuple[str, ...] = ()) -> None:
    """Pick `option` in the Streamlit selectbox labelled `label` (text or regex). The list is virtualised
    (only the first options exist in the page), so a `typed` text filters it first, as a user would type;
    several candidates cover a label that is not translated yet (then the key shows)."""
    box = (
        page.locator("[data-testid='stSelectbox']:visible")
        .filter(has=page.get_by_text(label))
        .first
    )
    entry = box.locator("input")
    entry.click()
    wanted = page.get_by_role("option", name=option)
    for _attempt in range(3):  # the list can close while the page reruns: open it again and retype
        for text in typed:
            entry.fill("")
            entry.press_sequentially(text, delay=40)
            page.wait_for_timeout(500)
            if wanted.count():
                break
        if wanted.count() or not typed:
            break
        entry.click()
    wanted.first.click()


def field(page: Page, label):
    return (
        page.locator(
            "[data-testid='stTextInput']:visible, [data-testid='stTextArea']:visible, [data-testid='stNumberInput']:visible"
        )
        .filter(has=page.get_by_text(label))
        .first.locator("input, textarea")
        .first
    )


def fill_form(st: StPage, page: Page, values: dict) -> None:
    """Fill a form's text fields and check they kept their text: a rerun still under way after the
    selectbox above them (the kind of record) re-renders the form and empties what was typed."""
    for _attempt in range(3):
        for label, value in values.items():
            field(page, label).fill(value)
        page.wait_for_timeout(300)
        st.wait_idle()
        if all(field(page, label).input_value() == value for label, value in values.items()):
            return
    raise AssertionError(f"the form kept losing what was typed: {list(values.values())}")


def test_one_cycle_from_partner_to_the_next_brief(page: Page, cycle_app):
    server, store_path = cycle_app
    st = StPage(page, server)

    # 1. a partner, in the generic editor (Beleid bewerken > Nieuw)
    st.open("beleid-bewerken")
    page.get_by_role("tab", name="Nieuw").click()
    select(page, re.compile("^Soort$"), re.compile("^Partners$"), typed=("Partners",))
    st.wait_idle()
    fill_form(st, page, {re.compile(r"^Id "): "e2e-vzw-werkwinkel", re.compile(r"^Naam \*"): "Werkwinkel Test vzw",
                         re.compile(r"^Bron "): "e2e test"})
    page.get_by_role("button", name="Aanmaken").click()
    expect(page.get_by_text("e2e-vzw-werkwinkel aangemaakt.")).to_be_visible()

    # 2. a project measure value for the measure made in the set-up (same editor, same tab)
    select(
        page,
        re.compile("^Soort$"),
        re.compile(r"measure_values|waarde", re.IGNORECASE),
        typed=("waarde", "measure_values", "meet"),
    )
    st.wait_idle()
    fill_form(st, page, {re.compile(r"^Id "): "e2e-ritten-2026"})
    select(
        page,
        re.compile(r"measure_id|prestatiemaat|maatsta|meting", re.IGNORECASE),
        re.compile(MEASURE),
        typed=(MEASURE,),
    )
    fill_form(st, page, {re.compile(r"^Id "): "e2e-ritten-2026", re.compile(r"period|periode", re.IGNORECASE): "2026",
                         re.compile(r"^(policy\.field\.value|waarde)", re.IGNORECASE): "812",
                         re.compile(r"^Bron "): "e2e test"})
    page.get_by_role("button", name="Aanmaken").click()
    expect(page.get_by_text("e2e-ritten-2026 aangemaakt.")).to_be_visible()

    # 3. an action-group report on Actiegroepen
    st.open("actiegroepen")
    page.get_by_text("Rapport toevoegen").first.click()
    field(page, "Voortgang").fill("Drie werksessies gehouden (e2e).")
    field(page, re.compile("^Herkomst")).fill("e2e test")
    page.get_by_role("button", name="Rapport opslaan").first.click()
    expect(page.get_by_text("Rapport opgeslagen.")).to_be_visible()

    # 4. a decision with an action item for the next meeting, on Agenda en besluiten
    st.open("agenda")
    page.get_by_text("Besluit toevoegen").click()
    field(page, re.compile(r"^Besluit \*")).fill(
        "De Beleidsgroep vraagt een tussentijds rapport (e2e)."
    )
    field(page, "Wat moet er gebeuren?").fill("Tussentijds rapport bezorgen e2e")
    select(page, "Trekker (partner)", re.compile("Werkwinkel Test vzw"), typed=("Werkwinkel",))
    page.get_by_role("button", name="Besluit opslaan").click()
    expect(page.get_by_text("Besluit opgeslagen met 1 actiepunt.")).to_be_visible()
    st.assert_no_exception()

    store = PolicyStore(store_path)
    assert store.get("partners", "e2e-vzw-werkwinkel")["updated_by"] == EDITOR
    assert store.get("measure_values", "e2e-ritten-2026")["value"] == 812
    assert any(
        r["progress_nl"] == "Drie werksessies gehouden (e2e)." for r in store.records("reports")
    )
    item = next(
        a
        for a in store.records("action_items")
        if a["title_nl"] == "Tussentijds rapport bezorgen e2e"
    )
    assert item["owner_partner_id"] == "e2e-vzw-werkwinkel" and item["status"] == "open"

    # 5. the next meeting's brief opens with the open action item and lists the new measure value
    st.open("vergadering")
    main = page.locator("[data-testid='stMain']")
    expect(main.get_by_text("Tussentijds rapport bezorgen e2e")).to_be_visible()
    expect(main.get_by_text(re.compile(MEASURE + r": 812 ritten \(2026\)"))).to_be_visible()
    headers = [h.strip() for h in main.locator("h2").all_inner_texts()]
    assert headers.index("Openstaande actiepunten") < headers.index(
        "Nieuwe cijfers in het datawarehouse"
    ), headers
    st.assert_no_exception()
    st.screenshot("cycle-brief")
