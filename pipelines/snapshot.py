"""Immutable raw snapshots: data/raw/<source>/<snapshot-id>/ with a manifest.json.

A snapshot folder is written once and never changed; a live fetch creates a new folder.
The offline build uses the newest snapshot whose files still match their sha256.

Trust boundary: a snapshot folder may have been copied by hand, so nothing in it is believed
until `verify` has checked it: the manifest against its schema (`ManifestModel`), every file
name as a plain name, every path resolved inside its snapshot folder (no symlink out, no
`../`), the folder holding exactly the listed files, each file's size, type and checksum, and
every zip-based file (xlsx, zipped CSV, .zip) against decompression bombs.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from datetime import UTC
from datetime import date
from datetime import datetime
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel
from pydantic import ConfigDict
from pydantic import Field
from pydantic import StringConstraints
from pydantic import ValidationError

from pipelines.config import MAX_RAW_FILE_BYTES
from pipelines.config import ROOT
from pipelines.config import raw_dir
from pipelines.source import Source
from pipelines.source import SourceError

MANIFEST = "manifest.json"
# Data file types a snapshot may hold (plus those a source declares in `files`); anything else
# (.html, .exe, .py, .pdf, ...) dropped into a snapshot is refused.
DEFAULT_SUFFIXES = frozenset({".csv", ".txt", ".tsv", ".xlsx", ".xls", ".json", ".geojson", ".parquet", ".zip"})
_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body")


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def source_dir(source: Source) -> Path:
    return raw_dir() / source.name


def list_snapshots(source: Source) -> list[Path]:
    base = source_dir(source)
    if not base.is_dir():
        return []
    return sorted(p for p in base.iterdir() if p.is_dir() and (p / MANIFEST).is_file())


# A file name inside a snapshot: one plain name, no folder part, no NUL, not "." or "..".
PlainName = Annotated[str, StringConstraints(pattern=r"^(?!\.\.?$)[^/\\\x00]{1,255}$")]


class ManifestFile(BaseModel):
    """One raw file of a snapshot; `sha256` is what makes the file trustworthy, so it is required."""

    model_config = ConfigDict(extra="allow", regex_engine="python-re")  # the name pattern needs a look-ahead
    name: PlainName
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    url: str = ""
    bytes: int | None = Field(default=None, ge=0)


class ManifestModel(BaseModel):
    """The manifest.json schema. Why pydantic: it is already installed (pandera uses it), the schema
    is plain typed Python next to the code that writes the file, and its errors name the field."""

    model_config = ConfigDict(extra="allow")
    source: str
    snapshot: str
    retrieved_at: str
    origin: str
    files: list[ManifestFile] = Field(min_length=1)


def read_manifest(snapshot: Path, source: str | None = None) -> dict:
    """The snapshot's manifest, validated against `ManifestModel`; any problem is a SourceError naming
    the snapshot (never a raw KeyError/JSONDecodeError that would stop the other sources)."""
    path = Path(snapshot) / MANIFEST
    name = source or Path(snapshot).parent.name
    try:
        if path.is_symlink() or not path.is_file():
            raise SourceError(name, "manifest.json is missing or not a regular file", path)
        if path.stat().st_size > 1024 * 1024:
            raise SourceError(name, "manifest.json is larger than 1 MB; not read", path)
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceError(name, f"manifest.json is not valid JSON ({type(exc).__name__}: {exc})", path) from None
    try:
        ManifestModel.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'manifest'}: {e['msg']}" for e in exc.errors()[:5]
        )
        raise SourceError(name, f"manifest.json does not match the manifest schema: {problems}", path) from None
    if source and data["source"] != source:
        raise SourceError(name, f"manifest.json belongs to source {data['source']!r}, not {source!r}", path)
    return data


def allowed_roots() -> list[Path]:
    """Where snapshot folders may really live: the raw folder in use and the repository's data/raw."""
    return [raw_dir().resolve(), (ROOT / "data" / "raw").resolve()]


def confined_snapshot(source: str, snapshot: Path) -> Path:
    """The snapshot folder, resolved; refused when it (or a symlink on the way) leads outside the raw store."""
    real = Path(snapshot).resolve()
    if not any(real.is_relative_to(root) for root in allowed_roots()):
        raise SourceError(
            source, "snapshot folder resolves outside the raw data folder (a symlink?); not read", snapshot
        )
    return real


def confined_file(source: str, folder: Path, name: str) -> Path:
    """`folder/name`, refused unless it is a regular file that really lies in `folder` (no symlink out,
    no `..`). The error names only the listed path: the content of an unexpected file is never read."""
    path = folder / name
    if path.is_symlink():
        raise SourceError(source, "file is a symbolic link; snapshot files must be regular files", path)
    real = path.resolve()
    if real.parent != folder:
        raise SourceError(source, "file lies outside its snapshot folder; not read", path)
    if not real.is_file():
        raise SourceError(source, "file listed in manifest is missing", path)
    return real


def verify(source: Source, snapshot: Path) -> dict:
    """Check the manifest and every file it lists before any parser reads the folder (see module doc)."""
    folder = confined_snapshot(source.name, snapshot)
    manifest = read_manifest(snapshot, source.name)
    listed = [entry["name"] for entry in manifest["files"]]
    present = sorted(p.name for p in folder.iterdir() if p.name != MANIFEST)
    unlisted = [n for n in present if n not in listed]
    if unlisted:
        raise SourceError(
            source.name, f"file(s) not listed in manifest.json: {unlisted[:5]}; a snapshot holds only listed files",
            folder / unlisted[0],
        )
    for entry in manifest["files"]:
        path = confined_file(source.name, folder, entry["name"])
        check_raw_file(source.name, path)  # size first: never hash (read) a runaway file
        if sha256(path) != entry["sha256"]:
            raise SourceError(source.name, "checksum differs from manifest (raw data must not be edited)", path)
    return manifest


