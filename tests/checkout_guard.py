"""No test writes into the checkout: the working tree's `git status` before and after the suite.

`--ignored=matching` also lists git-ignored files, because what a test would leave behind is
usually ignored (the policy store `data/policy/*.sqlite`, a warehouse in `data/warehouse/`).
Only tool caches and the documented e2e screenshot folder are allowed to appear.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

# Written by Python, pytest, ruff and the tools themselves, never by product code under test.
ALLOWED = (
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    ".venv",
    ".tools",
    "test-artifacts",
    "mutants",
)


def tree_state(root: Path) -> set[str] | None:
    """`git status` lines of the working tree (None when `root` is not a git checkout)."""
    try:
        out = subprocess.run(
            ["git", "status", "--porcelain", "--ignored=matching", "--untracked-files=normal"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if out.returncode != 0:
        return None
    return {line for line in out.stdout.splitlines() if not _allowed(line)}


def _allowed(line: str) -> bool:
    path = line[3:].strip().strip('"')
    return any(part in ALLOWED for part in Path(path).parts)


def changes(before: set[str], after: set[str]) -> list[str]:
    """Lines that appeared: new files, newly modified or deleted ones. (A line that disappeared is a
    change the developer committed or cleaned up meanwhile, not something a test left behind.)"""
    return sorted(after - before)
