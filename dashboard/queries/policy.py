"""Warehouse queries for the Policy Group workspace (objectives, action groups, signals).

All parameterised; each returns a DataFrame or plain values. The policy store itself is SQLite
(`policy.store`); these only read the statistics the objectives are measured against.
"""

from __future__ import annotations

import pandas as pd

# The queries the policy rules need live in policy (which never imports dashboard); pages use them from here.
from policy.queries import GENT  # noqa: F401
from policy.queries import SERIES_COLUMNS  # noqa: F401
from policy.queries import indicator_catalogue  # noqa: F401
from policy.queries import jobseekers_vs_population_by_origin  # noqa: F401
from policy.queries import lang_suffix  # noqa: F401
from policy.queries import link_series_many  # noqa: F401
from policy.queries import rates_by_group  # noqa: F401
from policy.queries import vacancies_and_jobseekers  # noqa: F401
from policy.queries import vacancies_by_sector  # noqa: F401


def labels(con, lang: str = "nl") -> dict[str, dict[str, str]]:
    """Display names: {'geo': {code: name}, 'breakdown': {'origin/non_eu': label}}."""
    s = lang_suffix(lang)
    geos = dict(con.execute(f"SELECT geo_code, coalesce(name_{s}, name_nl) FROM geographies").fetchall())
    bds = {
        f"{b}/{v}": lab
        for b, v, lab in con.execute(f"SELECT breakdown, breakdown_value, label_{s} FROM breakdowns").fetchall()
    }
    return {"geo": geos, "breakdown": bds}


def rate_by_group(con, breakdown: str, geo_code: str = GENT) -> pd.DataFrame:
    """Job-seeker rate per category of `breakdown` (age, sex) beside the total rate, latest year."""
    return rates_by_group(con, [breakdown], geo_code)[breakdown]


def source_titles(con, lang: str = "nl") -> dict[str, str]:
    from dashboard.provenance import source_text  # publishers in the reader's language

    sfx = lang_suffix(lang)
    return {
        sid: f"{source_text(sid, 'publisher', lang, pub)} – {title}"
        for sid, pub, title in con.execute(f"SELECT source_id, publisher, title_{sfx} FROM sources").fetchall()
    }


def editor_choices(con, lang: str = "nl") -> dict:
    """What the policy editor's pickers offer, from the warehouse: indicators by name and unit, areas by
    name, breakdowns and their categories by label, and the latest value of every linkable total."""
    from dashboard.i18n import catalogue
    from dashboard.i18n import t

    sfx = lang_suffix(lang)
    name = f"name_{sfx}"
    indicators = {i: f"{n} ({t(f'unit.{u}', lang) if u not in ('%',) else '%'})" for i, n, u in con.execute(
        f"SELECT indicator_id, {name}, unit FROM indicators ORDER BY {name}").fetchall()}
    areas = {g: n for g, n in con.execute(
        f"SELECT geo_code, coalesce({name}, name_nl) FROM geographies "
        "WHERE geo_code IN (SELECT DISTINCT geo_code FROM geo_coverage WHERE n_values > 0) "
        "ORDER BY level <> 'municipality', 2").fetchall()}
    values = {}
    dims = {}
    for dim, val, label in con.execute(
            f"SELECT breakdown, breakdown_value, label_{sfx} FROM breakdowns ORDER BY breakdown, sort_order").fetchall():
        dims.setdefault(dim, t(f"breakdown.{dim}", lang) if f"breakdown.{dim}" in catalogue(lang) else label)
        values.setdefault(val, label)
    latest = {(i, g): (v, p) for i, g, p, v in con.execute(
        "SELECT indicator_id, geo_code, last_total_period, last_total_value FROM geo_coverage "
        "WHERE last_total_value IS NOT NULL").fetchall()}
    units = dict(con.execute("SELECT indicator_id, unit FROM indicators").fetchall())
    kinds = dict(con.execute("SELECT indicator_id, period_kind FROM indicators").fetchall())
    return {"indicators": indicators, "areas": areas, "breakdowns": dims, "values": values, "latest": latest,
            "units": units, "kinds": kinds}
