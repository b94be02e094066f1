"""VDAB's yearly list of bottleneck occupations (knelpuntberoepen) for Flanders, as published.

Why this source: which occupations employers cannot fill is half of Gent's labour-market paradox, and no
occupation-level file can be reached from here. What can be shown honestly is what VDAB and the press
published about each yearly list: shared/data/published_figures/knelpuntberoepen.csv (SOURCES.md §18), one
fact per row with its page, publisher and a verbatim quote. Columns:
`year, kind, rank, occupation, cause, value, unit, geography, source_url, publisher, quote`.

What goes where (all by code below, counted in the tests):
- `observations` (Flanders, `02000`; period = the **list year** as VDAB and the press name it, the "2024 list"
  was published on 31-01-2024 from 2023 data; ref_date 1 January of the list year): the number of
  knelpuntberoepen (`count`), the share of all occupations that are knelpuntberoepen (`share` of occupations),
  and the number of occupations new on / removed from the list where a page states it (`ALLE` rows). One note
  per figure (page, publisher, the quote) goes to `observation_notes`.
- `occupation_lists`: every named occupation of a ranked top list (`top`), new on the list (`new`) or removed
  from it (`removed`), with its rank as published, the name as published and its language, and a translation
  of the name into the other UI language (ours, marked as such by `name_language`).
- `published_statements`: dated statements that are quotes, not series: what the press and the city said about
  Gent and Oost-Vlaanderen (`regional`) and the one share of *vacancies* (not occupations) for the 2022 list.

The lists cover Flanders as a whole; VDAB publishes no Gent list, and the regional rows are statements about
vacancies and tightness, not knelpunt lists. Occupations are never mapped to VDAB sectors. Years without a
figure are simply absent (2016, 2017, 2019 have no count), never filled in.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from pipelines.freshness import ReleaseRhythm
from pipelines.source import LIST_COLUMNS
from pipelines.source import NOTE_COLUMNS
from pipelines.source import STATEMENT_COLUMNS
from pipelines.source import TOTAL
from pipelines.source import Indicator
from pipelines.source import ManualSource
from pipelines.source import RawFile
from pipelines.source import SourceError
from pipelines.source import observations_frame

NAME = "vdab_knelpuntberoepen"
FILE = "knelpuntberoepen.csv"
PAGE_URL = "https://www.vdab.be/trends/knelpuntberoepen"
LIST_NAME = "knelpuntberoepen"
COLUMNS = [
    "year",
    "kind",
    "rank",
    "occupation",
    "cause",
    "value",
    "unit",
    "geography",
    "source_url",
    "publisher",
    "quote",
]
KINDS = ("count", "top", "new", "removed", "share", "regional")
FLANDERS = "02000"
ALL = "ALLE"  # `new`/`removed` rows whose occupation starts with this carry the number, not a name

COUNT, SHARE, NEW, REMOVED = (
    "knelpuntberoepen_count",
    "knelpuntberoepen_share_of_occupations",
    "knelpuntberoepen_new",
    "knelpuntberoepen_removed",
)
_COMMON_NL = (
    " Vlaanderen als geheel: VDAB publiceert geen lijst voor Gent. Periode = het jaar van de lijst zoals VDAB "
    "en de pers het noemen (de lijst 2024 verscheen op 31-01-2024, op basis van cijfers over 2023). Cijfer "
    "zoals gepubliceerd; pagina en citaat per cijfer in observation_notes."
)
_COMMON_EN = (
    " Flanders as a whole: VDAB publishes no list for Gent. Period = the list year as VDAB and the press name "
    "it (the 2024 list was published on 31-01-2024, from 2023 data). Figure as published; page and quote "
    "per figure in observation_notes."
)
_NOT_COMPARABLE = (
    "Counts are not strictly comparable over time: VDAB's method changed (two sub-lists around 2013, "
    "'corona' indications in 2021), and an occupation leaving the list may reflect changed vacancy "
    "registration rather than an easier market."
)
INDICATORS = (
    Indicator(
        COUNT,
        "Aantal knelpuntberoepen (VDAB-lijst, Vlaanderen)",
        "Number of bottleneck occupations (VDAB list, Flanders)",
        "Aantal beroepen op de knelpuntberoepenlijst die VDAB elk jaar voor Vlaanderen publiceert: beroepen waarvoor "
        "werkgevers moeilijk geschikte kandidaten vinden." + _COMMON_NL,
        "Number of occupations on the list of bottleneck occupations (knelpuntberoepen) VDAB publishes each year "
        "for Flanders: occupations for which employers find it hard to recruit suitable candidates."
        + _COMMON_EN,
        "occupations",
        "neutral",
        "year",
        notes=_NOT_COMPARABLE,
    ),
    Indicator(
        SHARE,
        "Aandeel knelpuntberoepen in alle beroepen (Vlaanderen)",
        "Bottleneck occupations as a share of all occupations (Flanders)",
        "Aandeel van alle beroepen in Vlaanderen dat op de knelpuntberoepenlijst staat, zoals gepubliceerd "
        "(afgerond; 2024 'ongeveer')." + _COMMON_NL,
        "Share of all occupations in Flanders that are on the bottleneck list, as published (rounded; 2024 "
        "'about')." + _COMMON_EN,
        "%",
        "neutral",
        "year",
        numerator="occupations on the list",
        denominator="all occupations (VDAB)",
    ),
    Indicator(
        NEW,
        "Nieuwe knelpuntberoepen (aantal, Vlaanderen)",
        "Occupations new on the bottleneck list (number, Flanders)",
        "Aantal beroepen dat dat jaar nieuw op de knelpuntberoepenlijst kwam, waar een pagina het aantal noemt."
        + _COMMON_NL,
        "Number of occupations added to the bottleneck list that year, where a page states the number."
        + _COMMON_EN,
        "occupations",
        "neutral",
        "year",
    ),
    Indicator(
        REMOVED,
        "Van de lijst verdwenen knelpuntberoepen (aantal, Vlaanderen)",
        "Occupations removed from the bottleneck list (number, Flanders)",
        "Aantal beroepen dat dat jaar van de knelpuntberoepenlijst verdween, waar een pagina het aantal noemt."
        + _COMMON_NL,
        "Number of occupations removed from the bottleneck list that year, where a page states the number."
        + _COMMON_EN,
        "occupations",
        "neutral",
        "year",
        notes="Leaving the list may reflect changed vacancy registration.",
    ),
)

# Published name -> the name in the other UI language. Ours, never VDAB's: the page names the language a name was
# published in, and a name published in English (Belga, Brussels Times, The Bulletin) is translated into Dutch
# here, not matched to a VDAB title (SOURCES.md §18: the Dutch titles of the 2024 ranks 4-10 were not seen).
NL_TO_EN = {
    "analist ontwikkelaar ict": "ICT analyst-developer",
    "analist-ontwikkelaar ict": "ICT analyst-developer",
    "bestuurder trekker-oplegger": "tractor-trailer driver",
    "boekhouder-accountant": "bookkeeper-accountant",
    "calculator bouw": "construction cost estimator",
    "conducteur bouw": "construction supervisor",
    "conducteur bouw/werfleider": "construction supervisor/site manager",
    "ict-ontwikkelaars": "ICT developers",
    "onderhoudsmecanicien": "maintenance mechanic",
    "schoonmaker bij mensen thuis": "domestic cleaner",
    "technicus industriële installaties": "industrial installations technician",
    "technicus voor industriële installaties": "industrial installations technician",
    "technicus studiebureau bouw": "construction design office technician",
    "tekenaar-ontwerper mechanica": "mechanical draughtsman-designer",
    "tekenaar-ontwerper elektriciteit": "electrical draughtsman-designer",
    "verantwoordelijke productiemethodes & industrialisatie": "production methods and industrialisation manager",
    "verpleegkundige": "nurse",
    "verpleegkundigen": "nurses",
    "verpleegkundige / hoofdverpleegkundige": "nurse / head nurse",
    "werfleider": "site manager",
    "arts (specialisaties geriater, neuroloog, urgentiearts, kinderarts)": "doctor (geriatrician, neurologist, emergency physician, paediatrician)",
    "begeleider in de kinderopvang": "childcare worker",
    "belastingcontroleur": "tax inspector",
    "beroepen in de financiële sector (groep)": "occupations in the financial sector (group)",
    "bodemonderzoeker": "soil surveyor",
    "boekhouder: accountant - belastingadviseur": "bookkeeper: accountant – tax adviser",
    "diamantbewerker": "diamond worker",
    "ergotherapeut": "occupational therapist",
    "fietshersteller": "bicycle repairer",
    "filiaalhouder en -assistent": "branch manager and assistant",
    "heftruckchauffeur": "forklift driver",
    "hotelreceptionist": "hotel receptionist",
    "industrieel elektrotechnisch installateur": "industrial electrical installer",
    "informaticus": "IT specialist",
    "ingenieur": "engineer",
    "installateur liften": "lift installer",
    "kelner": "waiter",
    "keukenmedewerker": "kitchen worker",
    "leerkracht buitengewoon secundair onderwijs": "special-needs secondary school teacher",
    "leerkracht in het lager onderwijs": "primary school teacher",
    "leerkracht secundair onderwijs": "secondary school teacher",
    "leerkracht secundair onderwijs (terug op de lijst)": "secondary school teacher (back on the list)",
    "leerkrachten": "teachers",
    "leidinggevende in een onderwijsinstelling": "head of an educational institution",
    "maatschappelijk werker": "social worker",
    "medewerker callcenter": "call centre agent",
    "medewerker contactcenter": "contact centre agent",
    "medewerker in de fruitteelt": "fruit-growing worker",
    "medewerker personeel": "HR officer",
    "medewerker uitvaartdiensten": "funeral services worker",
    "metselaar": "bricklayer",
    "opticien": "optician",
    "patissier": "pastry chef",
    "persoonlijk assistent van mensen met een beperking": "personal assistant to people with a disability",
    "podiumtechnicus": "stage technician",
    "polyvalent medewerker hotel": "general hotel employee",
    "postbode": "postal worker",
    "redder": "lifeguard",
    "schoonheidsspecialist": "beautician",
    "schoonmaken bij mensen thuis": "domestic cleaning",
    "schoonmaker": "cleaner",
    "slachter": "slaughterer",
    "soldaat-matroos": "soldier-sailor",
    "spoorwegmedewerker": "railway worker",
    "stukadoor": "plasterer",
    "supportmedewerker ict": "ICT support officer",
    "technicus": "technician",
    "technicus koeltechniek en klimatisatie": "refrigeration and air-conditioning technician",
    "technicus productieproces": "production process technician",
    "technieker werf-, landbouw- en hefmachines": "construction, agricultural and lifting machinery technician",
    "technisch commercieel adviseur": "technical sales adviser",
    "technoloog medische beeldvorming": "medical imaging technologist",
    "trein- en metrobestuurder": "train and metro driver",
    "verkoper doe-het-zelf": "DIY salesperson",
    "verkoper van bloemen en planten": "flower and plant salesperson",
    "verkoper van sport- en vrijetijdsartikels": "sports and leisure goods salesperson",
    "vertegenwoordiger": "sales representative",
    "verzekeringsadviseur": "insurance adviser",
    "vrachtwagenchauffeur": "lorry driver",
    "wegenwerker": "road worker",
    "wijnkelner": "sommelier",
    "wijnkenner / wijnkelner (sommelier)": "sommelier",
    "winkelmedewerker": "shop employee",
}
EN_TO_NL = {
    "it manager": "ICT-manager",
    "accountant": "accountant",
    "agricultural labourer": "landbouwarbeider",
    "building insulator": "isolatiewerker bouw",
    "childcare manager": "verantwoordelijke kinderopvang",
    "construction quantity surveyor": "calculator bouw",
    "fruit grower": "fruitteler",
    "general restaurant employee": "polyvalent medewerker restaurant",
    "hotel-restaurant manager": "bedrijfsleider hotel-restaurant",
    "hotel-restaurant supervisor": "leidinggevende hotel-restaurant",
    "industrial automation technician": "technicus industriële automatisering",
    "ironworker": "ijzerwerker",
    "kitchen assistant": "keukenhulp",
    "landscaper": "tuinaanlegger",
    "machine assembly and fitting": "montage en afstelling van machines",
    "machine operator in the pharmaceutical industry": "machineoperator in de farmaceutische industrie",
    "maintenance mechanic": "onderhoudsmecanicien",
    "operator of machines for paper or cardboard": "operator papier- of kartonmachines",
    "printing technician": "druktechnicus",
    "road worker": "wegenwerker",
    "shipping mechanic": "scheepsmecanicien",
    "site manager": "werfleider",
    "welder": "lasser",
}
# Statements (quotes) -> our English translation; the Dutch UI shows the quote verbatim.
QUOTE_EN = {
    "Dringend nood aan: Schoonmaakpersoneel": "Urgently needed: cleaning staff, salespeople, nurses and carers, "
    "teaching staff, construction workers, specialised administrative staff.",
    "Vacatures: Meeste vacatures in Gent": "Vacancies: most vacancies in Ghent (14,884).",
    "De meeste bouwjobs situeren zich": "Most construction jobs are often found in Antwerp, and then in East "
    "Flanders and West Flanders.",
    "Daar ligt die indicator op 0,36": "There the indicator stands at 0.36. East Flanders is thus well below the "
    "average of 0.49 for nurses in Flanders.",
    "nergens werden er de voorbije twaalf maanden": "Nowhere were more vacancies for nurses registered over the "
    "past twelve months than in East Flanders.",
    "de hoofdverpleegkundige, want daar": "The head nurse, where the shortage is even more acute, and here too East "
    "Flanders comes out on top.",
    "Aan de aanbodzijde ontving VDAB Oost-Vlaanderen": "On the demand side, VDAB East Flanders received 60,872 "
    "vacancies in the past 12 months, an increase of 8.9%.",
    "Het arrondissement Gent was goed voor": "The arrondissement of Ghent accounted for 39,377 vacancies in one year.",
    "De meeste openstaande vacatures (meer dan 18.300)": "Most open vacancies (more than 18,300) are in the province "
    "of Antwerp, followed by East Flanders (over 14,700).",
    "In 2021 ontving VDAB meer dan 360.000 vacatures": "In 2021 VDAB received more than 360,000 vacancies, twice as "
    "many as in 2020. Six in ten of them were vacancies for bottleneck occupations.",
    "VDAB kreeg tussen oktober 2021 en september 2022": "Between October 2021 and September 2022 VDAB received about "
    "1,850 hospitality vacancies.",
    "In Gent zien we de grootste knelpunten": "In Ghent we see the biggest bottlenecks in care (nurses, carers, "
    "physiotherapists and occupational therapists …) and in the technical sectors.",
    "Momenteel ligt die spanningsindicator in Gent": "That tension indicator is currently below 2 in Ghent. So there "
    "are currently fewer than 2 job seekers per vacancy.",
    "het aantal vacatures in 6 jaar tijd": "The number of vacancies rose from 1,900 to 3,000 in six years. Technical "
    "jobs in particular are not being filled.",
    "Met 1.385 openstaande vacatures": "With 1,385 open vacancies, operators are still the most sought-after profiles.",
    "Bij de VDAB in Oost-Vlaanderen zijn er": "At VDAB in East Flanders there are still some 1,300 vacancies for "
    "domestic cleaners.",
}
# Geography as written in the file -> (NIS code or None, Dutch label, English label).
GEOGRAPHIES = {
    "Vlaanderen": (FLANDERS, "Vlaanderen", "Flanders"),
    "Gent": ("44021", "Gent", "Ghent"),
    "arrondissement Gent": ("44000", "Arrondissement Gent", "Ghent arrondissement"),
    "Oost-Vlaanderen": ("40000", "Oost-Vlaanderen", "East Flanders"),
    "Gentse regio": (None, "Gentse regio", "Ghent region"),
    "Gent (North Sea Port)": (
        None,
        "Gentse deel van North Sea Port",
        "Ghent part of North Sea Port",
    ),
}
# Why a kind='share' row is not a share of occupations: the unit text says so (2022: a share of vacancies).
_NOT_OCCUPATIONS = "NIET aandeel beroepen"
_LANG_SUFFIX = re.compile(r"\s*\(EN, ([^)]+)\)\s*$")


def read_rows(path: Path, source: str = NAME) -> pd.DataFrame:
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, ValueError) as exc:
        raise SourceError(source, f"cannot read the list file: {exc}", path) from exc
    if list(df.columns) != COLUMNS:
        raise SourceError(source, f"expected columns {COLUMNS}; found {list(df.columns)}", path)
    if df.empty:
        raise SourceError(source, "the list file has no rows", path)
    df.insert(0, "line", range(2, len(df) + 2))  # header is line 1
    bad = df[~df["kind"].isin(KINDS)]
    if not bad.empty:
        r = bad.iloc[0]
        raise SourceError(source, f"line {r.line}: kind {r.kind!r} is not one of {KINDS}", path)
    bad = df[~df["year"].str.fullmatch(r"(19|20)\d\d")]
    if not bad.empty:
        r = bad.iloc[0]
        raise SourceError(source, f"line {r.line}: year {r.year!r} is not a year", path)
    bad = df[~df["source_url"].str.startswith(("http://", "https://"))]
    if not bad.empty:
        r = bad.iloc[0]
        raise SourceError(source, f"line {r.line}: no source URL", path)
    return df


def _number(row, path: Path, source: str) -> float:
    try:
        return float(row.value)
    except ValueError:
        raise SourceError(
            source, f"line {row.line}: value {row.value!r} is not a number", path
        ) from None


def _translate(table: dict[str, str], text: str, row, path: Path, source: str, what: str) -> str:
    found = table.get(text.strip().lower())
    if found is None:
        raise SourceError(
            source,
            f"line {row.line}: no translation for {what} {text!r}; add it to "
            f"pipelines/sources/{NAME}.py",
            path,
        )
    return found


def observations_and_notes(snapshot: Path, source: str = NAME) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Counts, shares of occupations and numbers new/removed, one note (page + quote) per figure."""
    path = snapshot / FILE
    df = read_rows(path, source)
    obs, notes = [], []
    for row in df.itertuples():
        if row.kind == "count":
            ind = COUNT
        elif row.kind == "share" and _NOT_OCCUPATIONS not in row.unit:
            ind = SHARE
        elif row.kind in ("new", "removed") and row.occupation.startswith(ALL):
            ind = NEW if row.kind == "new" else REMOVED
        else:
            continue
        if row.geography != "Vlaanderen":
            raise SourceError(
                source,
                f"line {row.line}: a {row.kind} figure for {row.geography!r}; the lists cover "
                "Flanders only",
                path,
            )
        key = {
            "indicator_id": ind,
            "geo_code": FLANDERS,
            "period": row.year,
            "breakdown": TOTAL,
            "breakdown_value": TOTAL,
        }
        obs.append(
            {
                **key,
                "ref_date": f"{row.year}-01-01",
                "value": _number(row, path, source),
                "line": row.line,
            }
        )
        notes.append(
            {
                **key,
                "url": row.source_url,
                "title": f"knelpuntberoepenlijst {row.year}",
                "publisher": row.publisher,
                "note": f"quote: \u201c{row.quote}\u201d; unit as published: {row.unit}; {FILE} line {row.line}",
            }
        )
    frame = pd.DataFrame(obs)
    dup = frame[frame.duplicated(["indicator_id", "period"], keep=False)]
    if not dup.empty:
        raise SourceError(
            source,
            f"lines {', '.join(map(str, dup['line']))}: two figures for "
            f"{dup['indicator_id'].iloc[0]} {dup['period'].iloc[0]}",
            path,
        )
    return observations_frame(frame.drop(columns="line")), pd.DataFrame(notes, columns=NOTE_COLUMNS)


