"""Population by municipality, age and nationality on 1 January (Statbel TF_SOC_POP_STRUCT).

Why this source: the working-age population (15-64, 18-64, 20-64) is the denominator of every
employment, job-seeker and job ratio, and only this Statbel table gives it per municipality and
single year of age. It also gives the share of non-Belgian nationals.

Two inputs, one parser:
- the shipped snapshot: weRbelgium/BelgiumStatistics' RData copies of TF_SOC_POP_STRUCT_2009..2015,
  filtered to Gent, Antwerpen, Genk and Oostende, stacked and converted to CSV (shared/data
  SOURCES.md section 4; column `CD_YEAR` added by that conversion);
- a live fetch: Statbel's yearly zip `TF_SOC_POP_STRUCT_{YEAR}.zip`, each holding one
  pipe-separated, UTF-8 (with BOM) .txt for the whole country (~104 MB unzipped in 2026). The zips are
  kept as downloaded and read in place through `pipelines.safezip` (no path traversal, links, bombs); the municipality column is `CD_MUNTY_REFNIS` in older years and `CD_REFNIS` in
  recent ones (both mapped).

Age bands (`age_band`, non-overlapping, together = total): 0-14, 15-17, 18-19, 20-24, 25-54,
55-59, 60-64, 65+ (CD_AGE 100 means 100 or older). The cut-offs are chosen so that every
working-age definition used by our other sources is a sum of whole bands: 15-64 (Eurostat, Stadsmonitor
jobratio), 18-64 (VDAB WZW rate), 20-64 (EU 2030 employment target), 15-24/18-24, 25-54, 25-59,
55-64 and 60-64.

Nationality: the table only distinguishes Belgian (`BEL`) from non-Belgian (`ETR`) nationals, in
every year we have seen, so there is NO EU / non-EU split here; the indicator is therefore the
share of *non-Belgian* nationals, not of non-EU nationals. (Origin, with an EU/non-EU split, comes
from `statbel_origin`.)
"""

from __future__ import annotations

import io
import os
import re
from datetime import date
from pathlib import Path

import pandas as pd

from pipelines import safezip
from pipelines.freshness import ReleaseRhythm
from pipelines.source import TOTAL
from pipelines.source import Indicator
from pipelines.source import RawFile
from pipelines.source import Source
from pipelines.source import SourceError
from pipelines.source import observations_frame

NAME = "statbel_pop_struct"
SHIPPED = "TF_SOC_POP_STRUCT_2009_2015_gent_antwerpen_genk_oostende.csv"
URL_TEMPLATE = (
    "https://statbel.fgov.be/sites/default/files/files/opendata/"
    "bevolking%20naar%20woonplaats%2C%20nationaliteit%20burgelijke%20staat%20%2C%20leeftijd%20en%20geslacht/"
    "TF_SOC_POP_STRUCT_{year}.zip"
)
ZIP_NAME = re.compile(r"^TF_SOC_POP_STRUCT_(\d{4})\.zip$")
FIRST_YEAR = 2009

# Column name variants across years -> the name used here.
COLUMN_ALIASES = {
    "CD_REFNIS": "refnis",
    "CD_MUNTY_REFNIS": "refnis",
    "CD_AGE": "age",
    "CD_NATLTY": "nationality",
    "MS_POPULATION": "population",
    "CD_YEAR": "year",
}
REQUIRED = ("refnis", "age", "nationality", "population")

AGE_BANDS = (
    ("0-14", 0, 14),
    ("15-17", 15, 17),
    ("18-19", 18, 19),
    ("20-24", 20, 24),
    ("25-54", 25, 54),
    ("55-59", 55, 59),
    ("60-64", 60, 64),
    ("65+", 65, 200),
)
WORKING_AGE = (("15-64", 15, 64), ("18-64", 18, 64), ("20-64", 20, 64))
NATIONALITIES = {"BEL": "belgian", "ETR": "foreign"}
AGE_BAND, NATIONALITY = "age_band", "nationality"


_TABLE_NL = "Statbel, bevolking naar woonplaats, nationaliteit, burgerlijke staat, leeftijd en geslacht (TF_SOC_POP_STRUCT)."
_TABLE_EN = "Statbel, population by place of residence, nationality, marital status, age and sex (TF_SOC_POP_STRUCT)."

