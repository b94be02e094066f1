"""Shared machinery for Eurostat dissemination-API sources (JSON-stat 2.0), NUTS and Urban Audit codes.

Why one base: every Eurostat dataset is fetched the same way
(`https://ec.europa.eu/eurostat/api/dissemination/statistics/1.0/data/{dataset}?format=JSON&lang=EN`
plus one query parameter per dimension filter, repeated for several values, per Eurostat's
"API - Getting started with statistics API" guide), stored as `<dataset>.json` and decoded with
`pipelines.jsonstat`. A source module only declares its dataset, its filters and which categories
make which indicator (`Series`).

Codes are never taken on trust:
- a category picked by code must exist in the response, a category picked by label must match
  exactly one label, otherwise the parse fails naming the categories the API does offer;
- NUTS codes are mapped to NIS codes by the region's *label* (the API's own labels for live data,
  the official NUTS 2016 labels below for the shipped CSV) against Statbel's REFNIS names;
- Urban Audit city codes are resolved from the `cities` labels of the response (`resolve_cities`);
  the codes BE002C (Antwerpen) / BE003C (Gent) in shared/data/LIVE_APIS.md are MED confidence
  and Genk's and Oostende's are unknown, so none is written down here.

None of these fetchers has ever run against the real service (no internet where this was built).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from functools import lru_cache
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlencode

import numpy as np
import pandas as pd

from pipelines import jsonstat
from pipelines.source import TOTAL
from pipelines.source import RawFile
from pipelines.source import Source
from pipelines.source import SourceError
from pipelines.source import observations_frame

API = "https://ec.europa.eu/eurostat/api/dissemination/statistics/1.0/data/"
DATABROWSER = "https://ec.europa.eu/eurostat/databrowser/view/{dataset}/default/table"
LICENCE = "Eurostat reuse policy (Commission Decision 2011/833/EU): free reuse with acknowledgement of the source"
BELGIUM = "01000"

# --- NUTS <-> NIS ------------------------------------------------------------------------------
#
# Official NUTS 2016 labels for Belgium (Regulation (EC) No 1059/2003, Annex I, as amended by
# Commission Delegated Regulation (EU) 2016/2066), transcribed from the EU NUTS vocabulary
# published by the EEA data dictionary (http://dd.eionet.europa.eu/vocabulary/common/nuts/), whose
# Belgian labels agree with the NUTS label lists of ckanext-benap (Belgian ITS NAP) and of the
# NUTS-1/2/3 option lists seen in other public code. The shipped nama_10r_3empers CSV uses
# exactly these codes (SOURCES.md section 9). NIS codes are NOT written here: they are found by
# matching these labels with Statbel's REFNIS names (`nuts_to_nis`); tests pin the result.
NUTS2016_LABELS = {
    "BE": "Belgique-België",
    "BE1": "Région de Bruxelles-Capitale / Brussels Hoofdstedelijk Gewest",
    "BE10": "Région de Bruxelles-Capitale / Brussels Hoofdstedelijk Gewest",
    "BE100": "Arr. de Bruxelles-Capitale / Arr. van Brussel-Hoofdstad",
    "BE2": "Vlaams Gewest",
    "BE21": "Prov. Antwerpen",
    "BE211": "Arr. Antwerpen",
    "BE212": "Arr. Mechelen",
    "BE213": "Arr. Turnhout",
    "BE22": "Prov. Limburg (BE)",
    "BE221": "Arr. Hasselt",
    "BE222": "Arr. Maaseik",
    "BE223": "Arr. Tongeren",
    "BE23": "Prov. Oost-Vlaanderen",
    "BE231": "Arr. Aalst",
    "BE232": "Arr. Dendermonde",
    "BE233": "Arr. Eeklo",
    "BE234": "Arr. Gent",
    "BE235": "Arr. Oudenaarde",
    "BE236": "Arr. Sint-Niklaas",
    "BE24": "Prov. Vlaams-Brabant",
    "BE241": "Arr. Halle-Vilvoorde",
    "BE242": "Arr. Leuven",
    "BE25": "Prov. West-Vlaanderen",
    "BE251": "Arr. Brugge",
    "BE252": "Arr. Diksmuide",
    "BE253": "Arr. Ieper",
    "BE254": "Arr. Kortrijk",
    "BE255": "Arr. Oostende",
    "BE256": "Arr. Roeselare",
    "BE257": "Arr. Tielt",
    "BE258": "Arr. Veurne",
    "BE3": "Région wallonne",
    "BE31": "Prov. Brabant Wallon",
    "BE310": "Arr. Nivelles",
    "BE32": "Prov. Hainaut",
    "BE321": "Arr. Ath",
    "BE322": "Arr. Charleroi",
    "BE323": "Arr. Mons",
    "BE324": "Arr. Mouscron",
    "BE325": "Arr. Soignies",
    "BE326": "Arr. Thuin",
    "BE327": "Arr. Tournai",
    "BE33": "Prov. Liège",
    "BE331": "Arr. Huy",
    "BE332": "Arr. Liège",
    "BE334": "Arr. Waremme",
    "BE335": "Arr. Verviers - communes francophones",
    "BE336": "Bezirk Verviers - Deutschsprachige Gemeinschaft",
    "BE34": "Prov. Luxembourg (BE)",
    "BE341": "Arr. Arlon",
    "BE342": "Arr. Bastogne",
    "BE343": "Arr. Marche-en-Famenne",
    "BE344": "Arr. Neufchâteau",
    "BE345": "Arr. Virton",
    "BE35": "Prov. Namur",
    "BE351": "Arr. Dinant",
    "BE352": "Arr. Namur",
    "BE353": "Arr. Philippeville",
}
# NUTS 2021 recoded Limburg's and Hainaut's arrondissements (SOURCES.md section 9). Requested as
# well so a live fetch gets them whichever version Eurostat serves; their labels are mapped like
# the rest, so no NIS code is assumed for them.
NUTS2021_EXTRA = ("BE224", "BE225", "BE328", "BE329", "BE32A", "BE32B", "BE32C", "BE32D")

# NUTS 3 regions that are not one NIS unit: the two language parts of Arr. Verviers (63000).
# They become geographies of their own, keyed by the NUTS code (level nuts3).
NUTS_ONLY = {
    "BE335": (
        "Arr. Verviers - Franstalige gemeenten",
        "Arr. Verviers - French-speaking municipalities",
    ),
    "BE336": (
        "Arr. Verviers - Duitstalige Gemeenschap",
        "Arr. Verviers - German-speaking Community",
    ),
}
NUTS_ONLY_PARENT = "63000"  # Arrondissement Verviers
# Same territory as another code, so loading it would count Brussels twice.
DUPLICATE_NUTS = {"BE10": "BE1"}

_PREFIXES = (
    "arrondissement de ",
    "arrondissement d'",
    "arrondissement ",
    "arr. de ",
    "arr. van ",
    "arr. ",
    "provincie ",
    "province de ",
    "province du ",
    "province d'",
    "prov. ",
)
_NIS_LEVEL = {1: "region", 2: "province", 3: "arrondissement"}


def normalise_name(name: str) -> str:
    """Lower case, no accents, no 'Arr.'/'Prov.' prefix or '(BE)' suffix: for matching names only."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower().strip()
    text = re.sub(r"\s*\(be\)\s*$", "", text)
    text = re.sub(r"\s+", " ", text)
    for prefix in _PREFIXES:
        if text.startswith(prefix):
            return text[len(prefix) :].strip()
    return text


