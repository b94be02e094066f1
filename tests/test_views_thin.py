"""Pages are thin: a view reads its own queries module and shapes no data (issue 17).

Read as source (AST), so a page that starts joining frames or writing SQL fails here before a
reviewer has to spot it. What a view may not call: `execute(` (SQL), `merge(` (joins),
`pd.DataFrame(` (building frames) and `dict(zip(` (hand-made lookups); the queries module named
after the view returns the frame its charts and cards need.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VIEWS = sorted((ROOT / "dashboard" / "views").glob("*.py"))
PUBLIC_VIEWS = sorted((ROOT / "dashboard" / "public_views").glob("*.py"))
# The meeting pages show the brief computed in dashboard/brief (its SQL: dashboard/queries/brief.py).
BRIEF_VIEWS = {"vergadering", "presentatie"}


def _forbidden(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        fn = node.func
        name = (
            fn.attr
            if isinstance(fn, ast.Attribute)
            else fn.id
            if isinstance(fn, ast.Name)
            else None
        )
        if name in ("execute", "merge", "DataFrame"):
            found.append(f"line {node.lineno}: {name}(")
        if (
            name == "dict"
            and node.args
            and isinstance(node.args[0], ast.Call)
            and isinstance(node.args[0].func, ast.Name)
            and node.args[0].func.id == "zip"
        ):
            found.append(f"line {node.lineno}: dict(zip(")
    return found


def _imports(tree: ast.AST) -> set[str]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
            out |= {f"{node.module}.{a.name}" for a in node.names}
    return out


@pytest.mark.parametrize("path", VIEWS + PUBLIC_VIEWS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_view_shapes_no_data(path):
    assert _forbidden(ast.parse(path.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize("path", VIEWS, ids=lambda p: p.name)
def test_a_view_reads_only_its_own_queries_module(path):
    imports = _imports(ast.parse(path.read_text(encoding="utf-8")))
    queries = {m for m in imports if m.startswith("dashboard.queries")}
    own = f"dashboard.queries.{path.stem}"
    if path.stem in BRIEF_VIEWS:
        assert queries == set(), "the meeting pages read the brief, not the warehouse"
        return
    assert (ROOT / "dashboard" / "queries" / f"{path.stem}.py").exists(), (
        f"no queries module for {path.name}"
    )
    assert queries <= {"dashboard.queries", own}, queries
    assert own in queries, f"{path.name} does not import {own}"
    assert not {m for m in imports if m.split(".")[0] == "pipelines"}, (
        "views never import pipelines"
    )


def test_the_check_catches_what_it_forbids():
    """The rule itself can fail: a view that joins frames by hand is caught."""
    bad = "import pandas as pd\nx = pd.DataFrame({})\ny = a.merge(b)\nz = dict(zip(a, b))\ncon.execute('SELECT 1')\n"
    assert len(_forbidden(ast.parse(bad))) == 4
