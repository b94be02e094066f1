"""Process faults: a killed build, two builds at once, a reader during the swap, a corrupted
warehouse file and a full disk. Each keeps the previous warehouse and says what to do next.

Builds run as real CLI subprocesses where the fault is about processes (kill, lock, swap under a
reader); a tiny driver holds a build at a chosen step so the test can act at that moment.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from pipelines.config import ROOT
from pipelines.warehouse import BuildError
from pipelines.warehouse import build

from .conftest import assert_unchanged
from .conftest import file_digest
from .conftest import no_temp_files
from .conftest import run_cli
from .conftest import run_python

APP = str(ROOT / "dashboard" / "app.py")
SOURCE = "statbel_origin"

# Runs `python -m pipelines build --source statbel_origin`, pausing right after the source's rows
# are written into the temporary warehouse: touch MARKER, then wait while GATE exists.
PAUSED_BUILD = """
import os, sys, time
from pathlib import Path
import pipelines.warehouse as W
marker, gate = Path(sys.argv[1]), Path(sys.argv[2])
original = W._insert_source
def paused(con, src, df, manifest):
    original(con, src, df, manifest)
    marker.write_text(str(os.getpid()))
    while gate.exists():
        time.sleep(0.05)
W._insert_source = paused
from pipelines.__main__ import main
sys.exit(main(["build", "--source", "statbel_origin"]))
"""


def start_paused_build(env, tmp_path: Path) -> tuple[subprocess.Popen, Path, Path]:
    marker, gate = tmp_path / "paused", tmp_path / "gate"
    gate.touch()
    proc = subprocess.Popen(
        [sys.executable, "-c", PAUSED_BUILD, str(marker), str(gate)],
        cwd=ROOT,
        env=env.env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while not marker.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            out, err = proc.communicate()
            pytest.fail(f"build never reached the pause point:\n{out}\n{err}")
        time.sleep(0.05)
    return proc, marker, gate


def test_build_killed_mid_load_keeps_the_old_file_and_the_next_build_succeeds(fault_env, tmp_path):
    digest_before = file_digest(fault_env.path)
    proc, _, _ = start_paused_build(fault_env, tmp_path)
    temp_files = no_temp_files(fault_env.path)
    assert temp_files, "the build should be writing its temporary file"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    # The kill left its half-written temporary file; the warehouse itself was never touched.
    assert file_digest(fault_env.path) == digest_before
    assert_unchanged(fault_env.path, fault_env.before)
    # The next build takes the lock (the kernel released it), removes the leftover and succeeds.
    again = run_cli(["build", "--source", SOURCE], fault_env.env())
    assert again.returncode == 0, again.stdout + again.stderr
    assert not no_temp_files(fault_env.path)
    assert_unchanged(fault_env.path, fault_env.before)


def test_second_build_at_the_same_time_refuses_clearly(fault_env, tmp_path):
    first, _, gate = start_paused_build(fault_env, tmp_path)
    try:
        second = run_cli(["build", "--source", "census2011_commuting"], fault_env.env())
        assert second.returncode == 1
        assert "BUILD FAILED: another build is running" in second.stdout
        assert "try again when it has finished" in second.stdout
        assert "Traceback" not in second.stderr
        assert_unchanged(fault_env.path, fault_env.before)
    finally:
        gate.unlink()
    out, err = first.communicate(timeout=120)
    assert first.returncode == 0, out + err
    assert_unchanged(fault_env.path, fault_env.before)


def test_dashboard_reads_while_a_build_swaps_the_file_in(fault_env):
    """The dashboard's query layer keeps answering, with the same numbers, through the swap."""
    from dashboard import db
    from dashboard import queries

    def read():
        con = db.connection()
        rate = queries.series(
            con, "jobseeker_rate", ["44021"], period_from="2024", period_to="2024"
        )
        return queries.build_info(con)["build_id"], rate["value"].iloc[0]

    old_id, rate = read()
    assert rate == pytest.approx(10.8)
    held = db.connection()  # a connection opened before the swap, as a page mid-run holds one
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipelines", "build", "--source", SOURCE],
        cwd=ROOT,
        env=fault_env.env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    seen, errors = set(), []
    while True:
        done = proc.poll() is not None
        try:
            build_id, value = read()
            seen.add(build_id)
            assert value == pytest.approx(10.8)
            held.execute("SELECT count(*) FROM observations").fetchone()
        except Exception as exc:  # noqa: BLE001 - any error here is what the test is about
            errors.append(repr(exc))
        if done:
            break
        time.sleep(0.02)
    assert proc.returncode == 0, proc.communicate()
    assert not errors, errors[:3]
    assert old_id in seen and len(seen) == 2, seen  # read the old build, then the new one
    assert_unchanged(fault_env.path, fault_env.before)