def _name_variants(label: str) -> set[str]:
    """A bilingual label ('Région de Bruxelles-Capitale / Brussels Hoofdstedelijk Gewest') matches by either half."""
    return {normalise_name(part) for part in label.split("/") if part.strip()}


@lru_cache(maxsize=2)
def refnis_names(snapshot: str | None = None) -> dict[tuple[str, str], str]:
    """(level, normalised NL or FR name) -> NIS code, from the reference_geographies snapshot."""
    from pipelines import snapshot as snap
    from pipelines.nis import level_of
    from pipelines.registry import get_source

    src = get_source("reference_geographies")
    folder = Path(snapshot) if snapshot else snap.latest_snapshot(src)
    raw = pd.read_csv(folder / src.files[0].name, sep="|", dtype=str, encoding="utf-8-sig").fillna(
        ""
    )
    out: dict[tuple[str, str], str] = {}
    for row in raw.itertuples():
        level = level_of(row.CD_REFNIS)
        for name in (row.TX_REFNIS_NL, row.TX_REFNIS_FR):
            if name:
                out[(level, normalise_name(name))] = row.CD_REFNIS
    return out


def nuts_to_nis(
    code: str, label: str, names: dict[tuple[str, str], str] | None = None
) -> str | None:
    """NIS code of the NUTS region `code` whose label is `label`, or None if no REFNIS unit has that name."""
    if code == "BE":
        return BELGIUM
    level = _NIS_LEVEL.get(len(code) - 2)
    if level is None:
        return None
    names = refnis_names() if names is None else names
    found = {names[(level, v)] for v in _name_variants(label) if (level, v) in names}
    return found.pop() if len(found) == 1 else None


