"""Eurostat Urban Audit, the 15 Belgian cities, 2015-2024: residents employed, unemployed, population.

Why this source: the only yearly city-level series that sets Gent beside Antwerpen, Oostende and the other
Belgian cities on one definition since 2015. All counts are residents (place of residence), not jobs.
Eurostat compiles them with its own reference and definition, so they are never put in one line with
Statbel counts (SOURCES.md section 11: Gent 2015 population 253,914 here vs 253,266 at Statbel).

Areas keep their Urban Audit code (BE003C = Gent): several are a "greater city" that is not one
municipality, and even Gent's count differs from Statbel's, so no NIS code is claimed.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from pipelines.freshness import ReleaseRhythm
from pipelines.source import NOTE_COLUMNS
from pipelines.source import TOTAL
from pipelines.source import Indicator
from pipelines.source import RawFile
from pipelines.source import Source
from pipelines.source import SourceError
from pipelines.source import observations_frame
from pipelines.tables import read_table

NAME = "eurostat_urban_audit_be"
LEVEL = "ua_city"
API = "https://ec.europa.eu/eurostat/api/dissemination/sdmx/2.1/data/{dataset}/A.{code}.?format=SDMX-CSV"
PAGE = "https://ec.europa.eu/eurostat/web/cities/database"
# File name -> (indicator id, Eurostat dataset, indic_ur code, ref: 'start' = 1 January, 'end' = the year).
SERIES = {
    "urb_cpop1_DE1001V_population_BE.csv": ("uab_population", "urb_cpop1", "DE1001V", "start"),
    "urb_clma_EC1177V_employed_20_64_BE.csv": ("uab_employed_20_64", "urb_clma", "EC1177V", "end"),
    "urb_clma_EC1010V_unemployed_BE.csv": ("uab_unemployed", "urb_clma", "EC1010V", "end"),
    "urb_cpopcb_DE2009V_foreign_born_BE.csv": (
        "uab_foreign_born",
        "urb_cpopcb",
        "DE2009V",
        "start",
    ),
    "urb_ceduc_TE1026V_higher_ed_students_BE.csv": (
        "uab_students_higher_ed",
        "urb_ceduc",
        "TE1026V",
        "end",
    ),
}
NEEDED = ("indic_ur", "cities", "TIME_PERIOD", "OBS_VALUE")
FLAGS = {
    "e": "geschat / estimated",
    "p": "voorlopig / provisional",
    "b": "breuk in de reeks / break in series",
}

_AREA_NL = (
    "Gebied: de stad zoals Urban Audit ze afbakent (Gent, Brugge, Leuven, Mechelen: de gemeente; bij "
    "'greater city' een ruimer gebied). Inwoners (woonplaats), geen banen. Eurostats eigen telling: niet in één "
    "reeks met Statbel-cijfers."
)
_AREA_EN = (
    "Area: the city as Urban Audit delimits it (Gent, Brugge, Leuven, Mechelen: the municipality; for a "
    "'greater city' a wider area). Residents (place of residence), not jobs. Eurostat's own count: never one "
    "series with Statbel figures."
)


def _ind(*, definition_nl: str, definition_en: str, **fields) -> Indicator:
    """An Urban Audit count of residents: each definition ends with what the area is; the numerator
    names the Eurostat dataset and code of its id (SERIES)."""
    fields.setdefault("direction", "neutral")
    return Indicator(
        definition_nl=f"{definition_nl} {_AREA_NL}",
        definition_en=f"{definition_en} {_AREA_EN}",
        unit="persons",
        period_type="year",
        numerator=next(
            f"Eurostat {d} {c}" for _, (i, d, c, _) in SERIES.items() if i == fields["id"]
        ),
        notes="Eurostat flags (estimated, ...) are kept per value in the observation notes. Source: Eurostat.",
        **fields,
    )


INDICATORS = (
    _ind(
        id="uab_population",
        name_nl="Bevolking op 1 januari (Urban Audit)",
        name_en="Population on 1 January (Urban Audit)",
        definition_nl="Inwoners van de stad op 1 januari volgens Eurostats Urban Audit (urb_cpop1).",
        definition_en="Inhabitants of the city on 1 January according to Eurostat's Urban Audit (urb_cpop1).",
        concept="population",
    ),
    _ind(
        id="uab_employed_20_64",
        name_nl="Werkende inwoners van 20-64 jaar (Urban Audit)",
        name_en="Employed residents aged 20-64 (Urban Audit)",
        definition_nl="Inwoners van 20-64 jaar met werk, volgens Eurostats Urban Audit (urb_clma).",
        definition_en="Residents aged 20-64 in employment, according to Eurostat's Urban Audit (urb_clma).",
        direction="higher_is_better",
        concept="employed_residents",
    ),
    _ind(
        id="uab_unemployed",
        name_nl="Werkloze inwoners (Urban Audit)",
        name_en="Unemployed residents (Urban Audit)",
        definition_nl="Werkloze inwoners van de stad volgens Eurostats Urban Audit (urb_clma), alle leeftijden.",
        definition_en="Unemployed residents of the city according to Eurostat's Urban Audit (urb_clma), all ages.",
        direction="higher_is_worse",
        concept="unemployed_count",
    ),
    _ind(
        id="uab_foreign_born",
        name_nl="In het buitenland geboren inwoners (Urban Audit)",
        name_en="Foreign-born residents (Urban Audit)",
        definition_nl="Inwoners van de stad die in het buitenland geboren zijn, volgens Eurostats Urban Audit (urb_cpopcb).",
        definition_en="Residents of the city born abroad, according to Eurostat's Urban Audit (urb_cpopcb).",
    ),
    _ind(
        id="uab_students_higher_ed",
        name_nl="Studenten hoger onderwijs (Urban Audit)",
        name_en="Students in higher education (Urban Audit)",
        definition_nl="Studenten ingeschreven in het hoger onderwijs (ISCED 5-8) in de stad, volgens Eurostats Urban Audit "
        "(urb_ceduc).",
        definition_en="Students enrolled in higher education (ISCED 5-8) in the city, according to Eurostat's Urban Audit "
        "(urb_ceduc).",
    ),
)


def read_file(path: Path, code: str, source: str = NAME) -> pd.DataFrame:
    """Eurostat SDMX-CSV (data-browser 'linear 2.0' or the 2.1 API): the columns NEEDED, one indic_ur."""
    raw = read_table(path, source, "Urban Audit file", columns=NEEDED)
    other = sorted(set(raw["indic_ur"]) - {code})
    if other:
        raise SourceError(source, f"indicator code(s) {other} found; only {code} expected", path)
    raw = raw[raw["cities"].str.fullmatch(r"BE|BE\d{3}C")]
    if raw.empty:
        raise SourceError(source, "no Belgian city rows (cities BE or BE0..C)", path)
    if raw.duplicated(["cities", "TIME_PERIOD"]).any():
        r = raw[raw.duplicated(["cities", "TIME_PERIOD"])].iloc[0]
        raise SourceError(source, f"duplicate row for {r['cities']} {r['TIME_PERIOD']}", path)
    bad_year = raw.loc[~raw["TIME_PERIOD"].str.fullmatch(r"\d{4}"), "TIME_PERIOD"]
    if not bad_year.empty:
        raise SourceError(source, f"TIME_PERIOD {bad_year.iloc[0]!r} is not a year", path)
    value = pd.to_numeric(raw["OBS_VALUE"].str.strip().replace("", None), errors="coerce")
    bad = value.isna() & (raw["OBS_VALUE"].str.strip() != "")
    if bad.any():
        raise SourceError(
            source, f"non-numeric OBS_VALUE {raw.loc[bad, 'OBS_VALUE'].iloc[0]!r}", path
        )
    flag = raw["OBS_FLAG"].str.strip() if "OBS_FLAG" in raw.columns else ""
    conf = raw["CONF_STATUS"].str.strip() if "CONF_STATUS" in raw.columns else ""
    label = (
        raw["Geopolitical entity (declaring)"]
        if "Geopolitical entity (declaring)" in raw.columns
        else raw["cities"]
    )
    return pd.DataFrame(
        {
            "city": raw["cities"],
            "label": label,
            "year": raw["TIME_PERIOD"],
            "value": value,
            "flag": flag,
            "conf": conf,
        }
    ).reset_index(drop=True)


def geo_code(city: str) -> str:
    return "01000" if city == "BE" else city


class EurostatUrbanAuditBe(Source):
    name = NAME
    title_nl = "Eurostat Urban Audit: Belgische steden 2015-2024"
    title_en = "Eurostat Urban Audit: Belgian cities 2015-2024"
    publisher = "Eurostat (Urban Audit), via github.com/mxiilian/data-analytics-project"
    licence = "Eurostat reuse policy: reuse allowed with acknowledgement 'Source: Eurostat' (not verified for this copy)"
    url = PAGE
    attribution = "Source: Eurostat (urb_cpop1, urb_clma, urb_cpopcb, urb_ceduc)"
    period_covered = "2015-2024, yearly (gaps: 2022 and 2024 missing for several cities)"
    caveats = (
        "Eurostat data-browser downloads (SDMX-CSV, November 2025) kept in a third-party repository and filtered "
        "to the Belgian rows, lines unchanged (SOURCES.md §11). Residents, not jobs. Eurostat's population differs "
        "slightly from Statbel's (Gent 2015: 253,914 vs 253,266): never in one line with Statbel. Several codes "
        "are a 'greater city' (Brussel, Antwerpen, Oostende, Kortrijk, Charleroi, ...), so areas keep their Urban "
        "Audit code. Employed is 20-64 while the population is all ages: their ratio is not an employment rate. "
        "Flags (e = estimated) are in the observation notes."
    )
    files = tuple(
        RawFile(f, API.format(dataset=d, code=c), f"Eurostat {d} {c}, Belgian rows")
        for f, (_, d, c, _) in SERIES.items()
    )
    indicators = INDICATORS
    release_rhythm = ReleaseRhythm(
        "irregular"
    )  # Urban Audit: yearly data collections with gaps per city

    def fetch(self, session, dest: Path) -> list[Path]:
        """One SDMX-CSV request per indicator (all cities), keep the Belgian rows, check each parses."""
        from pipelines.http import get

        paths = []
        for f in self.files:
            resp = get(session, f.url, source=self.name)
            try:
                raw = pd.read_csv(io.StringIO(resp.text), dtype=str, keep_default_na=False)
            except (ValueError, pd.errors.ParserError) as exc:
                raise SourceError(self.name, f"the answer is not SDMX-CSV: {exc}", f.url) from exc
            if "cities" not in raw.columns:
                raise SourceError(
                    self.name, f"no 'cities' column in the answer; found {list(raw.columns)}", f.url
                )
            path = dest / f.name
            raw[raw["cities"].str.fullmatch(r"BE|BE\d{3}C")].to_csv(path, index=False)
            read_file(path, SERIES[f.name][2], self.name)
            paths.append(path)
        return paths

    def _frames(self, snapshot: Path):
        for fname, (ind, _dataset, code, ref) in SERIES.items():
            yield fname, ind, ref, read_file(snapshot / fname, code, self.name)

    def parse(self, snapshot: Path) -> pd.DataFrame:
        frames = []
        for _, ind, ref, df in self._frames(snapshot):
            confidential = df["value"].isna()
            frames.append(
                pd.DataFrame(
                    {
                        "indicator_id": ind,
                        "geo_code": df["city"].map(geo_code),
                        "period": df["year"],
                        "ref_date": df["year"] + ("-01-01" if ref == "start" else "-12-31"),
                        "value": df["value"],
                        "status": confidential.map({True: "hidden", False: None}),
                    }
                )
            )
        return observations_frame(pd.concat(frames, ignore_index=True))

    def observation_notes(self, snapshot: Path) -> pd.DataFrame:
        """Eurostat's flag per value (e = estimated), so a reader sees which figures are estimates."""
        rows = []
        for fname, ind, _, df in self._frames(snapshot):
            dataset, code = SERIES[fname][1], SERIES[fname][2]
            for r in df[(df["flag"] != "") | (df["conf"] != "")].itertuples():
                what = FLAGS.get(r.flag, r.flag) if r.flag else "vertrouwelijk / confidential"
                rows.append(
                    {
                        "indicator_id": ind,
                        "geo_code": geo_code(r.city),
                        "period": r.year,
                        "breakdown": TOTAL,
                        "breakdown_value": TOTAL,
                        "url": PAGE,
                        "title": f"Eurostat {dataset} {code}",
                        "publisher": "Eurostat",
                        "note": f"Eurostat flag '{r.flag or r.conf}': {what}",
                    }
                )
        return pd.DataFrame(rows, columns=NOTE_COLUMNS)

    def geographies(self, snapshot: Path) -> pd.DataFrame:
        """The 15 Urban Audit cities under their own code, named as Eurostat names them."""
        df = pd.concat([d for *_, d in self._frames(snapshot)], ignore_index=True)
        cities = df[df["city"] != "BE"].drop_duplicates("city").sort_values("city")
        name_nl = cities["label"].str.replace("(greater city)", "(ruimer stadsgebied)", regex=False)
        return pd.DataFrame(
            {
                "geo_code": cities["city"],
                "level": LEVEL,
                "parent_code": "01000",
                "name_nl": name_nl,
                "name_fr": cities["label"],
                "name_en": cities["label"],
                "nuts_code": None,
            }
        ).reset_index(drop=True)


SOURCE = EurostatUrbanAuditBe()
