"""Project results as performance measures, apart from the population indicators.

Results-Based Accountability separates two kinds of accountability: a *population indicator* (our
statistics, e.g. Gent's job-seeker rate: no single partner answers for it) and a project's
*performance measures*: how much did we do, how well did we do it, is anyone better off. This module
reads a project's measures, their periodic values and targets, the City's yearly budget and the
Policy Group's advice, and the project's lifecycle, from the policy store's records. Pure functions
over record lists, so the pages and the tests use the same rules.
"""

from __future__ import annotations

from dataclasses import dataclass

from policy.store import MEASURE_KINDS


@dataclass(frozen=True)
class MeasureResult:
    measure: dict
    values: list[dict]  # measure_values records, oldest period first
    latest: dict | None
    target_met: bool | None  # None: no target, no value or no direction to judge by

    @property
    def kind(self) -> str:
        return self.measure["kind"]


def objective_of(project: dict, groups: dict[str, dict]) -> str | None:
    """The objective a project serves: its own, else its action group's."""
    if project.get("objective_id"):
        return project["objective_id"]
    group = groups.get(project.get("action_group_id") or "")
    return group.get("objective_id") if group else None


def _met(measure: dict, latest: dict | None) -> bool | None:
    target, direction = measure.get("target_value"), measure.get("direction")
    if target is None or latest is None or direction is None:
        return None
    return (
        latest["value"] >= target if direction == "higher_is_better" else latest["value"] <= target
    )


def measures_of(project_id: str, measures: list[dict], values: list[dict]) -> list[MeasureResult]:
    """A project's measures in the order how much, how well, better off, each with its values."""
    out = []
    order = {k: i for i, k in enumerate(MEASURE_KINDS)}
    for m in sorted(
        (m for m in measures if m["project_id"] == project_id),
        key=lambda m: (order.get(m["kind"], 9), m.get("name_nl") or "", m["id"]),
    ):
        vals = sorted(
            (v for v in values if v["measure_id"] == m["id"]), key=lambda v: str(v["period"])
        )
        latest = vals[-1] if vals else None
        out.append(MeasureResult(m, vals, latest, _met(m, latest)))
    return out


def funding_of(project_id: str, funding: list[dict]) -> list[dict]:
    """The City's budget and the Policy Group's advice per year, oldest first."""
    return sorted((f for f in funding if f["project_id"] == project_id), key=lambda f: f["year"])


@dataclass(frozen=True)
class Lifecycle:
    status: str
    start: str | None
    independent_date: str | None
    carried_by: str | None  # the partner's name, else the free text
    end: str | None


def lifecycle(project: dict, partners: dict[str, dict]) -> Lifecycle:
    """Where the project is: planned, running, independent (since when, carried by whom), ended."""
    partner = partners.get(project.get("carried_by_partner_id") or "")
    carried = (partner.get("name") if partner else None) or project.get("carried_by")
    return Lifecycle(
        project["status"],
        project.get("start_date"),
        project.get("independent_date"),
        carried,
        project.get("end_date"),
    )
