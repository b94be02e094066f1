"""Vacancies VDAB received per month in the construction sector, Flanders, 2016-01 to 2026-04 (VDAB
Arvastat, as compiled by github.com/gehuybre/embuild-analyses).

Why this source: it is the only shipped monthly vacancy series; the Policy Group follows construction
closely (shortage occupations, the Gent port and building sites), and a monthly series shows seasonality
and the 2020 and 2023 dips that annual totals hide. It is a sample of the market, not the whole of it.

The file (`apps/vacatures/public/data/monthly_totals.csv` at commit 8afffc63) is the repository's own
monthly total: its script sums VDAB Arvastat's per-occupation rows for "ontvangen vacatures, sector
bouw" per month (shared/data/SOURCES.md section 2). Columns: `period_end, period_year, period_month,
period_label, period_short, vacatures`, comma-separated.

Added by following pipelines/README.md "Add a source in 6 steps" literally (issue 3).
"""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pandas as pd

from pipelines.freshness import ReleaseRhythm
from pipelines.source import Indicator
from pipelines.source import RawFile
from pipelines.source import Source
from pipelines.source import SourceError
from pipelines.source import observations_frame

FILE = "monthly_totals.csv"
COMMIT = "8afffc632400d468330ff0b153b62a9bd9c4e719"
URL = f"https://raw.githubusercontent.com/gehuybre/embuild-analyses/{COMMIT}/apps/vacatures/public/data/{FILE}"
COLUMNS = ("period_end", "period_year", "period_month", "vacatures")
INDICATOR = "vacancies_received_construction_monthly"
FLANDERS = "02000"
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")

INDICATORS = (
    Indicator(
        id=INDICATOR,
        name_nl="Door VDAB ontvangen vacatures in de bouwsector, per maand (Vlaanderen)",
        name_en="Vacancies received by VDAB in the construction sector, per month (Flanders)",
        definition_nl=(
            "Aantal vacatures dat VDAB in de maand ontving voor de sector bouw, in heel Vlaanderen (Arvastat, "
            "'ontvangen vacatures, sector bouw'). Enkel de bouwsector en enkel vacatures die bij VDAB binnenkwamen."
        ),
        definition_en=(
            "Number of vacancies VDAB received in the month for the construction sector, all of Flanders "
            "(Arvastat, 'ontvangen vacatures, sector bouw'). Construction only, and only vacancies VDAB received."
        ),
        unit="vacancies",
        direction="neutral",
        period_type="month",
        numerator="ontvangen vacatures sector bouw / vacancies received, construction",
        denominator="",
        notes=(
            "Monthly total computed by the embuild-analyses authors as the sum of Arvastat's per-occupation rows. "
            "Not comparable with all-sector totals (vacancies_received, pub_vdab_vacancies_received_month). "
            "No Gent breakdown."
        ),
        concept="vacancies_received",
    ),
)


def read_rows(path: Path, source: str) -> list[dict]:
    """Read the CSV strictly: header, one row per month, consistent dates, whole non-negative counts."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            header = [c.strip() for c in reader.fieldnames or []]
            missing = [c for c in COLUMNS if c not in header]
            if missing:
                raise SourceError(source, f"missing column(s) {missing}; header is {header}", path)
            rows = []
            for line, row in enumerate(reader, start=2):
                m = _DATE.match((row["period_end"] or "").strip())
                if not m:
                    raise SourceError(
                        source,
                        f"line {line}: period_end {row['period_end']!r} is not YYYY-MM-DD",
                        path,
                    )
                year, month = int(m.group(1)), int(m.group(2))
                period = pd.Period(year=year, month=month, freq="M")
                if str(period.end_time.date()) != m.group(0):
                    raise SourceError(
                        source,
                        f"line {line}: period_end {m.group(0)} is not the last day of the month",
                        path,
                    )
                if (row["period_year"].strip(), row["period_month"].strip()) != (
                    str(year),
                    str(month),
                ):
                    raise SourceError(
                        source,
                        f"line {line}: period_year/period_month disagree with period_end {m.group(0)}",
                        path,
                    )
                count = (row["vacatures"] or "").strip()
                if not count.isdigit():
                    raise SourceError(
                        source, f"line {line}: vacatures {count!r} is not a whole number", path
                    )
                rows.append({"period": str(period), "ref_date": m.group(0), "value": float(count)})
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise SourceError(source, f"cannot read file: {exc}", path) from exc
    if not rows:
        raise SourceError(source, "file has a header but no rows", path)
    periods = [r["period"] for r in rows]
    if len(set(periods)) != len(periods):
        dup = sorted({p for p in periods if periods.count(p) > 1})
        raise SourceError(source, f"month(s) listed twice: {dup}", path)
    return rows


class VdabEmbuildConstructionSource(Source):
    name = "vdab_embuild_construction"
    title_nl = (
        "Ontvangen vacatures bouwsector per maand, Vlaanderen (VDAB Arvastat, via embuild-analyses)"
    )
    title_en = "Vacancies received in construction per month, Flanders (VDAB Arvastat, via embuild-analyses)"
    publisher = "VDAB (Arvastat), compiled by the gehuybre/embuild-analyses repository"
    licence = "VDAB Arvastat figures; the compiling repository states no licence (unverified)"
    url = "https://arvastat.vdab.be/"
    attribution = "Bron: VDAB Arvastat (ontvangen vacatures, sector bouw); compiled by github.com/gehuybre/embuild-analyses"
    period_covered = "January 2016 - April 2026, monthly"
    release_rhythm = ReleaseRhythm("monthly", lag_days=45)  # about six weeks after the month
    caveats = (
        "Construction sector only and Flanders only (no Gent breakdown): a sample of the vacancy market, not all "
        "vacancies. Only vacancies VDAB received. The monthly totals were computed by the embuild-analyses authors "
        f"(sum of Arvastat's per-occupation rows), file apps/vacatures/public/data/{FILE} at commit {COMMIT[:8]}, "
        "copied byte for byte."
    )
    files = (RawFile(FILE, URL, "monthly totals of received construction vacancies (Flanders)"),)
    indicators = INDICATORS

    def fetch(self, session, dest: Path) -> list[Path]:
        """Download the pinned file and check it parses before it becomes a snapshot."""
        files = super().fetch(session, dest)
        read_rows(dest / FILE, self.name)
        return files

    def parse(self, snapshot: Path) -> pd.DataFrame:
        rows = read_rows(snapshot / FILE, self.name)
        today = date.today().isoformat()
        future = [r["period"] for r in rows if r["ref_date"] > today]
        if future:  # the build's validation refuses these too; say it here with the file
            raise SourceError(self.name, f"month(s) in the future: {future[:3]}", snapshot / FILE)
        return observations_frame(
            [{"indicator_id": INDICATOR, "geo_code": FLANDERS, **r, "status": None} for r in rows]
        )


SOURCE = VdabEmbuildConstructionSource()
