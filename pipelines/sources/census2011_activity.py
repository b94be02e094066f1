"""Census 2011 current activity status by education, nationality, age and sex per province (Statbel HC13).

Why this source: it is the only shippable table that gives unemployment by education level and by
nationality (Belgian / EU / non-EU) for the provinces, regions and Belgium, the groups Gsiw's action
groups work with. It is the census definition, not VDAB's job-seeker count nor the LFS (ILO) rate.

Files (shared/data SOURCES.md section 3): weRbelgium/BelgiumStatistics' RData copies of Statbel's
census 2011 hypercubes HC13 and HC23 (commit 37758b79164412322db35e9bb172d0ea5f3b192b), converted
to CSV keeping only the code columns and OBS_VALUE, plus the Dutch code list. Each row of HC13 is
one leaf cell (province x sex x education x activity x citizenship x five-year age band) and also
names the cell's parents (CD_GEO_LVL_1 = region, CD_AGE_LVL_1 = broad age group, ...). Totals are
therefore sums of leaf rows grouped by a parent code: a LVL_1 total is never added to its LVL_2
parts. HC23 (place of work x place of birth) has no activity status, so no unemployment can be
computed from it; it is kept in the snapshot but not loaded.

Groupings (documented in the indicator notes):
- education (ISCED 1997 as coded by the census): low = NONE, ED1, ED2; medium = ED3, ED4;
  high = ED5, ED6; unknown = UNK ("niet aangegeven"), kept as its own category so the four add up
  to the total. NAP (under 15) never occurs in the labour force.
- nationality: belgian = NAT, eu_excl_belgian = EU_FOR, non_eu = NEU, stateless_unknown = STLS + UNK.
- age: 15-24, 25-49, 50-64, 65+ (from the five-year bands / broad groups; nobody under 15 is active).
- sex: men, women.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipelines.eurostat import nuts_geo_codes
from pipelines.freshness import ReleaseRhythm
from pipelines.source import TOTAL
from pipelines.source import Indicator
from pipelines.source import ManualSource
from pipelines.source import RawFile
from pipelines.source import SourceError
from pipelines.source import observations_frame
from pipelines.tables import read_table

HC13 = "TF_CENSUS_2011_HC13_L_codes.csv"
HC23 = "TF_CENSUS_2011_HC23_L_codes.csv"
CODELIST = "TF_CENSUS_2011_codelist_nl.csv"
COMMIT = "37758b79164412322db35e9bb172d0ea5f3b192b"
REPO = f"https://raw.githubusercontent.com/weRbelgium/BelgiumStatistics/{COMMIT}/data/"
PERIOD, REF_DATE = "2011", "2011-01-01"
BELGIUM = "01000"

COLUMNS = [
    "CD_GEO_LVL_1",
    "CD_GEO_LVL_2",
    "CD_SEX_LVL_1",
    "CD_EDU_LVL_1",
    "CD_CAS_LVL_1",
    "CD_CAS_LVL_2",
    "CD_COC_LVL_1",
    "CD_COC_LVL_2",
    "CD_AGE_LVL_1",
    "CD_AGE_LVL_2",
    "OBS_VALUE",
]
EDUCATION = {
    "NONE": "low",
    "ED1": "low",
    "ED2": "low",
    "ED3": "medium",
    "ED4": "medium",
    "ED5": "high",
    "ED6": "high",
    "UNK": "unknown",
    "NAP": "not_applicable",
}
NATIONALITY = {
    "NAT": "belgian",
    "EU_FOR": "eu_excl_belgian",
    "NEU": "non_eu",
    "STLS": "stateless_unknown",
    "UNK": "stateless_unknown",
}
SEX = {"M": "men", "F": "women"}
AGE_BY_BAND = {"Y15-19": "15-24", "Y20-24": "15-24", "Y25-29": "25-49"}
AGE_BY_GROUP = {
    "Y30-49": "25-49",
    "Y50-64": "50-64",
    "Y65-84": "65+",
    "Y_GE85": "65+",
    "Y_LT15": "under_15",
}

_DEF_NL = (
    "Census 2011 (toestand op 1 januari 2011), huidige activiteitsstatus zoals de census ze vaststelt uit "
    "administratieve bronnen: niet de VDAB-werkzoekenden en niet de IAB/ILO-werkloosheid van de EAK."
)
_DEF_EN = (
    "Census 2011 (situation on 1 January 2011), current activity status as the census derives it from "
    "administrative sources: not VDAB's job seekers and not the LFS (ILO) unemployment."
)
_GROUPS = (
    "Groups: education low = no diploma, ISCED 1-2; medium = ISCED 3-4; high = ISCED 5-6; unknown = not "
    "stated (kept apart, so the four add up to the total). Nationality: Belgian / other EU / non-EU / "
    "stateless or unknown. Age 15-24, 25-49, 50-64, 65+. Each breakdown is separate from the total. "
    "Provinces, regions and Belgium only (the census hypercube has no municipality detail)."
)


def _indicator(*, definition_nl: str, definition_en: str, **fields) -> Indicator:
    """A census 2011 indicator: each definition ends with the census scope, the notes list the groups."""
    return Indicator(
        definition_nl=f"{definition_nl} {_DEF_NL}",
        definition_en=f"{definition_en} {_DEF_EN}",
        period_type="year",
        period_kind="census",
        notes=_GROUPS,
        **fields,
    )


INDICATORS = (
    _indicator(
        id="census_unemployment_rate",
        name_nl="Werkloosheidsgraad (census 2011)",
        name_en="Unemployment rate (census 2011)",
        definition_nl="Werklozen in % van de beroepsbevolking (werkenden + werklozen).",
        definition_en="Unemployed as % of the labour force (employed + unemployed).",
        unit="%",
        direction="higher_is_worse",
        numerator="census_unemployed",
        denominator="census_labour_force",
        concept="unemployment_rate",
    ),
    _indicator(
        id="census_labour_force",
        name_nl="Beroepsbevolking (census 2011)",
        name_en="Labour force (census 2011)",
        definition_nl="Aantal beroepsactieven: werkenden plus werklozen.",
        definition_en="Number of economically active: employed plus unemployed.",
        unit="persons",
        direction="neutral",
    ),
    _indicator(
        id="census_unemployed",
        name_nl="Werklozen (census 2011)",
        name_en="Unemployed persons (census 2011)",
        definition_nl="Aantal werklozen.",
        definition_en="Number of unemployed persons.",
        unit="persons",
        direction="higher_is_worse",
        concept="unemployed_count",
    ),
)


def read_hc13(path: Path, codelist: Path, source: str = "census2011_activity") -> pd.DataFrame:
    """Read HC13 and check it against the code list; add our grouping columns and the NIS codes."""
    raw = read_table(path, source, "HC13 file", columns=COLUMNS, nonempty=True)
    codes = read_table(codelist, source, "census code list")
    codes = codes[codes["table"] == "HC13"]
    for col in COLUMNS[:-1]:
        dim, level = col[3:6], col[-1]
        known = set(codes.loc[(codes["dimension"] == dim) & (codes["level"] == level), "code"])
        unknown = sorted(set(raw[col]) - known)
        if unknown:
            raise SourceError(source, f"{col} has code(s) {unknown} not in the code list", path)
    value = pd.to_numeric(raw["OBS_VALUE"], errors="coerce")
    if value.isna().any() or (value < 0).any():
        bad = raw.loc[value.isna() | (value < 0), "OBS_VALUE"].iloc[0]
        raise SourceError(source, f"OBS_VALUE {bad!r} is not a count", path)
    if raw.duplicated(COLUMNS[:-1]).any():
        raise SourceError(source, "two rows for the same cell: the table would double count", path)
    geo_labels = (
        codes[codes["dimension"] == "GEO"]
        .drop_duplicates("code")
        .set_index("code")["label_nl"]
        .str.strip()
    )
    nis = nuts_geo_codes(geo_labels.to_dict(), source, path)
    raw = raw.assign(
        value=value,
        province=raw["CD_GEO_LVL_2"]
        .replace({"BE10": "BE1"})
        .map(nis),  # BE10 = BE1: Brussels has no province
        region=raw["CD_GEO_LVL_1"].map(nis),
        education=raw["CD_EDU_LVL_1"].map(EDUCATION),
        nationality=raw["CD_COC_LVL_2"].map(NATIONALITY),
        sex=raw["CD_SEX_LVL_1"].map(SEX),
        age=raw["CD_AGE_LVL_2"].map(AGE_BY_BAND).fillna(raw["CD_AGE_LVL_1"].map(AGE_BY_GROUP)),
    )
    for col in ("province", "region", "education", "nationality", "sex", "age"):
        if raw[col].isna().any():
            raise SourceError(source, f"no mapping for some {col} codes", path)
    return raw


class Census2011Activity(ManualSource):
    name = "census2011_activity"
    title_nl = "Activiteitsstatus naar onderwijs, nationaliteit en leeftijd, census 2011"
    title_en = "Activity status by education, nationality and age, census 2011"
    publisher = "Statbel (census 2011, hypercube HC13), as packaged by weRbelgium/BelgiumStatistics"
    licence = "Statbel open data; the packaging repository states no licence (unverified)"
    url = "https://census2011.fgov.be/download/downloads_nl.html"
    attribution = "Statbel, Census 2011 (HC13); via github.com/weRbelgium/BelgiumStatistics"
    period_covered = "1 January 2011"
    release_rhythm = ReleaseRhythm("closed")  # the 2011 census: a one-off
    caveats = (
        "Converted copy: weRbelgium/BelgiumStatistics' RData of Statbel's census 2011 hypercube HC13 (commit "
        "37758b79, 2015) converted to CSV (code columns and OBS_VALUE only) for shared/data; not downloaded from "
        "Statbel. Census activity status (administrative sources), not VDAB's job seekers and not the ILO rate: "
        "Oost-Vlaanderen 4.8 % here. Provinces, the three regions and Belgium only; Brussels is a region "
        "(no province). Regions and Belgium are sums of the provinces' leaf cells. Education 'unknown' (not "
        "stated, 6 % of the labour force) is kept as its own category. HC23 (place of birth) is in the snapshot "
        "but not loaded: it has no activity status. Census 2011 is final: there is no live fetch."
    )
    files = (
        RawFile(
            HC13,
            REPO + "TF_CENSUS_2011_HC13_L.RData",
            "HC13 converted RData -> CSV (codes + OBS_VALUE)",
        ),
        RawFile(
            HC23, REPO + "TF_CENSUS_2011_HC23_L.RData", "HC23 converted RData -> CSV (not loaded)"
        ),
        RawFile(
            CODELIST,
            REPO + "TF_CENSUS_2011_HC13_L.RData",
            "Dutch labels of the codes, from the RData",
        ),
    )
    indicators = INDICATORS

    # Census 2011 is final; the snapshot is a conversion that needs R data tooling, so nothing to fetch.
    how_to_obtain = (
        "no live fetch: census 2011 is final and the publisher's files are RData; the shipped snapshot is "
        "the converted copy. To rebuild it, convert the RData with pyreadr and import the CSVs with "
        "`python -m pipelines snapshot census2011_activity ...`"
    )

    def parse(self, snapshot: Path) -> pd.DataFrame:
        cells = read_hc13(snapshot / HC13, snapshot / CODELIST, self.name)
        active = cells[cells["CD_CAS_LVL_1"] == "ACT"]
        if set(active["CD_CAS_LVL_2"]) - {"EMP", "UNE"}:
            raise SourceError(
                self.name, "active persons with a status other than EMP/UNE", snapshot / HC13
            )
        frames = []
        levels = {"province": active["province"], "region": active["region"]}
        for breakdown in (TOTAL, "education", "nationality", "age", "sex"):
            keys = [] if breakdown == TOTAL else [breakdown]
            for geo in ("province", "region", "country"):
                df = active.assign(geo=levels[geo] if geo in levels else BELGIUM)
                if (
                    geo == "province"
                ):  # Brussels is a region; its 'province' row would repeat the region
                    df = df[df["geo"] != "04000"]
                frames.append(self._rates(df, keys, breakdown))
        return observations_frame(pd.concat(frames, ignore_index=True))

    @staticmethod
    def _rates(df: pd.DataFrame, keys: list[str], breakdown: str) -> pd.DataFrame:
        counts = df.pivot_table(
            index=["geo", *keys],
            columns="CD_CAS_LVL_2",
            values="value",
            aggfunc="sum",
            fill_value=0,
        ).reset_index()
        for col in ("EMP", "UNE"):
            if col not in counts:
                counts[col] = 0
        force = counts["EMP"] + counts["UNE"]
        value = keys[0] if keys else None
        base = pd.DataFrame(
            {
                "geo_code": counts["geo"],
                "period": PERIOD,
                "ref_date": REF_DATE,
                "breakdown": breakdown,
                "breakdown_value": counts[value] if value else TOTAL,
            }
        )
        rate = (counts["UNE"] / force * 100).where(force > 0)
        return pd.concat(
            [
                base.assign(indicator_id="census_labour_force", value=force),
                base.assign(indicator_id="census_unemployed", value=counts["UNE"]),
                base.assign(
                    indicator_id="census_unemployment_rate",
                    value=rate,
                    status=rate.isna().map({True: "not_applicable", False: None}),
                ),
            ],
            ignore_index=True,
        )


SOURCE = Census2011Activity()
