"""Eurostat unemployment rate by NUTS 2 region, age and education (lfst_r_lfu3rt, Labour Force Survey).

Why this source: the ILO unemployment rate of the Labour Force Survey is the internationally
comparable definition; the provinces (NUTS 2) are the smallest areas it is published for. It is a
different indicator from VDAB's werkzoekendengraad and from the census rate, never one series.

Live only (no shippable copy exists); never run against Eurostat. Request filtered on unit = PC
and sex = T only, so a wrong age or education code fails the parse with the codes on offer.
"""

from __future__ import annotations

from pipelines.eurostat import EurostatSource
from pipelines.eurostat import Series
from pipelines.eurostat import code
from pipelines.freshness import ReleaseRhythm
from pipelines.source import Indicator

# Age and ISCED 2011 codes as used across Eurostat's LFS tables (not verified for this dataset).
AGES = {"15-24": "Y15-24", "25-74": "Y25-74"}
EDUCATION = {"low": "ED0-2", "medium": "ED3_4", "high": "ED5-8"}
ALL_AGES = "Y15-74"


def _series() -> tuple[Series, ...]:
    out = [Series("lfs_unemployment_rate", {"age": code(ALL_AGES), "isced11": code("TOTAL")})]
    out += [
        Series("lfs_unemployment_rate", {"age": code(c), "isced11": code("TOTAL")}, "age", band)
        for band, c in AGES.items()
    ]
    out += [
        Series(
            "lfs_unemployment_rate", {"age": code(ALL_AGES), "isced11": code(c)}, "education", level
        )
        for level, c in EDUCATION.items()
    ]
    return tuple(out)


class EurostatLfstRLfu3rt(EurostatSource):
    name = "eurostat_lfst_r_lfu3rt"
    dataset = "lfst_r_lfu3rt"
    params = (("unit", "PC"), ("sex", "T"))
    title_nl = "Werkloosheidsgraad (IAB/ILO) per provincie, leeftijd en onderwijs (Eurostat EAK)"
    title_en = "Unemployment rate (LFS/ILO) by province, age and education (Eurostat)"
    period_covered = "as published by Eurostat (yearly averages)"
    # regional LFS: about May of the next year
    release_rhythm = ReleaseRhythm("yearly", lag_days=130)
    caveats = (
        "Live only, never fetched from Eurostat. Labour Force Survey (EAK/IAB) estimate: sample-based, with "
        "low-reliability flags for small cells (flags are not stored). ILO definition, 15-74 years, by place "
        "of residence. Age and education codes (Y15-74, Y15-24, Y25-74, ED0-2, ED3_4, ED5-8) are Eurostat's "
        "usual LFS codes, unverified for this dataset: a missing one makes the parse fail listing those on offer."
    )
    series = _series()
    indicators = (
        Indicator(
            id="lfs_unemployment_rate",
            name_nl="Werkloosheidsgraad volgens de EAK (ILO-definitie)",
            name_en="Unemployment rate, Labour Force Survey (ILO definition)",
            definition_nl=(
                "Werklozen volgens de ILO-definitie (zonder werk, actief zoekend, beschikbaar) in % van de "
                "beroepsbevolking van 15-74 jaar, uit de Enquête naar de Arbeidskrachten; ook per leeftijd en "
                "onderwijsniveau (ISCED 0-2 / 3-4 / 5-8), los van het totaal."
            ),
            definition_en=(
                "Unemployed by the ILO definition (without work, actively seeking, available) as % of the labour "
                "force aged 15-74, from the Labour Force Survey; also by age and education level (ISCED 0-2 / 3-4 / "
                "5-8), separate from the total."
            ),
            unit="%",
            direction="higher_is_worse",
            period_type="year",
            numerator="werklozen (ILO) / unemployed (ILO)",
            denominator="beroepsbevolking 15-74 / labour force 15-74",
            notes="Not VDAB's werkzoekendengraad nor the census 2011 rate: never one series with them.",
            concept="unemployment_rate",
        ),
    )


SOURCE = EurostatLfstRLfu3rt()
