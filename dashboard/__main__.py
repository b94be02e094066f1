"""`python -m dashboard new-page NAME [--title-nl T] [--title-en T]`: scaffold a page (dashboard/README.md)."""

from __future__ import annotations

import argparse
import sys

from dashboard.scaffold import ScaffoldError
from dashboard.scaffold import create_page


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard")
    sub = parser.add_subparsers(dest="command", required=True)
    page = sub.add_parser(
        "new-page", help="a new page: view, queries module, navigation row, nl/en texts, test"
    )
    page.add_argument(
        "name", help="file name of the page, e.g. jongeren (lowercase, digits, underscores)"
    )
    page.add_argument("--title-nl", help="the Dutch title (default: the name)")
    page.add_argument("--title-en", help="the English title (default: the name)")
    args = parser.parse_args(argv)
    try:
        written = create_page(args.name, title_nl=args.title_nl, title_en=args.title_en)
    except ScaffoldError as exc:
        print(f"new-page: {exc}", file=sys.stderr)
        return 2
    for path in written:
        print(f"{'updated' if path.name == 'app.py' else 'created'} {path}")
    print(
        f"next: .venv/bin/pytest -q tests/test_page_{args.name}.py, then follow dashboard/README.md"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
