"""The contract every source module fulfils.

A source module in `pipelines.sources` defines one `Source` subclass and exposes an
instance as `SOURCE`. The builder only talks to that small surface, so adding a source
never touches the shared machinery. `tests/test_source_contract.py` enforces it.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import ClassVar

import pandas as pd
import requests

# Breakdown codes and their labels live in one vocabulary; re-exported for the modules that import them here.
from pipelines.breakdowns import TOTAL  # noqa: F401
from pipelines.breakdowns import BreakdownLabel  # noqa: F401
from pipelines.freshness import ReleaseRhythm

# "index": a relative score (BIMD), not a rate; "establishments": business units, not jobs;
# "occupations": occupations on a published list (knelpuntberoepen).
UNITS = ("persons", "%", "ratio", "vacancies", "jobs", "index", "establishments", "occupations")
DIRECTIONS = ("higher_is_better", "higher_is_worse", "neutral")
PERIOD_TYPES = ("year", "month", "date")
# Why a value is absent. Publishers use distinct codes; collapsing them to 0 would lie.
STATUSES = ("no_value", "hidden", "missing", "not_applicable")

OBSERVATION_COLUMNS = [
    "indicator_id",
    "geo_code",
    "period",
    "ref_date",
    "breakdown",
    "breakdown_value",
    "value",
    "status",
]
GEOGRAPHY_COLUMNS = ["geo_code", "level", "parent_code", "name_nl", "name_fr", "name_en", "nuts_code"]
# nuts1/2/3: a NUTS region that is not one NIS unit (e.g. BE335, part of Arr. Verviers), keyed by its NUTS code.
GEO_LEVELS = ("country", "region", "province", "arrondissement", "municipality", "wijk", "nuts1", "nuts2", "nuts3")
# Areas some publishers report on that have no NIS code (e.g. EU, "13 centrumsteden (average)"): explicit codes.
GEO_LEVELS += ("supranational", "city_group")
# Eurostat Urban Audit cities keep their own code (BE003C): some are a "greater city", none equals a Statbel count.
GEO_LEVELS += ("ua_city",)
# Map boundaries: one GeoJSON geometry (WGS84) per area and boundary vintage (e.g. "municipalities_2025").
SHAPE_COLUMNS = ["geo_code", "level", "vintage", "geometry"]
# Per-observation provenance (observation key + the page a figure was read from), from observation_notes().
NOTE_COLUMNS = [
    "indicator_id", "geo_code", "period", "breakdown", "breakdown_value", "url", "title", "publisher", "note",
]
# Named items of a published list (e.g. VDAB's knelpuntberoepen: top list, new on / removed from the list), from
# occupation_lists(); names in both UI languages, `name_language` says which one was published (the other is ours).
LIST_COLUMNS = [
    "list_name", "list_year", "geo_code", "item_kind", "sublist", "rank", "rank_as_published", "item_order", "occupation_nl",
    "occupation_en", "name_language", "cause_as_published", "value", "unit_as_published", "url", "publisher", "quote",
]
LIST_ITEM_KINDS = ("top", "new", "removed")
# Dated statements that are quotes, not series (e.g. what the press said about Gent), from statements().
STATEMENT_COLUMNS = [
    "statement_id", "topic", "period", "geo_code", "geography_nl", "geography_en", "quote", "quote_language",
    "quote_nl", "quote_en", "value_as_published", "unit_as_published", "url", "publisher",
]


@dataclass(frozen=True)
class Indicator:
    """Metadata that travels with every number so a reader knows what it means."""

    id: str
    name_nl: str
    name_en: str
    definition_nl: str
    definition_en: str
    unit: str
    direction: str
    period_type: str
    numerator: str = ""
    denominator: str = ""
    notes: str = ""
    # Indicators measuring the same idea under different definitions share a concept
    # (e.g. "unemployment_rate" for VDAB werkzoekendengraad, RVA and ILO rates); they are
    # never merged into one series, and the explorer warns when they are shown together.
    concept: str = ""
    # Plausible range of a value (inclusive), checked by the shared validation for every source.
    # None = the default for the unit (`PLAUSIBLE_RANGES`); declare it when an indicator is narrower
    # or, rarely, wider (e.g. a ratio that can exceed 1000).
    min_value: float | None = None
    max_value: float | None = None
    # What a period means, so every label says it (dashboard.i18n.period_label): annual_average
    # ("jaargemiddelde 2024"), year_end (stock on 31/12), year_start (stock on 1/1), census (census
    # day), year_total (a flow over the year), month, or "" = a plain year/month as published.
    period_kind: str = ""


# Belgium's population (11.8 million on 1 January 2025, Statbel), rounded up: no count of persons,
# jobs or vacancies in a Belgian area can exceed it. A value outside its range is a unit or parsing
# error (a count in thousands read as units, 1e30 from a corrupt cell), never a figure to publish.
BELGIAN_POPULATION_CAP = 12_500_000
PLAUSIBLE_RANGES: dict[str, tuple[float, float]] = {
    "persons": (0, BELGIAN_POPULATION_CAP),
    "jobs": (0, BELGIAN_POPULATION_CAP),
    "vacancies": (0, BELGIAN_POPULATION_CAP),
    "%": (0, 100),
    "ratio": (0, 1000),
    # BIMD scores are exponentially transformed ranks on 0-100; establishments cannot outnumber residents.
    "index": (0, 100),
    "establishments": (0, BELGIAN_POPULATION_CAP),
    # Occupations on a list: VDAB's classification has some 650 occupations (234 were 36 % in 2023).
    "occupations": (0, 2000),
}
PERIOD_KINDS = ("annual_average", "year_end", "year_start", "census", "year_total", "month", "year")


def period_kind_of(ind: Indicator) -> str:
    """The indicator's period kind; a plain `month`/`year` when the source does not say more."""
    return ind.period_kind or ("month" if ind.period_type == "month" else "year")


