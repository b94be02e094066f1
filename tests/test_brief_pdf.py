"""The meeting pack: the PDF read back with pypdf, the Excel workbook round trip, the CLI run offline."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from datetime import date

import pandas as pd
import pytest
from pypdf import PdfReader

from dashboard.brief import pack
from dashboard.brief import render as R
from dashboard.brief.model import brief_for_warehouse
from dashboard.exports import META_SHEET
from dashboard.exports import to_csv
from dashboard.i18n import t
from pipelines.config import ROOT
from policy.store import PolicyStore
from tests.brief_support import SINCE
from tests.brief_support import TODAY
from tests.brief_support import truncated_copy

BASE = "https://monitor.gsiw.example"


@pytest.fixture(scope="module")
def setup(warehouse, tmp_path_factory):
    d = tmp_path_factory.mktemp("pack")
    prev = truncated_copy(warehouse, d / "previous.duckdb")
    store = PolicyStore(d / "policy.sqlite")
    return {"dir": d, "previous": prev, "current": warehouse, "store_path": d / "policy.sqlite",
            "brief": brief_for_warehouse(warehouse, store, SINCE, previous=prev, today=TODAY)}


@pytest.fixture(scope="module")
def pdf_nl(setup):
    return pack.to_pdf(setup["brief"], "nl", base_url=BASE)


def pdf_text(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    return reader, " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_the_pdf_has_every_section_with_the_real_figures(pdf_nl, setup):
    assert pdf_nl.startswith(b"%PDF")
    reader, text = pdf_text(pdf_nl)
    assert len(reader.pages) >= 4
    assert "Vergadermap Beleidsgroep Gent, stad in werking" in text
    assert "Sinds de vorige vergadering van 15 september 2026" in text
    for sec in R.sections(setup["brief"], "nl"):
        assert sec.title in text
    assert "van 9,9 % (2023) naar 10,8 % (2024), +0,9 procentpunt: weg van de doelstelling" in text
    assert "van 13.186 (2023) naar 14.576 (2024), +1.390 (+10,5 %): een verslechtering" in text
    assert "nieuwe periodes 2024 voor Werkzoekendengraad (jaargemiddelde)" in text
    assert "van Op schema naar Achteruitgang" in text  # the non-EU example objective
    assert f"{BASE}/indicatoren?indicator=jobseeker_rate&geo=44021&breakdown=total&lang=nl" in text
    assert "VOORBEELD" in text  # example items are marked as such


def test_the_pdf_lists_its_sources_and_method(pdf_nl, setup):
    _reader, text = pdf_text(pdf_nl)
    tail = text[text.rindex("Werkwijze"):]
    assert "Bronnen" in tail and "minstens 0,3 procentpunt" in tail
    from dashboard.provenance import source_text

    for sid in R.cited_sources(setup["brief"]):  # the publisher in the reader's language, no builder notes
        publisher = source_text(sid, "publisher", "nl", setup["brief"].source_meta[sid]["publisher"])
        assert publisher.split(";")[0] in tail, sid
    assert "computed from" not in tail and "jobs_at_workplace" not in tail
    assert "Werkzoekenden per gemeente (VDAB, via Provincies in Cijfers)" in tail
    assert "versie 2026-05-21" in tail  # the snapshot the figures come from


def test_the_pdf_charts_are_images(pdf_nl, setup):
    reader, _text = pdf_text(pdf_nl)
    images = [img for page in reader.pages for img in page.images]
    with_chart = [i for s in R.sections(setup["brief"], "nl") for i in s.items if i.chart is not None]
    assert len(images) == min(pack.MAX_CHARTS, len(with_chart)) >= 8
    assert images[0].image.size[0] > 600  # a real raster chart, not an icon


def test_the_pdf_in_english(setup):
    _reader, text = pdf_text(pack.to_pdf(setup["brief"], "en", base_url=BASE))
    assert "Meeting pack, Policy Group Gent, stad in werking" in text
    assert "Since the last meeting of 15 September 2026" in text
    assert "from 9.9% (2023) to 10.8% (2024), +0.9 percentage points: away from the objective" in text
    assert "Sources" in text


def test_the_excel_workbook_round_trips_with_the_same_numbers(setup):
    brief = setup["brief"]
    book = pd.read_excel(io.BytesIO(pack.to_xlsx(brief, "nl", base_url=BASE)), sheet_name=None)
    names = R.sheet_names("nl")
    assert list(book) == [*names.values(), META_SHEET]
    tables = R.tables(brief, "nl", base_url=BASE)
    for key, name in names.items():
        got, want = book[name], tables[key]
        assert list(got.columns) == list(want.columns) and len(got) == len(want), key
    moves = book[names["moves"]].set_index("Indicator")
    gent = moves[moves["Gebied"] == "Gent"]
    rate, nwwz = "Werkzoekendengraad (jaargemiddelde)", "Werkzoekenden zonder werk (jaargemiddelde)"
    assert gent.loc[rate, ["Waarde bij de vergadering", "Waarde nu"]].tolist() == [9.9, 10.8]
    change = "Verschil (in procentpunt bij een %)"
    assert gent.loc[nwwz, change] == 1390 and gent.loc[rate, change] == 0.9  # percentage points, as the text says
    assert pd.isna(gent.loc[rate, "Relatief verschil (%)"]) and gent.loc[nwwz, "Relatief verschil (%)"] == 10.5
    assert set(moves["Eenheid"]) <= {"%", "personen", "vacatures", "verhouding", "jobs"}  # no "persons" in Dutch
    # The figure a reader sees on the page and in the PDF, not the computed 3.6123915737298637 of a ratio.
    ratios = moves[moves["Eenheid"] == "verhouding"]
    assert not ratios.empty
    for col in ("Waarde bij de vergadering", "Waarde nu"):
        assert (ratios[col] == ratios[col].round(2)).all(), col
    shown = [R.num(m.value_now, m.unit, "nl") for m in brief.moves]
    sheet = book[names["moves"]]
    assert [R.num(v, m.unit, "nl") for v, m in zip(sheet["Waarde nu"], brief.moves, strict=True)] == shown
    assert all(len(repr(v)) <= 8 for v in sheet["Waarde nu"])  # no 3.6123915737298637
    rel = book[names["releases"]].set_index("Bron")
    assert str(rel.loc["VDAB, via Provincies in Cijfers – Werkzoekenden per gemeente (VDAB, via Provincies in Cijfers)",
                       "Nieuwe periodes"]) == "2024"
    meta = dict(zip(book[META_SHEET]["field"], book[META_SHEET]["value"], strict=True))
    assert meta["Vorige vergadering"] == "2026-09-15" and "0,3 procentpunt" in meta["Werkwijze"]
    assert any(k.startswith("Bron ") and "Provincies in Cijfers" in v for k, v in meta.items())


def test_each_table_as_csv_round_trips(setup):
    for key, table in R.tables(setup["brief"], "en").items():
        back = pd.read_csv(io.BytesIO(to_csv(table)), encoding="utf-8-sig", dtype=str, keep_default_na=False)
        assert list(back.columns) == list(table.columns) and len(back) == len(table), key
    moves = pd.read_csv(io.BytesIO(to_csv(R.tables(setup["brief"], "en")["moves"])), encoding="utf-8-sig")
    assert moves["Value now"].tolist() == [R.shown(m.value_now, m.unit) for m in setup["brief"].moves]
    ratio = [m for m in setup["brief"].moves if m.unit == "ratio"][0]
    row = moves[moves["Unit"] == "ratio"].iloc[0]
    assert row["Value now"] == round(ratio.value_now, 2) != ratio.value_now  # 3.61 as shown, not 3.6123915737298637


def test_export_names_carry_the_view_and_both_dates():
    assert R.pack_name("vergadering", "pdf", date(2026, 9, 15)) == \
        f"gsiw-vergadering-sinds-2026-09-15-{date.today().isoformat()}.pdf"


# --------------------------------------------------------------------------- the command line, offline


def _offline_env(setup, tmp_path) -> dict:
    """A subprocess whose sockets refuse to connect: the pack must need no network at all."""
    block = tmp_path / "offline"
    block.mkdir()
    (block / "sitecustomize.py").write_text(
        "import socket\n"
        "def _refuse(*a, **k):\n"
        "    raise OSError('network blocked in this test')\n"
        "socket.socket.connect = _refuse\n"
        "socket.create_connection = _refuse\n"
    )
    env = dict(os.environ)
    env.update(PYTHONPATH=os.pathsep.join([str(block), str(ROOT)]), GSIW_POLICY_DB=str(setup["store_path"]),
               GSIW_WAREHOUSE=str(setup["current"]), MPLCONFIGDIR=str(tmp_path / "mpl"))
    env.pop("GSIW_DASHBOARD_URL", None)
    return env


def test_the_cli_writes_the_pack_offline(setup, tmp_path):
    out = tmp_path / "brief.pdf"
    run = subprocess.run(
        [sys.executable, "-m", "dashboard.brief", "--since", "2026-09-15", "--out", str(out), "--xlsx", str(tmp_path),
         "--previous", str(setup["previous"])],
        cwd=ROOT, env=_offline_env(setup, tmp_path), capture_output=True, text=True, timeout=300,
    )
    assert run.returncode == 0, run.stderr
    _reader, text = pdf_text(out.read_bytes())
    assert "Sinds de vorige vergadering van 15 september 2026" in text
    assert "van 9,9 % (2023) naar 10,8 % (2024)" in text
    assert "http://localhost:8501/werkzoekenden?geo=44021&lang=nl" in text  # default dashboard address
    (xlsx,) = tmp_path.glob("*.xlsx")
    assert re.fullmatch(r"gsiw-vergadering-sinds-2026-09-15-\d{4}-\d{2}-\d{2}\.xlsx", xlsx.name)
    assert "opvallende bewegingen" in run.stdout


def test_the_cli_refuses_clearly(setup, tmp_path):
    env = _offline_env(setup, tmp_path)
    missing = subprocess.run([sys.executable, "-m", "dashboard.brief", "--since", "2026-09-15", "--warehouse",
                              str(tmp_path / "none.duckdb"), "--out", str(tmp_path / "x.pdf")],
                             cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert missing.returncode == 1 and "python -m pipelines build" in missing.stderr
    assert not (tmp_path / "x.pdf").exists()
    bad = subprocess.run([sys.executable, "-m", "dashboard.brief", "--since", "15/09/2026"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "--since" in bad.stderr


def test_the_pdf_names_the_next_meeting_and_the_licence_of_every_cited_source(pdf_nl):
    """The next meeting after TODAY (2026-11-23) in the seeded calendar is 19 January 2027, an example
    date; the sources list gives each cited source's licence and link, in that order."""
    _reader, text = pdf_text(pdf_nl)
    assert "Volgende vergadering: 19 januari 2027 (voorbeeld)" in text
    assert "Volgende vergadering: 17 november 2026" not in text  # the meeting before today
    tail = text[text.rindex("Bronnen") :]
    licences = [
        ("Afgeleide indicatoren", "follows the licences of the input sources"),
        ("Bevolking naar herkomst per gemeente", "Statbel open data; the processing repository states no licence"),
        ("Ontvangen vacatures bouwsector per maand", "VDAB Arvastat figures; the compiling repository states no"),
        ("Werkzoekenden per gemeente (VDAB, via Provincies in Cijfers)", "unverified: Provincies in Cijfers publishes"),
        ("Vacatures per gemeente en sector (VDAB, via Provincies in Cijfers)", "unverified: Provincies in Cijfers"),
    ]
    at = 0
    for title, licence in licences:
        at = tail.index(title, at)
        nxt = tail.index(licence, at)
        assert nxt - at < 200, f"the licence of {title} is not beside it"
    for link in ("https://statbel.fgov.be/nl/themas/bevolking/herkomst", "https://arvastat.vdab.be/"):
        assert link in tail
    assert tail.count("https://provincies.incijfers.be/") == 2


