"""Validation of parser output before anything reaches the warehouse.

The schema is declared with pandera so the rules read as a list; failures are turned into
one SourceError that names the source, the file and the first offending rows.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from pipelines.source import DIRECTIONS
from pipelines.source import GEO_LEVELS
from pipelines.source import LIST_COLUMNS
from pipelines.source import LIST_ITEM_KINDS
from pipelines.source import PERIOD_TYPES
from pipelines.source import PLAUSIBLE_RANGES
from pipelines.source import STATEMENT_COLUMNS
from pipelines.source import STATUSES
from pipelines.source import UNITS
from pipelines.source import Indicator
from pipelines.source import Source
from pipelines.source import SourceError
from pipelines.tables import require_columns

KEY = ["indicator_id", "geo_code", "period", "breakdown", "breakdown_value"]

OBSERVATION_SCHEMA = pa.DataFrameSchema(
    {
        "indicator_id": pa.Column(str, nullable=False),
        "geo_code": pa.Column(str, pa.Check.str_length(min_value=1), nullable=False),
        "period": pa.Column(str, pa.Check.str_matches(r"^\d{4}(-\d{2}(-\d{2})?)?$"), nullable=False),
        "ref_date": pa.Column(object, nullable=False),
        "breakdown": pa.Column(str, nullable=False),
        "breakdown_value": pa.Column(str, nullable=False),
        "value": pa.Column(float, nullable=True),
        "status": pa.Column(object, pa.Check.isin(STATUSES), nullable=True),
    },
    checks=[
        pa.Check(lambda df: df["value"].notna() | df["status"].notna(), error="value is empty without a status"),
    ],
    unique=KEY,
    strict=True,
    report_duplicates="all",
)


def validate_indicators(source: Source) -> None:
    for ind in source.indicators:
        problems = []
        if ind.unit not in UNITS:
            problems.append(f"unit {ind.unit!r} not in {UNITS}")
        if ind.direction not in DIRECTIONS:
            problems.append(f"direction {ind.direction!r} not in {DIRECTIONS}")
        if ind.period_type not in PERIOD_TYPES:
            problems.append(f"period_type {ind.period_type!r} not in {PERIOD_TYPES}")
        if not (ind.definition_nl and ind.definition_en and ind.name_nl and ind.name_en):
            problems.append("name and definition are required in Dutch and English")
        if ind.unit in UNITS:
            low, high = plausible_range(ind)
            if not low <= high:
                problems.append(f"plausible range [{low}, {high}] is empty")
        if problems:
            raise SourceError(source.name, f"indicator {ind.id}: " + "; ".join(problems))


def validate_observations(
    source: Source, df: pd.DataFrame, *, file: str, known_geos: set[str], today: date | None = None
) -> pd.DataFrame:
    """Schema + meaning checks: known indicators and geographies, plausible values, no future periods."""
    today = today or date.today()
    if df.empty and not source.indicators:
        return df  # a reference source that only defines geographies
    try:
        df = OBSERVATION_SCHEMA.validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases.head(5)
        detail = "; ".join(
            f"{r.column or 'row'}: {r.check} (value {r.failure_case!r}, row {r.index})" for r in cases.itertuples()
        )
        raise SourceError(source.name, f"{len(exc.failure_cases)} validation failure(s): {detail}", file) from None
    if df.empty:
        raise SourceError(source.name, "parser produced no observations", file)

    declared = {i.id: i for i in source.indicators}
    unknown = sorted(set(df["indicator_id"]) - set(declared))
    if unknown:
        raise SourceError(source.name, f"observations for undeclared indicator(s) {unknown}", file)
    missing_geo = sorted(set(df["geo_code"]) - known_geos)
    if missing_geo:
        raise SourceError(source.name, f"unknown geography code(s) {missing_geo[:10]}", file)
    future = df[pd.to_datetime(df["ref_date"]) > pd.Timestamp(today)]
    if not future.empty:
        raise SourceError(source.name, f"period in the future: {_where(future)}", file)
    for ind_id, group in df.groupby("indicator_id"):
        check_range(source, declared[ind_id], group, file)
    return df


def plausible_range(ind: Indicator) -> tuple[float, float]:
    """The indicator's declared range, else its unit's default (`PLAUSIBLE_RANGES`)."""
    low, high = PLAUSIBLE_RANGES[ind.unit]
    return (low if ind.min_value is None else ind.min_value, high if ind.max_value is None else ind.max_value)


def check_range(source: Source, ind: Indicator, group: pd.DataFrame, file: str) -> None:
    """Refuse the first value that is not finite or lies outside the indicator's plausible range,
    naming the value and its observation (indicator, area, period, breakdown) and the row."""
    vals = group["value"].dropna()
    low, high = plausible_range(ind)
    what = {"%": "rate", "ratio": "ratio", "index": "index"}.get(ind.unit, f"count of {ind.unit}")
    checks = [
        (~np.isfinite(vals), "value is not a finite number"),
        (vals < low, "negative value" if low == 0 else f"{what} below {low:g}"),
        (vals > high, "rate above 100 %" if ind.unit == "%" and high == 100 else f"{what} above {high:,.0f}"),
    ]
    for mask, label in checks:
        if mask.any():
            bad = group.loc[vals[mask].index]
            raise SourceError(
                source.name,
                f"{label} ({bad['value'].iloc[0]}) in {_where(bad)} (row {bad.index[0]}); plausible range for "
                f"{ind.id} is {low:g} to {high:,.0f} {ind.unit}",
                file,
            )


def validate_list_items(source: Source, df: pd.DataFrame | None, *, file: str, known_geos: set[str],
                        today: date | None = None) -> pd.DataFrame | None:
    """Published list items (occupation_lists): the columns, a page for each, known areas, no future list year."""
    return _validate_texts(source, df, LIST_COLUMNS, "list_year", "occupation list", file, known_geos, today,
                           required=("list_name", "list_year", "geo_code", "item_kind", "occupation_nl",
                                     "occupation_en", "name_language", "url", "publisher", "quote"),
                           allowed={"item_kind": LIST_ITEM_KINDS, "name_language": ("nl", "en")})


def validate_statements(source: Source, df: pd.DataFrame | None, *, file: str, known_geos: set[str],
                        today: date | None = None) -> pd.DataFrame | None:
    """Dated statements: the columns, a quote, a page and a publisher for each, known areas, unique ids."""
    df = _validate_texts(source, df, STATEMENT_COLUMNS, "period", "statement", file, known_geos, today,
                         required=("statement_id", "topic", "period", "geography_nl", "geography_en", "quote",
                                   "quote_language", "quote_nl", "quote_en", "url", "publisher"),
                         allowed={"quote_language": ("nl", "en")})
    if df is not None and df["statement_id"].duplicated().any():
        dup = df.loc[df["statement_id"].duplicated(), "statement_id"].iloc[0]
        raise SourceError(source.name, f"statement id {dup!r} appears twice", file)
    return df


def _validate_texts(source, df, columns, period_col, what, file, known_geos, today, *, required, allowed):
    if df is None or df.empty:
        return None
    require_columns(df, columns, source.name, file, f"{what} rows")
    df = df[columns].copy()
    for col in required:
        empty = df[col].isna() | (df[col].astype(str).str.strip() == "")
        if empty.any():
            raise SourceError(source.name, f"{what} row {int(empty.idxmax())}: empty {col}", file)
    for col, values in allowed.items():
        bad = df[~df[col].isin(values)]
        if not bad.empty:
            raise SourceError(source.name, f"{what} row {bad.index[0]}: {col} {bad[col].iloc[0]!r} not in {values}",
                              file)
    bad = df[~df[period_col].astype(str).str.fullmatch(r"\d{4}")]
    if not bad.empty:
        raise SourceError(source.name, f"{what} row {bad.index[0]}: {period_col} {bad[period_col].iloc[0]!r} "
                          "is not a year", file)
    future = df[df[period_col].astype(int) > (today or date.today()).year]
    if not future.empty:
        raise SourceError(source.name, f"{what} in the future: {future[period_col].iloc[0]}", file)
    codes = df["geo_code"].dropna()
    unknown = sorted(set(codes) - known_geos)
    if unknown:
        raise SourceError(source.name, f"{what}s for unknown geography code(s) {unknown[:5]}", file)
    return df


def _where(rows: pd.DataFrame) -> str:
    """The first offending observation, named by its key so an analyst can find it in the file."""
    r = rows.iloc[0]
    bd = "" if r["breakdown"] == "total" else f", {r['breakdown']}={r['breakdown_value']}"
    return f"indicator {r['indicator_id']}, geo_code {r['geo_code']}, period {r['period']}{bd}"


_TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
_ZIP_SUFFIXES = (".xlsx", ".zip")


def raw_file_hints(path: Path) -> list[str]:
    """Likely causes of a parse failure, read from the first bytes of the raw file(s).

    Only shown next to a parser's own error: a ';' header is fine for a ';' source, so these
    are hints, not rules.
    """
    path = Path(path)
    files = sorted(p for p in path.iterdir() if p.name != "manifest.json") if path.is_dir() else [path]
    hints: list[str] = []
    for f in files:
        if f.is_symlink() or not f.is_file():  # never read (let alone quote) a file outside the snapshot
            continue
        with open(f, "rb") as fh:
            head = fh.read(1 << 16)
        name, suffix = f.name, f.suffix.lower()
        if not head:
            hints.append(f"{name} is empty")
            continue
        if suffix in _ZIP_SUFFIXES and not head.startswith(b"PK\x03\x04"):
            hints.append(f"{name} is not a {suffix} (zip) file; it starts with {head[:16]!r}")
        if suffix in (".json", ".geojson") and f.stat().st_size <= 50 * 1024 * 1024:
            try:
                json.loads(f.read_bytes())
            except (ValueError, UnicodeDecodeError) as exc:
                where = f" at line {exc.lineno}, column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else ""
                hints.append(f"{name} is not valid JSON ({getattr(exc, 'msg', exc)}{where}; cut off?)")
        if suffix not in _TEXT_SUFFIXES:
            continue
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            hints.append(f"{name} is UTF-16 encoded; save it as UTF-8")
            continue
        text = head[: head.rfind(b"\n") + 1] or head
        try:
            decoded = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = text[: exc.start].count(b"\n") + 1
            col = exc.start - (text.rfind(b"\n", 0, exc.start) + 1) + 1
            hints.append(
                f"{name} is not UTF-8 (byte 0x{text[exc.start]:02x} at line {line}, column {col}); it looks like "
                "Latin-1/Windows-1252: save it as UTF-8"
            )
            decoded = text.decode("cp1252", errors="replace")
        header = decoded.lstrip("\ufeff").split("\n", 1)[0]
        if "," not in header and (header.count(";") or header.count("\t")):
            sep = "';'" if header.count(";") >= header.count("\t") else "tab"
            hints.append(f"{name}: the header line has {sep} separators and no commas (delimiter {sep}, not ',')")
        if re.search(r'(^|[;\t"])-?\d+,\d+($|[;\t"])', decoded, re.M):
            hints.append(f"{name}: numbers with a decimal comma (e.g. 1234,5); a decimal point is expected")
    return hints


def with_hints(exc: SourceError, snapshot: Path) -> SourceError:
    """The same error, with the raw-file hints appended (or unchanged when there are none)."""
    target = Path(exc.file) if exc.file and Path(exc.file).exists() else Path(snapshot)
    try:
        hints = raw_file_hints(target)
    except OSError:
        hints = []
    if not hints:
        return exc
    return SourceError(exc.source, f"{exc.problem} (hint: {'; '.join(hints)})", exc.file)


def validate_geographies(source: Source, df: pd.DataFrame, file: str) -> pd.DataFrame:
    bad = df[~df["level"].isin(GEO_LEVELS)]
    if not bad.empty:
        raise SourceError(source.name, f"unknown geography level {bad['level'].iloc[0]!r}", file)
    dup = df[df.duplicated("geo_code", keep=False)]
    if not dup.empty:
        raise SourceError(source.name, f"duplicate geography code {dup['geo_code'].iloc[0]}", file)
    return df
