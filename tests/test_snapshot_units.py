"""pipelines/snapshot.py rule by rule, in a private raw folder (GSIW_RAW_DIR) with files made here.

Snapshots are immutable, verified against their manifest, and untrusted files are refused before
anything is copied. Fast, so `make mutation` runs these for every mutant of the module.
"""

from __future__ import annotations

import json
import zipfile
from datetime import UTC
from datetime import date
from datetime import datetime
from pathlib import Path

import pytest

from pipelines import safezip
from pipelines import snapshot as snap
from pipelines.source import RawFile
from pipelines.source import Source
from pipelines.source import SourceError


class Demo(Source):
    name = "demo"
    title_nl = title_en = "Demo"
    publisher = "Uitgever"
    licence = "CC BY 4.0"
    url = "https://example.invalid"
    attribution = "© Uitgever"
    period_covered = "2014–2024"
    files = (
        RawFile("data.csv", "https://example.invalid/data.csv"),
        RawFile("extra.dbf", "https://x/extra.dbf"),
    )

    def fetch(self, session, dest):
        (dest / "data.csv").write_text("a,b\n1,2\n", encoding="utf-8")
        return [dest / "data.csv"]


SRC = Demo()


@pytest.fixture
def raw(tmp_path, monkeypatch):
    monkeypatch.setenv("GSIW_RAW_DIR", str(tmp_path / "raw"))
    return tmp_path / "raw"


