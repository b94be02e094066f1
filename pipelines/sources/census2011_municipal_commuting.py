"""Census 2011 jobs at the place of work and commuting per municipality (Statbel, via emmolb).

Why this source: it is the only municipal series of jobs at the place of work, so it is where
"Gent has 158,673 jobs, 96,641 of them held by in-commuters" comes from. Until now the paradox rested
on arrondissement figures. Values: employed persons (employees and self-employed) on 1 Jan 2011,
pre-2019 municipality codes. See SOURCES.md section 10 for the checks that identify the columns.
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
from pipelines.tables import require_columns

NAME = "census2011_municipal_commuting"
FILE = "geo_home_work.csv"
COMMIT = "202852792d7e23e32d5ec943a1a2aa7bca8aa998"
RAW_URL = f"https://raw.githubusercontent.com/emmolb/spatial_hexagon_mapping_inflow_Belgium/{COMMIT}/{FILE}"
PERIOD, REF_DATE = "2011", "2011-01-01"
_CODE = re.compile(r"^\d{5}$")

# Indicator id -> column of the file. `twtot` is the job count; the flow columns leave out ~4 % of the
# workers (SOURCES.md §10), so shares are computed from the flow columns only (pipelines/sql/derived).
COLUMNS = {
    "muni_jobs_at_workplace": "twtot",
    "muni_live_and_work": "stay",
    "muni_in_commuters": "move_from",
    "muni_out_commuters": "move_to",
}

_SCOPE_NL = (
    "Census 2011 (toestand op 1 januari 2011), werkende bevolking (loontrekkenden en zelfstandigen), gemeenten "
    "van vóór de fusies van 2019. De pendelkolommen laten ongeveer 4 % van de werkenden weg (kleine of onbekende "
    "stromen): gebruik het aantal banen voor tellingen en de pendelkolommen voor aandelen."
)
_SCOPE_EN = (
    "Census 2011 (situation on 1 January 2011), working population (employees and self-employed), municipalities "
    "before the 2019 mergers. The commuting columns leave out about 4 % of workers (small or unknown flows): use "
    "the job count for counts and the commuting columns for shares."
)


def _ind(*, column: str, **fields) -> Indicator:
    """A census 2011 count of workers, read from one column of the file; one scope note for all."""
    return Indicator(
        unit="persons",
        direction="neutral",
        period_type="year",
        numerator=f"column {column} of {FILE}",
        notes=f"NL: {_SCOPE_NL} EN: {_SCOPE_EN}",
        **fields,
    )


INDICATORS = (
    _ind(
        id="muni_jobs_at_workplace",
        name_nl="Werkenden naar plaats van tewerkstelling, per gemeente (census 2011)",
        name_en="Employed persons by place of work, per municipality (census 2011)",
        definition_nl="Aantal werkenden met hun werkplaats in de gemeente (banen ingenomen), ongeacht waar ze wonen.",
        definition_en="Number of employed persons whose place of work is in the municipality (jobs held), wherever they live.",
        column="twtot",
        concept="employed_at_workplace",
    ),
    _ind(
        id="muni_live_and_work",
        name_nl="Wonen en werken in de gemeente (census 2011)",
        name_en="Live and work in the municipality (census 2011)",
        definition_nl="Werkenden die in de gemeente wonen én er werken.",
        definition_en="Employed persons who live in the municipality and work there.",
        column="stay",
        concept="",
    ),
    _ind(
        id="muni_in_commuters",
        name_nl="Inkomende pendelaars per gemeente (census 2011)",
        name_en="In-commuters per municipality (census 2011)",
        definition_nl="Werkenden met hun werkplaats in de gemeente die in een andere Belgische gemeente wonen.",
        definition_en="Employed persons working in the municipality who live in another Belgian municipality.",
        column="move_from",
        concept="in_commuters",
    ),
    _ind(
        id="muni_out_commuters",
        name_nl="Uitgaande pendelaars per gemeente (census 2011)",
        name_en="Out-commuters per municipality (census 2011)",
        definition_nl="Werkende inwoners van de gemeente die in een andere Belgische gemeente werken.",
        definition_en="Employed residents of the municipality who work in another Belgian municipality.",
        column="move_to",
        concept="out_commuters",
    ),
)


def read_table(path: Path, source: str = NAME) -> pd.DataFrame:
    """Read and check the file: the columns the indicators use, 5-digit codes, whole non-negative counts."""
    try:
        df = pd.read_csv(path, dtype={"niscode": str})
    except (OSError, ValueError) as exc:
        raise SourceError(source, f"cannot read the municipal commuting file: {exc}", path) from exc
    require_columns(df, ["niscode", *COLUMNS.values()], source, path)
    if df.empty:
        raise SourceError(source, "the file has no rows", path)
    df["niscode"] = df["niscode"].astype(str).str.strip()
    bad = df.loc[~df["niscode"].str.match(_CODE), "niscode"]
    if not bad.empty:
        raise SourceError(
            source,
            f"niscode is not a 5-digit NIS code: {bad.iloc[0]!r} (row {bad.index[0] + 2})",
            path,
        )
    dup = df.loc[df["niscode"].duplicated(), "niscode"]
    if not dup.empty:
        raise SourceError(source, f"duplicate row for municipality {dup.iloc[0]}", path)
    for col in COLUMNS.values():
        num = pd.to_numeric(df[col], errors="coerce")
        if num.isna().any():
            i = num[num.isna()].index[0]
            raise SourceError(
                source,
                f"non-numeric or empty {col} {df.loc[i, col]!r} for {df.loc[i, 'niscode']}",
                path,
            )
        if (num < 0).any():
            i = num[num < 0].index[0]
            raise SourceError(source, f"negative {col} {num[i]} for {df.loc[i, 'niscode']}", path)
        df[col] = num
    # stay + in-commuters are workers in the municipality: never more than its job count.
    over = df[df["stay"] + df["move_from"] > df["twtot"]]
    if not over.empty:
        r = over.iloc[0]
        raise SourceError(
            source,
            f"stay + move_from ({r['stay'] + r['move_from']:.0f}) exceeds twtot ({r['twtot']:.0f}) "
            f"for {r['niscode']}: the columns are not what this parser expects",
            path,
        )
    return df


class Census2011MunicipalCommuting(Source):
    name = NAME
    title_nl = "Banen en pendel per gemeente, census 2011"
    title_en = "Jobs and commuting per municipality, census 2011"
    publisher = (
        "Statbel (census 2011), via github.com/emmolb/spatial_hexagon_mapping_inflow_Belgium"
    )
    licence = "Statbel open data; the preparing repository states no licence (unverified)"
    url = "https://github.com/emmolb/spatial_hexagon_mapping_inflow_Belgium"
    attribution = (
        "Statbel, Census 2011; prepared by github.com/emmolb/spatial_hexagon_mapping_inflow_Belgium"
    )
    period_covered = "1 January 2011"
    caveats = (
        "Statbel census 2011 working population by place of work and commuting per municipality, as prepared by "
        "a third-party repository that does not name the Statbel table; the column meanings are inferred from its "
        "script and confirmed by checks (twtot summed per arrondissement equals the census 2011 arrondissement "
        "matrix exactly). 588 municipalities (Herstappe missing), pre-2019 codes. The commuting columns "
        "(stay, in, out) leave out about 4 % of workers: counts use twtot, shares use the commuting columns. "
        "Only commuting within Belgium; no sex, age or sector."
    )
    files = (
        RawFile(
            FILE, RAW_URL, "jobs at the place of work and commuting per municipality, census 2011"
        ),
    )
    indicators = INDICATORS
    release_rhythm = ReleaseRhythm("closed")  # the 2011 census: a one-off

    def parse(self, snapshot: Path) -> pd.DataFrame:
        df = read_table(snapshot / FILE, self.name)
        frames = [
            pd.DataFrame(
                {
                    "indicator_id": ind,
                    "geo_code": df["niscode"],
                    "period": PERIOD,
                    "ref_date": REF_DATE,
                    "value": df[col],
                }
            )
            for ind, col in COLUMNS.items()
        ]
        return observations_frame(pd.concat(frames, ignore_index=True))


SOURCE = Census2011MunicipalCommuting()