def nuts_geo_codes(labels: dict[str, str], source: str, file: Path | None = None) -> dict[str, str]:
    """NUTS code -> warehouse geo_code (NIS, or the NUTS code for NUTS_ONLY) for the Belgian codes given.

    Extra-regio codes (BEZ, BEZZ, BEZZZ) and duplicates of another code (BE10 = BE1) are left out;
    any other Belgian code whose label names no REFNIS unit is an error, never silently dropped.
    """
    out: dict[str, str] = {}
    unmatched = []
    for code, label in labels.items():
        if not code.startswith("BE") or code.startswith("BEZ"):
            continue
        if code in DUPLICATE_NUTS and DUPLICATE_NUTS[code] in labels:
            continue
        if code in NUTS_ONLY:
            out[code] = code
            continue
        nis_code = nuts_to_nis(code, label)
        if nis_code is None and code in DUPLICATE_NUTS:
            nis_code = nuts_to_nis(DUPLICATE_NUTS[code], label)
        if nis_code is None:
            unmatched.append(f"{code} {label!r}")
        else:
            out[code] = nis_code
    if unmatched:
        raise SourceError(
            source, f"NUTS region(s) whose label matches no REFNIS unit: {unmatched}", file
        )
    dup = pd.Series(out).loc[lambda s: s.duplicated(keep=False)]
    if not dup.empty:
        raise SourceError(
            source, f"several NUTS codes map to the same NIS code: {dup.to_dict()}", file
        )
    return out


def nuts_only_geographies() -> pd.DataFrame:
    """Geographies for NUTS regions without a NIS unit of their own (the Verviers parts)."""
    return pd.DataFrame(
        [
            {
                "geo_code": code,
                "level": "nuts3",
                "parent_code": NUTS_ONLY_PARENT,
                "name_nl": nl,
                "name_fr": NUTS2016_LABELS[code],
                "name_en": en,
                "nuts_code": code,
            }
            for code, (nl, en) in NUTS_ONLY.items()
        ]
    )


# --- Urban Audit cities ------------------------------------------------------------------------

# Urban Audit codes: country + 3 digits + C (city), optionally a version digit (e.g. DE001C1);
# K (greater city) and F (functional urban area) codes are other territories and never match.
CITY_CODE = re.compile(r"^BE\d{3}C\d?$")
PEER_CITIES = ("Gent", "Antwerpen", "Genk", "Oostende")
# Urban Audit's "Bruxelles/Brussel" may be the 19-municipality region rather than the municipality
# Brussel (21004); unverified, so it is never mapped to 21004.
NOT_A_MUNICIPALITY = frozenset({"brussel", "bruxelles"})


@lru_cache(maxsize=1)
def stable_municipalities() -> dict[str, str]:
    """Normalised name -> NIS code for Flemish/Brussels municipalities with the same code in 2024 and 2025.

    Why stable only: an Urban Audit series runs over many years; a municipality merged in 2025
    (e.g. Hasselt 71022 -> 71072) is not the territory the older figures describe.
    """
    from pipelines import nis

    folder = nis.boundaries_snapshot()
    before = dict(nis._features(str(folder / nis.GEMEENTE_2024)))
    after = dict(nis._features(str(folder / nis.GEMEENTE_2025)))
    return {normalise_name(name): code for code, name in after.items() if before.get(code) == name}


