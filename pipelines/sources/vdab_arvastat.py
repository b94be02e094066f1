"""VDAB Arvastat Excel exports: vacancies received / open per month and occupation, for one area.

Why this source: Arvastat (https://arvastat.vdab.be/) is where VDAB publishes vacancies by occupation
and month for any municipality, but it is a web application with Excel exports and no documented
public API. An analyst exports a table and drops it into a snapshot; this module reads it.

Expected layout (as seen in Arvastat exports parsed by github.com/gehuybre/embuild-analyses and in
shared/data/LIVE_APIS.md section 4; checked here on every file):

- sheet `Data`;
- cell A1: the measure, exactly `Ontvangen vacatures` (received during the month) or `Open vacatures`
  (open in the month);
- some rows of filter text (ignored), then a header row with, in columns B-E,
  `Hoofdberoepsgroep | Beroepsgroep | Beroep | Totaal` (column A is the month column);
- one row per month x occupation: A = month label `January 2024` (English, or Dutch `januari 2024`;
  an empty A repeats the month above), B-D the occupation hierarchy (empty = same as above), E = count.
  Rows with `Totaal` in B-D are (sub)totals and are not loaded; the table ends at the first empty row.

The export does not name the area in a fixed cell, so the file name must end with the area's NIS code:
`<anything>_<NIS>.xlsx`, e.g. `ontvangen_vacatures_44021.xlsx` (Gent) or `..._02000.xlsx` (Flanders).
Import: `python -m pipelines snapshot vdab_arvastat ontvangen_vacatures_44021.xlsx --id 2026-11-23
--origin "Arvastat export, <filters>, downloaded <date> by <who>"`. Several files may share a snapshot.

Single-period exports (header in A-D without a month column) are refused: their period is not in the sheet.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import openpyxl
import pandas as pd

from pipelines.freshness import ReleaseRhythm
from pipelines.provincies_in_cijfers import cell_ref
from pipelines.source import TOTAL
from pipelines.source import Indicator
from pipelines.source import ManualSource
from pipelines.source import RawFile
from pipelines.source import SourceError
from pipelines.source import observations_frame

NAME = "vdab_arvastat"
SHEET = "Data"
HEADER = ("Hoofdberoepsgroep", "Beroepsgroep", "Beroep", "Totaal")
TITLES = {
    "Ontvangen vacatures": "arvastat_vacancies_received",
    "Open vacatures": "arvastat_vacancies_open",
}
LEVELS = ("hoofdberoepsgroep", "beroepsgroep", "beroep")
MAX_HEADER_ROW = 40
# Month names as Arvastat writes them, English or Dutch -> month number.
_MONTH_NAMES = (
    "january february march april may june july august september october november december",
    "januari februari maart april mei juni juli augustus september oktober november december",
)
MONTHS = {m: i for names in _MONTH_NAMES for i, m in enumerate(names.split(), 1)}
AREA_IN_NAME = re.compile(r"_(\d{5})\.xlsx$", re.IGNORECASE)

_BREAKDOWN_NOTE = (
    "Breakdowns hoofdberoepsgroep, beroepsgroep and beroep (VDAB's occupation classification, Dutch names as "
    "exported; no English labels exist); each level is a breakdown of the total, never add levels together."
)

INDICATORS = (
    Indicator(
        id="arvastat_vacancies_received",
        name_nl="Ontvangen vacatures per maand (Arvastat)",
        name_en="Vacancies received per month (Arvastat)",
        definition_nl="Aantal vacatures dat VDAB in de maand ontving voor werkplaatsen in het gebied, per beroep.",
        definition_en="Number of vacancies VDAB received in the month for workplaces in the area, by occupation.",
        unit="vacancies",
        direction="neutral",
        period_type="month",
        numerator="ontvangen vacatures / vacancies received",
        notes="Total = sum of the occupation rows of the export. " + _BREAKDOWN_NOTE,
        concept="vacancies_received",
    ),
    Indicator(
        id="arvastat_vacancies_open",
        name_nl="Openstaande vacatures per maand (Arvastat)",
        name_en="Open vacancies per month (Arvastat)",
        definition_nl="Aantal openstaande vacatures bij VDAB in de maand voor werkplaatsen in het gebied, per beroep.",
        definition_en="Number of vacancies open at VDAB in the month for workplaces in the area, by occupation.",
        unit="vacancies",
        direction="neutral",
        period_type="month",
        numerator="openstaande vacatures / open vacancies",
        notes="Total = sum of the occupation rows of the export. " + _BREAKDOWN_NOTE,
        concept="open_vacancies",
    ),
)


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def parse_month(label: str) -> tuple[str, str] | None:
    """'January 2024' / 'januari 2024' -> ('2024-01', '2024-01-31')."""
    m = re.fullmatch(r"([A-Za-z]+)\s+(\d{4})", label.strip())
    if not m or m.group(1).lower() not in MONTHS:
        return None
    period = pd.Period(f"{m.group(2)}-{MONTHS[m.group(1).lower()]:02d}", freq="M")
    return str(period), str(period.end_time.date())


def _load_rows(path: Path, source: str) -> list[tuple]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl: "Workbook contains no default style"
            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # not a zip, corrupt, wrong format: one message for the analyst
        raise SourceError(
            source, f"cannot open the xlsx: {type(exc).__name__}: {exc}", path
        ) from exc
    try:
        if SHEET not in wb.sheetnames:
            raise SourceError(
                source,
                f"no sheet {SHEET!r} (sheets: {wb.sheetnames}); expected an Arvastat export",
                path,
            )
        return [tuple(r) for r in wb[SHEET].iter_rows(values_only=True)]
    finally:
        wb.close()


def read_export(path: Path, source: str = NAME) -> pd.DataFrame:
    """One export -> rows (indicator_id, geo_code, period, ref_date, level values..., value, status)."""
    area = AREA_IN_NAME.search(path.name)
    if not area:
        raise SourceError(
            source,
            "the file name must end with the area's NIS code, e.g. ontvangen_vacatures_44021.xlsx "
            "(the export does not name the area in a fixed cell)",
            path,
        )
    rows = _load_rows(path, source)
    cell = lambda r, c: _text(rows[r][c]) if r < len(rows) and c < len(rows[r]) else ""  # noqa: E731
    title = cell(0, 0)
    if title not in TITLES:
        raise SourceError(
            source,
            f"sheet {SHEET!r} cell A1 holds {title!r}; expected one of {sorted(TITLES)}",
            path,
        )
    header = None
    for r in range(min(len(rows), MAX_HEADER_ROW)):
        if tuple(cell(r, c) for c in range(1, 5)) == HEADER:
            header = r
            break
        if tuple(cell(r, c) for c in range(0, 4)) == HEADER:
            raise SourceError(
                source,
                f"sheet {SHEET!r} row {r + 1}: single-period layout (header in A-D, no month column); export "
                "with the month in the rows so that column A holds 'January 2024' etc.",
                path,
            )
    if header is None:
        raise SourceError(
            source,
            f"sheet {SHEET!r}: no header row {' | '.join(HEADER)} in columns B-E within the first "
            f"{MAX_HEADER_ROW} rows",
            path,
        )
    records = []
    month = None
    levels = ["", "", ""]
    for r in range(header + 1, len(rows)):
        values = [cell(r, c) for c in range(5)]
        if not any(values):
            break
        if values[0]:
            month = parse_month(values[0])
            if month is None:
                raise SourceError(
                    source,
                    f"sheet {SHEET!r} cell {cell_ref(r, 0)} holds {values[0]!r}; expected a month "
                    "such as 'January 2024'",
                    path,
                )
        elif month is None:
            raise SourceError(
                source, f"sheet {SHEET!r} row {r + 1}: data before the first month label", path
            )
        if "Totaal" in values[1:4]:
            continue
        for i in range(3):
            if values[i + 1]:
                levels[i] = values[i + 1]
                levels[i + 1 :] = [values[j + 1] for j in range(i + 1, 3)]
                break
        if not all(levels):
            raise SourceError(
                source,
                f"sheet {SHEET!r} row {r + 1}: occupation hierarchy incomplete {levels}",
                path,
            )
        raw = rows[r][4] if len(rows[r]) > 4 else None
        if raw is None or _text(raw) == "":
            value, status = None, "no_value"
        else:
            try:
                value = float(str(raw).replace(" ", ""))
            except ValueError:
                value = -1.0
            if value < 0 or value % 1:
                raise SourceError(
                    source,
                    f"sheet {SHEET!r} cell {cell_ref(r, 4)} holds {raw!r}; expected a whole number of "
                    "vacancies",
                    path,
                )
            status = None
        records.append(
            {
                "indicator_id": TITLES[title],
                "geo_code": area.group(1),
                "period": month[0],
                "ref_date": month[1],
                **dict(zip(LEVELS, levels, strict=True)),
                "value": value,
                "status": status,
                "row": r + 1,
            }
        )
    if not records:
        raise SourceError(
            source, f"sheet {SHEET!r}: no data rows below the header (row {header + 1})", path
        )
    df = pd.DataFrame(records)
    dup = df[df.duplicated(["period", "beroep"], keep=False)]
    if not dup.empty:
        d = dup.iloc[0]
        raise SourceError(
            source,
            f"sheet {SHEET!r}: occupation {d['beroep']!r} appears twice in {d['period']} "
            f"(rows {', '.join(str(x) for x in dup[dup.beroep == d.beroep].row)})",
            path,
        )
    return df.drop(columns="row")


def export_observations(df: pd.DataFrame) -> pd.DataFrame:
    """Total per month + one breakdown per hierarchy level (summed), never mixed with each other."""
    keys = ["indicator_id", "geo_code", "period", "ref_date"]
    frames = [
        df.groupby(keys, as_index=False)["value"]
        .sum(min_count=1)
        .assign(breakdown=TOTAL, breakdown_value=TOTAL)
    ]
    for level in LEVELS:
        part = df.groupby([*keys, level], as_index=False)["value"].sum(min_count=1)
        frames.append(part.rename(columns={level: "breakdown_value"}).assign(breakdown=level))
    out = pd.concat(frames, ignore_index=True)
    out["status"] = out["value"].isna().map({True: "no_value", False: None})
    return observations_frame(out)


class VdabArvastat(ManualSource):
    name = NAME
    title_nl = "Vacatures per maand en beroep (VDAB Arvastat, export)"
    title_en = "Vacancies per month and occupation (VDAB Arvastat export)"
    publisher = "VDAB (Arvastat)"
    licence = "VDAB Arvastat, publicly accessible; reuse terms not checked (unverified)"
    url = "https://arvastat.vdab.be/"
    attribution = "Bron: VDAB Arvastat"
    period_covered = "whatever the imported exports cover (monthly)"
    # Arvastat: about three weeks after the month
    release_rhythm = ReleaseRhythm("monthly", lag_days=25)
    caveats = (
        "No public API: files are Excel exports an analyst made by hand and imported with `python -m pipelines "
        "snapshot`; the area comes from the file name. Layout checked on every file (see the module docstring); "
        "no export has been imported yet, and the layout is taken from third-party code, not from VDAB "
        "documentation. VDAB vacancies only (VDAB's share of the market). Empty count cells are kept as "
        "'no_value', never as 0."
    )
    files = (
        RawFile(
            "arvastat_export_<NIS>.xlsx",
            "https://arvastat.vdab.be/",
            "Arvastat Excel export (manual)",
        ),
    )
    indicators = INDICATORS
    # Nothing can be shipped: no public download; the contract tests skip the snapshot checks until an
    # analyst imports an export (the parser is tested on documented-format fixtures).
    live_only = True

    how_to_obtain = (
        "Arvastat has no public download URL or API. Export the table from https://arvastat.vdab.be/ "
        "(sheet 'Data', month in the rows), name it <anything>_<NIS>.xlsx and import it with "
        '`python -m pipelines snapshot vdab_arvastat <file>.xlsx --id <date> --origin "Arvastat export, ..."`'
    )

    def parse(self, snapshot: Path) -> pd.DataFrame:
        files = sorted(snapshot.glob("*.xlsx"))
        if not files:
            raise SourceError(self.name, "no .xlsx export in the snapshot", snapshot)
        df = pd.concat([read_export(f, self.name) for f in files], ignore_index=True)
        key = ["indicator_id", "geo_code", "period"]
        per_file = df.drop_duplicates([*key, "beroep"]).shape[0]
        if per_file != len(df):
            raise SourceError(
                self.name, "two exports cover the same measure, area and month", snapshot
            )
        return export_observations(df)


SOURCE = VdabArvastat()