def csv_file(tmp_path, name="data.csv", text="a,b\n1,2\n"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_sha256_of_a_file(tmp_path):
    assert (
        snap.sha256(csv_file(tmp_path, text=""))
        == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    )
    big = tmp_path / "big.bin"
    big.write_bytes(b"x" * (3 << 20))  # several read blocks
    import hashlib

    assert snap.sha256(big) == hashlib.sha256(b"x" * (3 << 20)).hexdigest()


def test_import_writes_an_immutable_snapshot_with_its_manifest(raw, tmp_path):
    before = datetime.now(UTC).replace(microsecond=0)
    folder = snap.import_files(
        SRC, [csv_file(tmp_path)], snapshot_id="2026-05-21", origin="hand", extra={"note": "x"}
    )
    assert folder == raw / "demo" / "2026-05-21" and snap.source_dir(SRC) == raw / "demo"
    assert sorted(p.name for p in folder.iterdir()) == ["data.csv", "manifest.json"]
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert snap.read_manifest(folder) == manifest
    retrieved = datetime.fromisoformat(manifest.pop("retrieved_at"))
    assert before <= retrieved <= datetime.now(UTC)
    assert manifest == {
        "source": "demo",
        "snapshot": "2026-05-21",
        "origin": "hand",
        "publisher": "Uitgever",
        "licence": "CC BY 4.0",
        "attribution": "© Uitgever",
        "period": "2014–2024",
        "files": [
            {
                "name": "data.csv",
                "url": "https://example.invalid/data.csv",
                "sha256": snap.sha256(folder / "data.csv"),
                "bytes": 8,
            }
        ],
        "note": "x",
    }
    assert (folder / "manifest.json").read_text(encoding="utf-8").endswith("}\n")
    with pytest.raises(
        SourceError, match="snapshot 2026-05-21 already exists; snapshots are immutable"
    ):
        snap.import_files(SRC, [csv_file(tmp_path)], snapshot_id="2026-05-21", origin="hand")
    assert snap.verify(SRC, folder)["snapshot"] == "2026-05-21"
    assert not list((raw / "demo").glob(".*partial"))


def test_an_undeclared_file_has_no_url_in_the_manifest(raw, tmp_path):
    folder = snap.import_files(SRC, [csv_file(tmp_path, "other.csv")], snapshot_id="s", origin="o")
    assert snap.read_manifest(folder)["files"][0]["url"] == ""
    assert "note" not in snap.read_manifest(folder)


def test_list_and_latest_snapshots(raw, tmp_path):
    assert snap.list_snapshots(SRC) == []
    with pytest.raises(snap.NoSnapshot) as exc:
        snap.latest_snapshot(SRC)
    assert exc.value.problem == (
        f"no snapshot in {raw / 'demo'}; run `python -m pipelines build --live --source demo`"
    )
    for sid in ("2025-01-01", "2026-05-21", "2024-12-31"):
        snap.import_files(SRC, [csv_file(tmp_path)], snapshot_id=sid, origin="o")
    (raw / "demo" / "2027-no-manifest").mkdir()  # an unfinished folder is not a snapshot
    (raw / "demo" / "stray.txt").write_text("x")
    assert [p.name for p in snap.list_snapshots(SRC)] == ["2024-12-31", "2025-01-01", "2026-05-21"]
    assert snap.latest_snapshot(SRC).name == "2026-05-21"


def test_verify_refuses_a_missing_or_edited_file(raw, tmp_path):
    folder = snap.import_files(SRC, [csv_file(tmp_path)], snapshot_id="s", origin="o")
    (folder / "data.csv").write_text("a,b\n1,3\n", encoding="utf-8")
    with pytest.raises(
        SourceError, match=r"checksum differs from manifest \(raw data must not be edited\)"
    ) as exc:
        snap.verify(SRC, folder)
    assert exc.value.file == str(folder / "data.csv") and exc.value.source == "demo"
    (folder / "data.csv").unlink()
    with pytest.raises(SourceError, match="file listed in manifest is missing"):
        snap.verify(SRC, folder)


def test_check_raw_file_size_empty_and_html(tmp_path):
    ok = csv_file(tmp_path)
    snap.check_raw_file("demo", ok)
    snap.check_raw_file("demo", ok, max_bytes=8)
    with pytest.raises(
        SourceError, match=r"file is 8 bytes, above the 7 byte limit \(GSIW_MAX_RAW_FILE_BYTES\)"
    ):
        snap.check_raw_file("demo", ok, max_bytes=7)
    with pytest.raises(SourceError, match=r"file is empty \(0 bytes\)"):
        snap.check_raw_file("demo", csv_file(tmp_path, "e.csv", ""))
    for head in ("<!DOCTYPE html><p>", "\ufeff  \n<HTML>", "<head>", "\t<body>"):
        with pytest.raises(
            SourceError, match=r"file is an HTML page \(an error or login page\?\), not data"
        ):
            snap.check_raw_file("demo", csv_file(tmp_path, "h.csv", head))
    snap.check_raw_file("demo", csv_file(tmp_path, "page.html", "<html>"))  # declared as a web page
    snap.check_raw_file("demo", csv_file(tmp_path, "doc.xml", "<html>"))
    snap.check_raw_file(
        "demo", csv_file(tmp_path, "late.csv", "a,b\n<html>")
    )  # only the start counts


def test_check_raw_file_default_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(snap, "MAX_RAW_FILE_BYTES", 5)
    with pytest.raises(SourceError, match="above the 5 byte limit"):
        snap.check_raw_file("demo", csv_file(tmp_path))


def zip_file(path, members, compression=zipfile.ZIP_STORED):
    with zipfile.ZipFile(path, "w", compression) as z:
        for name, text in members.items():
            z.writestr(name, text)
    return path


def test_zips_are_checked_for_unsafe_members_and_bombs(tmp_path, monkeypatch):
    """Issue 15: every zip-based file (by content, whatever its name) passes pipelines.safezip's
    guard: member names that would escape the folder, and archives that expand beyond the limit."""
    snap.check_raw_file("demo", zip_file(tmp_path / "good.zip", {"data.csv": "a,b\n1,2\n"}))
    evil = zip_file(tmp_path / "evil.zip", {"../../etc/passwd": "x"})
    assert error(snap.check_raw_file, "demo", evil) == (
        "demo",
        str(evil),
        "zip member '../../etc/passwd' refused: '..' (path traversal)",
    )
    hidden = zip_file(tmp_path / "hidden.csv", {"/etc/passwd": "x"})  # a zip named .csv
    assert error(snap.check_raw_file, "demo", hidden)[1:] == (
        str(hidden),
        "zip member '/etc/passwd' refused: absolute path",
    )
    bomb = zip_file(tmp_path / "bomb.zip", {"big.csv": "0" * 100_000}, zipfile.ZIP_DEFLATED)
    snap.check_raw_file("demo", bomb)  # 100 kB unpacked is fine under the default limit
    monkeypatch.setattr(safezip, "MAX_UNZIPPED_BYTES", 50_000)
    assert error(snap.check_raw_file, "demo", bomb)[2] == (
        "zip expands to more than 50,000 bytes (it declares 100,000 so far; "
        "GSIW_MAX_UNZIPPED_BYTES); a decompression bomb is refused before any parser reads it"
    )
    monkeypatch.undo()
    dense = zip_file(tmp_path / "dense.xlsx", {"big.xml": "0" * 2_000_000}, zipfile.ZIP_DEFLATED)
    assert error(snap.check_raw_file, "demo", dense)[2] == (
        "zip member 'big.xml' refused: compression ratio above 100 (zip bomb?)"
    )
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    assert error(snap.check_raw_file, "demo", broken)[2].startswith("not a readable zip archive")


def test_allowed_suffixes_add_the_declared_ones():
    assert snap.allowed_suffixes(SRC) == snap.DEFAULT_SUFFIXES | {".dbf"}

    class NoSuffix(Demo):
        files = (RawFile("README", "https://x/README"),)

    assert snap.allowed_suffixes(NoSuffix()) == snap.DEFAULT_SUFFIXES


def test_import_refuses_untrusted_files_before_copying(raw, tmp_path):
    for bad, message in (
        (tmp_path / "missing.csv", "not a file"),
        (csv_file(tmp_path, "run.py", "print(1)"), "file type '.py' not accepted; expected ["),
        (csv_file(tmp_path, "noext", "x"), "file type '(none)' not accepted"),
        (csv_file(tmp_path, "e.csv", ""), "file is empty"),
    ):
        with pytest.raises(
            SourceError, match=message.replace("(", r"\(").replace(")", r"\)").replace("[", r"\[")
        ):
            snap.import_files(SRC, [csv_file(tmp_path), bad], snapshot_id="s", origin="o")
        assert not (raw / "demo" / "s").exists()
        assert not list((raw / "demo").glob(".*")) if (raw / "demo").exists() else True
    snap.import_files(SRC, [csv_file(tmp_path, "X.DBF", "dbf")], snapshot_id="upper", origin="o")


def test_a_failed_copy_leaves_nothing_behind(raw, tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(snap, "write_manifest", broken)
    with pytest.raises(OSError, match="disk full"):
        snap.import_files(SRC, [csv_file(tmp_path)], snapshot_id="s", origin="o")
    assert list((raw / "demo").iterdir()) == []


def test_a_stale_partial_folder_is_replaced(raw, tmp_path):
    stale = raw / "demo" / ".s.partial"
    stale.mkdir(parents=True)
    (stale / "junk.csv").write_text("x")
    folder = snap.import_files(SRC, [csv_file(tmp_path)], snapshot_id="s", origin="o")
    assert sorted(p.name for p in folder.iterdir()) == ["data.csv", "manifest.json"]
    assert not stale.exists()


def test_live_fetch_makes_a_new_snapshot_or_leaves_nothing(raw, monkeypatch):
    folder = snap.fetch_new_snapshot(SRC, session=None)
    assert folder.parent == raw / "demo" and len(folder.name) == len("20261123T101010Z")
    assert folder.name.endswith("Z") and "T" in folder.name
    manifest = snap.read_manifest(folder)
    assert (manifest["origin"], manifest["snapshot"]) == ("live fetch", folder.name)
    assert [f["name"] for f in manifest["files"]] == ["data.csv"]
    assert list((raw / "demo").iterdir()) == [folder]

    class Failing(Demo):
        def fetch(self, session, dest):
            (dest / "half.csv").write_text("a,")
            raise SourceError("demo", "HTTP 503")

    monkeypatch.setattr(
        snap,
        "datetime",
        type("D", (), {"now": staticmethod(lambda tz: datetime(2030, 1, 1, tzinfo=UTC))}),
    )
    with pytest.raises(SourceError, match="HTTP 503"):
        snap.fetch_new_snapshot(Failing(), session=None)
    assert list((raw / "demo").iterdir()) == [folder]


def error(call, *args, **kwargs) -> tuple[str, str | None, str]:
    with pytest.raises(SourceError) as exc:
        call(*args, **kwargs)
    return exc.value.source, exc.value.file, exc.value.problem


def test_every_refusal_names_source_file_and_problem(raw, tmp_path):
    ok = csv_file(tmp_path)
    assert error(snap.check_raw_file, "demo", ok, max_bytes=7) == (
        "demo",
        str(ok),
        "file is 8 bytes, above the 7 byte limit (GSIW_MAX_RAW_FILE_BYTES); not read",
    )
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * 1234)
    assert error(snap.check_raw_file, "demo", big, max_bytes=1000)[2].startswith(
        "file is 1,234 bytes, above the 1,000"
    )
    empty = csv_file(tmp_path, "e.csv", "")
    assert error(snap.check_raw_file, "demo", empty) == (
        "demo",
        str(empty),
        "file is empty (0 bytes)",
    )
    page = csv_file(tmp_path, "p.csv", "<html>")
    assert error(snap.check_raw_file, "demo", page) == (
        "demo",
        str(page),
        "file is an HTML page (an error or login page?), not data",
    )
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as z:
        z.writestr("../x.csv", "x")
    assert error(snap.check_raw_file, "demo", evil)[0] == "demo"
    missing = tmp_path / "missing.csv"
    assert error(snap.import_files, SRC, [missing], snapshot_id="s", origin="o") == (
        "demo",
        str(missing),
        "not a file",
    )
    script = csv_file(tmp_path, "run.py", "x")
    source, file, problem = error(snap.import_files, SRC, [script], snapshot_id="s", origin="o")
    assert (source, file) == ("demo", str(script))
    assert problem == f"file type '.py' not accepted; expected {sorted(snap.allowed_suffixes(SRC))}"
    assert error(snap.import_files, SRC, [empty], snapshot_id="s", origin="o")[:2] == (
        "demo",
        str(empty),
    )
    folder = snap.import_files(SRC, [ok], snapshot_id="s", origin="o")
    assert error(snap.import_files, SRC, [ok], snapshot_id="s", origin="o") == (
        "demo",
        str(folder),
        "snapshot s already exists; snapshots are immutable",
    )
    (folder / "data.csv").write_text("edited\n", encoding="utf-8")
    assert error(snap.verify, SRC, folder) == (
        "demo",
        str(folder / "data.csv"),
        "checksum differs from manifest (raw data must not be edited)",
    )
    (folder / "data.csv").write_text("", encoding="utf-8")
    assert error(snap.verify, SRC, folder) == (
        "demo",
        str(folder / "data.csv"),
        "file is empty (0 bytes)",
    )
    (folder / "data.csv").unlink()
    assert error(snap.verify, SRC, folder) == (
        "demo",
        str(folder / "data.csv"),
        "file listed in manifest is missing",
    )
    (raw / "demo").rename(raw / "elsewhere")
    assert error(snap.latest_snapshot, SRC)[:2] == ("demo", None)


def test_only_the_first_kilobyte_is_read_for_html_and_htm_pages_are_allowed(tmp_path):
    snap.check_raw_file("demo", csv_file(tmp_path, "late.csv", " " * 1020 + "<html>"))
    snap.check_raw_file("demo", csv_file(tmp_path, "page.htm", "<html>"))
    snap.check_raw_file("demo", csv_file(tmp_path, "page.HTML", "<html>"))


def test_a_manifest_without_files_is_refused_and_a_written_one_is_readable(raw, tmp_path):
    """Issue 15: a manifest is checked against its schema (a snapshot lists at least one file,
    each with its checksum) and the error names what is missing, in the snapshot folder."""
    folder = raw / "demo" / "snap"
    folder.mkdir(parents=True)
    manifest = folder / "manifest.json"
    manifest.write_text('{"source": "demo"}', encoding="utf-8")
    assert error(snap.verify, SRC, folder) == (
        "demo",
        str(manifest),
        "manifest.json does not match the manifest schema: snapshot: Field required; "
        "retrieved_at: Field required; origin: Field required; files: Field required",
    )
    manifest.write_text(
        '{"source": "demo", "snapshot": "snap", "retrieved_at": "x", "origin": "o", "files": []}',
        encoding="utf-8",
    )
    assert error(snap.verify, SRC, folder)[2] == (
        "manifest.json does not match the manifest schema: "
        "files: List should have at least 1 item after validation, not 0"
    )
    written = snap.write_manifest(SRC, folder, [csv_file(folder)], snapshot_id="x", origin="o")
    text = manifest.read_bytes().decode("utf-8")
    assert text.startswith('{\n  "source": "demo",\n  "snapshot": "x",\n') and text.endswith(
        "\n}\n"
    )
    assert '"attribution": "© Uitgever"' in text  # readable, not \\u00a9
    assert json.loads(text) == written
    assert snap.verify(SRC, folder) == written


def test_a_live_fetch_gets_the_session_and_refuses_a_folder_in_use(raw, monkeypatch):
    seen = []

    class Recording(Demo):
        def fetch(self, session, dest):
            seen.append(session)
            return super().fetch(session, dest)

    session = object()
    snap.fetch_new_snapshot(Recording(), session)
    assert seen == [session]
    fixed = datetime(2030, 1, 1, tzinfo=UTC)
    monkeypatch.setattr(snap, "datetime", type("D", (), {"now": staticmethod(lambda tz: fixed)}))
    busy = raw / "demo" / ".20300101T000000Z.partial"
    busy.mkdir()  # another fetch of the same second is still writing here
    with pytest.raises(FileExistsError):
        snap.fetch_new_snapshot(SRC, None)
    assert busy.exists() and not (raw / "demo" / "20300101T000000Z").exists()


def test_a_live_snapshot_is_named_in_utc_whatever_the_local_time_zone(raw, monkeypatch):
    import time

    monkeypatch.setenv("TZ", "Pacific/Kiritimati")  # UTC+14: a local stamp would be another day
    time.tzset()
    try:
        before = datetime.now(UTC)
        folder = snap.fetch_new_snapshot(SRC, None)
        after = datetime.now(UTC)
    finally:
        monkeypatch.undo()
        time.tzset()
    stamp = datetime.strptime(folder.name, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    assert before.replace(microsecond=0) <= stamp <= after


def test_a_scaffold_todo_is_never_frozen_into_a_manifest(raw, tmp_path):
    class Unfinished(Demo):
        publisher = "TODO publisher"
        licence = "TODO licence"

    folder = tmp_path / "s"
    folder.mkdir()
    assert error(snap.write_manifest, Unfinished(), folder, [], snapshot_id="x", origin="o") == (
        "demo",
        None,
        "fill in the scaffold TODO in publisher, licence before taking a snapshot",
    )
    assert not (folder / "manifest.json").exists()


def test_a_snapshot_folder_or_file_outside_the_raw_store_is_refused_unread(raw, tmp_path):
    """Issue 15's path confinement: a hand-copied snapshot may hold symlinks or `../` names; none
    of them leads a parser outside its snapshot folder, and the secret's content is never shown."""
    folder = snap.import_files(SRC, [csv_file(tmp_path)], snapshot_id="s", origin="o")
    secret = tmp_path / "secret.csv"
    secret.write_text("TOP-SECRET\n", encoding="utf-8")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (raw / "demo" / "linked").symlink_to(outside, target_is_directory=True)
    assert error(snap.verify, SRC, raw / "demo" / "linked") == (
        "demo",
        str(raw / "demo" / "linked"),
        "snapshot folder resolves outside the raw data folder (a symlink?); not read",
    )
    repo_raw = snap.ROOT / "data" / "raw"
    assert snap.allowed_roots() == [raw.resolve(), repo_raw.resolve()]
    assert snap.confined_snapshot("demo", folder) == folder.resolve()

    data = folder / "data.csv"
    data.unlink()
    data.symlink_to(secret)
    assert error(snap.verify, SRC, folder) == (
        "demo",
        str(data),
        "file is a symbolic link; snapshot files must be regular files",
    )
    data.unlink()
    assert error(snap.confined_file, "demo", folder, "../../secret.csv") == (
        "demo",
        str(folder / "../../secret.csv"),
        "file lies outside its snapshot folder; not read",
    )
    (folder / "sub").mkdir()
    (folder / "sub" / "x.csv").write_text("a\n", encoding="utf-8")
    assert error(snap.confined_file, "demo", folder, "sub/x.csv")[2] == (
        "file lies outside its snapshot folder; not read"
    )
    (folder / "sub" / "x.csv").unlink()
    (folder / "sub").rmdir()
    assert error(snap.confined_file, "demo", folder, "data.csv")[2] == (
        "file listed in manifest is missing"
    )
    (folder / "dir.csv").mkdir()  # a folder with a data file's name is not a file
    assert error(snap.confined_file, "demo", folder, "dir.csv")[2] == (
        "file listed in manifest is missing"
    )
    data.write_text("a,b\n1,2\n", encoding="utf-8")
    assert snap.confined_file("demo", folder, "data.csv") == data.resolve()


def test_a_snapshot_holds_only_the_files_its_manifest_lists(raw, tmp_path):
    folder = snap.import_files(SRC, [csv_file(tmp_path)], snapshot_id="s", origin="o")
    for name in ("zz.csv", "b.csv", "a.py", "c.csv", "d.csv", "e.csv", "f.csv"):
        (folder / name).write_text("x\n", encoding="utf-8")
    assert error(snap.verify, SRC, folder) == (
        "demo",
        str(folder / "a.py"),
        "file(s) not listed in manifest.json: ['a.py', 'b.csv', 'c.csv', 'd.csv', 'e.csv']; "
        "a snapshot holds only listed files",
    )


def test_a_manifest_that_cannot_be_trusted_is_refused_with_its_reason(raw, tmp_path):
    folder = snap.import_files(SRC, [csv_file(tmp_path)], snapshot_id="s", origin="o")
    manifest = folder / "manifest.json"
    good = manifest.read_text(encoding="utf-8")
    # without a source name, the folder's parent names it
    assert snap.read_manifest(folder)["source"] == "demo"
    entry = json.loads(good)["files"][0]
    cases = {
        "nope": "manifest.json is not valid JSON (JSONDecodeError: Expecting value: "
        "line 1 column 1 (char 0))",
        "[1]": "manifest.json does not match the manifest schema: manifest: "
        "Input should be a valid dictionary or instance of ManifestModel",
        json.dumps(
            {**json.loads(good), "files": [{**entry, "name": "..", "sha256": "AB"}, *[{}] * 5]}
        ): "manifest.json does not match the manifest schema: files.0.name: String should match "
        "pattern '^(?!\\.\\.?$)[^/\\\\\\x00]{1,255}$'; files.0.sha256: String should match "
        "pattern '^[0-9a-f]{64}$'; files.1.name: Field required; files.1.sha256: Field required; "
        "files.2.name: Field required",
        json.dumps({**json.loads(good), "source": "other"}): "manifest.json belongs to source "
        "'other', not 'demo'",
    }
    for text, problem in cases.items():
        manifest.write_text(text, encoding="utf-8")
        assert error(snap.read_manifest, folder, "demo") == ("demo", str(manifest), problem)
    manifest.write_bytes(b'{"source": "\xff"}')
    assert error(snap.read_manifest, folder, "x")[2].startswith(
        "manifest.json is not valid JSON (UnicodeDecodeError: "
    )
    manifest.write_text(good + " " * (1024 * 1024 - len(good.encode())), encoding="utf-8")
    assert snap.read_manifest(folder, "demo")["snapshot"] == "s"  # exactly 1 MB is read
    manifest.write_text(good + " " * (1024 * 1024 + 1 - len(good.encode())), encoding="utf-8")
    assert error(snap.read_manifest, folder, "demo")[2] == (
        "manifest.json is larger than 1 MB; not read"
    )
    manifest.unlink()
    (tmp_path / "m.json").write_text(good, encoding="utf-8")
    manifest.symlink_to(tmp_path / "m.json")
    assert error(snap.read_manifest, folder) == (
        "demo",
        str(manifest),
        "manifest.json is missing or not a regular file",
    )
    manifest.unlink()
    assert error(snap.read_manifest, folder, "demo")[2] == (
        "manifest.json is missing or not a regular file"
    )


def test_a_snapshot_dated_in_the_future_is_named_as_such():
    today = date(2026, 5, 21)
    assert snap.snapshot_date("2026-05-21") == today
    assert snap.snapshot_date(Path("raw/x/20260521T101010Z")) == today
    assert snap.snapshot_date("2026-02-30") is None and snap.snapshot_date("hand-copy") is None
    assert snap.future_snapshot_problem(Path("2026-05-21"), today) is None
    assert snap.future_snapshot_problem(Path("hand-copy"), today) is None
    assert snap.future_snapshot_problem(Path("x/20260522T000000Z"), today) == (
        "snapshot 20260522T000000Z is dated in the future (2026-05-22 > 2026-05-21); "
        "rename it to the date it was obtained"
    )
    assert snap.future_snapshot_problem(Path("2099-01-01")).startswith(
        f"snapshot 2099-01-01 is dated in the future (2099-01-01 > {date.today().isoformat()})"
    )
    assert snap.future_snapshot_problem(Path(date.today().isoformat())) is None


def test_a_live_fetch_records_what_it_asked_for_in_the_manifest(raw):
    class Recorded(Demo):
        def fetch(self, session, dest):
            (dest / "request.json").write_text('{"url": "https://x/api?year=2024"}')
            return [*super().fetch(session, dest), dest / "request.json"]

        def manifest_extra(self, snapshot):
            return {"requests": [json.loads((snapshot / "request.json").read_text())["url"]]}

    folder = snap.fetch_new_snapshot(Recorded(), None)
    assert snap.read_manifest(folder)["requests"] == ["https://x/api?year=2024"]


def test_verify_refuses_a_snapshot_of_another_source_and_a_fake_zip(raw, tmp_path):
    folder = snap.import_files(SRC, [csv_file(tmp_path)], snapshot_id="s", origin="o")
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    (folder / "manifest.json").write_text(json.dumps(manifest | {"source": "other"}))
    assert error(snap.verify, SRC, folder) == (
        "demo",
        str(folder / "manifest.json"),
        "manifest.json belongs to source 'other', not 'demo'",
    )
    (folder / "manifest.json").write_text(" " * (1024 * 1024 + 1))
    assert error(snap.verify, SRC, folder) == (
        "demo",
        str(folder / "manifest.json"),
        "manifest.json is larger than 1 MB; not read",
    )
    fake = csv_file(tmp_path, "export.zip", "a,b\n1,2\n")  # named .zip, but not a zip inside
    assert error(snap.check_raw_file, "demo", fake)[1:] == (
        str(fake),
        "not a readable zip archive: File is not a zip file",
    )
    upper = csv_file(tmp_path, "EXPORT.ZIP", "a,b\n1,2\n")
    assert error(snap.check_raw_file, "demo", upper)[2].startswith("not a readable zip archive")
