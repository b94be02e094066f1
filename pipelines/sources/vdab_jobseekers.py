"""VDAB job seekers per Flemish municipality, 2014-2024 (Provincies in Cijfers export).

Why this source: it is the only file we have that gives the werkzoekendengraad and the number of
job seekers for every Flemish municipality over ten years, so Gent can be compared with Antwerpen,
Genk, Oostende and the rest of Flanders, with breakdowns by sex, age, nationality, origin and
residential mobility.

The module also holds the reader for Provincies in Cijfers "gemeenten" exports
(`read_export` / `export_observations`), because `vdab_vacancies` uses the very same layout:
row 2 = indicator names (one per block of years), row 3 = years, column A = municipality name,
then rest rows and a footer that explains the special codes.
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
from pipelines.source import (
    TOTAL,
    BreakdownLabel,
    Indicator,
    RawFile,
    Source,
    SourceError,
    observations_frame,
)

# --- Reader shared by the Provincies in Cijfers exports -------------------------------------

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
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value).strip()


def read_export(source: str, path: Path) -> Export:
    """Read the sheet and locate indicator blocks, years and municipality rows; fail loudly on drift."""
    if not path.is_file():
        raise SourceError(source, "raw file is missing from the snapshot", path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "Workbook contains no default style": harmless
            frame = pd.read_excel(path, header=None, dtype=str, sheet_name=0, engine="openpyxl")
    except Exception as exc:  # corrupt zip, not an xlsx, unreadable: all mean the same to the analyst
        raise SourceError(source, f"cannot read the xlsx: {type(exc).__name__}: {exc}", path) from exc
    if frame.shape[0] <= FIRST_DATA_ROW or frame.shape[1] < 2:
        raise SourceError(source, f"sheet is too small ({frame.shape[0]} rows x {frame.shape[1]} columns)", path)

    # Years (row 3): one block of consecutive years per indicator; a block restarts when the year drops.
    years: list[tuple[int, int]] = []
    for col in range(1, frame.shape[1]):
        text = _text(frame.iat[YEAR_ROW, col])
        if not text:
            continue
        if not re.fullmatch(r"(19|20)\d\d", text):
            raise SourceError(
                source, f"row 3 should hold the years, but cell {cell_ref(YEAR_ROW, col)} holds {text!r}", path
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
            (col, _text(frame.iat[HEADER_ROW, col])) for col, _ in block if _text(frame.iat[HEADER_ROW, col])
        ]
        span = f"{cell_ref(HEADER_ROW, block[0][0])}:{cell_ref(HEADER_ROW, block[-1][0])}"
        if len(names) != 1:
            raise SourceError(
                source, f"expected one indicator name in {span}, found {[n for _, n in names]}", path
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


def parse_cell(source: str, path: Path, row: int, col: int, raw) -> tuple[Decimal | None, str | None]:
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


# --- The job seekers source ------------------------------------------------------------------

NETBECK_RAW = (
    "https://raw.githubusercontent.com/NetBeck22/education/18621b65de7987eb7c39aee0df50daa888cbffd7/data/external/"
)
FILE = "unemployment_jobseekers_data.xlsx"

# Export header (normalised) -> tidy series. The breakdown rows are kept apart from the totals.
SERIES = {
    "werkzoekendengraad (jaargemiddelde) [%]": Series("jobseeker_rate", percent=True),
    "werkzoekendengraad mannen (jaargemiddelde) [%]": Series("jobseeker_rate", "sex", "men", True),
    "werkzoekendengraad vrouwen (jaargemiddelde) [%]": Series("jobseeker_rate", "sex", "women", True),
    "werkzoekendengraad 18-24 jaar (jaargemiddelde) [%]": Series("jobseeker_rate", "age", "18-24", True),
    "werkzoekendengraad 25-59 jaar (jaargemiddelde) [%]": Series("jobseeker_rate", "age", "25-59", True),
    "werkzoekendengraad 60-64 jaar (jaargemiddelde) [%]": Series("jobseeker_rate", "age", "60-64", True),
    "werkzoekenden zonder werk (jaargemiddelde) [aantal]": Series("jobseekers_nwwz"),
    "WZW [aantal]": Series("jobseekers_wzw"),
    "WZW (t.o.v. inwoners 18-64 jaar) [%]": Series("jobseekers_wzw_rate", percent=True),
    "WZW Belg [aantal]": Series("jobseekers_wzw", "nationality", "belgian"),
    "WZW EU (excl. Belg) [aantal]": Series("jobseekers_wzw", "nationality", "eu_excl_belgian"),
    "WZW niet-EU [aantal]": Series("jobseekers_wzw", "nationality", "non_eu"),
    "WZW Belgische herkomst [aantal]": Series("jobseekers_wzw", "origin", "belgian"),
    "WZW EU herkomst (excl. Belg) [aantal]": Series("jobseekers_wzw", "origin", "eu_excl_belgian"),
    "WZW niet-EU herkomst [aantal]": Series("jobseekers_wzw", "origin", "non_eu"),
    "WZW vorig jaar wonend in dezelfde gemeente [aantal]": Series(
        "jobseekers_wzw", "residence_prev_year", "same_municipality"
    ),
    "WZW vorig jaar wonend in een andere gemeente [aantal]": Series(
        "jobseekers_wzw", "residence_prev_year", "other_municipality"
    ),
    "WZW vorig jaar wonend in het buitenland [aantal]": Series("jobseekers_wzw", "residence_prev_year", "abroad"),
    "WZW volgend jaar wonend in dezelfde gemeente [aantal]": Series(
        "jobseekers_wzw", "residence_next_year", "same_municipality"
    ),
    "WZW volgend jaar wonend in een andere gemeente [aantal]": Series(
        "jobseekers_wzw", "residence_next_year", "other_municipality"
    ),
    "WZW volgend jaar wonend in het buitenland [aantal]": Series("jobseekers_wzw", "residence_next_year", "abroad"),
}

_WZW_LINK_NL = (
    "De geanonimiseerde VDAB-gegevens (situatie 31/12) zijn gekoppeld aan het Rijksregister (situatie 1/1, "
    "correcties tot 1/3); de woonplaats is het domicilieadres (VDAB zelf toont het verblijfsadres)."
)
_WZW_LINK_EN = (
    "Anonymised VDAB records (situation on 31 Dec) linked to the National Register (situation on 1 Jan, "
    "corrections up to 1 March); residence is the registered (domicile) address, whereas VDAB's own "
    "figures use the address where people actually stay."
)


class VdabJobseekers(Source):
    name = "vdab_jobseekers"
    title_nl = "Werkzoekenden per gemeente (VDAB, via Provincies in Cijfers)"
    title_en = "Job seekers per municipality (VDAB, via Provincies in Cijfers)"
    publisher = "VDAB; export by Data & Analyse van de Vlaamse provincies (Provincies in Cijfers)"
    licence = "unverified: Provincies in Cijfers publishes for reuse; terms not checked"
    url = "https://provincies.incijfers.be/"
    attribution = (
        "Bron: VDAB | provincies.incijfers.be; WZW-reeksen: VDAB en Rijksregister | provincies.incijfers.be "
        "(rapport \"Werkloosheid - gemeenten\", export 21 mei 2026)"
    )
    period_covered = "2014-2024 (WZW 2015-2024)"
    caveats = (
        "Export of the Provincies in Cijfers report \"Werkloosheid - gemeenten\" (21 May 2026); the copy used was "
        "found in github.com/NetBeck22/education, not downloaded from the publisher. All years are presented on "
        "the 2025 municipal boundaries (after the 2025 mergers). The 4 rest rows (\"Buiten Vlaanderen en "
        "Brussel\", \"Niet te lokaliseren\", \"Niet te lokaliseren - Brussel\", \"Niet te lokaliseren - "
        "Vlaanderen\") are not places and are skipped. Special codes are kept as a status, never as 0: "
        "'-' no value, 'x' hidden (small numbers), '?' missing, 'nvt' not applicable. The WZW series start in "
        "2015; the 2014 column (all '-') is not loaded. The rate is VDAB's werkzoekendengraad, not the ILO "
        "unemployment rate. No education or unemployment-duration breakdown in this file."
    )
    files = (
        RawFile(
            FILE,
            NETBECK_RAW + FILE,
            "Provincies in Cijfers export 'Werkloosheid - gemeenten' (21 May 2026), copy in NetBeck22/education",
        ),
    )
    indicators = (
        Indicator(
            id="jobseeker_rate",
            name_nl="Werkzoekendengraad (jaargemiddelde)",
            name_en="Job-seeker rate (annual average)",
            definition_nl=(
                "Niet-werkende werkzoekenden (NWWZ, jaargemiddelde) als percentage van de beroepsbevolking, "
                "naar woonplaats. Ook per geslacht en per leeftijdsgroep (18-24, 25-59, 60-64 jaar); die "
                "opdelingen staan los van het totaal."
            ),
            definition_en=(
                "Unemployed job seekers (NWWZ, annual average) as a percentage of the labour force, by place of "
                "residence. Also by sex and by age group (18-24, 25-59, 60-64); those rows are separate from the "
                "total."
            ),
            unit="%",
            direction="higher_is_worse",
            period_type="year",
            numerator="niet-werkende werkzoekenden (NWWZ), jaargemiddelde / unemployed job seekers, annual average",
            denominator="beroepsbevolking / labour force (working + unemployed) of the same group",
            notes=(
                "VDAB werkzoekendengraad, not the ILO unemployment rate (which comes from the Labour Force "
                "Survey and is lower). The export gives a fraction (0.144); stored as percent (14.4)."
            ),
            concept="unemployment_rate",
        ),
        Indicator(
            id="jobseekers_nwwz",
            name_nl="Werkzoekenden zonder werk (jaargemiddelde)",
            name_en="Unemployed job seekers (annual average)",
            definition_nl="Gemiddeld aantal niet-werkende werkzoekenden (NWWZ) over de 12 maanden, naar woonplaats.",
            definition_en="Average number of unemployed job seekers (NWWZ) over the 12 months, by place of residence.",
            unit="persons",
            direction="higher_is_worse",
            period_type="year",
            numerator="niet-werkende werkzoekenden (NWWZ), jaargemiddelde / unemployed job seekers, annual average",
            notes="Total only. Numerator of jobseeker_rate.",
            concept="unemployed_count",
        ),
        Indicator(
            id="jobseekers_wzw",
            name_nl="Werkzoekenden zonder werk op 31/12 (WZW)",
            name_en="Unemployed job seekers on 31 December (WZW)",
            definition_nl=(
                "Aantal werkzoekenden zonder werk op 31 december, gekoppeld aan het Rijksregister. Totaal en "
                "opdelingen naar nationaliteit, herkomst, en woonplaats het vorige en het volgende jaar (dezelfde "
                "gemeente, een andere gemeente, buitenland); elke opdeling staat los van het totaal. "
                + _WZW_LINK_NL
            ),
            definition_en=(
                "Number of unemployed job seekers on 31 December, linked with the National Register. Total and "
                "breakdowns by nationality, origin, and residence the previous and the next year (same "
                "municipality, another municipality, abroad); each breakdown is separate from the total. "
                + _WZW_LINK_EN
            ),
            unit="persons",
            direction="higher_is_worse",
            period_type="year",
            numerator="werkzoekenden zonder werk op 31/12 / unemployed job seekers on 31 Dec",
            notes="Available 2015-2024. A stock on 31 December, unlike the annual average jobseekers_nwwz.",
        ),
        Indicator(
            id="jobseekers_wzw_rate",
            name_nl="WZW t.o.v. inwoners 18-64 jaar",
            name_en="WZW as a share of residents aged 18-64",
            definition_nl=(
                "Werkzoekenden zonder werk op 31/12 (WZW) als percentage van de inwoners van 18-64 jaar. "
                + _WZW_LINK_NL
            ),
            definition_en=(
                "Unemployed job seekers on 31 December (WZW) as a percentage of residents aged 18-64. "
                + _WZW_LINK_EN
            ),
            unit="%",
            direction="higher_is_worse",
            period_type="year",
            numerator="WZW op 31/12 / unemployed job seekers on 31 Dec",
            denominator="inwoners 18-64 jaar / residents aged 18-64 (National Register)",
            notes=(
                "Available 2015-2024, total only. Denominator is the population, not the labour force, so it is "
                "lower than jobseeker_rate. Export gives a fraction; stored as percent."
            ),
        ),
    )
    breakdown_labels = (
        BreakdownLabel(TOTAL, TOTAL, "Totaal", "Total", 0),
        BreakdownLabel("sex", "men", "Mannen", "Men", 1),
        BreakdownLabel("sex", "women", "Vrouwen", "Women", 2),
        BreakdownLabel("age", "18-24", "18-24 jaar", "Aged 18-24", 1),
        BreakdownLabel("age", "25-59", "25-59 jaar", "Aged 25-59", 2),
        BreakdownLabel("age", "60-64", "60-64 jaar", "Aged 60-64", 3),
        BreakdownLabel("nationality", "belgian", "Belgische nationaliteit", "Belgian nationality", 1),
        BreakdownLabel(
            "nationality", "eu_excl_belgian", "EU-nationaliteit (excl. Belg)", "EU nationality (excl. Belgian)", 2
        ),
        BreakdownLabel("nationality", "non_eu", "Niet-EU-nationaliteit", "Non-EU nationality", 3),
        BreakdownLabel("origin", "belgian", "Belgische herkomst", "Belgian origin", 1),
        BreakdownLabel("origin", "eu_excl_belgian", "EU-herkomst (excl. Belg)", "EU origin (excl. Belgian)", 2),
        BreakdownLabel("origin", "non_eu", "Niet-EU-herkomst", "Non-EU origin", 3),
        BreakdownLabel(
            "residence_prev_year", "same_municipality", "Vorig jaar in dezelfde gemeente",
            "Same municipality the previous year", 1,
        ),
        BreakdownLabel(
            "residence_prev_year", "other_municipality", "Vorig jaar in een andere gemeente",
            "Another municipality the previous year", 2,
        ),
        BreakdownLabel("residence_prev_year", "abroad", "Vorig jaar in het buitenland", "Abroad the previous year", 3),
        BreakdownLabel(
            "residence_next_year", "same_municipality", "Volgend jaar in dezelfde gemeente",
            "Same municipality the next year", 1,
        ),
        BreakdownLabel(
            "residence_next_year", "other_municipality", "Volgend jaar in een andere gemeente",
            "Another municipality the next year", 2,
        ),
        BreakdownLabel("residence_next_year", "abroad", "Volgend jaar in het buitenland", "Abroad the next year", 3),
    )

    def parse(self, snapshot: Path) -> pd.DataFrame:
        export = read_export(self.name, snapshot / FILE)
        return export_observations(self.name, export, SERIES)


SOURCE = VdabJobseekers()
