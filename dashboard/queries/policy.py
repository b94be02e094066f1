"""Warehouse queries for the Policy Group workspace (objectives, action groups, signals).

All parameterised; each returns a DataFrame or plain values. The policy store itself is SQLite
(`policy.store`); these only read the statistics the objectives are measured against.
"""

from __future__ import annotations

import pandas as pd

# The queries the policy rules need live in policy (which never imports dashboard); pages use them from here.
from policy.queries import (  # noqa: F401
    GENT,
    SERIES_COLUMNS,
    indicator_catalogue,
    jobseekers_vs_population_by_origin,
    lang_suffix,
    link_series_many,
    rates_by_group,
    vacancies_and_jobseekers,
    vacancies_by_sector,
)


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
    sfx = lang_suffix(lang)
    return {
        sid: f"{pub} – {title}"
        for sid, pub, title in con.execute(f"SELECT source_id, publisher, title_{sfx} FROM sources").fetchall()
    }
