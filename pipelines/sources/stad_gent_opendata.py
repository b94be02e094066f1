"""Stad Gent open data (Opendatasoft Explore API v2.1): a generic source plus catalogue discovery.

Why this source: data.stad.gent is where the City publishes its own tables. No dataset about work or
unemployment could be verified from here (no internet; see shared/data/LIVE_APIS.md section 2), so:

- `python -m pipelines discover stad-gent [--query werk ...]` searches the live catalogue
  (`GET /catalog/datasets?where=search("werk")`) and prints id, title, records and last modification,
  so an analyst can find the labour-market datasets;
- `DATASETS` says which datasets this source loads and how their columns map to observations. It holds
  one dataset whose id and columns are seen in public code that calls this API
  (`bevolkingsaantal-per-jaar-gent`, CSV export with labels `Period` and `ValueString`); add a
  labour-market dataset by appending an `OdsDataset` after checking its columns with `discover` and
  `GET /catalog/datasets/{id}`.

Fetch, per dataset: `GET /catalog/datasets/{id}` (metadata JSON, kept as `{id}.metadata.json`) and
`GET /catalog/datasets/{id}/exports/csv?use_labels=true&delimiter=;` (the full table, no 100-row cap,
kept as `{id}.csv`). Nothing is shipped (no snapshot), so the offline build skips this source until a
live fetch has run: `python -m pipelines build --live --source stad_gent_opendata`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

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
from pipelines.tables import require_columns

NAME = "stad_gent_opendata"
BASE = "https://data.stad.gent/api/explore/v2.1"
DISCOVERY_QUERIES = ("werk", "werkloosheid", "werkzoekenden", "arbeidsmarkt", "wijkmonitor")
PAGE = 100
MAX_OFFSET = 10_000  # the API refuses offset + limit above 10,000


@dataclass(frozen=True)
class OdsDataset:
    """How one Opendatasoft dataset becomes observations (column names as exported with use_labels=true)."""

    dataset_id: str
    indicator_id: str
    period_column: str  # holds a year (2019) or a month (2019-12)
    value_column: str
    geo_code: str = ""  # a fixed NIS code for the whole table, or
    geo_column: str = ""  # a column holding NIS codes
    breakdown: str = ""  # breakdown name, with the column holding its category
    breakdown_column: str = ""
    ref_day: str = "12-31"  # reference day for yearly periods (MM-DD), as the dataset defines it


DATASETS: tuple[OdsDataset, ...] = (
    OdsDataset(
        dataset_id="bevolkingsaantal-per-jaar-gent",
        indicator_id="stad_gent_population",
        period_column="Period",
        value_column="ValueString",
        geo_code=nis.GENT,
        ref_day="01-01",
    ),
)

INDICATORS = (
    Indicator(
        id="stad_gent_population",
        name_nl="Bevolking van Gent (Stad Gent open data)",
        name_en="Population of Gent (City of Gent open data)",
        definition_nl="Aantal inwoners van Gent per jaar zoals Stad Gent het publiceert (dataset bevolkingsaantal-per-jaar-gent).",
        definition_en="Number of inhabitants of Gent per year as published by the City (dataset bevolkingsaantal-per-jaar-gent).",
        unit="persons",
        direction="neutral",
        period_type="year",
        numerator="inwoners / inhabitants",
        notes=(
            "The dataset does not state its reference day in what we could check; 1 January is assumed (as "
            "Statbel). May differ slightly from Statbel's legal population (statbel_origin)."
        ),
        concept="population",
    ),
)


def dataset_url(dataset_id: str) -> str:
    return f"{BASE}/catalog/datasets/{dataset_id}"


def export_url(dataset_id: str) -> str:
    return f"{BASE}/catalog/datasets/{dataset_id}/exports/csv"


EXPORT_PARAMS = {"use_labels": "true", "delimiter": ";"}


def _json(session: requests.Session, url: str, source: str, params=None) -> dict:
    from pipelines.http import get

    resp = get(session, url, source=source, params=params)
    try:
        data = resp.json()
    except ValueError as exc:
        raise SourceError(source, f"not JSON: {resp.text[:120]!r}", resp.url) from exc
    if not isinstance(data, dict):
        raise SourceError(source, f"expected a JSON object, got {type(data).__name__}", resp.url)
    return data


def discover(
    session: requests.Session, queries=DISCOVERY_QUERIES, source: str = NAME
) -> list[dict]:
    """Datasets matching any query (ODSQL `search()`), one row each: id, title, records, modified, query."""
    found: dict[str, dict] = {}
    for query in queries:
        offset = 0
        while True:
            where = 'search("{}")'.format(query.replace('"', ""))
            data = _json(
                session,
                f"{BASE}/catalog/datasets",
                source,
                params={"where": where, "limit": PAGE, "offset": offset},
            )
            results = data.get("results")
            if not isinstance(results, list):
                raise SourceError(
                    source, "catalog answer has no 'results' list", f"{BASE}/catalog/datasets"
                )
            for ds in results:
                meta = (ds.get("metas") or {}).get("default") or {}
                found.setdefault(
                    ds.get("dataset_id", "?"),
                    {
                        "dataset_id": ds.get("dataset_id", "?"),
                        "title": meta.get("title") or "",
                        "records": meta.get("records_count"),
                        "modified": (meta.get("modified") or "")[:10],
                        "query": query,
                    },
                )
            offset += PAGE
            if not results or offset >= min(int(data.get("total_count") or 0), MAX_OFFSET):
                break
    return sorted(found.values(), key=lambda d: d["dataset_id"])


def _period(text: str) -> str | None:
    text = text.strip()
    m = re.fullmatch(r"((?:19|20)\d\d)(?:\.0)?", text)
    if m:
        return m.group(1)
    if re.fullmatch(r"(19|20)\d\d-(0[1-9]|1[0-2])", text):
        return text
    return None


def dataset_observations(ds: OdsDataset, path: Path, source: str = NAME) -> pd.DataFrame:
    """One exported CSV -> observations, strictly: every needed column, period and number must be there."""
    try:
        df = pd.read_csv(path, sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, ValueError) as exc:
        raise SourceError(source, f"cannot read the CSV export: {exc}", path) from exc
    needed = [
        c for c in (ds.period_column, ds.value_column, ds.geo_column, ds.breakdown_column) if c
    ]
    require_columns(df, needed, source, path, ds.dataset_id)
    if df.empty:
        raise SourceError(source, f"{ds.dataset_id}: the export has no rows", path)
    rows = []
    for i, r in df.iterrows():
        line = i + 2
        period = _period(r[ds.period_column])
        if period is None:
            raise SourceError(
                source,
                f"line {line}: {ds.period_column}={r[ds.period_column]!r} is not a year or month",
                path,
            )
        raw = r[ds.value_column].strip().replace(",", ".")
        try:
            value, status = (float(raw), None) if raw else (None, "no_value")
        except ValueError:
            raise SourceError(
                source, f"line {line}: {ds.value_column}={raw!r} is not a number", path
            ) from None
        geo = ds.geo_code or r[ds.geo_column].strip()
        if not re.fullmatch(r"\d{5}", geo):
            raise SourceError(source, f"line {line}: {geo!r} is not a 5-digit NIS code", path)
        ref_date = (
            f"{period}-{ds.ref_day}"
            if len(period) == 4
            else str(pd.Period(period, freq="M").end_time.date())
        )
        rows.append(
            {
                "indicator_id": ds.indicator_id,
                "geo_code": geo,
                "period": period,
                "ref_date": ref_date,
                "breakdown": ds.breakdown or TOTAL,
                "breakdown_value": r[ds.breakdown_column].strip() if ds.breakdown_column else TOTAL,
                "value": value,
                "status": status,
            }
        )
    out = observations_frame(rows)
    key = ["indicator_id", "geo_code", "period", "breakdown", "breakdown_value"]
    if out.duplicated(key).any():
        d = out[out.duplicated(key, keep=False)].iloc[0]
        raise SourceError(
            source, f"{ds.dataset_id}: two rows for {d['geo_code']} {d['period']}", path
        )
    return out


class StadGentOpendata(Source):
    name = NAME
    title_nl = "Stad Gent open data (data.stad.gent)"
    title_en = "City of Gent open data (data.stad.gent)"
    publisher = "Stad Gent (Data & Informatie), Opendatasoft portal data.stad.gent"
    licence = (
        "Per dataset, as stated in its metadata (often Modellicentie Gratis Hergebruik; unverified)"
    )
    url = "https://data.stad.gent/"
    attribution = "Bron: Stad Gent, data.stad.gent"
    period_covered = "per configured dataset"
    # the city's yearly datasets, mostly in the autumn
    release_rhythm = ReleaseRhythm("yearly", lag_days=270)
    caveats = (
        "Live-only: no snapshot is shipped and the fetch has never run against the portal. No work or "
        "unemployment dataset id is verified; run `python -m pipelines discover stad-gent` and add one to "
        "DATASETS. The configured population dataset's columns (Period, ValueString) come from public code "
        "that calls the same export."
    )
    files = tuple(
        RawFile(f"{d.dataset_id}.csv", export_url(d.dataset_id), "CSV export (;)") for d in DATASETS
    ) or (RawFile("catalog.json", f"{BASE}/catalog/datasets", "catalogue (no dataset configured)"),)
    indicators = INDICATORS
    live_only = True
    datasets: ClassVar[tuple[OdsDataset, ...]] = DATASETS

    def fetch(self, session, dest: Path) -> list[Path]:
        """Metadata JSON + full CSV export per configured dataset; the CSV is checked before it is kept."""
        from pipelines.http import download

        if not self.datasets:
            raise SourceError(
                self.name,
                "no dataset configured in DATASETS; run `python -m pipelines discover stad-gent`",
            )
        written = []
        for ds in self.datasets:
            meta = _json(session, dataset_url(ds.dataset_id), self.name)
            if meta.get("dataset_id") != ds.dataset_id:
                raise SourceError(
                    self.name,
                    f"metadata names dataset {meta.get('dataset_id')!r}, not {ds.dataset_id!r}",
                    dataset_url(ds.dataset_id),
                )
            meta_path = dest / f"{ds.dataset_id}.metadata.json"
            meta_path.write_text(
                json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
            )
            csv_path = download(
                session,
                export_url(ds.dataset_id),
                dest / f"{ds.dataset_id}.csv",
                source=self.name,
                params=EXPORT_PARAMS,
            )
            dataset_observations(
                ds, csv_path, self.name
            )  # fail the fetch now, not at the next build
            written += [meta_path, csv_path]
        return written

    def parse(self, snapshot: Path) -> pd.DataFrame:
        frames = []
        for ds in self.datasets:
            path = snapshot / f"{ds.dataset_id}.csv"
            if not path.is_file():
                raise SourceError(
                    self.name,
                    f"dataset {ds.dataset_id} is configured but not in the snapshot",
                    path,
                )
            frames.append(dataset_observations(ds, path, self.name))
        if not frames:
            raise SourceError(self.name, "no dataset configured in DATASETS", snapshot)
        return pd.concat(frames, ignore_index=True)


SOURCE = StadGentOpendata()
