"""Belgian Index of Multiple Deprivation 2011, employment domain, aggregated to wijken and municipalities.

Why this source: no work statistic exists per Gent wijk; the BIMD 2011 employment domain (share of the
working-age population unemployed or not working through disability, smoothed, ranked and transformed)
is the only neighbourhood-level measure of exclusion from work. It is a relative index for 2011, not a
rate, and it cannot be compared over time.

Statistical sectors (2011 codes) are assigned to the wijken (ggw7) of Gent, Antwerpen, Genk and Oostende
through the provinciesincijfers key, which uses current sector codes (SOURCES.md section 12): exact code,
else a unique wijk for the first 8 characters, else the wijk most of the key's sectors with the longest
shared code prefix belong to. Each sector weighs with its 2011 population. `assignment(snapshot)` reports
how many sectors each rule placed.
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
from pipelines.tables import require_columns

NAME = "bimd2011"
SCORES = "bimd2011_domains_score_ranks_deciles.csv"
POPULATION = "population_2011.tsv"
KEY = "statsec_ggw7_readonly.xlsx"
BIMD_COMMIT = "f7b700ea98b8bc4b6af859995f43cced5206919d"
BIMD_RAW = (
    f"https://raw.githubusercontent.com/bimd-project/Belgian-Indices-of-Multiple-Deprivation/{BIMD_COMMIT}/"
    "FILE%202%20BIMD2011%20DOMAINS%20(SCORES,%20RANKS,%20DECILES)/"
)
KEY_URL = (
    "https://raw.githubusercontent.com/provinciesincijfers/gebiedsniveaus/3b1b6d8d3548e495f597db134f437f0d08898535/"
    "kerntabellen/statsec_ggw7_readonly.xlsx"
)
PERIOD, REF_DATE = "2011", "2011-01-01"
CITIES = ("44021", "11002", "71016", "35013")
UNKNOWN_WIJK = "WONB"
SCORE, DECILE = "exp_employment_score_2011", "deciles_employment_domain_2011"
DEPRIVED_DECILES = (1, 2)

_NOTE = (
    "NL: BIMD 2011 (ELLIS-project, Sciensano), berekend uit census- en administratieve microdata van 2011. Het "
    "werkdomein combineert het aandeel werklozen en het aandeel niet-werkenden door arbeidsongeschiktheid in de "
    "bevolking op beroepsactieve leeftijd, afgevlakt, gerangschikt en exponentieel getransformeerd: een relatieve "
    "index (hoger = meer achterstelling), geen percentage, niet vergelijkbaar in de tijd. Statistische sectoren "
    "van 2011, gewogen met hun bevolking van 2011; sectoren zonder gekende bevolking tellen niet mee. "
    "EN: BIMD 2011 (ELLIS project, Sciensano), computed from 2011 census and administrative microdata. The "
    "employment domain combines the shares of the working-age population unemployed and not working through "
    "disability, smoothed, ranked and exponentially transformed: a relative index (higher = more deprived), not "
    "a percentage, not comparable over time. 2011 statistical sectors weighted by their 2011 population; sectors "
    "with no known population do not count."
)

INDICATORS = (
    Indicator(
        id="bimd2011_employment_score",
        name_nl="Achterstelling op werk: BIMD-index 2011 (werkdomein)",
        name_en="Deprivation in employment: BIMD index 2011 (employment domain)",
        definition_nl=(
            "Bevolkingsgewogen gemiddelde van de score op het werkdomein van de Belgische index van meervoudige "
            "achterstelling 2011 over de statistische sectoren van het gebied. Relatieve index, geen percentage."
        ),
        definition_en=(
            "Population-weighted mean of the employment-domain score of the Belgian Index of Multiple Deprivation "
            "2011 over the area's statistical sectors. Relative index, not a percentage."
        ),
        unit="index",
        direction="higher_is_worse",
        period_type="year",
        numerator="som van score x bevolking 2011 / sum of score x population 2011",
        denominator="bevolking 2011 van de toegewezen sectoren / 2011 population of the assigned sectors",
        notes=_NOTE,
    ),
    Indicator(
        id="bimd2011_employment_deprived_share",
        name_nl="Inwoners in de 20 % meest achtergestelde sectoren op werk (BIMD 2011)",
        name_en="Residents in the 20% most deprived sectors in employment (BIMD 2011)",
        definition_nl=(
            "Aandeel van de inwoners (2011) dat woont in een statistische sector die op het werkdomein van de BIMD "
            "2011 bij de 20 % meest achtergestelde sectoren van België hoort (decielen 1 en 2)."
        ),
        definition_en=(
            "Share of the residents (2011) living in a statistical sector that ranks among Belgium's 20% most "
            "deprived sectors in the BIMD 2011 employment domain (deciles 1 and 2)."
        ),
        unit="%",
        direction="higher_is_worse",
        period_type="year",
        numerator="bevolking 2011 in sectoren van deciel 1-2 / 2011 population in decile 1-2 sectors",
        denominator="bevolking 2011 van de toegewezen sectoren / 2011 population of the assigned sectors",
        notes=_NOTE,
    ),
)


def read_scores(path: Path, source: str = NAME) -> pd.DataFrame:
    try:
        df = pd.read_csv(path, dtype={"CD_RES_SECTOR": str})
    except (OSError, ValueError) as exc:
        raise SourceError(source, f"cannot read the BIMD domains file: {exc}", path) from exc
    require_columns(df, ("CD_RES_SECTOR", SCORE, DECILE), source, path)
    df["CD_RES_SECTOR"] = df["CD_RES_SECTOR"].str.strip()
    bad = df.loc[~df["CD_RES_SECTOR"].str.fullmatch(r"\d{5}[0-9A-Z-]{4}"), "CD_RES_SECTOR"]
    if not bad.empty:
        raise SourceError(
            source, f"CD_RES_SECTOR {bad.iloc[0]!r} is not a 9-character sector code", path
        )
    if df["CD_RES_SECTOR"].duplicated().any():
        raise SourceError(
            source,
            f"duplicate sector {df.loc[df['CD_RES_SECTOR'].duplicated(), 'CD_RES_SECTOR'].iloc[0]}",
            path,
        )
    for col in (SCORE, DECILE):
        df[col] = pd.to_numeric(df[col], errors="coerce")
        if df[col].isna().any():
            raise SourceError(
                source,
                f"empty or non-numeric {col} for {df.loc[df[col].isna(), 'CD_RES_SECTOR'].iloc[0]}",
                path,
            )
    if not df[DECILE].between(1, 10).all():
        raise SourceError(source, f"{DECILE} outside 1-10", path)
    return df[["CD_RES_SECTOR", SCORE, DECILE]]


def read_population(path: Path, source: str = NAME) -> pd.DataFrame:
    try:
        df = pd.read_csv(path, sep="\t", dtype={"CD_RES_SECTOR": str})
    except (OSError, ValueError) as exc:
        raise SourceError(source, f"cannot read the 2011 sector population: {exc}", path) from exc
    if list(df.columns) != ["CD_RES_SECTOR", "POPULATION"]:
        raise SourceError(
            source,
            f"expected columns CD_RES_SECTOR, POPULATION (tab-separated); found {list(df.columns)}",
            path,
        )
    df["CD_RES_SECTOR"] = df["CD_RES_SECTOR"].str.strip()
    df["POPULATION"] = pd.to_numeric(df["POPULATION"], errors="coerce")
    if (df["POPULATION"] < 0).any():
        raise SourceError(source, "negative population", path)
    return df


def read_key(path: Path, source: str = NAME) -> pd.DataFrame:
    try:
        df = pd.read_excel(path, dtype=str)
    except (OSError, ValueError) as exc:
        raise SourceError(source, f"cannot read the sector-to-wijk key: {exc}", path) from exc
    if not {"statsec", "ggw7"} <= set(df.columns):
        raise SourceError(source, f"expected columns statsec, ggw7; found {list(df.columns)}", path)
    df = df[["statsec", "ggw7"]].dropna()
    return df.assign(statsec=df["statsec"].str.strip(), ggw7=df["ggw7"].str.strip())


# 2011 sectors the key cannot place by code, assigned by their 2011 name (names_sectors_municipalities_2011.csv):
# Van Beverenplein and Steengoed lie in the Bloemekenswijk, which has only new sector codes (44021A90K-O).
MANUAL = {"44021M102": "44021W09", "44021M112": "44021W09"}


def assign_wijken(sectors: pd.Series, key: pd.DataFrame) -> pd.DataFrame:
    """2011 sector code -> (wijk, rule). Rules in order: exact code; the MANUAL list; unique wijk on the first
    8 characters; else the wijk most key sectors sharing the longest code prefix (6 or 7 characters) belong to."""
    exact = dict(zip(key["statsec"], key["ggw7"], strict=True))
    known = key[~key["ggw7"].str.endswith(UNKNOWN_WIJK)]
    by_prefix = {n: known.groupby(known["statsec"].str[:n])["ggw7"] for n in (8, 7, 6)}
    rows = []
    for code in sectors:
        if code in exact:
            wijk, rule = exact[code], "exact"
        elif code in MANUAL:
            wijk, rule = MANUAL[code], "by_name"
        else:
            wijk, rule = None, "unassigned"
            for n, groups in by_prefix.items():
                if code[:n] not in groups.groups:
                    continue
                counts = groups.get_group(code[:n]).value_counts()
                wijk, rule = (
                    counts.index[0],
                    ("prefix8" if n == 8 and len(counts) == 1 else "nearest_prefix"),
                )
                break
        rows.append((code, wijk, rule))
    out = pd.DataFrame(rows, columns=["sector", "wijk", "rule"])
    unknown = out["wijk"].fillna("").str.endswith(UNKNOWN_WIJK)
    out.loc[unknown, "rule"] = "unknown_wijk"
    out.loc[unknown, "wijk"] = None
    return out


def _aggregate(df: pd.DataFrame, by: str) -> pd.DataFrame:
    """Population-weighted mean score and share of population in deprived deciles, per `by`."""
    d = df.assign(
        w=df["POPULATION"] * df[SCORE],
        dep=df["POPULATION"].where(df[DECILE].isin(DEPRIVED_DECILES), 0),
    )
    g = d.groupby(by).agg(pop=("POPULATION", "sum"), w=("w", "sum"), dep=("dep", "sum"))
    g = g[g["pop"] > 0]
    return pd.DataFrame({"score": g["w"] / g["pop"], "share": g["dep"] / g["pop"] * 100})


class Bimd2011(Source):
    name = NAME
    title_nl = (
        "Belgische index van meervoudige achterstelling 2011: werkdomein per wijk en gemeente"
    )
    title_en = (
        "Belgian Index of Multiple Deprivation 2011: employment domain per wijk and municipality"
    )
    publisher = "ELLIS (BELSPO BRAIN-be), Sciensano; Provincies in Cijfers"
    licence = (
        "No licence statement in the BIMD repository (BELSPO-funded research output; unverified)"
    )
    url = "https://bimd.sciensano.be"
    attribution = (
        "BIMD2011, ELLIS project / Sciensano; wijk key: provinciesincijfers/gebiedsniveaus"
    )
    period_covered = "2011 (census year)"
    caveats = (
        "Relative index for 2011 only, not a rate and not comparable over time. Computed here from the 18,764 "
        "statistical sectors (2011 codes), weighted by their 2011 population; sectors with unknown population are "
        "left out. Wijken: the provinciesincijfers key uses current sector codes, so 2011 sectors are matched by "
        "exact code, else by a unique wijk on the first 8 characters, else by the majority wijk of the longest "
        "shared code prefix and two Gent sectors by their 2011 name (Van Beverenplein, Steengoed: Bloemekenswijk). Gent: 79 exact, "
        "2 by name, 98 by 8 characters, 5 by nearest prefix. Municipalities: 2011 "
        "(pre-2019) codes."
    )
    files = (
        RawFile(
            SCORES,
            BIMD_RAW + "bimd2011_domains_score_ranks_deciles.csv",
            "BIMD 2011 domain scores per sector",
        ),
        RawFile(
            POPULATION, BIMD_RAW + "population_2011", "population 2011 per sector (tab-separated)"
        ),
        RawFile(KEY, KEY_URL, "current statistical sector -> wijk (ggw7) key, Flanders"),
    )
    indicators = INDICATORS
    release_rhythm = ReleaseRhythm("closed")  # BIMD 2011: a one-off index

    def sectors(self, snapshot: Path) -> pd.DataFrame:
        scores = read_scores(snapshot / SCORES, self.name)
        pop = read_population(snapshot / POPULATION, self.name)
        df = scores.merge(pop, on="CD_RES_SECTOR", how="left")
        df["POPULATION"] = df["POPULATION"].fillna(0)
        return df.assign(municipality=df["CD_RES_SECTOR"].str[:5])

    def assignment(self, snapshot: Path, df: pd.DataFrame | None = None) -> pd.DataFrame:
        """How each 2011 sector of the four cities was placed in a wijk (sector, wijk, rule)."""
        df = self.sectors(snapshot) if df is None else df
        city = df[df["municipality"].isin(CITIES)]
        return assign_wijken(city["CD_RES_SECTOR"], read_key(snapshot / KEY, self.name)).merge(
            city.rename(columns={"CD_RES_SECTOR": "sector"}), on="sector"
        )

    def parse(self, snapshot: Path) -> pd.DataFrame:
        df = self.sectors(snapshot)
        munis = _aggregate(df, "municipality")
        placed = self.assignment(snapshot, df).dropna(subset=["wijk"])
        wijken = _aggregate(placed, "wijk")
        both = pd.concat([munis, wijken])
        base = {"period": PERIOD, "ref_date": REF_DATE}
        frames = [
            pd.DataFrame(
                {
                    **base,
                    "indicator_id": "bimd2011_employment_score",
                    "geo_code": both.index,
                    "value": both["score"].values,
                }
            ),
            pd.DataFrame(
                {
                    **base,
                    "indicator_id": "bimd2011_employment_deprived_share",
                    "geo_code": both.index,
                    "value": both["share"].values,
                }
            ),
        ]
        return observations_frame(pd.concat(frames, ignore_index=True))


SOURCE = Bimd2011()
