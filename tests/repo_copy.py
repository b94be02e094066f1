"""A temporary copy of the repository for the scaffold tests, and commands run inside it.

Why shared: `tests/test_scaffold.py` (new-source) and `tests/test_page_scaffold.py` (new-page) both run a
scaffold the way a newcomer does, in a copy holding only what that needs, so the real checkout is never
touched; the copy's environment drops the caller's GSIW_* settings and points the warehouse into the copy.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

from pipelines.config import ROOT

# Every copy has the test configuration and the checkout guard it imports, and the tool settings.
BASE_TESTS = ("conftest.py", "checkout_guard.py")


def make_copy(
    dest: Path,
    *,
    folders: Iterable[str],
    tests: Iterable[str] = (),
    raw: Iterable[str] = (),
    link_raw: bool = False,
    streamlit: bool = False,
) -> Path:
    """Copy `folders` (code, without __pycache__), `tests/` files (paths below tests/), the snapshots of
    `raw` sources, or link all of data/raw read-only (`link_raw`), and .streamlit/ without secrets."""
    ignore = shutil.ignore_patterns("__pycache__")
    for folder in folders:
        shutil.copytree(ROOT / folder, dest / folder, ignore=ignore)
    for rel in (*BASE_TESTS, *tests):
        (dest / "tests" / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "tests" / rel, dest / "tests" / rel)
    shutil.copy(ROOT / "pyproject.toml", dest / "pyproject.toml")
    (dest / "data" / "warehouse").mkdir(parents=True)
    if link_raw:
        (dest / "data" / "raw").symlink_to(ROOT / "data" / "raw")
    for src in raw:
        shutil.copytree(ROOT / "data" / "raw" / src, dest / "data" / "raw" / src)
    if streamlit and (ROOT / ".streamlit" / "config.toml").exists():
        shutil.copytree(
            ROOT / ".streamlit", dest / ".streamlit", ignore=shutil.ignore_patterns("secrets.toml")
        )
    return dest


def env_for(copy: Path) -> dict[str, str]:
    """The caller's environment without GSIW_* settings, the warehouse inside the copy."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GSIW_") and k != "PYTHONPATH"}
    env["GSIW_WAREHOUSE"] = str(copy / "data" / "warehouse" / "gsiw.duckdb")
    return env


def run_in(copy: Path, args: list[str], timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        args, cwd=copy, env=env_for(copy), capture_output=True, text=True, timeout=timeout
    )
