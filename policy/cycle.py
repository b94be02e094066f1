"""The Policy Group's working cycle (issue 18): reports due or late, the agenda, action items, field signals.

Why a module apart from the store: these are rules over the store's records (the charter's rhythm of a
meeting every two months, action groups that report to it, input from the work field), not storage.
Every write goes through the store's guarded `apply` (policy.access: editors edit; any signed-in member
may only *submit* a field signal). Pure functions take `today` so tests pin the calendar.

Decisions where the issue is silent:
- a report is due `report_every_months` after the group's last report (or its start when it never
  reported), at the first meeting on or after that day; it is *late* when that meeting has passed
  without a report, *due* when it is the next meeting (or the day falls before it), else *not yet due*;
  an action group that ended, or has no rhythm set, is not followed;
- agenda suggestions are only suggestions: an editor confirms each one before it becomes an item;
  what is on the meeting's agenda already (same kind and subject) is not suggested again;
- "changed since the previous meeting" in the partnership's own records = audit-trail changes after the
  meeting day (the seed excluded), like the brief's updates.
"""

from __future__ import annotations

import calendar
import uuid
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from typing import Any

from policy.store import Op
from policy.store import previous_and_next

OPEN_ACTIONS = ("open", "in_progress")
REPORT_STATES = ("late", "due", "not_due", "no_rhythm")


def new_id(prefix: str) -> str:
    """A record id for records people do not name themselves (agenda items, decisions, field signals)."""
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def day_of(value: str | None) -> date | None:
    """A store date (2005, 2005-03 or 2005-03-04) as its first day; None when empty or unreadable."""
    if not value:
        return None
    parts = [int(p) for p in str(value).split("-")]
    try:
        return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


def add_months(d: date, months: int) -> date:
    month = d.month - 1 + months
    year, month = d.year + month // 12, month % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


# --------------------------------------------------------------------------- partners


def partner_names(store) -> dict[str, str]:
    """partner id -> its name (short name in brackets when it has one)."""
    return {
        p["id"]: p["name"] + (f" ({p['short_name']})" if p.get("short_name") else "")
        for p in store.records("partners")
    }


def partner_roles(store) -> dict[str, dict[str, list[dict]]]:
    """Per partner what it does in the partnership: the action groups it chairs and sits in, the projects it
    owns or carries, its representatives in the Policy Group (internal pages only)."""
    out: dict[str, dict[str, list[dict]]] = {
        p["id"]: {"chairs": [], "member_of": [], "owns": [], "carries": [], "representatives": []}
        for p in store.records("partners")
    }
    for g in store.records("action_groups"):
        if g.get("chair_partner_id") in out:
            out[g["chair_partner_id"]]["chairs"].append(g)
        for pid in g.get("member_partner_ids") or []:
            if pid in out:
                out[pid]["member_of"].append(g)
    for p in store.records("projects"):
        if p.get("owner_partner_id") in out:
            out[p["owner_partner_id"]]["owns"].append(p)
        if p.get("carried_by_partner_id") in out and p.get("carried_by_partner_id") != p.get(
            "owner_partner_id"
        ):
            out[p["carried_by_partner_id"]]["carries"].append(p)
    for r in store.records("representatives"):
        if r["partner_id"] in out:
            out[r["partner_id"]]["representatives"].append(r)
    return out


# --------------------------------------------------------------------------- action-group reports


@dataclass(frozen=True)
class ReportDue:
    """Where an action group stands with its reports to the Policy Group."""

    group_id: str
    state: str  # late | due | not_due | no_rhythm
    every_months: int | None
    last_report: str | None  # date of the latest report
    due_on: date | None  # the day the next report is due (last report or start + rhythm)
    due_meeting: dict | None  # the first meeting on or after due_on, if the calendar has one
    is_example: bool

    @property
    def due_day(self) -> date | None:
        return day_of(self.due_meeting["meeting_date"]) if self.due_meeting else self.due_on