INDICATORS = (
    Indicator(
        id="population_by_age",
        name_nl="Bevolking naar leeftijdsgroep",
        name_en="Population by age group",
        definition_nl=(
            "Inwoners op 1 januari, in totaal en per leeftijdsgroep (0-14, 15-17, 18-19, 20-24, 25-54, 55-59, "
            "60-64, 65+). De groepen overlappen niet en tellen op tot het totaal. " + _TABLE_NL
        ),
        definition_en=(
            "Inhabitants on 1 January, in total and by age group (0-14, 15-17, 18-19, 20-24, 25-54, 55-59, "
            "60-64, 65+). The groups do not overlap and add up to the total. " + _TABLE_EN
        ),
        unit="persons",
        direction="neutral",
        period_type="year",
        period_kind="year_start",
        numerator="inwoners / inhabitants (sum of MS_POPULATION)",
        notes=(
            "Age in completed years on 1 January; CD_AGE 100 = 100 or older. Band cut-offs chosen so that "
            "15-64, 18-64, 20-64, 18-24, 25-59 and 60-64 are sums of whole bands."
        ),
    ),
    Indicator(
        id="working_age_population",
        name_nl="Bevolking op arbeidsleeftijd",
        name_en="Working-age population",
        definition_nl=(
            "Inwoners op 1 januari in drie afbakeningen van de arbeidsleeftijd: 15-64, 18-64 en 20-64 jaar. "
            "Elke afbakening is een eigen rij; ze OVERLAPPEN en mogen nooit opgeteld worden. "
            + _TABLE_NL
        ),
        definition_en=(
            "Inhabitants on 1 January under three definitions of working age: 15-64, 18-64 and 20-64. Each "
            "definition is its own row; they OVERLAP and must never be summed. " + _TABLE_EN
        ),
        unit="persons",
        direction="neutral",
        period_type="year",
        period_kind="year_start",
        numerator="inwoners in de leeftijdsgroep / inhabitants in the age range",
        notes=(
            "15-64: Eurostat and Stadsmonitor jobratio denominator; 18-64: denominator of VDAB's WZW rate; "
            "20-64: EU 2030 employment-rate target. Always label which band a ratio uses. No total row."
        ),
        concept="working_age_population",
    ),
    Indicator(
        id="population_nationality",
        name_nl="Bevolking naar nationaliteit (Belg / niet-Belg)",
        name_en="Population by nationality (Belgian / non-Belgian)",
        definition_nl=(
            "Inwoners op 1 januari met de Belgische en met een niet-Belgische nationaliteit. De tabel maakt geen "
            "onderscheid tussen EU- en niet-EU-nationaliteiten. " + _TABLE_NL
        ),
        definition_en=(
            "Inhabitants on 1 January with Belgian and with a non-Belgian nationality. The table does not "
            "distinguish EU from non-EU nationalities. " + _TABLE_EN
        ),
        unit="persons",
        direction="neutral",
        period_type="year",
        period_kind="year_start",
        numerator="inwoners / inhabitants",
        notes=(
            "Nationality, not origin: a naturalised Belgian counts as Belgian. For an EU / non-EU split by "
            "origin see statbel_origin."
        ),
    ),
    Indicator(
        id="foreign_nationals_share",
        name_nl="Aandeel inwoners met een niet-Belgische nationaliteit",
        name_en="Share of residents with a non-Belgian nationality",
        definition_nl="Inwoners met een niet-Belgische nationaliteit in % van alle inwoners op 1 januari. "
        + _TABLE_NL,
        definition_en="Residents with a non-Belgian nationality as % of all residents on 1 January. "
        + _TABLE_EN,
        unit="%",
        direction="neutral",
        period_type="year",
        period_kind="year_start",
        numerator="population_nationality (foreign)",
        denominator="population_by_age (total)",
        notes=(
            "Not the share of non-EU nationals: TF_SOC_POP_STRUCT only codes BEL / ETR, so an EU / non-EU "
            "split cannot be made from it."
        ),
        concept="foreign_population_share",
    ),
)


def default_years(today: date | None = None) -> tuple[int, ...]:
    """2009 up to last year, or GSIW_STATBEL_POP_YEARS="2012-2026" / "2024" to choose."""
    spec = os.environ.get("GSIW_STATBEL_POP_YEARS", "").strip()
    if spec:
        first, _, last = spec.partition("-")
        return tuple(range(int(first), int(last or first) + 1))
    return tuple(range(FIRST_YEAR, (today or date.today()).year))


def check_zip(path: Path, source: str = NAME) -> str:
    """The one .txt member's name, after `safezip.check` (no traversal paths, links, bombs, oversize)."""
    infos = safezip.check(path, source=source, suffixes={".txt"})
    txt = [i.filename for i in infos if not i.is_dir()]
    if len(txt) != 1:
        raise SourceError(source, f"expected exactly one .txt member, found {txt or 'none'}", path)
    return txt[0]


