"""The query layer's core: the shared lookups (series, indicator metadata, geographies, language columns).

Every query the dashboard runs lives in this package, parameterised, each returning the frame a chart
or card needs. Each page has its own module named after its view (`queries/paradox.py` for
`views/paradox.py`) that imports this core at the top; `queries/analysis.py` holds what the analysis
pages share, `queries/policy.py` the policy pages', `queries/brief.py` the meeting brief's.

Pages call these and never write SQL themselves, so the query layer is testable against a
real warehouse and shared by the internal and public views.
"""

from __future__ import annotations

import pandas as pd

from pipelines.config import lang_suffix
from pipelines.nis import ANTWERPEN  # noqa: F401 (the pages' reference areas)
from pipelines.nis import CITIES  # noqa: F401 (the pages' reference areas)
from pipelines.nis import GENK  # noqa: F401 (the pages' reference areas)
from pipelines.nis import GENT  # noqa: F401 (the pages' reference areas)
from pipelines.nis import OOSTENDE  # noqa: F401 (the pages' reference areas)

# Reference geographies for the paradox comparison (NIS codes).
PEER_CITIES = list(CITIES)
ARR_GENT, ARR_ANTWERPEN, ARR_HASSELT, ARR_OOSTENDE = "44000", "11000", "71000", "35000"
PEER_ARRONDISSEMENTS = [ARR_GENT, ARR_ANTWERPEN, ARR_HASSELT, ARR_OOSTENDE]
FLANDERS = "02000"


def lookup(df: pd.DataFrame, key: str, value: str) -> dict:
    """{key: value} of two columns of a query's frame, for a widget's labels or a table's lookups."""
    return dict(zip(df[key], df[value], strict=True))


def series(
    con,
    indicator_id: str,
    geo_codes: list[str],
    *,
    breakdown: str = "total",
    lang: str = "nl",
    period_from: str | None = None,
    period_to: str | None = None,
) -> pd.DataFrame:
    """One indicator for some geographies: a tidy frame ready for a chart or a table."""
    s = lang_suffix(lang)
    return con.execute(
        f"""
        SELECT o.geo_code, coalesce(g.name_{s}, g.name_nl) AS geo_name, o.period, o.ref_date,
               o.breakdown, o.breakdown_value,
               coalesce(b.label_{s}, o.breakdown_value) AS breakdown_label,
               coalesce(b.sort_order, 0) AS sort_order,
               o.value, o.status, o.source_id
        FROM observations o
        JOIN geographies g USING (geo_code)
        LEFT JOIN breakdowns b USING (breakdown, breakdown_value)
        WHERE o.indicator_id = ? AND list_contains(?, o.geo_code) AND o.breakdown = ?
          AND (? IS NULL OR o.period >= ?) AND (? IS NULL OR o.period <= ?)
        ORDER BY list_position(?, o.geo_code), sort_order, o.breakdown_value, o.period
        """,
        [indicator_id, list(geo_codes), breakdown, period_from, period_from, period_to, period_to, list(geo_codes)],
    ).df()


def indicator(con, indicator_id: str, lang: str = "nl") -> dict:
    """One indicator's metadata with its source and coverage.

    Read from the one all-indicators query (cached per warehouse version), so a page that shows
    seven indicators makes one round trip, not seven."""
    version = getattr(con, "_version_key", None)  # dashboard.db's cursor: the warehouse file version
    rows = _metadata_rows.get((version, lang)) if version is not None else None
    if rows is None:
        meta = indicator_metadata(con, lang)
        rows = {r["indicator_id"]: r for r in meta.to_dict("records")}
        if version is not None:  # exact: a warehouse version never changes
            if len(_metadata_rows) > 16:
                _metadata_rows.clear()
            _metadata_rows[(version, lang)] = rows
    if indicator_id not in rows:
        raise KeyError(indicator_id)
    return dict(rows[indicator_id])


# Indicator metadata as one dict per indicator, per warehouse version and language: a page asks for
# up to twenty of them and filtering the frame each time cost ~5 ms a call (benchmarks/load.py).
_metadata_rows: dict[tuple, dict[str, dict]] = {}


def indicator_metadata(con, lang: str = "nl") -> pd.DataFrame:
    sfx = lang_suffix(lang)
    return con.execute(
        f"""
        SELECT i.indicator_id, i.name_{sfx} AS name, i.definition_{sfx} AS definition, i.unit, i.direction,
               i.period_type, i.period_kind, i.numerator, i.denominator, i.notes, i.source_id,
               s.title_{sfx} AS source_title, s.publisher, s.licence, s.attribution,
               c.first_period, c.last_period
        FROM indicators i JOIN sources s USING (source_id)
        LEFT JOIN indicator_coverage c USING (indicator_id)
        ORDER BY i.indicator_id
        """
    ).df()


def indicators_with_data(con, lang: str = "nl") -> pd.DataFrame:
    """Indicators with at least one row, by name: the explorer's picker."""
    sfx = lang_suffix(lang)
    return con.execute(
        f"""
        SELECT i.indicator_id, i.name_{sfx} AS name, i.unit, i.source_id,
               c.first_period, c.last_period, c.n_values AS n
        FROM indicators i JOIN indicator_coverage c USING (indicator_id)
        WHERE c.n_rows > 0
        ORDER BY name
        """
    ).df()


