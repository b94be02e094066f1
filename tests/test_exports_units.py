"""dashboard/exports.py in detail: the two buttons, the workbook's sheets, widths and metadata.

Fast and pure (one AppTest.from_function without a warehouse), so `make mutation` runs it for
every mutant of the module; tests/test_downloads.py checks every page's downloads.
"""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import exports
from tests.app_support import record_downloads

META = {
    "Weergave": "Vacatures",
    "Bron 1": "VDAB – Vacatures per gemeente",
    "Licentie 1": "CC BY 4.0",
}


def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {"Gebied": ["Gent", "Liège"], "Periode": ["2024", "2024"], "Waarde": [21374.0, 10.8]}
    )


def test_slug_and_file_name():
    assert exports.slug("Werkzoekenden – Gent (2024)") == "werkzoekenden-gent-2024"
    assert exports.slug("  ") == "export" and exports.slug("--") == "export"
    assert exports.file_name("A/B", "csv", date(2026, 1, 2)) == "gsiw-a-b-2026-01-02.csv"
    assert exports.file_name("x", "xlsx").endswith(f"-{date.today().isoformat()}.xlsx")


def test_csv_is_utf8_with_bom_without_index():
    assert (
        exports.to_csv(frame())
        == "\ufeffGebied,Periode,Waarde\r\nGent,2024,21374.0\r\nLiège,2024,10.8\r\n".encode()
    )


def widths(ws) -> dict[int, int]:
    """Column number -> width as set by the writer (openpyxl merges equal neighbours into one range)."""
    return {i: int(d.width) for d in ws.column_dimensions.values() for i in range(d.min, d.max + 1)}


def test_workbook_sheets_widths_frozen_header_and_metadata():
    long = pd.DataFrame({"k": ["x" * 80, "y"], "Periode": ["2024", "2025"]})
    data = exports.to_excel_book(
        {"Een heel lange bladnaam die Excel niet toelaat": frame(), "b": long}, META
    )
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Een heel lange bladnaam die Exc", "b", exports.META_SHEET]
    first, second, meta = book.worksheets
    assert [c.value for c in first[1]] == ["Gebied", "Periode", "Waarde"]
    assert first["C2"].value == 21374 and first["C3"].value == 10.8
    assert first.freeze_panes == "A2" and second.freeze_panes == "A2"
    # Width = longest of header and values + 2, at most 60 (openpyxl adds Excel's 0.71 padding).
    assert widths(first) == {1: 8, 2: 9, 3: 9}  # "Gebied", "Periode", "21374.0"
    assert widths(second) == {1: 60, 2: 9}
    assert list(meta.iter_rows(values_only=True)) == [("field", "value"), *META.items()]
    assert (round(meta.column_dimensions["A"].width), round(meta.column_dimensions["B"].width)) == (
        29,
        111,
    )


def test_one_table_workbook_names_its_sheet():
    book = openpyxl.load_workbook(io.BytesIO(exports.to_excel(frame(), META)))
    assert book.sheetnames == [exports.DATA_SHEET, exports.META_SHEET]
    book = openpyxl.load_workbook(io.BytesIO(exports.to_excel(frame(), META, sheet="Tabel")))
    assert book.sheetnames == ["Tabel", exports.META_SHEET]


