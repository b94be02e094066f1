"""`python -m pipelines new-source NAME` in a temporary copy of the repo: what an analyst gets.

Following pipelines/README.md must give a passing generated test, lint-clean files, and the new
source in `python -m pipelines list`. The copy holds only what that needs, so the real checkout
is never touched.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipelines.scaffold import ScaffoldError
from pipelines.scaffold import create_source
from tests.repo_copy import make_copy
from tests.repo_copy import run_in

NAME = "gent_example_jobs"


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return run_in(cwd, args)


@pytest.fixture(scope="module")
def repo_copy(tmp_path_factory) -> Path:
    """pipelines/, the test config and the reference geographies the validation needs."""
    return make_copy(
        tmp_path_factory.mktemp("repo"),
        folders=["pipelines"],
        tests=["sources/__init__.py", "sources/conftest.py"],
        raw=["reference_geographies", "boundaries"],
    )


@pytest.fixture(scope="module")
def scaffolded(repo_copy) -> subprocess.CompletedProcess:
    return _run([sys.executable, "-m", "pipelines", "new-source", NAME], repo_copy)


def test_new_source_creates_module_fixture_and_test(repo_copy, scaffolded):
    assert scaffolded.returncode == 0, scaffolded.stdout + scaffolded.stderr
    for rel in (
        f"pipelines/sources/{NAME}.py",
        f"tests/sources/test_{NAME}.py",
        f"tests/fixtures/{NAME}/{NAME}.csv",
        f"tests/fixtures/{NAME}/README.md",
    ):
        assert (repo_copy / rel).is_file(), rel
        assert f"created {rel}" in scaffolded.stdout
    assert "pipelines/README.md" in scaffolded.stdout  # points the analyst at the next steps
    readme = (repo_copy / "tests" / "fixtures" / NAME / "README.md").read_text(encoding="utf-8")
    assert "synthetic" in readme  # the made-up fixture numbers say so


def test_generated_test_passes(repo_copy, scaffolded):
    res = _run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            f"tests/sources/test_{NAME}.py",
        ],
        repo_copy,
    )
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-2000:]
    assert "10 passed, 2 skipped" in res.stdout  # the real-snapshot cases wait for a snapshot


def test_generated_files_pass_the_linter(repo_copy, scaffolded):
    files = [f"pipelines/sources/{NAME}.py", f"tests/sources/test_{NAME}.py"]
    res = _run([sys.executable, "-m", "ruff", "check", "--no-cache", *files], repo_copy)
    assert res.returncode == 0, res.stdout + res.stderr
    res = _run([sys.executable, "-m", "ruff", "format", "--check", "--no-cache", *files], repo_copy)
    assert res.returncode == 0, res.stdout + res.stderr


def test_new_source_is_listed(repo_copy, scaffolded):
    res = _run([sys.executable, "-m", "pipelines", "list"], repo_copy)
    assert res.returncode == 0, res.stdout + res.stderr
    line = next(ln for ln in res.stdout.splitlines() if ln.startswith(NAME + " "))
    assert "none" in line and "not loaded" in line  # no snapshot yet: nothing reaches the warehouse


def test_scaffold_refuses_to_overwrite_or_bad_names(repo_copy, scaffolded):
    res = _run([sys.executable, "-m", "pipelines", "new-source", NAME], repo_copy)
    assert res.returncode == 1 and "already exists" in res.stdout
    for bad in ("Gent-Jobs", "x", "class", "9lives", "a__b"):
        with pytest.raises(ScaffoldError, match="not a usable source name"):
            create_source(bad, root=repo_copy)
    with pytest.raises(ScaffoldError, match="already exists"):
        create_source("vdab_vacancies", root=repo_copy)


def test_snapshot_refuses_scaffold_todo(repo_copy, scaffolded):
    """A snapshot taken before the identity is filled in would freeze "TODO publisher" into its
    immutable manifest: refused, and nothing is written."""
    fixture = repo_copy / "tests" / "fixtures" / NAME / f"{NAME}.csv"
    args = ["snapshot", NAME, str(fixture), "--id", "2024-01-01", "--origin", "test"]
    res = _run([sys.executable, "-m", "pipelines", *args], repo_copy)
    assert res.returncode == 1 and "TODO" in res.stdout, res.stdout + res.stderr
    for field in ("title_nl", "publisher", "licence", "url"):
        assert field in res.stdout
    assert not list((repo_copy / "data" / "raw").glob(f"{NAME}/*"))


def test_generated_test_reads_the_real_snapshot_once_there_is_one(repo_copy, scaffolded):
    """Fill in the identity, snapshot a file in the template's layout: the generated test now also
    parses, verifies and compares the real snapshot (runs last: it changes the copy)."""
    module = repo_copy / "pipelines" / "sources" / f"{NAME}.py"
    module.write_text(
        module.read_text(encoding="utf-8").replace("TODO", "filled"), encoding="utf-8"
    )
    real = repo_copy / "staged" / f"{NAME}.csv"
    real.parent.mkdir()
    real.write_text(
        "nis_code;area;year;value\n44021;Gent;2023;7\n11002;Antwerpen;2023;x\n", encoding="utf-8"
    )
    args = ["snapshot", NAME, str(real), "--id", "2024-01-01", "--origin", "test: template layout"]
    res = _run([sys.executable, "-m", "pipelines", *args], repo_copy)
    assert res.returncode == 0, res.stdout + res.stderr
    res = _run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            f"tests/sources/test_{NAME}.py",
        ],
        repo_copy,
    )
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-2000:]
    assert "12 passed" in res.stdout and "skipped" not in res.stdout
