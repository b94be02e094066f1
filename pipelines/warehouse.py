"""Build the DuckDB warehouse into a temporary file and swap it in atomically.

Why this shape: the Policy Group's dashboard must never see a half-built warehouse, and a
failed or killed build must never lose what it showed. Every build writes
`<warehouse>.building-<pid>` and renames it over the old file (atomic on one filesystem).

A source that fails (network, layout change, validation) does not stop the others: its rows
are carried over from the previous warehouse (or, failing that, loaded from its newest older
snapshot that still parses), the failure is reported and the build exits non-zero. With
`strict=True` any failure aborts the build and the old file stays byte-for-byte identical.
A source with no snapshot at all (never fetched) is skipped with a warning.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from datetime import UTC
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from pipelines import breakdowns
from pipelines import derived
from pipelines import freshness
from pipelines import layout
from pipelines import snapshot as snap
from pipelines.config import ROOT
from pipelines.config import warehouse_path
from pipelines.http import make_session
from pipelines.registry import all_sources
from pipelines.source import GEOGRAPHY_COLUMNS
from pipelines.source import NOTE_COLUMNS
from pipelines.source import SHAPE_COLUMNS
from pipelines.source import Source
from pipelines.source import SourceError
from pipelines.source import period_kind_of
from pipelines.summaries import summarise
from pipelines.tables import require_columns
from pipelines.validation import validate_geographies
from pipelines.validation import validate_indicators
from pipelines.validation import validate_list_items
from pipelines.validation import validate_observations
from pipelines.validation import validate_statements
from pipelines.validation import with_hints

SCHEMA_SQL = (ROOT / "pipelines" / "sql" / "schema.sql").read_text(encoding="utf-8")


class BuildError(Exception):
    """The build was refused or aborted; the previous warehouse is untouched."""


@dataclass
class SourceResult:
    source: str
    snapshot: str | None = None
    rows: int = 0
    status: str = "pending"
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    message: str = ""
    notes: pd.DataFrame | None = field(default=None, repr=False)  # observation_notes rows, if the source has any
    lists: pd.DataFrame | None = field(default=None, repr=False)  # occupation_lists rows, if any
    statements: pd.DataFrame | None = field(default=None, repr=False)  # published_statements rows, if any


@dataclass
class BuildResult:
    build_id: str
    path: Path
    results: list[SourceResult]
    seconds: float
    failures: list[str] = field(default_factory=list)
    derived_rows: int = 0  # rows of derived indicators, computed after the sources (source_id 'derived')

    @property
    def ok(self) -> bool:
        return not self.failures


def _runs_log(path: Path) -> Path:
    return path.with_name("runs.jsonl")


def _append_run(path: Path, record: dict) -> None:
    """Append-only run log beside the warehouse: failures are recorded without touching it."""
    try:
        with open(_runs_log(path), "a", encoding="utf-8") as fh:
            fh.write(json.dumps(record, default=str) + "\n")
    except OSError:
        pass


class _BuildLock:
    """Exclusive, non-blocking: a second concurrent build refuses clearly instead of racing."""

    def __init__(self, path: Path):
        self.path = path.with_name(path.name + ".lock")
        self.fh = None

    def __enter__(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.fh = open(self.path, "w")
        try:
            fcntl.flock(self.fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.fh.close()
            raise BuildError(f"another build is running (lock {self.path}); try again when it has finished") from None
        self.fh.write(str(os.getpid()))
        self.fh.flush()
        return self

    def __exit__(self, *exc):
        fcntl.flock(self.fh, fcntl.LOCK_UN)
        self.fh.close()


def _remove_stale_temp_files(path: Path) -> None:
    """A killed build leaves `<name>.building-<pid>`; we hold the lock, so they are all stale."""
    for stale in path.parent.glob(path.name + ".building-*"):
        stale.unlink(missing_ok=True)


def collect_geographies(
    sources: dict[str, Source],
    failures: dict[str, SourceError] | None = None,
    previous: Path | None = None,
) -> pd.DataFrame:
    """Reference geographies from every source's latest snapshot; the first source to define a code wins.

    With `failures` given, a source whose geographies fail is recorded there and its geographies come
    from the `previous` warehouse or an older snapshot, so one broken file cannot stop the build.
    """
    frames = []
    known: set[str] = set()
    for src in _ordered(sources).values():  # reference levels first: parents must be known
        if type(src).geographies is Source.geographies:
            continue  # defines no areas: its snapshot is checked when (and only when) it is loaded
        try:
            snapshot = snap.latest_snapshot(src)
        except SourceError:
            continue
        try:
            geos = _source_geographies(src, snapshot, known)
        except SourceError as exc:
            if failures is None:
                raise
            failures[src.name] = exc
            geos = _fallback_geographies(src, snapshot, known, previous)
        if geos is not None and not geos.empty:
            geos["source_id"] = src.name
            frames.append(geos)
            known |= set(geos["geo_code"])
    if not frames:
        return pd.DataFrame(columns=[*GEOGRAPHY_COLUMNS, "source_id"])
    # Priority: the boundaries/reference sources define names; others only fill gaps.
    all_geo = pd.concat(frames, ignore_index=True)
    return all_geo.drop_duplicates("geo_code", keep="first").reset_index(drop=True)


def _source_geographies(src: Source, snapshot: Path, known: set[str]) -> pd.DataFrame | None:
    snap.verify(src, snapshot)
    try:
        geos = src.geographies(snapshot)
    except SourceError as exc:
        raise with_hints(exc, snapshot) from exc
    except Exception as exc:  # a parser bug or a layout change
        error = SourceError(src.name, f"geographies failed: {type(exc).__name__}: {exc}", snapshot)
        raise with_hints(error, snapshot) from exc
    if geos is None or geos.empty:
        return None
    geos = validate_geographies(src, geos[GEOGRAPHY_COLUMNS].copy(), str(snapshot))
    # A made-up code (99999) would otherwise become "known" just because its own source defines it.
    parents = geos["parent_code"].where(geos["parent_code"].notna() & (geos["parent_code"] != ""))
    orphan = geos[parents.notna() & ~parents.isin(known | set(geos["geo_code"]))]
    if not orphan.empty:
        row = orphan.iloc[0]
        raise SourceError(
            src.name, f"geography {row['geo_code']}: parent_code {row['parent_code']} is not a known geography", snapshot
        )
    return geos


def _fallback_geographies(src: Source, failed: Path, known: set[str], previous: Path | None) -> pd.DataFrame | None:
    """This source's geographies as the previous warehouse had them, else from an older snapshot."""
    if previous is not None and previous.exists():
        try:
            con = duckdb.connect(str(previous), read_only=True)
            try:
                cols = ", ".join(GEOGRAPHY_COLUMNS)
                old = con.execute(f"SELECT {cols} FROM geographies WHERE source_id = ?", [src.name]).df()
            finally:
                con.close()
            if not old.empty:
                return old
        except duckdb.Error:
            pass
    for candidate in reversed(snap.list_snapshots(src)):
        if candidate.name == failed.name:
            continue
        try:
            return _source_geographies(src, candidate, known)
        except SourceError:
            continue
    return None