def resolve_cities(
    labels: dict[str, str],
    municipalities: dict[str, str],
    *,
    required: Iterable[str] = PEER_CITIES,
    source: str = "eurostat",
    file: Path | None = None,
) -> dict[str, str]:
    """Urban Audit city code -> NIS municipality code, found by the city's label in the API's code list.

    Every Belgian city code whose label (either half of a bilingual one) is the name of a stable
    municipality is kept; the `required` cities must each be found exactly once.
    """
    found: dict[str, str] = {}
    for code, label in labels.items():
        if not CITY_CODE.match(code):
            continue
        names = _name_variants(label)
        if names & NOT_A_MUNICIPALITY:
            continue
        hits = {municipalities[v] for v in names if v in municipalities}
        if len(hits) == 1:
            found[code] = hits.pop()
    by_nis: dict[str, list[str]] = {}
    for code, nis_code in found.items():
        by_nis.setdefault(nis_code, []).append(code)
    clashes = {n: c for n, c in by_nis.items() if len(c) > 1}
    if clashes:
        raise SourceError(
            source, f"several Urban Audit city codes name the same municipality: {clashes}", file
        )
    belgian = {c: lab for c, lab in labels.items() if c.startswith("BE")}
    for name in required:
        nis_code = municipalities.get(normalise_name(name))
        if nis_code is None:
            raise SourceError(source, f"{name!r} is not a known municipality name", file)
        if nis_code not in by_nis:
            raise SourceError(
                source,
                f"no Urban Audit city labelled {name!r}; Belgian codes in the response: {belgian}",
                file,
            )
    return found


# --- Series: which categories make which indicator ---------------------------------------------


@dataclass(frozen=True)
class Pick:
    """How to choose categories of one dimension: by code(s) (summed if several) or by one label regex."""

    codes: tuple[str, ...] = ()
    label: str | None = None
    exclude: str | None = None

    def resolve(self, dim: str, labels: dict[str, str], source: str, file: Path) -> tuple[str, ...]:
        offered = "; ".join(f"{c} = {lab}" for c, lab in list(labels.items())[:40])
        if self.codes:
            missing = [c for c in self.codes if c not in labels]
            if missing:
                raise SourceError(
                    source,
                    f"dimension {dim!r} has no category {missing}; it offers: {offered}",
                    file,
                )
            return self.codes
        hits = [
            c
            for c, lab in labels.items()
            if re.search(self.label, lab, re.I)
            and not (self.exclude and re.search(self.exclude, lab, re.I))
        ]
        if len(hits) != 1:
            raise SourceError(
                source,
                f"dimension {dim!r}: {len(hits)} categories match /{self.label}/ (need exactly 1): "
                f"{[labels[c] for c in hits] or offered}",
                file,
            )
        return tuple(hits)


# Labels of a sub-group rather than the total: by sex, by age band, youth, long-term.
NOT_A_TOTAL = r"\b(fe)?males?\b|\d+\s*-\s*\d+|\d+ years|youth|long"


def code(*codes: str) -> Pick:
    return Pick(codes=tuple(codes))


def label(regex: str, exclude: str | None = None) -> Pick:
    return Pick(label=regex, exclude=exclude)


@dataclass(frozen=True)
class Series:
    """One indicator (and breakdown category) = a choice of categories in the other dimensions."""

    indicator_id: str
    picks: dict[str, Pick] = field(default_factory=dict)
    breakdown: str = TOTAL
    breakdown_value: str = TOTAL
    scale: float = 1.0  # e.g. 1000 for a dataset in thousands
    # "end": ref_date = last day of the period; "start": 1 January (population stocks)
    ref: str = "end"


# Eurostat flags on a missing value -> our status. Flags on a present value (e estimated,
# p provisional, b break, u low reliability, d definition differs) are not stored (no column).
FLAG_STATUS = {"c": "hidden", "z": "not_applicable", "n": "no_value"}
_QUARTER_END = {"1": ("03", "31"), "2": ("06", "30"), "3": ("09", "30"), "4": ("12", "31")}


