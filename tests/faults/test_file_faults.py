"""Broken raw files: each is refused with the source, the file and the field or cell named, the
build reports failure, and the previous warehouse keeps every row.

The broken files are the real snapshots changed by code in one way each (a real export saved with
';', a column renamed, ...). CSV sources: census2011_commuting (a 43x43 matrix) and statbel_origin
(one row per municipality and year); xlsx: vdab_jobseekers (Provincies in Cijfers export).
"""

from __future__ import annotations

import io
import json
import time
import tracemalloc
import zipfile

import pandas as pd
import pytest

from pipelines import safezip
from pipelines import snapshot as snap
from pipelines.registry import get_source
from pipelines.source import SourceError
from pipelines.warehouse import build

from .conftest import assert_unchanged
from .conftest import run_cli
from .conftest import warehouse_state

CENSUS, ORIGIN, JOBSEEKERS = "census2011_commuting", "statbel_origin", "vdab_jobseekers"
CENSUS_FILE, ORIGIN_FILE, JOBSEEKERS_FILE = (
    get_source(n).files[0].name for n in (CENSUS, ORIGIN, JOBSEEKERS)
)


def build_with(env, source: str, content: bytes, name: str | None = None):
    """Add a newer snapshot holding `content` and rebuild that source on the copy of the warehouse."""
    env.add_snapshot(source, {name or get_source(source).files[0].name: content})
    return build([source], path=env.path)


def refused(env, result, source: str, *says: str) -> str:
    """The common ending: one failure naming source, file and detail; the source's rows kept."""
    assert not result.ok
    (message,) = result.failures
    assert f"source '{source}'" in message and "9999-fault" in message, message
    for text in says:
        assert text in message, message
    assert {r.source: r.status for r in result.results}[source] == "failed_kept_previous"
    assert_unchanged(env.path, env.before)
    return message


def origin_frame(env) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(env.real_file(ORIGIN)), dtype=str, keep_default_na=False)


def census_frame(env) -> pd.DataFrame:
    return pd.read_csv(
        io.BytesIO(env.real_file(CENSUS)), index_col=0, dtype=str, keep_default_na=False
    )


def csv_bytes(df: pd.DataFrame, **kwargs) -> bytes:
    return df.to_csv(**kwargs).encode("utf-8")


# --- Empty, encoding, delimiter, decimal comma -----------------------------------------------


@pytest.mark.parametrize("source", [CENSUS, ORIGIN, JOBSEEKERS])
def test_empty_file(fault_env, source):
    result = build_with(fault_env, source, b"")
    refused(fault_env, result, source, get_source(source).files[0].name, "file is empty")


def test_latin1_instead_of_utf8(fault_env):
    latin1 = (
        fault_env.real_file(ORIGIN).decode("utf-8").encode("cp1252")
    )  # what Excel on Windows writes
    message = refused(fault_env, build_with(fault_env, ORIGIN, latin1), ORIGIN, ORIGIN_FILE)
    # The hint names the first bad byte's line so the analyst can find it.
    assert "is not UTF-8 (byte 0x" in message and "Latin-1" in message and "line " in message


def test_utf16_instead_of_utf8(fault_env):
    utf16 = fault_env.real_file(ORIGIN).decode("utf-8").encode("utf-16")
    refused(fault_env, build_with(fault_env, ORIGIN, utf16), ORIGIN, ORIGIN_FILE, "UTF-16")


@pytest.mark.parametrize("source", [CENSUS, ORIGIN])
def test_utf8_with_bom_is_read_and_gives_the_same_numbers(fault_env, source):
    """A BOM is valid UTF-8 (Excel writes one): accepted, and not a single value changes."""
    result = build_with(fault_env, source, b"\xef\xbb\xbf" + fault_env.real_file(source))
    assert result.ok, result.failures
    after = warehouse_state(fault_env.path)
    for table in ("observations", "geographies", "indicators"):
        assert after[table] == fault_env.before[table], table


