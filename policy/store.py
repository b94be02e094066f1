"""The policy store: plans, objectives, indicator links, action groups, projects, meetings and the
working cycle, in SQLite (the embedded default) or PostgreSQL (GSIW_POLICY_DSN, several app instances).

Why a database apart from the warehouse: this is human-entered data that must never be lost, while
the DuckDB warehouse is thrown away and rebuilt from raw files at will. SQLite (stdlib, WAL,
synchronous=FULL) gives atomic transactions for concurrent editors without another service;
PostgreSQL gives the same to several app instances on several hosts. Both run this same code;
`policy/backends.py` holds the few differences. The schema is generated from ENTITIES and changed
only through numbered MIGRATIONS, recorded in `schema_migrations` (docs/policy.md).

Guarantees:
- every write goes through `policy.access.require_role` (the seed on first use excepted): editors
  edit records, only admins import or restore;
- a store is seeded only when no file exists yet (built aside and linked into place, so two first
  visits cannot race); an existing file that is empty, not SQLite, corrupt or without the policy
  tables is never replaced: it raises `StoreDamaged`, naming the latest automatic backup and the
  restore command. A PostgreSQL store is created only by `python -m policy init` (`StoreMissing`
  otherwise); a store with a migration this release does not know raises `StoreTooNew`;
- every change writes a rotated YAML backup (`backups/` beside the store, see `backup_dir`);
- every change is recorded in the append-only `audit` table (who, when, entity, field,
  old -> new) in the SAME transaction as the change: a change without its audit row is impossible;
- optimistic locking: each record has a `version`; an update or delete names the version it was
  based on and is refused with `ConflictError` when someone saved in between (no lost update);
- a batch of changes (`apply`) or an import is all or nothing;
- export/import to a readable YAML file (`data/policy/seed.yaml` uses the same format); a
  malformed file is refused with line numbers and nothing changes.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextlib import suppress
from dataclasses import dataclass
from dataclasses import field
from datetime import UTC
from datetime import date
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from pipelines.config import ROOT
from policy.access import require_role
from policy.access import write_action
from policy.backends import SqliteBackend
from policy.backends import Unavailable
from policy.backends import backend_for
from policy.backends import is_dsn
from policy.backends import masked

FORMAT = "gsiw-policy/1"
SEED_PATH = ROOT / "data" / "policy" / "seed.yaml"

DIRECTIONS = ("higher_is_better", "higher_is_worse")
PROJECT_STATUSES = ("planned", "running", "independent", "ended", "unknown")
# The working cycle (charter 2017): partners, their people, action-group reports, project results, meetings.
PARTNER_TYPES = ("city", "vdab", "social_partner", "education", "welfare", "civil_society", "employer",
                 "training", "research", "other")
PARTNER_ROLES = ("active", "network")  # charter: "actieve partner" or "netwerkpartner"
POLICY_GROUP_ROLES = ("chair", "vice_chair", "member", "substitute", "expert", "secretariat")
MEASURE_KINDS = ("how_much", "how_well", "better_off")  # Results-Based Accountability performance measures
ADVICE = ("favourable", "favourable_with_conditions", "unfavourable", "pending")
AGENDA_KINDS = ("data_signal", "field_signal", "late_report", "status_change", "report", "action_items",
                "decision", "other")
ACTION_STATUSES = ("open", "in_progress", "done", "dropped")
FIELD_SIGNAL_STATUSES = ("submitted", "accepted", "rejected")
EVENT_KINDS = ("network_event", "intervision", "lunch_talk", "symposium", "conference", "think_day", "other")
# Tables every store has had since schema 1 (migration 1); later ones come from later migrations.
V1_TABLES = ("plans", "objectives", "links", "action_groups", "projects")
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}$")
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")  # 1999, 2005-03 or 2005-03-04: sources are vague
PERIOD_RE = re.compile(r"^\d{4}(-\d{2})?$")  # like the warehouse's `period`


def policy_db_path() -> Path:
    """The SQLite file (GSIW_POLICY_DB); also where backups go by default on PostgreSQL."""
    return Path(os.environ.get("GSIW_POLICY_DB", ROOT / "data" / "policy" / "gsiw_policy.sqlite"))


def policy_location() -> Path | str:
    """The store to open: GSIW_POLICY_DSN (postgresql://...) when set, else the SQLite file."""
    dsn = os.environ.get("GSIW_POLICY_DSN", "").strip()
    if dsn:
        if not is_dsn(dsn):
            raise StoreError(f"GSIW_POLICY_DSN must start with postgresql:// (got {masked(dsn)!r})")
        return dsn
    return policy_db_path()


# Automatic backups: one YAML export per change, the newest KEEP_CHANGES kept, plus the last one of
# each of the last KEEP_DAYS days (so a bad afternoon of edits cannot rotate away last week's state).
KEEP_CHANGES = 50
KEEP_DAYS = 60
BACKUP_PREFIX = "gsiw-beleid-"
SQLITE_HEADER = b"SQLite format 3\x00"


def backup_dir(store_path: Path | str | None = None) -> Path:
    """Where automatic backups go: GSIW_POLICY_BACKUPS, else `backups/` beside the store file
    (for a PostgreSQL store: beside GSIW_POLICY_DB, i.e. data/policy/backups on the app host)."""
    env = os.environ.get("GSIW_POLICY_BACKUPS")
    if env:
        return Path(env)
    if store_path is None or is_dsn(store_path):
        store_path = policy_db_path()
    return Path(store_path).parent / "backups"


def backups(store_path: Path | None = None) -> list[Path]:
    """Automatic backups, oldest first (names sort by time)."""
    folder = backup_dir(store_path)
    return sorted(folder.glob(f"{BACKUP_PREFIX}*.yaml")) if folder.is_dir() else []


def restore_hint(store_path: Path | str) -> str:
    latest = backups(store_path)
    file = str(latest[-1]) if latest else "BACKUP.yaml (your latest `python -m policy export`)"
    return f"GSIW_LOCAL_ADMIN=1 python -m policy restore {file} --user NAME"


# --------------------------------------------------------------------------- data model


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # text | longtext | int | float | bool | date | period | enum | ref | refs | list
    required: bool = False
    choices: tuple[str, ...] = ()
    ref: str | None = None  # entity this field (`ref`: one id, `refs`: a list of ids) points to
    since: int = 1  # the migration that added the field to an older entity (see MIGRATIONS)


_PROVENANCE = (Field("source", "longtext"), Field("is_example", "bool"))


@dataclass(frozen=True)
class Entity:
    name: str
    fields: tuple[Field, ...]
    label: str  # field shown in pickers
    unique: tuple[str, ...] = ()  # fields that together identify a record (e.g. a measure and its period)
    since: int = 1  # the migration that created the table (see MIGRATIONS)

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def get_field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)