def _normalise_columns(df: pd.DataFrame, path: Path, source: str) -> pd.DataFrame:
    renamed = {}
    for col in df.columns:
        key = str(col).replace("\ufeff", "").strip().upper()
        if key in COLUMN_ALIASES:
            target = COLUMN_ALIASES[key]
            if target in renamed.values():
                raise SourceError(source, f"two columns map to {target!r} (e.g. {col!r})", path)
            renamed[col] = target
    missing = [c for c in REQUIRED if c not in renamed.values()]
    if missing:
        wanted = {c: sorted(k for k, v in COLUMN_ALIASES.items() if v == c) for c in missing}
        raise SourceError(source, f"missing column(s) {wanted}; found {list(df.columns)}", path)
    return df[list(renamed)].rename(columns=renamed)


def _clean(df: pd.DataFrame, path: Path, source: str) -> pd.DataFrame:
    """Check codes and numbers, then sum over sex and marital status."""
    if df.empty:
        raise SourceError(source, "population file has no rows", path)
    df = df.copy()
    df["refnis"] = df["refnis"].astype(str).str.strip().str.zfill(5)
    bad = df.loc[~df["refnis"].str.fullmatch(r"\d{5}"), "refnis"]
    if not bad.empty:
        raise SourceError(
            source, f"municipality code is not a 5-digit NIS code: {bad.iloc[0]!r}", path
        )
    df["nationality"] = df["nationality"].astype(str).str.strip()
    unknown = sorted(set(df["nationality"]) - set(NATIONALITIES))
    if unknown:
        raise SourceError(
            source, f"unknown nationality code(s) {unknown}; expected {sorted(NATIONALITIES)}", path
        )
    for col in ("age", "population", "year"):
        num = pd.to_numeric(df[col].astype(str).str.strip(), errors="coerce")
        bad = df.loc[num.isna() | (num < 0) | (num % 1 != 0), col]
        if not bad.empty:
            raise SourceError(
                source,
                f"{col} is not a non-negative whole number: {bad.iloc[0]!r} (row {bad.index[0]})",
                path,
            )
        df[col] = num.astype("int64")
    if (df["age"] > 120).any():
        raise SourceError(source, f"implausible age {df['age'].max()}", path)
    return df.groupby(["year", "refnis", "nationality", "age"], as_index=False)["population"].sum()


def read_shipped(path: Path, source: str = NAME) -> pd.DataFrame:
    """The weRbelgium CSV: comma-separated, one file with a CD_YEAR column."""
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, ValueError) as exc:
        raise SourceError(source, f"cannot read population CSV: {exc}", path) from exc
    df = _normalise_columns(raw, path, source)
    if "year" not in df.columns:
        raise SourceError(source, "the stacked CSV needs a CD_YEAR column", path)
    return _clean(df, path, source)


def read_zip(path: Path, source: str = NAME) -> pd.DataFrame:
    """One Statbel yearly zip; the year comes from the file name (the txt has no year column)."""
    m = ZIP_NAME.match(path.name)
    if not m:
        raise SourceError(source, "file name should be TF_SOC_POP_STRUCT_<year>.zip", path)
    member = check_zip(path, source)
    data = safezip.read_bytes(path, member, source=source)
    try:
        raw = pd.read_csv(
            io.BytesIO(data), sep="|", dtype=str, encoding="utf-8-sig", keep_default_na=False
        )
    except (OSError, ValueError) as exc:
        raise SourceError(
            source, f"cannot read {member} as a pipe-separated table: {exc}", path
        ) from exc
    df = _normalise_columns(raw, path, source)
    year = int(m.group(1))
    if "year" in df.columns and not (pd.to_numeric(df["year"], errors="coerce") == year).all():
        raise SourceError(source, f"CD_YEAR differs from the year {year} in the file name", path)
    df["year"] = year
    return _clean(df, path, source)


def read_snapshot(snapshot: Path, source: str = NAME) -> pd.DataFrame:
    """Aggregated counts (year, refnis, nationality, age, population) from whatever the snapshot holds."""
    frames = []
    if (snapshot / SHIPPED).is_file():
        frames.append(read_shipped(snapshot / SHIPPED, source))
    frames += [read_zip(p, source) for p in sorted(snapshot.glob("TF_SOC_POP_STRUCT_*.zip"))]
    if not frames:
        raise SourceError(
            source, f"neither {SHIPPED} nor TF_SOC_POP_STRUCT_<year>.zip files found", snapshot
        )
    df = pd.concat(frames, ignore_index=True)
    dup = df.duplicated(["year", "refnis", "nationality", "age"])
    if dup.any():
        r = df[dup].iloc[0]
        raise SourceError(
            source,
            f"year {r['year']} appears twice in the snapshot (municipality {r['refnis']})",
            snapshot,
        )
    return df