def collect_shapes(sources: dict[str, Source], known_geos: set[str]) -> pd.DataFrame:
    """Map boundaries from every source's latest snapshot, like geographies, so maps need only the warehouse."""
    frames = []
    for src in sources.values():
        if type(src).shapes is Source.shapes:
            continue
        try:
            snapshot = snap.latest_snapshot(src)
        except SourceError:
            continue
        snap.verify(src, snapshot)  # the same gate as every parse: nothing is read from an unchecked folder
        shapes = src.shapes(snapshot)
        if shapes is not None and not shapes.empty:
            shapes = shapes[SHAPE_COLUMNS].copy()
            unknown = sorted(set(shapes["geo_code"]) - known_geos)
            if unknown:
                raise SourceError(src.name, f"shapes for unknown geographies: {unknown[:5]}", snapshot)
            shapes["source_id"] = src.name
            frames.append(shapes)
    if not frames:
        return pd.DataFrame(columns=[*SHAPE_COLUMNS, "source_id"])
    return pd.concat(frames, ignore_index=True).drop_duplicates(["geo_code", "vintage"], keep="first")


def _ordered(sources: dict[str, Source]) -> dict[str, Source]:
    # Sources that define geographies first, so their names win.
    priority = {"reference_geographies": 0, "boundaries": 1}
    return dict(sorted(sources.items(), key=lambda kv: (priority.get(kv[0], 9), kv[0])))