def period_of(time_code: str, ref: str = "end") -> tuple[str, str]:
    """Eurostat time code -> (period, ref_date). Quarters become the quarter's last month (YYYY-MM)."""
    if re.fullmatch(r"\d{4}", time_code):
        return time_code, f"{time_code}-01-01" if ref == "start" else f"{time_code}-12-31"
    m = re.fullmatch(r"(\d{4})-?Q([1-4])", time_code)
    if m:
        month, day = _QUARTER_END[m.group(2)]
        return f"{m.group(1)}-{month}", f"{m.group(1)}-{month}-{day}"
    m = re.fullmatch(r"(\d{4})-?M?(\d{2})", time_code)
    if m:
        end = pd.Period(f"{m.group(1)}-{m.group(2)}", "M").end_time.date().isoformat()
        return (
            f"{m.group(1)}-{m.group(2)}",
            end if ref == "end" else f"{m.group(1)}-{m.group(2)}-01",
        )
    raise ValueError(f"unsupported Eurostat time code {time_code!r}")


def api_url(dataset: str, params: Iterable[tuple[str, str]] = ()) -> str:
    return API + dataset + "?" + urlencode([("format", "JSON"), ("lang", "EN"), *params])


class EurostatSource(Source):
    """A Eurostat dataset fetched as JSON-stat; subclasses set `dataset`, `params`, `series`, indicators."""

    dataset: ClassVar[str] = ""
    params: ClassVar[tuple[tuple[str, str], ...]] = ()
    geo_dim: ClassVar[str] = "geo"
    series: ClassVar[tuple[Series, ...]] = ()
    publisher = "Eurostat"
    licence = LICENCE
    live_verified = False
    # Nothing could be shipped (no internet here): an offline build skips it until a live fetch ran.
    live_only = True

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if not cls.__dict__.get("dataset"):
            return
        if "files" not in cls.__dict__:
            cls.files = (
                RawFile(
                    f"{cls.dataset}.json",
                    api_url(cls.dataset, cls.params),
                    "Eurostat API response, JSON-stat 2.0",
                ),
            )
        if "url" not in cls.__dict__:
            cls.url = DATABROWSER.format(dataset=cls.dataset)
        if "attribution" not in cls.__dict__:
            cls.attribution = f"Source: Eurostat ({cls.dataset})"

    @property
    def file_name(self) -> str:
        return f"{self.dataset}.json"

    # -- fetch -------------------------------------------------------------------------------

    def request_params(self, session) -> list[tuple[str, str]]:
        """Filters for the data request; city datasets add the resolved city codes."""
        return list(self.params)

    def fetch(self, session, dest: Path) -> list[Path]:
        from pipelines.http import download

        url = api_url(self.dataset, self.request_params(session))
        path = download(session, url, dest / self.file_name, source=self.name)
        # Refuse a body that is not a decodable JSON-stat dataset now, not at parse time.
        self.read(path)
        return [path]

    # -- parse -------------------------------------------------------------------------------

    def read(self, path: Path) -> tuple[dict, pd.DataFrame]:
        if not path.is_file():
            raise SourceError(self.name, "raw file is missing from the snapshot", path)
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise SourceError(self.name, f"not readable JSON: {exc}", path) from exc
        if isinstance(doc, dict) and "error" in doc:
            raise SourceError(self.name, f"Eurostat returned an error: {doc['error']}", path)
        try:
            return doc, jsonstat.decode(doc)
        except jsonstat.JsonStatError as exc:
            raise SourceError(self.name, f"not a JSON-stat 2.0 dataset: {exc}", path) from exc

    def geo_codes(self, doc: dict, path: Path) -> dict[str, str]:
        """Response geo code -> warehouse geo_code; NUTS by default (city datasets override)."""
        return nuts_geo_codes(jsonstat.labels(doc, self.geo_dim), self.name, path)

    def parse(self, snapshot: Path) -> pd.DataFrame:
        path = snapshot / self.file_name
        doc, cells = self.read(path)
        for dim in (self.geo_dim, "time"):
            if dim not in cells.columns:
                raise SourceError(
                    self.name, f"response has no {dim!r} dimension (has {doc.get('id')})", path
                )
        geo = self.geo_codes(doc, path)
        frames = [self._series_rows(doc, cells, s, geo, path) for s in self.series]
        return observations_frame(pd.concat(frames, ignore_index=True) if frames else [])

    def _series_rows(
        self, doc: dict, cells: pd.DataFrame, s: Series, geo: dict[str, str], path: Path
    ) -> pd.DataFrame:
        sel = cells[cells[self.geo_dim].isin(geo)]
        codes_by_dim = {}
        for dim in doc["id"]:
            if dim in (self.geo_dim, "time"):
                continue
            if dim in s.picks:
                codes_by_dim[dim] = s.picks[dim].resolve(
                    dim, jsonstat.labels(doc, dim), self.name, path
                )
                sel = sel[sel[dim].isin(codes_by_dim[dim])]
            elif len(jsonstat.categories(doc, dim)) != 1:
                raise SourceError(
                    self.name,
                    f"series {s.indicator_id}/{s.breakdown_value}: dimension {dim!r} has several categories "
                    f"{jsonstat.categories(doc, dim)[:10]} and none is picked",
                    path,
                )
        unknown = set(s.picks) - set(doc["id"])
        if unknown:
            raise SourceError(
                self.name,
                f"picked dimension(s) {sorted(unknown)} not in response {doc['id']}",
                path,
            )
        summed = {d: c for d, c in codes_by_dim.items() if len(c) > 1}
        if summed:  # e.g. five-year age bands added up to 15-64: every part must be present
            n_parts = int(np.prod([len(c) for c in summed.values()]))
            grouped = sel.groupby([self.geo_dim, "time"], as_index=False).agg(
                value=(jsonstat.VALUE, lambda v: v.sum() if v.notna().sum() == n_parts else np.nan),
                flag=(jsonstat.FLAG, lambda f: next((x for x in f if x in FLAG_STATUS), None)),
            )
            sel = grouped
        if sel.empty:
            return pd.DataFrame()
        periods = [period_of(t, s.ref) for t in sel["time"]]
        value = (sel[jsonstat.VALUE] * s.scale).round(6)
        status = [
            None if pd.notna(v) else FLAG_STATUS.get(f, "missing")
            for v, f in zip(value, sel[jsonstat.FLAG], strict=True)
        ]
        return pd.DataFrame(
            {
                "indicator_id": s.indicator_id,
                "geo_code": sel[self.geo_dim].map(geo).to_numpy(),
                "period": [p for p, _ in periods],
                "ref_date": [r for _, r in periods],
                "breakdown": s.breakdown,
                "breakdown_value": s.breakdown_value,
                "value": value.to_numpy(),
                "status": status,
            }
        )

    def geographies(self, snapshot: Path) -> pd.DataFrame:
        return nuts_only_geographies()


