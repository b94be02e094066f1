"""CLI: `python -m pipelines build [--offline|--live] [--source NAME ...]` and `python -m pipelines list`."""

from __future__ import annotations

import argparse
import signal
import sys
import time
from datetime import date

from pipelines import snapshot as snap
from pipelines.config import ROOT
from pipelines.config import warehouse_path
from pipelines.registry import all_sources
from pipelines.source import SourceError
from pipelines.warehouse import BuildError
from pipelines.warehouse import build


def _print(msg: str) -> None:
    print(msg, flush=True)


class Terminated(KeyboardInterrupt):
    """SIGTERM (systemd stop, `kill`, a container shutdown), raised where the build is, like Ctrl-C:
    the same `except BaseException` cleanup removes the temporary warehouse and its .wal."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _raise_terminated(signum, _frame):
    raise Terminated(signum)


def cmd_build(args) -> int:
    t0 = time.perf_counter()
    _print(f"Building warehouse {warehouse_path()} ({'live fetch' if args.live else 'offline, from data/raw'})")
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        result = build(args.source or None, live=args.live, strict=args.strict, progress=_print)
    except (SourceError, BuildError) as exc:
        _print(f"\nBUILD FAILED: {exc}")
        _print("The previous warehouse was left unchanged.")
        return 1
    except KeyboardInterrupt as exc:
        how = "terminated (SIGTERM)" if isinstance(exc, Terminated) else "interrupted (Ctrl-C)"
        _print(f"\nBUILD INTERRUPTED: {how}; the temporary files were removed and the previous warehouse "
               "was left unchanged.")
        return 128 + exc.signum if isinstance(exc, Terminated) else 130
    finally:
        signal.signal(signal.SIGTERM, previous)
    _print("\nSummary")
    _print(f"{'source':<34}{'status':<14}{'rows':>10}  snapshot")
    for r in result.results:
        _print(f"{r.source:<34}{r.status:<14}{r.rows:>10,}  {r.snapshot or '-'}")
        for w in r.warnings:
            _print(f"    warning: {w}")
    total = sum(r.rows for r in result.results)
    n_warn = sum(len(r.warnings) for r in result.results)
    # The warehouse's observations table holds the sources' rows and the derived indicators' rows.
    _print(f"{total + result.derived_rows:,} observations ({total:,} from sources, {result.derived_rows:,} "
           f"derived), {n_warn} warning(s), {time.perf_counter() - t0:.1f}s -> {result.path}")
    if result.failures:
        _print(f"\nBUILD FAILED for {len(result.failures)} source(s); their previous data was kept:")
        for f in result.failures:
            _print(f"  - {f}")
        return 1
    return 0


def _freshness_text(f, today) -> str:
    """Plain words for the freshness column (the CLI is for analysts: English)."""
    if f.state == "closed":
        return "final: no new releases"
    if f.state == "no_schedule":
        return "no fixed release schedule"
    if f.state == "not_loaded":
        return "not loaded"
    due = f.expected_next.isoformat()
    if f.state == "overdue":
        return f"OVERDUE: the next period was expected by {due}"
    if f.expected_next < today:
        return f"next period due since {due} (within the usual margin)"
    return f"next period expected about {due}"


def cmd_list(_args) -> int:
    import duckdb

    from pipelines import freshness

    loaded, latest = {}, {}
    path = warehouse_path()
    if path.exists():
        try:
            con = duckdb.connect(str(path), read_only=True)
            loaded = {
                r[0]: r[1]
                for r in con.execute(
                    # Every observation row, with or without a value: what the build reports and logs.
                    "SELECT s.source_id, count(o.source_id) FROM sources s "
                    "LEFT JOIN observations o USING (source_id) GROUP BY 1"
                ).fetchall()
            }
            latest = freshness.latest_loaded(con)
            con.close()
        except duckdb.Error as exc:
            _print(f"(warehouse unreadable: {exc})")
    fetches = freshness.read_fetches(path)
    today = date.today()
    _print(f"{'source':<34}{'snapshot':<22}{'rows':>14}  {'latest':<8} {'live fetch':<12} title")
    rows_by_source = {}
    for name, src in all_sources().items():
        snaps = snap.list_snapshots(src)
        newest = snaps[-1].name if snaps else "none"
        rows = loaded.get(name)
        status = f"{rows:,}" if rows is not None else "not loaded"
        live = "verified" if src.live_verified else "never run"
        period = latest.get(name, (None, None))[0]
        _print(f"{name:<34}{newest:<22}{status:>14}  {period or '-':<8} {live:<12} {src.title_en}")
        rows_by_source[name] = src
    _print(f"\nFreshness on {today.isoformat()} (release rhythm declared by each source)")
    _print(f"{'source':<34}{'rhythm':<11}{'latest period':<15}status")
    attention = 0
    for name, src in rows_by_source.items():
        period, ref = latest.get(name, (None, None))
        f = freshness.assess(name, src.release_rhythm, period, ref, today, fetches.get(name))
        _print(f"{name:<34}{src.release_rhythm.frequency:<11}{period or '-':<15}{_freshness_text(f, today)}")
        if f.fetch_failed:
            _print(f"{'':<28}LAST LIVE FETCH FAILED at {f.fetch_at}: {f.fetch_error}")
        attention += f.state == "overdue" or f.fetch_failed
    if attention:
        _print(f"\n{attention} source(s) overdue or with a failed last live fetch.")
    return 0


def cmd_snapshot(args) -> int:
    from pathlib import Path

    from pipelines.registry import get_source

    try:
        src = get_source(args.source)
        dest = snap.import_files(
            src, [Path(f) for f in args.files], snapshot_id=args.id, origin=args.origin,
            extra={"copied_from": args.copied_from} if args.copied_from else None,
        )
    except (KeyError, SourceError, OSError) as exc:
        _print(f"SNAPSHOT FAILED: {exc}")
        return 1
    _print(f"snapshot written: {dest}")
    return 0


def cmd_new_source(args) -> int:
    from pipelines.scaffold import NEXT_STEPS
    from pipelines.scaffold import ScaffoldError
    from pipelines.scaffold import create_source

    try:
        paths = create_source(args.name)
    except ScaffoldError as exc:
        _print(f"NEW-SOURCE FAILED: {exc}")
        return 1
    for p in paths:
        _print(f"created {p.relative_to(ROOT)}")
    _print(NEXT_STEPS.format(name=args.name, module=paths[0].relative_to(ROOT), test=paths[1].relative_to(ROOT)))
    return 0


# Portals `discover` can search: name -> module with `discover(session, queries)`.
DISCOVER_PORTALS = {"stad-gent": "pipelines.sources.stad_gent_opendata"}


def cmd_discover(args) -> int:
    """Search an open-data catalogue for labour-market datasets (needs the network)."""
    import importlib

    from pipelines.http import make_session

    module = importlib.import_module(DISCOVER_PORTALS[args.portal])
    queries = tuple(args.query) if args.query else module.DISCOVERY_QUERIES
    try:
        found = module.discover(make_session(), queries)
    except SourceError as exc:
        _print(f"DISCOVER FAILED: {exc}")
        return 1
    _print(f"{len(found)} dataset(s) on {args.portal} matching {', '.join(queries)}")
    _print(f"{'dataset_id':<55} {'records':>9}  {'modified':<10}  title")
    for d in found:
        records = "-" if d["records"] is None else f"{d['records']:,}"
        _print(f"{d['dataset_id']:<55} {records:>9}  {d['modified'] or '-':<10}  {d['title']}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipelines", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the DuckDB warehouse")
    mode = b.add_mutually_exclusive_group()
    mode.add_argument("--offline", action="store_true", help="use the snapshots in data/raw (default)")
    mode.add_argument("--live", action="store_true", help="fetch a new snapshot from each publisher first")
    b.add_argument("--source", action="append", metavar="NAME", help="only (re)load this source; repeatable")
    b.add_argument("--strict", action="store_true", help="abort on the first failing source, swap nothing")
    b.set_defaults(func=cmd_build)
    ls = sub.add_parser("list", help="list sources and their status")
    ls.set_defaults(func=cmd_list)
    sn = sub.add_parser("snapshot", help="copy hand-obtained files into a new immutable raw snapshot")
    sn.add_argument("source")
    sn.add_argument("files", nargs="+")
    sn.add_argument("--id", required=True, help="snapshot folder name, e.g. the export date 2026-05-21")
    sn.add_argument("--origin", required=True, help="how the files were obtained (publisher export, URL, ...)")
    sn.add_argument("--copied-from", help="where the copy came from, if not the publisher")
    sn.set_defaults(func=cmd_snapshot)
    ns = sub.add_parser("new-source", help="scaffold a source module, its fixture and its test")
    ns.add_argument("name", help="source name, e.g. vdab_vacancies (lowercase, digits, underscores)")
    ns.set_defaults(func=cmd_new_source)
    ds = sub.add_parser("discover", help="search an open-data catalogue for labour-market datasets (live)")
    ds.add_argument("portal", choices=sorted(DISCOVER_PORTALS))
    ds.add_argument("--query", action="append", metavar="WORD", help="search word; repeatable (default: werk, ...)")
    ds.set_defaults(func=cmd_discover)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