def build(
    names: list[str] | None = None,
    *,
    live: bool = False,
    path: Path | None = None,
    strict: bool = False,
    progress: Callable[[str], None] = lambda _msg: None,
) -> BuildResult:
    # Lock, temp file and swap all work on the file the path really names: through a symlinked
    # GSIW_WAREHOUSE two builds must meet at the same lock, and the swap must replace the target,
    # not the symlink.
    path = Path(path or warehouse_path()).resolve()
    started = time.perf_counter()
    build_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    sources = _ordered(all_sources())
    unknown = [n for n in names or [] if n not in sources]
    if unknown:
        raise BuildError(f"unknown source(s) {unknown}; known: {', '.join(sources)}")
    selected = [n for n in sources if not names or n in names]

    with _BuildLock(path):
        _remove_stale_temp_files(path)
        try:
            result = _build_locked(path, sources, selected, live, build_id, progress, strict, bool(names))
        except Exception as exc:
            _append_run(path, {"build_id": build_id, "status": "failed", "at": datetime.now(UTC), "error": str(exc)})
            raise
    result.seconds = time.perf_counter() - started
    _append_run(
        path,
        {
            "build_id": build_id,
            "status": "ok" if result.ok else "partial",
            "at": datetime.now(UTC),
            "rows": {r.source: r.rows for r in result.results},
            "errors": result.failures,
        },
    )
    return result


def _load_source(
    src: Source, live: bool, known_geos: set[str], session, snapshot: Path | None = None, strict: bool = False
) -> tuple[pd.DataFrame, SourceResult, dict]:
    t0 = time.perf_counter()
    res = SourceResult(src.name)
    validate_indicators(src)
    if snapshot is None:
        snapshot = snap.fetch_new_snapshot(src, session) if live else snap.latest_snapshot(src)
    manifest = snap.verify(src, snapshot)
    res.snapshot = snapshot.name
    future = snap.future_snapshot_problem(snapshot)
    if future:
        if strict:
            raise SourceError(src.name, f"{future} (--strict refuses it)", snapshot)
        res.warnings.append(future)
    try:
        df = src.parse(snapshot)
    except SourceError as exc:
        raise with_hints(exc, snapshot) from exc
    except Exception as exc:  # a parser bug or a layout change: name the source and the folder
        error = SourceError(src.name, f"parse failed: {type(exc).__name__}: {exc}", snapshot)
        raise with_hints(error, snapshot) from exc
    df = validate_observations(src, df, file=str(snapshot), known_geos=known_geos)
    _check_breakdowns(src, df, snapshot)
    res.notes = _observation_notes(src, snapshot, df)
    try:
        res.lists = validate_list_items(src, src.occupation_lists(snapshot), file=str(snapshot), known_geos=known_geos)
        res.statements = validate_statements(src, src.statements(snapshot), file=str(snapshot), known_geos=known_geos)
    except SourceError as exc:
        raise with_hints(exc, snapshot) from exc
    except Exception as exc:  # a parser bug or a layout change, as for parse()
        error = SourceError(src.name, f"list items or statements failed: {type(exc).__name__}: {exc}", snapshot)
        raise with_hints(error, snapshot) from exc
    declared = {i.id for i in src.indicators}
    unused = sorted(declared - set(df["indicator_id"]))
    if unused:
        res.warnings.append(f"declared indicators without data: {', '.join(unused)}")
    res.rows = len(df)
    res.status = "loaded"
    res.seconds = time.perf_counter() - t0
    return df, res, manifest


