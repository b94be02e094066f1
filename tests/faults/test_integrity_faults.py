"""Issue 15, raw files and snapshots: nothing is loaded that should not be.

Each class of the independent probe is tested through the mechanism that owns it, with variants
(not only the probe's exact files): decompression bombs in any zip-based file (safezip.check_archive,
run by snapshot.verify on every file before any parser), implausible values (validation.check_range,
every source), manifest schema and path confinement (snapshot.read_manifest/verify), future-dated
snapshots, SIGTERM and a symlinked warehouse path (warehouse/CLI).
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import signal
import tracemalloc
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from pipelines import safezip
from pipelines import snapshot as snap
from pipelines.registry import all_sources
from pipelines.registry import get_source
from pipelines.source import PLAUSIBLE_RANGES
from pipelines.source import SourceError
from pipelines.source import observations_frame
from pipelines.validation import validate_observations
from pipelines.warehouse import build

from .conftest import assert_unchanged
from .conftest import file_digest
from .conftest import no_temp_files
from .conftest import run_cli
from .test_process_faults import start_paused_build

CENSUS, ORIGIN, JOBSEEKERS, CONSTRUCTION = (
    "census2011_commuting",
    "statbel_origin",
    "vdab_jobseekers",
    "vdab_embuild_construction",
)


def file_of(source: str) -> str:
    return get_source(source).files[0].name


def failure(result, source: str) -> str:
    assert not result.ok, "the build must not succeed"
    (message,) = [f for f in result.failures if f.startswith(f"source '{source}'")]
    return message


def kept(env, result, source: str) -> None:
    assert {r.source: r.status for r in result.results}[source] == "failed_kept_previous"
    assert_unchanged(env.path, env.before)


# --- Decompression bombs in every zip-based file ---------------------------------------------------


def bomb_xlsx(real: bytes, member_bytes: int) -> bytes:
    """The real workbook with its first sheet replaced by `member_bytes` of blanks (compresses ~1000x)."""
    src = zipfile.ZipFile(io.BytesIO(real))
    sheet = next(n for n in src.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml"))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            if info.filename != sheet:
                zf.writestr(info, src.read(info))
        with zf.open(sheet, "w", force_zip64=True) as fh:
            block = b" " * (1 << 20)
            for _ in range(member_bytes >> 20):
                fh.write(block)
    return out.getvalue()


@pytest.mark.parametrize(
    "member_mb", [160, 20], ids=["expands-beyond-the-limit", "ratio-of-a-bomb-under-the-limit"]
)
def test_xlsx_decompression_bomb_is_refused_before_parsing(fault_env, member_mb):
    bomb = bomb_xlsx(fault_env.real_file(JOBSEEKERS), member_mb << 20)
    assert len(bomb) < 1 << 20  # a small download
    fault_env.add_snapshot(JOBSEEKERS, {file_of(JOBSEEKERS): bomb})
    tracemalloc.start()
    result = build([JOBSEEKERS], path=fault_env.path, strict=False)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    message = failure(result, JOBSEEKERS)
    assert file_of(JOBSEEKERS) in message and "9999-fault" in message
    assert "bomb" in message, message
    assert peak < 80 * 1024 * 1024, f"peak Python memory {peak:,} bytes: the sheet was read"
    kept(fault_env, result, JOBSEEKERS)


def test_xlsx_bomb_with_strict_exits_non_zero_and_keeps_the_file(fault_env):
    fault_env.add_snapshot(
        JOBSEEKERS, {file_of(JOBSEEKERS): bomb_xlsx(fault_env.real_file(JOBSEEKERS), 160 << 20)}
    )
    digest = file_digest(fault_env.path)
    proc = run_cli(["build", "--strict", "--source", JOBSEEKERS], fault_env.env())
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "BUILD FAILED" in proc.stdout and "bomb" in proc.stdout
    assert "Traceback" not in proc.stderr and "MemoryError" not in proc.stderr
    assert file_digest(fault_env.path) == digest


def test_zip_hidden_in_a_csv_file_is_checked_by_content(fault_env):
    """A 'zipped CSV' under a .csv name: recognised by its bytes, not its name, and checked."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf,
        zf.open("data.csv", "w", force_zip64=True) as fh,
    ):
        for _ in range(160):
            fh.write(b"0" * (1 << 20))
    result = build_with_file(fault_env, ORIGIN, out.getvalue())
    message = failure(result, ORIGIN)
    assert "bomb" in message and file_of(ORIGIN) in message
    kept(fault_env, result, ORIGIN)