def occupation_lists(snapshot: Path, source: str = NAME) -> pd.DataFrame:
    """Named occupations per list year: top lists with rank as published, new on and removed from the list."""
    path = snapshot / FILE
    df = read_rows(path, source)
    rows = []
    for row in df[df["kind"].isin(["top", "new", "removed"])].itertuples():
        if row.occupation.startswith(ALL):
            continue  # a number, loaded as an observation
        if not row.occupation.strip():
            raise SourceError(
                source, f"line {row.line}: a {row.kind} row without an occupation", path
            )
        match = _LANG_SUFFIX.search(row.occupation)
        if match:
            name_en = row.occupation[: match.start()].strip()
            name_nl = _translate(EN_TO_NL, name_en, row, path, source, "the English name")
            language = "en"
        else:
            name_nl = row.occupation.strip()
            name_en = _translate(NL_TO_EN, name_nl, row, path, source, "the Dutch name")
            language = "nl"
        rank = int(row.rank) if row.rank.isdigit() else None
        sublist = ""
        if row.cause.startswith("kwantitatief"):
            sublist = "quantitative"
        elif row.cause.startswith("kwalitatie"):
            sublist = "qualitative_or_conditions"
        rows.append(
            {
                "list_name": LIST_NAME,
                "list_year": row.year,
                "geo_code": FLANDERS,
                "item_kind": row.kind,
                "sublist": sublist,
                "rank": rank,
                "rank_as_published": row.rank or None,
                "occupation_nl": name_nl,
                "occupation_en": name_en,
                "name_language": language,
                "cause_as_published": row.cause or None,
                "value": _number(row, path, source) if row.value else None,
                "unit_as_published": row.unit or None,
                "url": row.source_url,
                "publisher": row.publisher,
                "quote": row.quote,
            }
        )
    out = pd.DataFrame(rows)
    # The order the pages named them in (the file keeps it), within a year, kind and sub-list.
    out["item_order"] = out.groupby(["list_year", "item_kind", "sublist"]).cumcount() + 1
    out = out[LIST_COLUMNS]
    out["rank"] = out["rank"].astype("Int64")
    ranked = out[out["rank"].notna()]
    dup = ranked[ranked.duplicated(["list_year", "item_kind", "sublist", "rank"], keep=False)]
    if not dup.empty:
        r = dup.iloc[0]
        raise SourceError(
            source, f"two occupations at rank {r['rank']} of the {r['list_year']} top list", path
        )
    return out