def reports_due(store, today: date) -> list[ReportDue]:
    """Every followed action group's report state against the meeting calendar, late ones first."""
    meetings = store.meetings()
    _, upcoming = previous_and_next(meetings, today)
    reports: dict[str, list[dict]] = {}
    for r in store.records("reports"):
        reports.setdefault(r["action_group_id"], []).append(r)
    out = []
    for g in store.records("action_groups"):
        end = str(g.get("end_date") or "")
        if end and end < today.isoformat()[: len(end)]:
            continue  # a group whose end day, month or year is over is no longer followed
        mine = sorted(reports.get(g["id"], []), key=lambda r: r["report_date"])
        last = mine[-1]["report_date"] if mine else None
        every = g.get("report_every_months")
        if not every:
            out.append(
                ReportDue(g["id"], "no_rhythm", None, last, None, None, bool(g["is_example"]))
            )
            continue
        base = day_of(last) or day_of(g.get("start_date"))
        due_on = add_months(base, int(every)) if base else today
        due_meeting = next((m for m in meetings if m["meeting_date"] >= due_on.isoformat()), None)
        due_day = day_of(due_meeting["meeting_date"]) if due_meeting else due_on
        if due_day < today:
            state = "late"
        elif upcoming is None or due_day <= day_of(upcoming["meeting_date"]):
            state = "due"
        else:
            state = "not_due"
        out.append(
            ReportDue(g["id"], state, int(every), last, due_on, due_meeting, bool(g["is_example"]))
        )
    rank = {s: i for i, s in enumerate(REPORT_STATES)}
    return sorted(out, key=lambda d: (rank[d.state], d.due_day or date.max, d.group_id))


def latest_reports(store) -> dict[str, list[dict]]:
    """action group id -> its reports, newest first."""
    out: dict[str, list[dict]] = {}
    for r in sorted(store.records("reports"), key=lambda r: r["report_date"], reverse=True):
        out.setdefault(r["action_group_id"], []).append(r)
    return out


# --------------------------------------------------------------------------- action items


def open_action_items(store, today: date) -> list[dict]:
    """Action items still open or in progress, overdue first then by due date; each with `overdue`."""
    items = [dict(a) for a in store.records("action_items") if a["status"] in OPEN_ACTIONS]
    for a in items:
        due = day_of(a.get("due_date"))
        a["overdue"] = bool(due and due < today)
    return sorted(items, key=lambda a: (not a["overdue"], a.get("due_date") or "9999", a["id"]))


def meeting_record(store, meeting_id: str) -> dict[str, list[dict]]:
    """A meeting's agenda (in order), decisions and action items."""
    agenda = sorted(
        (a for a in store.records("agenda_items") if a["meeting_id"] == meeting_id),
        key=lambda a: (a["position"], a["id"]),
    )
    return {
        "agenda": agenda,
        "decisions": [d for d in store.records("decisions") if d["meeting_id"] == meeting_id],
        "action_items": [a for a in store.records("action_items") if a["meeting_id"] == meeting_id],
    }


def add_decision(
    store,
    meeting_id: str,
    *,
    text_nl: str,
    text_en: str | None = None,
    agenda_item_id: str | None = None,
    actions: list[dict] | None = None,
    user: str,
    source: str | None = None,
    is_example: bool = False,
) -> str:
    """A decision taken at a meeting with its action items (owner partner, due date), in one change.
    Returns the decision's id. Editors only (the store checks)."""
    did = new_id("besluit")
    src = source or f"Beleidsgroep, vergadering {meeting_id}"
    ops = [
        Op(
            "create",
            "decisions",
            did,
            {
                "meeting_id": meeting_id,
                "agenda_item_id": agenda_item_id,
                "text_nl": text_nl,
                "text_en": text_en,
                "source": src,
                "is_example": is_example,
            },
        )
    ]
    for a in actions or []:
        ops.append(
            Op(
                "create",
                "action_items",
                new_id("actie"),
                {
                    "meeting_id": meeting_id,
                    "decision_id": did,
                    "status": a.get("status") or "open",
                    "source": src,
                    "is_example": is_example,
                    **{
                        k: a.get(k)
                        for k in (
                            "title_nl",
                            "title_en",
                            "owner_partner_id",
                            "due_date",
                            "note_nl",
                            "note_en",
                        )
                    },
                },
            )
        )
    store.apply(ops, user=user)
    return did


def set_action_status(
    store, aid: str, status: str, *, expected_version: int, user: str, today: date
) -> dict:
    """Move an action item on (open, in progress, done, dropped); `done` records today as its done date."""
    changes: dict[str, Any] = {"status": status}
    if status == "done":
        changes["done_date"] = today.isoformat()
    return store.update("action_items", aid, changes, expected_version=expected_version, user=user)


# --------------------------------------------------------------------------- field signals