def test_the_excel_workbook_holds_the_project_results_and_turn_the_curve_sections(setup, tmp_path, monkeypatch):
    """What the meeting page shows below the comparison (new measure values, budgets, advice; the curve
    per linked indicator) is in the Excel pack too, a sheet each, a row per item, in Dutch."""
    import shutil

    shutil.copyfile(setup["store_path"], tmp_path / "policy.sqlite")
    store = PolicyStore(tmp_path / "policy.sqlite")
    monkeypatch.setenv("GSIW_LOCAL_ADMIN", "1")
    store.create("measures", "m-ritten", {"project_id": "max-mobiel", "kind": "how_much", "name_nl": "Ritten",
                                          "unit_nl": "ritten", "is_example": True}, user="Eddy")
    store.create("measure_values", "mv-2026", {"measure_id": "m-ritten", "period": "2026", "value": 1234.0,
                                               "is_example": True}, user="Eddy")
    from dashboard.brief.page import extra_sections

    extra = extra_sections(setup["brief"], store, SINCE, "nl")
    assert len(extra) == 2 and all(sec.items for sec in extra)
    book = pd.read_excel(
        io.BytesIO(pack.to_xlsx(setup["brief"], "nl", base_url=BASE, extra_sections=extra)), sheet_name=None
    )
    for sec in extra:
        sheet = book[sec.title[:31]]
        assert len(sheet) == len(sec.items), sec.key
        assert list(sheet.columns) == [t(f"meeting.col.{k}", "nl") for k in ("kind", "finding", "is_example", "link")]
        assert not sheet[t("meeting.col.finding", "nl")].str.contains(r"\*\*").any()  # plain text, no markdown
        assert sheet[t("meeting.col.link", "nl")].str.startswith(BASE).all()
    assert list(book)[-1] == META_SHEET