ENTITIES: dict[str, Entity] = {
    e.name: e
    for e in (
        Entity("plans", (
            Field("name_nl", "text", required=True), Field("name_en", "text"),
            Field("period_start", "int", required=True), Field("period_end", "int"),
            Field("description_nl", "longtext"), Field("description_en", "longtext"), *_PROVENANCE,
        ), "name_nl"),
        Entity("objectives", (
            Field("plan_id", "ref", required=True, ref="plans"), Field("code", "text"),
            Field("title_nl", "text", required=True), Field("title_en", "text"),
            Field("description_nl", "longtext"), Field("description_en", "longtext"), *_PROVENANCE,
        ), "title_nl"),
        Entity("links", (
            Field("objective_id", "ref", required=True, ref="objectives"),
            Field("indicator_id", "text", required=True), Field("geo_code", "text", required=True),
            Field("breakdown", "text", required=True), Field("breakdown_value", "text", required=True),
            Field("direction", "enum", required=True, choices=DIRECTIONS),
            Field("baseline_value", "float"), Field("baseline_period", "period"),
            Field("target_value", "float"), Field("target_year", "int"),
            Field("context_indicator_id", "text"),
            Field("note_nl", "longtext"), Field("note_en", "longtext"), *_PROVENANCE,
        ), "indicator_id"),
        # Organisations in the partnership (charter: active partners and network partners). No personal data:
        # the people who represent them are in `representatives`, which the public app never reads.
        Entity("partners", (
            Field("name", "text", required=True), Field("short_name", "text"),
            Field("org_type", "enum", required=True, choices=PARTNER_TYPES),
            Field("partner_role", "enum", required=True, choices=PARTNER_ROLES),
            Field("website", "text"), Field("description_nl", "longtext"), Field("description_en", "longtext"),
            Field("joined_date", "date"), Field("left_date", "date"), *_PROVENANCE,
        ), "name", since=3),
        Entity("representatives", (
            Field("partner_id", "ref", required=True, ref="partners"), Field("name", "text", required=True),
            Field("function_nl", "text"), Field("function_en", "text"),
            Field("policy_group_role", "enum", choices=POLICY_GROUP_ROLES),
            Field("mandate_nl", "longtext"), Field("mandate_en", "longtext"),
            Field("start_date", "date"), Field("end_date", "date"), *_PROVENANCE,
        ), "name", since=3),
        Entity("action_groups", (
            Field("name_nl", "text", required=True), Field("name_en", "text"),
            Field("objective_id", "ref", ref="objectives"), Field("chair_org", "text"),
            Field("members", "list"), Field("mandate_nl", "longtext"), Field("mandate_en", "longtext"),
            Field("resources", "longtext"), Field("results", "longtext"),
            Field("start_date", "date"), Field("end_date", "date"), *_PROVENANCE,
            # schema 3: chair and members as partners (the free-text fields above stay for older records)
            Field("chair_partner_id", "ref", ref="partners", since=3),
            Field("member_partner_ids", "refs", ref="partners", since=3), Field("report_every_months", "int", since=3),
        ), "name_nl"),
        Entity("projects", (
            Field("name", "text", required=True),
            Field("action_group_id", "ref", ref="action_groups"), Field("objective_id", "ref", ref="objectives"),
            Field("owner_org", "text"), Field("status", "enum", required=True, choices=PROJECT_STATUSES),
            Field("start_date", "date"), Field("end_date", "date"),
            Field("description_nl", "longtext"), Field("description_en", "longtext"),
            Field("results", "longtext"), *_PROVENANCE,
            # schema 3: the owner as a partner; when and by whom it became an independent initiative
            Field("owner_partner_id", "ref", ref="partners", since=3), Field("independent_date", "date", since=3),
            Field("carried_by_partner_id", "ref", ref="partners", since=3), Field("carried_by", "text", since=3),
        ), "name"),
        # The Policy Group's meeting calendar (past and planned); the meeting brief compares "now" with
        # the previous meeting (dashboard/brief). No relations: a meeting is a date with notes.
        Entity("meetings", (
            Field("meeting_date", "date", required=True), Field("title_nl", "text"), Field("title_en", "text"),
            Field("notes_nl", "longtext"), Field("notes_en", "longtext"), *_PROVENANCE,
        ), "meeting_date", since=2),
        # Action-group reports with the charter's four parts: mandate, resources used, progress, results.
        Entity("reports", (
            Field("action_group_id", "ref", required=True, ref="action_groups"),
            Field("report_date", "date", required=True), Field("meeting_id", "ref", ref="meetings"),
            Field("mandate_nl", "longtext"), Field("mandate_en", "longtext"),
            Field("resources_nl", "longtext"), Field("resources_en", "longtext"),
            Field("staff_fte", "float"), Field("budget_eur", "float"),
            Field("progress_nl", "longtext"), Field("progress_en", "longtext"),
            Field("results_nl", "longtext"), Field("results_en", "longtext"), *_PROVENANCE,
        ), "report_date", since=3),
        # Performance measures of a project (how much / how well / is anyone better off), apart from the
        # population indicators in `links`: two kinds of accountability, never drawn as one line.
        Entity("measures", (
            Field("project_id", "ref", required=True, ref="projects"),
            Field("kind", "enum", required=True, choices=MEASURE_KINDS),
            Field("name_nl", "text", required=True), Field("name_en", "text"),
            Field("unit_nl", "text", required=True), Field("unit_en", "text"),
            Field("direction", "enum", choices=DIRECTIONS),
            Field("target_value", "float"), Field("target_period", "period"),
            Field("definition_nl", "longtext"), Field("definition_en", "longtext"), *_PROVENANCE,
        ), "name_nl", since=3),
        Entity("measure_values", (
            Field("measure_id", "ref", required=True, ref="measures"),
            Field("period", "period", required=True), Field("value", "float", required=True),
            Field("note_nl", "longtext"), Field("note_en", "longtext"), *_PROVENANCE,
        ), "period", unique=("measure_id", "period"), since=3),
        # The City's yearly project budget and the Policy Group's advice on subsidy (charter).
        Entity("project_funding", (
            Field("project_id", "ref", required=True, ref="projects"), Field("year", "int", required=True),
            Field("city_budget_eur", "float"), Field("advice", "enum", choices=ADVICE),
            Field("advice_date", "date"), Field("meeting_id", "ref", ref="meetings"),
            Field("advice_note_nl", "longtext"), Field("advice_note_en", "longtext"), *_PROVENANCE,
        ), "year", unique=("project_id", "year"), since=3),
        # "Turn the curve" notes per objective-indicator link: the story behind the curve and what to do.
        Entity("curve_notes", (
            Field("link_id", "ref", required=True, ref="links"), Field("note_date", "date", required=True),
            Field("story_nl", "longtext"), Field("story_en", "longtext"),
            Field("partner_ids", "refs", ref="partners"),
            Field("partner_roles_nl", "longtext"), Field("partner_roles_en", "longtext"),
            Field("what_works_nl", "longtext"), Field("what_works_en", "longtext"),
            Field("actions_nl", "longtext"), Field("actions_en", "longtext"),
            Field("meeting_id", "ref", ref="meetings"), *_PROVENANCE,
        ), "note_date", since=3),
        # A meeting's agenda, decisions and action items; the next brief opens with the open items.
        Entity("agenda_items", (
            Field("meeting_id", "ref", required=True, ref="meetings"), Field("position", "int", required=True),
            Field("title_nl", "text", required=True), Field("title_en", "text"),
            Field("kind", "enum", choices=AGENDA_KINDS),
            Field("subject_entity", "text"), Field("subject_id", "text"),  # what the item is about, if anything
            Field("note_nl", "longtext"), Field("note_en", "longtext"), *_PROVENANCE,
        ), "title_nl", since=3),
        Entity("decisions", (
            Field("meeting_id", "ref", required=True, ref="meetings"),
            Field("agenda_item_id", "ref", ref="agenda_items"),
            Field("text_nl", "longtext", required=True), Field("text_en", "longtext"), *_PROVENANCE,
        ), "text_nl", since=3),
        Entity("action_items", (
            Field("meeting_id", "ref", required=True, ref="meetings"), Field("decision_id", "ref", ref="decisions"),
            Field("title_nl", "text", required=True), Field("title_en", "text"),
            Field("owner_partner_id", "ref", ref="partners"), Field("due_date", "date"),
            Field("status", "enum", required=True, choices=ACTION_STATUSES), Field("done_date", "date"),
            Field("note_nl", "longtext"), Field("note_en", "longtext"), *_PROVENANCE,
        ), "title_nl", since=3),
        # Input from the work field: a partner's observation from practice, reviewed by an editor.
        Entity("field_signals", (
            Field("partner_id", "ref", ref="partners"), Field("submitted_on", "date", required=True),
            Field("title_nl", "text", required=True), Field("title_en", "text"),
            Field("description_nl", "longtext"), Field("description_en", "longtext"),
            Field("indicator_id", "text"), Field("target_group", "text"), Field("sector", "text"),
            Field("status", "enum", required=True, choices=FIELD_SIGNAL_STATUSES),
            Field("review_note_nl", "longtext"), Field("review_note_en", "longtext"),
            Field("reviewed_on", "date"), Field("agenda_item_id", "ref", ref="agenda_items"), *_PROVENANCE,
        ), "title_nl", since=3),
        # The community side: network events, intervision, lunch talks (charter: "ontmoetingsfora").
        Entity("events", (
            Field("title_nl", "text", required=True), Field("title_en", "text"),
            Field("kind", "enum", required=True, choices=EVENT_KINDS), Field("event_date", "date", required=True),
            Field("theme_nl", "longtext"), Field("theme_en", "longtext"),
            Field("objective_ids", "refs", ref="objectives"), Field("partner_ids", "refs", ref="partners"),
            Field("location", "text"), Field("url", "text"), *_PROVENANCE,
        ), "title_nl", since=3),
    )
}
ORDER = list(ENTITIES)  # parents before children: creates in this order, deletes in reverse


