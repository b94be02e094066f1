"""Zip archives from publishers, opened safely. Every source that reads a zip uses this module.

Why: a zip names its own member paths, so a hostile or broken archive can write outside the
snapshot (`../../etc/x`, `/abs/path`, `C:\\x`, symlinks) or expand to gigabytes (a zip bomb).
`check` refuses such an archive before anything is extracted; `extract` and `read_bytes` call it
and then stream members with a byte cap that does not trust the sizes the archive declares.

    from pipelines import safezip
    members = safezip.extract(snapshot / "export.zip", tmp_dir, source=self.name, suffixes={".csv"})
    data = safezip.read_bytes(snapshot / "export.zip", "TF_x.txt", source=self.name)
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
from pathlib import Path
from pathlib import PurePosixPath

from pipelines.config import MAX_RAW_FILE_BYTES
from pipelines.source import SourceError

MAX_MEMBERS = 10_000
# Real statistical exports compress text ~5-30x (the shipped xlsx files ~10x); far beyond this is
# a bomb, not a table (checked for members above 1 MB, where a tiny file of blanks cannot trip it).
MAX_RATIO = 100
# Any zip-based file (xlsx, ods, docx, a zipped CSV, a .zip download) may expand to at most this
# many bytes in total. openpyxl/pandas hold a sheet in memory at several times its XML size, so
# this is far below the raw-file limit; the largest shipped workbook expands to 6 MB.
MAX_UNZIPPED_BYTES = int(os.environ.get("GSIW_MAX_UNZIPPED_BYTES", 100 * 1024 * 1024))
# Local-file-header signatures: a file is treated as a zip by its content, whatever its name says.
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")


def is_zip(path: Path) -> bool:
    """True when the file's first bytes are a zip signature (xlsx, ods, docx and .zip all are)."""
    with open(path, "rb") as fh:
        return fh.read(4).startswith(ZIP_MAGIC)


def check_archive(path: Path, *, source: str, max_total_bytes: int | None = None) -> None:
    """The guard every zip-based file passes before any parser (pandas, openpyxl, zipfile) opens it.

    Checks the sizes the archive declares (member count, total, per-member ratio) and then the sizes
    it really has, by streaming every member through the decompressor without keeping it: a header
    that under-declares a member is caught as surely as an honest bomb. Nothing is written.
    """
    path = Path(path)
    limit = MAX_UNZIPPED_BYTES if max_total_bytes is None else max_total_bytes
    infos = check(path, source=source, max_total_bytes=limit)
    budget = limit
    try:
        with zipfile.ZipFile(path) as zf:
            for info in infos:
                if info.is_dir():
                    continue
                cap = min(budget, info.file_size)
                budget -= _copy_capped(zf, info, _Sink(), cap, source, path)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,
        EOFError,
        OSError,
    ) as exc:
        raise SourceError(
            source, f"zip archive is damaged: {type(exc).__name__}: {exc}", path
        ) from exc


class _Sink:
    """A file-like object that discards what is written: `check_archive` only counts bytes."""

    def write(self, block: bytes) -> int:
        return len(block)


def _unsafe_name(name: str) -> str | None:
    """Why a member name would escape the destination folder, or None when it is safe."""
    text = name.replace("\\", "/")
    if not text or "\x00" in text:
        return "empty or NUL in name"
    if text.startswith("/"):
        return "absolute path"
    if len(text) >= 2 and text[1] == ":":
        return "drive letter"
    if ".." in PurePosixPath(text).parts:
        return "'..' (path traversal)"
    return None


