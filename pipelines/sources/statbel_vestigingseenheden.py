"""Local business units (vestigingseenheden) per municipality, Q4 2018-Q4 2023 (Statbel be.STAT).

Why this source: it is the only recent municipal count tied to the place of work, so it shows where
economic activity sits after 2011. It counts establishments (one-person businesses included), NOT jobs:
it never stands in for employment.

Shipped snapshot: be.STAT's JSON "facts" as downloaded by github.com/oliviervth/resiterra-statbel-data,
byte for byte; the 2023 period is duplicated in it and exact duplicates are dropped on reading.
Municipalities come by Dutch name only and are matched to NIS codes by the exact official 2025 name
(Flanders and Brussels; Walloon municipalities cannot be matched from the shipped name list and are left out).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from pipelines import nis
from pipelines.freshness import ReleaseRhythm
from pipelines.source import Indicator
from pipelines.source import RawFile
from pipelines.source import Source
from pipelines.source import SourceError
from pipelines.source import observations_frame

NAME = "statbel_vestigingseenheden"
FILE = "vestigingseenheden.json"
COMMIT = "a092d81251968130b4d358e9eb7c960e125046e2"
RAW_URL = (
    f"https://raw.githubusercontent.com/oliviervth/resiterra-statbel-data/{COMMIT}/data/{FILE}"
)
FIELDS = ("Gewest", "Gemeente", "Kwartaal", "Aantal vestigingseenheden")
INDICATOR = "establishments"
_QUARTER = re.compile(r"^4de kwartaal (\d{4})$")
# Brussels municipalities appear under their bilingual be.STAT name; the boundary list uses the Dutch name.
FLANDERS_BRUSSELS = ("Vlaams Gewest", "Brussels Hoofdstedelijk Gewest")

INDICATORS = (
    Indicator(
        id=INDICATOR,
        name_nl="Vestigingseenheden (geen banen)",
        name_en="Business establishments (not jobs)",
        definition_nl=(
            "Aantal vestigingseenheden (plaatsen waar een onderneming actief is, ook eenmanszaken) in de gemeente "
            "op het einde van het vierde kwartaal. Telt vestigingen, geen banen of werkenden."
        ),
        definition_en=(
            "Number of local business units (places where an enterprise operates, one-person businesses included) "
            "in the municipality at the end of the fourth quarter. Counts establishments, not jobs or workers."
        ),
        unit="establishments",
        direction="neutral",
        period_type="year",
        numerator="Aantal vestigingseenheden (Statbel be.STAT)",
        notes=(
            "Statbel be.STAT view 010873e5-add8-4664-a58c-77b2e6e9da62, as downloaded by "
            "github.com/oliviervth/resiterra-statbel-data. Period = the fourth quarter of the year (stock on 31 "
            "December). 2025 municipality grid; Flanders and Brussels only (matched by name)."
        ),
    ),
)


def _key(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().lower()


def read_facts(path: Path, source: str = NAME) -> pd.DataFrame:
    """The be.STAT JSON: {"facts": [{Gewest, Gemeente, Kwartaal, Aantal vestigingseenheden, ...}, ...]}."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SourceError(source, f"cannot read the be.STAT JSON: {exc}", path) from exc
    facts = doc.get("facts") if isinstance(doc, dict) else None
    if not isinstance(facts, list) or not facts:
        raise SourceError(source, "no 'facts' list in the JSON", path)
    df = pd.DataFrame(facts)
    missing = [f for f in FIELDS if f not in df.columns]
    if missing:
        raise SourceError(source, f"missing field(s) {missing}; found {list(df.columns)}", path)
    df = df.drop_duplicates()
    year = df["Kwartaal"].astype(str).str.extract(_QUARTER)[0]
    if year.isna().any():
        raise SourceError(
            source,
            f"period {df.loc[year.isna(), 'Kwartaal'].iloc[0]!r} is not '4de kwartaal YYYY'",
            path,
        )
    value = pd.to_numeric(df["Aantal vestigingseenheden"], errors="coerce")
    if value.isna().any() or (value < 0).any():
        raise SourceError(
            source,
            f"missing or negative count for {df.loc[value.isna() | (value < 0), 'Gemeente'].iloc[0]}",
            path,
        )
    out = pd.DataFrame(
        {"region": df["Gewest"], "name": df["Gemeente"].astype(str), "year": year, "value": value}
    )
    dup = out[out.duplicated(["name", "year"], keep=False)]
    if not dup.empty:
        r = dup.iloc[0]
        raise SourceError(source, f"two different counts for {r['name']} in {r['year']}", path)
    return out


def match_codes(
    df: pd.DataFrame, names: dict[str, str], path: Path, source: str = NAME
) -> pd.DataFrame:
    """Flemish and Brussels rows -> NIS code by exact official name; an unmatched one is an error, not a guess."""
    by_key = {_key(n): c for n, c in names.items()}

    # Brussels names may be written 'Elsene / Ixelles' style: try each part.
    def code_of(name: str):
        for part in [name, *re.split(r"\s*[/-]\s*", name)]:
            if _key(part) in by_key:
                return by_key[_key(part)]
        return None

    fb = df[df["region"].isin(FLANDERS_BRUSSELS)].copy()
    fb["geo"] = fb["name"].map(code_of)
    unmatched = sorted(set(fb.loc[fb["geo"].isna(), "name"]))
    if unmatched:
        raise SourceError(
            source, f"municipality name(s) not in the official 2025 list: {unmatched[:5]}", path
        )
    return fb


class StatbelVestigingseenheden(Source):
    name = NAME
    title_nl = "Vestigingseenheden per gemeente (Statbel), Q4 2018-2023"
    title_en = "Business establishments per municipality (Statbel), Q4 2018-2023"
    publisher = "Statbel (be.STAT), via github.com/oliviervth/resiterra-statbel-data"
    licence = "Statbel open data (CC BY 4.0 / Statbel licence; not stated in the copying repository, unverified)"
    url = "https://bestat.statbel.fgov.be/bestat/crosstable.xhtml?view=010873e5-add8-4664-a58c-77b2e6e9da62"
    attribution = "Statbel, vestigingseenheden (be.STAT)"
    period_covered = "fourth quarter 2018-2023"
    caveats = (
        "Counts establishments (incl. one-person businesses), NOT jobs. be.STAT JSON as downloaded by a third-party "
        "repository; the 2023 period appears twice and exact duplicates are dropped. Names only: Flemish and "
        "Brussels municipalities matched to NIS codes by their official 2025 name; Wallonia is not loaded. The live "
        "fetch downloads the repository's pinned copy (be.STAT's own data endpoints are unverified)."
    )
    files = (
        RawFile(FILE, RAW_URL, "be.STAT facts: vestigingseenheden per municipality and quarter"),
    )
    indicators = INDICATORS
    release_rhythm = ReleaseRhythm(
        "irregular"
    )  # a third-party download of be.STAT, refreshed by hand

    def parse(self, snapshot: Path) -> pd.DataFrame:
        path = snapshot / FILE
        df = match_codes(
            read_facts(path, self.name), nis.municipality_codes_2025(), path, self.name
        )
        return observations_frame(
            pd.DataFrame(
                {
                    "indicator_id": INDICATOR,
                    "geo_code": df["geo"],
                    "period": df["year"],
                    "ref_date": df["year"] + "-12-31",
                    "value": df["value"],
                }
            )
        )


SOURCE = StatbelVestigingseenheden()