def _band_sums(df: pd.DataFrame, bands) -> pd.DataFrame:
    frames = []
    for code, lo, hi in bands:
        part = (
            df[(df["age"] >= lo) & (df["age"] <= hi)]
            .groupby(["year", "refnis"])["population"]
            .sum()
        )
        frames.append(part.rename(code))
    return pd.concat(frames, axis=1).fillna(0)


class StatbelPopStruct(Source):
    name = NAME
    title_nl = "Bevolking naar leeftijd en nationaliteit per gemeente (Statbel)"
    title_en = "Population by age and nationality per municipality (Statbel)"
    publisher = "Statbel (Belgian statistical office)"
    licence = "Statbel open data (Licence Open Data, CC BY 4.0 compatible); the RData copy states no licence (unverified)"
    url = "https://statbel.fgov.be/nl/open-data/bevolking-naar-woonplaats-nationaliteit-burgerlijke-staat-leeftijd-en-geslacht-10"
    attribution = "Statbel, TF_SOC_POP_STRUCT (bevolking op 1 januari)"
    period_covered = "1 January 2009-2015 for Gent, Antwerpen, Genk, Oostende (shipped); live: every municipality, 2009 to last year"
    release_rhythm = ReleaseRhythm("yearly", lag_days=170)  # 1 January population, out about June
    caveats = (
        "Shipped snapshot: weRbelgium/BelgiumStatistics' RData copies of TF_SOC_POP_STRUCT_2009-2015 (commit "
        "37758b79), filtered to the four cities (44021, 11002, 71016, 35013), stacked and converted to CSV; sums "
        "match Statbel's totals (Gent 240,049 in 2009) and statbel_origin in every year except 1 January 2011, where the two "
        "files differ by 1 to 31 persons per city (a revision in one of them; which one is not documented). Live: Statbel's national yearly zips, kept as "
        "downloaded. Municipality codes as in each year (mergers of 2019 and 2025). Nationality is only "
        "Belgian / non-Belgian, so no EU / non-EU split. The three working-age rows (15-64, 18-64, 20-64) overlap. "
        "Municipalities only: no province, region or country totals are computed."
    )
    files = tuple(
        RawFile(
            f"TF_SOC_POP_STRUCT_{y}.zip",
            URL_TEMPLATE.format(year=y),
            f"population on 1 January {y}",
        )
        for y in default_years()
    )
    indicators = INDICATORS

    def fetch(self, session, dest: Path) -> list[Path]:
        """Download each year's zip; check it (safe paths, one .txt, size) before keeping it."""
        from pipelines.http import download

        written = []
        for year in default_years():
            path = download(
                session,
                URL_TEMPLATE.format(year=year),
                dest / f"TF_SOC_POP_STRUCT_{year}.zip",
                source=self.name,
            )
            try:
                check_zip(path, self.name)
            except SourceError:
                path.unlink(missing_ok=True)
                raise
            written.append(path)
        return written

    def parse(self, snapshot: Path) -> pd.DataFrame:
        df = read_snapshot(snapshot, self.name)
        bands = _band_sums(df, AGE_BANDS)
        working = _band_sums(df, WORKING_AGE)
        nat = (
            df.groupby(["year", "refnis", "nationality"])["population"].sum().unstack(fill_value=0)
        )
        nat = nat.reindex(columns=list(NATIONALITIES), fill_value=0)
        total = bands.sum(axis=1)

        frames = []

        def emit(indicator, series, breakdown=TOTAL, status=None):
            idx = series.index.to_frame(index=False)
            frames.append(
                pd.DataFrame(
                    {
                        "indicator_id": indicator,
                        "geo_code": idx["refnis"],
                        "period": idx["year"].astype(str),
                        "ref_date": idx["year"].astype(str) + "-01-01",
                        "breakdown": breakdown if breakdown == TOTAL else breakdown[0],
                        "breakdown_value": TOTAL if breakdown == TOTAL else breakdown[1],
                        "value": series.to_numpy(dtype="float64"),
                        "status": None if status is None else status.to_numpy(),
                    }
                )
            )

        emit("population_by_age", total)
        for code, _, _ in AGE_BANDS:
            emit("population_by_age", bands[code], (AGE_BAND, code))
        for code, _, _ in WORKING_AGE:
            emit("working_age_population", working[code], (AGE_BAND, code))
        for raw_code, code in NATIONALITIES.items():
            emit("population_nationality", nat[raw_code], (NATIONALITY, code))
        positive = total > 0
        share = (nat["ETR"] / total * 100).where(positive)
        status = pd.Series(None, index=share.index, dtype=object).where(positive, "not_applicable")
        emit("foreign_nationals_share", share, (NATIONALITY, "foreign"), status=status)
        return observations_frame(pd.concat(frames, ignore_index=True))


SOURCE = StatbelPopStruct()