@pytest.mark.parametrize(
    ("source", "field"), [(CENSUS, "commuting matrix is empty"), (ORIGIN, "missing column(s)")]
)
def test_semicolon_instead_of_comma(fault_env, source, field):
    text = fault_env.real_file(source).replace(b",", b";")
    message = refused(fault_env, build_with(fault_env, source, text), source, field)
    assert "delimiter ';', not ','" in message


def test_decimal_comma_census(fault_env):
    df = census_frame(fault_env).apply(lambda s: s.str.replace(".", ",", regex=False))
    message = refused(fault_env, build_with(fault_env, CENSUS, csv_bytes(df)), CENSUS, CENSUS_FILE)
    assert "non-numeric value '309701,0' at row 11000, column 11000" in message
    assert "decimal comma" in message


def test_decimal_comma_origin(fault_env):
    df = origin_frame(fault_env)
    df["total"] = df["total"].str.replace(".", ",", regex=False)
    message = refused(
        fault_env, build_with(fault_env, ORIGIN, csv_bytes(df, index=False)), ORIGIN, ORIGIN_FILE
    )
    assert "non-numeric or empty total: '15093,0' (row 0)" in message


# --- Columns ------------------------------------------------------------------------------------


def test_renamed_column(fault_env):
    df = origin_frame(fault_env).rename(columns={"CD_REFNIS": "refnis"})
    result = build_with(fault_env, ORIGIN, csv_bytes(df, index=False))
    refused(fault_env, result, ORIGIN, ORIGIN_FILE, "missing column(s) ['CD_REFNIS']", "'refnis'")


def test_renamed_matrix_column(fault_env):
    df = census_frame(fault_env).rename(columns={"44000": "Gent"})
    result = build_with(fault_env, CENSUS, csv_bytes(df))
    refused(fault_env, result, CENSUS, CENSUS_FILE, "not 5-digit NIS codes: ['Gent']")


def test_missing_column(fault_env):
    df = origin_frame(fault_env).drop(columns=["total"])
    refused(
        fault_env,
        build_with(fault_env, ORIGIN, csv_bytes(df, index=False)),
        ORIGIN,
        "missing column(s) ['total']",
    )


def test_missing_matrix_column(fault_env):
    df = census_frame(fault_env).drop(columns=["44000"])
    refused(
        fault_env,
        build_with(fault_env, CENSUS, csv_bytes(df)),
        CENSUS,
        "not square: 43 rows x 42 columns",
    )


def test_extra_column_is_ignored_where_columns_are_named(fault_env):
    """statbel_origin reads columns by name: an extra one changes nothing (and is not a failure)."""
    df = origin_frame(fault_env).assign(note="extra column")
    result = build_with(fault_env, ORIGIN, csv_bytes(df, index=False))
    assert result.ok, result.failures
    assert warehouse_state(fault_env.path)["observations"] == fault_env.before["observations"]


def test_extra_column_in_a_matrix_is_refused(fault_env):
    df = census_frame(fault_env).assign(extra="1")
    refused(
        fault_env,
        build_with(fault_env, CENSUS, csv_bytes(df)),
        CENSUS,
        "not square: 43 rows x 44 columns",
    )


# --- Values -------------------------------------------------------------------------------------


def test_duplicated_keys(fault_env):
    df = origin_frame(fault_env)
    df = pd.concat([df, df.iloc[[5]]])
    result = build_with(fault_env, ORIGIN, csv_bytes(df, index=False))
    refused(
        fault_env,
        result,
        ORIGIN,
        ORIGIN_FILE,
        f"duplicate row for {df.iloc[5]['CD_REFNIS']} in 2025",
    )


def test_negative_count(fault_env):
    df = origin_frame(fault_env)
    df.loc[3, "belgian_bg"] = "-5"
    refused(
        fault_env,
        build_with(fault_env, ORIGIN, csv_bytes(df, index=False)),
        ORIGIN,
        "negative belgian_bg: -5.0 (row 3)",
    )