@dataclass(frozen=True)
class Migration:
    """One versioned schema change, run once per store on both backends and recorded in
    `schema_migrations`. Its DDL is generated from ENTITIES: the tables of entities with
    `since == version` and the columns of fields with `since == version` (on older entities).
    `sql`: further portable statements (an index, a data fix), run after the generated DDL."""

    version: int
    name: str
    sql: tuple[str, ...] = ()


# Append only; never edit or renumber an entry that has shipped (docs/policy.md, "Schema migrations").
MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "schema 1: plans, objectives, links, action groups, projects; the audit trail; meta"),
    Migration(2, "the meeting calendar (meetings)"),
    Migration(3, "the working cycle: partners ... events; partners on action groups and projects"),
)
LATEST = MIGRATIONS[-1].version
SCHEMA_VERSION = str(LATEST)  # also kept in meta under `schema_version`, as before migrations


class StoreError(Exception):
    """A change the store refused; nothing was written."""


class ValidationError(StoreError):
    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("; ".join(errors))


class ConflictError(StoreError):
    """Someone saved the record after you loaded it: reload and redo your change."""

    def __init__(self, entity: str, id_: str, expected: int, actual: int | None):
        self.entity, self.id, self.expected, self.actual = entity, id_, expected, actual
        super().__init__(f"{entity} '{id_}' was changed by someone else (you edited version {expected}, "
                         f"it is now version {actual}); reload and redo your change")


class StoreDamaged(StoreError):
    """The store exists but cannot be trusted (empty, not SQLite, corrupt, no policy tables).
    It is never re-seeded or overwritten: the message says how to restore the latest backup."""

    def __init__(self, path: Path | str, why: str):
        self.path, self.why = (path if is_dsn(path) else Path(path)), why
        super().__init__(
            f"the policy store {_where(path)} is damaged ({why}). Nothing was changed and it was not replaced by "
            f"the seed. Restore the latest backup with: {restore_hint(path)}  (docs/policy.md, 'Back up and restore')"
        )


class StoreTooNew(StoreDamaged):
    """The store has a migration this version does not know: it was upgraded by a newer release.
    Refused (also by `restore`), never downgraded: run the newer release."""

    def __init__(self, path: Path | str, versions: list[int]):
        StoreError.__init__(
            self, f"the policy store {_where(path)} was upgraded by a newer release (migration "
                  f"{', '.join(map(str, versions))}; this one knows up to {LATEST}). Nothing was changed: "
                  "run the newer release of the app")
        self.path, self.why = (path if is_dsn(path) else Path(path)), "newer migrations"


class StoreMissing(StoreDamaged):
    """A PostgreSQL database without the policy tables: never created silently (it may be a store
    whose tables were lost, or the wrong database); `python -m policy init` starts a new one."""

    def __init__(self, path: Path | str):
        StoreError.__init__(
            self, f"the database {_where(path)} holds no policy store. Nothing was created. A new deployment "
                  "starts one with: GSIW_LOCAL_ADMIN=1 python -m policy init --user NAME; if a store was there, "
                  f"restore the latest backup with: {restore_hint(path)}  (docs/deployment.md)")
        self.path, self.why = path, "no policy tables"


class StoreUnavailable(StoreError):
    """The PostgreSQL server cannot be reached: nothing is wrong with the data, try again later."""


def _where(path: Path | str) -> str:
    return masked(path) if is_dsn(path) else str(path)


_VERIFIED: set[tuple] = set()  # (path, inode, size, mtime) of files that passed `quick_check` in this process


class NotFound(StoreError):
    pass