def check(
    path: Path,
    *,
    source: str,
    max_members: int = MAX_MEMBERS,
    max_total_bytes: int = MAX_RAW_FILE_BYTES,
    suffixes: set[str] | None = None,
) -> list[zipfile.ZipInfo]:
    """Refuse the archive (SourceError naming source, file and member) unless every member is safe."""
    path = Path(path)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise SourceError(source, f"not a readable zip archive: {exc}", path) from exc
    with zf:
        infos = zf.infolist()
    if len(infos) > max_members:
        raise SourceError(
            source, f"zip has {len(infos):,} members, above the limit of {max_members:,}", path
        )
    seen: set[str] = set()
    total = 0
    for info in infos:
        where = f"zip member {info.filename!r}"
        why = _unsafe_name(info.filename)
        if why:
            raise SourceError(source, f"{where} refused: {why}", path)
        if stat.S_ISLNK(info.external_attr >> 16):
            raise SourceError(source, f"{where} refused: symbolic link", path)
        if info.flag_bits & 0x1:
            raise SourceError(source, f"{where} refused: encrypted", path)
        key = info.filename.replace("\\", "/").rstrip("/").lower()
        if key in seen:
            raise SourceError(source, f"{where} refused: duplicate name", path)
        seen.add(key)
        if info.is_dir():
            continue
        if suffixes is not None and PurePosixPath(key).suffix not in suffixes:
            raise SourceError(source, f"{where} refused: type not in {sorted(suffixes)}", path)
        total += info.file_size
        if total > max_total_bytes:
            raise SourceError(
                source,
                f"zip expands to more than {max_total_bytes:,} bytes (it declares {total:,} so far; "
                "GSIW_MAX_UNZIPPED_BYTES); a decompression bomb is refused before any parser reads it",
                path,
            )
        if info.file_size > 1 << 20 and info.file_size / max(info.compress_size, 1) > MAX_RATIO:
            raise SourceError(
                source, f"{where} refused: compression ratio above {MAX_RATIO} (zip bomb?)", path
            )
    return infos


def _copy_capped(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, out, budget: int, source: str, path: Path
) -> int:
    written = 0
    with zf.open(info) as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            written += len(block)
            if written > budget:
                raise SourceError(
                    source,
                    f"zip member {info.filename!r} is larger than it declares (or than the "
                    f"{budget:,} bytes left under the limit): refused as a decompression bomb",
                    path,
                )
            out.write(block)
    return written


def extract(
    path: Path,
    dest: Path,
    *,
    source: str,
    members: list[str] | None = None,
    max_total_bytes: int = MAX_RAW_FILE_BYTES,
    suffixes: set[str] | None = None,
) -> list[Path]:
    """Extract (some) members into `dest`, flattening nothing and never writing outside it."""
    path, dest = Path(path), Path(dest)
    infos = check(path, source=source, max_total_bytes=max_total_bytes, suffixes=suffixes)
    wanted = [i for i in infos if not i.is_dir() and (members is None or i.filename in members)]
    if members is not None:
        missing = sorted(set(members) - {i.filename for i in wanted})
        if missing:
            raise SourceError(source, f"zip lacks member(s) {missing}", path)
    root = dest.resolve()
    out_paths: list[Path] = []
    budget = max_total_bytes
    with zipfile.ZipFile(path) as zf:
        for info in wanted:
            target = (root / info.filename.replace("\\", "/")).resolve()
            if not target.is_relative_to(root):  # belt and braces after _unsafe_name
                raise SourceError(
                    source, f"zip member {info.filename!r} refused: outside {root}", path
                )
            target.parent.mkdir(parents=True, exist_ok=True)
            part = target.with_name(target.name + ".part")
            try:
                with open(part, "wb") as out:
                    budget -= _copy_capped(zf, info, out, min(budget, info.file_size), source, path)
                part.replace(target)
            except BaseException:
                part.unlink(missing_ok=True)
                raise
            out_paths.append(target)
    return out_paths


def read_bytes(
    path: Path, member: str, *, source: str, max_bytes: int = MAX_RAW_FILE_BYTES
) -> bytes:
    """One member's bytes, after the whole archive passed `check`."""
    path = Path(path)
    infos = {i.filename: i for i in check(path, source=source)}
    if member not in infos:
        raise SourceError(source, f"zip lacks member {member!r}; it has {sorted(infos)[:10]}", path)
    info = infos[member]
    if info.file_size > max_bytes:
        raise SourceError(
            source, f"zip member {member!r} is {info.file_size:,} bytes, above {max_bytes:,}", path
        )
    buf = io.BytesIO()
    with zipfile.ZipFile(path) as zf:
        _copy_capped(zf, info, buf, max_bytes, source, path)
    return buf.getvalue()