def test_negative_count_in_matrix(fault_env):
    df = census_frame(fault_env)
    df.iloc[0, 1] = "-3"
    refused(
        fault_env,
        build_with(fault_env, CENSUS, csv_bytes(df)),
        CENSUS,
        "negative value -3.0 at row 11000, column 12000",
    )


def test_period_in_the_future(fault_env):
    df = origin_frame(fault_env)
    df.loc[0, "year"] = "2099"
    result = build_with(fault_env, ORIGIN, csv_bytes(df, index=False))
    refused(
        fault_env,
        result,
        ORIGIN,
        "period in the future: indicator population, geo_code 11001, period 2099",
    )


def test_unknown_geography_code(fault_env):
    text = fault_env.real_file(CENSUS).replace(b"11000", b"99000")
    refused(
        fault_env,
        build_with(fault_env, CENSUS, text),
        CENSUS,
        "unknown geography code(s) ['99000']",
    )


def test_unknown_code_in_a_source_that_defines_its_own_geographies(fault_env):
    """statbel_origin names municipalities itself, so 99999 would have become 'known'; its parent
    arrondissement 99000 does not exist, and that gives it away."""
    df = origin_frame(fault_env)
    df.loc[0, "CD_REFNIS"] = "99999"
    result = build_with(fault_env, ORIGIN, csv_bytes(df, index=False))
    refused(fault_env, result, ORIGIN, "99999")
    con_state = warehouse_state(fault_env.path)
    assert con_state["geographies"] == fault_env.before["geographies"]


def test_broken_boundaries_do_not_stop_the_other_sources(fault_env):
    """The areas and map shapes come from the boundaries source; a cut-off GeoJSON used to abort the
    whole build. Now it is reported, the previous areas and shapes are kept, and the rest loads."""
    cut = (
        b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"code": "4'
    )
    fault_env.add_snapshot("boundaries", {f.name: cut for f in get_source("boundaries").files})
    result = build([CENSUS], path=fault_env.path)
    assert not result.ok
    (message,) = result.failures
    assert "source 'boundaries'" in message and "9999-fault" in message and ".geojson" in message, (
        message
    )
    assert {r.source: r.status for r in result.results}[CENSUS] == "loaded"
    assert_unchanged(fault_env.path, fault_env.before)


def test_html_page_saved_as_csv(fault_env):
    page = b"<!DOCTYPE html>\n<html><head><title>503</title></head><body>Service unavailable</body></html>"
    refused(fault_env, build_with(fault_env, CENSUS, page), CENSUS, CENSUS_FILE, "HTML page")


# --- xlsx (vdab_jobseekers): the real workbook with one cell or string changed ----------------------