def test_zip_member_that_lies_about_its_size_is_caught_while_streaming(tmp_path):
    """Declared sizes can lie: the real decompressed bytes are counted too, never trusted."""
    path = tmp_path / "lying.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/sheet1.xml", b" " * (3 << 20))
    data = bytearray(path.read_bytes())
    # Patch the uncompressed size in the local header (offset 22) and the central directory (offset 24).
    data[22:26] = (1000).to_bytes(4, "little")
    cd = data.rfind(b"PK\x01\x02")
    data[cd + 24 : cd + 28] = (1000).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    with pytest.raises(SourceError) as err:
        safezip.check_archive(path, source="test")
    assert "lying.xlsx" in str(err.value)


def build_with_file(env, source: str, content: bytes, **kwargs):
    env.add_snapshot(source, {file_of(source): content})
    return build([source], path=env.path, **kwargs)


# --- Implausible values: a declared range per indicator, checked for every source ------------------


def test_count_of_1e30_in_population_by_origin_is_refused_with_row_and_value(fault_env):
    df = pd.read_csv(io.BytesIO(fault_env.real_file(ORIGIN)), dtype=str, keep_default_na=False)
    gent = df["CD_REFNIS"] == "44021"
    df.loc[gent, "belgian_bg"] = df.loc[gent, "total"] = (
        "1e30"  # consistent, so only the range can catch it
    )
    result = build_with_file(fault_env, ORIGIN, df.to_csv(index=False).encode())
    message = failure(result, ORIGIN)
    assert "1e+30" in message and "44021" in message and "plausible range" in message, message
    kept(fault_env, result, ORIGIN)


@pytest.mark.parametrize(
    "value", ["1" + "0" * 30, "25000000"], ids=["1e30-as-digits", "25-million"]
)
def test_implausible_construction_vacancies_are_refused(fault_env, value):
    text = fault_env.real_file(CONSTRUCTION).decode("utf-8").splitlines()
    head, first, *rest = text
    cells = first.split(",")
    cells[-1] = value
    content = "\n".join([head, ",".join(cells), *rest]).encode() + b"\n"
    result = build_with_file(fault_env, CONSTRUCTION, content)
    message = failure(result, CONSTRUCTION)
    assert "plausible range" in message and "vacancies" in message, message
    assert cells[0][:4] in message  # the period of the offending row
    kept(fault_env, result, CONSTRUCTION)


def test_strict_build_never_exits_0_after_an_implausible_value(fault_env):
    head, first, *rest = fault_env.real_file(CONSTRUCTION).decode("utf-8").splitlines()
    first = ",".join([*first.split(",")[:-1], "1" + "0" * 30])
    fault_env.add_snapshot(
        CONSTRUCTION, {file_of(CONSTRUCTION): "\n".join([head, first, *rest, ""]).encode()}
    )
    digest = file_digest(fault_env.path)
    proc = run_cli(["build", "--strict", "--source", CONSTRUCTION], fault_env.env())
    assert proc.returncode == 1, proc.stdout
    assert "plausible range" in proc.stdout and "BUILD FAILED" in proc.stdout
    assert file_digest(fault_env.path) == digest


@pytest.mark.parametrize("name", sorted(all_sources()))
def test_every_source_indicator_has_a_range_that_refuses_1e30(name):
    """The shared validation covers every source: a value far outside each unit's range is refused."""
    src = get_source(name)
    for ind in src.indicators:
        low, high = PLAUSIBLE_RANGES[ind.unit]
        assert low <= high
        for value, says in (
            (1e30, "plausible range"),
            (-1e30, "plausible range"),
            (float("inf"), "finite"),
        ):
            row = {
                "indicator_id": ind.id,
                "geo_code": "44021",
                "period": "2020",
                "ref_date": "2020-01-01",
            }
            df = observations_frame([{**row, "value": value}])
            with pytest.raises(SourceError, match=says):
                validate_observations(src, df, file="x", known_geos={"44021"})


# --- Manifest: a schema, one source fails, never a traceback -----------------------------------------


def tampered_snapshot(env, source: str, manifest_text: str | None, mutate=None) -> Path:
    """A newer snapshot with a tampered data file (a changed value) and the given manifest text."""
    df = pd.read_csv(io.BytesIO(env.real_file(source)), dtype=str, keep_default_na=False)
    df.loc[df["CD_REFNIS"] == "44021", "total"] = "999999"
    folder = env.add_snapshot(source, {file_of(source): df.to_csv(index=False).encode()})
    manifest = json.loads((folder / "manifest.json").read_text())
    if mutate:
        mutate(manifest)
        manifest_text = json.dumps(manifest)
    (folder / "manifest.json").write_text(manifest_text)
    return folder