@dataclass(frozen=True)
class RawFile:
    """One file of a snapshot: where it lives on the publisher's side, and its local name."""

    name: str
    url: str
    description: str = ""


# The fields that say what a source is; a snapshot's manifest copies them.
IDENTITY = ("name", "title_nl", "title_en", "publisher", "licence", "url", "attribution", "period_covered", "caveats")


@dataclass
class Source:
    """Base class: identity + fetch + parse + indicators. Subclasses override `parse`."""

    name: ClassVar[str]
    title_nl: ClassVar[str]
    title_en: ClassVar[str]
    publisher: ClassVar[str]
    licence: ClassVar[str]
    url: ClassVar[str]
    attribution: ClassVar[str] = ""
    period_covered: ClassVar[str] = ""
    caveats: ClassVar[str] = ""
    files: ClassVar[tuple[RawFile, ...]] = ()
    indicators: ClassVar[tuple[Indicator, ...]] = ()
    # Whether `fetch` has ever run against the publisher (the machines that built this had no internet).
    live_verified: ClassVar[bool] = False
    # True when nothing could be shipped (a live API, a manual export nobody has made yet): until a
    # snapshot exists the build skips the source and the contract test skips its snapshot checks.
    live_only: ClassVar[bool] = False
    # The publisher's release pace and lag (pipelines/freshness.py): required, so the sources page, the
    # meeting brief and `pipelines list` can say when new figures are due and flag an overdue source.
    release_rhythm: ClassVar[ReleaseRhythm | None] = None
    extra: dict = field(default_factory=dict)

    def fetch(self, session: requests.Session, dest: Path) -> list[Path]:
        """Download every raw file into `dest` (a new, empty snapshot folder)."""
        from pipelines.http import download

        return [download(session, f.url, dest / f.name, source=self.name) for f in self.files]

    def parse(self, snapshot: Path) -> pd.DataFrame:
        """Pure: raw files in `snapshot` -> tidy observations (OBSERVATION_COLUMNS)."""
        raise NotImplementedError

    def geographies(self, snapshot: Path) -> pd.DataFrame | None:
        """Optional: geographies this source defines (GEOGRAPHY_COLUMNS)."""
        return None

    def shapes(self, snapshot: Path) -> pd.DataFrame | None:
        """Optional: boundaries of the areas this source defines (SHAPE_COLUMNS), so the dashboard draws
        maps from the warehouse alone."""
        return None

    def observation_notes(self, snapshot: Path) -> pd.DataFrame | None:
        """Optional: provenance per observation (NOTE_COLUMNS), for sources whose rows come from
        different pages (published_figures); several notes per observation are allowed."""
        return None

    def manifest_extra(self, snapshot: Path) -> dict | None:
        """Optional: what a live fetch asked for (request URLs, parameters, credit line), added to the new
        snapshot's manifest.json; read from files the fetch wrote into `snapshot`."""
        return None

    def occupation_lists(self, snapshot: Path) -> pd.DataFrame | None:
        """Optional: named occupations of published lists (LIST_COLUMNS), written to `occupation_lists`."""
        return None

    def statements(self, snapshot: Path) -> pd.DataFrame | None:
        """Optional: dated quotes with publisher and link (STATEMENT_COLUMNS), written to `published_statements`;
        context, never a series."""
        return None

    def indicator(self, indicator_id: str) -> Indicator:
        for ind in self.indicators:
            if ind.id == indicator_id:
                return ind
        raise KeyError(indicator_id)

    def unfinished_identity(self) -> list[str]:
        """Identity fields (and file URLs) still holding a scaffold `TODO`: a snapshot would freeze
        them into its immutable manifest, so `snapshot` and the contract test refuse them."""
        fields = [f for f in IDENTITY if "TODO" in str(getattr(self, f, ""))]
        return fields + [f"files[{f.name}].url" for f in self.files if "TODO" in f.url]


class ManualSource(Source):
    """A source with nothing to download: its files are obtained by hand (a web application's export,
    figures read from pages, a conversion that needs other tooling) and imported with
    `python -m pipelines snapshot`. `fetch` refuses with `how_to_obtain`, the analyst's instructions."""

    how_to_obtain: ClassVar[str] = ""

    def fetch(self, session: requests.Session, dest: Path) -> list[Path]:
        raise SourceError(self.name, self.how_to_obtain)


class SourceError(Exception):
    """A problem with one source, phrased for the analyst: which source, which file, what."""

    def __init__(self, source: str, problem: str, file: str | Path | None = None):
        self.source = source
        self.file = str(file) if file else None
        self.problem = problem
        where = f" [{self.file}]" if self.file else ""
        super().__init__(f"source '{source}'{where}: {problem}")


def observations_frame(rows: list[dict] | pd.DataFrame) -> pd.DataFrame:
    """Normalise a parser's output to the observation columns and dtypes."""
    df = pd.DataFrame(rows)
    for col in OBSERVATION_COLUMNS:
        if col not in df.columns:
            df[col] = None
    df = df[OBSERVATION_COLUMNS].copy()
    df["breakdown"] = df["breakdown"].fillna(TOTAL)
    df["breakdown_value"] = df["breakdown_value"].fillna(TOTAL)
    df["value"] = pd.to_numeric(df["value"], errors="coerce").astype("float64")
    df["ref_date"] = pd.to_datetime(df["ref_date"]).dt.date
    for col in ("indicator_id", "geo_code", "period", "breakdown", "breakdown_value"):
        df[col] = df[col].astype(str)
    df["status"] = df["status"].astype(object).where(df["status"].notna(), None)
    return df.reset_index(drop=True)
