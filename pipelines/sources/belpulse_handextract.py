"""Population of Gent and Antwerpen by broad age group (0-14, 15-64, 65+), 1 January 2017-2026: HAND-EXTRACTED.

Why this source: the monitor has 15-64 denominators per municipality only up to 2015 (statbel_pop_struct);
these values, read by hand from BelPulse's copy of Statbel's population structure, give Gent's working-age
population for recent years. Hand-extracted like published_figures: every label says so.

The file also holds census 2021 and VAR 2024 values for both cities; those are loaded from the full files
(statbel_census2021_activity, var_admin_unemployment_rate_2024), not from here, so only the age groups are read.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipelines.freshness import ReleaseRhythm
from pipelines.source import Indicator
from pipelines.source import ManualSource
from pipelines.source import RawFile
from pipelines.source import SourceError
from pipelines.source import observations_frame
from pipelines.tables import Layout
from pipelines.tables import read_long

NAME = "belpulse_handextract"
FILE = "gent_antwerpen_population_agegroups_census2021_activity.csv"
INDICATOR = "population_age_group_handextract"
BREAKDOWN = "age_group"
GROUPS = {
    "POPULATION_AGE_0_14": "0-14",
    "POPULATION_AGE_15_64": "15-64",
    "POPULATION_AGE_65_PLUS": "65+",
}
TOTAL_CODE = "POPULATION_BY_COMMUNE"
COLUMNS = ["nis_code", "municipality", "indicator_code", "period", "value", "source_path"]
DATA_COMMIT = "2b3f0d5dfae40d9aea81f98a24c628679290bbd6"
URL = f"https://github.com/mdruszcz/belgian-macro-pipeline/blob/{DATA_COMMIT}/data/communes_history/population.csv"

INDICATORS = (
    Indicator(
        id=INDICATOR,
        name_nl="Bevolking naar brede leeftijdsgroep (handmatig overgenomen)",
        name_en="Population by broad age group (hand-extracted)",
        definition_nl=(
            "Inwoners op 1 januari van 0-14, 15-64 en 65 jaar en ouder, voor Gent en Antwerpen. Waarden met de hand "
            "overgenomen uit BelPulse' kopie van Statbel (TF_SOC_POP_STRUCT)."
        ),
        definition_en=(
            "Inhabitants on 1 January aged 0-14, 15-64 and 65 and over, for Gent and Antwerpen. Values copied by "
            "hand from BelPulse's copy of Statbel (TF_SOC_POP_STRUCT)."
        ),
        unit="persons",
        direction="neutral",
        period_type="year",
        numerator="inwoners / inhabitants",
        notes=(
            "HAND-EXTRACTED from github.com/mdruszcz/belgian-macro-pipeline data/communes_history/population.csv @ "
            "2b3f0d5d (read through a search index, SOURCES.md §15). Checked on every parse: the three groups add up "
            "to the file's total for each year that has all three. Gent 0-14 for 2017 was not captured and is not "
            "computed here. The groups do not overlap; never add them to statbel_pop_struct's bands."
        ),
        concept="population",
    ),
)


LAYOUT = Layout(
    code="indicator_code",
    geo_column="nis_code",
    geo=r"(\d{5})",
    geo_text="a 5-digit NIS code",
    columns=COLUMNS,
)


def read_table(path: Path, source: str = NAME) -> pd.DataFrame:
    """Every row checked (the census and VAR rows too), the age groups returned; they must add up to the total."""
    df = read_long(path, source, what="hand-extracted file", layout=LAYOUT)
    wide = df[df["code"].isin([*GROUPS, TOTAL_CODE])].pivot(
        index=["geo", "period"], columns="code", values="value"
    )
    full = wide.dropna()
    off = full[(full[list(GROUPS)].sum(axis=1) - full[TOTAL_CODE]).abs() > 0.5]
    if not off.empty:
        code, period = off.index[0]
        raise SourceError(
            source,
            f"age groups do not add up to the total for {code} {period}: transcription error?",
            path,
        )
    return df[df["code"].isin(GROUPS)]


class BelpulseHandextract(ManualSource):
    name = NAME
    title_nl = (
        "Bevolking van Gent en Antwerpen naar leeftijdsgroep 2017-2026 (handmatig overgenomen)"
    )
    title_en = "Population of Gent and Antwerpen by age group 2017-2026 (hand-extracted)"
    publisher = (
        "Statbel (TF_SOC_POP_STRUCT), via BelPulse (github.com/mdruszcz/belgian-macro-pipeline)"
    )
    licence = "Statbel open data; the BelPulse repository states no licence (unverified)"
    url = URL
    attribution = "Statbel, bevolkingsstructuur; hand-extracted from BelPulse"
    period_covered = "1 January 2017-2026"
    caveats = (
        "HAND-EXTRACTED values (like published_figures), for Gent and Antwerpen only, read through a search index "
        "from a third-party pipeline's copy of Statbel files. The identity 0-14 + 15-64 + 65+ = total is checked for "
        "every year with all groups. Census 2021 and VAR 2024 rows of the same file are loaded from their full "
        "files instead. Nothing to download: a new extract is imported by hand."
    )
    files = (
        RawFile(
            FILE, URL.replace("/blob/", "/raw/"), "hand-extracted values for Gent and Antwerpen"
        ),
    )
    indicators = INDICATORS
    release_rhythm = ReleaseRhythm("irregular")  # hand-extracted values, refreshed by hand
    how_to_obtain = (
        "There is nothing to download: the values were copied by hand from BelPulse's files (see the caveats). "
        f'Import a corrected copy with `python -m pipelines snapshot {NAME} {FILE} --id <date> --origin "..."`.'
    )

    def parse(self, snapshot: Path) -> pd.DataFrame:
        df = read_table(snapshot / FILE, self.name)
        return observations_frame(
            pd.DataFrame(
                {
                    "indicator_id": INDICATOR,
                    "geo_code": df["geo"],
                    "period": df["period"],
                    "ref_date": df["period"] + "-01-01",
                    "breakdown": BREAKDOWN,
                    "breakdown_value": df["code"].map(GROUPS),
                    "value": df["value"],
                }
            )
        )


SOURCE = BelpulseHandextract()
