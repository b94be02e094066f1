"""Immutable raw snapshots: data/raw/<source>/<snapshot-id>/ with a manifest.json.

A snapshot folder is written once and never changed; a live fetch creates a new folder.
The offline build uses the newest snapshot whose files still match their sha256.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

from pipelines.config import MAX_RAW_FILE_BYTES, raw_dir
from pipelines.source import Source, SourceError

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


def read_manifest(snapshot: Path) -> dict:
    return json.loads((snapshot / MANIFEST).read_text(encoding="utf-8"))


def verify(source: Source, snapshot: Path) -> dict:
    """Check every file listed in the manifest exists with its recorded checksum."""
    manifest = read_manifest(snapshot)
    for entry in manifest.get("files", []):
        path = snapshot / entry["name"]
        if not path.is_file():
            raise SourceError(source.name, "file listed in manifest is missing", path)
        check_raw_file(source.name, path)  # size first: never hash (read) a runaway file
        if sha256(path) != entry["sha256"]:
            raise SourceError(source.name, "checksum differs from manifest (raw data must not be edited)", path)
    return manifest


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
    if suffix == ".zip":
        from pipelines import safezip

        safezip.check(path, source=source, max_total_bytes=limit)


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
        write_manifest(source, tmp, files, snapshot_id=stamp, origin="live fetch")
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
