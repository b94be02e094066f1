"""Downloads: file names, CSV that Excel reads with accents, and Excel with data and metadata sheets."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pandas as pd

from dashboard import exports
from dashboard.panel import delta_text
from dashboard.panel import display_frame


def frame() -> pd.DataFrame:
    return pd.DataFrame({"Gebied": ["Gent", "Liège"], "Periode": ["2024", "2024"], "Waarde": [21374.0, 10.8]})


def test_file_names_carry_view_and_date():
    assert exports.file_name("Vacatures – sector/Gent", "xlsx", date(2026, 5, 21)) == \
        "gsiw-vacatures-sector-gent-2026-05-21.xlsx"
    assert exports.file_name("", "csv", date(2026, 1, 2)) == "gsiw-export-2026-01-02.csv"


def test_csv_has_a_byte_order_mark_and_plain_numbers():
    data = exports.to_csv(frame())
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == "Gebied,Periode,Waarde"
    assert "Liège,2024,10.8" in text


def test_excel_round_trip_keeps_numbers_as_numbers_and_the_metadata():
    meta = {"Weergave": "Vacatures", "Bron 1": "VDAB – Vacatures per gemeente", "Periode": "2014–2024"}
    book = openpyxl.load_workbook(io.BytesIO(exports.to_excel(frame(), meta)))
    assert book.sheetnames == ["data", "metadata"]
    rows = list(book["data"].iter_rows(values_only=True))
    assert rows == [("Gebied", "Periode", "Waarde"), ("Gent", "2024", 21374), ("Liège", "2024", 10.8)]
    assert isinstance(rows[1][2], (int, float))
    assert dict(book["metadata"].iter_rows(min_row=2, values_only=True)) == meta


def test_display_frame_formats_the_belgian_way_and_keeps_missing_values_visible():
    df = pd.DataFrame({"Gebied": ["Gent", "Genk"], "Aandeel": [46.77, None], "Aantal": [6205.0, 1435.0]})
    shown = display_frame(df, {"Aandeel": "%"}, "nl")
    assert list(shown["Aandeel"]) == ["46,8 %", "–"]
    assert list(shown["Aantal"]) == ["6.205", "1.435"]
    assert list(display_frame(df, {"Aandeel": "%"}, "en")["Aandeel"]) == ["46.8%", "–"]


def test_metric_change_in_percentage_points_or_persons():
    assert delta_text({"value": 10.8, "prev_value": 9.9, "prev_period": "2023"}, "%", "nl") == \
        "+0,9 procentpunt t.o.v. 2023"
    assert delta_text({"value": 21374, "prev_value": 22488, "prev_period": "2023"}, "persons", "nl") == \
        "-1.114 t.o.v. 2023"
    assert delta_text({"value": 1.0, "prev_value": None, "prev_period": None}, "%", "nl") is None
