"""Reader for Provincies in Cijfers "gemeenten" exports (xlsx), shared by every source that loads one.

Why here and not in a source module: `vdab_jobseekers` and `vdab_vacancies` read the very same layout
and sources never import each other. Layout: row 2 = indicator names (one per block of years),
row 3 = years, column A = municipality name, then rest rows and a footer that explains the special
codes. `SPECIAL_CODES` is that footer's legend; `cell_ref` names a cell the way Excel does.
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

import pandas as pd
from openpyxl.utils import get_column_letter

from pipelines import nis
from pipelines.source import TOTAL
from pipelines.source import SourceError
from pipelines.source import observations_frame

# Where the copies of the 21 May 2026 exports used by the VDAB sources live (pinned commit).
NETBECK_RAW = "https://raw.githubusercontent.com/NetBeck22/education/18621b65de7987eb7c39aee0df50daa888cbffd7/data/external/"

# The legend in the export footer ("Speciale waarden"). Never turn these into 0.
SPECIAL_CODES = {"-": "no_value", "x": "hidden", "?": "missing", "nvt": "not_applicable"}
# Rows after the municipalities that are not a place (people outside Flanders, unknown address).
REST_ROWS = frozenset(
    {
        "Buiten Vlaanderen en Brussel",
        "Niet te lokaliseren",
        "Niet te lokaliseren - Brussel",
        "Niet te lokaliseren - Vlaanderen",
    }
)
HEADER_ROW, YEAR_ROW, FIRST_DATA_ROW = 1, 2, 3  # 0-based: sheet rows 2, 3 and 4
NUMBER = re.compile(r"^-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$")
FOOTNOTE = re.compile(r"\s*\(\d+\)\s*$")


class Series(NamedTuple):
    """Where one header of the export goes in the tidy table."""

    indicator_id: str
    breakdown: str = TOTAL
    breakdown_value: str = TOTAL
    percent: bool = False  # the export stores rates as fractions (0.144); we store percent (14.4)


@dataclass(frozen=True)
class ExportColumn:
    header: str
    year: int
    col: int  # 0-based column index in the sheet


@dataclass(frozen=True)
class Export:
    path: Path
    frame: pd.DataFrame
    columns: tuple[ExportColumn, ...]
    rows: tuple[tuple[int, str, str], ...]  # (0-based row index, municipality name, NIS code)


def cell_ref(row: int, col: int) -> str:
    """Excel-style address (e.g. "B4") so an analyst can open the file at the right cell."""
    return f"{get_column_letter(col + 1)}{row + 1}"


def normalise_header(text: str) -> str:
    """Collapse the export's double spaces and drop footnote markers such as "(1)"."""
    return FOOTNOTE.sub("", re.sub(r"\s+", " ", text)).strip()


def _text(value) -> str:
    return (
        "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value).strip()
    )


