"""Reading the publishers' tables: a CSV refused clearly when it cannot be read or lacks a column
(`read_table`), and long observation files of one row per (code, area, period) as BelPulse exports
them (`read_long`).

Why shared: a dozen sources open a CSV the same way and must fail the same way, naming the source,
the file and the problem; three sources ship rows copied from BelPulse (statbel_census2021_activity,
var_admin_unemployment_rate_2024, belpulse_handextract), whose columns, codes, periods, area codes,
numbers and duplicates are checked by one procedure. Sources never import each other
(tests/test_layers.py), so it lives here.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipelines.source import SourceError

SUPPRESSED = "suppressed"


@dataclass(frozen=True)
class Layout:
    """The columns of one long file and how its area codes are written (group 1 of `geo` is the NIS code)."""

    code: str = "indicator_id"
    geo_column: str = "geo_id"
    period: str = "period"
    value: str = "value"
    geo: str = r"be:mun:(\d{5})"
    geo_text: str = "be:mun:<NIS5>"
    status: str | None = None  # a column whose 'suppressed' explains an empty value
    columns: Sequence[str] | None = None  # the exact header, when the file's layout is fixed

    @property
    def required(self) -> list[str]:
        return [c for c in (self.code, self.geo_column, self.period, self.value, self.status) if c]


BELPULSE = (
    Layout()
)  # BelPulse's observations export (indicator_id, geo_id, period, value, status, ...)


def require_columns(df: pd.DataFrame, columns, source: str, path, what: str = "") -> None:
    """Refuse a frame that lacks any of `columns`, naming them and the columns it has."""
    missing = [c for c in columns if c not in df.columns]
    if missing:
        prefix = f"{what}: " if what else ""
        raise SourceError(
            source, f"{prefix}missing column(s) {missing}; found {list(df.columns)}", path
        )


def read_table(
    path: Path,
    source: str,
    what: str,
    *,
    columns: Collection[str] = (),
    nonempty: bool = False,
    **options,
) -> pd.DataFrame:
    """The CSV at `path` read with pandas `options` (default: every cell as text, empty cells as
    ''), refused when it cannot be read, lacks one of `columns` or, with `nonempty`, has no rows."""
    options = {"dtype": str, "keep_default_na": False, **options}
    try:
        df = pd.read_csv(path, **options)
    except (OSError, ValueError) as exc:
        raise SourceError(source, f"cannot read the {what}: {exc}", path) from exc
    require_columns(df, columns, source, path)
    if nonempty and df.empty:
        raise SourceError(source, f"the {what} has no rows", path)
    return df


def read_long(
    path: Path,
    source: str,
    *,
    what: str,
    layout: Layout = BELPULSE,
    codes: Collection[str] | None = None,
    period: str | None = None,
) -> pd.DataFrame:
    """The rows of `codes` (all rows when None), checked, as columns `code, geo, period, value,
    suppressed`: `geo` the NIS code, `value` a float (NaN where suppressed).

    Refused with a `SourceError` naming the file: an unreadable file, missing (or, with `layout.columns`,
    other) columns, none of `codes`, another period than `period`, an area code not in the layout's
    form, a value that is not a number, an empty value the status does not explain, a duplicate row."""
    raw = read_table(path, source, what, columns=layout.required)
    if layout.columns is not None and list(raw.columns) != list(layout.columns):
        raise SourceError(
            source, f"expected columns {list(layout.columns)}; found {list(raw.columns)}", path
        )
    if codes is not None:
        raw = raw[raw[layout.code].isin(codes)]
        if raw.empty:
            raise SourceError(source, f"no rows for {sorted(codes)}", path)
    other = raw.loc[raw[layout.period] != period, layout.period] if period else raw.iloc[:0]
    if not other.empty:
        raise SourceError(source, f"period {other.iloc[0]!r} found; only {period} expected", path)
    geo = raw[layout.geo_column].str.extract(re.compile(rf"^{layout.geo}$"))[0]
    if geo.isna().any():
        bad = raw.loc[geo.isna(), layout.geo_column].iloc[0]
        raise SourceError(source, f"{layout.geo_column} {bad!r} is not {layout.geo_text}", path)
    text = raw[layout.value].str.strip()
    values = pd.to_numeric(text.where(text != ""), errors="coerce").astype("float64")
    blank = text == ""
    explained = raw[layout.status] == SUPPRESSED if layout.status else blank & False
    bad = values.isna() & ~(blank & explained)
    if bad.any():
        first = bad[bad].index[0]
        if blank[first] and layout.status:
            problem = f"empty value without status '{SUPPRESSED}' for {geo[first]}"
        else:
            problem = (
                f"empty or non-numeric value {raw.loc[first, layout.value]!r} for {geo[first]}"
            )
        raise SourceError(source, problem, path)
    out = pd.DataFrame(
        {
            "code": raw[layout.code],
            "geo": geo,
            "period": raw[layout.period],
            "value": values,
            "suppressed": blank,
        }
    ).reset_index(drop=True)
    dup = out.duplicated(["code", "geo", "period"])
    if dup.any():
        r = out[dup].iloc[0]
        raise SourceError(
            source, f"duplicate row for {r['code']} in {r['geo']} {r['period']}", path
        )
    return out
