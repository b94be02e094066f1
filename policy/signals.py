"""Gap signals: the findings the Policy Group should discuss, ranked, each with its evidence.

The charter asks the Policy Group to "jointly detect lacunae on the local job market". These
rules turn the warehouse and the policy store into a short, ranked agenda. All rules and their
thresholds live in this one module; tests/test_policy_signals.py checks each on real extracts.

Rules (evaluated for Gent, FOCUS_GEO, unless a link names another area):

1. objective_*: an objective-indicator link whose progress status (policy.progress) is
   target_missed, deteriorating, no_progress, limited_progress or acceleration_needed.
2. moving_against: a linked series (or, when the linked indicator is not in the warehouse, its
   context indicator, labelled as such) moved against the objective's direction between its last
   two periods by at least MOVING_AGAINST_MIN_CHANGE (relative change).
3. over_representation: a group's share among job seekers is at least OVERREPRESENTATION_MIN_RATIO
   times its share of the comparison population:
   - origin (non-EU, EU): job seekers without work on 31/12 (WZW) vs the whole population on the
     next 1 January. The warehouse has no population by origin AND age, so the comparison is
     with all ages, not the working-age population; the evidence says so.
   - age and sex: the group's job-seeker rate divided by the total rate, which equals its share
     among job seekers over its share of the labour force.
4. vacancies_beside_jobseekers: VDAB received at least VACANCIES_PER_JOBSEEKER_MIN vacancies in
   the year per average job seeker, with the TOP_SECTORS sectors by vacancies. Matching
   occupations is impossible: job seekers have no occupation or sector breakdown here.
5. blind_spot: indicators with a direction (not neutral) and data for Gent that no objective
   links to, neither directly nor through an indicator of the same concept; one signal per
   concept (its indicators measure one idea), the one with most Gent figures first.

Ranking: score = tier (TIER, higher first) + a magnitude below 10 within the tier (how far off
track, how large the move or the over-representation).
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from typing import Any

import pandas as pd

from pipelines.nis import GENT
from policy import queries as Q
from policy.progress import OFF_TRACK
from policy.progress import Progress
from policy.progress import assess

FOCUS_GEO = GENT
OVERREPRESENTATION_MIN_RATIO = 1.25
MOVING_AGAINST_MIN_CHANGE = 0.01
VACANCIES_PER_JOBSEEKER_MIN = 0.5
TOP_SECTORS = 5
TIER = {
    "objective_target_missed": 100,
    "objective_deteriorating": 95,
    "objective_no_progress": 90,
    "objective_limited_progress": 80,
    "moving_against": 70,
    "over_representation": 60,
    "objective_acceleration_needed": 50,
    "vacancies_beside_jobseekers": 40,
    "blind_spot": 20,
}
MAX_MAGNITUDE = 9.99


@dataclass
class Signal:
    rule: str
    score: float
    params: dict[str, Any]  # raw values for the text; `units` says how to format numbers
    evidence: list[dict[str, Any]]  # indicator_id, geo_code, breakdown, breakdown_value, period, value, unit, source_id
    units: dict[str, str] = field(default_factory=dict)
    link: dict[str, Any] | None = None  # query params for the Indicatoren page
    is_example: bool = False
    objective_id: str | None = None
    text_key: str | None = None  # message variant when one rule has two wordings

    @property
    def message(self) -> str:
        return self.text_key or self.rule


@dataclass
class LinkResult:
    link: dict
    progress: Progress
    series: pd.DataFrame
    indicator: dict | None  # catalogue row of the linked indicator, None when not in the warehouse
    context: dict | None = None  # catalogue row of the context indicator
    context_series: pd.DataFrame | None = None


def _mag(x: float) -> float:
    return max(0.0, min(float(x), MAX_MAGNITUDE))


def _deep_link(indicator_id: str, geo: str, breakdown: str, periods: list[str], *, whole: bool = True) -> dict:
    """Query params for the Indicatoren page; `whole`: the full history up to the evidence, for context."""
    p = sorted(periods)
    return {"indicator": indicator_id, "geo": [geo], "breakdown": breakdown, "to": p[-1]} | (
        {} if whole else {"from": p[0]})


def _ev(indicator_id, geo, breakdown, value_code, period, value, unit, source_id, **extra) -> dict:
    return dict(indicator_id=indicator_id, geo_code=geo, breakdown=breakdown, breakdown_value=value_code,
                period=None if period is None or pd.isna(period) else str(period),
                value=None if value is None or pd.isna(value) else float(value), unit=unit,
                source_id=source_id, **extra)


# --------------------------------------------------------------------------- evaluation


def evaluate_links(con, links: list[dict], catalogue: pd.DataFrame | None = None,
                   known_series: dict[tuple, pd.DataFrame] | None = None) -> dict[str, LinkResult]:
    """Progress of every link against the warehouse (shared by the pages and the signals).

    `known_series`: series already read, by (indicator, area, breakdown, category); only the others
    are queried."""
    cat = (Q.indicator_catalogue(con) if catalogue is None else catalogue).set_index("indicator_id")

    def key(ind: str, link: dict) -> tuple[str, str, str, str]:
        return (ind, link["geo_code"], link["breakdown"], link["breakdown_value"])

    wanted = [key(lk["indicator_id"], lk) for lk in links]
    wanted += [key(lk["context_indicator_id"], lk) for lk in links if lk.get("context_indicator_id") in cat.index]
    known = known_series or {}
    all_series = Q.link_series_many(con, [k for k in wanted if k not in known])  # one round trip, not two per link
    all_series.update({k: known[k] for k in wanted if k in known})
    out: dict[str, LinkResult] = {}
    for link in links:
        ind_id = link["indicator_id"]
        meta = cat.loc[ind_id].to_dict() | {"indicator_id": ind_id} if ind_id in cat.index else None
        series = all_series[key(ind_id, link)]
        prog = assess(link, series, indicator_exists=meta is not None)
        res = LinkResult(link, prog, series, meta)
        ctx = link.get("context_indicator_id")
        if ctx and ctx in cat.index:
            res.context = cat.loc[ctx].to_dict() | {"indicator_id": ctx}
            res.context_series = all_series[key(ctx, link)]
        out[link["id"]] = res
    return out


# --------------------------------------------------------------------------- rules


def objectives_off_track(results: dict[str, LinkResult], objectives: dict[str, dict]) -> list[Signal]:
    signals = []
    for res in results.values():
        p, link = res.progress, res.link
        if p.status not in OFF_TRACK:
            continue
        if p.status == "target_missed":
            mag = abs(p.latest_value - p.target_value) / abs(p.target_value) * 10
        elif p.status == "deteriorating":
            mag = -(p.ratio or 0) * 10
        elif p.status == "no_progress":
            mag = 6.0
        elif p.status == "limited_progress":
            mag = (0.60 - p.ratio) * 10
        else:
            mag = (0.95 - p.ratio) * 10
        obj = objectives.get(link["objective_id"], {})
        unit = res.indicator["unit"]
        rule = f"objective_{p.status}"
        signals.append(Signal(
            rule=rule, score=TIER[rule] + _mag(mag),
            params=dict(objective={"nl": obj.get("title_nl"), "en": obj.get("title_en") or obj.get("title_nl")},
                        baseline=p.baseline_value, baseline_period=p.baseline_period, latest=p.latest_value,
                        latest_period=p.latest_period, target=p.target_value, target_year=p.target_year,
                        ratio=p.ratio),
            units=dict(baseline=unit, latest=unit, target=unit, ratio="ratio"),
            evidence=[
                _ev(link["indicator_id"], link["geo_code"], link["breakdown"], link["breakdown_value"],
                    p.baseline_period, p.baseline_value, unit,
                    res.indicator["source_id"] if p.baseline_from == "warehouse" else "policy_store",
                    role="baseline"),
                _ev(link["indicator_id"], link["geo_code"], link["breakdown"], link["breakdown_value"],
                    p.latest_period, p.latest_value, unit, res.indicator["source_id"], role="latest"),
            ],
            link=_deep_link(link["indicator_id"], link["geo_code"], link["breakdown"],
                            [p.baseline_period[:4], p.latest_period], whole=False),
            is_example=bool(link.get("is_example") or obj.get("is_example")), objective_id=link["objective_id"],
        ))
    return signals


def moving_against(results: dict[str, LinkResult], objectives: dict[str, dict]) -> list[Signal]:
    seen: dict[tuple, Signal] = {}
    for res in results.values():
        link = res.link
        use_context = res.indicator is None and res.context is not None
        meta, series = (res.context, res.context_series) if use_context else (res.indicator, res.series)
        if meta is None or series is None:
            continue
        obs = series[series["value"].notna()].sort_values("period")
        if len(obs) < 2:
            continue
        prev, last = obs.iloc[-2], obs.iloc[-1]
        if not prev["value"]:
            continue
        change = (last["value"] - prev["value"]) / abs(prev["value"])
        sign = 1 if link["direction"] == "higher_is_better" else -1
        if change * sign >= 0 or abs(change) < MOVING_AGAINST_MIN_CHANGE:
            continue
        key = (meta["indicator_id"], link["geo_code"], link["breakdown"], link["breakdown_value"])
        obj = objectives.get(link["objective_id"], {})
        # `context`: the objective's own indicator is not in the warehouse; this is another definition.
        example = bool(link.get("is_example") or obj.get("is_example"))
        title = {"nl": obj.get("title_nl"), "en": obj.get("title_en") or obj.get("title_nl"), "context": use_context,
                 "example": example}
        if key in seen:  # one series, several objectives: one signal naming them all
            sig = seen[key]
            sig.params["objectives"].append(title)
            sig.is_example = sig.is_example and example
            continue
        unit = meta["unit"]
        # what the reader sees: a rate's change in percentage points, a count's as a relative change
        shown, shown_unit = (last["value"] - prev["value"], "pp") if unit == "%" else (change * 100, "rel%")
        seen[key] = Signal(
            rule="moving_against", score=TIER["moving_against"] + _mag(abs(change) * 100),
            params=dict(objectives=[title], indicator={"nl": meta["name_nl"], "en": meta["name_en"]},
                        prev=prev["value"], prev_period=prev["period"], last=last["value"],
                        last_period=last["period"], change=shown),
            units=dict(prev=unit, last=unit, change=shown_unit),
            evidence=[
                _ev(meta["indicator_id"], link["geo_code"], link["breakdown"], link["breakdown_value"],
                    prev["period"], prev["value"], unit, prev["source_id"]),
                _ev(meta["indicator_id"], link["geo_code"], link["breakdown"], link["breakdown_value"],
                    last["period"], last["value"], unit, last["source_id"]),
            ],
            link=_deep_link(meta["indicator_id"], link["geo_code"], link["breakdown"], [prev["period"], last["period"]]),
            is_example=example, objective_id=link["objective_id"],
        )
    return list(seen.values())


def over_representation(origin: pd.DataFrame, by_age: pd.DataFrame, by_sex: pd.DataFrame,
                        geo: str = FOCUS_GEO) -> list[Signal]:
    signals = []
    for r in origin.itertuples():
        if not (r.js_total and r.pop_total) or pd.isna(r.js_value) or pd.isna(r.pop_value):
            continue
        js_share, pop_share = r.js_value / r.js_total * 100, r.pop_value / r.pop_total * 100
        ratio = js_share / pop_share if pop_share else None
        if ratio is None or ratio < OVERREPRESENTATION_MIN_RATIO:
            continue
        signals.append(Signal(
            rule="over_representation", score=TIER["over_representation"] + _mag((ratio - 1) * 10),
            params=dict(group=f"origin/{r.grp}", comparison="population_all_ages", share_js=js_share,
                        share_ref=pop_share, ratio=ratio, js_period=str(r.js_ref_date)[:10], ref_period=str(r.pop_ref_date)[:10]),
            units=dict(share_js="%", share_ref="%", ratio="ratio"),
            evidence=[
                _ev("jobseekers_wzw", geo, "origin", r.grp, r.js_period, r.js_value, "persons", r.js_source),
                _ev("jobseekers_wzw", geo, "total", "total", r.js_period, r.js_total, "persons", r.js_source),
                _ev("population", geo, "origin", r.grp, r.pop_period, r.pop_value, "persons", r.pop_source),
                _ev("population", geo, "total", "total", r.pop_period, r.pop_total, "persons", r.pop_source),
            ],
            link=_deep_link("jobseekers_wzw", geo, "origin", [r.js_period]),
        ))
    for breakdown, frame in (("age", by_age), ("sex", by_sex)):
        for r in frame.itertuples():
            if pd.isna(r.rate) or not r.total_rate:
                continue
            ratio = r.rate / r.total_rate
            if ratio < OVERREPRESENTATION_MIN_RATIO:
                continue
            signals.append(Signal(
                rule="over_representation", score=TIER["over_representation"] + _mag((ratio - 1) * 10),
                params=dict(group=f"{breakdown}/{r.grp}", comparison="labour_force", share_js=r.rate,
                            share_ref=r.total_rate, ratio=ratio, js_period=r.period, ref_period=r.period),
                units=dict(share_js="%", share_ref="%", ratio="ratio"),
                evidence=[
                    _ev("jobseeker_rate", geo, breakdown, r.grp, r.period, r.rate, "%", r.source_id),
                    _ev("jobseeker_rate", geo, "total", "total", r.period, r.total_rate, "%", r.source_id),
                ],
                link=_deep_link("jobseeker_rate", geo, breakdown, [r.period]),
                text_key="over_representation_rate",
            ))
    return signals


def vacancies_beside_jobseekers(vj: pd.DataFrame, sectors: pd.DataFrame, geo: str = FOCUS_GEO) -> list[Signal]:
    if vj.empty:
        return []
    r = vj.iloc[0]
    ratio = r["vacancies"] / r["jobseekers"] if r["jobseekers"] else None
    if ratio is None or ratio < VACANCIES_PER_JOBSEEKER_MIN:
        return []
    return [Signal(
        rule="vacancies_beside_jobseekers", score=TIER["vacancies_beside_jobseekers"] + _mag(ratio),
        params=dict(period=r["period"], vacancies=r["vacancies"], jobseekers=r["jobseekers"], ratio=ratio,
                    sectors=[(s.label, s.value) for s in sectors.itertuples()]),
        units=dict(vacancies="vacancies", jobseekers="persons", ratio="ratio"),
        evidence=[
            _ev("vacancies_received", geo, "total", "total", r["period"], r["vacancies"], "vacancies", r["vac_source"]),
            _ev("jobseekers_nwwz", geo, "total", "total", r["period"], r["jobseekers"], "persons", r["js_source"]),
            *[_ev("vacancies_received", geo, "sector", s.sector, r["period"], s.value, "vacancies", r["vac_source"])
              for s in sectors.itertuples()],
        ],
        link=_deep_link("vacancies_received", geo, "sector", [r["period"]]),
    )]


def blind_spots(catalogue: pd.DataFrame, links: list[dict]) -> list[Signal]:
    """One signal per uncovered concept (indicators of one concept are one idea), richest data first."""
    linked = {lk["indicator_id"] for lk in links}
    concepts = set(catalogue[catalogue["indicator_id"].isin(linked)]["concept"].dropna())
    groups: dict[str, list] = {}
    for r in catalogue.itertuples():
        if r.direction == "neutral" or not r.n_gent or r.indicator_id in linked:
            continue
        concept = r.concept if isinstance(r.concept, str) and r.concept else None
        if concept in concepts:
            continue
        groups.setdefault(concept or r.indicator_id, []).append(r)
    signals = []
    for rows in groups.values():
        rows.sort(key=lambda r: -r.n_gent)
        signals.append(Signal(
            rule="blind_spot", score=TIER["blind_spot"] + _mag(sum(r.n_gent for r in rows) / 100),
            params=dict(indicator={"nl": ", ".join(r.name_nl for r in rows), "en": ", ".join(r.name_en for r in rows)},
                        n=len(rows)),
            evidence=[_ev(r.indicator_id, FOCUS_GEO, "total", "total", r.last_gent_period, r.last_gent_value, r.unit,
                          r.source_id) for r in rows],
            link={"indicator": rows[0].indicator_id, "geo": [FOCUS_GEO]},
        ))
    return signals


def compute(con, store, lang: str = "nl", catalogue: pd.DataFrame | None = None,
            known_series: dict[tuple, pd.DataFrame] | None = None) -> tuple[list[Signal], dict[str, LinkResult]]:
    """All signals, best first, and the link results they were derived from."""
    catalogue = Q.indicator_catalogue(con, lang) if catalogue is None else catalogue
    links = store.records("links")
    objectives = {o["id"]: o for o in store.records("objectives")}
    results = evaluate_links(con, links, catalogue, known_series)
    vj = Q.vacancies_and_jobseekers(con, FOCUS_GEO)
    sectors = Q.vacancies_by_sector(con, vj["period"].iloc[0], lang, FOCUS_GEO, TOP_SECTORS) if not vj.empty \
        else pd.DataFrame(columns=["sector", "label", "value"])
    rates = Q.rates_by_group(con, ["age", "sex"], FOCUS_GEO)
    signals = [
        *objectives_off_track(results, objectives),
        *moving_against(results, objectives),
        *over_representation(Q.jobseekers_vs_population_by_origin(con, FOCUS_GEO),
                             rates["age"], rates["sex"]),
        *vacancies_beside_jobseekers(vj, sectors),
        *blind_spots(catalogue, links),
    ]
    signals.sort(key=lambda s: (-s.score, s.rule))
    return signals, results
