"""Municipality and wijk boundaries (Provincies in Cijfers): the geographies the maps and joins use."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipelines import nis
from pipelines.source import RawFile, Source, observations_frame

REPO_RAW = (
    "https://raw.githubusercontent.com/provinciesincijfers/gebiedsniveaus/"
    "3b1b6d8d3548e495f597db134f437f0d08898535/data_voor_swing/shapefiles/"
)
NAMES_EN = {"44021": "Ghent", "11002": "Antwerp", "35013": "Ostend", "21004": "Brussels"}


class Boundaries(Source):
    name = "boundaries"
    title_nl = "Grenzen van gemeenten en wijken"
    title_en = "Municipality and neighbourhood (wijk) boundaries"
    publisher = "Data & Analyse van de Vlaamse provincies (Provincies in Cijfers)"
    licence = "Modellicentie Gratis Hergebruik Vlaanderen v1.0"
    url = "https://github.com/provinciesincijfers/gebiedsniveaus"
    attribution = (
        "Wijken voor omgevingsanalyse. © gemeentebesturen, verzameld door Data & Analyse van de Vlaamse provincies"
    )
    period_covered = "municipalities 2024 and 2025; wijken (ggw7) as of 2026-03"
    caveats = (
        "Converted from the Lambert-72 shapefiles to WGS84 GeoJSON, coordinates rounded to 5 decimals. "
        "Wijken only for Gent, Antwerpen, Genk and Oostende."
    )
    files = (
        RawFile(nis.GEMEENTE_2025, REPO_RAW + "gemeente.shp", "304 municipalities, 2025 mergers"),
        RawFile(nis.GEMEENTE_2024, REPO_RAW + "gemeente2024.shp", "319 municipalities before the 2025 mergers"),
        RawFile(nis.WIJKEN, REPO_RAW + "ggw7.shp", "wijken of Gent, Antwerpen, Genk, Oostende"),
    )
    indicators = ()

    def parse(self, snapshot: Path) -> pd.DataFrame:
        return observations_frame([])

    def geographies(self, snapshot: Path) -> pd.DataFrame:
        rows = []
        seen = set()
        for fname in (nis.GEMEENTE_2025, nis.GEMEENTE_2024):
            for code, naam in nis._features(str(snapshot / fname)):
                if code in seen:
                    continue
                seen.add(code)
                rows.append(
                    {"geo_code": code, "level": "municipality", "parent_code": code[:2] + "000",
                     "name_nl": naam, "name_fr": None, "name_en": NAMES_EN.get(code, naam), "nuts_code": None}
                )
        for code, naam in nis._features(str(snapshot / nis.WIJKEN)):
            rows.append(
                {"geo_code": code, "level": "wijk", "parent_code": code[:5], "name_nl": naam,
                 "name_fr": None, "name_en": naam, "nuts_code": None}
            )
        return pd.DataFrame(rows)


SOURCE = Boundaries()
