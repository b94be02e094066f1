"""Administrative unemployment rate 15-64 per municipality, 2024 (Steunpunt Werk, Vlaamse Arbeidsrekening).

Why this source: a 2024 unemployment rate on one definition for every municipality (565, 2025 grid), so
Gent's residents can be placed among its peers today. It is an administrative rate (unemployed residents /
administrative labour force), not the census 2021 rate and not the survey (ILO) rate: never one series.

Shipped snapshot: BelPulse's manual Tableau crosstab export (SOURCES.md section 17). The live fetch reads
the public VAR Tableau workbook's CSV export (LIVE_APIS.md section 6); it has never run.
"""

from __future__ import annotations

import io
import os
import re
import unicodedata
from pathlib import Path

import pandas as pd

from pipelines.freshness import ReleaseRhythm
from pipelines.source import Indicator
from pipelines.source import RawFile
from pipelines.source import Source
from pipelines.source import SourceError
from pipelines.source import observations_frame
from pipelines.tables import Layout
from pipelines.tables import read_long

NAME = "var_admin_unemployment_rate_2024"
FILE = "var_admin_unemployment_rate_2024_by_municipality.csv"
CODE = "ADMIN_UNEMPLOYMENT_RATE_COM"
PERIOD, REF_DATE = "2024", "2024-12-31"
INDICATOR = "admin_unemployment_rate_15_64"
CREDIT = "Steunpunt Werk - Vlaamse Arbeidsrekening o.b.v. DWH AM&SB - KSZ, BISA"
# Tableau CSV export of the VAR workbook (LIVE_APIS.md §6, base URL HIGH). The sheet slug of
# 'BNW - T1 (tabel)' is UNVERIFIED (slugs should come from the workbook's metadata): override it
# with GSIW_VAR_BNW_T1_SHEET after checking the workbook.
BASE = "https://analytics.data.wewis.vlaanderen.be/t/Steunpuntwerk/views/VARpt2-T3/"
SHEET = os.environ.get("GSIW_VAR_BNW_T1_SHEET", "BNW-T1tabel")
QUERY = {
    ":embed": "y",
    ":isGuestRedirectFromVizportal": "y",
    ":showVizHome": "no",
    "Geografisch niveau": "Gemeente",
    "Geslacht": "Totaal",
    "Jaar": PERIOD,
    "Leeftijdsklasse": "15-64",
}
MEASURE = "Werkloosheidsgraad (%)"

INDICATORS = (
    Indicator(
        id=INDICATOR,
        name_nl="Administratieve werkloosheidsgraad 15-64 jaar (Vlaamse Arbeidsrekening)",
        name_en="Administrative unemployment rate 15-64 (Flemish Labour Accounts)",
        definition_nl=(
            "Werkloze inwoners van 15-64 jaar in % van de administratieve beroepsbevolking van 15-64 jaar, naar "
            "woonplaats, jaar 2024 (Steunpunt Werk, Vlaamse Arbeidsrekening)."
        ),
        definition_en=(
            "Unemployed residents aged 15-64 as % of the administrative labour force aged 15-64, by place of "
            "residence, year 2024 (Steunpunt Werk, Flemish Labour Accounts)."
        ),
        unit="%",
        direction="higher_is_worse",
        period_type="year",
        numerator="werkloze inwoners 15-64 / unemployed residents 15-64",
        denominator="administratieve beroepsbevolking 15-64 / administrative labour force 15-64",
        notes=(
            "Administrative definition (registers: DWH AM&SB - KSZ, BISA), 2025 municipality grid (565; Antwerpen "
            "includes Borsbeek). Not the census 2021 unemployment rate and not the ILO rate of the Labour Force "
            "Survey. Cells under four persons are suppressed by the publisher (Herstappe). Credit: "
            + CREDIT
        ),
        concept="unemployment_rate",
    ),
)


def read_table(path: Path, source: str = NAME) -> pd.DataFrame:
    """The shipped layout (BelPulse observations): geo_id be:mun:<NIS5>, value in %, status."""
    rows = read_long(
        path, source, what="VAR file", layout=Layout(status="status"), codes={CODE}, period=PERIOD
    )
    return rows[["geo", "value", "suppressed"]]