def _previous_table(path: Path, table: str) -> pd.DataFrame | None:
    """A whole table of the previous warehouse (None if it has none or cannot be read)."""
    if not path.exists():
        return None
    try:
        con = duckdb.connect(str(path), read_only=True)
        try:
            exists = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [table])
            return con.execute(f'SELECT * FROM "{table}"').df() if exists.fetchone()[0] else None
        finally:
            con.close()
    except duckdb.Error:
        return None


def _sources_in(path: Path) -> set[str]:
    """Sources present in the previous warehouse; an unreadable file counts as none."""
    if not path.exists():
        return set()
    try:
        con = duckdb.connect(str(path), read_only=True)
        try:
            return {r[0] for r in con.execute("SELECT source_id FROM sources").fetchall()}
        finally:
            con.close()
    except duckdb.Error:
        return set()


def _older_snapshot(src: Source, known_geos: set[str], failed: str | None):
    """Newest snapshot other than the failed one that still verifies and parses."""
    for candidate in reversed(snap.list_snapshots(src)):
        if candidate.name == failed:
            continue
        try:
            return _load_source(src, False, known_geos, None, snapshot=candidate)
        except SourceError:
            continue
    return None


@dataclass
class _Step:
    """The step a build is in, so a disk or DuckDB error names where it happened."""

    step: str