def read_export(source: str, path: Path) -> Export:
    """Read the sheet and locate indicator blocks, years and municipality rows; fail loudly on drift."""
    if not path.is_file():
        raise SourceError(source, "raw file is missing from the snapshot", path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "Workbook contains no default style": harmless
            frame = pd.read_excel(path, header=None, dtype=str, sheet_name=0, engine="openpyxl")
    except (
        Exception
    ) as exc:  # corrupt zip, not an xlsx, unreadable: all mean the same to the analyst
        raise SourceError(
            source, f"cannot read the xlsx: {type(exc).__name__}: {exc}", path
        ) from exc
    if frame.shape[0] <= FIRST_DATA_ROW or frame.shape[1] < 2:
        raise SourceError(
            source, f"sheet is too small ({frame.shape[0]} rows x {frame.shape[1]} columns)", path
        )

    # Years (row 3): one block of consecutive years per indicator; a block restarts when the year drops.
    years: list[tuple[int, int]] = []
    for col in range(1, frame.shape[1]):
        text = _text(frame.iat[YEAR_ROW, col])
        if not text:
            continue
        if not re.fullmatch(r"(19|20)\d\d", text):
            raise SourceError(
                source,
                f"row 3 should hold the years, but cell {cell_ref(YEAR_ROW, col)} holds {text!r}",
                path,
            )
        years.append((col, int(text)))
    if not years:
        raise SourceError(source, "row 3 holds no years; the export layout has changed", path)
    blocks: list[list[tuple[int, int]]] = []
    for col, year in years:
        if blocks and year > blocks[-1][-1][1] and col == blocks[-1][-1][0] + 1:
            blocks[-1].append((col, year))
        else:
            blocks.append([(col, year)])

    # Indicator names (row 2): exactly one per block (the export puts it above the last year).
    columns: list[ExportColumn] = []
    for block in blocks:
        names = [
            (col, _text(frame.iat[HEADER_ROW, col]))
            for col, _ in block
            if _text(frame.iat[HEADER_ROW, col])
        ]
        span = f"{cell_ref(HEADER_ROW, block[0][0])}:{cell_ref(HEADER_ROW, block[-1][0])}"
        if len(names) != 1:
            raise SourceError(
                source,
                f"expected one indicator name in {span}, found {[n for _, n in names]}",
                path,
            )
        header = normalise_header(names[0][1])
        columns.extend(ExportColumn(header, year, col) for col, year in block)
    seen: set[tuple[str, int]] = set()
    for c in columns:
        if (c.header, c.year) in seen:
            raise SourceError(source, f"indicator {c.header!r} has year {c.year} twice", path)
        seen.add((c.header, c.year))

    # Municipality rows: from row 4 down to the first empty name; the footer below is ignored.
    codes = nis.municipality_codes_2025()
    rows: list[tuple[int, str, str]] = []
    unmatched: list[str] = []
    for row in range(FIRST_DATA_ROW, frame.shape[0]):
        name = _text(frame.iat[row, 0])
        if not name:
            break
        if name in REST_ROWS:
            continue
        if name not in codes:
            unmatched.append(name)
            continue
        rows.append((row, name, codes[name]))
    if unmatched:
        raise SourceError(
            source,
            f"{len(unmatched)} municipality name(s) not in the 2025 boundaries: {unmatched[:10]}",
            path,
        )
    if not rows:
        raise SourceError(source, "no municipality rows found below row 3", path)
    dup = sorted(n for n, k in Counter(n for _, n, _ in rows).items() if k > 1)
    if dup:
        raise SourceError(source, f"municipality listed twice: {dup}", path)
    return Export(path, frame, tuple(columns), tuple(rows))


def parse_cell(
    source: str, path: Path, row: int, col: int, raw
) -> tuple[Decimal | None, str | None]:
    """A number, or one of the export's special codes; anything else means the file is not what we think."""
    text = _text(raw)
    if text in SPECIAL_CODES:
        return None, SPECIAL_CODES[text]
    if NUMBER.fullmatch(text):
        return Decimal(text), None
    raise SourceError(
        source,
        f"cell {cell_ref(row, col)} holds {text!r}: neither a number nor a known code {sorted(SPECIAL_CODES)}",
        path,
    )


def export_observations(source: str, export: Export, series: dict[str, Series]) -> pd.DataFrame:
    """Every (municipality, header, year) cell -> one observation row, mapped through `series`."""
    headers = {c.header for c in export.columns}
    unknown = sorted(headers - set(series))
    missing = sorted(set(series) - headers)
    if unknown or missing:
        raise SourceError(
            source,
            f"indicator columns differ from the expected layout; unexpected {unknown}, missing {missing}",
            export.path,
        )
    frame = export.frame
    records: list[dict] = []
    for c in export.columns:
        target = series[c.header]
        cells = [(row, code, frame.iat[row, c.col]) for row, _, code in export.rows]
        # A year in which no municipality has a value is a year the series did not exist yet
        # (WZW starts in 2015): skip it instead of emitting hundreds of "no value" rows.
        if all(_text(raw) == "-" for _, _, raw in cells):
            continue
        period, ref_date = str(c.year), date(c.year, 12, 31)
        for row, code, raw in cells:
            value, status = parse_cell(source, export.path, row, c.col, raw)
            if value is not None and target.percent:
                value = value * 100
            records.append(
                {
                    "indicator_id": target.indicator_id,
                    "geo_code": code,
                    "period": period,
                    "ref_date": ref_date,
                    "breakdown": target.breakdown,
                    "breakdown_value": target.breakdown_value,
                    "value": None if value is None else float(value),
                    "status": status,
                }
            )
    return observations_frame(records)