def submit_field_signal(store, values: dict[str, Any], *, user: str, today: date) -> str:
    """A member's observation from practice, in status `submitted` (any signed-in member may: the store
    allows a viewer exactly this write, policy.access.write_action). Returns the new id."""
    fid = new_id("veldsignaal")
    allowed = (
        "partner_id",
        "title_nl",
        "title_en",
        "description_nl",
        "description_en",
        "indicator_id",
        "target_group",
        "sector",
        "is_example",
    )
    record = {k: values.get(k) for k in allowed if values.get(k) not in (None, "")}
    record |= {
        "status": "submitted",
        "submitted_on": today.isoformat(),
        "source": values.get("source") or f"Veldsignaal ingediend door {user.strip()}",
    }
    store.apply([Op("create", "field_signals", fid, record)], user=user)
    return fid


def review_field_signal(
    store,
    fid: str,
    *,
    accept: bool,
    note_nl: str | None,
    note_en: str | None = None,
    expected_version: int,
    user: str,
    today: date,
) -> dict:
    """An editor's review: accepted or rejected, with a note (editors only: an update is an edit)."""
    return store.update(
        "field_signals",
        fid,
        {
            "status": "accepted" if accept else "rejected",
            "review_note_nl": note_nl,
            "review_note_en": note_en,
            "reviewed_on": today.isoformat(),
        },
        expected_version=expected_version,
        user=user,
    )


def accepted_field_signals(store) -> list[dict]:
    """Reviewed and accepted field signals, newest first: shown beside the data signals with their origin."""
    return sorted(
        (f for f in store.records("field_signals") if f["status"] == "accepted"),
        key=lambda f: (f.get("reviewed_on") or f["submitted_on"], f["id"]),
        reverse=True,
    )


def pending_field_signals(store) -> list[dict]:
    return sorted(
        (f for f in store.records("field_signals") if f["status"] == "submitted"),
        key=lambda f: (f["submitted_on"], f["id"]),
    )


def next_position(store, meeting_id: str) -> int:
    return (
        max(
            (a["position"] for a in store.records("agenda_items") if a["meeting_id"] == meeting_id),
            default=0,
        )
        + 1
    )


def promote_field_signal(store, fid: str, meeting_id: str, *, user: str) -> str:
    """Put an accepted field signal on a meeting's agenda and link it there (one change, editors only)."""
    sig = store.get("field_signals", fid)
    if sig is None or sig["status"] != "accepted":
        raise ValueError(f"field signal {fid!r} is not accepted")
    aid = new_id("agendapunt")
    store.apply(
        [
            Op(
                "create",
                "agenda_items",
                aid,
                {
                    "meeting_id": meeting_id,
                    "position": next_position(store, meeting_id),
                    "kind": "field_signal",
                    "title_nl": sig["title_nl"],
                    "title_en": sig.get("title_en"),
                    "subject_entity": "field_signals",
                    "subject_id": fid,
                    "note_nl": sig.get("description_nl"),
                    "note_en": sig.get("description_en"),
                    "source": sig.get("source"),
                    "is_example": sig["is_example"],
                },
            ),
            Op("update", "field_signals", fid, {"agenda_item_id": aid}, sig["version"]),
        ],
        user=user,
    )
    return aid


# --------------------------------------------------------------------------- the agenda


@dataclass(frozen=True)
class Suggestion:
    """A proposed agenda item; `params` fill the title text in the page's language."""

    kind: str  # AGENDA_KINDS
    subject_entity: str | None
    subject_id: str | None
    params: dict = field(default_factory=dict, hash=False, compare=False)
    is_example: bool = False

    @property
    def key(self) -> tuple:
        return (self.kind, self.subject_id)


