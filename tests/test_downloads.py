"""Every panel's downloads equal the table it shows, and say where the numbers come from.

Each analysis page is opened with every "show as table" toggle on; the CSV and Excel files its
buttons offer are read back (the bytes a user saves) and compared cell by cell with the table on
screen, parsed back from its Belgian formatting here (independently of the code that formatted
it). The Excel metadata sheet must name the source, licence, period and the link of the view.
"""

from __future__ import annotations

import io
import re

import openpyxl
import pandas as pd
import pytest

from tests.app_support import ServedFiles
from tests.app_support import record_downloads
from tests.app_support import run_page

# page -> number of panels (tables with their own CSV + Excel) it shows on the shipped warehouse
PAGES = {
    "views/paradox.py": 12,
    "views/werkzoekenden.py": 4,
    "views/vacatures.py": 4,
    "views/pendel.py": 5,
    "views/kaart.py": 1,
    "views/signalen.py": 1,
}
EXPORT_ADDS = {"Bron", "Periode"}  # columns the one export path adds (dashboard/exports.py)
NUMBER = re.compile(r"^[+-]?[\d.]+(,\d+)?( %)?$")


def shown_number(text: str) -> tuple[float, float] | None:
    """'21.374' -> (21374, 0.5); '10,8 %' -> (10.8, 0.05); None for text that is not a number."""
    if not NUMBER.match(text):
        return None
    digits = text.replace(" %", "").replace(".", "")
    decimals = len(digits.split(",")[1]) if "," in digits else 0
    return float(digits.replace(",", ".")), 0.5 * 10**-decimals + 1e-9


def same_cell(shown: str, saved: str, decimal: str = ".") -> bool:
    if shown == "–":  # a missing value is a dash on screen and empty in the file
        return saved in ("", "nan")
    number = shown_number(shown)
    if number is None:
        return shown == saved
    value, tolerance = number
    try:
        return abs(float(saved.replace(decimal, ".")) - value) <= tolerance
    except ValueError:
        return False


def read_saved_csv(data: bytes) -> tuple[pd.DataFrame, str]:
    """The CSV as saved, whichever convention it uses: ',' with decimal points, or the Belgian ';'
    with decimal commas. Returns the table (all text) and its decimal mark."""
    header = data.decode("utf-8-sig").split("\n", 1)[0]
    sep = ";" if header.count(";") > header.count(",") else ","
    table = pd.read_csv(
        io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False, sep=sep
    )
    return table, "," if sep == ";" else "."


def mismatch(shown: pd.DataFrame, saved: pd.DataFrame, decimal: str = ".") -> str | None:
    """The first cell where the table on screen and the saved file differ (None: they are the same)."""
    for col in shown.columns:
        cells = [
            "" if v is None or (isinstance(v, float) and v != v) else str(v) for v in shown[col]
        ]
        for i, (a, b) in enumerate(zip(cells, saved[col], strict=True)):
            if not same_cell(a, b, decimal):
                return f"row {i} {col}: shown {a!r}, saved {b!r}"
    return None


@pytest.fixture(scope="module")
def pages(warehouse):
    """Each page with all its tables shown, and the files its buttons offer in that state."""
    mp = pytest.MonkeyPatch()
    mp.setenv("GSIW_WAREHOUSE", str(warehouse))
    mp.setenv("GSIW_LOCAL_MODE", "viewer")
    out = {}
    served = record_downloads(mp)
    try:
        for page in PAGES:
            at = run_page(page)
            for toggle in at.toggle:
                if toggle.key and toggle.key.endswith("_as_table"):
                    toggle.set_value(True)
            served.clear()  # only what this page offers with its tables shown
            at.run()
            assert not at.exception, [e.message for e in at.exception]
            out[page] = (at, ServedFiles(served))
    finally:
        mp.undo()
    return out


@pytest.mark.parametrize(
    "page", [p for p in PAGES if p != "views/signalen.py"]  # cards, not a table: see the next test
)
def test_each_panels_csv_and_excel_equal_the_table_shown(pages, page):
    at, served = pages[page]
    tables = [d.value for d in at.dataframe]
    csvs = [n for n in served if n.endswith(".csv")]
    assert len(csvs) == PAGES[page], csvs
    for name in csvs:
        saved, decimal = read_saved_csv(served[name])
        assert len(saved) > 0, name
        # The export path adds the source and period as columns when the table lacks them (issue 14).
        # and writes the unit after a value column's name ("Aandeel (%)").
        same_shape = [
            t.rename(columns=dict(zip(t.columns, kept, strict=True)))
            for t in tables
            if len(t) == len(saved)
            and len(kept := [c for c in saved.columns if c in t.columns or c not in EXPORT_ADDS]) == len(t.columns)
            and all(k == c or k.startswith(f"{c} (") for k, c in zip(kept, t.columns, strict=True))
        ]
        assert same_shape, (
            f"{name}: no table on screen with columns {list(saved.columns)} and {len(saved)} rows"
        )
        mismatches = [mismatch(shown, saved, decimal) for shown in same_shape]
        assert None in mismatches, f"{name}: {mismatches[0]}"
        book = openpyxl.load_workbook(io.BytesIO(served[name.removesuffix(".csv") + ".xlsx"]))
        rows = list(book["data"].iter_rows(values_only=True))
        assert list(rows[0]) == list(saved.columns)
        for got, want in zip(rows[1:], saved.itertuples(index=False), strict=True):
            for g, w in zip(got, want, strict=True):
                assert (
                    (g is None and w == "") or str(g) == w or float(g) == pytest.approx(float(w.replace(".", "").replace(",", ".") if decimal == "," else w))
                ), (name, got, want)


@pytest.mark.parametrize("page", list(PAGES))
def test_each_excel_names_source_licence_period_and_link(pages, page):
    _at, served = pages[page]
    for name in [n for n in served if n.endswith(".xlsx")]:
        meta = dict(
            openpyxl.load_workbook(io.BytesIO(served[name]))["metadata"].iter_rows(
                min_row=2, values_only=True
            )
        )
        # a period such as 2014–2024, 2024-05 or "census 1 januari 2011"
        assert meta["Weergave"] and re.search(r"\b(19|20)\d{2}\b", meta["Periode"]), (name, meta)
        assert (
            meta["Link naar deze weergave"].startswith("?")
            and "=" in meta["Link naar deze weergave"]
        ), name
        sources = [k for k in meta if k.startswith("Bron ")]
        assert sources, name
        for key in sources:
            n = key.removeprefix("Bron ")
            assert meta[key].strip(" –") and meta[f"Licentie {n}"], (name, key, meta)


def test_the_signals_download_lists_each_card_in_the_readers_words(pages):
    """The signals page shows cards, not a table: its file has one row per card, ranked, with the
    finding as shown and no internal rule names or ids (issue 14: one export path)."""
    at, served = pages["views/signalen.py"]
    (name,) = [n for n in served if n.endswith(".csv")]
    saved, _ = read_saved_csv(served[name])
    cards = [m.value for m in at.markdown if re.match(r"^\*\*\d+\.\*\* ", m.value)]
    assert list(saved["Rang"]) == [str(i) for i in range(1, len(cards) + 1)]
    assert list(saved.columns)[:3] == ["Rang", "Soort signaal", "Bevinding"]
    text = saved.to_csv()
    for internal in ("moving_against", "higher_is_worse", "jobseeker_rate", "is_example", "44021"):
        assert internal not in text, internal
