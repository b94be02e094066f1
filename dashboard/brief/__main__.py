"""Write the meeting pack from the command line, so it can be scheduled before each meeting.

    python -m dashboard.brief --since 2026-09-15 --out brief.pdf
    python -m dashboard.brief --out packs/ --xlsx packs/ --lang en      # since the last meeting in the calendar
    python -m dashboard.brief --since 2026-09-15 --previous old/gsiw.duckdb --out brief.pdf

Without --since the previous meeting in the policy store's calendar is used. Without --previous the
warehouse's own history (load_log, coverage_history) tells what was loaded on that date. Works offline:
charts are drawn with matplotlib and the fonts come with it. Exit 0 on success, 1 when the warehouse or
the policy store cannot be read, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

DEFAULT_BASE_URL = "http://localhost:8501"


def _target(path: Path | None, since: date, ext: str) -> Path:
    from dashboard.brief.pack import pack_name

    name = pack_name("vergadering", ext, since)
    if path is None:
        return Path(name)
    return path / name if path.is_dir() else path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m dashboard.brief", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--since", type=date.fromisoformat, help="date of the previous meeting (YYYY-MM-DD)")
    ap.add_argument("--out", type=Path, help="PDF file or folder (default: gsiw-vergadering-sinds-<since>-<today>.pdf)")
    ap.add_argument("--xlsx", type=Path, help="also write the Excel workbook (file or folder)")
    ap.add_argument("--lang", choices=("nl", "en"), default="nl")
    ap.add_argument("--previous", type=Path, help="an older warehouse file to compare with instead of the history")
    ap.add_argument("--warehouse", type=Path, help="the warehouse (default: GSIW_WAREHOUSE or data/warehouse/gsiw.duckdb)")
    ap.add_argument("--no-examples", action="store_true", help="leave out items about example objectives")
    ap.add_argument("--base-url", default=os.environ.get("GSIW_DASHBOARD_URL", DEFAULT_BASE_URL),
                    help="dashboard address for the evidence links (default: GSIW_DASHBOARD_URL or %(default)s)")
    args = ap.parse_args(argv)

    from pipelines.config import warehouse_path
    from policy.store import open_store
    from policy.store import previous_and_next

    warehouse = args.warehouse or warehouse_path()
    for path in (warehouse, args.previous):
        if path is not None and not Path(path).exists():
            print(f"error: warehouse {path} not found; build it with: python -m pipelines build", file=sys.stderr)
            return 1
    try:
        store = open_store()
    except Exception as exc:  # a locked or unreadable store: say so, do not write half a pack
        print(f"error: the policy store cannot be opened: {exc}", file=sys.stderr)
        return 1
    since = args.since
    if since is None:
        prev, _ = previous_and_next(store.meetings(), date.today())
        if prev is None:
            print("error: no previous meeting in the calendar; pass --since YYYY-MM-DD", file=sys.stderr)
            return 2
        since = date.fromisoformat(prev["meeting_date"])
        print(f"since the meeting of {since} ({prev['id']}{', example date' if prev['is_example'] else ''})")

    import duckdb

    from dashboard.brief import pack
    from dashboard.brief import render
    from dashboard.brief.model import brief_for_warehouse

    try:
        result = brief_for_warehouse(warehouse, store, since, previous=args.previous)
    except duckdb.Error as exc:
        print(f"error: the warehouse cannot be read ({exc}); rebuild it with: python -m pipelines build",
              file=sys.stderr)
        return 1
    examples = not args.no_examples
    out = _target(args.out, since, "pdf")
    out.parent.mkdir(parents=True, exist_ok=True)
    from dashboard.brief.page import extra_sections

    extra = extra_sections(result, store, since, args.lang, examples=examples)
    out.write_bytes(pack.to_pdf(result, args.lang, examples=examples, base_url=args.base_url, extra_sections=extra))
    print(f"wrote {out}")
    if args.xlsx is not None:
        xlsx = _target(args.xlsx, since, "xlsx")
        xlsx.parent.mkdir(parents=True, exist_ok=True)
        xlsx.write_bytes(pack.to_xlsx(result, args.lang, examples=examples, base_url=args.base_url,
                                      extra_sections=extra))
        print(f"wrote {xlsx}")
    print(render.summary(result, args.lang, examples=examples))
    if result.unknown_sources:
        print(f"unknown (no history for {since}): {', '.join(result.unknown_sources)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