def _key(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def tableau_to_rows(
    text: str, names: dict[str, str], source: str = NAME, url: str = ""
) -> pd.DataFrame:
    """A Tableau crosstab export (long: Regio, Measure Names, Measure Values) -> the shipped layout.

    Municipalities are matched by exact official name (2025); unmatched names are not guessed. Only the
    names `names` covers (Flanders and Brussels) can be matched, so Walloon rows are left out."""
    try:
        raw = pd.read_csv(
            io.StringIO(text.lstrip("\ufeff")),
            sep=None,
            engine="python",
            dtype=str,
            keep_default_na=False,
        )
    except (ValueError, pd.errors.ParserError) as exc:
        raise SourceError(source, f"the Tableau export is not a CSV table: {exc}", url) from exc
    cols = {c.strip(): c for c in raw.columns}
    mname = cols.get("Measure Names") or cols.get("Maatnamen")
    mval = cols.get("Measure Values") or cols.get("Maatwaarden")
    regio = cols.get("Regio")
    if not (mname and mval and regio):
        raise SourceError(
            source,
            f"expected columns Regio, Measure Names, Measure Values; found {list(raw.columns)}",
            url,
        )
    raw = raw[raw[mname].str.strip() == MEASURE]
    if raw.empty:
        raise SourceError(source, f"no rows with Measure Names = {MEASURE!r}", url)
    by_key = {_key(n): c for n, c in names.items()}
    rows = []
    for _, r in raw.iterrows():
        code = by_key.get(_key(r[regio]))
        if code is None:
            continue
        cell = r[mval].strip().replace("\u00a0", "").replace(",", ".")
        status = "final" if cell else "suppressed"
        if cell:
            try:
                float(cell)
            except ValueError as exc:
                raise SourceError(
                    source, f"non-numeric value {r[mval]!r} for {r[regio]}", url
                ) from exc
        rows.append(
            {
                "indicator_id": CODE,
                "geo_id": f"be:mun:{code}",
                "period": PERIOD,
                "value": cell,
                "status": status,
            }
        )
    if len(rows) < 300:
        raise SourceError(
            source, f"only {len(rows)} municipality names matched the official 2025 names", url
        )
    return pd.DataFrame(rows).sort_values("geo_id")


class VarAdminUnemploymentRate2024(Source):
    name = NAME
    title_nl = (
        "Administratieve werkloosheidsgraad 15-64 per gemeente, 2024 (Vlaamse Arbeidsrekening)"
    )
    title_en = (
        "Administrative unemployment rate 15-64 per municipality, 2024 (Flemish Labour Accounts)"
    )
    publisher = "Steunpunt Werk – Vlaamse Arbeidsrekening, via BelPulse (github.com/mdruszcz/belgian-macro-pipeline)"
    licence = "Attribution required by the publisher; no open-data licence stated (unverified)"
    url = "https://www.steunpuntwerk.be/cijfers/vlaamse-arbeidsrekening"
    attribution = CREDIT
    period_covered = "2024 (year)"
    caveats = (
        "Shipped copy: BelPulse's manual Tableau crosstab export of sheet 'BNW - T1 - Tabel' (Werkloosheidsgraad "
        "(%), men and women, 15-64, Gemeente, 2024), matched to NIS codes by name by BelPulse; read through a search "
        "index and reassembled (SOURCES.md §17). 565 municipalities on the 2025 grid; Herstappe suppressed. "
        "Administrative rate: not comparable with the census 2021 rate (Gent's two values are both 8.2 by "
        "coincidence). The live fetch (Tableau CSV export) has never run; its sheet slug is unverified and it "
        "matches names for Flanders and Brussels only."
    )
    files = (
        RawFile(
            FILE,
            BASE + SHEET + ".csv",
            "administrative unemployment rate 15-64 per municipality, 2024",
        ),
    )
    indicators = INDICATORS
    release_rhythm = ReleaseRhythm(
        "yearly", lag_days=480
    )  # VAR: yearly, about 16 months after the year

    def fetch(self, session, dest: Path) -> list[Path]:
        """GET the Tableau CSV export with the filters of the published table, keep the snapshot layout."""
        from pipelines import nis
        from pipelines.http import get

        url = BASE + SHEET + ".csv"
        session.headers.update({"Accept": "text/csv", "Accept-Encoding": "identity"})
        resp = get(session, url, source=self.name, params=sorted(QUERY.items()))
        ctype = resp.headers.get("Content-Type", "")
        if "html" in ctype or "json" in ctype:
            raise SourceError(
                self.name,
                f"Tableau answered {ctype!r}, not CSV (access denied or wrong sheet?)",
                url,
            )
        rows = tableau_to_rows(resp.text, nis.municipality_codes_2025(), self.name, url)
        path = dest / FILE
        rows.to_csv(path, index=False)
        read_table(path, self.name)
        return [path]

    def parse(self, snapshot: Path) -> pd.DataFrame:
        df = read_table(snapshot / FILE, self.name)
        return observations_frame(
            pd.DataFrame(
                {
                    "indicator_id": INDICATOR,
                    "geo_code": df["geo"],
                    "period": PERIOD,
                    "ref_date": REF_DATE,
                    "value": df["value"],
                    "status": df["suppressed"].map({True: "hidden", False: None}),
                }
            )
        )


SOURCE = VarAdminUnemploymentRate2024()
