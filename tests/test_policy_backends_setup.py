"""Without PostgreSQL installed, the store's postgres-parametrized tests fail in CI (a green CI run
must have tested both backends) and are skipped, with the reason, on a developer's machine."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from pipelines.config import ROOT

TEST = "tests/test_policy_store.py::test_first_use_creates_and_seeds_from_the_readable_seed_file"


def _run(ci: str | None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env.update(GSIW_TEST_INITDB_GLOB="/nonexistent/*/bin/initdb", GSIW_SKIP_TREE_CHECK="1")
    if ci:
        env["CI"] = ci
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-rs",
            "-p",
            "no:cacheprovider",
            f"{TEST}[postgres]",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize(
    ("ci", "outcome"), [("true", "1 error"), (None, "1 skipped")], ids=["ci", "local"]
)
def test_missing_postgresql_fails_in_ci_and_skips_locally(ci, outcome):
    done = _run(ci)
    assert outcome in done.stdout, done.stdout[-2000:]
    assert "PostgreSQL is not installed" in done.stdout
    assert (done.returncode != 0) == (ci is not None)
