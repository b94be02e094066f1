"""Queries for the Projecten page (views/projecten.py): a project's performance measures, budget and
advice, lifecycle, and the population indicators of the objective it serves.

The measures, budget and lifecycle come from the policy store (`policy.performance`); the population
indicators from the warehouse (`queries.curve`). Each function returns what one table or chart shows.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.i18n import t
from dashboard.policy_ui import loc
from dashboard.policy_ui import series_label
from dashboard.queries.curve import Curve
from dashboard.queries.curve import chart_labels
from dashboard.queries.curve import curves
from dashboard.queries.curve import forecast_sentence
from dashboard.queries.curve import method_text
from dashboard.queries.policy import labels
from policy.performance import Lifecycle
from policy.performance import MeasureResult
from policy.performance import funding_of
from policy.performance import lifecycle
from policy.performance import measures_of
from policy.performance import objective_of
from policy.store import MEASURE_KINDS

__all__ = [
    "MEASURE_KINDS",
    "Curve",
    "Project",
    "chart_labels",
    "curves",
    "forecast_sentence",
    "funding_table",
    "labels",
    "measure_frame",
    "measure_meta",
    "measure_table",
    "measures_table",
    "method_text",
    "overview",
    "project",
    "project_options",
    "series_label",
]


@dataclass
class Project:
    record: dict
    lifecycle: Lifecycle
    objective: dict | None
    group: dict | None
    measures: list[MeasureResult]
    funding: list[dict]
    links: list[dict]  # the objective's population indicators
    partners: dict[str, dict]

    def by_kind(self, kind: str) -> list[MeasureResult]:
        return [m for m in self.measures if m.kind == kind]


def project_options(store, lang: str) -> dict[str, str]:
    """Project id -> name (with 'voorbeeld' for an example), by name."""
    return {
        p["id"]: p["name"] + (f" ({t('policy.example', lang)})" if p["is_example"] else "")
        for p in sorted(store.records("projects"), key=lambda p: p["name"].lower())
    }


def project(store, project_id: str) -> Project | None:
    rec = store.get("projects", project_id)
    if rec is None:
        return None
    groups = {g["id"]: g for g in store.records("action_groups")}
    partners = {p["id"]: p for p in store.records("partners")}
    oid = objective_of(rec, groups)
    objective = store.get("objectives", oid) if oid else None
    return Project(
        rec,
        lifecycle(rec, partners),
        objective,
        groups.get(rec.get("action_group_id") or ""),
        measures_of(project_id, store.records("measures"), store.records("measure_values")),
        funding_of(project_id, store.records("project_funding")),
        [lk for lk in store.records("links") if oid and lk["objective_id"] == oid],
        partners,
    )


def overview(store, lang: str) -> pd.DataFrame:
    """Every project with its lifecycle, how many measures and values, and its latest budget year."""
    partners = {p["id"]: p for p in store.records("partners")}
    measures, values = store.records("measures"), store.records("measure_values")
    funding = store.records("project_funding")
    rows = []
    for p in sorted(store.records("projects"), key=lambda p: p["name"].lower()):
        life = lifecycle(p, partners)
        ms = measures_of(p["id"], measures, values)
        fund = funding_of(p["id"], funding)
        rows.append(
            {
                t("projecten.col.project", lang): p["name"]
                + (f" ({t('policy.example', lang)})" if p["is_example"] else ""),
                t("projecten.col.status", lang): t(f"policy.project_status.{p['status']}", lang),
                t("projecten.col.start", lang): life.start or "–",
                t("projecten.col.independent", lang): life.independent_date or "–",
                t("projecten.col.carried_by", lang): life.carried_by or "–",
                t("projecten.col.measures", lang): len(ms),
                t("projecten.col.values", lang): sum(len(m.values) for m in ms),
                t("projecten.col.budget_year", lang): str(fund[-1]["year"]) if fund else "–",
            }
        )
    return pd.DataFrame(rows)


def measure_frame(m: MeasureResult) -> pd.DataFrame:
    return pd.DataFrame(
        {"period": [v["period"] for v in m.values], "value": [v["value"] for v in m.values]}
    )


def measure_meta(m: MeasureResult, lang: str) -> dict:
    """The measure's provenance as the evidence panel names it: entered in the policy store, from `source`."""
    return {
        "name": loc(m.measure, "name", lang),
        "definition": loc(m.measure, "definition", lang),
        "publisher": t("projecten.publisher", lang),
        "source_title": m.measure.get("source") or t("projecten.no_source", lang),
    }


def measure_table(m: MeasureResult, lang: str) -> pd.DataFrame:
    """One measure's values with their notes and sources (what its chart shows, for the table and download)."""
    unit = loc(m.measure, "unit", lang)
    return pd.DataFrame(
        {
            t("col.period", lang): [v["period"] for v in m.values],
            f"{loc(m.measure, 'name', lang)} ({unit})": [v["value"] for v in m.values],
            t("projecten.col.note", lang): [loc(v, "note", lang) or "–" for v in m.values],
            t("projecten.col.source", lang): [v.get("source") or "–" for v in m.values],
        }
    )


def measures_table(p: Project, lang: str) -> pd.DataFrame:
    """Every value of every measure of the project, one row each (the page's download)."""
    rows = []
    for m in p.measures:
        for v in m.values or [None]:
            rows.append(
                {
                    t("projecten.col.kind", lang): t(f"projecten.kind.{m.kind}", lang),
                    t("projecten.col.measure", lang): loc(m.measure, "name", lang),
                    t("projecten.col.unit", lang): loc(m.measure, "unit", lang),
                    t("col.period", lang): v["period"] if v else "–",
                    t("projecten.col.value", lang): v["value"] if v else None,
                    t("projecten.col.target", lang): m.measure.get("target_value"),
                    t("projecten.col.target_period", lang): m.measure.get("target_period") or "–",
                    t("projecten.col.source", lang): (v or {}).get("source")
                    or m.measure.get("source")
                    or "–",
                }
            )
    return pd.DataFrame(rows)


def funding_table(p: Project, lang: str) -> pd.DataFrame:
    """The City's budget and the Policy Group's advice per year."""
    return pd.DataFrame(
        [
            {
                t("projecten.col.year", lang): str(f["year"]),
                t("projecten.col.budget", lang): f.get("city_budget_eur"),
                t("projecten.col.advice", lang): t(f"projecten.advice.{f['advice']}", lang)
                if f.get("advice")
                else "–",
                t("projecten.col.advice_date", lang): f.get("advice_date") or "–",
                t("projecten.col.advice_note", lang): loc(f, "advice_note", lang) or "–",
                t("projecten.col.source", lang): f.get("source") or "–",
            }
            for f in p.funding
        ]
    )
