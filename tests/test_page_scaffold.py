"""`python -m dashboard new-page NAME` in a temporary copy of the repo: what a newcomer gets.

Following dashboard/README.md must give a page that runs in both languages, a passing generated
test, lint-clean files, texts in both locales and a thin view (tests/test_views_thin.py). The copy
holds only what that needs (data/raw is linked, read-only for an offline build), so the real checkout
is never touched.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.scaffold import ScaffoldError
from dashboard.scaffold import create_page
from tests.repo_copy import make_copy
from tests.repo_copy import run_in

NAME = "jongeren_voorbeeld"
FILES = [
    f"dashboard/views/{NAME}.py",
    f"dashboard/queries/{NAME}.py",
    f"dashboard/locales/nl/{NAME}.json",
    f"dashboard/locales/en/{NAME}.json",
    f"tests/test_page_{NAME}.py",
]


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return run_in(cwd, args, timeout=600)


@pytest.fixture(scope="module")
def repo_copy(tmp_path_factory) -> Path:
    return make_copy(
        tmp_path_factory.mktemp("repo"),
        folders=["dashboard", "pipelines", "policy"],
        tests=["app_support.py", "test_views_thin.py", "test_i18n.py"],
        link_raw=True,
        streamlit=True,
    )


@pytest.fixture(scope="module")
def scaffolded(repo_copy) -> subprocess.CompletedProcess:
    args = [
        sys.executable,
        "-m",
        "dashboard",
        "new-page",
        NAME,
        "--title-nl",
        "Jongeren",
        "--title-en",
        "Young people",
    ]
    return _run(args, repo_copy)


def test_new_page_writes_view_queries_texts_test_and_nav_row(repo_copy, scaffolded):
    assert scaffolded.returncode == 0, scaffolded.stdout + scaffolded.stderr
    for rel in FILES:
        assert (repo_copy / rel).is_file(), rel
        assert f"created {rel}" in scaffolded.stdout
    app = (repo_copy / "dashboard" / "app.py").read_text(encoding="utf-8")
    assert f'"{NAME}.py", "{NAME}.nav"' in app
    assert "dashboard/README.md" in scaffolded.stdout  # points the newcomer at the recipe


def test_generated_page_runs_in_both_languages_and_stays_thin(repo_copy, scaffolded):
    res = _run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            f"tests/test_page_{NAME}.py",
            "tests/test_views_thin.py",
            "tests/test_i18n.py",
        ],
        repo_copy,
    )
    assert res.returncode == 0, res.stdout[-4000:] + res.stderr[-2000:]
    assert "failed" not in res.stdout


def test_generated_files_are_lint_clean(repo_copy, scaffolded):
    ruff = Path(sys.executable).with_name("ruff")
    code = [f for f in FILES if f.endswith(".py")]
    res = _run([str(ruff), "check", *code, "dashboard/app.py"], repo_copy)
    assert res.returncode == 0, res.stdout + res.stderr
    res = _run([str(ruff), "format", "--check", *code], repo_copy)
    assert res.returncode == 0, res.stdout + res.stderr


def test_a_second_run_overwrites_nothing(repo_copy, scaffolded):
    before = {rel: (repo_copy / rel).read_bytes() for rel in [*FILES, "dashboard/app.py"]}
    res = _run([sys.executable, "-m", "dashboard", "new-page", NAME], repo_copy)
    assert res.returncode == 2 and "already exists" in res.stderr
    assert {rel: (repo_copy / rel).read_bytes() for rel in before} == before


@pytest.mark.parametrize("bad", ["X", "2cool", "has-dash", "class", "a__b"])
def test_unusable_names_are_refused_before_writing(tmp_path, bad):
    with pytest.raises(ScaffoldError, match="not a usable page name"):
        create_page(bad, root=tmp_path)
    assert not any(tmp_path.iterdir())