@dataclass
class _Loaded:
    """What the load step read: the parsed sources, their results and failures, and the reference tables."""

    geos: pd.DataFrame
    shapes: pd.DataFrame
    old_sources: set[str]
    sources: dict[str, tuple[pd.DataFrame, SourceResult, dict]] = field(default_factory=dict)
    results: list[SourceResult] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def _build_locked(path, sources, selected, live, build_id, progress, strict, partial) -> BuildResult:
    """Load every selected source, write them (and what is carried over) into a temporary file,
    finalise it (derived indicators, checks, layout, summaries and marts) and swap it in."""
    got = _load(path, sources, selected, live, progress, strict, partial)
    tmp = path.with_name(f"{path.name}.building-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    results = [v[1] for v in got.sources.values()] + got.results
    at = _Step(f"creating {tmp.name}")
    try:
        con = layout.create(tmp)
        try:
            now = datetime.now(UTC).replace(tzinfo=None)
            results += _write(con, got, path, sources, selected, live, build_id, partial, now, at)
            derived_rows = _finalise(con, build_id, now, at)
        finally:
            con.close()
        at.step = "syncing the temporary warehouse to disk"
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        at.step = f"swapping {tmp.name} in"
        os.replace(tmp, path)
    except (OSError, duckdb.Error) as exc:  # disk full, I/O error: say where, keep the old file
        tmp.unlink(missing_ok=True)
        Path(str(tmp) + ".wal").unlink(missing_ok=True)
        raise BuildError(
            f"writing the new warehouse failed while {at.step}: {type(exc).__name__}: {exc}. "
            f"The previous warehouse {path} is unchanged and the temporary file was removed."
        ) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        Path(str(tmp) + ".wal").unlink(missing_ok=True)
        raise
    return BuildResult(build_id, path, results, 0.0, got.failures, derived_rows)


def _load(path, sources, selected, live, progress, strict, partial) -> _Loaded:
    """Read the geographies, shapes and every selected source; a failing source falls back to the previous
    warehouse's rows (carried over by the write step) or its newest older snapshot, or is reported."""
    geo_failures: dict[str, SourceError] = {}
    # Strict aborts on a failing source it was asked to load; a partial build (--source X) never
    # stops or fails because of another source's snapshot: that one keeps its previous areas.
    geos = collect_geographies(sources, None if strict and not partial else geo_failures, path)
    if partial:
        for name in [n for n in geo_failures if n not in selected]:
            progress(f"{name}: not selected; its snapshot is unusable ({geo_failures.pop(name)}), "
                     "its areas are kept from the previous warehouse")
    if strict and geo_failures:
        raise next(iter(geo_failures.values()))
    known_geos = set(geos["geo_code"])
    try:
        shapes = collect_shapes(sources, known_geos)
    except SourceError as exc:  # keep the previous warehouse's shapes rather than stop every source
        if strict:
            raise
        geo_failures.setdefault(exc.source, exc)
        shapes = _previous_table(path, "geo_shapes")
        if shapes is None:
            raise
    got = _Loaded(geos, shapes, _sources_in(path))
    if path.exists() and not got.old_sources:
        progress(f"the previous warehouse {path} is unreadable or empty: building a new one from the snapshots")
    session = make_session() if live else None
    for name, exc in geo_failures.items():
        progress(f"{name}: geographies FAILED, using the previous ones: {exc}")
    for i, name in enumerate(selected, 1):
        step = f"[{i}/{len(selected)}] {name}"
        progress(f"{step}: {'fetching + ' if live else ''}parsing…")
        try:
            df, res, manifest = _load_source(sources[name], live, known_geos, session, strict=strict)
        except snap.NoSnapshot as exc:
            got.results.append(SourceResult(name, status="skipped", warnings=[str(exc)]))
            progress(f"{step}: skipped, no snapshot")
            continue
        except SourceError as exc:
            if live:  # kept beside the warehouse: visible even when this build as a whole fails
                freshness.record_fetch(path, name, ok=False, error=str(exc))
            got.failures.append(str(exc))
            progress(f"{step}: FAILED: {exc}")
            if strict:
                raise
            if name in got.old_sources:
                progress(f"{step}: keeping the rows of the previous warehouse")
                continue  # carried over by the write step
            # Live: the fetch failed before writing, so every local snapshot is a candidate.
            failed_snapshot = None if live or not exc.file else Path(exc.file).name
            older = _older_snapshot(sources[name], known_geos, failed_snapshot)
            if older:
                df, res, manifest = older
                res.status = "older_snapshot"
                res.warnings.append(f"loaded older snapshot {res.snapshot} after: {exc}")
                got.sources[name] = (df, res, manifest)
                progress(f"{step}: loaded older snapshot {res.snapshot}")
            else:
                got.results.append(SourceResult(name, status="failed", message=str(exc)))
            continue
        if live:
            freshness.record_fetch(path, name, ok=True, snapshot=res.snapshot)
        got.sources[name] = (df, res, manifest)
        progress(f"{step}: {res.rows:,} rows in {res.seconds:.1f}s")
    for name, exc in geo_failures.items():
        if not any(f.startswith(f"source '{name}'") for f in got.failures):
            got.failures.append(str(exc))
    return got


def _write(con, got: _Loaded, path, sources, selected, live, build_id, partial, now, at: _Step) -> list[SourceResult]:
    """Write the schema, reference tables, carried-over and loaded sources, history and build info;
    returns the results of the sources carried over from the previous warehouse."""
    old_exists = bool(got.old_sources)
    kept: list[SourceResult] = []
    at.step = "writing the schema, geographies and map shapes"
    con.execute(SCHEMA_SQL)
    layout.stage_observations(con)
    con.register("geo_df", got.geos)
    con.execute(
        "INSERT INTO geographies SELECT geo_code, level, parent_code, name_nl, name_fr, name_en, "
        "nuts_code, source_id FROM geo_df"
    )
    con.register("shape_df", got.shapes)
    con.execute("INSERT INTO geo_shapes SELECT geo_code, level, vintage, geometry, source_id FROM shape_df")
    con.unregister("shape_df")
    carried = [n for n in sources if n not in got.sources and n in got.old_sources]
    if partial and not old_exists:
        raise BuildError(
            f"partial build of {selected} needs an existing warehouse to carry the other sources; "
            "run a full build first"
        )
    if carried:
        at.step = "copying kept sources from the previous warehouse"
        kept = _carry_over(con, path, carried, build_id, {n for n in carried if n in selected})
    for name, (df, res, manifest) in got.sources.items():
        at.step = f"writing source {name}"
        _insert_source(con, sources[name], df, manifest)
        _insert_notes(con, name, res.notes)
        _insert_texts(con, name, res.lists, res.statements)
        con.execute(
            "INSERT INTO load_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [build_id, name, res.snapshot, res.status, res.rows, "; ".join(res.warnings) or None, now, now, None],
        )
    at.step = "writing the build's history"
    if old_exists:
        _keep_history(con, path)
    con.execute(
        "INSERT INTO build_info VALUES ('build_id', ?), ('built_at', ?), ('mode', ?)",
        [build_id, now.isoformat(timespec="seconds"), "live" if live else "offline"],
    )
    at.step = "writing the release rhythms"
    _write_release_rhythms(con, sources)
    return kept


def _finalise(con, build_id: str, now: datetime, at: _Step) -> int:
    """Derived indicators, breakdown labels, integrity, the series layout, summary tables and marts,
    coverage history, checkpoint. Returns the number of derived rows."""
    at.step = "computing derived indicators"
    derived_rows = sum(derived.apply(con, build_id).values())
    at.step = "labelling the breakdowns"
    _write_breakdowns(con)
    at.step = "checking integrity"
    _check_integrity(con)
    at.step = "writing observations in series order"
    layout.write_observations(con)
    at.step = "computing the summary tables and marts"
    summarise(con)
    _record_coverage(con, build_id, now)
    at.step = "checkpointing the temporary warehouse to disk"
    con.execute("CHECKPOINT")
    return derived_rows


_NOTE_KEY = ["indicator_id", "geo_code", "period", "breakdown", "breakdown_value"]


def _observation_notes(src: Source, snapshot: Path, df: pd.DataFrame) -> pd.DataFrame | None:
    """The source's per-observation notes, checked: every note names an observation and a URL."""
    notes = src.observation_notes(snapshot)
    if notes is None or notes.empty:
        return None
    require_columns(notes, NOTE_COLUMNS, src.name, snapshot, "observation_notes")
    notes = notes[NOTE_COLUMNS].copy()
    if notes["url"].isna().any() or (notes["url"].astype(str).str.strip() == "").any():
        raise SourceError(src.name, "an observation note has no URL", snapshot)
    orphan = notes.merge(df[_NOTE_KEY].drop_duplicates(), on=_NOTE_KEY, how="left", indicator=True)
    orphan = orphan[orphan["_merge"] == "left_only"]
    if not orphan.empty:
        r = orphan.iloc[0]
        raise SourceError(src.name, f"note for an observation that does not exist: {r['indicator_id']} "
                          f"{r['geo_code']} {r['period']}", snapshot)
    return notes


def _insert_notes(con, source_id: str, notes: pd.DataFrame | None) -> None:
    if notes is None or notes.empty:
        return
    con.register("notes_df", notes.assign(source_id=source_id))
    con.execute(
        "INSERT INTO observation_notes SELECT indicator_id, geo_code, period, breakdown, breakdown_value, source_id, "
        "url, title, publisher, note FROM notes_df"
    )
    con.unregister("notes_df")


TEXT_TABLES = ("occupation_lists", "published_statements")


def _insert_texts(con, source_id: str, lists: pd.DataFrame | None, statements: pd.DataFrame | None) -> None:
    """Named list items and dated quotes: text the pages show beside the numbers, never observations."""
    for table, frame in zip(TEXT_TABLES, (lists, statements), strict=True):
        if frame is None or frame.empty:
            continue
        con.register("text_df", frame.assign(source_id=source_id))
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM text_df")
        con.unregister("text_df")


def _insert_source(con, src: Source, df: pd.DataFrame, manifest: dict) -> None:
    con.execute(
        "INSERT INTO sources VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            src.name, src.title_nl, src.title_en, src.publisher, src.licence, src.url, src.attribution,
            src.period_covered, src.caveats, manifest.get("snapshot"), manifest.get("retrieved_at"),
            manifest.get("origin"), src.live_verified,
        ],
    )
    for ind in src.indicators:
        con.execute(
            "INSERT INTO indicators VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                ind.id, src.name, ind.name_nl, ind.name_en, ind.definition_nl, ind.definition_en, ind.unit,
                ind.direction, ind.period_type, ind.numerator, ind.denominator, ind.notes, ind.concept or None,
                period_kind_of(ind),
            ],
        )
    obs = df.copy()
    obs["source_id"] = src.name
    obs = obs.sort_values(["indicator_id", "geo_code", "period"])
    con.register("obs_df", obs)
    con.execute(
        "INSERT INTO observations SELECT indicator_id, geo_code, period, CAST(ref_date AS DATE), breakdown, "
        "breakdown_value, value, status, source_id FROM obs_df"
    )
    con.unregister("obs_df")