def statements(snapshot: Path, source: str = NAME) -> pd.DataFrame:
    """Dated quotes about Gent / Oost-Vlaanderen, and the share of vacancies (not a share of occupations)."""
    path = snapshot / FILE
    df = read_rows(path, source)
    picked = df[
        (df["kind"] == "regional")
        | ((df["kind"] == "share") & df["unit"].str.contains(_NOT_OCCUPATIONS))
    ]
    rows = []
    for row in picked.itertuples():
        if row.geography not in GEOGRAPHIES:
            raise SourceError(
                source,
                f"line {row.line}: unknown geography {row.geography!r}; add it to GEOGRAPHIES",
                path,
            )
        if not row.quote.strip():
            raise SourceError(source, f"line {row.line}: a statement without a quote", path)
        code, geo_nl, geo_en = GEOGRAPHIES[row.geography]
        quote_en = next((en for start, en in QUOTE_EN.items() if row.quote.startswith(start)), None)
        if quote_en is None:
            raise SourceError(
                source,
                f"line {row.line}: no English translation for the quote {row.quote[:40]!r}; "
                f"add it to QUOTE_EN in pipelines/sources/{NAME}.py",
                path,
            )
        rows.append(
            {
                "statement_id": f"{NAME}:{row.line}",
                "topic": "regional" if row.kind == "regional" else "vacancy_share",
                "period": row.year,
                "geo_code": code,
                "geography_nl": geo_nl,
                "geography_en": geo_en,
                "quote": row.quote,
                "quote_language": "nl",
                "quote_nl": row.quote,
                "quote_en": quote_en,
                "value_as_published": row.value or None,
                "unit_as_published": row.unit or None,
                "url": row.source_url,
                "publisher": row.publisher,
            }
        )
    return pd.DataFrame(rows, columns=STATEMENT_COLUMNS)


