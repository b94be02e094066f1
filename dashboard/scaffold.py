"""`python -m dashboard new-page NAME`: a new page with its queries module, navigation row, texts and test.

Why: a page is right when it follows the recipe in dashboard/README.md (view -> its queries module ->
chart builders -> evidence panel, texts in both languages, an AppTest in both languages); starting from
files that already pass is the fastest way there. Rendered from `dashboard/templates/`; nothing is
overwritten, and nothing is written when any target exists.
"""

from __future__ import annotations

import json
import keyword
import re
from pathlib import Path
from string import Template

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = Path(__file__).parent / "templates"
_NAME = re.compile(r"^[a-z][a-z0-9_]{2,29}$")
# Where the navigation row goes: the new page is listed with the analysis pages, above this line.
NAV_MARKER = "    # new-page: analysis pages are added above this line"


class ScaffoldError(Exception):
    """The name is unusable or a file would be overwritten; nothing was written."""


def targets(name: str, root: Path) -> dict[str, Path]:
    return {
        "view": root / "dashboard" / "views" / f"{name}.py",
        "queries": root / "dashboard" / "queries" / f"{name}.py",
        "locale_nl": root / "dashboard" / "locales" / "nl" / f"{name}.json",
        "locale_en": root / "dashboard" / "locales" / "en" / f"{name}.json",
        "test": root / "tests" / f"test_page_{name}.py",
    }


def check_name(name: str, root: Path) -> None:
    if not _NAME.match(name) or keyword.iskeyword(name) or "__" in name:
        raise ScaffoldError(
            f"{name!r} is not a usable page name: use 3-30 lowercase letters, digits and single "
            "underscores, starting with a letter (e.g. jongeren)"
        )
    taken = [str(p.relative_to(root)) for p in targets(name, root).values() if p.exists()]
    if taken:
        raise ScaffoldError(f"a page named {name!r} already exists: {', '.join(taken)}")


def _title(name: str) -> str:
    return name.replace("_", " ").capitalize()


def render(name: str, title_nl: str, title_en: str) -> dict[str, str]:
    """The text of every file, keyed like `targets`."""
    values = {"name": name, "title_en": title_en, "url": name.replace("_", "-")}

    def fill(template: str) -> str:
        return Template((TEMPLATES / template).read_text(encoding="utf-8")).substitute(values)

    def locale(title: str, lead: str, chart: str) -> str:
        keys = {
            f"{name}.nav": title,
            f"{name}.title": title,
            f"{name}.lead": lead,
            f"{name}.chart_trend": chart,
        }
        return json.dumps(keys, ensure_ascii=False, indent=2) + "\n"

    return {
        "view": fill("page_view.py.tmpl"),
        "queries": fill("page_queries.py.tmpl"),
        "locale_nl": locale(
            title_nl, "Vervang deze zin: wat toont deze pagina, en waarom?", "{name} in de tijd"
        ),
        "locale_en": locale(
            title_en,
            "Replace this sentence: what does this page show, and why?",
            "{name} over time",
        ),
        "test": fill("page_test.py.tmpl"),
    }


def nav_row(name: str) -> str:
    return f'    ("nav.section_analysis", "{name}.py", "{name}.nav", ":material/insights:", "{name.replace("_", "-")}"),'


def create_page(
    name: str, *, title_nl: str | None = None, title_en: str | None = None, root: Path = ROOT
) -> list[Path]:
    """Write the page's files and its navigation row; returns what was written (relative to `root`)."""
    check_name(name, root)
    app = root / "dashboard" / "app.py"
    app_text = app.read_text(encoding="utf-8")
    if NAV_MARKER not in app_text:
        raise ScaffoldError(
            f"{app} has no line {NAV_MARKER.strip()!r}: add the navigation row by hand"
        )
    files = render(name, title_nl or _title(name), title_en or _title(name))
    paths = targets(name, root)
    written = []
    for key, text in files.items():
        paths[key].parent.mkdir(parents=True, exist_ok=True)
        paths[key].write_text(text, encoding="utf-8")
        written.append(paths[key].relative_to(root))
    app.write_text(
        app_text.replace(NAV_MARKER, nav_row(name) + "\n" + NAV_MARKER), encoding="utf-8"
    )
    written.append(app.relative_to(root))
    return written
