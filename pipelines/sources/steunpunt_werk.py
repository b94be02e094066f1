"""Steunpunt Werk Excel tables per municipality (werkzaamheid, werkzoekenden, jobratio, pendel).

Why this source: Steunpunt Werk (https://www.steunpuntwerk.be/) publishes the Flemish local labour-market
indicators Gsiw quotes (werkzaamheidsgraad 20-64, jobratio, pendel), as Excel tables without an API.
An analyst downloads a table and imports it; this module reads it.

No layout could be verified from a published example, so the expected layout is DEFINED here; an export
that differs gets a SourceError that names the file, the sheet, the row or cell and what was expected
(copy the numbers into this layout, or extend `TITLES` / the header names after checking a real file):

- the first sheet (any name);
- cell A1: the table title, one of `TITLES` (case and surrounding spaces ignored), which fixes the
  indicator and its unit;
- any rows of free text (source, notes), then a header row whose column A is `NIS-code` (or `NIS`,
  `Refnis`) and column B `Gemeente` (or `Regio`, `Naam`); from column C on, one column per period:
  a year (`2019`) or a month (`2019-12`);
- one row per area: A = 5-digit NIS code (municipality, arrondissement `44000`, province `40000`,
  region `02000`), B = name, then the values; `-` no value, `x` hidden, `?` missing, `nvt` not applicable
  become a status (never 0). The table ends at the first row with an empty column A, or one starting
  with `Bron` / `Noot`.

Import: `python -m pipelines snapshot steunpunt_werk werkzaamheidsgraad.xlsx --id 2026-11-23
--origin "Steunpunt Werk, <table name>, downloaded <date> from <page>"`.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import openpyxl
import pandas as pd

from pipelines.freshness import ReleaseRhythm
from pipelines.provincies_in_cijfers import SPECIAL_CODES
from pipelines.provincies_in_cijfers import cell_ref
from pipelines.source import Indicator
from pipelines.source import ManualSource
from pipelines.source import RawFile
from pipelines.source import SourceError
from pipelines.source import observations_frame

NAME = "steunpunt_werk"
CODE_HEADERS = {"nis-code", "nis", "refnis", "nis code"}
NAME_HEADERS = {"gemeente", "regio", "naam"}
END_MARKERS = ("bron", "noot")
MAX_HEADER_ROW = 40


def _title_key(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


# Title in A1 (normalised) -> (indicator id, factor applied to the published number).
TITLES = {
    "werkzaamheidsgraad 20-64 jaar (%)": ("spw_werkzaamheidsgraad_20_64", 1.0),
    "werkzoekendengraad (%)": ("spw_werkzoekendengraad", 1.0),
    "niet-werkende werkzoekenden (jaargemiddelde)": ("spw_nwwz_annual_avg", 1.0),
    "jobratio (%)": (
        "spw_jobratio",
        1.0,
    ),  # jobs per 100 inhabitants 15-64; can exceed 100, so unit "ratio"
    "inkomende pendel": ("spw_in_commuters", 1.0),
    "uitgaande pendel": ("spw_out_commuters", 1.0),
}

INDICATORS = (
    Indicator(
        id="spw_werkzaamheidsgraad_20_64",
        name_nl="Werkzaamheidsgraad 20-64 jaar (Steunpunt Werk)",
        name_en="Employment rate 20-64 (Steunpunt Werk)",
        definition_nl="Werkende inwoners van 20-64 jaar in % van alle inwoners van 20-64 jaar, naar woonplaats.",
        definition_en="Employed residents aged 20-64 as % of all residents aged 20-64, by place of residence.",
        unit="%",
        direction="higher_is_better",
        period_type="year",
        numerator="werkende inwoners 20-64 / employed residents 20-64",
        denominator="inwoners 20-64 / residents 20-64",
        notes="Administrative data (Steunpunt Werk, Vlaamse Arbeidsrekening), not the LFS rate.",
        concept="employment_rate",
    ),
    Indicator(
        id="spw_werkzoekendengraad",
        name_nl="Werkzoekendengraad (Steunpunt Werk)",
        name_en="Job-seeker rate (Steunpunt Werk)",
        definition_nl="Niet-werkende werkzoekenden in % van de beroepsbevolking, naar woonplaats.",
        definition_en="Unemployed job seekers as % of the labour force, by place of residence.",
        unit="%",
        direction="higher_is_worse",
        period_type="year",
        numerator="NWWZ",
        denominator="beroepsbevolking / labour force",
        notes="VDAB definition as republished by Steunpunt Werk; not the ILO rate.",
        concept="unemployment_rate",
    ),
    Indicator(
        id="spw_nwwz_annual_avg",
        name_nl="Niet-werkende werkzoekenden, jaargemiddelde (Steunpunt Werk)",
        name_en="Unemployed job seekers, annual average (Steunpunt Werk)",
        definition_nl="Gemiddeld aantal niet-werkende werkzoekenden over het jaar, naar woonplaats.",
        definition_en="Average number of unemployed job seekers over the year, by place of residence.",
        unit="persons",
        direction="higher_is_worse",
        period_type="year",
        numerator="NWWZ",
        concept="unemployed_count",
    ),
    Indicator(
        id="spw_jobratio",
        name_nl="Jobratio (Steunpunt Werk)",
        name_en="Job ratio (Steunpunt Werk)",
        definition_nl=(
            "Aantal jobs in het gebied per 100 inwoners van 15-64 jaar, zoals gepubliceerd."
        ),
        definition_en=(
            "Number of jobs located in the area per 100 inhabitants aged 15-64, as published."
        ),
        unit="ratio",
        direction="neutral",
        period_type="year",
        numerator="jobs in het gebied (werknemers en zelfstandigen) / jobs located in the area",
        denominator="inwoners 15-64 / inhabitants aged 15-64",
        notes="Age band of the denominator: 15-64 (as Steunpunt Werk defines the jobratio).",
        concept="jobratio",
    ),
    Indicator(
        id="spw_in_commuters",
        name_nl="Inkomende pendelaars (Steunpunt Werk)",
        name_en="In-commuters (Steunpunt Werk)",
        definition_nl="Werkenden met hun werkplaats in het gebied die buiten het gebied wonen.",
        definition_en="Employed persons working in the area who live outside it.",
        unit="persons",
        direction="neutral",
        period_type="year",
        concept="in_commuters",
    ),
    Indicator(
        id="spw_out_commuters",
        name_nl="Uitgaande pendelaars (Steunpunt Werk)",
        name_en="Out-commuters (Steunpunt Werk)",
        definition_nl="Werkende inwoners van het gebied die buiten het gebied werken.",
        definition_en="Employed residents of the area who work outside it.",
        unit="persons",
        direction="neutral",
        period_type="year",
        concept="out_commuters",
    ),
)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _period(text: str) -> tuple[str, str] | None:
    if re.fullmatch(r"(19|20)\d\d", text):
        return text, f"{text}-12-31"
    m = re.fullmatch(r"((?:19|20)\d\d)-(0[1-9]|1[0-2])", text)
    if m:
        p = pd.Period(text, freq="M")
        return text, str(p.end_time.date())
    return None


def read_table(path: Path, source: str = NAME) -> pd.DataFrame:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise SourceError(
            source, f"cannot open the xlsx: {type(exc).__name__}: {exc}", path
        ) from exc
    try:
        ws = wb.worksheets[0]
        sheet = ws.title
        rows = [tuple(r) for r in ws.iter_rows(values_only=True)]
    finally:
        wb.close()

    def cell(r: int, c: int) -> str:
        return _text(rows[r][c]) if r < len(rows) and c < len(rows[r]) else ""

    title = _title_key(cell(0, 0))
    if title not in TITLES:
        raise SourceError(
            source,
            f"sheet {sheet!r} cell A1 holds {cell(0, 0)!r}; expected one of {sorted(TITLES)}",
            path,
        )
    indicator_id, factor = TITLES[title]
    header = next(
        (
            r
            for r in range(1, min(len(rows), MAX_HEADER_ROW))
            if cell(r, 0).lower() in CODE_HEADERS and cell(r, 1).lower() in NAME_HEADERS
        ),
        None,
    )
    if header is None:
        raise SourceError(
            source,
            f"sheet {sheet!r}: no header row with 'NIS-code' in column A and 'Gemeente' in column B within the "
            f"first {MAX_HEADER_ROW} rows",
            path,
        )
    periods = []
    for c in range(2, len(rows[header])):
        text = cell(header, c)
        if not text:
            continue
        parsed = _period(text)
        if parsed is None:
            raise SourceError(
                source,
                f"sheet {sheet!r} cell {cell_ref(header, c)} holds {text!r}; expected a year (2019) "
                "or a month (2019-12)",
                path,
            )
        periods.append((c, *parsed))
    if not periods:
        raise SourceError(
            source, f"sheet {sheet!r} row {header + 1}: no period columns from column C on", path
        )

    records = []
    for r in range(header + 1, len(rows)):
        code = cell(r, 0)
        if not code or code.lower().startswith(END_MARKERS):
            break
        if not re.fullmatch(r"\d{5}", code):
            raise SourceError(
                source,
                f"sheet {sheet!r} cell {cell_ref(r, 0)} holds {code!r}; expected a 5-digit NIS code",
                path,
            )
        for c, period, ref_date in periods:
            text = cell(r, c)
            if text in SPECIAL_CODES:
                value, status = None, SPECIAL_CODES[text]
            else:
                try:
                    value, status = float(text.replace(",", ".")) * factor, None
                except ValueError:
                    raise SourceError(
                        source,
                        f"sheet {sheet!r} cell {cell_ref(r, c)} holds {text!r}: neither a number nor a "
                        f"code {sorted(SPECIAL_CODES)}",
                        path,
                    ) from None
            records.append(
                {
                    "indicator_id": indicator_id,
                    "geo_code": code,
                    "period": period,
                    "ref_date": ref_date,
                    "value": value,
                    "status": status,
                }
            )
    if not records:
        raise SourceError(
            source, f"sheet {sheet!r}: no area rows below the header (row {header + 1})", path
        )
    return observations_frame(records)


class SteunpuntWerk(ManualSource):
    name = NAME
    title_nl = "Lokale arbeidsmarktindicatoren (Steunpunt Werk, Excel-tabellen)"
    title_en = "Local labour-market indicators (Steunpunt Werk Excel tables)"
    publisher = "Steunpunt Werk (KU Leuven HIVA and partners, for the Flemish Government)"
    licence = "Steunpunt Werk tables, publicly downloadable; reuse terms not checked (unverified)"
    url = "https://www.steunpuntwerk.be/"
    attribution = "Bron: Steunpunt Werk"
    period_covered = "whatever the imported tables cover"
    # yearly tables, updated after the year's sources
    release_rhythm = ReleaseRhythm("yearly", lag_days=270)
    caveats = (
        "No public API: tables an analyst downloaded and imported by hand. The expected layout is defined in "
        "the module (no published example could be checked); no table has been imported yet."
    )
    files = (
        RawFile(
            "<table>.xlsx", "https://www.steunpuntwerk.be/", "Steunpunt Werk Excel table (manual)"
        ),
    )
    indicators = INDICATORS
    # Nothing can be shipped: no public download; the contract tests skip the snapshot checks until an
    # analyst imports an export (the parser is tested on documented-format fixtures).
    live_only = True

    how_to_obtain = (
        "Steunpunt Werk has no public download URL or API for these tables. Download the table from "
        "https://www.steunpuntwerk.be/, check it matches the layout in pipelines/sources/steunpunt_werk.py and "
        'import it with `python -m pipelines snapshot steunpunt_werk <file>.xlsx --id <date> --origin "..."`'
    )

    def parse(self, snapshot: Path) -> pd.DataFrame:
        files = sorted(snapshot.glob("*.xlsx"))
        if not files:
            raise SourceError(self.name, "no .xlsx table in the snapshot", snapshot)
        df = pd.concat([read_table(f, self.name) for f in files], ignore_index=True)
        key = ["indicator_id", "geo_code", "period", "breakdown", "breakdown_value"]
        if df.duplicated(key).any():
            raise SourceError(
                self.name,
                "two tables give the same indicator for the same area and period",
                snapshot,
            )
        return df


SOURCE = SteunpuntWerk()
