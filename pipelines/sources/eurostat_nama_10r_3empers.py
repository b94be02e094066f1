"""Employment at the place of work by NUTS 3 region and sector, Belgium 2000-2018 (Eurostat nama_10r_3empers).

Why this source: it counts the people who work in Arr. Gent (wherever they live), every year, by
broad sector: with the population it gives the jobs-per-inhabitant ratio behind Gent's
labour-market paradox (many jobs, high unemployment). Regional accounts (ESA 2010), domestic concept.

Two inputs, one parser:
- the shipped snapshot: the Belgian rows of Data Commons' cleaned copy of the dataset
  (github.com/datacommonsorg/data, scripts/eurostat/regional_statistics_by_nuts/employed_per_sector/
  Eurostats_NUTS3_Empers.csv, commit cf373044cc6f064b0bc22bbc6372c4b4baba6a53; SOURCES.md section 9):
  wstatus EMP, unit = Eurostat's thousands x 1000 (persons), NUTS 2016 codes, flags dropped by Data Commons;
- a live fetch: the Eurostat API (JSON-stat), wstatus=EMP, unit=THS, the ten sectors below and the
  total, every region (no geo filter, so no NUTS version is assumed); never run against Eurostat.

Sectors: the NACE Rev. 2 A*10 grouping A, B-E, F, G-I, J, K, L, M-N, O-Q, R-U. It is a partition
(the ten add up to the total, within 300 persons of rounding in every row), so no job is counted
twice; the file's overlapping aggregates G-J, K-N, O-U and the sub-item C (inside B-E) are not loaded.

NUTS -> NIS: the official NUTS 2016 labels (pipelines/eurostat.py, from Regulation (EC) No
1059/2003 as amended by Regulation (EU) 2016/2066, via the EU NUTS vocabulary at
dd.eionet.europa.eu) are matched to Statbel's REFNIS names; every Flemish arrondissement, the
provinces, regions and Belgium are one NIS unit each (BE234 = Arr. Gent 44000). BE335/BE336 (the
French- and German-speaking parts of Arr. Verviers) have no NIS unit of their own and are kept as
NUTS geographies (level nuts3). BE10 (= BE1, Brussels) and the extra-regio codes BEZ* are not loaded.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from pipelines.eurostat import NUTS2016_LABELS
from pipelines.eurostat import EurostatSource
from pipelines.eurostat import Series
from pipelines.eurostat import api_url
from pipelines.eurostat import code
from pipelines.eurostat import nuts_geo_codes
from pipelines.freshness import ReleaseRhythm
from pipelines.source import TOTAL
from pipelines.source import Indicator
from pipelines.source import RawFile
from pipelines.source import SourceError
from pipelines.source import observations_frame

CSV = "Eurostats_NUTS3_Empers_BE.csv"
COMMIT = "cf373044cc6f064b0bc22bbc6372c4b4baba6a53"
DATACOMMONS_URL = (
    f"https://raw.githubusercontent.com/datacommonsorg/data/{COMMIT}/scripts/eurostat/"
    "regional_statistics_by_nuts/employed_per_sector/Eurostats_NUTS3_Empers.csv"
)
# NACE Rev. 2 sector groups of the file, in its order (labels: pipelines/breakdowns.csv, sector_nace).
SECTORS = ("A", "B-E", "F", "G-I", "J", "K", "L", "M-N", "O-Q", "R-U")
TOTAL_COLUMN = "Count_Person_Employed"
SECTOR_COLUMN = "Count_Person_Employed_NACE/{}"
PARAMS = (
    ("wstatus", "EMP"),
    ("unit", "THS"),
    ("nace_r2", "TOTAL"),
    *(("nace_r2", s) for s in SECTORS),
)
PARTITION_TOLERANCE = (
    300  # persons: the ten sectors add up to the total within rounding (SOURCES.md section 9)
)


class EurostatNama10r3empers(EurostatSource):
    name = "eurostat_nama_10r_3empers"
    dataset = "nama_10r_3empers"
    params = PARAMS
    live_only = False  # shipped snapshot (Data Commons copy)
    title_nl = (
        "Werkgelegenheid op de plaats van tewerkstelling per arrondissement en sector (Eurostat)"
    )
    title_en = "Employment at the place of work by arrondissement and sector (Eurostat)"
    attribution = (
        "Source: Eurostat (nama_10r_3empers); shipped copy via Data Commons (datacommonsorg/data)"
    )
    period_covered = "2000-2018, yearly"
    # regional accounts: about two years after the year
    release_rhythm = ReleaseRhythm("yearly", lag_days=540)
    caveats = (
        "Shipped snapshot: the Belgian rows of Data Commons' cleaned copy (datacommonsorg/data, commit cf373044), "
        "not downloaded from Eurostat; Data Commons multiplied Eurostat's thousands by 1000 and dropped the flags "
        "(estimated, provisional, break), so every value is loaded as a plain number; float artefacts such as "
        "260899.99999999997 are rounded away. Eurostat may have revised these values since. NUTS 2016 codes, "
        "mapped to NIS codes by the official NUTS labels (see module docstring); BE335/BE336 (the two parts of "
        "Arr. Verviers) are NUTS geographies, Arr. Verviers 63000 itself has no value; BE10 (same as BE1) and "
        "extra-regio are not loaded. Hainaut's arrondissements have pre-2019 boundaries (Moeskroen 54000 "
        "separate, no La Louvière). Place of work (domestic concept, ESA 2010) is Eurostat's definition for "
        "regional employment, not checked against the metadata. Persons employed, not jobs (a person with two "
        "jobs counts once). The live fetch has never run against Eurostat."
    )
    files = (
        RawFile(
            CSV,
            DATACOMMONS_URL,
            f"Belgian rows of Data Commons' Eurostats_NUTS3_Empers.csv (commit {COMMIT})",
        ),
        RawFile(
            f"{dataset}.json",
            api_url(dataset, PARAMS),
            "live: Eurostat API response, JSON-stat 2.0",
        ),
    )
    series = (
        Series("jobs_at_workplace", {"nace_r2": code("TOTAL")}, scale=1000),
        *(
            Series("jobs_at_workplace", {"nace_r2": code(s)}, "sector_nace", s, scale=1000)
            for s in SECTORS
        ),
    )
    indicators = (
        Indicator(
            id="jobs_at_workplace",
            name_nl="Werkenden op de plaats van tewerkstelling (Eurostat)",
            name_en="Persons employed at the place of work (Eurostat)",
            definition_nl=(
                "Aantal werkenden (werknemers en zelfstandigen) met hun werkplaats in het gebied, ongeacht waar ze "
                "wonen, jaargemiddelde volgens de regionale rekeningen; in totaal en per sector (NACE A*10, de tien "
                "sectoren samen = totaal, los van het totaal opgeslagen)."
            ),
            definition_en=(
                "Number of persons employed (employees and self-employed) whose place of work is in the area, "
                "wherever they live, annual average from the regional accounts; in total and by sector (NACE A*10, "
                "the ten sectors add up to the total and are stored separately from it)."
            ),
            unit="persons",
            direction="neutral",
            period_type="year",
            period_kind="annual_average",
            numerator="werkenden op de werkplaats / persons employed at the place of work",
            notes=(
                "Eurostat nama_10r_3empers, wstatus EMP, published in thousands (stored in persons). NUTS 3 = "
                "arrondissement; also provinces, regions and Belgium. Numerator of jobs_per_100_inhabitants and "
                "jobratio_15_64. Not the census 2011 employed_at_workplace (other source and definition)."
            ),
            concept="employment_at_workplace",
        ),
    )

    def parse(self, snapshot: Path) -> pd.DataFrame:
        """The shipped Data Commons CSV if present, else the live JSON-stat response."""
        if (snapshot / CSV).is_file():
            return self.parse_csv(snapshot / CSV)
        return super().parse(snapshot)

    def parse_csv(self, path: Path) -> pd.DataFrame:
        try:
            raw = pd.read_csv(path, dtype={"GeoId": str})
        except (OSError, ValueError) as exc:
            raise SourceError(self.name, f"cannot read CSV: {exc}", path) from exc
        columns = {s: SECTOR_COLUMN.format(s) for s in SECTORS}
        missing = [
            c for c in ["Date", "GeoId", TOTAL_COLUMN, *columns.values()] if c not in raw.columns
        ]
        if missing:
            raise SourceError(
                self.name, f"missing column(s) {missing}; found {list(raw.columns)}", path
            )
        geo = raw["GeoId"].str.extract(r"^dcid:nuts/(BE\w*)$")[0]
        if geo.isna().any():
            bad = raw.loc[geo.isna(), "GeoId"].iloc[0]
            raise SourceError(
                self.name, f"GeoId {bad!r} is not a Belgian 'dcid:nuts/BE..' code", path
            )
        unknown = sorted(set(geo) - set(NUTS2016_LABELS) - {"BEZ", "BEZZ", "BEZZZ"})
        if unknown:
            raise SourceError(self.name, f"NUTS code(s) not in the NUTS 2016 list: {unknown}", path)
        if not raw["Date"].astype(str).str.fullmatch(r"(19|20)\d\d").all():
            raise SourceError(self.name, "column Date holds something other than years", path)
        raw = raw.assign(geo=geo)
        if raw.duplicated(["Date", "geo"]).any():
            r = raw[raw.duplicated(["Date", "geo"])].iloc[0]
            raise SourceError(self.name, f"duplicate row for {r['geo']} in {r['Date']}", path)
        mapping = nuts_geo_codes(
            {g: NUTS2016_LABELS[g] for g in sorted(set(geo)) if g in NUTS2016_LABELS},
            self.name,
            path,
        )
        raw = raw[raw["geo"].isin(mapping)]
        values = (
            raw[[TOTAL_COLUMN, *columns.values()]].apply(pd.to_numeric, errors="coerce").round(6)
        )
        if (values < 0).any().any():
            raise SourceError(self.name, "negative employment", path)
        parts = values[list(columns.values())].sum(axis=1, min_count=len(columns))
        off = (parts - values[TOTAL_COLUMN]).abs() > PARTITION_TOLERANCE
        if off.any():
            i = off[off].index[0]
            raise SourceError(
                self.name,
                f"the ten sectors do not add up to the total for {raw.at[i, 'geo']} {raw.at[i, 'Date']} "
                f"({parts[i]:.0f} vs {values.at[i, TOTAL_COLUMN]:.0f}): the partition would double count",
                path,
            )
        base = pd.DataFrame(
            {
                "geo_code": raw["geo"].map(mapping),
                "period": raw["Date"].astype(str),
                "ref_date": raw["Date"].astype(str) + "-12-31",
            }
        )
        frames = [self._frame(base, TOTAL, TOTAL, values[TOTAL_COLUMN])]
        frames += [self._frame(base, "sector_nace", s, values[col]) for s, col in columns.items()]
        return observations_frame(pd.concat(frames, ignore_index=True))

    @staticmethod
    def _frame(base: pd.DataFrame, breakdown: str, value: str, numbers: pd.Series) -> pd.DataFrame:
        return base.assign(
            indicator_id="jobs_at_workplace",
            breakdown=breakdown,
            breakdown_value=value,
            value=numbers,
            status=np.where(numbers.isna(), "missing", None),
        )


def _check_sector_codes() -> None:
    """Fail at import if a sector code is not a NACE section or section range (catches typos)."""
    for s in SECTORS:
        if not re.fullmatch(r"[A-U](-[A-U])?", s):
            raise ValueError(s)


_check_sector_codes()
SOURCE = EurostatNama10r3empers()
