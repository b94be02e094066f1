"""Downloads of exactly what a chart shows: CSV, and Excel with a metadata sheet.

Why a metadata sheet: a table copied into a policy note loses its caption; the Excel file keeps
source, licence, period, definitions and the link that reproduces the view beside the numbers.
File names carry the view and the date so downloads from different meetings do not overwrite each other.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from datetime import date

import pandas as pd

DATA_SHEET = "data"
META_SHEET = "metadata"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "export"


def file_name(view: str, ext: str, today: date | None = None) -> str:
    """`gsiw-<view>-<YYYY-MM-DD>.<ext>`."""
    return f"gsiw-{slug(view)}-{(today or date.today()).isoformat()}.{ext}"


# OWASP "CSV injection": a cell starting with one of these is run as a formula by Excel/LibreOffice
# (=HYPERLINK(...), =cmd|' /C calc'!A0, @SUM(...)). Policy titles and notes are typed by people.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")


def neutralise_cell(value):
    """A text cell that a spreadsheet would run as a formula, made inert with a leading apostrophe.

    Numbers are never touched (a real -3.2 stays a number), nor is text that is just a number
    ("-3,2"): a spreadsheet reads that as a number, not as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES) and not _PLAIN_NUMBER.match(value.strip()):
        return "'" + value
    return value


def neutralise_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """Copy of `df` with every text cell and column name passed through `neutralise_cell`.
    Every CSV and Excel writer calls this, so no export path can skip it."""
    out = df.copy()
    out.columns = [neutralise_cell(c) for c in out.columns]
    for col in out.columns:
        if not pd.api.types.is_numeric_dtype(out[col]) and not pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].map(neutralise_cell).astype(object)
    return out


def frame(records, columns=None, drop=()) -> pd.DataFrame:
    """The table of a list of records (dicts) as shown or downloaded, without internal fields (`drop`)."""
    return pd.DataFrame(records, columns=columns).drop(columns=list(drop), errors="ignore")


def to_csv(df: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark so Excel shows accents (Belgische, Liège) correctly. CRLF line ends
    (RFC 4180), so a cell holding a line break (also a lone CR) is quoted instead of splitting the row."""
    return neutralise_formulas(df).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def to_excel(df: pd.DataFrame, metadata: Mapping[str, str], *, sheet: str = DATA_SHEET) -> bytes:
    """One sheet with the data (numbers stay numbers) and one with what they mean and where they come from."""
    return to_excel_book({sheet: df}, metadata)


def to_excel_book(tables: Mapping[str, pd.DataFrame], metadata: Mapping[str, str]) -> bytes:
    """Several tables, one sheet each (names cut to Excel's 31 characters), then the metadata sheet."""
    buf = io.BytesIO()
    # Text is written as text, never parsed into a formula or a link (and neutralised as in CSV).
    options = {"strings_to_formulas": False, "strings_to_urls": False}
    with pd.ExcelWriter(buf, engine="xlsxwriter", engine_kwargs={"options": options}) as xl:
        for name, df in tables.items():
            df = neutralise_formulas(df)
            sheet = name[:31]
            df.to_excel(xl, sheet_name=sheet, index=False)
            ws = xl.sheets[sheet]
            for i, col in enumerate(df.columns):
                longest = max([len(str(col)), *(len(str(v)) for v in df[col].head(200))])
                ws.set_column(i, i, min(60, longest + 2))
            ws.freeze_panes(1, 0)
        meta = neutralise_formulas(pd.DataFrame(list(metadata.items()), columns=["field", "value"]))
        meta.to_excel(xl, sheet_name=META_SHEET, index=False)
        xl.sheets[META_SHEET].set_column(0, 0, 28)
        xl.sheets[META_SHEET].set_column(1, 1, 110)
    return buf.getvalue()


def download_buttons(df: pd.DataFrame, view: str, metadata: Mapping[str, str], lang: str, key: str) -> None:
    """CSV and Excel buttons side by side, both of the same frame.

    The files are made when clicked (Streamlit's deferred download), not on every rerun: an Excel
    file costs ~15 ms and a page has up to eight of them (see docs/performance.md).
    """
    import streamlit as st

    from dashboard.i18n import t

    frame, meta = df.copy(), dict(metadata)  # what is shown now, whatever the page does next
    row = st.container(horizontal=True, gap="small")
    row.download_button(t("export.csv", lang), lambda: to_csv(frame), file_name=file_name(view, "csv"),
                        mime="text/csv", key=f"{key}_csv", icon=":material/download:", on_click="ignore")
    row.download_button(
        t("export.xlsx", lang), lambda: to_excel(frame, meta), file_name=file_name(view, "xlsx"),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=f"{key}_xlsx",
        icon=":material/table_view:", on_click="ignore",
    )
