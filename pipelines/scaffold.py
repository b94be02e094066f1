"""`python -m pipelines new-source NAME`: a new source module, its fixture folder and its test.

Why: the fastest way for an analyst to add a source correctly is to start from files that
already pass the contract and the tests, and then replace the template parts one by one.
Everything is rendered from `pipelines/templates/`; nothing is overwritten.
"""

from __future__ import annotations

import keyword
import re
from pathlib import Path
from string import Template

from pipelines import nis
from pipelines.config import ROOT

TEMPLATES = Path(__file__).parent / "templates"
_NAME = re.compile(r"^[a-z][a-z0-9_]{2,29}$")

# Areas of the Gsiw comparison, so the fixture validates against the reference geographies.
_FIXTURE_AREAS = tuple(zip(nis.CITIES, ("Gent", "Antwerpen", "Genk", "Oostende"), strict=True))
_FIXTURE_YEARS = ("2022", "2023")


class ScaffoldError(Exception):
    """The name is unusable or a file would be overwritten; nothing was written."""


def check_name(name: str) -> None:
    if not _NAME.match(name) or keyword.iskeyword(name) or "__" in name:
        raise ScaffoldError(
            f"{name!r} is not a usable source name: use 3-30 lowercase letters, digits and single "
            "underscores, starting with a letter (e.g. vdab_vacancies)"
        )
    from pipelines.registry import all_sources

    if name in all_sources():
        raise ScaffoldError(f"a source named {name!r} already exists")


def targets(name: str, root: Path) -> dict[str, Path]:
    return {
        "module": root / "pipelines" / "sources" / f"{name}.py",
        "test": root / "tests" / "sources" / f"test_{name}.py",
        "fixture": root / "tests" / "fixtures" / name / f"{name}.csv",
        "fixture_readme": root / "tests" / "fixtures" / name / "README.md",
    }


def fixture_csv() -> str:
    """Synthetic values in the template's documented layout, including special codes and a decimal comma."""
    lines = ["nis_code;area;year;value"]
    for i, (code, area) in enumerate(_FIXTURE_AREAS):
        for j, year in enumerate(_FIXTURE_YEARS):
            value = str(100 * (i + 1) + 10 * j)
            if (i, j) == (1, 1):
                value = "x"  # hidden: small numbers
            elif (i, j) == (3, 0):
                value = "-"  # no value
            elif (i, j) == (2, 1):
                value = "12,5"  # decimal comma
            lines.append(f"{code};{area};{year};{value}")
    return "\n".join(lines) + "\n"


def class_name(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_")) + "Source"


def render(template: str, name: str) -> str:
    text = (TEMPLATES / template).read_text(encoding="utf-8")
    return Template(text).substitute(name=name, class_name=class_name(name))


def create_source(name: str, root: Path = ROOT) -> list[Path]:
    """Write the module, fixture and test for `name` under `root`; refuse to overwrite anything."""
    check_name(name)
    paths = targets(name, root)
    existing = [str(p.relative_to(root)) for p in paths.values() if p.exists()]
    if existing:
        raise ScaffoldError(f"refusing to overwrite existing file(s): {', '.join(existing)}")
    contents = {
        "module": render("source.py.tmpl", name),
        "test": render("test_source.py.tmpl", name),
        "fixture": fixture_csv(),
        "fixture_readme": render("fixture_README.md.tmpl", name),
    }
    for key, path in paths.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(contents[key], encoding="utf-8")
    return list(paths.values())


NEXT_STEPS = """
Next steps (pipelines/README.md, "Scaffold"):
  1. .venv/bin/pytest {test}        # passes as generated (real-snapshot cases skip until step 4)
  2. .venv/bin/python -m pipelines list                # shows {name} (no snapshot yet)
  3. fill in every TODO in {module}, adapt read_rows to the publisher's file; replace the synthetic
     fixture in tests/fixtures/{name}/ with a small real excerpt and say where it comes from in its README.md
  4. snapshot the real file: .venv/bin/python -m pipelines snapshot {name} FILE --id DATE --origin "..."
  5. .venv/bin/python -m pipelines build --source {name} (after one full build); make test
"""