MANIFEST_CASES = {
    "no-files-key": lambda m: m.pop("files"),
    "empty-files": lambda m: m.update(files=[]),
    "entry-without-sha256": lambda m: m["files"][0].pop("sha256"),
    "sha256-not-hex": lambda m: m["files"][0].update(sha256="x" * 64),
    "files-not-a-list": lambda m: m.update(files={"name": "x"}),
    "no-source": lambda m: m.pop("source"),
    "other-source": lambda m: m.update(source="census2011_commuting"),
}


@pytest.mark.parametrize("case", [*MANIFEST_CASES, "invalid-json", "a-json-list", "empty-file"])
def test_a_bad_manifest_fails_that_source_only_with_a_message(fault_env, case):
    texts = {
        "invalid-json": '{"source": "statbel_origin", "files": [',
        "a-json-list": "[]",
        "empty-file": "",
    }
    tampered_snapshot(fault_env, ORIGIN, texts.get(case), MANIFEST_CASES.get(case))
    result = build([ORIGIN, CENSUS], path=fault_env.path)  # the other source still loads
    message = failure(result, ORIGIN)
    assert "manifest.json" in message and "9999-fault" in message, message
    assert len(result.failures) == 1, result.failures
    statuses = {r.source: r.status for r in result.results}
    assert statuses[CENSUS] == "loaded"
    assert_unchanged(fault_env.path, fault_env.before)  # the tampered value never loads


@pytest.mark.parametrize("case", ["no-files-key", "invalid-json"])
def test_a_bad_manifest_never_stops_a_build_of_another_source(fault_env, case):
    texts = {"invalid-json": "{not json"}
    tampered_snapshot(fault_env, ORIGIN, texts.get(case), MANIFEST_CASES.get(case))
    proc = run_cli(["build", "--strict", "--source", CENSUS], fault_env.env())
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    assert "statbel_origin: not selected; its snapshot is unusable" in proc.stdout
    proc = run_cli(["build", "--source", ORIGIN], fault_env.env())
    assert (
        proc.returncode == 1 and "manifest.json" in proc.stdout and "Traceback" not in proc.stderr
    )
    assert_unchanged(fault_env.path, fault_env.before)


# --- Paths: resolved and confined to the snapshot folder ----------------------------------------------


def test_manifest_entry_with_a_path_outside_the_snapshot_is_refused(fault_env, tmp_path):
    secret = tmp_path / "secret.csv"
    secret.write_text("year,CD_REFNIS\nTOP-SECRET-CONTENT\n")
    depth = len(Path(fault_env.raw / ORIGIN / "9999-fault").resolve().parts)
    rel = "/".join([".."] * depth) + str(secret)
    folder = tampered_snapshot(
        fault_env,
        ORIGIN,
        None,
        lambda m: m["files"][0].update(
            name=rel, sha256=hashlib.sha256(secret.read_bytes()).hexdigest()
        ),
    )
    (folder / file_of(ORIGIN)).unlink()
    result = build([ORIGIN], path=fault_env.path)
    message = failure(result, ORIGIN)
    assert "manifest" in message and "TOP-SECRET" not in message
    kept(fault_env, result, ORIGIN)


def test_data_file_symlinked_to_a_system_file_is_refused_and_never_printed(fault_env, tmp_path):
    secret = tmp_path / "hostname"
    secret.write_text("TOP-SECRET-HOST\n")
    folder = fault_env.add_snapshot(ORIGIN, {file_of(ORIGIN): fault_env.real_file(ORIGIN)})
    (folder / file_of(ORIGIN)).unlink()
    (folder / file_of(ORIGIN)).symlink_to(secret)
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["files"][0]["sha256"] = hashlib.sha256(secret.read_bytes()).hexdigest()
    (folder / "manifest.json").write_text(json.dumps(manifest))
    result = build([ORIGIN], path=fault_env.path)
    message = failure(result, ORIGIN)
    assert "symbolic link" in message and "TOP-SECRET" not in message
    kept(fault_env, result, ORIGIN)


