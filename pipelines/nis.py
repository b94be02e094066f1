"""Name -> NIS code lookups, read from the boundaries snapshot.

Why: publishers such as Provincies in Cijfers export municipalities by name only. Matching on
the exact official name (2025 boundaries) is what the shared conversion did and is checked in tests.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from pipelines import snapshot as snap

GEMEENTE_2025 = "gemeente_2025_vlaanderen_brussel.geojson"
GEMEENTE_2024 = "gemeente2024_vlaanderen_brussel.geojson"
WIJKEN = "wijken_ggw7_gent_antwerpen_genk_oostende.geojson"

# Gent and the cities the monitor compares it with (NIS codes, unchanged by the 2025 mergers).
GENT, ANTWERPEN, GENK, OOSTENDE = "44021", "11002", "71016", "35013"
CITIES = (GENT, ANTWERPEN, GENK, OOSTENDE)
REGIONS = {"02000", "03000", "04000"}
PROVINCES = {"10000", "20001", "20002", "30000", "40000", "50000", "60000", "70000", "80000", "90000"}


def level_of(code: str) -> str:
    """The level of a REFNIS code above the municipality (country, region, province, arrondissement)."""
    if code == "01000":
        return "country"
    if code in REGIONS:
        return "region"
    if code in PROVINCES:
        return "province"
    if code.endswith("000"):
        return "arrondissement"
    return "municipality"


def boundaries_snapshot() -> Path:
    from pipelines.registry import get_source

    return snap.latest_snapshot(get_source("boundaries"))


@lru_cache(maxsize=4)
def _features(path: str) -> tuple[tuple[str, str], ...]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return tuple((f["properties"]["code"], f["properties"]["naam"]) for f in data["features"])


def municipality_codes_2025(snapshot: Path | None = None) -> dict[str, str]:
    """Official 2025 municipality name -> NIS code (Flanders and Brussels)."""
    snapshot = snapshot or boundaries_snapshot()
    return {name: code for code, name in _features(str(snapshot / GEMEENTE_2025))}


ORIGIN_FILE = "origin_by_municipality.csv"


@lru_cache(maxsize=2)
def _belgian_names(path: str, year: str) -> tuple[tuple[str, str], ...]:
    import pandas as pd

    df = pd.read_csv(path, dtype=str, usecols=["year", "CD_REFNIS", "TX_DESCR_NL"])
    df = df[df["year"] == year]
    return tuple(zip(df["TX_DESCR_NL"].str.strip(), df["CD_REFNIS"].str.zfill(5), strict=True))


def belgian_municipality_codes_2025(snapshot: Path | None = None) -> dict[str, str]:
    """Dutch name -> NIS code of all 565 Belgian municipalities on 1 January 2025 (Statbel's list in the
    statbel_origin snapshot), so a publisher's Walloon municipality is told apart from a misspelling."""
    if snapshot is None:
        from pipelines.registry import get_source

        snapshot = snap.latest_snapshot(get_source("statbel_origin"))
    return dict(_belgian_names(str(snapshot / ORIGIN_FILE), "2025"))