def breakdowns_of(con, indicator_id: str) -> list[str]:
    rows = con.execute(
        "SELECT DISTINCT breakdown FROM indicator_breakdowns WHERE indicator_id = ? ORDER BY breakdown = 'total' DESC, 1",
        [indicator_id],
    ).fetchall()
    return [r[0] for r in rows]


def geographies_of(con, indicator_id: str, lang: str = "nl") -> pd.DataFrame:
    """Geographies that have data for this indicator, peers first so defaults make sense."""
    s = lang_suffix(lang)
    return con.execute(
        f"""
        SELECT g.geo_code, coalesce(g.name_{s}, g.name_nl) AS geo_name, g.level
        FROM geographies g
        WHERE g.geo_code IN (SELECT DISTINCT geo_code FROM observations WHERE indicator_id = ?)
        ORDER BY g.level, geo_name
        """,
        [indicator_id],
    ).df()


def periods_of(con, indicator_id: str) -> list[str]:
    rows = con.execute(
        "SELECT DISTINCT period FROM observations WHERE indicator_id = ? ORDER BY 1", [indicator_id]
    ).fetchall()
    return [r[0] for r in rows]


def commuting(con, geo_codes: list[str], lang: str = "nl") -> pd.DataFrame:
    """Census 2011 per area (the `commuting_census` mart): jobs located there, employed residents, in- and
    out-commuters, their shares and the jobs held by residents, in the order of `geo_codes`."""
    s = lang_suffix(lang)
    return con.execute(
        f"""
        SELECT c.geo_code, coalesce(g.name_{s}, g.name_nl) AS geo_name, c.period, c.jobs, c.employed_residents,
               c.in_commuters, c.out_commuters, c.in_commuter_share, c.out_commuter_share, c.residents,
               c.resident_share
        FROM commuting_census c JOIN geographies g USING (geo_code)
        WHERE list_contains(?, c.geo_code)
        ORDER BY list_position(?, c.geo_code), c.period
        """,
        [list(geo_codes), list(geo_codes)],
    ).df()


def sources_overview(con, lang: str = "nl") -> pd.DataFrame:
    sfx = lang_suffix(lang)
    return con.execute(
        f"""
        WITH last AS (
            SELECT source_id, arg_max(status, finished_at) AS last_status, max(finished_at) AS last_load
            FROM load_log GROUP BY source_id
        )
        SELECT s.source_id, s.title_{sfx} AS title, s.publisher, s.period_covered, s.snapshot, s.retrieved_at,
               s.licence, s.attribution, s.url, s.live_verified, s.caveats,
               c.n_rows AS rows, c.first_period, c.last_period,
               l.last_status, l.last_load
        FROM sources s LEFT JOIN last l USING (source_id) LEFT JOIN source_coverage c USING (source_id)
        ORDER BY s.source_id
        """
    ).df()


def build_info(con) -> dict[str, str]:
    return dict(con.execute("SELECT key, value FROM build_info").fetchall())


def city_commuting(con, geo_codes: list[str], lang: str = "nl") -> pd.DataFrame:
    """Each municipality's own jobs (census 2011) split into those held by residents (live and work there)
    and by in-commuters, in the columns `charts.commuting_chart` draws. `jobs` is the census job count;
    the split comes from the commuting columns, which leave out ~4 % of workers (so residents + in-commuters
    is a little below `jobs`). Areas without the municipal figures are left out."""
    name = "name_en" if lang == "en" else "name_nl"
    return con.execute(
        f"""
        SELECT o.geo_code, coalesce(g.{name}, g.name_nl) AS geo_name, o.period,
               max(o.value) FILTER (WHERE o.indicator_id = 'muni_jobs_at_workplace') AS jobs,
               max(o.value) FILTER (WHERE o.indicator_id = 'muni_live_and_work') AS residents,
               max(o.value) FILTER (WHERE o.indicator_id = 'muni_in_commuters') AS in_commuters,
               max(o.value) FILTER (WHERE o.indicator_id = 'muni_in_commuter_share') AS in_commuter_share,
               max(o.value) FILTER (WHERE o.indicator_id = 'muni_out_commuters') AS out_commuters,
               max(o.value) FILTER (WHERE o.indicator_id = 'muni_out_commuter_share') AS out_commuter_share
        FROM observations o JOIN geographies g USING (geo_code)
        WHERE o.indicator_id IN ('muni_jobs_at_workplace', 'muni_live_and_work', 'muni_in_commuters',
                                 'muni_in_commuter_share', 'muni_out_commuters', 'muni_out_commuter_share')
          AND o.breakdown = 'total' AND list_contains(?, o.geo_code)
        GROUP BY o.geo_code, g.name_nl, g.name_en, o.period
        HAVING jobs IS NOT NULL AND in_commuter_share IS NOT NULL
        ORDER BY list_position(?, any_value(o.geo_code))
        """,
        [list(geo_codes), list(geo_codes)],
    ).df()