# The area of an Urban Audit city, said once in every city indicator's definition (NL, EN).
CITY_AREA_NL = (
    "Gebied: de stad zoals Urban Audit ze afbakent (voor Belgische steden de gemeente; niet "
    "gecontroleerd), gekoppeld aan de NIS-code via de naam van de stad in Eurostats eigen codelijst."
)
CITY_AREA_EN = (
    "Area: the city as Urban Audit delimits it (for Belgian cities the municipality; unverified), "
    "matched to its NIS code by the city's name in Eurostat's own code list."
)


class UrbanAuditSource(EurostatSource):
    """Urban Audit city tables (`cities` dimension): city codes resolved from urb_cpop1's own labels."""

    geo_dim = "cities"
    # Discovery request (latest year only): its `cities` labels list every city. No indicator code
    # is used here because none is verified (LIVE_APIS.md gives them as MED at best).
    DISCOVERY = (("lastTimePeriod", "1"),)

    def discover_cities(self, session) -> dict[str, str]:
        """Urban Audit city code -> NIS code, from the `cities` labels of a small urb_cpop1 request."""
        from pipelines.http import get

        url = api_url("urb_cpop1", self.DISCOVERY)
        resp = get(session, url, source=self.name)
        try:
            doc = resp.json()
            labels = jsonstat.labels(doc, "cities")
        except (ValueError, jsonstat.JsonStatError) as exc:
            raise SourceError(
                self.name, f"city discovery response is not JSON-stat: {exc}", url
            ) from exc
        return resolve_cities(labels, stable_municipalities(), source=self.name, file=url)

    def request_params(self, session) -> list[tuple[str, str]]:
        cities = sorted(self.discover_cities(session))
        return [*self.params, *(("cities", c) for c in cities)]

    def geo_codes(self, doc: dict, path: Path) -> dict[str, str]:
        labels = jsonstat.labels(doc, self.geo_dim)
        return resolve_cities(labels, stable_municipalities(), source=self.name, file=path)

    def geographies(self, snapshot: Path) -> None:
        return None
