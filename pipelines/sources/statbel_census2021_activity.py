"""Census 2021 labour-market situation of residents aged 15-64, per municipality (Statbel).

Why this source: the only recent figure for every municipality that splits residents aged 15-64 into
employed, unemployed and inactive on one definition, so Gent's employment and unemployment rate can be
set beside its peers (the rates are computed in pipelines/sql/derived/). Reference date 1 January 2021.

Shipped snapshot: the four CAS_* blocks of BelPulse's transcription of Statbel's workbook
T01_CAS_AGE_BE_NL.XLSX (SOURCES.md section 16). The live fetch downloads Statbel's workbook itself;
both layouts are parsed to the same observations.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from pipelines.freshness import ReleaseRhythm
from pipelines.source import Indicator
from pipelines.source import RawFile
from pipelines.source import Source
from pipelines.source import SourceError
from pipelines.source import observations_frame
from pipelines.tables import read_long

NAME = "statbel_census2021_activity"
CSV = "census2021_cas_15_64_by_municipality.csv"
XLSX = "T01_CAS_AGE_BE_NL.xlsx"
# Statbel's census 2021 open-data workbook (the name is documented by BelPulse; the folder is UNVERIFIED:
# this fetch has never run against Statbel).
XLSX_URL = (
    "https://statbel.fgov.be/sites/default/files/files/opendata/Census2021/T01_CAS_AGE_BE_NL.xlsx"
)
SHEET = "CENSUS_T01_2021_BE_CAS1564_2021"
PERIOD, REF_DATE = "2021", "2021-01-01"

# Indicator id -> (BelPulse code in the shipped CSV, column header in Statbel's workbook).
CODES = {
    "c21_employed_15_64": ("CAS_EMPLOYED", "1.1. Werkzame personen"),
    "c21_unemployed_15_64": ("CAS_UNEMPLOYED", "1.2. Werklozen"),
    "c21_labour_force_15_64": ("CAS_LABOUR_FORCE", "1. Beroepsactieven"),
    "c21_inactive_15_64": ("CAS_INACTIVE", "2. Inactieven"),
}

_NOTE = (
    "NL: Census 2021 (Statbel), registergebaseerd, toestand op 1 januari 2021, inwoners van 15-64 jaar naar "
    "woonplaats, gemeenten van 2019-2024 (581). Werkloos volgens de census (register), niet de IAO-definitie van de "
    "Enquête naar de Arbeidskrachten en niet VDAB's niet-werkende werkzoekenden. "
    "EN: Census 2021 (Statbel), register-based, situation on 1 January 2021, residents aged 15-64 by place of "
    "residence, municipalities of 2019-2024 (581). Unemployed as defined by the census (registers), not the ILO "
    "definition of the Labour Force Survey and not VDAB's unemployed job seekers."
)


def _ind(**fields) -> Indicator:
    """A census 2021 count of persons; its numerator names the workbook column of its id (CODES)."""
    fields.setdefault("direction", "neutral")
    column = CODES[fields["id"]][1]
    return Indicator(
        unit="persons",
        period_type="year",
        numerator=f"Statbel T01_CAS, column '{column}', row Totaal",
        notes=_NOTE,
        **fields,
    )


INDICATORS = (
    _ind(
        id="c21_employed_15_64",
        name_nl="Werkende inwoners van 15-64 jaar (census 2021)",
        name_en="Employed residents aged 15-64 (census 2021)",
        definition_nl="Inwoners van 15-64 jaar die op 1 januari 2021 werken (loontrekkend of zelfstandig), naar woonplaats.",
        definition_en="Residents aged 15-64 in work on 1 January 2021 (employees or self-employed), by place of residence.",
    ),
    _ind(
        id="c21_unemployed_15_64",
        name_nl="Werkloze inwoners van 15-64 jaar (census 2021)",
        name_en="Unemployed residents aged 15-64 (census 2021)",
        definition_nl="Inwoners van 15-64 jaar die op 1 januari 2021 volgens de census werkloos zijn.",
        definition_en="Residents aged 15-64 unemployed according to the census on 1 January 2021.",
        direction="higher_is_worse",
    ),
    _ind(
        id="c21_labour_force_15_64",
        name_nl="Beroepsbevolking van 15-64 jaar (census 2021)",
        name_en="Labour force aged 15-64 (census 2021)",
        definition_nl="Werkende plus werkloze inwoners van 15-64 jaar op 1 januari 2021.",
        definition_en="Employed plus unemployed residents aged 15-64 on 1 January 2021.",
    ),
    _ind(
        id="c21_inactive_15_64",
        name_nl="Niet-beroepsactieve inwoners van 15-64 jaar (census 2021)",
        name_en="Inactive residents aged 15-64 (census 2021)",
        definition_nl="Inwoners van 15-64 jaar die op 1 januari 2021 werken noch werkloos zijn (studenten, gepensioneerden, ...).",
        definition_en="Residents aged 15-64 neither employed nor unemployed on 1 January 2021 (students, retired, ...).",
    ),
)


def read_csv(path: Path, source: str = NAME) -> pd.DataFrame:
    """The shipped layout: BelPulse observations, one row per (CAS code, municipality). -> wide frame."""
    by_code = {code: ind for ind, (code, _) in CODES.items()}
    long = read_long(path, source, what="census 2021 file", codes=by_code, period=PERIOD)
    long["ind"] = long["code"].map(by_code)
    return long.pivot(index="geo", columns="ind", values="value")


def read_xlsx(path: Path, source: str = NAME) -> pd.DataFrame:
    """Statbel's workbook: sheet SHEET, a header row holding the four CAS columns, a NIS-code column and
    a sex column whose 'Totaal' rows are kept. The layout beyond the sheet and column names is UNVERIFIED."""
    try:
        sheets = pd.read_excel(path, sheet_name=None, header=None, dtype=str)
    except (OSError, ValueError) as exc:
        raise SourceError(source, f"cannot read the census 2021 workbook: {exc}", path) from exc
    if SHEET not in sheets:
        raise SourceError(source, f"sheet {SHEET!r} not found; sheets: {list(sheets)}", path)
    grid = sheets[SHEET].fillna("")
    wanted = {h for _, h in CODES.values()}
    header_row = next(
        (i for i, row in grid.iterrows() if wanted <= {str(c).strip() for c in row}), None
    )
    if header_row is None:
        raise SourceError(
            source, f"no header row with the columns {sorted(wanted)} in sheet {SHEET}", path
        )
    header = [str(c).strip() for c in grid.iloc[header_row]]
    body = grid.iloc[header_row + 1 :].copy()
    body.columns = header
    nis_col = next((h for h in header if re.search(r"nis|refnis", h, re.I)), None)
    sex_col = next((h for h in header if re.search(r"geslacht|sexe|sex", h, re.I)), None)
    if nis_col is None:
        raise SourceError(source, f"no NIS-code column in the header {header}", path)
    if sex_col is not None:
        body = body[body[sex_col].str.strip().str.lower() == "totaal"]
    body = body[body[nis_col].str.strip().str.fullmatch(r"\d{5}")]
    # Municipalities only: country/region/province/arrondissement codes end in 000 (or are provinces).
    body = body[~body[nis_col].str.strip().str.endswith("000")]
    if body.empty:
        raise SourceError(
            source, "no municipality rows (5-digit NIS code, sex Totaal) under the header", path
        )
    out = pd.DataFrame(index=body[nis_col].str.strip().values)
    for ind, (_, col) in CODES.items():
        vals = pd.to_numeric(body[col].str.strip(), errors="coerce")
        if vals.isna().any():
            raise SourceError(source, f"non-numeric value in column {col!r}", path)
        out[ind] = vals.values
    return out


def check(wide: pd.DataFrame, path: Path, source: str = NAME) -> pd.DataFrame:
    """Every municipality has all four counts, and labour force = employed + unemployed."""
    missing = wide[wide.isna().any(axis=1)]
    if not missing.empty:
        raise SourceError(
            source, f"municipality {missing.index[0]} lacks one of the four counts", path
        )
    off = wide[
        (
            wide["c21_employed_15_64"]
            + wide["c21_unemployed_15_64"]
            - wide["c21_labour_force_15_64"]
        ).abs()
        > 0.5
    ]
    if not off.empty:
        raise SourceError(
            source, f"labour force is not employed + unemployed for {off.index[0]}", path
        )
    return wide


class StatbelCensus2021Activity(Source):
    name = NAME
    title_nl = "Census 2021: arbeidsmarktsituatie van de inwoners van 15-64 jaar per gemeente"
    title_en = "Census 2021: labour-market situation of residents aged 15-64 per municipality"
    publisher = "Statbel (census 2021), via BelPulse (github.com/mdruszcz/belgian-macro-pipeline)"
    licence = "Statbel open data, CC BY 4.0 as stated by the transcribing repository (unverified)"
    url = "https://statbel.fgov.be/nl/themas/census"
    attribution = "Statbel, Census 2021 (T01_CAS_AGE_BE_NL.XLSX)"
    period_covered = "1 January 2021"
    caveats = (
        "Shipped copy: the CAS_* rows of BelPulse's data/census2021_observations.csv (commit 42d799d5), read "
        "through a search index page by page and reassembled (SOURCES.md §16); labour force = employed + "
        "unemployed holds for all 581 municipalities and 60 values were cross-checked against a second BelPulse "
        "file. Inactive has no internal identity to test. Municipalities of 2019-2024 (581 codes). The live fetch "
        "of Statbel's workbook has never run: its URL folder and layout beyond the sheet and column names are "
        "unverified."
    )
    files = (
        RawFile(XLSX, XLSX_URL, "Statbel census 2021 table T01, labour-market situation 15-64"),
    )
    indicators = INDICATORS
    release_rhythm = ReleaseRhythm("closed")  # the 2021 census: a one-off

    def fetch(self, session, dest: Path) -> list[Path]:
        """Download Statbel's workbook and check it parses before keeping it."""
        from pipelines.http import download

        path = download(session, XLSX_URL, dest / XLSX, source=self.name)
        check(read_xlsx(path, self.name), path, self.name)
        return [path]

    def read(self, snapshot: Path) -> pd.DataFrame:
        if (snapshot / XLSX).exists():
            return check(read_xlsx(snapshot / XLSX, self.name), snapshot / XLSX, self.name)
        return check(read_csv(snapshot / CSV, self.name), snapshot / CSV, self.name)

    def parse(self, snapshot: Path) -> pd.DataFrame:
        wide = self.read(snapshot)
        frames = [
            pd.DataFrame(
                {
                    "indicator_id": ind,
                    "geo_code": wide.index.astype(str),
                    "period": PERIOD,
                    "ref_date": REF_DATE,
                    "value": wide[ind].values,
                }
            )
            for ind in CODES
        ]
        return observations_frame(pd.concat(frames, ignore_index=True))


SOURCE = StatbelCensus2021Activity()
