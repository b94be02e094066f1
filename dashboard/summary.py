"""Plain-language statements for the public view, each built from warehouse figures.

Pure functions over the query layer, so the public text and the internal pages always show the
same numbers, and tests can check every sentence against the warehouse.
"""

from __future__ import annotations

import copy

import pandas as pd

from dashboard.disclosure import PublicQueries
from dashboard.disclosure import public_value
from dashboard.i18n import fmt_number
from dashboard.i18n import fmt_value
from dashboard.i18n import t


def _last(df: pd.DataFrame, geo: str, breakdown_value: str = "total"):
    """The latest period with a figure or a suppression (a hidden count is the latest fact too)."""
    shown = df["value"].notna() | (df["status"] == "suppressed")
    g = df[(df["geo_code"] == geo) & (df["breakdown_value"] == breakdown_value) & shown]
    if g.empty:
        return None, None, None
    row = g.sort_values("period").iloc[-1]
    return row["period"], row["value"], row["status"]


def _at(df: pd.DataFrame, geo: str, period: str, breakdown_value: str = "total"):
    g = df[(df["geo_code"] == geo) & (df["period"] == period) & (df["breakdown_value"] == breakdown_value)]
    return None if g.empty or pd.isna(g["value"].iloc[0]) else g["value"].iloc[0]


def _status_at(df: pd.DataFrame, geo: str, period: str, breakdown_value: str = "total"):
    g = df[(df["geo_code"] == geo) & (df["period"] == period) & (df["breakdown_value"] == breakdown_value)]
    return None if g.empty else g["status"].iloc[0]


CITY_JOBS, CITY_IN_SHARE, CITY_OUT_SHARE = "muni_jobs_at_workplace", "muni_in_commuter_share", "muni_out_commuter_share"
CITY_JOBRATIO = "muni_jobs_per_100_residents_15_64_2011"
CENSUS_EMPLOYMENT_RATE, CENSUS_UNEMPLOYMENT_RATE = "c21_employment_rate_15_64", "c21_unemployment_rate_15_64"


def _city_statements(Q: PublicQueries, lang: str) -> list[dict]:
    """Gent's own jobs and commuting (census 2011), where the municipal figures are loaded."""
    got = {i: Q.series(i, [Q.GENT], lang=lang) for i in (CITY_JOBS, CITY_IN_SHARE, CITY_OUT_SHARE, CITY_JOBRATIO)}
    year, jobs, status = _last(got[CITY_JOBS], Q.GENT)
    in_share, out_share = _at(got[CITY_IN_SHARE], Q.GENT, year or ""), _at(got[CITY_OUT_SHARE], Q.GENT, year or "")
    if not year or in_share is None or out_share is None:
        return []
    out = [{
        "key": "city_jobs",
        "text": t("public.stmt_city_jobs", lang, year=year, jobs=public_value(jobs, "persons", lang, status),
                  share=fmt_value(in_share, "%", lang), out_share=fmt_value(out_share, "%", lang)),
        "evidence": [CITY_JOBS, CITY_IN_SHARE, CITY_OUT_SHARE],
    }]
    ratio = _at(got[CITY_JOBRATIO], Q.GENT, year)
    if ratio is not None:
        out.append({"key": "city_jobratio",
                    "text": t("public.stmt_city_jobratio", lang, year=year, value=fmt_number(ratio, lang)),
                    "evidence": [CITY_JOBRATIO]})
    return out


def _arrondissement_statements(Q: PublicQueries, lang: str) -> list[dict]:
    """The arrondissement figures, said as such: only when Gent's own are not loaded."""
    out: list[dict] = []
    commute = Q.commuting([Q.ARR_GENT], lang=lang)
    if not commute.empty and pd.notna(commute["in_commuter_share"].iloc[0]):
        out.append({
            "key": "commuting",
            "text": t("public.stmt_commuting", lang, share=fmt_value(commute["in_commuter_share"].iloc[0], "%", lang),
                      jobs=public_value(commute["jobs"].iloc[0], "persons", lang)),
            "evidence": ["in_commuter_share", "employed_at_workplace"],
        })
    jobs = Q.series("jobs_per_100_inhabitants", [Q.ARR_GENT], lang=lang)
    jyear, jval, _ = _last(jobs, Q.ARR_GENT)
    if jyear and jval is not None and pd.notna(jval):
        out.append({"key": "jobs", "text": t("public.stmt_jobs", lang, year=jyear, value=fmt_number(jval, lang)),
                    "evidence": ["jobs_per_100_inhabitants"]})
    return out


# The sentences per warehouse version and language: every public visitor reads the same ones, and
# building them cost ~40 ms of each visit (benchmarks/load.py). Exact: a warehouse version never changes.
_statements: dict[tuple, list[dict]] = {}