class ImportFailed(StoreError):
    """A file that cannot be imported; `errors` name the line of each problem."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("import refused, nothing changed:\n" + "\n".join(errors))


@dataclass
class Op:
    """One change in a batch: create, update (changed fields only) or delete."""

    action: str
    entity: str
    id: str
    values: dict[str, Any] = field(default_factory=dict)
    expected_version: int | None = None


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    ops: list[Op] = field(default_factory=list)


# --------------------------------------------------------------------------- values


def _clean(ent: Entity, values: dict[str, Any], *, where: str = "") -> tuple[dict[str, Any], list[str]]:
    """Coerce editor/YAML values to the field kinds; return (clean values, errors)."""
    out: dict[str, Any] = {}
    errors: list[str] = []
    prefix = f"{where}: " if where else ""
    for name, raw in values.items():
        f = ent.get_field(name)
        if f is None:
            errors.append(f"{prefix}unknown field '{name}' (allowed: {', '.join(ent.field_names)})")
            continue
        value = raw.strip() if isinstance(raw, str) else raw
        if value == "" or value == []:
            value = None
        try:
            out[name] = _coerce(f, value)
        except ValueError as exc:
            errors.append(f"{prefix}{name}: {exc}")
    return out, errors


def _coerce(f: Field, value: Any) -> Any:
    if value is None:
        return False if f.kind == "bool" else None
    if f.kind == "bool":
        if isinstance(value, bool):
            return value
        raise ValueError(f"must be true or false, got {value!r}")
    if f.kind == "int":
        if isinstance(value, bool) or not isinstance(value, int | float) or int(value) != value:
            raise ValueError(f"must be a whole number, got {value!r}")
        return int(value)
    if f.kind == "float":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"must be a number, got {value!r}")
        return float(value)
    if f.kind == "refs":
        if isinstance(value, str):
            value = [v for v in re.split(r"[\s,]+", value) if v]
        if not isinstance(value, list) or not all(isinstance(v, str) and ID_RE.match(v.strip()) for v in value):
            raise ValueError(f"must be a list of ids, got {value!r}")
        ids = list(dict.fromkeys(v.strip() for v in value))  # order kept, duplicates dropped
        return ids or None
    if f.kind == "list":
        if isinstance(value, str):
            value = [line for line in value.splitlines()]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError("must be a list of texts")
        items = [v.strip() for v in value if v.strip()]
        return items or None
    if isinstance(value, date | datetime):  # YAML reads 2005-03-04 as a date
        value = value.isoformat()[:10]
    if isinstance(value, int) and f.kind in ("date", "period"):
        value = str(value)
    if not isinstance(value, str):
        hint = f"; put it in quotes, e.g. '{value}'" if isinstance(value, int | float) else ""
        raise ValueError(f"must be text, got {value!r}{hint}")
    if f.kind == "date":
        if not DATE_RE.match(value) or not _valid_partial_date(value):
            raise ValueError(f"must be a date like 2005, 2005-03 or 2005-03-04, got {value!r}")
    if f.kind == "period" and not PERIOD_RE.match(value):
        raise ValueError(f"must be a period like 2019 or 2019-06, got {value!r}")
    if f.kind == "enum" and value not in f.choices:
        raise ValueError(f"must be one of {', '.join(f.choices)}, got {value!r}")
    if f.kind == "ref" and not ID_RE.match(value):
        raise ValueError(f"must be an id, got {value!r}")
    return value


def _valid_partial_date(value: str) -> bool:
    parts = [int(p) for p in value.split("-")]
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def _check_record(ent: Entity, rec: dict[str, Any], *, where: str = "", skip: set[str] | None = None) -> list[str]:
    """Whole-record rules: required fields, provenance, ranges (`skip`: fields already reported as invalid)."""
    prefix = f"{where}: " if where else ""
    skip = skip or set()
    errors = [f"{prefix}{f.name} is required" for f in ent.fields
              if f.required and rec.get(f.name) is None and f.name not in skip]
    if not rec.get("is_example") and not rec.get("source"):
        errors.append(f"{prefix}source is required for a record that is not an example (is_example: true)")
    day = rec.get("meeting_date")
    if ent.name == "meetings" and day is not None and "meeting_date" not in skip and len(str(day)) != 10:
        errors.append(f"{prefix}meeting_date must be a full date like 2026-09-15, got {day!r}")
    for lo, hi in (("period_start", "period_end"), ("start_date", "end_date")):
        if rec.get(lo) is not None and rec.get(hi) is not None and str(rec[hi]) < str(rec[lo]):
            errors.append(f"{prefix}{hi} ({rec[hi]}) is before {lo} ({rec[lo]})")
    return errors


def _to_db(f: Field, value: Any) -> Any:
    if value is None:
        return None
    if f.kind in ("list", "refs"):
        return json.dumps(value, ensure_ascii=False)
    if f.kind == "bool":
        return int(bool(value))
    return value


def _from_db(f: Field, value: Any) -> Any:
    if f.kind in ("list", "refs"):
        return json.loads(value) if value else None
    if f.kind == "bool":
        return bool(value)
    return value


def _audit_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# --------------------------------------------------------------------------- schema


def _column_sql(f: Field, *, added: bool = False, types: dict[str, str] | None = None) -> str:
    """A field's column. `added`: for ALTER TABLE ADD COLUMN on an older store, where NOT NULL cannot
    apply to rows that exist already and a reference is declared inline. `types`: the backend's."""
    types = types or SqliteBackend.types
    col = f"{f.name} {types.get(f.kind, types['text'])}"
    if f.required and not added:
        col += " NOT NULL"
    if f.kind == "bool":
        col += f" NOT NULL DEFAULT 0 CHECK ({f.name} IN (0, 1))"
    if f.kind == "enum":
        col += " CHECK ({} IN ({}))".format(f.name, ", ".join(f"'{c}'" for c in f.choices))
    if added and f.kind == "ref":
        col += f" REFERENCES {f.ref}(id) ON DELETE RESTRICT"
    return col


def _table_sql(ent: Entity, *, upto: int | None = None, backend=None) -> str:
    """CREATE TABLE for `ent` with its fields up to migration `upto` (every field when None)."""
    backend = backend or SqliteBackend
    fields = [f for f in ent.fields if upto is None or f.since <= upto]
    cols = ["id TEXT PRIMARY KEY", *(_column_sql(f, types=backend.types) for f in fields)]
    cols += ["version INTEGER NOT NULL DEFAULT 1", "updated_at TEXT NOT NULL", "updated_by TEXT NOT NULL"]
    if backend.order_column:
        cols.append(backend.order_column)
    # `refs` (lists of ids) are checked by the store itself, see `_check_refs`.
    fks = [f"FOREIGN KEY ({f.name}) REFERENCES {f.ref}(id) ON DELETE RESTRICT" for f in fields if f.kind == "ref"]
    if ent.unique:
        fks.append(f"UNIQUE ({', '.join(ent.unique)})")
    return f"CREATE TABLE IF NOT EXISTS {ent.name} (\n  " + ",\n  ".join(cols + fks) + "\n)"


def _base_sql(backend) -> list[str]:
    """Migration 1's tables besides the entities: the audit trail (append-only) and meta."""
    return [
        f"""CREATE TABLE IF NOT EXISTS audit (
  {backend.audit_seq},
  change_id TEXT NOT NULL,
  at TEXT NOT NULL,
  who TEXT NOT NULL,
  via TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  field TEXT NOT NULL,
  old TEXT,
  new TEXT
)""",
        # The trail is append-only: even a bug or a hand-written UPDATE cannot rewrite history.
        *backend.append_only_sql(),
        "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    ]


# Which migrations a store has run (both backends); a version above LATEST means a newer release.
MIGRATIONS_TABLE = """CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
)"""


def _migrate(con, backend, migration: Migration) -> list[str]:
    """Run one migration's DDL and record it. Each step is skipped when already there, so a store
    made before `schema_migrations` existed is brought up to date the same way. Returns the tables
    it created (an upgrade seeds those, and only those)."""
    created = []
    if migration.version == 1:
        for stmt in _base_sql(backend):
            con.execute(stmt)
    for ent in ENTITIES.values():
        if ent.since == migration.version and not backend.has_table(con, ent.name):
            con.execute(_table_sql(ent, upto=migration.version, backend=backend))
            created.append(ent.name)
    for ent in ENTITIES.values():
        if ent.since >= migration.version or not backend.has_table(con, ent.name):
            continue
        have = backend.columns(con, ent.name)
        for f in ent.fields:
            if f.since == migration.version and f.name not in have:
                con.execute(f"ALTER TABLE {ent.name} ADD COLUMN {_column_sql(f, added=True, types=backend.types)}")
    for stmt in migration.sql:
        con.execute(stmt)
    con.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                [migration.version, migration.name, _now()])
    _set_meta(con, "schema_version", str(migration.version))
    return created


def _set_meta(con, key: str, value: str) -> None:
    con.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value])


def _schema_sql(backend=None) -> list[str]:
    """The whole current schema at once, for reading (stores are built by running MIGRATIONS)."""
    backend = backend or SqliteBackend
    return [*(_table_sql(ent, backend=backend) for ent in ENTITIES.values()), *_base_sql(backend), MIGRATIONS_TABLE]


# --------------------------------------------------------------------------- YAML with line numbers


@dataclass
class _Parsed:
    records: dict[str, list[tuple[dict[str, Any], int, dict[str, int]]]]  # entity -> (record, line, field lines)
    declared: dict[str, Any] | None = None  # the `records:` counts an export ends with
    declared_line: int = 0


