"""Employment rate (werkzaamheidsgraad) per Flemish and Brussels municipality, 2003-2015; publisher not stated.

Why this source: the only municipal employment-rate series before 2015, so Gent's rate of the census years
can be set beside its peers over time. The copy names no publisher, age band or definition (its export
footer suggests a Steunpunt Werk "lokale statistieken" export, most likely 20-64): every label says
"publisher not stated" and it is never put in one line with another employment rate.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipelines.freshness import ReleaseRhythm
from pipelines.source import Indicator
from pipelines.source import RawFile
from pipelines.source import Source
from pipelines.source import SourceError
from pipelines.source import observations_frame

NAME = "werkzaamheidsgraad_gemeente"
FILE = "employment.csv"
COMMIT = "82e9e85a52231f0e3d1f6de398e87059827295de"
RAW_URL = f"https://raw.githubusercontent.com/RoelPi/data_visualization_course/{COMMIT}/{FILE}"
INDICATOR = "wzg_employment_rate_unlabelled"
COLUMNS = ["gemeente", "nis", "jaar", "werkzaamheidsgraad"]
FOOTER = "geen selecties"

INDICATORS = (
    Indicator(
        id=INDICATOR,
        name_nl="Werkzaamheidsgraad per gemeente (uitgever niet vermeld)",
        name_en="Employment rate per municipality (publisher not stated)",
        definition_nl=(
            "Werkende inwoners in % van de inwoners op beroepsactieve leeftijd, per gemeente en jaar. De kopie "
            "vermeldt uitgever, leeftijdsgroep en definitie niet (waarschijnlijk Steunpunt Werk, 20-64 jaar; niet "
            "bevestigd)."
        ),
        definition_en=(
            "Employed residents as % of the working-age residents, per municipality and year. The copy states no "
            "publisher, age band or definition (probably Steunpunt Werk, 20-64; not confirmed)."
        ),
        unit="%",
        direction="higher_is_better",
        period_type="year",
        numerator="werkende inwoners (niet gespecificeerd) / employed residents (unspecified)",
        denominator="inwoners op beroepsactieve leeftijd (niet gespecificeerd) / working-age residents (unspecified)",
        notes=(
            "Copied from github.com/RoelPi/data_visualization_course (employment.csv, commit 82e9e85a); the export "
            "footer 'Geen selecties' and the coverage (308 Flemish and 19 Brussels municipalities) point to a "
            "Steunpunt Werk export. Pre-2019 municipalities. Values as in the file (decimal comma read as a "
            "decimal point)."
        ),
        concept="employment_rate",
    ),
)


def read_table(path: Path, source: str = NAME) -> pd.DataFrame:
    """';'-separated, decimal comma, with an export footer (';;;', 'Geen selecties') that is dropped."""
    try:
        raw = pd.read_csv(path, sep=";", dtype=str, keep_default_na=False, encoding="utf-8")
    except (OSError, ValueError) as exc:
        raise SourceError(source, f"cannot read the employment-rate file: {exc}", path) from exc
    if [c.strip() for c in raw.columns] != COLUMNS:
        raise SourceError(source, f"expected columns {COLUMNS}; found {list(raw.columns)}", path)
    raw.columns = COLUMNS
    footer = (raw["nis"].str.strip() == "") & (
        (raw["gemeente"].str.strip() == "") | (raw["gemeente"].str.strip().str.lower() == FOOTER)
    )
    if footer.any() and not footer[footer].index.min() >= len(raw) - footer.sum():
        raise SourceError(
            source,
            f"empty row in the middle of the table (row {footer[footer].index[0] + 2})",
            path,
        )
    df = raw[~footer].copy()
    if df.empty:
        raise SourceError(source, "the file has no data rows", path)
    bad = df.loc[~df["nis"].str.strip().str.fullmatch(r"\d{5}"), "nis"]
    if not bad.empty:
        raise SourceError(
            source, f"nis {bad.iloc[0]!r} is not a 5-digit NIS code (row {bad.index[0] + 2})", path
        )
    bad = df.loc[~df["jaar"].str.strip().str.fullmatch(r"\d{4}"), "jaar"]
    if not bad.empty:
        raise SourceError(
            source, f"jaar {bad.iloc[0]!r} is not a year (row {bad.index[0] + 2})", path
        )
    value = pd.to_numeric(
        df["werkzaamheidsgraad"].str.strip().str.replace(",", ".", regex=False), errors="coerce"
    )
    if value.isna().any():
        i = value[value.isna()].index[0]
        raise SourceError(
            source,
            f"non-numeric werkzaamheidsgraad {df.loc[i, 'werkzaamheidsgraad']!r} (row {i + 2})",
            path,
        )
    out = pd.DataFrame(
        {"nis": df["nis"].str.strip(), "year": df["jaar"].str.strip(), "value": value}
    )
    if out.duplicated(["nis", "year"]).any():
        r = out[out.duplicated(["nis", "year"])].iloc[0]
        raise SourceError(source, f"duplicate row for {r['nis']} in {r['year']}", path)
    return out


class WerkzaamheidsgraadGemeente(Source):
    name = NAME
    title_nl = "Werkzaamheidsgraad per gemeente 2003-2015 (uitgever niet vermeld)"
    title_en = "Employment rate per municipality 2003-2015 (publisher not stated)"
    publisher = "github.com/RoelPi/data_visualization_course"
    licence = "None stated (unverified)"
    url = "https://github.com/RoelPi/data_visualization_course"
    attribution = (
        "Publisher not stated; file employment.csv of github.com/RoelPi/data_visualization_course"
    )
    period_covered = "2003-2015, yearly"
    caveats = (
        "The copy names no publisher, no age band and no definition; the footer 'Geen selecties' and the coverage "
        "suggest a Steunpunt Werk export of the werkzaamheidsgraad (most likely 20-64), unverified. Pre-2019 "
        "municipalities of Flanders and Brussels (327). Series stops in 2015. Never one series with another "
        "employment rate."
    )
    files = (
        RawFile(
            FILE, RAW_URL, "employment rate per municipality and year, ';'-separated, decimal comma"
        ),
    )
    indicators = INDICATORS
    release_rhythm = ReleaseRhythm("closed")  # a copy that stops in 2015; no publisher to follow

    def parse(self, snapshot: Path) -> pd.DataFrame:
        df = read_table(snapshot / FILE, self.name)
        return observations_frame(
            pd.DataFrame(
                {
                    "indicator_id": INDICATOR,
                    "geo_code": df["nis"],
                    "period": df["year"],
                    "ref_date": df["year"] + "-12-31",
                    "value": df["value"],
                }
            )
        )


SOURCE = WerkzaamheidsgraadGemeente()