def _buttons(lang: str) -> None:
    import pandas as pd

    from dashboard.exports import download_buttons

    df = pd.DataFrame({"Gebied": ["Gent"], "Waarde": [1.5]})
    download_buttons(df, "Mijn weergave", {"Bron 1": "VDAB"}, lang, "k")
    df.loc[0, "Waarde"] = 99.0  # a page changing its frame afterwards must not change the download


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_two_buttons_offer_exactly_the_frame_shown(monkeypatch, lang):
    served = record_downloads(monkeypatch)
    at = AppTest.from_function(_buttons, args=(lang,), default_timeout=30)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == {
        "nl": [
            "CSV downloaden (;)",
            "Excel downloaden",
        ],  # the Belgian convention, said on the button
        "en": ["Download CSV", "Download Excel"],
    }[lang]
    assert [b.key for b in buttons] == ["k_csv", "k_xlsx"]
    stem = f"gsiw-mijn-weergave-{date.today().isoformat()}"
    assert sorted(served) == [f"{stem}.csv", f"{stem}.xlsx"]
    assert (
        served[f"{stem}.csv"]
        == {
            "nl": "\ufeffGebied;Waarde\r\nGent;1,5\r\n",  # `;` and a decimal comma: a Belgian Excel splits it
            "en": "\ufeffGebied,Waarde\r\nGent,1.5\r\n",
        }[lang].encode()
    )
    book = openpyxl.load_workbook(io.BytesIO(served[f"{stem}.xlsx"]))
    assert list(book["data"].iter_rows(values_only=True)) == [("Gebied", "Waarde"), ("Gent", 1.5)]
    assert list(book["metadata"].iter_rows(values_only=True)) == [
        ("field", "value"),
        ("Bron 1", "VDAB"),
    ]