def parse_yaml(text: str) -> _Parsed:
    """Read an export file; every problem is reported with its line number (1-based)."""
    loader = yaml.SafeLoader(text)
    errors: list[str] = []
    out: dict[str, list] = {name: [] for name in ENTITIES}
    declared, declared_line = None, 0
    try:
        try:
            root = loader.get_single_node()
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
            where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "file"
            raise ImportFailed([f"{where}: not valid YAML: {getattr(exc, 'problem', None) or exc}"]) from None
        if root is None or not isinstance(root, yaml.MappingNode):
            raise ImportFailed(["line 1: the file must be a mapping with keys format, plans, objectives, ..."])
        seen_top: set[str] = set()
        fmt = None
        for key_node, value_node in root.value:
            key, line = key_node.value, key_node.start_mark.line + 1
            if key in seen_top:
                errors.append(f"line {line}: '{key}' appears twice")
                continue
            seen_top.add(key)
            if key == "format":
                fmt = value_node.value if isinstance(value_node, yaml.ScalarNode) else None
                continue
            if key == "exported_at":
                continue
            if key == "records":  # an export's last key: the counts, so a cut-off file is noticed
                declared = loader.construct_object(value_node, deep=True)
                declared_line = line
                continue
            if key not in ENTITIES:
                errors.append(f"line {line}: unknown section '{key}' (expected {', '.join(ENTITIES)})")
                continue
            if isinstance(value_node, yaml.ScalarNode) and value_node.tag.endswith(":null"):
                continue
            if not isinstance(value_node, yaml.SequenceNode):
                errors.append(f"line {line}: '{key}' must be a list of records (each starting with '- id: ...')")
                continue
            for item in value_node.value:
                iline = item.start_mark.line + 1
                if not isinstance(item, yaml.MappingNode):
                    errors.append(f"line {iline}: each {key} record must be a mapping of field: value")
                    continue
                rec: dict[str, Any] = {}
                lines: dict[str, int] = {}
                for fk, fv in item.value:
                    fline = fk.start_mark.line + 1
                    if fk.value in rec:
                        errors.append(f"line {fline}: field '{fk.value}' appears twice in this record")
                        continue
                    try:
                        rec[fk.value] = loader.construct_object(fv, deep=True)
                    except yaml.YAMLError as exc:
                        errors.append(f"line {fline}: {fk.value}: {exc}")
                        continue
                    lines[fk.value] = fv.start_mark.line + 1
                out[key].append((rec, iline, lines))
        if fmt != FORMAT:
            errors.insert(0, f"line 1: 'format: {FORMAT}' is required (found {fmt!r})")
    finally:
        loader.dispose()
    if declared is not None:
        if not isinstance(declared, dict):
            errors.append(f"line {declared_line}: 'records' must map each section to its number of records")
        else:
            for name in ENTITIES:
                if declared.get(name, 0) != len(out[name]):
                    errors.append(f"line {declared_line}: the file says {declared.get(name, 0)} {name} but holds "
                                  f"{len(out[name])}; it is incomplete or was edited by hand without updating 'records'")
    if errors:
        raise ImportFailed(errors)
    return _Parsed(out, declared, declared_line)


def _validate_parsed(parsed: _Parsed, existing_ids: dict[str, set[str]], replace: bool) -> dict[str, dict[str, dict]]:
    """Check every record of a parsed file; return entity -> id -> clean record, or raise with lines."""
    errors: list[str] = []
    clean: dict[str, dict[str, dict]] = {name: {} for name in ENTITIES}
    for name, items in parsed.records.items():
        ent = ENTITIES[name]
        for rec, line, lines in items:
            rid = rec.pop("id", None)
            if not isinstance(rid, str) or not ID_RE.match(rid):
                errors.append(f"line {line}: {name}: 'id' must be lowercase letters, digits and dashes, got {rid!r}")
                continue
            if rid in clean[name]:
                errors.append(f"line {line}: {name} '{rid}' appears twice")
                continue
            values, errs, bad = {}, [], set()
            for k, v in rec.items():
                vals, e = _clean(ent, {k: v}, where=f"line {lines.get(k, line)}: {name} '{rid}'")
                values.update(vals)
                errs += e
                bad |= {k} if e else set()
            full = {f.name: values.get(f.name, False if f.kind == "bool" else None) for f in ent.fields}
            errs += _check_record(ent, full, where=f"line {line}: {name} '{rid}'", skip=bad)
            errors += errs
            full["_line"] = line
            full["_lines"] = lines
            clean[name][rid] = full
    for name, recs in clean.items():  # references must point at a record in the file (or kept in the store)
        for rid, rec in recs.items():
            for f in ENTITIES[name].fields:
                value = rec.get(f.name)
                if not f.ref or value is None:
                    continue
                known = set(clean[f.ref]) | (set() if replace else existing_ids.get(f.ref, set()))
                for target in value if f.kind == "refs" else [value]:
                    if target not in known:
                        line = rec["_lines"].get(f.name, rec["_line"])
                        errors.append(f"line {line}: {name} '{rid}': {f.name} '{target}' does not exist in {f.ref}")
    if errors:
        raise ImportFailed(errors)
    for recs in clean.values():
        for rec in recs.values():
            rec.pop("_line"), rec.pop("_lines")
    return clean


# --------------------------------------------------------------------------- the store