def test_snapshot_folder_symlinked_outside_the_raw_folder_is_refused(fault_env, tmp_path):
    outside = tmp_path / "elsewhere" / "9999-fault"
    shutil.copytree(snap.latest_snapshot(get_source(ORIGIN)), outside)
    (fault_env.raw / ORIGIN / "9999-fault").symlink_to(outside, target_is_directory=True)
    result = build([ORIGIN], path=fault_env.path)
    message = failure(result, ORIGIN)
    assert "outside the raw data folder" in message
    kept(fault_env, result, ORIGIN)


def test_a_file_not_listed_in_the_manifest_is_refused(fault_env):
    folder = fault_env.add_snapshot(ORIGIN, {file_of(ORIGIN): fault_env.real_file(ORIGIN)})
    (folder / "extra.csv").write_text("year,CD_REFNIS\n")
    result = build([ORIGIN], path=fault_env.path)
    assert "not listed in manifest.json" in failure(result, ORIGIN)
    kept(fault_env, result, ORIGIN)


# --- Future-dated snapshots ----------------------------------------------------------------------------


def test_future_dated_snapshot_warns_and_strict_refuses(fault_env):
    fault_env.add_snapshot(
        ORIGIN, {file_of(ORIGIN): fault_env.real_file(ORIGIN)}, snapshot_id="2099-01-01"
    )
    proc = run_cli(["build", "--source", ORIGIN], fault_env.env())
    assert proc.returncode == 0, proc.stdout
    assert "snapshot 2099-01-01 is dated in the future" in proc.stdout
    strict = run_cli(["build", "--strict", "--source", ORIGIN], fault_env.env())
    assert (
        strict.returncode == 1
        and "dated in the future" in strict.stdout
        and "--strict" in strict.stdout
    )


# --- SIGTERM and a symlinked warehouse path ------------------------------------------------------------


def test_sigterm_during_a_build_is_handled_like_ctrl_c(fault_env, tmp_path):
    digest = file_digest(fault_env.path)
    proc, _, _ = start_paused_build(fault_env, tmp_path)
    assert no_temp_files(fault_env.path)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM, out + err
    assert (
        "BUILD INTERRUPTED: terminated (SIGTERM)" in out
        and "previous warehouse was left unchanged" in out
    )
    assert "Traceback" not in err
    assert not no_temp_files(fault_env.path), no_temp_files(fault_env.path)
    assert file_digest(fault_env.path) == digest


def test_builds_through_a_symlinked_warehouse_path_share_one_lock_and_keep_the_link(
    fault_env, tmp_path
):
    link = tmp_path / "link" / "gsiw.duckdb"
    link.parent.mkdir()
    link.symlink_to(fault_env.path)
    first, _, gate = start_paused_build(fault_env, tmp_path)  # through the real path
    try:
        env = {**fault_env.env(), "GSIW_WAREHOUSE": str(link)}
        second = run_cli(["build", "--source", CENSUS], env)
        assert second.returncode == 1 and "another build is running" in second.stdout, second.stdout
    finally:
        gate.unlink()
    assert first.wait(timeout=120) == 0
    again = run_cli(["build", "--source", CENSUS], {**fault_env.env(), "GSIW_WAREHOUSE": str(link)})
    assert again.returncode == 0, again.stdout + again.stderr
    assert link.is_symlink() and link.resolve() == fault_env.path.resolve()
    assert_unchanged(fault_env.path, fault_env.before)


def test_a_live_fetch_opens_its_zip_through_the_same_guard(tmp_path):
    """reference_geographies downloads a zip: a real one is unpacked, a bomb is refused (recorded responses)."""
    import responses

    from pipelines.http import make_session

    src = get_source("reference_geographies")
    real = (snap.latest_snapshot(src) / file_of("reference_geographies")).read_bytes()
    good, bomb = io.BytesIO(), io.BytesIO()
    with zipfile.ZipFile(good, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("TU_COM_REFNIS.txt", real)
    with (
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf,
        zf.open("TU_COM_REFNIS.txt", "w") as fh,
    ):
        for _ in range(120):
            fh.write(b" " * (1 << 20))
    for body, dest in ((good.getvalue(), tmp_path / "good"), (bomb.getvalue(), tmp_path / "bomb")):
        dest.mkdir()
        with responses.RequestsMock() as rsps:
            rsps.get(src.files[0].url, body=body, content_type="application/zip")
            if dest.name == "good":
                (path,) = src.fetch(make_session(retries=0), dest)
                assert path.read_bytes() == real
            else:
                with pytest.raises(SourceError, match="bomb"):
                    src.fetch(make_session(retries=0), dest)
                assert not list(dest.iterdir())  # nothing unpacked, the archive removed