def _check_breakdowns(src: Source, df: pd.DataFrame, snapshot: Path) -> None:
    """Sources emit breakdown codes only: each must be in the vocabulary (pipelines/breakdowns.csv), and a
    label a source still declares itself must not contradict it (nothing is resolved silently)."""
    pairs = df[["breakdown", "breakdown_value"]].drop_duplicates().itertuples(index=False)
    unknown = breakdowns.unknown_codes(pairs)
    if unknown:
        raise SourceError(
            src.name, f"breakdown code(s) not in pipelines/breakdowns.csv: {', '.join(unknown[:10])}", snapshot
        )
    clash = breakdowns.conflicts(getattr(src, "breakdown_labels", ()))
    if clash:
        raise SourceError(src.name, f"conflicting breakdown label(s): {'; '.join(clash[:5])}", snapshot)


def _write_breakdowns(con) -> None:
    """The vocabulary's labels for every code the warehouse's observations use (loaded, carried over and
    derived alike); `source_id` names the first source, by name, that uses the code."""
    vocab = pd.DataFrame(
        [(b.breakdown, b.value, b.label_nl, b.label_en, b.sort_order) for b in breakdowns.VOCABULARY],
        columns=["breakdown", "breakdown_value", "label_nl", "label_en", "sort_order"],
    )
    con.register("vocab_df", vocab)
    con.execute(
        "INSERT INTO breakdowns SELECT v.breakdown, v.breakdown_value, v.label_nl, v.label_en, v.sort_order, "
        "u.source_id FROM vocab_df v JOIN (SELECT breakdown, breakdown_value, min(source_id) AS source_id "
        "FROM observations GROUP BY ALL) u USING (breakdown, breakdown_value)"
    )
    con.unregister("vocab_df")


