"""Eurostat population on 1 January by NUTS 3 region and age (demo_r_pjangrp3): the 15-64 denominator.

Why this source: the jobratio (jobs at the place of work per 100 residents aged 15-64) needs the
working-age population of the same NUTS 3 regions as nama_10r_3empers. The derived indicator
`jobratio_15_64` (pipelines/derived.py) is computed from it when both are loaded.

Live only (no shippable copy exists); never run against Eurostat. The request is not filtered on
geo (so no NUTS code version is assumed); the parser keeps the Belgian regions and maps them to NIS
codes by their labels.
"""

from __future__ import annotations

from pipelines.eurostat import EurostatSource
from pipelines.eurostat import Series
from pipelines.eurostat import code
from pipelines.freshness import ReleaseRhythm
from pipelines.source import Indicator

BANDS_15_64 = tuple(f"Y{a}-{a + 4}" for a in range(15, 65, 5))  # Y15-19 ... Y60-64


class EurostatDemoRPjangrp3(EurostatSource):
    name = "eurostat_demo_r_pjangrp3"
    dataset = "demo_r_pjangrp3"
    params = (("sex", "T"), ("unit", "NR"), ("age", "TOTAL"), *(("age", b) for b in BANDS_15_64))
    title_nl = "Bevolking naar NUTS 3-regio en leeftijd (Eurostat)"
    title_en = "Population by NUTS 3 region and age (Eurostat)"
    period_covered = "as published by Eurostat (1 January, yearly)"
    # 1 January population, out about March of the next year
    release_rhythm = ReleaseRhythm("yearly", lag_days=440)
    caveats = (
        "Live only, never fetched from Eurostat. 15-64 is the sum of the ten five-year bands Y15-19 ... Y60-64 "
        "(a region-year with any band missing gets no value). Eurostat serves the current NUTS version: "
        "Limburg's and Hainaut's arrondissements have other codes than in the shipped nama_10r_3empers (NUTS 2016), "
        "so both are mapped to NIS codes by label; boundaries may differ slightly between versions. "
        "Flags on present values (estimated, provisional, break) are not stored."
    )
    series = (
        Series("population_nuts3", {"age": code("TOTAL"), "sex": code("T")}, ref="start"),
        Series(
            "population_15_64_nuts3", {"age": code(*BANDS_15_64), "sex": code("T")}, ref="start"
        ),
    )
    indicators = (
        Indicator(
            id="population_nuts3",
            name_nl="Bevolking op 1 januari (Eurostat, NUTS)",
            name_en="Population on 1 January (Eurostat, NUTS)",
            definition_nl="Aantal inwoners op 1 januari per arrondissement, provincie en gewest, volgens Eurostat.",
            definition_en="Number of inhabitants on 1 January per arrondissement, province and region, per Eurostat.",
            unit="persons",
            direction="neutral",
            period_type="year",
            concept="population",
        ),
        Indicator(
            id="population_15_64_nuts3",
            name_nl="Bevolking 15-64 jaar (Eurostat, NUTS)",
            name_en="Population aged 15-64 (Eurostat, NUTS)",
            definition_nl="Inwoners van 15 tot en met 64 jaar op 1 januari, som van de vijfjaarsklassen, volgens Eurostat.",
            definition_en="Inhabitants aged 15 to 64 on 1 January, sum of the five-year bands, per Eurostat.",
            unit="persons",
            direction="neutral",
            period_type="year",
            notes="Denominator of jobratio_15_64. Age band 15-64, not 18-64 or 20-64.",
            concept="working_age_population",
        ),
    )


SOURCE = EurostatDemoRPjangrp3()