def edit_xlsx(data: bytes, part: str, old: bytes, new: bytes) -> bytes:
    """Replace bytes inside one part of the workbook (exactly one occurrence), keep the rest as is."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == part:
                assert body.count(old) == 1, (part, old)
                body = body.replace(old, new)
            dst.writestr(info, body)
    return out.getvalue()


SHEET, STRINGS = "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"
B4 = b'<c r="B4" s="4"><v>0.096</v></c>'  # Aalst, werkzoekendengraad 2014: 0.096 = 9.6 %


def test_xlsx_rate_above_100_percent(fault_env):
    data = edit_xlsx(fault_env.real_file(JOBSEEKERS), SHEET, B4, b'<c r="B4" s="4"><v>1.5</v></c>')
    refused(
        fault_env,
        build_with(fault_env, JOBSEEKERS, data),
        JOBSEEKERS,
        "rate above 100 % (150.0) in indicator jobseeker_rate, geo_code 41002, period 2014",
    )


def test_xlsx_decimal_comma_in_a_cell(fault_env):
    data = edit_xlsx(
        fault_env.real_file(JOBSEEKERS),
        SHEET,
        B4,
        b'<c r="B4" t="inlineStr"><is><t>0,096</t></is></c>',
    )
    refused(
        fault_env,
        build_with(fault_env, JOBSEEKERS, data),
        JOBSEEKERS,
        JOBSEEKERS_FILE,
        "cell B4 holds '0,096'",
    )


def test_xlsx_renamed_column(fault_env):
    old = b">werkzoekendengraad (jaargemiddelde) [%]<"
    data = edit_xlsx(
        fault_env.real_file(JOBSEEKERS), STRINGS, old, b">werkzoekendengraad (gemiddelde) [%]<"
    )
    refused(
        fault_env,
        build_with(fault_env, JOBSEEKERS, data),
        JOBSEEKERS,
        JOBSEEKERS_FILE,
        "unexpected ['werkzoekendengraad (gemiddelde) [%]'], missing ['werkzoekendengraad (jaargemiddelde) [%]']",
    )


def test_xlsx_unknown_municipality(fault_env):
    data = edit_xlsx(fault_env.real_file(JOBSEEKERS), STRINGS, b">Aalst<", b">Aalst-Oost<")
    refused(
        fault_env,
        build_with(fault_env, JOBSEEKERS, data),
        JOBSEEKERS,
        "not in the 2025 boundaries: ['Aalst-Oost']",
    )


def test_xlsx_that_is_not_a_workbook(fault_env):
    message = refused(
        fault_env,
        build_with(fault_env, JOBSEEKERS, b"year;value\n2024;1\n"),
        JOBSEEKERS,
        "cannot read the xlsx",
    )
    assert "is not a .xlsx (zip) file" in message


# --- Size: a 1 GB file is refused by its size alone ------------------------------------------------


def sparse_file(path, size=1 << 30):
    """1 GiB that takes no disk space: the limit must be enforced without reading it."""
    with open(path, "wb") as fh:
        fh.truncate(size)
    return path


def test_one_gigabyte_file_is_refused_without_reading_it(fault_env):
    folder = fault_env.raw / CENSUS / "9999-fault"
    folder.mkdir()
    sparse_file(folder / CENSUS_FILE)
    # A manifest as a fetch would write it (hashing 1 GiB is exactly what must not happen first).
    manifest = {
        "source": CENSUS,
        "snapshot": "9999-fault",
        "retrieved_at": "2026-12-07T00:00:00+00:00",
        "origin": "test: fault case",
        "files": [{"name": CENSUS_FILE, "url": "", "sha256": "0" * 64, "bytes": 1 << 30}],
    }
    (folder / "manifest.json").write_text(json.dumps(manifest))
    tracemalloc.start()
    t0 = time.perf_counter()
    result = build([CENSUS], path=fault_env.path)
    seconds = time.perf_counter() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    refused(fault_env, result, CENSUS, CENSUS_FILE, "1,073,741,824 bytes, above the", "not read")
    assert peak < 100 * 1024 * 1024, f"peak Python memory {peak:,} bytes"
    assert seconds < 30


def test_one_gigabyte_file_is_not_imported(fault_env, tmp_path):
    big = sparse_file(tmp_path / CENSUS_FILE)
    proc = run_cli(
        ["snapshot", CENSUS, str(big), "--id", "9999-big", "--origin", "test"], fault_env.env()
    )
    assert proc.returncode == 1
    assert "SNAPSHOT FAILED" in proc.stdout and CENSUS in proc.stdout and "above the" in proc.stdout
    assert not (fault_env.raw / CENSUS / "9999-big").exists()
    assert not list((fault_env.raw / CENSUS).glob(".*partial"))


# --- Zip archives with a path-traversal member -------------------------------------------------------


def make_zip(members: dict[str, bytes], symlink: str | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in members.items():
            zf.writestr(name, body)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = 0o120777 << 16
            zf.writestr(info, "/etc/passwd")
    return out.getvalue()


@pytest.mark.parametrize(
    ("members", "symlink", "says"),
    [
        ({"data.txt": b"ok", "../../evil.txt": b"pwned"}, None, "'..' (path traversal)"),
        ({"/tmp/evil.txt": b"pwned"}, None, "absolute path"),
        ({"..\\..\\evil.txt": b"pwned"}, None, "'..' (path traversal)"),
        ({"C:/evil.txt": b"pwned"}, None, "drive letter"),
        ({"data.txt": b"ok"}, "link.txt", "symbolic link"),
        ({"bomb.txt": b"0" * (20 * 1024 * 1024)}, None, "compression ratio"),
    ],
    ids=["dotdot", "absolute", "backslash", "drive", "symlink", "bomb"],
)
def test_unsafe_zip_is_refused_and_nothing_is_written(tmp_path, members, symlink, says):
    archive = tmp_path / "in" / "export.zip"
    archive.parent.mkdir()
    archive.write_bytes(make_zip(members, symlink))
    dest = tmp_path / "out" / "deep"
    dest.mkdir(parents=True)
    with pytest.raises(SourceError) as err:
        safezip.extract(archive, dest, source="statbel_test")
    assert (
        "statbel_test" in str(err.value)
        and "export.zip" in str(err.value)
        and says in str(err.value)
    )
    assert (
        not any(dest.rglob("*"))
        and not (tmp_path / "evil.txt").exists()
        and not (tmp_path / "out" / "evil.txt").exists()
    )


def test_safe_zip_extracts_inside_the_folder(tmp_path):
    archive = tmp_path / "export.zip"
    archive.write_bytes(make_zip({"TF_x.txt": b"a|b\n1|2\n", "sub/readme.txt": b"hi"}))
    paths = safezip.extract(archive, tmp_path / "out", source="s", suffixes={".txt"})
    assert sorted(p.relative_to(tmp_path / "out").as_posix() for p in paths) == [
        "TF_x.txt",
        "sub/readme.txt",
    ]
    assert safezip.read_bytes(archive, "TF_x.txt", source="s") == b"a|b\n1|2\n"


def test_zip_with_traversal_in_a_snapshot_fails_the_source(fault_env):
    evil = make_zip({"../../../evil.txt": b"pwned"})
    fault_env.add_snapshot(CENSUS, {CENSUS_FILE: fault_env.real_file(CENSUS), "extra.zip": evil})
    result = build([CENSUS], path=fault_env.path)
    refused(fault_env, result, CENSUS, "extra.zip", "'..' (path traversal)")


def test_zip_with_traversal_is_not_imported(fault_env, tmp_path):
    evil = tmp_path / "export.zip"
    evil.write_bytes(make_zip({"../evil.txt": b"pwned"}))
    with pytest.raises(SourceError, match="path traversal"):
        snap.import_files(get_source(CENSUS), [evil], snapshot_id="9999-zip", origin="test")
    assert not (fault_env.raw / CENSUS / "9999-zip").exists()


def test_dropped_file_of_a_wrong_type_is_not_imported(fault_env, tmp_path):
    script = tmp_path / "run_me.sh"
    script.write_text("#!/bin/sh\necho hi\n")
    with pytest.raises(SourceError, match=r"file type '\.sh' not accepted"):
        snap.import_files(get_source(CENSUS), [script], snapshot_id="9999-sh", origin="test")
    assert not (fault_env.raw / CENSUS / "9999-sh").exists()


# --- The same through the CLI: exit code and message -----------------------------------------------


def test_cli_build_with_a_broken_file_exits_non_zero_and_keeps_data(fault_env):
    fault_env.add_snapshot(CENSUS, {CENSUS_FILE: fault_env.real_file(CENSUS).replace(b",", b";")})
    proc = run_cli(["build", "--source", CENSUS], fault_env.env())
    assert proc.returncode == 1, proc.stdout + proc.stderr
    out = proc.stdout
    assert "BUILD FAILED for 1 source(s); their previous data was kept" in out
    assert CENSUS in out and "9999-fault" in out and CENSUS_FILE in out and "delimiter ';'" in out
    assert "Traceback" not in proc.stderr
    assert_unchanged(fault_env.path, fault_env.before)