def _write_release_rhythms(con, sources: dict[str, Source]) -> None:
    """Every registered source's release rhythm, fresh from the code each build (pipelines/freshness.py)."""
    rows = [
        (name, r.frequency, r.lag_days, r.grace)
        for name, src in sources.items()
        if (r := src.release_rhythm) is not None
    ]
    if rows:
        con.executemany("INSERT INTO release_rhythms VALUES (?, ?, ?, ?)", rows)


def _carry_over(con, old_path: Path, names: list[str], build_id: str, failed: set[str]) -> list[SourceResult]:
    """Copy sources from the previous warehouse: those not selected, and those that failed now."""
    con.execute("ATTACH ? AS old (READ_ONLY)", [str(old_path)])
    results = []
    try:
        now = datetime.now(UTC).replace(tzinfo=None)
        for name in names:
            present = con.execute("SELECT count(*) FROM old.sources WHERE source_id = ?", [name]).fetchone()[0]
            if not present:
                continue
            con.execute("INSERT INTO sources SELECT * FROM old.sources WHERE source_id = ?", [name])
            # a warehouse built before indicators had a period_kind: the plain kind of its period type
            old_cols = {r[0] for r in con.execute("SELECT column_name FROM duckdb_columns() WHERE database_name = 'old' "
                                                  "AND table_name = 'indicators'").fetchall()}
            kind = "" if "period_kind" in old_cols else \
                ", CASE WHEN period_type = 'month' THEN 'month' ELSE 'year' END AS period_kind"
            con.execute(f"INSERT INTO indicators BY NAME SELECT *{kind} FROM old.indicators WHERE source_id = ?", [name])
            con.execute("INSERT INTO observations SELECT * FROM old.observations WHERE source_id = ?", [name])
            try:  # a warehouse built before observation_notes existed has no such table
                con.execute("INSERT INTO observation_notes SELECT * FROM old.observation_notes WHERE source_id = ?", [name])
            except duckdb.CatalogException:
                pass
            for table in TEXT_TABLES:  # a warehouse built before these tables existed has none
                try:
                    con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM old.{table} WHERE source_id = ?", [name])
                except duckdb.CatalogException:
                    pass
            rows = con.execute("SELECT count(*) FROM observations WHERE source_id = ?", [name]).fetchone()[0]
            snapshot = con.execute("SELECT snapshot FROM sources WHERE source_id = ?", [name]).fetchone()[0]
            status = "failed_kept_previous" if name in failed else "carried_over"
            con.execute(
                "INSERT INTO load_log VALUES (?, ?, ?, ?, ?, NULL, ?, ?, 'kept from previous build')",
                [build_id, name, snapshot, status, rows, now, now],
            )
            results.append(SourceResult(name, snapshot, rows, status))
    finally:
        con.execute("DETACH old")
    return results


