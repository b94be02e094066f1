"""The layers hold: every import of every module is checked, including imports inside functions.

Why an AST walk of the whole module: the imports that broke these rules before sat inside function
bodies (policy reading dashboard.auth and dashboard.queries), where a grep of the module header or
an import-time check misses them.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from pipelines.config import ROOT


def modules(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def imported(path: Path) -> set[str]:
    """Every module `path` imports anywhere (top level, functions, classes), relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = (
        module_name(path).rsplit(".", 1)[0] if path.name != "__init__.py" else module_name(path)
    )
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            # `from pipelines import sources` / `from pipelines.sources import x` name modules too.
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def offending(folder: str, forbidden: tuple[str, ...]) -> dict[str, list[str]]:
    bad = {}
    for path in modules(folder):
        hits = sorted(
            m
            for m in imported(path)
            if m in forbidden or m.startswith(tuple(f + "." for f in forbidden))
        )
        if hits:
            bad[str(path.relative_to(ROOT))] = hits
    return bad


SOURCE_MODULES = [p for p in modules("pipelines/sources") if p.name != "__init__.py"]


@pytest.mark.parametrize("path", SOURCE_MODULES, ids=lambda p: p.stem)
def test_no_source_imports_another_source(path):
    own = module_name(path)
    others = {module_name(p) for p in SOURCE_MODULES} - {own}
    hits = sorted(
        m for m in imported(path) if m in others or any(m.startswith(o + ".") for o in others)
    )
    assert not hits, (
        f"{path.name} imports {hits}: shared code belongs in a module in pipelines/ "
        "(e.g. pipelines/provincies_in_cijfers.py, pipelines/eurostat.py)"
    )


def test_shared_pipelines_modules_reach_sources_only_through_the_registry():
    """Machinery in pipelines/ never depends on one particular source module."""
    shared = [p for p in modules("pipelines") if "sources" not in p.relative_to(ROOT).parts]
    bad = {
        str(p.relative_to(ROOT)): hits
        for p in shared
        if (hits := sorted(m for m in imported(p) if m.startswith("pipelines.sources.")))
    }
    assert bad == {}


def test_pipelines_import_neither_dashboard_nor_policy():
    assert offending("pipelines", ("dashboard", "policy")) == {}


def test_policy_never_imports_dashboard():
    assert offending("policy", ("dashboard",)) == {}


def test_views_never_import_pipelines():
    views = offending("dashboard/views", ("pipelines",))
    assert views == {}, "views read the warehouse through dashboard.db and their queries module"


def test_the_walk_sees_imports_inside_functions(tmp_path, monkeypatch):
    """The checker itself: a function-level and a relative import are both found."""
    pkg = tmp_path / "policy"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "x.py").write_text(
        "def f():\n    from dashboard.auth import current_user\n    return current_user\n"
        "def g():\n    from . import signals\n    import dashboard.queries.policy as Q\n"
    )
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    found = imported(pkg / "x.py")
    assert {"dashboard.auth", "policy.signals", "dashboard.queries.policy"} <= found
    assert offending("policy", ("dashboard",)) == {
        "policy/x.py": ["dashboard.auth", "dashboard.auth.current_user", "dashboard.queries.policy"]
    }