class PolicyStore:
    """Open the policy store: a SQLite file (`path`, default GSIW_POLICY_DB) or a PostgreSQL database
    (a postgresql:// DSN, default GSIW_POLICY_DSN when set). A SQLite store is created and seeded only
    when no file exists there yet; a PostgreSQL store only with `init=True` (`python -m policy init`)
    in a database that holds none of the store's tables. Either runs the migrations it lacks."""

    def __init__(self, path: Path | str | None = None, *, seed: Path | None = None, seed_if_new: bool = True,
                 init: bool = False):
        self._backend = backend_for(path if path else policy_location())
        self.path = self._backend.path  # a Path (SQLite) or the DSN (PostgreSQL): `PolicyStore(store.path)` reopens
        self.where = self._backend.where  # for messages: the DSN without its password
        self.backend = self._backend.name  # "sqlite" or "postgresql"
        self.seed_path = seed or SEED_PATH
        self.seed_if_new = seed_if_new
        self._init = init
        self.ensure()

    # -- plumbing
    def _connect(self):
        try:
            return self._backend.connect()
        except Unavailable as exc:
            raise StoreUnavailable(str(exc)) from None

    @contextmanager
    def _session(self, *, write: bool) -> Iterator[Any]:
        """A connection in a read transaction, or in a write transaction taken with the write lock up front
        (concurrent editors queue) that commits at the end and rolls back on any error. A damaged
        database surfaces as StoreDamaged, never as a driver error."""
        self._check_exists()
        con = self._connect()
        try:
            if not write:
                self._backend.begin_read(con)
                yield con
                return
            self._backend.begin_write(con)
            try:
                yield con
            except BaseException:
                with suppress(Exception):  # a dead connection rolls back on the server by itself
                    con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")
        except Exception as exc:
            if self._backend.is_damage(exc):
                raise StoreDamaged(self.path, f"{self._backend.name}: {exc}") from None
            raise
        finally:
            con.close()

    def _tx(self):
        return self._session(write=True)

    def _read(self):
        return self._session(write=False)

    def _check_exists(self) -> None:
        """sqlite3 would silently create an empty file where the store was deleted: refuse instead."""
        if self.backend == "sqlite" and not self.path.is_file():
            raise StoreDamaged(self.path, "the file has disappeared since it was opened")

    def ensure(self) -> None:
        """Create a brand-new store; check an existing one, run the migrations it lacks, and never
        replace it (see module doc)."""
        if self.backend == "sqlite":
            if not self.path.exists():
                self._create(seed=self.seed_if_new)
                return
            self._check_intact()
        with self._read() as con:
            tables = self._backend.tables(con)
            if self.backend != "sqlite" and not tables & {*ENTITIES, "audit", "meta", "schema_migrations"}:
                if not self._init:
                    raise StoreMissing(self.path)
                created = True
            else:
                created = False
                self._check_tables(con, tables)
                applied = _applied(con, tables)
                newer = sorted(v for v in applied or [] if v > LATEST)
                if newer:
                    raise StoreTooNew(self.path, newer)
        if created:
            self._create_in_database(seed=self.seed_if_new)
            return
        if applied is not None and {m.version for m in MIGRATIONS} <= set(applied):
            missing = [n for n in [*ENTITIES, "audit", "meta"] if n not in tables]
            if missing:
                raise StoreDamaged(self.path, f"tables missing although their migrations ran: {', '.join(missing)}")
            return
        with self._tx() as con:  # a store made by an older version: add what is new, keep every record
            self._upgrade(con)

    def _check_tables(self, con, tables: set[str]) -> None:
        missing = [n for n in ["audit", "meta", *V1_TABLES] if n not in tables]
        seeded = "meta" in tables and con.execute("SELECT 1 FROM meta WHERE key = 'seeded_at'").fetchone()
        if missing or not seeded:
            raise StoreDamaged(self.path, f"not a complete policy store (missing: {', '.join(missing) or 'meta'})")

    def _upgrade(self, con) -> None:
        """Run the migrations the store lacks (in order, in this one transaction), then add the seed's
        records for the tables they created only (audited as seed). Existing records are never changed."""
        tables = self._backend.tables(con)
        applied = _applied(con, tables)
        if applied is None:  # made before schema_migrations: every migration runs, skipping what is there
            con.execute(MIGRATIONS_TABLE)
            applied = []
        newer = sorted(v for v in applied if v > LATEST)
        if newer:
            raise StoreTooNew(self.path, newer)
        new_tables: list[str] = []
        for migration in MIGRATIONS:
            if migration.version not in applied:
                new_tables += _migrate(con, self._backend, migration)
        self._seed_sections(con, new_tables)

    def _check_intact(self) -> None:
        """Refuse (StoreDamaged) an existing file that is empty, not SQLite, corrupt or not a policy store."""
        try:
            st_ = self.path.stat()
            with open(self.path, "rb") as fh:
                head = fh.read(len(SQLITE_HEADER))
        except OSError as exc:
            raise StoreDamaged(self.path, f"cannot be read: {exc}") from None
        if st_.st_size == 0:
            raise StoreDamaged(self.path, "the file is empty (0 bytes)")
        if head != SQLITE_HEADER:
            raise StoreDamaged(self.path, "the file is not an SQLite database")
        key = (str(self.path.resolve()), st_.st_ino, st_.st_size, st_.st_mtime_ns)
        if key in _VERIFIED:
            return
        try:
            con = self._connect()
            try:
                problems = [r[0] for r in con.execute("PRAGMA quick_check").fetchall()]
            finally:
                con.close()
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:  # garbage can reach even the error text
            raise StoreDamaged(self.path, f"SQLite: {exc}") from None
        if problems != ["ok"]:
            raise StoreDamaged(self.path, f"integrity check failed: {'; '.join(problems[:3])}")
        _VERIFIED.add(key)

    def _build(self, con, *, seed: bool) -> None:
        """A new store's schema (every migration, in order) and, with `seed`, the seed's records."""
        con.execute(MIGRATIONS_TABLE)
        for migration in MIGRATIONS:
            _migrate(con, self._backend, migration)
        _set_meta(con, "store_id", uuid.uuid4().hex)
        if seed and self.seed_path and Path(self.seed_path).exists():
            text = Path(self.seed_path).read_text(encoding="utf-8")
            self._import_in(con, text, who="seed", via=f"seed:{Path(self.seed_path).name}", replace=False)
            _set_meta(con, "seed_sha256", hashlib.sha256(text.encode()).hexdigest())
        _set_meta(con, "seeded_at", _now() if seed else "restore")

    def _create_in_database(self, *, seed: bool) -> None:
        """PostgreSQL: build the store in one transaction under the write lock; a second `init` at
        the same time waits, then finds the tables and leaves them alone."""
        with self._tx() as con:
            if self._backend.tables(con) & {*ENTITIES, "audit", "meta", "schema_migrations"}:
                return
            self._build(con, seed=seed)
        if seed:
            self.backup()

    def _create(self, *, seed: bool) -> None:
        """Build the new store in a private file and link it into place only if still absent: two first
        visits at once cannot both seed, and nobody ever sees a half-made store."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.new-{os.getpid()}-{uuid.uuid4().hex[:6]}")
        try:
            con = sqlite3.connect(tmp, isolation_level=None)
            try:
                con.row_factory = sqlite3.Row
                con.execute("PRAGMA journal_mode = WAL")
                con.execute("PRAGMA foreign_keys = ON")
                con.execute("BEGIN IMMEDIATE")
                self._build(con, seed=seed)
                con.execute("COMMIT")
            finally:
                con.close()  # the last connection checkpoints the WAL into the file and removes it
            try:
                os.link(tmp, self.path)  # atomic, and fails if someone else created the store meanwhile
            except FileExistsError:
                pass
        finally:
            for extra in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
                extra.unlink(missing_ok=True)
        if seed:
            self.backup()

    # -- automatic backups
    def backup(self, tag: str = "") -> Path | None:
        """Write the whole store as YAML to the backup folder, then rotate. Called after every change.

        A failing backup (disk full, read-only folder) never undoes the committed change; it is reported
        as a warning and the next change tries again."""
        import warnings

        folder = backup_dir(self.path)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        target = folder / f"{BACKUP_PREFIX}{stamp}{('-' + tag) if tag else ''}.yaml"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            part = target.with_suffix(".part")
            part.write_text(self.export_yaml(), encoding="utf-8")
            os.replace(part, target)
            self._rotate(folder)
        except OSError as exc:
            warnings.warn(f"policy store backup to {folder} failed: {exc}", RuntimeWarning, stacklevel=2)
            return None
        return target

    @staticmethod
    def _rotate(folder: Path) -> None:
        files = sorted(folder.glob(f"{BACKUP_PREFIX}*.yaml"))
        keep = set(files[-KEEP_CHANGES:])
        by_day: dict[str, Path] = {}
        for f in files:  # oldest first: the last one of each day wins
            by_day[f.name[len(BACKUP_PREFIX):len(BACKUP_PREFIX) + 8]] = f
        keep |= set(sorted(by_day.values())[-KEEP_DAYS:])
        for f in files:
            if f not in keep:
                f.unlink(missing_ok=True)

    def _seed_sections(self, con, names: list[str]) -> None:
        """Add only the seed's sections for `names` (tables an upgrade created; audited as seed); the
        store's other records stay as edited. Seed records that refer to something an editor has since
        deleted are left out, with a warning, rather than blocking the upgrade."""
        if not (names and self.seed_path and Path(self.seed_path).exists()):
            return
        seed = yaml.safe_load(Path(self.seed_path).read_text(encoding="utf-8")) or {}
        sections = {n: seed[n] for n in names if seed.get(n)}
        if not sections:
            return
        text = yaml.safe_dump({"format": FORMAT, **sections}, allow_unicode=True)
        try:
            self._import_in(con, text, who="seed", via=f"seed:{Path(self.seed_path).name}", replace=False)
        except ImportFailed as exc:
            import warnings

            warnings.warn(f"policy store upgrade: seed records for {', '.join(sections)} left out: {exc}",
                          RuntimeWarning, stacklevel=2)

    # -- reading
    def meetings(self) -> list[dict[str, Any]]:
        """The meeting calendar, oldest first."""
        return sorted(self.records("meetings"), key=lambda m: m["meeting_date"])

    def records(self, entity: str) -> list[dict[str, Any]]:
        ent = ENTITIES[entity]
        with self._read() as con:
            rows = con.execute(f"SELECT * FROM {ent.name} ORDER BY rowid").fetchall()
        return [self._row(ent, r) for r in rows]

    def get(self, entity: str, id_: str) -> dict[str, Any] | None:
        ent = ENTITIES[entity]
        with self._read() as con:
            row = con.execute(f"SELECT * FROM {ent.name} WHERE id = ?", [id_]).fetchone()
        return self._row(ent, row) if row else None

    @staticmethod
    def _row(ent: Entity, row) -> dict[str, Any]:  # sqlite3.Row or backends._PgRow
        rec = {"id": row["id"]}
        rec.update({f.name: _from_db(f, row[f.name]) for f in ent.fields})
        rec.update(version=row["version"], updated_at=row["updated_at"], updated_by=row["updated_by"])
        return rec

    def audit_log(self, *, limit: int | None = 200, entity: str | None = None, entity_id: str | None = None) -> list[dict]:
        sql = ("SELECT * FROM audit WHERE (CAST(? AS TEXT) IS NULL OR entity = ?) "
               "AND (CAST(? AS TEXT) IS NULL OR entity_id = ?) ORDER BY seq DESC")
        args: list[Any] = [entity, entity, entity_id, entity_id]
        if limit:
            sql += " LIMIT ?"
            args.append(limit)
        with self._read() as con:
            return [dict(r) for r in con.execute(sql, args).fetchall()]

    def counts(self) -> dict[str, int]:
        with self._read() as con:
            return {name: con.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in [*ENTITIES, "audit"]}

    def revision(self) -> str:
        """Changes with every write: each one appends to the audit trail (AUTOINCREMENT/IDENTITY, never
        reused). A cache key for what pages compute from the store; the file's identity (SQLite) or the
        store id in meta (PostgreSQL) covers a replaced store."""
        with self._read() as con:
            seq, n = con.execute("SELECT coalesce(max(seq), 0), count(*) FROM audit").fetchone()
            if self.backend == "sqlite":
                ident = self._backend.identity()
            else:  # a database restored or re-initialised gets a new store_id
                ident = (con.execute("SELECT value FROM meta WHERE key = 'store_id'").fetchone() or [""])[0]
        return f"{ident}:{seq}:{n}"

    def checksum(self) -> str:
        """sha256 over every record (with versions) and the whole audit trail: equal means untouched."""
        h = hashlib.sha256()
        with self._read() as con:
            for name in [*ENTITIES, "audit"]:
                key = "seq" if name == "audit" else "id"
                for row in con.execute(f"SELECT * FROM {name} ORDER BY {key}"):
                    h.update(json.dumps([name, *tuple(row)], default=str).encode())
        return h.hexdigest()

    # -- writing (every public write is guarded)
    def create(self, entity: str, id_: str, values: dict[str, Any], *, user: str) -> dict:
        self.apply([Op("create", entity, id_, values)], user=user)
        return self.get(entity, id_)

    def update(self, entity: str, id_: str, changes: dict[str, Any], *, expected_version: int, user: str) -> dict:
        self.apply([Op("update", entity, id_, changes, expected_version)], user=user)
        return self.get(entity, id_)

    def delete(self, entity: str, id_: str, *, expected_version: int, user: str) -> None:
        self.apply([Op("delete", entity, id_, expected_version=expected_version)], user=user)

    def apply(self, ops: list[Op], *, user: str, via: str = "editor") -> str:
        """Apply a batch of changes in one transaction (all or nothing); returns the change id."""
        require_role(user, write_action(ops))  # "edit", or a member's field-signal submission (policy/access.py)
        change_id = uuid.uuid4().hex[:12]
        with self._tx() as con:
            at = _now()
            for op in ops:
                self._apply_one(con, op, who=user.strip(), via=via, at=at, change_id=change_id)
        self.backup(change_id)
        return change_id

    def _apply_one(self, con, op: Op, *, who: str, via: str, at: str, change_id: str) -> None:
        if op.entity not in ENTITIES:
            raise StoreError(f"unknown entity {op.entity!r}")
        ent = ENTITIES[op.entity]
        row = con.execute(f"SELECT * FROM {ent.name} WHERE id = ?", [op.id]).fetchone()
        current = self._row(ent, row) if row else None
        if op.action == "create":
            if not ID_RE.match(op.id or ""):
                raise ValidationError([f"id must be lowercase letters, digits and dashes (2-63), got {op.id!r}"])
            if current:
                raise StoreError(f"{ent.name} '{op.id}' already exists")
            values, errors = _clean(ent, op.values)
            full = {f.name: values.get(f.name, False if f.kind == "bool" else None) for f in ent.fields}
            errors += _check_record(ent, full) + _check_refs(con, ent, full)
            if errors:
                raise ValidationError(errors)
            cols = ["id", *ent.field_names, "version", "updated_at", "updated_by"]
            vals = [op.id, *[_to_db(f, full[f.name]) for f in ent.fields], 1, at, who]
            self._exec(con, f"INSERT INTO {ent.name} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", vals)
            diffs = [(f.name, None, full[f.name]) for f in ent.fields if full[f.name] not in (None, False)]
            self._write_audit(con, change_id, at, who, via, "create", ent.name, op.id, diffs or [("id", None, op.id)])
            return
        if current is None:
            raise NotFound(f"{ent.name} '{op.id}' does not exist (deleted by someone else?)")
        if op.expected_version is not None and current["version"] != op.expected_version:
            raise ConflictError(ent.name, op.id, op.expected_version, current["version"])
        if op.action == "update":
            values, errors = _clean(ent, op.values)
            merged = {f.name: current[f.name] for f in ent.fields} | values
            errors += _check_record(ent, merged) + _check_refs(con, ent, values)
            if errors:
                raise ValidationError(errors)
            diffs = [(k, current[k], v) for k, v in values.items() if current[k] != v]
            if not diffs:
                return
            sets = ", ".join(f"{k} = ?" for k, _, _ in diffs)
            args = [_to_db(ent.get_field(k), v) for k, _, v in diffs]
            cur = self._exec(
                con, f"UPDATE {ent.name} SET {sets}, version = version + 1, updated_at = ?, updated_by = ? "
                     "WHERE id = ? AND version = ?", [*args, at, who, op.id, current["version"]])
            if cur.rowcount != 1:  # cannot happen under BEGIN IMMEDIATE, but never lose an update silently
                raise ConflictError(ent.name, op.id, current["version"], None)
            self._write_audit(con, change_id, at, who, via, "update", ent.name, op.id, diffs)
            return
        if op.action == "delete":
            users = _referred_by(con, ent.name, op.id)
            if users:
                raise StoreError(f"{ent.name} '{op.id}' is still referred to by {', '.join(users)}")
            self._exec(con, f"DELETE FROM {ent.name} WHERE id = ? AND version = ?", [op.id, current["version"]])
            # Every old value goes into the trail, so a deleted record can be rebuilt from it.
            diffs = [(f.name, current[f.name], None) for f in ent.fields if current[f.name] not in (None, False)]
            self._write_audit(con, change_id, at, who, via, "delete", ent.name, op.id, diffs or [("id", op.id, None)])
            return
        raise StoreError(f"unknown action {op.action!r}")

    def _exec(self, con, sql: str, args: list):
        try:
            return con.execute(sql, args)
        except Exception as exc:
            reason = self._backend.integrity(exc)
            if reason is None:
                raise
            raise StoreError(reason) from exc

    def _write_audit(self, con, change_id, at, who, via, action, entity, entity_id, diffs) -> None:
        con.executemany(
            "INSERT INTO audit (change_id, at, who, via, action, entity, entity_id, field, old, new) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(change_id, at, who, via, action, entity, entity_id, k, _audit_text(o), _audit_text(n))
             for k, o, n in diffs],
        )

    # -- export / import
    def export_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"format": FORMAT, "exported_at": _now()}
        for name, ent in ENTITIES.items():
            data[name] = [
                {"id": r["id"], **{k: r[k] for k in ent.field_names if r[k] is not None and k != "is_example"},
                 "is_example": r["is_example"]}
                for r in self.records(name)
            ]
        data["records"] = {name: len(data[name]) for name in ENTITIES}  # last: a cut-off file lacks it
        return data

    def export_yaml(self) -> str:
        header = (
            "# Gsiw policy store export (plans, objectives, indicator links, partners, action groups, projects,\n"
            "# meetings, reports, project measures, turn-the-curve notes, agenda, decisions, field signals, events).\n"
            "# Readable backup: `python -m policy import FILE --replace --user NAME` restores it exactly.\n"
            "# Records with is_example: true are illustrations, shown as 'voorbeeld' in the dashboard.\n"
        )
        return header + yaml.safe_dump(self.export_data(), sort_keys=False, allow_unicode=True, width=110)

    def plan_import(self, text: str, *, replace: bool = False) -> ImportReport:
        """Dry run: what an import would change, or `ImportFailed` with line numbers. Writes nothing."""
        with self._read() as con:
            return self._diff(con, text, replace)

    def import_yaml(self, text: str, *, user: str, replace: bool = False, via: str = "import") -> ImportReport:
        """Create and update the file's records; with `replace`, also delete records not in it.

        Validated completely before anything is written; applied in one transaction.
        """
        require_role(user, "import")
        with self._tx() as con:
            report = self._import_in(con, text, who=user.strip(), via=via, replace=replace)
        self.backup("import")
        return report

    def _import_in(self, con, text: str, *, who: str, via: str, replace: bool) -> ImportReport:
        report = self._diff(con, text, replace)
        change_id, at = uuid.uuid4().hex[:12], _now()
        for op in report.ops:
            self._apply_one(con, op, who=who, via=via, at=at, change_id=change_id)
        return report

    def _diff(self, con, text: str, replace: bool) -> ImportReport:
        parsed = parse_yaml(text)
        if replace and parsed.declared is None:
            raise ImportFailed(["end of file: a full restore (replace) needs a complete export, which ends with "
                                "'records:' and the number of records per section; this file has none (cut off?)"])
        current = {
            name: {r["id"]: self._row(ENTITIES[name], r) for r in con.execute(f"SELECT * FROM {name}")}
            for name in ENTITIES
        }
        clean = _validate_parsed(parsed, {k: set(v) for k, v in current.items()}, replace)
        report = ImportReport()
        for name in ORDER:
            ent = ENTITIES[name]
            for rid, rec in clean[name].items():
                old = current[name].get(rid)
                if old is None:
                    report.ops.append(Op("create", name, rid, rec))
                    report.created += 1
                    continue
                changes = {k: v for k, v in rec.items() if old[k] != v}
                if changes:
                    report.ops.append(Op("update", name, rid, changes, old["version"]))
                    report.updated += 1
                else:
                    report.unchanged += 1
            del ent
        if replace:
            for name in reversed(ORDER):
                for rid, old in current[name].items():
                    if rid not in clean[name]:
                        report.ops.append(Op("delete", name, rid, expected_version=old["version"]))
                        report.deleted += 1
        return report


def _check_refs(con, ent: Entity, values: dict[str, Any]) -> list[str]:
    """Every id in a `refs` field must exist (a `ref` is checked by the database's foreign key)."""
    errors = []
    for f in ent.fields:
        for target in (values.get(f.name) or []) if f.kind == "refs" else []:
            if con.execute(f"SELECT 1 FROM {f.ref} WHERE id = ?", [target]).fetchone() is None:
                errors.append(f"{f.name}: '{target}' does not exist in {f.ref}")
    return errors


def _referred_by(con, entity: str, id_: str) -> list[str]:
    """Records whose `refs` list still names `entity` `id_` (deleting it would leave a dangling id)."""
    found = []
    for ent in ENTITIES.values():
        for f in ent.fields:
            if f.kind == "refs" and f.ref == entity:
                for row in con.execute(f"SELECT id, {f.name} FROM {ent.name} WHERE {f.name} IS NOT NULL"):
                    if id_ in json.loads(row[1]):
                        found.append(f"{ent.name} '{row[0]}'")
    return found


def _applied(con, tables: set[str]) -> list[int] | None:
    """The migrations a store has run; None for a store made before `schema_migrations` existed."""
    if "schema_migrations" not in tables:
        return None
    return [r[0] for r in con.execute("SELECT version FROM schema_migrations ORDER BY version")]


def previous_and_next(meetings: list[dict], today: date) -> tuple[dict | None, dict | None]:
    """The last meeting before `today` and the first one on or after it (None when there is none)."""
    day = today.isoformat()
    past = [m for m in meetings if m["meeting_date"] < day]
    coming = [m for m in meetings if m["meeting_date"] >= day]
    return (max(past, key=lambda m: m["meeting_date"]) if past else None,
            min(coming, key=lambda m: m["meeting_date"]) if coming else None)


def open_store(path: Path | str | None = None) -> PolicyStore:
    """The store at GSIW_POLICY_DSN (PostgreSQL) when set, else the SQLite file at GSIW_POLICY_DB
    (default data/policy/gsiw_policy.sqlite, created on first use)."""
    return PolicyStore(path)


def initialise(path: Path | str | None = None, *, user: str, seed: Path | None = None,
               empty: bool = False) -> PolicyStore:
    """Start a new store (admin only): the tables and, unless `empty`, the seed. The one way to create
    a PostgreSQL store (`python -m policy init`); an existing store is opened, never re-seeded."""
    require_role(user, "restore")
    return PolicyStore(path, seed=seed, seed_if_new=not empty, init=True)


def restore(backup_file: Path, *, user: str, path: Path | str | None = None
            ) -> tuple[PolicyStore, ImportReport, Path | str | None]:
    """Rebuild the store from a YAML backup (admin only): the whole file is validated first; a damaged
    store is moved aside (never deleted): a SQLite file to `<name>.damaged-<time>`, PostgreSQL tables
    into a schema `gsiw_damaged_<time>`; a new empty store is created and the backup imported with
    `replace`, audited as `restore:<file>`. An intact store is simply brought back to the backup's
    contents (the same full-restore import). A store made by a newer release is refused. Returns the
    store, what changed, and where the damaged store went (None if it was intact)."""
    require_role(user, "restore")
    target = path if path else policy_location()
    text = Path(backup_file).read_text(encoding="utf-8")
    parse_yaml(text)  # refuse a malformed backup before touching anything
    moved: Path | str | None = None
    try:
        store = PolicyStore(target, seed_if_new=False, init=True)
    except StoreTooNew:
        raise
    except StoreDamaged:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        if is_dsn(target):
            backend = backend_for(target)
            con = backend.connect()
            try:
                backend.begin_write(con)
                moved = backend.move_aside(con, [*ENTITIES, "audit", "meta", "schema_migrations"], stamp)
                con.execute("COMMIT")
            finally:
                con.close()
        else:
            target = Path(target)
            moved = target.with_name(f"{target.name}.damaged-{stamp}")
            os.replace(target, moved)
            for suffix in ("-wal", "-shm"):
                side = Path(f"{target}{suffix}")
                if side.exists():
                    os.replace(side, Path(f"{moved}{suffix}"))
        store = PolicyStore(target, seed_if_new=False, init=True)
    report = store.import_yaml(text, user=user, replace=True, via=f"restore:{Path(backup_file).name}")
    return store, report, moved