def suggest_agenda(
    store,
    meeting_id: str,
    today: date,
    *,
    data_signals: list[dict] = (),
    status_changes: list[dict] = (),
) -> list[Suggestion]:
    """What the meeting could discuss, in this order: open action items, late and due reports, accepted
    field signals not yet on an agenda, new data signals and changed statuses (both computed by the caller
    from the warehouse, as dicts with `id`, `text_nl`, `text_en`, `is_example`). Items already on the
    meeting's agenda (same kind and subject) are left out."""
    have = {(a["kind"], a.get("subject_id")) for a in meeting_record(store, meeting_id)["agenda"]}
    out: list[Suggestion] = []
    actions = open_action_items(store, today)
    if actions:
        out.append(
            Suggestion(
                "action_items",
                None,
                None,
                {"n": len(actions), "overdue": sum(a["overdue"] for a in actions)},
                all(a["is_example"] for a in actions),
            )
        )
    groups = {g["id"]: g for g in store.records("action_groups")}
    for d in reports_due(store, today):
        if d.state in ("late", "due"):
            g = groups[d.group_id]
            out.append(
                Suggestion(
                    "late_report" if d.state == "late" else "report",
                    "action_groups",
                    d.group_id,
                    {
                        "name_nl": g["name_nl"],
                        "name_en": g.get("name_en") or g["name_nl"],
                        "due": d.due_day.isoformat() if d.due_day else "",
                    },
                    d.is_example,
                )
            )
    partners = partner_names(store)
    for f in accepted_field_signals(store):
        if not f.get("agenda_item_id"):
            out.append(
                Suggestion(
                    "field_signal",
                    "field_signals",
                    f["id"],
                    {
                        "title_nl": f["title_nl"],
                        "title_en": f.get("title_en") or f["title_nl"],
                        "partner": partners.get(f.get("partner_id"), ""),
                    },
                    f["is_example"],
                )
            )
    for kind, found in (("data_signal", data_signals), ("status_change", status_changes)):
        for s in found:
            out.append(
                Suggestion(
                    kind,
                    None,
                    s["id"],
                    {"text_nl": s["text_nl"], "text_en": s["text_en"]},
                    bool(s.get("is_example")),
                )
            )
    return [s for s in out if s.key not in have]


def confirm_agenda(
    store, meeting_id: str, chosen: list[tuple[Suggestion, str, str]], *, user: str
) -> list[str]:
    """Add the suggestions an editor confirmed (each with its title in Dutch and English) to the agenda,
    after the items it has, in one change. Returns the new ids."""
    pos = next_position(store, meeting_id)
    ops, ids = [], []
    for i, (s, title_nl, title_en) in enumerate(chosen):
        aid = new_id("agendapunt")
        ids.append(aid)
        ops.append(
            Op(
                "create",
                "agenda_items",
                aid,
                {
                    "meeting_id": meeting_id,
                    "position": pos + i,
                    "title_nl": title_nl,
                    "title_en": title_en,
                    "kind": s.kind,
                    "subject_entity": s.subject_entity,
                    "subject_id": s.subject_id,
                    "source": "Voorgesteld door het dashboard, bevestigd door de redactie",
                    "is_example": s.is_example,
                },
            )
        )
        if s.kind == "field_signal" and s.subject_id:
            fs = store.get("field_signals", s.subject_id)
            if fs:
                ops.append(
                    Op(
                        "update",
                        "field_signals",
                        s.subject_id,
                        {"agenda_item_id": aid},
                        fs["version"],
                    )
                )
    if ops:
        store.apply(ops, user=user)
    return ids


# --------------------------------------------------------------------------- since the previous meeting


CYCLE_ENTITIES = (
    "measure_values",
    "reports",
    "decisions",
    "action_items",
    "field_signals",
    "partners",
)


def changes_since(store, since: date) -> dict[str, list[dict]]:
    """The partnership's own records created or changed after the meeting day (seed excluded), per entity:
    each the record as it is now plus `changed_at`, `changed_by`, `action` (create/update; deleted records
    are left out). New project measure values come from the audit trail, so a value typed in for an old
    period counts as new."""
    day = since.isoformat()
    latest: dict[tuple[str, str], dict] = {}
    for r in store.audit_log(limit=None):  # newest first
        if r["entity"] not in CYCLE_ENTITIES or r["at"][:10] <= day or r["via"].startswith("seed"):
            continue
        k = (r["entity"], r["entity_id"])
        if k not in latest:
            latest[k] = {"at": r["at"], "who": r["who"], "action": r["action"]}
        elif r["action"] == "create":
            latest[k]["action"] = "create"
    out: dict[str, list[dict]] = {e: [] for e in CYCLE_ENTITIES}
    for (entity, rid), meta in latest.items():
        rec = store.get(entity, rid)
        if rec is None:
            continue
        out[entity].append(
            {**rec, "changed_at": meta["at"], "changed_by": meta["who"], "action": meta["action"]}
        )
    for items in out.values():
        items.sort(key=lambda r: r["changed_at"], reverse=True)
    return out
