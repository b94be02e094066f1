"""Population by origin per Belgian municipality, 1 January 2000-2025 (Statbel, via NetBeck22/education).

Why this source: it gives total population for every municipality and year (the denominator
of most rates) and the origin mix the Policy Group asks about. It also names every
municipality code used since 2000, including the ones that disappeared in mergers.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipelines.freshness import ReleaseRhythm
from pipelines.source import TOTAL
from pipelines.source import Indicator
from pipelines.source import RawFile
from pipelines.source import Source
from pipelines.source import SourceError
from pipelines.source import observations_frame
from pipelines.tables import read_table

FILE = "origin_by_municipality.csv"
PARQUET = "origin_by_municipality.parquet"
COMMIT = "18621b65de7987eb7c39aee0df50daa888cbffd7"
RAW_URL = f"https://raw.githubusercontent.com/NetBeck22/education/{COMMIT}/data/external/{PARQUET}"
ORIGIN = "origin"
# Category code -> column in the file. The four columns add up to `total` (checked on every parse):
# the file's `eu27` excludes the neighbouring countries, so it is "other EU-27" here.
CATEGORIES = {
    "belgian": "belgian_bg",
    "neighbouring": "neighbouring",
    "eu_other": "eu27",
    "non_eu": "non_eu27",
}
REQUIRED = ["year", "CD_REFNIS", *CATEGORIES.values(), "total", "TX_DESCR_NL", "TX_DESCR_FR"]


_CATEGORY_NOTE = (
    "NL: Herkomstcategorieën (sluiten elkaar uit, samen = totaal): belgian = Belg met Belgische herkomst; "
    "neighbouring = herkomst uit een buurland (Nederland, Frankrijk, Duitsland, Luxemburg); eu_other = andere "
    "EU-27-landen (zonder buurlanden); non_eu = buiten de EU-27. Herkomst zoals Statbel die bepaalt (huidige en eerste "
    "nationaliteit van de persoon en eerste nationaliteit van de ouders). Kolommen belgian_bg, neighbouring, eu27, non_eu27 van het bronbestand; welke "
    "EU-samenstelling (met of zonder VK) voor oudere jaren gebruikt is, documenteert de bron niet. "
    "EN: Origin categories (mutually exclusive, together = total): belgian = Belgian with Belgian background; "
    "neighbouring = origin in a neighbouring country (Netherlands, France, Germany, Luxembourg); eu_other = other "
    "EU-27 countries (excluding neighbours); non_eu = outside the EU-27. Origin as Statbel defines it (current and first "
    "nationality of the person and first nationality of the parents). Columns belgian_bg, neighbouring, eu27, non_eu27 of the source file; the file "
    "does not document which EU composition (with or without the UK) was used for earlier years."
)

INDICATORS = (
    Indicator(
        id="population",
        name_nl="Bevolking",
        name_en="Population",
        definition_nl="Aantal inwoners op 1 januari (wettelijke bevolking), in totaal en naar herkomst.",
        definition_en="Number of inhabitants on 1 January (legal population), in total and by origin.",
        unit="persons",
        direction="neutral",
        period_type="year",
        period_kind="year_start",
        numerator="inwoners / inhabitants",
        denominator="",
        notes=_CATEGORY_NOTE + " Each year uses that year's municipality codes (mergers of 2019 and 2025).",
    ),
    Indicator(
        id="population_origin_share",
        name_nl="Aandeel van de bevolking naar herkomst",
        name_en="Share of the population by origin",
        definition_nl="Aandeel van de inwoners op 1 januari met een gegeven herkomst, in % van de totale bevolking.",
        definition_en="Share of the inhabitants on 1 January with a given origin, as % of the total population.",
        unit="%",
        direction="neutral",
        period_type="year",
        period_kind="year_start",
        numerator="population (breakdown origin)",
        denominator="population (total)",
        notes=_CATEGORY_NOTE + " Computed here from the counts, not taken from the file's pct_* columns.",
    ),
)


def read_origin(path: Path, source: str = "statbel_origin") -> pd.DataFrame:
    """Read the CSV and check what the indicators rely on: columns, counts, and that categories add up."""
    text = {"CD_REFNIS": str, "TX_DESCR_NL": str, "TX_DESCR_FR": str}
    df = read_table(path, source, "origin file", columns=REQUIRED, nonempty=True, dtype=text, keep_default_na=True)
    df["CD_REFNIS"] = df["CD_REFNIS"].astype(str).str.strip().str.zfill(5)
    bad_code = df.loc[~df["CD_REFNIS"].str.fullmatch(r"\d{5}"), "CD_REFNIS"]
    if not bad_code.empty:
        raise SourceError(source, f"CD_REFNIS is not a 5-digit NIS code: {bad_code.iloc[0]!r}", path)
    for col in ["year", *CATEGORIES.values(), "total"]:
        num = pd.to_numeric(df[col], errors="coerce")
        bad = df.loc[num.isna(), col]
        if not bad.empty:
            raise SourceError(source, f"non-numeric or empty {col}: {bad.iloc[0]!r} (row {bad.index[0]})", path)
        if (num < 0).any():
            raise SourceError(source, f"negative {col}: {num[num < 0].iloc[0]} (row {num[num < 0].index[0]})", path)
        df[col] = num
    df["year"] = df["year"].astype(int)
    dup = df[df.duplicated(["year", "CD_REFNIS"], keep=False)]
    if not dup.empty:
        r = dup.iloc[0]
        raise SourceError(source, f"duplicate row for {r['CD_REFNIS']} in {r['year']}", path)
    parts = df[list(CATEGORIES.values())].sum(axis=1)
    off = df[(parts - df["total"]).abs() > 0.5]
    if not off.empty:
        r = off.iloc[0]
        raise SourceError(
            source,
            f"origin categories do not add up to total for {r['CD_REFNIS']} in {r['year']} "
            f"({parts[off.index[0]]:.0f} vs {r['total']:.0f}); the breakdown would double count",
            path,
        )
    return df


def parquet_to_csv(parquet: Path, csv: Path, source: str = "statbel_origin") -> Path:
    """The repo ships parquet; the snapshot keeps the same plain CSV that was imported by hand."""
    try:
        df = pd.read_parquet(parquet)
    except Exception as exc:  # pyarrow raises several types for a non-parquet body
        raise SourceError(source, f"not a readable parquet file: {type(exc).__name__}: {exc}", parquet) from exc
    df.to_csv(csv, index=False)
    return csv


class StatbelOrigin(Source):
    name = "statbel_origin"
    title_nl = "Bevolking naar herkomst per gemeente"
    title_en = "Population by origin per municipality"
    publisher = "Statbel (Belgian statistical office), as processed by the NetBeck22/education repository"
    licence = "Statbel open data; the processing repository states no licence (unverified)"
    url = "https://statbel.fgov.be/nl/themas/bevolking/herkomst"
    attribution = "Statbel, Bevolking naar herkomst; processed by github.com/NetBeck22/education"
    period_covered = "1 January 2000-2025, yearly"
    release_rhythm = ReleaseRhythm("yearly", lag_days=300)  # 1 January population by origin, out in the autumn
    caveats = (
        "DERIVED data: Statbel's 'Bevolking naar herkomst' as processed by the authors of github.com/NetBeck22/education "
        "(data/external/origin_by_municipality.parquet, commit 18621b65), who renamed the columns and computed the "
        "percentages without documenting the processing; converted parquet -> CSV here with no other change. "
        "The four origin categories add up exactly to the total in every row (checked on each build); the file's "
        "'eu27' excludes the neighbouring countries. Each year uses that year's municipality codes, so series break "
        "at the 2019 and 2025 mergers (e.g. Hasselt 71022 until 2024, 71072 from 2025). No age breakdown."
    )
    files = (RawFile(FILE, RAW_URL, "population by origin per municipality and year (converted from parquet)"),)
    indicators = INDICATORS

    def fetch(self, session, dest: Path) -> list[Path]:
        """Download the repo's parquet and store the CSV the parser reads."""
        from pipelines.http import download

        parquet = download(session, RAW_URL, dest / PARQUET, source=self.name)
        try:
            csv = parquet_to_csv(parquet, dest / FILE, self.name)
        finally:
            parquet.unlink(missing_ok=True)
        read_origin(csv, self.name)  # fail the fetch now rather than at parse time
        return [csv]

    def parse(self, snapshot: Path) -> pd.DataFrame:
        df = read_origin(snapshot / FILE, self.name)
        base = pd.DataFrame(
            {
                "geo_code": df["CD_REFNIS"],
                "period": df["year"].astype(str),
                "ref_date": df["year"].astype(str) + "-01-01",
            }
        )
        frames = [base.assign(indicator_id="population", breakdown=TOTAL, breakdown_value=TOTAL, value=df["total"])]
        positive = df["total"] > 0
        for code, col in CATEGORIES.items():
            frames.append(base.assign(indicator_id="population", breakdown=ORIGIN, breakdown_value=code, value=df[col]))
            share = (df[col] / df["total"] * 100).where(positive)
            frames.append(
                base.assign(
                    indicator_id="population_origin_share", breakdown=ORIGIN, breakdown_value=code, value=share,
                    status=pd.Series(None, index=df.index, dtype=object).where(positive, "not_applicable"),
                )
            )
        return observations_frame(pd.concat(frames, ignore_index=True))

    def geographies(self, snapshot: Path) -> pd.DataFrame:
        """Every municipality code of 2000-2025, named as in its latest year (boundaries' names take priority)."""
        df = read_origin(snapshot / FILE, self.name).sort_values("year")
        latest = df.drop_duplicates("CD_REFNIS", keep="last").sort_values("CD_REFNIS")
        name_en = latest["name"] if "name" in latest.columns else latest["TX_DESCR_NL"]
        return pd.DataFrame(
            {
                "geo_code": latest["CD_REFNIS"],
                "level": "municipality",
                "parent_code": latest["CD_REFNIS"].str[:2] + "000",
                "name_nl": latest["TX_DESCR_NL"],
                "name_fr": latest["TX_DESCR_FR"],
                "name_en": name_en,
                "nuts_code": None,
            }
        ).reset_index(drop=True)


SOURCE = StatbelOrigin()