def test_the_buttons_sit_side_by_side_with_icons_types_and_no_rerun(monkeypatch):
    from streamlit.proto.Block_pb2 import Block
    from streamlit.proto.GapSize_pb2 import GapSize
    from streamlit.runtime.media_file_manager import MediaFileManager

    types = {}
    original = MediaFileManager.add_deferred

    def record(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        types[file_name] = mimetype
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    at = AppTest.from_function(_buttons, args=("nl",), default_timeout=30)
    at.run()
    buttons = at.get("download_button")
    assert [(b.proto.icon, b.proto.ignore_rerun) for b in buttons] == [
        (":material/download:", True),
        (":material/table_view:", True),
    ]
    stem = f"gsiw-mijn-weergave-{date.today().isoformat()}"
    assert types == {
        f"{stem}.csv": "text/csv",
        f"{stem}.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    (row,) = at.main.children.values()
    assert row.proto.flex_container.direction == Block.FlexContainer.Direction.HORIZONTAL
    assert row.proto.flex_container.gap_config.gap_size == GapSize.SMALL


def test_csv_and_excel_never_write_the_index_and_widths_read_200_rows():
    df = pd.DataFrame({"v": ["x"] * 200 + ["y" * 40]}, index=range(5, 206))
    assert exports.to_csv(df).decode("utf-8-sig").splitlines()[:2] == ["v", "x"]
    assert "\ufeff".encode() == exports.to_csv(df)[:3]
    book = openpyxl.load_workbook(io.BytesIO(exports.to_excel_book({"t": df}, {"a": "b"})))
    assert [c.value for c in book["t"][1]] == ["v"] and book["t"]["A2"].value == "x"
    assert widths(book["t"]) == {1: 3}  # the long 201st value is not measured: "v"/"x" + 2
    assert exports.slug("-a-") == "a" and exports.slug("X--y") == "x-y"


def test_a_typed_formula_never_runs_in_the_spreadsheet():
    """OWASP CSV injection: text a person typed (a policy title, a note) that a spreadsheet would run
    as a formula gets a leading apostrophe, in cells and headers, in CSV and Excel; numbers, and
    text that is just a number, stay as they are."""
    typed = [
        '=HYPERLINK("http://x")',
        "+1+1",
        "-cmd",
        "@SUM(A1)",
        "\tx",
        "\rx",
        "-3,2",
        "+4.5e3",
        "-.5",
        "-3.",
        "1E-3",
        "- 3",
        "-3,2,1",
        "Gent",
        "",
    ]
    df = pd.DataFrame({"=kop": typed, "getal": [-3.2] * len(typed)})
    assert list(exports.neutralise_formulas(df)["'=kop"]) == [
        '\'=HYPERLINK("http://x")',
        "'+1+1",
        "'-cmd",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        "-3,2",
        "+4.5e3",
        "-.5",
        "-3.",
        "1E-3",
        "'- 3",
        "'-3,2,1",
        "Gent",
        "",
    ]
    assert list(df.columns) == ["=kop", "getal"]  # the page's own frame is not changed
    assert exports.neutralise_cell(-3.2) == -3.2 and exports.neutralise_cell(None) is None
    assert exports.neutralise_cell(" =1") == " =1"  # only the first character counts
    csv = exports.to_csv(df.head(2), exports.BELGIAN).decode("utf-8-sig")
    assert csv == '\'=kop;getal\r\n"\'=HYPERLINK(""http://x"")";-3,2\r\n\'+1+1;-3,2\r\n'
    book = openpyxl.load_workbook(
        io.BytesIO(exports.to_excel(df.head(3), {"Bron 1": "=cmd|' /C calc'!A0"}))
    )
    assert list(book["data"].iter_rows(values_only=True)) == [
        ("'=kop", "getal"),
        ('\'=HYPERLINK("http://x")', -3.2),
        ("'+1+1", -3.2),
        ("'-cmd", -3.2),
    ]
    assert all(c.data_type == "s" for c in book["data"]["A"])  # text, never a formula
    assert list(book["metadata"].iter_rows(values_only=True))[1] == (
        "Bron 1",
        "'=cmd|' /C calc'!A0",
    )
    dates = pd.DataFrame({"d": pd.to_datetime(["2024-01-01"]), "s": pd.Series(["=x"], dtype=str)})
    out = exports.neutralise_formulas(dates)
    assert out["d"].dtype == dates["d"].dtype and list(out["s"]) == ["'=x"]


def test_the_export_rounds_as_shown_and_says_unit_source_and_period():
    df = pd.DataFrame(
        {
            "Gebied": ["Gent", "Genk"],
            "Aandeel": [46.77, 10.0],
            "Ratio": [1.234, 2.0],
            "Aantal": [6205.0, 1435.0],
            "Index": [1.26, 2.0],
            "Getoond": [True, False],
        },
        index=[7, 9],
    )
    units = {"Aandeel": "%", "Ratio": "ratio", "Aantal": "persons"}
    nl = exports.export_frame(df, units, "nl", source="VDAB", period="2024")
    assert list(nl.columns) == [
        "Gebied",
        "Aandeel (%)",
        "Ratio (verhouding)",
        "Aantal (personen)",
        "Index",
        "Getoond",
        "Bron",
        "Periode",
    ]
    assert nl.to_dict("list") == {
        "Gebied": ["Gent", "Genk"],
        "Aandeel (%)": [46.8, 10.0],  # one decimal, as a percentage is shown
        "Ratio (verhouding)": [1.23, 2.0],  # two decimals for a ratio
        "Aantal (personen)": [6205, 1435],  # whole numbers, not 6205.0
        "Index": [1.3, 2.0],  # no unit, not whole: one decimal
        "Getoond": [True, False],
        "Bron": ["VDAB", "VDAB"],
        "Periode": ["2024", "2024"],
    }
    assert str(nl["Aantal (personen)"].dtype) == "Int64" and list(nl.index) == [0, 1]
    assert exports.to_csv(nl, exports.BELGIAN).decode("utf-8-sig").splitlines()[1] == (
        "Gent;46,8;1,23;6205;1,3;True;VDAB;2024"
    )
    en = exports.export_frame(df, units, "en", source="VDAB", period="2024")
    assert list(en.columns)[1:4] == ["Aandeel (%)", "Ratio (ratio)", "Aantal (persons)"]
    assert list(en.columns)[-2:] == ["Source", "Period"]
    assert list(exports.export_frame(df, lang="en").columns) == list(df.columns)
    own = pd.DataFrame({"Periode": ["2023", "2024"], "Bron": ["A", "B"], "v": [1, 2]})
    kept = exports.export_frame(own, None, "nl", source="VDAB", period="2014–2024")
    assert kept.to_dict("list") == {"Periode": ["2023", "2024"], "Bron": ["A", "B"], "v": [1, 2]}
    own_en = pd.DataFrame({"Period": ["2023", "2024"], "Source": ["A", "B"]})
    kept_en = exports.export_frame(own_en, None, "en", source="VDAB", period="2014–2024")
    assert kept_en.to_dict("list") == {"Period": ["2023", "2024"], "Source": ["A", "B"]}


def test_decimals_follow_the_unit_else_the_values():
    assert exports.decimals_of(pd.Series([1.0, 2.0]), "%") == 1
    assert exports.decimals_of(pd.Series([1.0, 2.0]), "ratio") == 2
    assert exports.decimals_of(pd.Series([1.0, 2.0]), "persons") == 0
    assert exports.decimals_of(pd.Series([1.0, float("nan"), 3])) == 0  # a gap is not a decimal
    assert exports.decimals_of(pd.Series([1.0, 2.5])) == 1
    assert exports.decimals_of(pd.Series([], dtype=float)) == 0


def test_excel_cells_show_the_decimals_of_the_screen():
    df = pd.DataFrame(
        {
            "tekst": ["a", "b"],
            "aantal": [21374, 1435],
            "aandeel": [10.8, 46.0],
            "ratio": [1.23, 2.0],
            "negatief": [-1.25, 0.0],
            "klein": [0.25, 0.5],  # below 1: still two decimals, not 0,3
            "ja": [True, False],
        }
    )
    book = openpyxl.load_workbook(io.BytesIO(exports.to_excel(df, META)))
    ws = book["data"]
    assert [c.number_format for c in ws[2]] == [
        "General",
        "#,##0",
        "#,##0.0",
        "#,##0.00",
        "#,##0.00",
        "#,##0.00",
        "General",
    ]
    assert [c.value for c in ws[2]] == ["a", 21374, 10.8, 1.23, -1.25, 0.25, True]


def test_frame_drops_internal_fields():
    records = [{"id": "p1", "name": "Project", "status": "planned"}]
    assert exports.frame(records, drop=("id", "absent")).to_dict("list") == {
        "name": ["Project"],
        "status": ["planned"],
    }
    assert list(exports.frame([], columns=["a", "b"]).columns) == ["a", "b"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_csv_button_explains_its_convention(lang):
    from dashboard.i18n import t

    at = AppTest.from_function(_buttons, args=(lang,), default_timeout=30)
    at.run()
    csv, xlsx = at.get("download_button")
    key = {"nl": "export.csv_help_belgian", "en": "export.csv_help"}[lang]
    assert csv.proto.help == t(key, lang) and xlsx.proto.help == ""
    assert exports.dialect_for(lang) == {"nl": exports.BELGIAN, "en": exports.INTERNATIONAL}[lang]
    assert exports.dialect_for("fr") == exports.INTERNATIONAL


def _buttons_with_units(lang: str) -> None:
    import pandas as pd

    from dashboard.exports import download_buttons

    df = pd.DataFrame(
        {"Gebied": ["Gent"], "Waarde": [10.84], "Link": ["https://example.invalid/x"]}
    )
    meta = {"Link 1": "https://example.invalid/bron"}
    download_buttons(df, "v", meta, lang, "k", units={"Waarde": "%"}, source="VDAB", period="2024")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_downloads_carry_unit_source_and_period_in_the_readers_language(monkeypatch, lang):
    served = record_downloads(monkeypatch)
    at = AppTest.from_function(_buttons_with_units, args=(lang,), default_timeout=30)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    stem = f"gsiw-v-{date.today().isoformat()}"
    assert (
        served[f"{stem}.csv"].decode("utf-8-sig")
        == {
            "nl": "Gebied;Waarde (%);Link;Bron;Periode\r\nGent;10,8;https://example.invalid/x;VDAB;2024\r\n",
            "en": "Gebied,Waarde (%),Link,Source,Period\r\nGent,10.8,https://example.invalid/x,VDAB,2024\r\n",
        }[lang]
    )
    book = openpyxl.load_workbook(io.BytesIO(served[f"{stem}.xlsx"]))
    data, meta = book["data"], book["metadata"]
    assert [c.value for c in data[2]] == ["Gent", 10.8, "https://example.invalid/x", "VDAB", "2024"]
    # links stay text: no hyperlink a reader could click by accident, in the data or the metadata
    assert data["C2"].hyperlink is None and meta["B2"].hyperlink is None
    assert meta["B2"].value == "https://example.invalid/bron"
