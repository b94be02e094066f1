"""Jobs at the place of work, employed residents and commuting per municipality, 2015-2024: Steunpunt Werk's
Vlaamse Arbeidsrekening (VAR), read live from its public Tableau workbook as CSV.

Why this source: it is the only public series of *recent* jobs at the place of work and home-to-work flows per
municipality; the shipped data has them for the 2011 census only (and per arrondissement from Eurostat).

What is known of the service (shared/data/LIVE_APIS.md section 6; nothing here has run against it):
- HIGH: base `https://analytics.data.wewis.vlaanderen.be/t/Steunpuntwerk/views/VARpt2-T3/<sheet>.csv`; plain
  GET, no login; every query carries `:showVizHome=no`, `:embed=y`, `:isGuestRedirectFromVizportal=y` plus
  `Field=value` filters (keys sorted, URL-encoded); no paging (one answer per filtered view), years fetched one
  at a time; 2 s between requests, 240 s timeout, up to 3 retries on 408/425/429/5xx honouring Retry-After,
  else backoff min(60, 2**(attempt+2)) s; 401/403 or an off-host redirect = access denied; an HTML/JSON answer
  = an error page; ragged rows rejected; stop after 3 consecutive failures; zero-row answers recorded as
  `empty_response_not_zero`, never as zeros. Table views are long: `Measure Names` + `Measure Values` (Dutch
  headers `Maatnamen` / `Maatwaarden` too). Filter fields `Jaar`, `Leeftijdsklasse`, `Geslacht`,
  `Geografisch niveau=Gemeente`, `Groep=Werkend`. Credit line below.
- MED: commuting tables carry `Woonplaats`, `Werkplaats`, `Geslacht_titel` (`Mannen en vrouwen` = total),
  `EDU_titel`, `Sector_titel` (blank = total); encoding UTF-16 or UTF-8 with BOM, separator `,` `;` or tab;
  counts are persons, annual average of four quarterly averages; commuting covers employees only.
- UNVERIFIED, defined here and checked at every fetch: the sheet slugs in `VIEWS` (Tableau's usual URL name;
  the workbook metadata that names them needs a browser), and the measure labels in `VIEWS` (only
  `Aantal werkenden (n)` and `Aantal loontrekkenden (n)` are documented, for other views). An export without
  the expected measure is refused with the labels it does hold, so the first live run says what to fix.

Parsing: rows are kept when at most one breakdown column departs from its total (`Totaal`; for
`Leeftijdsklasse` the headline band 15-64): the VAR's breakdowns are separate one-way tables, never combined.
Places are Dutch municipality names matched on the 2025 boundaries: Flemish and Brussels municipalities load,
Walloon ones (Statbel's 2025 list) are outside the monitor's geography and dropped, labels such as `Totaal`,
`Nederland` or `onbekend` are not places; any other name stops the parse with the list of unmatched names
(add a spelling to `ALIASES` after checking it). Empty or `<4`-style cells are suppressed (status `hidden`),
never 0. In-commuters = all employees working in the municipality (the `Totaal` row of residences) minus those
living there; out-commuters likewise from the residence side.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import re
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field
from datetime import UTC
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

import pandas as pd

from pipelines.freshness import ReleaseRhythm
from pipelines.source import TOTAL
from pipelines.source import Indicator
from pipelines.source import RawFile
from pipelines.source import Source
from pipelines.source import SourceError
from pipelines.source import observations_frame

NAME = "steunpunt_werk_var"
HOST = "analytics.data.wewis.vlaanderen.be"
BASE = f"https://{HOST}/t/Steunpuntwerk/views/VARpt2-T3"
CREDIT = "Steunpunt Werk - Vlaamse Arbeidsrekening o.b.v. DWH AM&SB - KSZ, BISA"
YEARS = tuple(str(y) for y in range(2015, 2025))
HEADLINE_AGE = "15-64"  # the age band of the headline (total) rows; the jobratio's denominator band
AGE_BANDS = (
    "15-64",
    "15-24",
    "25-54",
    "55-64",
)  # requested one at a time for the place-of-work/residence views
EMBED = {":showVizHome": "no", ":embed": "y", ":isGuestRedirectFromVizportal": "y"}
HEADERS = {"Accept": "text/csv", "Accept-Encoding": "identity"}
TIMEOUT = (10, 240)
DELAY_SECONDS = 2.0
RETRY_STATUSES = (408, 425, 429, 500, 502, 503, 504)
MAX_CONSECUTIVE_FAILURES = 3
REQUESTS_FILE = "requests.json"
# Injected by tests (no real waiting); the polite delay between requests.
sleep = time.sleep

MEASURE_NAME_HEADERS = ("Measure Names", "Maatnamen")
MEASURE_VALUE_HEADERS = ("Measure Values", "Maatwaarden")
YEAR_HEADERS = ("Jaar", "jaar")


@dataclass(frozen=True)
class View:
    key: str  # file-name stem
    name: str  # view name in the workbook (HIGH)
    slug: str  # URL name of the sheet (UNVERIFIED)
    kind: str  # workplace | residence | commuting_in | commuting_out
    measure: str  # exact `Measure Names` label read (see the module docstring for its confidence)
    indicator: str
    filters: dict = field(default_factory=dict)
    by_age: bool = False

    @property
    def url(self) -> str:
        return f"{BASE}/{self.slug}.csv"


VIEWS = (
    View(
        "bw_t1",
        "BW - T1 (tabel)",
        "BW-T1tabel",
        "workplace",
        "Aantal werkenden (n)",
        "var_jobs_at_workplace",
        {"Geografisch niveau": "Gemeente"},
        by_age=True,
    ),
    View(
        "bnw_t1",
        "BNW - T1 (tabel)",
        "BNW-T1tabel",
        "residence",
        "Aantal werkenden (n)",
        "var_employed_residents",
        {"Geografisch niveau": "Gemeente", "Groep": "Werkend"},
        by_age=True,
    ),
    View(
        "pendel_in",
        "Pendel In - Tabel",
        "PendelIn-Tabel",
        "commuting_in",
        "Aantal loontrekkenden (n)",
        "var_in_commuters",
    ),
    View(
        "pendel_uit",
        "Pendel Uit - Tabel",
        "PendelUit-Tabel",
        "commuting_out",
        "Aantal loontrekkenden (n)",
        "var_out_commuters",
    ),
)
VIEW_BY_KEY = {v.key: v for v in VIEWS}

# Breakdown columns: header -> (breakdown id, {published value: code}); the value mapped to TOTAL is the total.
_SEX = {
    "Totaal": TOTAL,
    "Mannen en vrouwen": TOTAL,
    "Mannen": "men",
    "Vrouwen": "women",
    "Onbekend": "unknown",
}
_EDU = {
    "Totaal": TOTAL,
    "": TOTAL,
    "Kortgeschoold": "low",
    "Middengeschoold": "medium",
    "Hooggeschoold": "high",
    "Onbekend": "unknown",
}
_NAT = {
    "Totaal": TOTAL,
    "België": "belgian",
    "EU15": "eu15",
    "EU28": "eu28",
    "niet-EU": "non_eu",
    "Niet-EU": "non_eu",
}
BREAKDOWN_COLUMNS: dict[str, tuple[str, dict | None]] = {
    "Geslacht": ("sex", _SEX),
    "Geslacht_titel": ("sex", _SEX),
    # HEADLINE_AGE is the total; every other band in AGE_BANDS_KNOWN is its own category.
    "Leeftijdsklasse": ("age", None),
    "EDU_titel": ("education", _EDU),
    "EDU2": ("education", _EDU),
    "Statuut": (
        "employment_status",
        {
            "Werkend": TOTAL,
            "Totaal": TOTAL,
            "Loontrekkend": "employee",
            "Zelfstandig": "self_employed",
        },
    ),
    "Arbeidsregime": (
        "work_regime",
        {
            "Totaal": TOTAL,
            "Voltijds": "full_time",
            "Deeltijds": "part_time",
            "Overige/Onbekend": "other_unknown",
        },
    ),
    "Nationaliteit": ("nationality", _NAT),
    "Herkomst": ("origin", _NAT),
    "Generatie": (
        "generation",
        {
            "Totaal": TOTAL,
            "Geen vreemde herkomst": "none",
            "Eerste": "first",
            "Tweede": "second",
            "Derde": "third",
        },
    ),
    # WSE-42 sectors: only the total is loaded. The 42 sector labels are not documented, so they have no
    # codes in pipelines/breakdowns.csv yet; rows of one sector are skipped (add the codes after a real export).
    "WSE-42-sector": ("sector_wse42", {"Totaal": TOTAL, "": TOTAL}),
    "WSE_42_sector": ("sector_wse42", {"Totaal": TOTAL, "": TOTAL}),
    "Sector_titel": ("sector_wse42", {"Totaal": TOTAL, "": TOTAL}),
    "WSE42_naam": ("sector_wse42", {"Totaal": TOTAL, "": TOTAL}),
}
NOT_LOADED = {"sector_wse42"}  # breakdowns whose categories have no vocabulary codes yet
AGE_BANDS_KNOWN = {
    "15-24",
    "25-54",
    "55-64",
    "18-64",
    "20-64",
    "15-70",
}  # Leeftijdsklasse values (HIGH)
# Columns that are constant by request or display-only: read, never a breakdown.
IGNORED_COLUMNS = {
    "Groep",
    "Geografisch niveau",
    "Label_value_formatted",
    "Latitude (generated)",
    "Longitude (generated)",
}
PLACE_COLUMNS = {"workplace": "Regio", "residence": "Regio"}
# Labels that are not municipalities (LIVE_APIS.md; compared accent- and case-insensitively).
NON_MUNICIPAL = {
    "null",
    "%null%",
    "totaal",
    "onbekend",
    "andere",
    "internationaal",
    "duitsland",
    "frankrijk",
    "groothertogdom luxemburg",
    "nederland",
    "belgie",
    "buitenland",
    "vlaams gewest",
    "brussels hoofdstedelijk gewest",
    "waals gewest",
    "",
}
UNKNOWN_PLACES = {"null", "%null%", "onbekend", ""}  # where a person lives/works is unknown
TOTAL_PLACES = {"totaal"}
# Publisher spelling -> official 2025 name, added only after checking a real export (none known yet).
ALIASES: dict[str, str] = {}


@lru_cache(maxsize=1 << 14)
def _fold(text: str) -> str:
    """Case-, accent- and spacing-insensitive key for place names and labels."""
    text = unicodedata.normalize("NFKD", str(text).replace("\u00a0", " "))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"\s+", " ", re.sub(r"\s*-\s*", "-", text)).strip()


# ---------------------------------------------------------------------------------------------- reading


def _decode(raw: bytes, path: Path) -> str:
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(NAME, f"not UTF-8 or UTF-16 text (byte {exc.start})", path) from None


def _separator(header_line: str) -> str:
    counts = {sep: header_line.count(sep) for sep in ("\t", ";", ",")}
    sep = max(counts, key=counts.get)
    return sep if counts[sep] else ","


def read_rows(path: Path) -> tuple[list[str], str, Iterator[tuple[int, dict]]]:
    """Header, separator and (line number, row) pairs of one export; a ragged row raises."""
    text = _decode(path.read_bytes(), path)
    first = text.split("\n", 1)[0]
    if first.lstrip().lower().startswith(("<!doctype", "<html", "{", "[")):
        raise SourceError(
            NAME, "an HTML or JSON page (an error or login page?), not a CSV export", path
        )
    sep = _separator(first)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    header = [h.strip() for h in next(reader, [])]
    if not header or header == [""]:
        raise SourceError(NAME, "empty export: no header row", path)

    def rows():
        for line, rec in enumerate(reader, start=2):
            if not rec or rec == [""]:
                continue
            if len(rec) != len(header):
                raise SourceError(
                    NAME,
                    f"line {line} has {len(rec)} fields, the header has {len(header)} (ragged row)",
                    path,
                )
            yield line, dict(zip(header, rec, strict=True))

    return header, sep, rows()


def parse_number(text: str, sep: str = ",") -> tuple[float | None, str | None]:
    """A published cell -> (value, status). Empty and bounded cells ('<4', '≤3', '~5') are suppressed, never 0;
    decimal comma and '.' thousands (Dutch locale) or the reverse are read defensively."""
    t = str(text).replace("\u00a0", "").replace(" ", "").strip()
    if t in ("", "*", "x", "-", "null", "%null%"):
        return None, "hidden"
    if t[0] in "<>≤≥~":
        return None, "hidden"
    if "," in t and "." in t:
        t = (
            t.replace(".", "").replace(",", ".")
            if t.rfind(",") > t.rfind(".")
            else t.replace(",", "")
        )
    elif "," in t:
        t = (
            t.replace(",", "")
            if sep == "," and re.fullmatch(r"-?\d{1,3}(,\d{3})+", t)
            else t.replace(",", ".")
        )
    elif "." in t and sep != "," and re.fullmatch(r"-?\d{1,3}(\.\d{3})+", t):
        t = t.replace(".", "")
    try:
        return float(t), None
    except ValueError:
        raise ValueError(text) from None


def _file_parts(path: Path) -> tuple[View, str | None, str | None]:
    """`<view>__<year>[__<age band>].csv`: the filters the file was requested with."""
    parts = path.stem.split("__")
    view = VIEW_BY_KEY.get(parts[0])
    if view is None or len(parts) > 3:
        raise SourceError(
            NAME,
            f"unexpected file name; expected <view>__<year>[__<age>].csv, views {sorted(VIEW_BY_KEY)}",
            path,
        )
    return view, parts[1] if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None


@dataclass
class Places:
    """Municipality names -> NIS code (Flanders and Brussels, 2025); Walloon names known but dropped."""

    codes: dict[str, str]  # folded name -> code, for the monitor's municipalities
    walloon: set[str]  # folded names of Walloon municipalities

    @classmethod
    def load(cls) -> Places:
        from pipelines import nis

        codes = {_fold(n): c for n, c in nis.municipality_codes_2025().items()}
        belgium = {_fold(n) for n in nis.belgian_municipality_codes_2025()}
        for alias, official in ALIASES.items():
            codes[_fold(alias)] = codes[_fold(official)]
        return cls(codes, belgium - set(codes))

    def code(self, name: str) -> str | None:
        """NIS code, None for a Walloon municipality or a non-municipal label; unmatched names raise KeyError."""
        key = _fold(name)
        if key in self.codes:
            return self.codes[key]
        if key in self.walloon or key in NON_MUNICIPAL:
            return None
        raise KeyError(name)


def _breakdown(row: dict, columns: list[str], line: int, path: Path) -> tuple[str, str] | None:
    """The one breakdown a row belongs to; None for a joint cell (two breakdowns at once: not loaded)."""
    found = []
    for col in columns:
        bd, mapping = BREAKDOWN_COLUMNS[col]
        value = row[col].strip()
        if mapping is None:  # the age band
            if value not in AGE_BANDS_KNOWN | {HEADLINE_AGE}:
                raise SourceError(
                    NAME,
                    f"line {line}: {col} = {value!r} is not a known age band {sorted(AGE_BANDS_KNOWN)}",
                    path,
                )
            if value != HEADLINE_AGE:
                found.append((bd, value))
            continue
        code = mapping.get(value)
        if code is None and bd in NOT_LOADED and value:
            return None
        if code is None:
            raise SourceError(
                NAME,
                f"line {line}: {col} = {value!r} is not a known category {sorted(mapping)}",
                path,
            )
        if code != TOTAL:
            found.append((bd, code))
    if len(found) > 1:
        return None
    return found[0] if found else (TOTAL, TOTAL)


def _layout(header: list[str], view: View, path: Path) -> tuple[str, str, str | None, list[str]]:
    names = next((h for h in MEASURE_NAME_HEADERS if h in header), None)
    values = next((h for h in MEASURE_VALUE_HEADERS if h in header), None)
    if names is None or values is None:
        raise SourceError(
            NAME,
            f"not the long 'Measure Names' / 'Measure Values' format; columns are {header}",
            path,
        )
    year = next((h for h in YEAR_HEADERS if h in header), None)
    places = {"Regio"} if view.kind in PLACE_COLUMNS else {"Woonplaats", "Werkplaats"}
    missing = sorted(places - set(header))
    if missing:
        raise SourceError(
            NAME, f"{view.name}: column(s) {missing} missing; columns are {header}", path
        )
    known = (
        places
        | {names, values}
        | ({year} if year else set())
        | IGNORED_COLUMNS
        | set(BREAKDOWN_COLUMNS)
    )
    unknown = [h for h in header if h not in known]
    if unknown:
        raise SourceError(
            NAME, f"{view.name}: unexpected column(s) {unknown}; known: {sorted(known)}", path
        )
    breakdowns = [h for h in header if h in BREAKDOWN_COLUMNS]
    return names, values, year, breakdowns


def read_export(path: Path, places: Places) -> list[dict]:
    """One export -> observation rows (before the build's validation)."""
    view, file_year, file_age = _file_parts(path)
    header, sep, rows = read_rows(path)
    names, values, year_col, breakdowns = _layout(header, view, path)
    measures_seen: set[str] = set()
    unmatched: set[str] = set()
    out: dict[tuple, dict] = {}
    flows: dict[tuple, dict] = {}
    years_ok: set[str] = set()
    combos: dict[tuple, tuple | None] = {}
    for line, row in rows:
        measure = row[names].strip()
        measures_seen.add(measure)
        if measure != view.measure:
            continue
        year = row[year_col].strip() if year_col else file_year
        if year not in years_ok:
            if not year or not re.fullmatch(r"(19|20)\d\d", year):
                raise SourceError(NAME, f"line {line}: year {year!r} is not a year", path)
            if file_year and year != file_year:
                raise SourceError(
                    NAME,
                    f"line {line}: year {year} in a file requested for {file_year} (filter ignored?)",
                    path,
                )
            years_ok.add(year)
        if "Leeftijdsklasse" not in header and view.by_age:
            row = {**row, "Leeftijdsklasse": file_age or HEADLINE_AGE}
            cols = ["Leeftijdsklasse", *breakdowns]
        else:
            cols = breakdowns
        combo = tuple(row[c] for c in cols)
        if combo not in combos:  # few distinct category combinations: classify each once
            combos[combo] = _breakdown(row, cols, line, path)
        bd = combos[combo]
        if bd is None:
            continue
        try:
            value, status = parse_number(row[values], sep)
        except ValueError:
            raise SourceError(
                NAME,
                f"line {line}: {values} {row[values]!r} is neither a number nor suppressed",
                path,
            ) from None
        if view.kind in PLACE_COLUMNS:
            name = row["Regio"]
            try:
                geo = places.code(name)
            except KeyError:
                unmatched.add(name.strip())
                continue
            if geo is None:
                continue
            key = (view.indicator, geo, year, *bd)
            if key in out:
                raise SourceError(
                    NAME,
                    f"line {line}: a second value for {name} {year} {bd} (joint breakdown?)",
                    path,
                )
            out[key] = _obs(view.indicator, geo, year, bd, value, status)
        else:
            home, work = row["Woonplaats"].strip(), row["Werkplaats"].strip()
            focus, other = (work, home) if view.kind == "commuting_in" else (home, work)
            try:
                geo = places.code(focus)
            except KeyError:
                unmatched.add(focus)
                continue
            if geo is None:
                continue
            acc = flows.setdefault((geo, year, *bd), {"total": None, "local": None, "rows": 0})
            acc["rows"] += 1
            folded = _fold(other)
            if folded in TOTAL_PLACES:
                acc["total"] = (value, status)
            elif folded == _fold(focus):
                acc["local"] = (value, status)
    if view.measure not in measures_seen and measures_seen:
        raise SourceError(
            NAME,
            f"{view.name}: measure {view.measure!r} not in the export (renamed?); it holds "
            f"{sorted(measures_seen)}",
            path,
        )
    if unmatched:
        shown = ", ".join(repr(n) for n in sorted(unmatched)[:20])
        raise SourceError(
            NAME,
            f"{len(unmatched)} place name(s) match no Belgian municipality on the 2025 boundaries nor a known "
            f"non-municipal label: {shown}{' …' if len(unmatched) > 20 else ''}. Check the spelling and add it to "
            "ALIASES in pipelines/sources/steunpunt_werk_var.py",
            path,
        )
    if flows and not any(acc["total"] for acc in flows.values()):
        raise SourceError(
            NAME,
            f"{view.name}: no 'Totaal' row for any municipality: cannot count commuters without summing the "
            "published flows (which leaves out the suppressed ones)",
            path,
        )
    for (geo, year, bd, bv), acc in flows.items():
        out[(view.indicator, geo, year, bd, bv)] = _commuters(
            view.indicator, geo, year, (bd, bv), acc
        )
    return list(out.values())


def _commuters(indicator: str, geo: str, year: str, bd: tuple, acc: dict) -> dict:
    """All employees on one side (the 'Totaal' row) minus those living and working in the municipality;
    suppressed if either is, or if the area has no 'Totaal' row (never a sum of the published flows, which
    would miss the suppressed ones)."""
    (total, st_total), local = acc["total"] or (None, "hidden"), acc["local"] or (0.0, None)
    value, status = (None, "hidden") if st_total or local[1] else (total - local[0], None)
    return _obs(indicator, geo, year, bd, value, status) | {"_total": None if st_total else total}


def _obs(indicator, geo, year, bd, value, status) -> dict:
    return {
        "indicator_id": indicator,
        "geo_code": geo,
        "period": year,
        "ref_date": f"{year}-12-31",
        "breakdown": bd[0],
        "breakdown_value": bd[1],
        "value": value,
        "status": status,
    }


# ---------------------------------------------------------------------------------------------- metadata

_SRC_NL = (
    "Steunpunt Werk, Vlaamse Arbeidsrekening (VAR), jaargemiddelde van vier kwartaalgemiddelden."
)
_SRC_EN = (
    "Steunpunt Werk, Flemish labour accounts (VAR), annual average of four quarterly averages."
)
INDICATORS = (
    Indicator(
        id="var_jobs_at_workplace",
        name_nl="Werkenden op de werkplaats, 15-64 jaar (VAR)",
        name_en="Persons employed at the place of work, aged 15-64 (VAR)",
        definition_nl="Werkenden (loontrekkenden en zelfstandigen) van 15-64 jaar met hun werkplaats in de gemeente, "
        "waar ze ook wonen. Opdelingen naar leeftijd tonen andere leeftijdsgroepen. " + _SRC_NL,
        definition_en="Employed persons (employees and self-employed) aged 15-64 whose place of work is in the "
        "municipality, wherever they live. Age breakdowns show other age bands. " + _SRC_EN,
        unit="persons",
        direction="neutral",
        period_type="year",
        numerator="Aantal werkenden (n), BW - T1 (tabel), Leeftijdsklasse 15-64",
        notes="Measure label and sheet slug unverified until the first live fetch. Municipalities on the 2025 "
        "boundaries. Cells under four workers may be suppressed (status hidden, never 0).",
        concept="employment_at_workplace",
    ),
    Indicator(
        id="var_employed_residents",
        name_nl="Werkende inwoners, 15-64 jaar (VAR)",
        name_en="Employed residents aged 15-64 (VAR)",
        definition_nl="Werkende inwoners van 15-64 jaar van de gemeente, waar ze ook werken. "
        + _SRC_NL,
        definition_en="Employed residents aged 15-64 of the municipality, wherever they work. "
        + _SRC_EN,
        unit="persons",
        direction="neutral",
        period_type="year",
        numerator="Aantal werkenden (n), BNW - T1 (tabel), Groep Werkend, Leeftijdsklasse 15-64",
        notes="Measure label and sheet slug unverified until the first live fetch. Suppressed cells stay empty.",
        concept="employed_residents",
    ),
    Indicator(
        id="var_in_commuters",
        name_nl="Inkomende pendelaars, loontrekkenden (VAR)",
        name_en="In-commuters, employees (VAR)",
        definition_nl="Loontrekkenden die in de gemeente werken en elders wonen (ook in het buitenland): alle "
        "loontrekkenden met werkplaats in de gemeente min wie er ook woont. " + _SRC_NL,
        definition_en="Employees working in the municipality who live elsewhere (abroad included): all employees "
        "working there minus those who also live there. " + _SRC_EN,
        unit="persons",
        direction="neutral",
        period_type="year",
        numerator="Pendel In - Tabel: Totaal row minus Woonplaats = Werkplaats",
        notes="Employees only (no self-employed), unlike var_jobs_at_workplace. Suppressed when the total or the "
        "local count is suppressed.",
        concept="in_commuters",
    ),
    Indicator(
        id="var_out_commuters",
        name_nl="Uitgaande pendelaars, loontrekkenden (VAR)",
        name_en="Out-commuters, employees (VAR)",
        definition_nl="Loontrekkende inwoners van de gemeente die elders werken (ook in het buitenland). "
        + _SRC_NL,
        definition_en="Employed residents (employees) of the municipality who work elsewhere (abroad included). "
        + _SRC_EN,
        unit="persons",
        direction="neutral",
        period_type="year",
        numerator="Pendel Uit - Tabel: Totaal row minus Woonplaats = Werkplaats",
        notes="Employees only. Suppressed when the total or the local count is suppressed.",
        concept="out_commuters",
    ),
    Indicator(
        id="var_employees_at_workplace",
        name_nl="Loontrekkenden op de werkplaats (VAR, pendeltabel)",
        name_en="Employees at the place of work (VAR commuting table)",
        definition_nl="Alle loontrekkenden met werkplaats in de gemeente, uit dezelfde pendeltabel als de inkomende "
        "pendelaars (noemer van hun aandeel). " + _SRC_NL,
        definition_en="All employees whose place of work is in the municipality, from the same commuting table as "
        "the in-commuters (the denominator of their share). " + _SRC_EN,
        unit="persons",
        direction="neutral",
        period_type="year",
        numerator="Pendel In - Tabel: Woonplaats = Totaal",
        notes="Employees only: lower than var_jobs_at_workplace, which includes the self-employed.",
    ),
)

# ---------------------------------------------------------------------------------------------- fetch


def query_string(params: dict) -> str:
    """Keys sorted and URL-encoded (Tableau's ':' prefixes kept literal)."""
    return "&".join(
        f"{quote(k, safe=':')}={quote(str(v), safe='')}" for k, v in sorted(params.items())
    )


def plan() -> list[tuple[View, str, str | None, dict]]:
    """Every request of one fetch: (view, year, age band, parameters)."""
    out = []
    for view in VIEWS:
        for year in YEARS:
            for age in AGE_BANDS if view.by_age else (None,):
                params = {**EMBED, **view.filters, "Jaar": year}
                if age:
                    params["Leeftijdsklasse"] = age
                out.append((view, year, age, params))
    return out


def file_name(view: View, year: str, age: str | None) -> str:
    return f"{view.key}__{year}{f'__{age}' if age else ''}.csv"


class SteunpuntWerkVar(Source):
    name = NAME
    title_nl = (
        "Werkenden op de werkplaats, werkende inwoners en pendel per gemeente (Steunpunt Werk, VAR)"
    )
    title_en = "Jobs at the place of work, employed residents and commuting per municipality (Steunpunt Werk, VAR)"
    publisher = "Steunpunt Werk (Vlaamse Arbeidsrekening)"
    licence = "Public Tableau workbook; no open-data licence text found, reuse terms unverified"
    url = "https://www.steunpuntwerk.be/"
    attribution = CREDIT
    period_covered = "2015-2024, one request per year"
    # the Flemish labour accounts (VAR): a year's figures about 16 months after it ends
    release_rhythm = ReleaseRhythm("yearly", lag_days=480)
    caveats = (
        "Live-only and never run against the service: no snapshot is shipped, so the offline build skips it. "
        "Sheet slugs and most measure labels are unverified (see the module docstring); the first live fetch "
        "fails with the labels found if they differ. Breakdowns are one-way tables (never combined). Commuting "
        "counts employees only. Walloon municipalities are not loaded (outside the monitor's geography). "
        "Suppressed cells (under four workers) are empty, never 0. Sector (WSE-42) rows are not loaded until their codes are in pipelines/breakdowns.csv."
    )
    files = tuple(
        RawFile(f"{v.key}__<year>.csv", v.url, f"{v.name}: one CSV per year") for v in VIEWS
    )
    indicators = INDICATORS
    live_only = True

    def fetch(self, session, dest: Path) -> list[Path]:
        from pipelines.http import download
        from pipelines.http import retry_adapter

        # The publisher's documented policy for this host only: 3 retries, Retry-After, else 4/8/16 s (max 60).
        session.mount(
            f"https://{HOST}/",
            retry_adapter(3, backoff=4.0, statuses=RETRY_STATUSES, backoff_max=60),
        )
        places = Places.load()
        log, written, failures, consecutive = [], [], [], 0
        bodies: dict[
            tuple[str, str], dict[bytes, str]
        ] = {}  # (view, year) -> body digest -> age band
        for i, (view, year, age, params) in enumerate(plan()):
            if i:
                sleep(DELAY_SECONDS)
            url = f"{view.url}?{query_string(params)}"
            entry = {
                "view": view.name,
                "url": url,
                "parameters": params,
                "retrieved_at": datetime.now(UTC).isoformat(timespec="seconds"),
            }
            path = dest / file_name(view, year, age)
            try:
                got = download(
                    session,
                    url,
                    path,
                    source=self.name,
                    headers=HEADERS,
                    timeout=TIMEOUT,
                    same_host=True,
                    refuse_json=True,
                    allow_empty=True,
                )
                rows = 0 if got is None else sum(1 for _ in read_rows(path)[2])
                if rows == 0:
                    path.unlink(missing_ok=True)
                    entry |= {"status": "empty_response_not_zero", "rows": 0}
                else:
                    digest = hashlib.sha256(path.read_bytes()).digest()
                    seen = bodies.setdefault((view.key, year), {})
                    if age and digest in seen:
                        raise SourceError(
                            self.name,
                            f"the export for Leeftijdsklasse={age} equals the one for "
                            f"{seen[digest]}: the age filter was ignored",
                            url,
                        )
                    seen[digest] = age
                    if view.kind == "commuting_out" and digest in bodies.get(
                        ("pendel_in", year), {}
                    ):
                        # LIVE_APIS.md: In and Uit returned identical row counts; identical bytes mean one
                        # origin-destination table serves both sides (each is read from its own side).
                        entry["identical_to"] = file_name(VIEW_BY_KEY["pendel_in"], year, None)
                    read_export(path, places)  # refuse a changed layout now, not at the next build
                    entry |= {"status": "received", "rows": rows, "file": path.name}
                    written.append(path)
                consecutive = 0
            except SourceError as exc:
                path.unlink(missing_ok=True)
                entry |= {"status": "failed", "error": exc.problem}
                failures.append(f"{view.name} {year}{f' {age}' if age else ''}: {exc.problem}")
                consecutive += 1
                if "access denied" in exc.problem or consecutive >= MAX_CONSECUTIVE_FAILURES:
                    log.append(entry)
                    break
            log.append(entry)
        if failures:
            raise SourceError(
                self.name,
                f"{len(failures)} request(s) failed (stopped after "
                f"{len(log)} of {len(plan())}): " + "; ".join(failures[:5]),
                BASE,
            )
        if not written:
            raise SourceError(
                self.name,
                "every export was empty (0 rows): nothing to load, nothing recorded as 0",
                BASE,
            )
        (dest / REQUESTS_FILE).write_text(
            json.dumps(log, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        written.append(dest / REQUESTS_FILE)
        self.parse(dest)
        return written

    def manifest_extra(self, snapshot: Path) -> dict | None:
        path = snapshot / REQUESTS_FILE
        if not path.is_file():
            return None
        log = json.loads(path.read_text(encoding="utf-8"))
        return {"credit": CREDIT, "base_url": BASE, "request_headers": HEADERS, "requests": log}

    def parse(self, snapshot: Path) -> pd.DataFrame:
        files = sorted(p for p in snapshot.glob("*.csv"))
        if not files:
            raise SourceError(self.name, "no CSV export in the snapshot", snapshot)
        places = Places.load()
        rows = [r for f in files for r in read_export(f, places)]
        if not rows:
            raise SourceError(
                self.name, "empty export: no rows with the expected measures", snapshot
            )
        derived = [
            _obs(
                "var_employees_at_workplace",
                r["geo_code"],
                r["period"],
                (r["breakdown"], r["breakdown_value"]),
                r["_total"],
                None if r["_total"] is not None else "hidden",
            )
            for r in rows
            if r["indicator_id"] == "var_in_commuters"
        ]
        df = observations_frame(
            [{k: v for k, v in r.items() if not k.startswith("_")} for r in rows + derived]
        )
        key = ["indicator_id", "geo_code", "period", "breakdown", "breakdown_value"]
        dup = df[df.duplicated(key, keep=False)]
        if not dup.empty:
            r = dup.iloc[0]
            raise SourceError(
                self.name,
                f"two exports give {r['indicator_id']} {r['geo_code']} {r['period']} "
                f"{r['breakdown']}={r['breakdown_value']}",
                snapshot,
            )
        return df


SOURCE = SteunpuntWerkVar()