def statements(con, lang: str) -> list[dict]:
    """A few sentences with their evidence (indicator ids, periods). Skips a sentence when data is missing.

    Every number comes through `PublicQueries` and is written with `public_value`, so a small count
    reads "< 4" in a sentence exactly as in the charts and tables."""
    version = getattr(con, "_version_key", None)  # dashboard.db's cursor: the warehouse file version
    if version is None:
        return _build_statements(con, lang)
    key = (version, lang)
    if key not in _statements:
        if len(_statements) > 8:
            _statements.clear()
        _statements[key] = _build_statements(con, lang)
    return copy.deepcopy(_statements[key])


def _build_statements(con, lang: str) -> list[dict]:
    out: list[dict] = []
    Q = PublicQueries(con)
    rate = Q.series("jobseeker_rate", Q.PEER_CITIES, lang=lang)
    nwwz = Q.series("jobseekers_nwwz", [Q.GENT], lang=lang)
    year, gent_rate, _ = _last(rate, Q.GENT)
    if year and gent_rate is not None and pd.notna(gent_rate):
        peers = {g: _at(rate, g, year) for g in (Q.ANTWERPEN, Q.GENK, Q.OOSTENDE)}
        out.append({
            "key": "rate",
            "text": t("public.stmt_rate", lang, year=year, rate=fmt_value(gent_rate, "%", lang),
                      nwwz=public_value(_at(nwwz, Q.GENT, year), "persons", lang, _status_at(nwwz, Q.GENT, year)),
                      antwerpen=fmt_value(peers[Q.ANTWERPEN], "%", lang), genk=fmt_value(peers[Q.GENK], "%", lang),
                      oostende=fmt_value(peers[Q.OOSTENDE], "%", lang)),
            "evidence": ["jobseeker_rate", "jobseekers_nwwz"],
        })
    out += _city_statements(Q, lang) or _arrondissement_statements(Q, lang)
    c21 = {i: Q.series(i, [Q.GENT], lang=lang) for i in (CENSUS_EMPLOYMENT_RATE, CENSUS_UNEMPLOYMENT_RATE)}
    cyear, emp, _ = _last(c21[CENSUS_EMPLOYMENT_RATE], Q.GENT)
    if cyear and emp is not None and pd.notna(emp):
        out.append({
            "key": "census2021",
            "text": t("public.stmt_census2021", lang, year=cyear, employment=fmt_value(emp, "%", lang),
                      unemployment=fmt_value(_at(c21[CENSUS_UNEMPLOYMENT_RATE], Q.GENT, cyear), "%", lang)),
            "evidence": [CENSUS_EMPLOYMENT_RATE, CENSUS_UNEMPLOYMENT_RATE],
        })
    origin = Q.series("jobseekers_wzw", [Q.GENT], breakdown="origin", lang=lang)
    total = Q.series("jobseekers_wzw", [Q.GENT], lang=lang)
    pop = Q.series("population_origin_share", [Q.GENT], breakdown="origin", lang=lang)
    oyear, non_eu, _ = _last(origin, Q.GENT, "non_eu")
    if oyear and non_eu is not None and pd.notna(non_eu):  # a share of a hidden count is not shown
        all_wzw = _at(total, Q.GENT, oyear)
        pop_year = str(int(oyear) + 1)  # 31 Dec job seekers vs 1 Jan population of the next year
        pop_share = _at(pop, Q.GENT, pop_year, "non_eu")
        if all_wzw and pop_share is not None:
            out.append({
                "key": "origin",
                "text": t("public.stmt_origin", lang, year=oyear, share=fmt_value(100 * non_eu / all_wzw, "%", lang),
                          pop_year=pop_year, pop_share=fmt_value(pop_share, "%", lang)),
                "evidence": ["jobseekers_wzw", "population_origin_share"],
            })
    vac = Q.series("vacancies_received", [Q.GENT], lang=lang)
    vyear, vval, vstatus = _last(vac, Q.GENT)
    if vyear:
        out.append({"key": "vacancies",
                    "text": t("public.stmt_vacancies", lang, year=vyear,
                              value=public_value(vval, "vacancies", lang, vstatus)),
                    "evidence": ["vacancies_received"]})
    bottleneck = Q.bottleneck_examples(lang)  # VDAB's list for Flanders: the latest count, three occupations on it
    if bottleneck:
        a, b, c = bottleneck["occupations"]
        out.append({"key": "bottleneck",
                    "text": t("public.stmt_bottleneck", lang, year=bottleneck["period"],
                              count=fmt_value(bottleneck["value"], "occupations", lang), a=a, b=b, c=c,
                              publisher=bottleneck["publisher"], url=bottleneck["url"]),
                    "evidence": [bottleneck["indicator_id"]]})
    return out


def chart_summary(df: pd.DataFrame, unit: str, lang: str, series: str = "geo_name") -> str:
    """One sentence per series: first and last value, so the chart's message is available as text."""
    parts = []
    for name, g in df[df["value"].notna()].groupby(series, sort=False):
        g = g.sort_values("period")
        first, last = g.iloc[0], g.iloc[-1]
        parts.append(t("public.chart_summary", lang, name=name, first=fmt_value(first["value"], unit, lang),
                       first_period=first["period"], last=fmt_value(last["value"], unit, lang),
                       last_period=last["period"]))
    return " ".join(parts)