def test_dashboard_page_reruns_across_a_swap_without_an_error(fault_env):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception
    before = {m.label: m.value for m in at.metric}
    assert before["Job-seeker rate Ghent 2024"] == "10.8%"
    build([SOURCE], path=fault_env.path)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert {m.label: m.value for m in at.metric} == before


@pytest.mark.parametrize(
    ("damage", "page"), [("garbage", None), ("truncated", "views/indicators.py")]
)
def test_corrupted_warehouse_shows_a_clear_message_with_the_rebuild_command(
    fault_env, damage, page
):
    data = fault_env.path.read_bytes()
    fault_env.path.write_bytes(
        b"\x00garbage" * 4096 if damage == "garbage" else data[: len(data) // 3]
    )
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert "kan niet gelezen worden" in at.error[0].value
    assert "python -m pipelines build" in at.code[0].value
    shown = " ".join(str(e.value) for e in at.error) + " ".join(c.value for c in at.code)
    assert str(fault_env.path.parent) not in shown and "duckdb" not in shown.lower()


def test_corrupted_warehouse_is_rebuilt_by_the_build_command(fault_env):
    fault_env.path.write_bytes(b"\x00garbage" * 4096)
    proc = run_cli(["build"], fault_env.env(), timeout=300)
    assert "unreadable or empty: building a new one" in proc.stdout
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert_unchanged(fault_env.path, fault_env.before)  # every row back, from the snapshots


def test_partial_build_over_a_corrupted_warehouse_refuses_and_says_what_to_run(fault_env):
    fault_env.path.write_bytes(b"\x00garbage" * 4096)
    with pytest.raises(BuildError, match="run a full build first"):
        build([SOURCE], path=fault_env.path)


# Runs the CLI with a 2 MB file-size limit: DuckDB's own writes to the temporary warehouse fail
# the way they fail on a full disk, at a point we do not choose.
SMALL_DISK = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (2 * 1024 * 1024, 2 * 1024 * 1024))
from pipelines.__main__ import main
sys.exit(main(["build", "--source", "statbel_origin"]))
"""


def test_disk_full_while_writing_the_temporary_warehouse(fault_env):
    digest_before = file_digest(fault_env.path)
    proc = run_python(SMALL_DISK, fault_env.env())
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "BUILD FAILED: writing the new warehouse failed while" in proc.stdout
    assert "File too large" in proc.stdout and "unchanged" in proc.stdout
    assert "Traceback" not in proc.stderr
    assert file_digest(fault_env.path) == digest_before
    assert not no_temp_files(fault_env.path)


@pytest.mark.parametrize("where", ["fsync", "insert"])
def test_no_space_left_on_device(fault_env, monkeypatch, where):
    """ENOSPC itself, injected at the fsync of the finished file or while a source is written."""
    digest_before = file_digest(fault_env.path)
    if where == "fsync":

        def fsync(fd):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr("pipelines.warehouse.os.fsync", fsync)
        step = "syncing the temporary warehouse to disk"
    else:
        import pipelines.warehouse as W

        original = W._insert_source

        def insert(con, src, df, manifest):
            original(con, src, df, manifest)
            raise duckdb.IOException(
                'Could not write file "gsiw.duckdb.building": No space left on device'
            )

        monkeypatch.setattr(W, "_insert_source", insert)
        step = f"writing source {SOURCE}"
    with pytest.raises(BuildError) as err:
        build([SOURCE], path=fault_env.path)
    assert f"failed while {step}" in str(err.value) and "No space left on device" in str(err.value)
    assert file_digest(fault_env.path) == digest_before
    assert not no_temp_files(fault_env.path)