class VdabKnelpuntberoepen(ManualSource):
    name = NAME
    title_nl = "Knelpuntberoepen (VDAB-lijst voor Vlaanderen, zoals gepubliceerd)"
    title_en = "Bottleneck occupations (VDAB list for Flanders, as published)"
    publisher = "VDAB (Studiedienst)"
    licence = "Facts quoted from public pages; each page's own terms apply (unverified)"
    url = PAGE_URL
    attribution = "Bron: VDAB, knelpuntberoepenlijst; per cijfer de pagina die het publiceerde"
    period_covered = "list years 2013-2026 (counts: 2014, 2015, 2018, 2020-2026)"
    caveats = (
        "Compiled by hand from stored copies of public pages (VDAB, press quoting VDAB): shared/data/published_"
        "figures/knelpuntberoepen.csv, 174 rows. Every list covers Flanders as a whole; VDAB publishes no Gent list. "
        "Period = the list year as the press names it (the '2024 list' was published on 31-01-2024 from 2023 data). "
        "No count was found for 2016, 2017 and 2019: those years are absent, never filled in. 2014 = 144 is stated "
        "only by comparison ('even veel als in 2014'); 2018 = 158 comes from a 2023 article. Top lists are press "
        "renderings: 2024 ranks 4-10 only in Belga's English; 2023 ranks 4-5 in unclear order. The 2020 number of "
        "new occupations is 22 (Belga, De Standaard) or 21 (Brussels Times). Counts are not strictly comparable "
        "over time (method changes). Regional rows are press and city statements about Gent and Oost-Vlaanderen, "
        "not knelpunt lists. Occupation names in the other UI language are our translations."
    )
    files = (
        RawFile(FILE, PAGE_URL, "facts read by hand from public pages; one source URL per row"),
    )
    indicators = INDICATORS
    # One list a year, published at the end of January of the list year (period = list year, ref_date 1 January).
    release_rhythm = ReleaseRhythm("yearly", lag_days=31)

    how_to_obtain = (
        "VDAB publishes the knelpuntberoepenlijst as web pages and a yearly PDF, with no documented data file or "
        f"API to download ({PAGE_URL}). Add the new list year's facts (count, top list, new and removed "
        "occupations, with page URL and quote) to a copy of knelpuntberoepen.csv and import it with "
        f'`python -m pipelines snapshot {NAME} knelpuntberoepen.csv --id <date> --origin "..."`'
    )

    def parse(self, snapshot: Path) -> pd.DataFrame:
        return observations_and_notes(snapshot, self.name)[0]

    def observation_notes(self, snapshot: Path) -> pd.DataFrame:
        return observations_and_notes(snapshot, self.name)[1]

    def occupation_lists(self, snapshot: Path) -> pd.DataFrame:
        return occupation_lists(snapshot, self.name)

    def statements(self, snapshot: Path) -> pd.DataFrame:
        return statements(snapshot, self.name)


SOURCE = VdabKnelpuntberoepen()
