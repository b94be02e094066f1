"""Mutation testing of the critical small modules with mutmut, one module at a time.

    .venv/bin/python tools/mutation.py                 # every module below, one after the other
    .venv/bin/python tools/mutation.py disclosure      # one module (names as in MODULES)
    make mutation                                      # the same as the first line

Why mutmut (3.x): maintained, and it runs each mutant in a fork of one warm pytest process that
only runs the tests which reached the mutated function (recorded in a first "stats" pass), so the
slow imports (Streamlit, DuckDB, pandas) are paid once per module, not once per mutant. It mutates
a copy of the code in a `mutants/` folder; cosmic-ray mutates the checkout in place.

mutmut reads its settings from the working directory's pyproject.toml, so each module runs in its
own scratch copy of the repository under $GSIW_MUTATION_DIR (default /tmp/gsiw-mutation/<module>),
with a [tool.mutmut] section that names the module and its related tests only. Nothing is written
into the checkout. The result per module (killed, survived, ...) is printed and written to
<scratch>/<module>.json; the surviving mutants are shown with `mutmut show` for review.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# module name -> (file to mutate, related test selection: files or node ids)
MODULES: dict[str, tuple[str, list[str]]] = {
    "disclosure": ("dashboard/disclosure.py", ["tests/test_disclosure_units.py"]),
    "access": ("policy/access.py", ["tests/test_access_units.py"]),
    "auth": ("dashboard/auth.py", ["tests/test_access_units.py"]),
    "validation": ("pipelines/validation.py", ["tests/test_validation_units.py"]),
    "snapshot": ("pipelines/snapshot.py", ["tests/test_snapshot_units.py"]),
    "exports": ("dashboard/exports.py", ["tests/test_exports.py", "tests/test_exports_units.py"]),
    "progress": ("policy/progress.py", ["tests/test_policy_progress.py", "tests/test_progress_units.py"]),
}
# What the copy needs besides the mutated package: the other packages, data and app config.
COPY = [
    "pipelines",
    "dashboard",
    "policy",
    "tests",
    "data",
    ".streamlit",
    "pyproject.toml",
    "uv.lock",
]
STATUSES = (
    "killed",
    "survived",
    "no tests",
    "timeout",
    "suspicious",
    "skipped",
    "segfault",
    "not checked",
)


def scratch_root() -> Path:
    return Path(os.environ.get("GSIW_MUTATION_DIR", "/tmp/gsiw-mutation"))


def prepare(name: str) -> Path:
    """A fresh copy of the repository with a [tool.mutmut] section for this module only."""
    target, tests = MODULES[name]
    work = scratch_root() / name
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "warehouse", "*.sqlite", "*.sqlite-*")
    for item in COPY:
        src = ROOT / item
        if src.is_dir():
            shutil.copytree(src, work / item, ignore=ignore)
        elif src.is_file():
            shutil.copy2(src, work / item)
    package = target.split("/")[0]
    others = [p for p in ("pipelines", "dashboard", "policy") if p != package]
    config = (
        "\n[tool.mutmut]\n"
        f"source_paths = [{package!r}]\n"
        f"only_mutate = [{target!r}]\n"
        f"also_copy = {[*others, 'data', '.streamlit']!r}\n"
        f"pytest_add_cli_args_test_selection = {tests!r}\n"
        # -p no:cacheprovider: no .pytest_cache; the warehouse fixture builds into pytest's tmp dir.
        "pytest_add_cli_args = ['-p', 'no:cacheprovider', '-q', '-x']\n"
        "use_git_change_detection = false\n"
    )
    pyproject = work / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text(encoding="utf-8") + config.replace("'", '"'), encoding="utf-8"
    )
    tomllib.loads(pyproject.read_text(encoding="utf-8"))  # fail early on a broken section
    return work


def mutmut(work: Path, *args: str, timeout: float | None = None) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("mutmut")
    env = {**os.environ, "GSIW_SKIP_TREE_CHECK": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [str(exe), *args], cwd=work, env=env, capture_output=True, text=True, timeout=timeout
    )


def run(name: str) -> dict:
    work = prepare(name)
    started = time.monotonic()
    done = mutmut(work, "run", "--max-children", "1")
    seconds = round(time.monotonic() - started)
    (work / "run.log").write_text(done.stdout + "\n" + done.stderr, encoding="utf-8")
    listing = mutmut(work, "results", "--all", "true")
    counts = {s: 0 for s in STATUSES}
    mutants: dict[str, str] = {}
    for line in listing.stdout.splitlines():
        m = re.match(r"\s*([\w.]+__mutmut_\d+):\s*(.+?)\s*$", line)
        if m:
            mutants[m.group(1)] = m.group(2)
            counts[m.group(2)] = counts.get(m.group(2), 0) + 1
    checked = (
        counts["killed"]
        + counts["survived"]
        + counts["no tests"]
        + counts["timeout"]
        + counts["suspicious"]
    )
    killed = counts["killed"] + counts["timeout"]  # a mutant that hangs the tests is caught too
    result = {
        "module": MODULES[name][0],
        "tests": MODULES[name][1],
        "mutants": len(mutants),
        "killed": killed,
        "survived": sorted(
            k for k, v in mutants.items() if v in ("survived", "no tests", "suspicious")
        ),
        "kill_rate": round(100 * killed / checked, 1) if checked else None,
        "seconds": seconds,
        "counts": counts,
        "returncode": done.returncode,
    }
    diffs = {m: mutmut(work, "show", m).stdout for m in result["survived"]}
    (scratch_root() / f"{name}.json").write_text(
        json.dumps({**result, "diffs": diffs}, indent=2), encoding="utf-8"
    )
    return result | {"diffs": diffs}


def main(argv: list[str]) -> int:
    names = argv or list(MODULES)
    unknown = [n for n in names if n not in MODULES]
    if unknown:
        print(f"unknown module(s) {unknown}; choose from {list(MODULES)}", file=sys.stderr)
        return 2
    failed = False
    for name in names:
        r = run(name)
        print(
            f"{name:<11} {r['module']:<26} mutants {r['mutants']:>4}  killed {r['killed']:>4}  "
            f"kill rate {r['kill_rate']} %  ({r['seconds']} s)"
        )
        if r["mutants"] == 0 or r["returncode"] != 0 or r["kill_rate"] is None:
            print(
                f"  mutmut failed (do the selected tests pass?): see {scratch_root() / name / 'run.log'}",
                file=sys.stderr,
            )
            failed = True
        for mutant in r["survived"]:
            changed = [
                line.strip()
                for line in r["diffs"][mutant].splitlines()
                if line[:1] in "+-" and not line.startswith(("+++", "---"))
            ]
            print(f"  survived: {mutant}: " + " => ".join(changed))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
