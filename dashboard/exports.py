"""Downloads of exactly what a chart or table shows: CSV, and Excel with a metadata sheet. The one
export path of every page (`download_buttons`).

Why these conventions: a Belgian Excel splits a CSV on `;` and reads `,` as the decimal mark, so
the Dutch UI writes that (with a UTF-8 byte-order mark for accents: Liège) and the English UI the
international `,`/`.`; the button says which one the file uses. Numbers are rounded as shown on
screen, headers carry their unit, and source and period travel in the file (CSV: two columns on
every row, so filtering in Excel keeps them; Excel: a metadata sheet). Excel cells get a number
format, so 2.7 never shows as 2.699999999999999. File names carry the view and the date so
downloads from different meetings do not overwrite each other.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd

DATA_SHEET = "data"
META_SHEET = "metadata"
DECIMALS = {"%": 1, "ratio": 2}  # as dashboard.i18n.fmt_value shows them; counts are whole numbers


@dataclass(frozen=True)
class CsvDialect:
    sep: str
    decimal: str


BELGIAN = CsvDialect(";", ",")
INTERNATIONAL = CsvDialect(",", ".")


def dialect_for(lang: str) -> CsvDialect:
    """The Belgian convention in the Dutch UI, the international one in English."""
    return BELGIAN if lang == "nl" else INTERNATIONAL


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
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_PREFIXES)
        and not _PLAIN_NUMBER.match(value.strip())
    ):
        return "'" + value
    return value


def neutralise_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """Copy of `df` with every text cell and column name passed through `neutralise_cell`.
    Every CSV and Excel writer calls this, so no export path can skip it."""
    out = df.copy()
    out.columns = [neutralise_cell(c) for c in out.columns]
    for col in out.columns:
        if not pd.api.types.is_numeric_dtype(out[col]) and not pd.api.types.is_datetime64_any_dtype(
            out[col]
        ):
            out[col] = out[col].map(neutralise_cell).astype(object)
    return out


def frame(records, columns=None, drop=()) -> pd.DataFrame:
    """The table of a list of records (dicts) as shown or downloaded, without internal fields (`drop`)."""
    return pd.DataFrame(records, columns=columns).drop(columns=list(drop), errors="ignore")


def decimals_of(series: pd.Series, unit: str | None = None) -> int:
    """Decimals a column is shown with: from its unit, else 0 for whole numbers and 1 otherwise."""
    if unit in DECIMALS:
        return DECIMALS[unit]
    vals = [
        v
        for v in series
        if isinstance(v, (int, float)) and not (isinstance(v, float) and math.isnan(v))
    ]
    return 0 if all(float(v).is_integer() for v in vals) else 1


def export_frame(
    df: pd.DataFrame,
    units: Mapping[str, str] | None = None,
    lang: str = "nl",
    source: str | None = None,
    period: str | None = None,
    *,
    rounded: bool = False,
) -> pd.DataFrame:
    """The frame as exported: numbers rounded as shown, unit in the header (`Waarde (%)`), and the
    source and period as columns when given. `rounded`: the table is already rounded as shown row by
    row (one column mixing units, each row's unit in a column, as in the meeting brief), so a column is
    not rounded again to one set of decimals."""
    from dashboard.i18n import t
    from dashboard.i18n import unit_label

    units = dict(units or {})
    out = pd.DataFrame(index=df.index)
    for col in df.columns:
        values = df[col]
        if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
            decimals = decimals_of(values, units.get(col))
            if not rounded:
                values = values.astype(float).round(decimals)
            if decimals == 0:  # whole numbers: 21374, not 21374,0
                values = values.astype("Int64")
        header = f"{col} ({unit_label(units[col], lang)})" if col in units else str(col)
        out[header] = values
    # a table that already has a period (or source) column per row keeps it; a constant one is added
    if source and t("export.source", lang) not in out:
        out[t("export.source", lang)] = source
    if period and t("export.period", lang) not in out:
        out[t("export.period", lang)] = period
    return out.reset_index(drop=True)


def to_csv(df: pd.DataFrame, dialect: CsvDialect = INTERNATIONAL) -> bytes:
    """UTF-8 with a byte-order mark so Excel shows accents (Belgische, Liège) correctly; `dialect`
    sets the separator and decimal mark. CRLF line ends (RFC 4180), so a cell holding a line break (also
    a lone CR) is quoted instead of splitting the row. Formulas are neutralised."""
    return (
        neutralise_formulas(df)
        .to_csv(index=False, sep=dialect.sep, decimal=dialect.decimal, lineterminator="\r\n")
        .encode("utf-8-sig")
    )


def to_excel(df: pd.DataFrame, metadata: Mapping[str, str], *, sheet: str = DATA_SHEET) -> bytes:
    """One sheet with the data (numbers stay numbers) and one with what they mean and where they come from."""
    return to_excel_book({sheet: df}, metadata)


def _number_format(series: pd.Series) -> str | None:
    if not pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
        return None
    d = decimals_of(series)
    if d == 0:
        return "#,##0"
    vals = [abs(v) for v in series.dropna()]
    return "#,##0." + "0" * (2 if any(0 < v and round(v, 1) != round(v, 2) for v in vals) else d)


def to_excel_book(tables: Mapping[str, pd.DataFrame], metadata: Mapping[str, str]) -> bytes:
    """Several tables, one sheet each (names cut to Excel's 31 characters), then the metadata sheet.
    Numeric columns carry a number format (thousands separator, the decimals shown)."""
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
                fmt = _number_format(df[col])
                ws.set_column(
                    i,
                    i,
                    min(60, longest + 2),
                    xl.book.add_format({"num_format": fmt}) if fmt else None,
                )
            ws.freeze_panes(1, 0)
        meta = neutralise_formulas(pd.DataFrame(list(metadata.items()), columns=["field", "value"]))
        meta.to_excel(xl, sheet_name=META_SHEET, index=False)
        xl.sheets[META_SHEET].set_column(0, 0, 28)
        xl.sheets[META_SHEET].set_column(1, 1, 110)
    return buf.getvalue()


def download_buttons(
    df: pd.DataFrame,
    view: str,
    metadata: Mapping[str, str],
    lang: str,
    key: str,
    *,
    units: Mapping[str, str] | None = None,
    source: str | None = None,
    period: str | None = None,
    rounded: bool = False,
) -> None:
    """CSV and Excel buttons side by side, both of the same frame, rounded as shown, units in headers
    (`rounded`: see `export_frame`).

    The files are made when clicked (Streamlit's deferred download), not on every rerun: an Excel
    file costs ~15 ms and a page has up to eight of them (see docs/performance.md).
    """
    import streamlit as st

    from dashboard.i18n import t

    # What is shown now, whatever the page does next (a copy); rounded and labelled only when a button is
    # clicked: preparing it on every rerun cost ~10 ms a panel (benchmarks/load.py).
    shown, units = df.copy(), dict(units or {})
    meta, dialect = dict(metadata), dialect_for(lang)

    def frame() -> pd.DataFrame:
        return export_frame(shown, units, lang, source, period, rounded=rounded)

    belgian = dialect == BELGIAN
    buttons = (  # label, file made on click, extension, mime type, icon, help
        (
            t("export.csv_belgian" if belgian else "export.csv", lang),
            lambda: to_csv(frame(), dialect),
            "csv",
            "text/csv",
            ":material/download:",
            t("export.csv_help_belgian" if belgian else "export.csv_help", lang),
        ),
        (
            t("export.xlsx", lang),
            lambda: to_excel(frame(), meta),
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ":material/table_view:",
            None,
        ),
    )
    row = st.container(horizontal=True, gap="small")
    for label, data, ext, mime, icon, help_ in buttons:
        row.download_button(
            label,
            data,
            file_name=file_name(view, ext),
            mime=mime,
            key=f"{key}_{ext}",
            icon=icon,
            on_click="ignore",
            help=help_,
        )