_DATE_ID = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})")


def snapshot_date(snapshot: Path | str) -> date | None:
    """The date a snapshot folder is named after (`2026-05-21` or a live stamp `20260521T…Z`), if any."""
    m = _DATE_ID.match(Path(snapshot).name)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def future_snapshot_problem(snapshot: Path, today: date | None = None) -> str | None:
    """Why a snapshot's date cannot be right (it is after today), or None. Such a folder sorts as the
    newest and would silently win, so the build warns (and `--strict` refuses)."""
    when = snapshot_date(snapshot)
    today = today or date.today()
    if when and when > today:
        return (f"snapshot {Path(snapshot).name} is dated in the future ({when.isoformat()} > {today.isoformat()}); "
                "rename it to the date it was obtained")
    return None


def check_raw_file(source: str, path: Path, *, max_bytes: int | None = None) -> None:
    """Cheap checks before any parser reads a raw file: size (stat only), not empty, not an HTML
    error page saved as data, and a zip's members safe to extract."""
    limit = MAX_RAW_FILE_BYTES if max_bytes is None else max_bytes
    size = path.stat().st_size
    if size > limit:
        raise SourceError(
            source, f"file is {size:,} bytes, above the {limit:,} byte limit (GSIW_MAX_RAW_FILE_BYTES); not read", path
        )
    if size == 0:
        raise SourceError(source, "file is empty (0 bytes)", path)
    suffix = path.suffix.lower()
    if suffix not in (".html", ".htm", ".xml"):
        with open(path, "rb") as fh:
            head = fh.read(1024).lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if head.startswith(_HTML_MARKERS):
            raise SourceError(source, "file is an HTML page (an error or login page?), not data", path)
    from pipelines import safezip

    # By content, not name: xlsx/ods/docx, a zipped CSV and a .zip all pass the same bomb guard
    # (declared and real uncompressed sizes, ratio) before pandas, openpyxl or zipfile opens them.
    if suffix == ".zip" or safezip.is_zip(path):
        safezip.check_archive(path, source=source)


def allowed_suffixes(source: Source) -> frozenset[str]:
    """The file types a snapshot of this source may hold: common data formats plus its declared files'."""
    declared = {Path(f.name).suffix.lower() for f in source.files if Path(f.name).suffix}
    return DEFAULT_SUFFIXES | declared


class NoSnapshot(SourceError):
    """The source has never been fetched or imported: skipped, not a failure."""


def latest_snapshot(source: Source) -> Path:
    snaps = list_snapshots(source)
    if not snaps:
        raise NoSnapshot(
            source.name,
            f"no snapshot in {source_dir(source)}; run `python -m pipelines build --live --source {source.name}`",
        )
    return snaps[-1]


def write_manifest(
    source: Source, snapshot: Path, files: list[Path], *, snapshot_id: str, origin: str, extra: dict | None = None
) -> dict:
    todo = source.unfinished_identity()  # the manifest is immutable: no scaffold TODO may be frozen into it
    if todo:
        raise SourceError(source.name, f"fill in the scaffold TODO in {', '.join(todo)} before taking a snapshot")
    by_name = {f.name: f for f in source.files}
    manifest = {
        "source": source.name,
        "snapshot": snapshot_id,
        "retrieved_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "origin": origin,
        "publisher": source.publisher,
        "licence": source.licence,
        "attribution": source.attribution,
        "period": source.period_covered,
        "files": [
            {
                "name": p.name,
                "url": by_name[p.name].url if p.name in by_name else "",
                "sha256": sha256(p),
                "bytes": p.stat().st_size,
            }
            for p in files
        ],
    }
    if extra:
        manifest.update(extra)
    (snapshot / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return manifest


def fetch_new_snapshot(source: Source, session) -> Path:
    """Run the source's live fetch into a fresh folder; on failure nothing is left behind."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    final = source_dir(source) / stamp
    tmp = source_dir(source) / f".{stamp}.partial"
    tmp.mkdir(parents=True, exist_ok=False)
    try:
        files = source.fetch(session, tmp)
        write_manifest(source, tmp, files, snapshot_id=stamp, origin="live fetch", extra=source.manifest_extra(tmp))
        tmp.rename(final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return final


def import_files(source: Source, files: list[Path], *, snapshot_id: str, origin: str, extra: dict | None = None) -> Path:
    """Copy files an analyst obtained by hand (or from shared/data) into a new immutable snapshot."""
    final = source_dir(source) / snapshot_id
    if final.exists():
        raise SourceError(source.name, f"snapshot {snapshot_id} already exists; snapshots are immutable", final)
    # Dropped files are untrusted: check type, size and content before copying anything.
    allowed = allowed_suffixes(source)
    for f in map(Path, files):
        if not f.is_file():
            raise SourceError(source.name, "not a file", f)
        if f.suffix.lower() not in allowed:
            raise SourceError(source.name, f"file type {f.suffix or '(none)'!r} not accepted; expected {sorted(allowed)}", f)
        check_raw_file(source.name, f)
    tmp = source_dir(source) / f".{snapshot_id}.partial"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        copied = []
        for f in files:
            target = tmp / Path(f).name
            shutil.copyfile(f, target)
            copied.append(target)
        write_manifest(source, tmp, copied, snapshot_id=snapshot_id, origin=origin, extra=extra)
        tmp.rename(final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return final
