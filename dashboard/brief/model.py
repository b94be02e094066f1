"""What changed since the last meeting: two states of the warehouse compared, as plain data.

Why this shape: the Policy Group's pre-read, the meeting page, the presentation view, the PDF and
Excel packs all say the same thing, so it is computed once, by a pure function
`brief(previous, current, store, since)` over two `State`s, and rendered four ways.

A `State` is what the brief needs from one warehouse: the periods per indicator, the snapshot per
source, Gent's series (and every series an objective links to), each objective link's progress
(policy.progress) and the gap signals (policy.signals). It is captured from any DuckDB connection
with the warehouse's tables, so the previous state can be:

- an older warehouse file (`capture(duckdb.connect(old_file), ...)`), or
- the current warehouse *as it was on the meeting date*, rebuilt from its history
  (`as_of` + `previous_connection`): every build appends its periods per indicator to
  `coverage_history` (kept across builds, like `load_log`), so the observations of that date are
  today's observations up to the periods then loaded. A source whose state on that date the history
  does not tell (no build before it, or a new snapshot but no coverage recorded) is `unknown`: the
  brief says so and claims no change for it.

Decisions where the issue is silent (documented in docs/meeting.md):
- "since the meeting" means after the meeting day: builds and policy edits on the meeting day
  itself count as known at the meeting;
- a move is notable when a rate moves by at least NOTABLE_PP percentage points, any other unit by at
  least NOTABLE_RELATIVE of its previous value; series followed: Gent's totals and every series an
  objective links to;
- statuses and signals are computed with today's policy store on both states, so a change says the
  data moved, not that someone edited a target (those edits are listed as updates);
- revisions of figures already loaded are visible only between two real warehouse files, not in
  the history-based previous state.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import timedelta
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from dashboard.queries import brief as QB
from dashboard.queries import policy as PQ
from pipelines import freshness
from pipelines.nis import GENT
from pipelines.summaries import summary_queries
from policy import signals as S
from policy.progress import Progress
from policy.signals import Signal

FOCUS_GEO = GENT
NOTABLE_PP = 0.3  # percentage points, for indicators in %
NOTABLE_RELATIVE = 0.03  # share of the previous value, for every other unit
# Statuses from best to worst, to say whether a status change is an improvement.
STATUS_RANK = {"target_met": 0, "on_track": 1, "acceleration_needed": 2, "limited_progress": 3,
               "no_progress": 3.5, "deteriorating": 4, "target_missed": 5}
UPDATE_ENTITIES = ("action_groups", "projects", "objectives", "links", "plans")
# Which analysis page shows a source best; others open the indicator explorer on their first indicator.
SOURCE_PAGES = {
    "vdab_jobseekers": ("views/werkzoekenden.py", "werkzoekenden"),
    "vdab_vacancies": ("views/vacatures.py", "vacatures"),
    "census2011_commuting": ("views/pendel.py", "pendel"),
}


@dataclass(frozen=True)
class SeriesKey:
    indicator_id: str
    geo_code: str = FOCUS_GEO
    breakdown: str = "total"
    breakdown_value: str = "total"


@dataclass(frozen=True)
class Link:
    """A deep link to the page with the evidence: the view file (for st.page_link), its URL path, params."""

    view: str
    url_path: str
    params: tuple[tuple[str, str], ...] = ()

    @classmethod
    def make(cls, view: str, url_path: str, **params: Any) -> Link:
        return cls(view, url_path, tuple((k, str(v)) for k, v in params.items() if v is not None))

    def query(self, lang: str) -> dict[str, str]:
        return dict(self.params) | {"lang": lang}

    def url(self, lang: str, base: str = ".") -> str:
        from urllib.parse import urlencode

        return f"{base.rstrip('/')}/{self.url_path}?{urlencode(self.query(lang))}"


@dataclass
class State:
    """One state of the warehouse, as the brief compares it."""

    label: str  # what it is, e.g. "build of 2026-11-23" or "as of 2026-09-15"
    built_at: str | None
    periods: dict[str, tuple[str, ...]]  # indicator -> periods it has rows for
    sources: dict[str, str | None]  # source -> snapshot
    indicator_source: dict[str, str]
    series: dict[SeriesKey, tuple[tuple[str, float], ...]]  # (period, value), oldest first, values only
    progress: dict[str, Progress]  # objective link id -> status
    signals: list[Signal]
    unknown: frozenset[str] = frozenset()  # sources whose state the history does not tell
    indicators: dict[str, dict] = field(default_factory=dict)  # catalogue rows (names, unit, direction)
    source_meta: dict[str, dict] = field(default_factory=dict)  # publisher, titles, licence, url
    labels: dict[str, dict] = field(default_factory=dict)  # lang -> {'geo': {...}, 'breakdown': {...}}
    # Each linked series as read (NULL values and statuses kept), so a past state can be cut from it.
    link_frames: dict[SeriesKey, pd.DataFrame] = field(default_factory=dict, repr=False, compare=False)


@dataclass
class Release:
    source_id: str
    kind: str  # new_periods | new_source | new_snapshot | unknown
    new_periods: list[str]
    indicators: list[str]  # indicators with new periods
    snapshot_before: str | None
    snapshot_now: str | None
    link: Link


@dataclass
class Move:
    key: SeriesKey
    unit: str
    period_before: str
    value_before: float
    period_now: str
    value_now: float
    assessment: str  # towards | away (an objective's direction) | better | worse (the indicator's) | neutral
    objectives: list[str]  # objective ids whose link follows this series
    is_example: bool
    link: Link

    @property
    def change(self) -> float:
        return self.value_now - self.value_before

    @property
    def change_relative(self) -> float | None:
        return self.change / abs(self.value_before) if self.value_before else None

    @property
    def revision(self) -> bool:
        return self.period_now == self.period_before


@dataclass
class StatusChange:
    link_id: str
    objective_id: str
    indicator_id: str
    key: SeriesKey
    before: Progress | None
    after: Progress
    trend: str  # better | worse | other
    is_example: bool
    link: Link


@dataclass
class SignalChange:
    signal: Signal
    link: Link


@dataclass
class Update:
    entity: str
    entity_id: str
    action: str
    at: str
    who: str
    fields: list[tuple[str, str | None, str | None]]
    is_example: bool
    link: Link


@dataclass
class Brief:
    since: date
    generated_at: str
    previous_label: str
    current_label: str
    releases: list[Release]
    moves: list[Move]
    status_changes: list[StatusChange]
    new_signals: list[SignalChange]
    resolved_signals: list[SignalChange]
    updates: list[Update]
    unknown_sources: list[str]
    next_meeting: dict | None
    indicators: dict[str, dict]
    source_meta: dict[str, dict]
    objectives: dict[str, dict]
    series: dict[SeriesKey, tuple[tuple[str, float], ...]]
    labels: dict[str, dict]
    # Sources overdue by their publisher's release rhythm or whose last live fetch failed (pipelines/freshness.py)
    freshness: list = field(default_factory=list)
    # The working cycle (policy/cycle.py): action items still open, the partnership's own records changed
    # since the meeting (new measure values, reports, decisions, reviewed field signals, partners), the next
    # meeting's agenda (the presentation follows it) and partner names.
    open_actions: list[dict] = field(default_factory=list)
    cycle: dict[str, list[dict]] = field(default_factory=dict)
    agenda: list[dict] = field(default_factory=list)
    partners: dict[str, str] = field(default_factory=dict)
    group_names: dict[str, dict] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.releases or self.moves or self.status_changes or self.new_signals
                    or self.resolved_signals or self.updates or self.open_actions
                    or any(self.cycle.values()))


# --------------------------------------------------------------------------- capturing a state


def capture(con, store, *, label: str, built_at: str | None = None, unknown: frozenset[str] = frozenset(),
            shares_tables_with: State | None = None, cutoff: Cutoff | None = None) -> State:
    """Everything the brief compares, read from `con` (a warehouse, or a previous state's views).

    `shares_tables_with`: a state read from the same warehouse whose `sources`, `geographies` and
    `breakdowns` tables `con` shows unchanged (a past state's views): those are taken from it.
    With `cutoff` (the past state's rule), its series are the shared state's cut by that rule, which
    is exactly what the past state's `observations` would return, without asking again."""
    catalogue = PQ.indicator_catalogue(con, "nl")
    periods = QB.periods_by_indicator(con)
    if shares_tables_with is not None:
        sources, source_meta = shares_tables_with.sources, shares_tables_with.source_meta
    else:
        source_rows = QB.source_rows(con)
        sources = {r[0]: r[6] for r in source_rows}
        source_meta = {
            r[0]: {"publisher": r[1], "title_nl": r[2], "title_en": r[3], "licence": r[4], "url": r[5],
                   "snapshot": r[6]}
            for r in source_rows
        }
    indicators = {
        r["indicator_id"]: {k: r[k] for k in ("name_nl", "name_en", "unit", "direction", "source_id", "concept",
                                                 "period_kind")}
        for r in catalogue.to_dict("records")
    }
    series: dict[SeriesKey, list] = {}
    known = None
    if shares_tables_with is not None and cutoff is not None:
        for key, pts in shares_tables_with.series.items():
            kept = [(p, v) for p, v in pts if cutoff.keeps(key.indicator_id, p)]
            if kept:
                series[key] = kept
        known = {(k.indicator_id, k.geo_code, k.breakdown, k.breakdown_value): frame.iloc[
                    [i for i, p in enumerate(frame["period"]) if cutoff.keeps(k.indicator_id, p)]
                 ].reset_index(drop=True)
                 for k, frame in shares_tables_with.link_frames.items()}
    else:
        for ind, period, value in QB.focus_totals(con, FOCUS_GEO):
            series.setdefault(SeriesKey(ind), []).append((period, float(value)))
    signals, results = S.compute(con, store, "nl", catalogue=catalogue, known_series=known)
    link_frames: dict[SeriesKey, pd.DataFrame] = {}
    for res in results.values():  # each link's series, as the signals read them (no second query)
        lk = res.link
        for ind, frame in ((lk["indicator_id"], res.series), (lk.get("context_indicator_id"), res.context_series)):
            if not ind or frame is None:
                continue
            key = SeriesKey(ind, lk["geo_code"], lk["breakdown"], lk["breakdown_value"])
            link_frames[key] = frame
            if key not in series:
                pts = [(p, float(v)) for p, v in zip(frame["period"], frame["value"], strict=True) if pd.notna(v)]
                if pts:
                    series[key] = pts
    labels = (shares_tables_with.labels if shares_tables_with is not None
              else {lang: PQ.labels(con, lang) for lang in ("nl", "en")})
    return State(
        label=label, built_at=built_at, periods=periods, sources=sources,
        indicator_source={k: v["source_id"] for k, v in indicators.items()},
        series={k: tuple(v) for k, v in series.items()},
        progress={lid: r.progress for lid, r in results.items()},
        signals=signals, unknown=frozenset(unknown), indicators=indicators, source_meta=source_meta,
        labels=labels, link_frames=link_frames,
    )


built_at = QB.built_at


# --------------------------------------------------------------------------- the previous state from history


@dataclass
class AsOf:
    """What the warehouse held at the end of `since`, according to its own history."""

    since: date
    build_id: str | None  # the last build finished by then; None: the history starts later
    built_at: str | None
    last_period: dict[str, str | None]  # indicator -> last period then (from coverage_history)
    unchanged: set[str]  # sources with the same snapshot then and now (and no coverage recorded)
    unknown: set[str]
    absent: set[str]  # sources the warehouse did not have then
    snapshots: dict[str, str | None]


def as_of(con, since: date) -> AsOf:
    """Read `load_log` and `coverage_history` for the state at the end of the meeting day."""
    cutoff = datetime.combine(since + timedelta(days=1), datetime.min.time())
    now_sources = QB.snapshots(con)
    row = QB.last_build_before(con, cutoff)
    if row is None:
        return AsOf(since, None, None, {}, set(), set(now_sources), set(), {})
    build_id, at = row
    then = QB.snapshots_of_build(con, build_id)
    cov = QB.coverage_of_build(con, build_id)
    covered = {s for s, _, _ in cov}
    last_period = {ind: last for _, ind, last in cov}
    unchanged, unknown, absent = set(), set(), set()
    for source, snapshot in now_sources.items():
        if source not in then:
            absent.add(source)
        elif source in covered:
            continue
        elif source != "derived" and then[source] == snapshot:
            unchanged.add(source)
        else:  # a new snapshot (or computed indicators) and no record of the periods then
            unknown.add(source)
    if "derived" in unknown and set(now_sources) - {"derived"} <= unchanged:
        unknown.discard("derived")  # every input unchanged: so are the ratios computed from them
        unchanged.add("derived")
    return AsOf(since, build_id, str(at)[:19], last_period, unchanged, unknown, absent, then)


@dataclass
class Cutoff:
    """Per indicator, which periods the warehouse held on the meeting date: all of them (`keep_all`:
    the source's state then is not known or did not change), up to `last_period`, or none."""

    rows: dict[str, tuple[str | None, bool]]  # indicator -> (last_period, keep_all)

    @classmethod
    def of(cls, history: AsOf, ind_sources: list[tuple[str, str]]) -> Cutoff:
        rows: dict[str, tuple[str | None, bool]] = {ind: (last, False) for ind, last in history.last_period.items()}
        keep = history.unchanged | history.unknown
        for ind, src in ind_sources:
            if src in keep:
                rows.setdefault(ind, (None, True))  # a recorded last period wins
        return cls(rows)

    def keeps(self, indicator_id: str, period: str) -> bool:
        """The same rule as the past state's `observations` view."""
        last, keep_all = self.rows.get(indicator_id, (None, False))
        return keep_all or (last is not None and period <= last)


def previous_connection(warehouse: Path | str, history: AsOf, *, base=None,
                        cutoff: Cutoff | None = None) -> duckdb.DuckDBPyConnection:
    """A connection whose tables show the warehouse as it was on `history.since`.

    `observations` keeps, per indicator, the periods up to the one then loaded; sources that were not
    there are left out; unchanged and unknown sources keep all their rows (no change is claimed).
    Every other table is the current one; summary tables are re-derived from the past rows. Read-only.

    `base`: a connection that already has this warehouse open (the dashboard's shared one). The past
    state is then a set of temporary views on a new cursor of it (visible to that cursor only), so
    it reads through a warm cache instead of opening the file again (~50 ms, docs/performance.md).
    """
    if base is None:
        con, db = QB.attach_read_only(warehouse), "wh"
    else:
        db, con = QB.current_database(base), base.cursor()
    if cutoff is None:
        cutoff = Cutoff.of(history, QB.indicator_sources(con, f'"{db}".main'))
    rows = [(ind, last, keep_all) for ind, (last, keep_all) in cutoff.rows.items()]
    # Summary tables and marts are computed from observations: re-derived from the past state's rows.
    QB.past_state_views(con, db, rows, summary_queries())
    if base is None:
        QB.lock_down(con)
    return con


def older_connection(warehouse: Path | str) -> duckdb.DuckDBPyConnection:
    """A read-only view of another warehouse file; summary tables and marts it predates are derived on the fly."""
    con = QB.attach_read_only(warehouse)
    QB.older_views(con, summary_queries())
    QB.lock_down(con)
    return con


# --------------------------------------------------------------------------- comparing two states


def _latest(points: tuple[tuple[str, float], ...]) -> tuple[str, float] | None:
    return points[-1] if points else None


def _notable(unit: str, before: float, now: float) -> bool:
    if unit == "%":
        return abs(now - before) >= NOTABLE_PP - 1e-9
    return bool(before) and abs(now - before) / abs(before) >= NOTABLE_RELATIVE - 1e-12


def _signal_key(sig: Signal) -> tuple:
    ev = sig.evidence[0] if sig.evidence else {}
    return (sig.rule, sig.text_key, sig.objective_id, sig.params.get("group"),
            ev.get("indicator_id"), ev.get("geo_code"), ev.get("breakdown"), ev.get("breakdown_value"))


def _signal_link(sig: Signal) -> Link:
    if sig.link:
        params = {k: (v[0] if isinstance(v, list) else v) for k, v in sig.link.items()}
        return Link.make("views/indicators.py", "indicatoren", **params)
    return Link.make("views/signalen.py", "signalen", examples="1" if sig.is_example else "0")


def _source_link(source_id: str, indicators: list[str], gent: set[str]) -> Link:
    """The source's analysis page, else the explorer on its first indicator (on Gent when it has Gent data)."""
    if source_id in SOURCE_PAGES:
        view, path = SOURCE_PAGES[source_id]
        return Link.make(view, path, geo=FOCUS_GEO)
    if indicators:
        first = next((i for i in indicators if i in gent), indicators[0])
        return Link.make("views/indicators.py", "indicatoren", indicator=first,
                         geo=FOCUS_GEO if first in gent else None)
    return Link.make("views/sources.py", "bronnen")


def _series_link(key: SeriesKey) -> Link:
    return Link.make("views/indicators.py", "indicatoren", indicator=key.indicator_id, geo=key.geo_code,
                     breakdown=key.breakdown)


def releases(prev: State, cur: State) -> list[Release]:
    out = []
    gent = {k.indicator_id for k in cur.series if k.geo_code == FOCUS_GEO}
    for source, snapshot in sorted(cur.sources.items()):
        inds = sorted(i for i, s in cur.indicator_source.items() if s == source)
        before = prev.sources.get(source)
        if source in prev.unknown:
            out.append(Release(source, "unknown", [], [], before, snapshot, _source_link(source, inds, gent)))
            continue
        new: dict[str, list[str]] = {}
        for ind in inds:
            added = sorted(set(cur.periods.get(ind, ())) - set(prev.periods.get(ind, ())))
            if added:
                new[ind] = added
        periods = sorted({p for ps in new.values() for p in ps})
        if source not in prev.sources:
            kind = "new_source"
        elif periods:
            kind = "new_periods"
        elif before != snapshot:
            kind = "new_snapshot"
        else:
            continue
        out.append(Release(source, kind, periods, sorted(new), before, snapshot,
                           _source_link(source, sorted(new), gent)))
    return out


def moves(prev: State, cur: State, links: list[dict], objectives: dict[str, dict]) -> list[Move]:
    out = []
    for key, points in cur.series.items():
        meta = cur.indicators.get(key.indicator_id)
        if meta is None or cur.indicator_source.get(key.indicator_id) in prev.unknown:
            continue
        before, now = _latest(prev.series.get(key, ())), _latest(points)
        if before is None or now is None or before == now or now[0] < before[0]:
            continue
        if not _notable(meta["unit"], before[1], now[1]):
            continue
        followed = [lk for lk in links if (lk["indicator_id"], lk["geo_code"], lk["breakdown"], lk["breakdown_value"])
                    == (key.indicator_id, key.geo_code, key.breakdown, key.breakdown_value)]
        up = now[1] > before[1]
        if followed:
            direction = followed[0]["direction"]
            assessment = "towards" if up == (direction == "higher_is_better") else "away"
        elif meta["direction"] in ("higher_is_better", "higher_is_worse"):
            assessment = "better" if up == (meta["direction"] == "higher_is_better") else "worse"
        else:
            assessment = "neutral"
        example = bool(followed) and all(
            lk.get("is_example") or objectives.get(lk["objective_id"], {}).get("is_example") for lk in followed)
        out.append(Move(key, meta["unit"], before[0], before[1], now[0], now[1], assessment,
                        [lk["objective_id"] for lk in followed], example, _series_link(key)))
    order = {"away": 0, "worse": 1, "towards": 2, "better": 3, "neutral": 4}
    out.sort(key=lambda m: (order[m.assessment], -abs(m.change_relative or 0), m.key.indicator_id))
    return out


def status_changes(prev: State, cur: State, links: list[dict], objectives: dict[str, dict]) -> list[StatusChange]:
    out = []
    for lk in links:
        after = cur.progress.get(lk["id"])
        if after is None or cur.indicator_source.get(lk["indicator_id"]) in prev.unknown:
            continue
        before = prev.progress.get(lk["id"])
        if before is not None and before.status == after.status:
            continue
        b, a = STATUS_RANK.get(before.status if before else ""), STATUS_RANK.get(after.status)
        trend = "other" if a is None or b is None or a == b else ("better" if a < b else "worse")
        obj = objectives.get(lk["objective_id"], {})
        key = SeriesKey(lk["indicator_id"], lk["geo_code"], lk["breakdown"], lk["breakdown_value"])
        out.append(StatusChange(
            lk["id"], lk["objective_id"], lk["indicator_id"], key, before, after, trend,
            bool(lk.get("is_example") or obj.get("is_example")),
            Link.make("views/doelstellingen.py", "doelstellingen", plan=obj.get("plan_id")),
        ))
    return out


def signal_changes(prev: State, cur: State) -> tuple[list[SignalChange], list[SignalChange]]:
    """Signals found now but not before (new), and before but not now (resolved)."""
    before = {_signal_key(s) for s in prev.signals}
    now = {_signal_key(s) for s in cur.signals}
    new = [SignalChange(s, _signal_link(s)) for s in cur.signals if _signal_key(s) not in before
           and not _from_unknown(s, prev, cur)]
    gone = [SignalChange(s, _signal_link(s)) for s in prev.signals if _signal_key(s) not in now
            and not _from_unknown(s, prev, cur)]
    return new, gone


def _from_unknown(sig: Signal, prev: State, cur: State) -> bool:
    return any(cur.indicator_source.get(e["indicator_id"]) in prev.unknown for e in sig.evidence)


def updates(store, since: date) -> list[Update]:
    """Policy-store changes after the meeting day (the seed excepted), one per record per change."""
    day = since.isoformat()
    rows = [r for r in store.audit_log(limit=None) if r["entity"] in UPDATE_ENTITIES and r["at"][:10] > day
            and not r["via"].startswith("seed")]
    grouped: dict[tuple, Update] = {}
    for r in sorted(rows, key=lambda r: r["seq"]):
        k = (r["change_id"], r["entity"], r["entity_id"])
        if k not in grouped:
            rec = store.get(r["entity"], r["entity_id"]) or {}
            view, path = (("views/actiegroepen.py", "actiegroepen") if r["entity"] in ("action_groups", "projects")
                          else ("views/doelstellingen.py", "doelstellingen"))
            grouped[k] = Update(r["entity"], r["entity_id"], r["action"], r["at"], r["who"], [],
                                bool(rec.get("is_example")), Link.make(view, path))
        grouped[k].fields.append((r["field"], r["old"], r["new"]))
    return sorted(grouped.values(), key=lambda u: u.at, reverse=True)


def brief(previous: State, current: State, store, since: date, *, today: date | None = None) -> Brief:
    """The meeting brief: what changed between `previous` (the warehouse at the meeting) and `current`."""
    from policy.store import previous_and_next

    links = store.records("links")
    objectives = {o["id"]: o for o in store.records("objectives")}
    new, gone = signal_changes(previous, current)
    _, next_meeting = previous_and_next(store.meetings(), today or date.today())
    return Brief(
        since=since, generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
        previous_label=previous.label, current_label=current.label,
        releases=releases(previous, current), moves=moves(previous, current, links, objectives),
        status_changes=status_changes(previous, current, links, objectives),
        new_signals=new, resolved_signals=gone, updates=updates(store, since),
        unknown_sources=sorted(previous.unknown & set(current.sources)),
        next_meeting=next_meeting,
        indicators=current.indicators, source_meta=current.source_meta, objectives=objectives,
        series=current.series, labels=current.labels,
        **_cycle_part(store, since, today or date.today(), next_meeting),
    )


def _cycle_part(store, since: date, today: date, next_meeting: dict | None) -> dict:
    """What the brief says about the working cycle: open action items first, then what the partners
    recorded since the meeting (policy.cycle)."""
    from policy import cycle

    changed = cycle.changes_since(store, since)
    return {
        "open_actions": cycle.open_action_items(store, today),
        "cycle": changed,
        "agenda": cycle.meeting_record(store, next_meeting["id"])["agenda"] if next_meeting else [],
        "partners": cycle.partner_names(store),
        "group_names": {g["id"]: g for g in store.records("action_groups")},
    }


def brief_for_connection(con, warehouse: Path | str, store, since: date, *, previous: Path | str | None = None,
                         today: date | None = None) -> Brief:
    """The brief for the warehouse `con` reads (file `warehouse`): against an older file, or its own history."""
    current = capture(con, store, label="current", built_at=built_at(con))
    current.label = current.built_at or "current"
    if previous is not None:
        prev_con = older_connection(previous)
        try:
            prev_state = capture(prev_con, store, label=built_at(prev_con) or str(previous))
        finally:
            prev_con.close()
    else:
        history = as_of(con, since)
        cut = Cutoff.of(history, QB.indicator_sources(con))
        prev_con = previous_connection(warehouse, history, base=con, cutoff=cut)
        try:
            prev_state = capture(prev_con, store, label=history.built_at or "", built_at=history.built_at,
                                 unknown=frozenset(history.unknown), shares_tables_with=current, cutoff=cut)
        finally:
            prev_con.close()
    out = brief(prev_state, current, store, since, today=today)
    out.freshness = attention(con, warehouse, today or date.today())
    return out


def attention(con, warehouse: Path | str, today: date) -> list:
    """The sources a meeting should hear about: new figures overdue, or the last automatic fetch failed."""
    found = freshness.from_warehouse(con, Path(warehouse), today)
    return [f for _, f in sorted(found.items()) if f.state == "overdue" or f.fetch_failed]


def brief_for_warehouse(warehouse: Path | str, store, since: date, *, previous: Path | str | None = None,
                        today: date | None = None) -> Brief:
    """The brief for a warehouse file (the command line's entry)."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return brief_for_connection(con, warehouse, store, since, previous=previous, today=today)
    finally:
        con.close()
