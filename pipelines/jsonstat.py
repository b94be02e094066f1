"""A small JSON-stat 2.0 decoder: one dataset -> one long DataFrame, flags kept.

Why our own and not `pyjstat`: pyjstat 2.4 (2023) does decode with pandas 3, but it drops the
`status` object, and Eurostat's flags (e = estimated, p = provisional, b = break in series,
c = confidential, ...) decide whether a missing number is hidden or absent. The format is small
enough to decode in a few lines (https://json-stat.org/full/):

- `id` lists the dimension ids in order and `size` their number of categories;
- `dimension[<id>].category.index` gives each category code its position (an object
  `{code: position}` or an array of codes; absent when the dimension has one category, in which
  case `category.label` has the single code);
- `value` holds the cells in row-major order over `size` (last dimension varies fastest): a
  dense array (with nulls) or a sparse object keyed by the flat index as a string;
- `status` is a string (same flag for every cell), an array, or a sparse object like `value`.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

VALUE, FLAG = "value", "flag"


class JsonStatError(ValueError):
    """The document is not a JSON-stat 2.0 dataset we can decode (message says what is wrong)."""


def categories(doc: dict, dim: str) -> list[str]:
    """Category codes of one dimension, in index order."""
    try:
        category = doc["dimension"][dim]["category"]
    except (KeyError, TypeError):
        raise JsonStatError(f"dimension {dim!r} has no category") from None
    index = category.get("index")
    if index is None:
        labels = category.get("label") or {}
        if len(labels) != 1:
            raise JsonStatError(f"dimension {dim!r} has no index and {len(labels)} labels")
        return list(labels)
    if isinstance(index, list):
        return [str(c) for c in index]
    ordered = sorted(index.items(), key=lambda kv: kv[1])
    if [pos for _, pos in ordered] != list(range(len(ordered))):
        raise JsonStatError(f"dimension {dim!r}: index positions are not 0..n-1")
    return [str(code) for code, _ in ordered]


def labels(doc: dict, dim: str) -> dict[str, str]:
    """Category code -> label of one dimension (the code itself where the publisher gives no label)."""
    category = doc.get("dimension", {}).get(dim, {}).get("category", {})
    given = category.get("label") or {}
    return {code: str(given.get(code, code)) for code in categories(doc, dim)}


def _cells(obj, n: int, name: str) -> dict[int, object]:
    """Flat position -> cell, from a dense array or a sparse object; nulls dropped."""
    if obj is None:
        return {}
    if isinstance(obj, list):
        if len(obj) != n:
            raise JsonStatError(f"{name} array has {len(obj)} cells, size says {n}")
        return {i: v for i, v in enumerate(obj) if v is not None}
    if isinstance(obj, dict):
        out = {}
        for key, v in obj.items():
            try:
                pos = int(key)
            except ValueError:
                raise JsonStatError(f"{name} key {key!r} is not a flat index") from None
            if not 0 <= pos < n:
                raise JsonStatError(f"{name} key {pos} is outside 0..{n - 1}")
            if v is not None:
                out[pos] = v
        return out
    raise JsonStatError(f"{name} must be an array or an object, not {type(obj).__name__}")


def decode(doc: dict) -> pd.DataFrame:
    """Every cell that has a value or a flag: one column per dimension id (codes), `value`, `flag`."""
    if not isinstance(doc, dict) or doc.get("class") != "dataset":
        raise JsonStatError("not a JSON-stat dataset (class != 'dataset')")
    if str(doc.get("version", "")) != "2.0":
        raise JsonStatError(f"JSON-stat version {doc.get('version')!r}, expected '2.0'")
    ids, size = doc.get("id"), doc.get("size")
    if not isinstance(ids, list) or not isinstance(size, list) or len(ids) != len(size) or not ids:
        raise JsonStatError("`id` and `size` must be lists of the same, non-zero length")
    codes = [categories(doc, d) for d in ids]
    for dim, cats, n in zip(ids, codes, size, strict=True):
        if len(cats) != n:
            raise JsonStatError(f"dimension {dim!r} has {len(cats)} categories, size says {n}")
    total = math.prod(size)
    values = _cells(doc.get("value"), total, "value")
    status = doc.get("status")
    flags = (
        {i: status for i in range(total)}
        if isinstance(status, str)
        else _cells(status, total, "status")
    )
    positions = np.array(sorted(set(values) | set(flags)), dtype=np.int64)
    coords = np.unravel_index(positions, size, order="C") if len(positions) else [[] for _ in ids]
    frame = {
        dim: np.asarray(cats, dtype=object)[coord]
        for dim, cats, coord in zip(ids, codes, coords, strict=True)
    }
    bad = [v for v in values.values() if isinstance(v, bool) or not isinstance(v, int | float)]
    if bad:
        raise JsonStatError(f"non-numeric value {bad[0]!r}")
    frame[VALUE] = [values.get(p, math.nan) for p in positions]
    frame[FLAG] = [flags.get(p) for p in positions]
    df = pd.DataFrame(frame)
    for dim in ids:
        df[dim] = df[dim].astype(str)
    df[VALUE] = df[VALUE].astype("float64")
    df[FLAG] = df[FLAG].astype(object).where(df[FLAG].notna(), None)
    return df
