"""Job seekers (NWWZ) and werkzoekendengraad from the Swing "Open Data Service" (OData) of Provincies in
Cijfers (per municipality and per wijk) and of the Gent buurtmonitor (per Gent wijk).

Why this source: `vdab_jobseekers` is one export frozen in May 2026; Swing serves the same VDAB series
live, per year, for municipalities and wijken, and with breakdowns the export lacks.

What the endpoints are, and how sure we are (nothing here has run against the real service):
- Base `https://<host>/jiveservices/odata`: the path the `stadincijfers` client (Team-Data-Antwerpen)
  uses for gent.buurtmonitor.be and provincies.incijfers.be, and the Swing Open Data Service manual's path
  (klimaatmonitor.databank.nl). A `viewerservices/odata` path also exists on provincies.incijfers.be.
- Entities (same sources): `Variables` (ExternalCode, Name; paged with `@odata.nextLink`),
  `GeoLevels('<level>')/GeoItems` (ExternalCode, Name), and the data:
  `Variables('<var>')/GeoLevels('<level>')/PeriodLevels('year')/Periods('all')/Values`
  -> `{"value": [{"ExternalCode", "GeoLevel", "PeriodLevel", "Period", "ValueString"}, ...]}`.
- Access: public notes (2026) report HTTP 401 "Guest user group not found" for anonymous calls; the
  manual sends a personal key in an `apikey` header. Set GSIW_SWING_APIKEY; a 401 says so.
- Variable codes are NOT known to us. `SERIES` names each wanted series by the variable's *name*, taken
  from the headers of the real Provincies in Cijfers export (vdab_jobseekers: e.g. "werkzoekendengraad
  (jaargemiddelde)"), and the fetch resolves the code from `Variables`. Breakdowns by education, origin
  and duration are searched by name pattern; a series the portal does not offer is reported in
  `series.json` and skipped, never guessed.

Geographies: provincies `gemeente` codes are NIS codes; provincies `ggw7` are the wijk codes of
provinciesincijfers/gebiedsniveaus (e.g. 44021W01), kept for Gent, Antwerpen, Genk and Oostende (the wijken
in `boundaries`); Gent buurtmonitor `wijk` items are matched to 44021Wxx by their exact name (the
boundaries file's names carry a " (Gent)" suffix, which is ignored).
Rates: Swing stores the werkzoekendengraad as a fraction (0.144, as in the export); stored here as percent.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote
from urllib.parse import urljoin

import pandas as pd
import requests

from pipelines import nis
from pipelines.freshness import ReleaseRhythm
from pipelines.source import TOTAL
from pipelines.source import Indicator
from pipelines.source import RawFile
from pipelines.source import Source
from pipelines.source import SourceError
from pipelines.source import observations_frame

NAME = "swing_odata"
APIKEY_ENV = "GSIW_SWING_APIKEY"
SPECIAL = {"?": "missing", "-": "no_value", "x": "hidden", "nvt": "not_applicable", "": "no_value"}
CITIES = nis.CITIES
MAX_PAGES = 2_000


@dataclass(frozen=True)
class Portal:
    key: str
    base: str
    geolevels: tuple[str, ...]  # Swing geolevel codes to fetch
    wijk_by_name: bool = False  # map wijk items to 44021Wxx by name (Gent buurtmonitor)


PORTALS = (
    Portal(
        "provincies", "https://provincies.incijfers.be/jiveservices/odata", ("gemeente", "ggw7")
    ),
    Portal("gent", "https://gent.buurtmonitor.be/jiveservices/odata", ("wijk",), wijk_by_name=True),
)


@dataclass(frozen=True)
class Series:
    indicator_id: str
    breakdown: str
    breakdown_value: str
    name: str  # regex on the variable's Name, case-insensitive, full match
    fraction: bool = False


def _exact(text: str) -> str:
    return re.escape(text)


SERIES = (
    Series(
        "swing_jobseeker_rate", TOTAL, TOTAL, _exact("werkzoekendengraad (jaargemiddelde)"), True
    ),
    Series(
        "swing_jobseeker_rate",
        "age",
        "18-24",
        _exact("werkzoekendengraad 18-24 jaar (jaargemiddelde)"),
        True,
    ),
    Series(
        "swing_jobseeker_rate",
        "age",
        "25-59",
        _exact("werkzoekendengraad 25-59 jaar (jaargemiddelde)"),
        True,
    ),
    Series(
        "swing_jobseeker_rate",
        "age",
        "60-64",
        _exact("werkzoekendengraad 60-64 jaar (jaargemiddelde)"),
        True,
    ),
    Series("swing_nwwz", TOTAL, TOTAL, _exact("werkzoekenden zonder werk (jaargemiddelde)")),
    # Searched, not known to exist: breakdowns the export lacked.
    Series(
        "swing_nwwz",
        "education",
        "low",
        r"werkzoekenden zonder werk,? laaggeschoold.*\(jaargemiddelde\)",
    ),
    Series(
        "swing_nwwz",
        "education",
        "medium",
        r"werkzoekenden zonder werk,? middengeschoold.*\(jaargemiddelde\)",
    ),
    Series(
        "swing_nwwz",
        "education",
        "high",
        r"werkzoekenden zonder werk,? hooggeschoold.*\(jaargemiddelde\)",
    ),
    Series(
        "swing_nwwz",
        "duration",
        "<1y",
        r"werkzoekenden zonder werk,? (korter dan|minder dan) 1 jaar.*",
    ),
    Series("swing_nwwz", "duration", "1-2y", r"werkzoekenden zonder werk,? 1 ?(tot|-) ?2 jaar.*"),
    Series(
        "swing_nwwz",
        "duration",
        ">2y",
        r"werkzoekenden zonder werk,? (langer dan|meer dan) 2 jaar.*",
    ),
    Series("swing_nwwz", "origin", "non_eu", r"werkzoekenden zonder werk,? niet-EU.herkomst.*"),
)

INDICATORS = (
    Indicator(
        id="swing_jobseeker_rate",
        name_nl="Werkzoekendengraad (Swing, live)",
        name_en="Job-seeker rate (Swing, live)",
        definition_nl=(
            "Niet-werkende werkzoekenden (jaargemiddelde) in % van de beroepsbevolking, naar woonplaats, per "
            "gemeente en wijk, zoals Provincies in Cijfers / de Gentse buurtmonitor het live publiceren."
        ),
        definition_en=(
            "Unemployed job seekers (annual average) as % of the labour force, by residence, per municipality and "
            "wijk, as served live by Provincies in Cijfers / the Gent buurtmonitor."
        ),
        unit="%",
        direction="higher_is_worse",
        period_type="year",
        numerator="NWWZ, jaargemiddelde / annual average",
        denominator="beroepsbevolking / labour force",
        notes="Same VDAB definition as jobseeker_rate (vdab_jobseekers), from a live service: never one series.",
        concept="unemployment_rate",
    ),
    Indicator(
        id="swing_nwwz",
        name_nl="Niet-werkende werkzoekenden, jaargemiddelde (Swing, live)",
        name_en="Unemployed job seekers, annual average (Swing, live)",
        definition_nl=(
            "Gemiddeld aantal niet-werkende werkzoekenden over het jaar per gemeente en wijk; opdelingen naar "
            "opleiding, werkloosheidsduur en herkomst waar het portaal ze aanbiedt (los van het totaal)."
        ),
        definition_en=(
            "Average number of unemployed job seekers over the year per municipality and wijk; breakdowns by "
            "education, unemployment duration and origin where the portal offers them (separate from the total)."
        ),
        unit="persons",
        direction="higher_is_worse",
        period_type="year",
        numerator="NWWZ, jaargemiddelde / annual average",
        concept="unemployed_count",
    ),
)


def values_path(portal: str, geolevel: str, var: str) -> str:
    return f"{portal}__{geolevel}__{re.sub(r'[^A-Za-z0-9_.-]', '_', var)}.json"


def _quoted(text: str) -> str:
    return quote(text.replace("'", "''"), safe="")


class SwingClient:
    """Pages through an OData collection (`value` + `@odata.nextLink`); 401 explains the API key."""

    def __init__(self, session: requests.Session, base: str, source: str = NAME):
        self.session, self.base, self.source = session, base.rstrip("/"), source
        key = os.environ.get(APIKEY_ENV, "").strip()
        self.headers = {"Accept": "application/json"}
        self.credentials = {"apikey": key} if key else {}

    def collection(self, path: str) -> list[dict]:
        from pipelines.http import credential_get

        url, rows = f"{self.base}/{path.lstrip('/')}", []
        for _ in range(MAX_PAGES):
            # The key goes only to the configured portal host: a nextLink or redirect elsewhere is refused.
            resp = credential_get(
                self.session,
                url,
                home=self.base,
                credentials=self.credentials,
                source=self.source,
                headers=self.headers,
            )
            if resp.status_code in (401, 403):
                raise SourceError(
                    self.source,
                    f"HTTP {resp.status_code}: the Swing Open Data Service needs an API key for this portal; ask "
                    f"the portal owner for one and set {APIKEY_ENV} (sent as the 'apikey' header)",
                    url,
                )
            if resp.status_code >= 400:
                raise SourceError(self.source, f"HTTP {resp.status_code} {resp.reason}", url)
            try:
                data = resp.json()
            except ValueError:
                raise SourceError(self.source, f"not JSON: {resp.text[:120]!r}", url) from None
            if not isinstance(data, dict) or not isinstance(data.get("value"), list):
                raise SourceError(self.source, "OData answer has no 'value' list", url)
            rows += data["value"]
            url = data.get("@odata.nextLink")
            if not url:
                return rows
            url = urljoin(resp.url or url, url)  # OData allows a relative next link
        raise SourceError(self.source, f"more than {MAX_PAGES} pages", url)


def resolve_series(variables: list[dict]) -> list[dict]:
    """Wanted series -> variable code by exact (pattern) name match; unmatched ones listed as missing."""
    by_name = {}
    for v in variables:
        name = re.sub(r"\s+", " ", str(v.get("Name", ""))).strip()
        by_name.setdefault(name.lower(), []).append(str(v.get("ExternalCode", "")))
    resolved = []
    for s in SERIES:
        hits = sorted(
            {
                code
                for name, codes in by_name.items()
                if re.fullmatch(s.name, name, re.I)
                for code in codes
            }
        )
        resolved.append(
            {
                **s.__dict__,
                "var": hits[0] if len(hits) == 1 else None,
                "problem": None
                if len(hits) == 1
                else ("not offered" if not hits else f"ambiguous {hits}"),
            }
        )
    return resolved


def _wijk_codes_by_name() -> dict[str, str]:
    """Gent wijk name (lower case, with and without the " (Gent)" suffix of the boundaries file) -> 44021Wxx."""
    data = json.loads((nis.boundaries_snapshot() / nis.WIJKEN).read_text(encoding="utf-8"))
    names = {}
    for f in data["features"]:
        code, name = str(f["properties"]["code"]), f["properties"]["naam"].strip().lower()
        if code.startswith(f"{nis.GENT}W"):
            names[name] = code
            names[name.removesuffix(" (gent)")] = code
    return names


def _period(text: str) -> str | None:
    m = re.fullmatch(r"(?:year_)?((?:19|20)\d\d)", str(text).strip())
    return m.group(1) if m else None


class SwingOdata(Source):
    name = NAME
    title_nl = "Werkzoekenden per gemeente en wijk (Swing OData: Provincies in Cijfers, Gentse buurtmonitor)"
    title_en = "Job seekers per municipality and wijk (Swing OData: Provincies in Cijfers, Gent buurtmonitor)"
    publisher = "VDAB, served by Provincies in Cijfers and Stad Gent (Swing / ABF Research Open Data Service)"
    licence = "Provincies in Cijfers / Gent buurtmonitor terms; not checked (unverified)"
    url = "https://provincies.incijfers.be/"
    attribution = "Bron: VDAB | provincies.incijfers.be; gent.buurtmonitor.be"
    period_covered = "as the portals serve it (yearly)"
    # the provincial portals refresh their yearly series
    release_rhythm = ReleaseRhythm("yearly", lag_days=270)
    caveats = (
        "Live-only and never run against the service: no snapshot is shipped, so the offline build skips it. "
        "Endpoint paths and entity names come from third-party code (stadincijfers, a Swing Open Data Service "
        f"client); anonymous access is reported to fail, set {APIKEY_ENV}. Variable codes are resolved by name at "
        "fetch time; series the portal does not offer are listed in series.json of the snapshot and not loaded."
    )
    files = tuple(
        RawFile(f"{p.key}__variables.json", f"{p.base}/Variables", f"{p.key}: variable list")
        for p in PORTALS
    )
    indicators = INDICATORS
    live_only = True

    def fetch(self, session, dest: Path) -> list[Path]:
        written: list[Path] = []
        plan = []
        for portal in PORTALS:
            client = SwingClient(session, portal.base, self.name)
            variables = client.collection("Variables")
            path = dest / f"{portal.key}__variables.json"
            path.write_text(json.dumps(variables, ensure_ascii=False), encoding="utf-8")
            written.append(path)
            resolved = resolve_series(variables)
            for geolevel in portal.geolevels:
                if portal.wijk_by_name:
                    items = client.collection(f"GeoLevels('{_quoted(geolevel)}')/GeoItems")
                    p = dest / f"{portal.key}__{geolevel}__geoitems.json"
                    p.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
                    written.append(p)
                for s in resolved:
                    if not s["var"]:
                        continue
                    values = client.collection(
                        f"Variables('{_quoted(s['var'])}')/GeoLevels('{_quoted(geolevel)}')"
                        "/PeriodLevels('year')/Periods('all')/Values"
                    )
                    p = dest / values_path(portal.key, geolevel, s["var"])
                    p.write_text(json.dumps(values, ensure_ascii=False), encoding="utf-8")
                    written.append(p)
            plan.append(
                {"portal": portal.key, "geolevels": list(portal.geolevels), "series": resolved}
            )
        if not any(s["var"] for p in plan for s in p["series"]):
            raise SourceError(
                self.name, "none of the wanted series was found by name on any portal", dest
            )
        path = dest / "series.json"
        path.write_text(json.dumps(plan, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
        self.parse(dest)  # fail the fetch now if the answers cannot be read
        return written

    def parse(self, snapshot: Path) -> pd.DataFrame:
        plan_path = snapshot / "series.json"
        try:
            plan = json.loads(plan_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise SourceError(self.name, f"cannot read series.json: {exc}", plan_path) from exc
        rows: dict[tuple, dict] = {}
        portals = {p.key: p for p in PORTALS}
        for entry in plan:
            portal = portals[entry["portal"]]
            for geolevel in entry["geolevels"]:
                names = _wijk_codes_by_name() if portal.wijk_by_name else {}
                items = {}
                if portal.wijk_by_name:
                    items_path = snapshot / f"{portal.key}__{geolevel}__geoitems.json"
                    items = {
                        str(i["ExternalCode"]): str(i.get("Name", "")).strip().lower()
                        for i in json.loads(items_path.read_text(encoding="utf-8"))
                    }
                for s in entry["series"]:
                    if not s["var"]:
                        continue
                    path = snapshot / values_path(portal.key, geolevel, s["var"])
                    for rec in json.loads(path.read_text(encoding="utf-8")):
                        row = self._row(rec, s, portal, items, names, path)
                        if row is None:
                            continue
                        key = (
                            row["indicator_id"],
                            row["geo_code"],
                            row["period"],
                            row["breakdown"],
                            row["breakdown_value"],
                        )
                        if key in rows and rows[key]["value"] != row["value"]:
                            raise SourceError(self.name, f"two different values for {key}", path)
                        rows[key] = row
        if not rows:
            raise SourceError(self.name, "no observations in the snapshot", snapshot)
        return observations_frame(list(rows.values()))

    def _row(
        self, rec: dict, s: dict, portal: Portal, items: dict, names: dict, path: Path
    ) -> dict | None:
        code = str(rec.get("ExternalCode", "")).strip()
        if portal.wijk_by_name:
            geo = names.get(items.get(code, ""))
            if geo is None:
                raise SourceError(
                    self.name,
                    f"wijk {code!r} ({items.get(code)!r}) matches no Gent wijk name",
                    path,
                )
        elif re.fullmatch(r"\d{5}", code):
            geo = code
        elif re.fullmatch(r"(\d{5})W\d{2}", code):
            if code[:5] not in CITIES:
                return None  # wijken outside the four cities have no geography here
            geo = code
        else:
            return None  # rest rows such as "Buiten Vlaanderen" are not places
        period = _period(rec.get("Period", ""))
        if period is None:
            raise SourceError(self.name, f"period {rec.get('Period')!r} is not a year", path)
        text = str(rec.get("ValueString", "")).strip()
        if text in SPECIAL:
            value, status = None, SPECIAL[text]
        else:
            try:
                value, status = float(text.replace(",", ".")), None
            except ValueError:
                raise SourceError(
                    self.name, f"ValueString {text!r} for {code} {period} is not a number", path
                ) from None
            if s["fraction"]:
                if value > 1:
                    raise SourceError(
                        self.name,
                        f"{s['var']}: expected a fraction, got {value} ({code} {period})",
                        path,
                    )
                value *= 100
        return {
            "indicator_id": s["indicator_id"],
            "geo_code": geo,
            "period": period,
            "ref_date": f"{period}-12-31",
            "breakdown": s["breakdown"],
            "breakdown_value": s["breakdown_value"],
            "value": value,
            "status": status,
        }


SOURCE = SwingOdata()