def _keep_history(con, old_path: Path) -> None:
    """Earlier builds' load_log and coverage_history rows survive a rebuild; an unreadable old file only loses history."""
    try:
        con.execute("ATTACH ? AS hist (READ_ONLY)", [str(old_path)])
    except duckdb.Error:
        return
    try:
        for table in ("load_log", "coverage_history"):
            try:  # a warehouse built before coverage_history existed has no such table
                con.execute(f"INSERT INTO {table} SELECT * FROM hist.{table}")
            except duckdb.Error:
                pass
    finally:
        con.execute("DETACH hist")


def _record_coverage(con, build_id: str, built_at: datetime) -> None:
    """Append this build's periods per indicator to coverage_history, so the meeting brief
    (dashboard/brief) can tell which periods the warehouse held on a past meeting date."""
    con.execute(
        "INSERT INTO coverage_history SELECT ?, ?, i.source_id, c.indicator_id, c.first_period, c.last_period, "
        "c.n_rows, c.n_values FROM indicator_coverage c JOIN indicators i USING (indicator_id)",
        [build_id, built_at],
    )


def _check_integrity(con) -> None:
    orphans = con.execute(
        "SELECT DISTINCT o.indicator_id FROM observations o ANTI JOIN indicators i USING (indicator_id)"
    ).fetchall()
    if orphans:
        raise BuildError(f"observations without indicator metadata: {orphans[:5]}")
    geo_orphans = con.execute(
        "SELECT DISTINCT o.geo_code FROM observations o ANTI JOIN geographies g USING (geo_code)"
    ).fetchall()
    if geo_orphans:
        raise BuildError(f"observations with unknown geography: {geo_orphans[:5]}")
