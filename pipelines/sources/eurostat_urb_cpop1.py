"""Eurostat Urban Audit population of the cities (urb_cpop1): Gent, Antwerpen, Genk, Oostende and peers.

Why this source: a city-level population series from the same Urban Audit programme as the city
labour-market (urb_clma) and commuting (urb_ctran) tables, so their counts can be set against it.
It is also the code list the other Urban Audit sources use to find the cities' codes.

Live only: no copy of this table could be shipped (SOURCES.md, "Second round"), so an offline
build skips it until `python -m pipelines build --live --source eurostat_urb_cpop1` has run.
The fetcher has never run against Eurostat.
"""

from __future__ import annotations

from pipelines.eurostat import CITY_AREA_EN
from pipelines.eurostat import CITY_AREA_NL
from pipelines.eurostat import NOT_A_TOTAL
from pipelines.eurostat import Series
from pipelines.eurostat import UrbanAuditSource
from pipelines.eurostat import label
from pipelines.freshness import ReleaseRhythm
from pipelines.source import Indicator


class EurostatUrbCpop1(UrbanAuditSource):
    name = "eurostat_urb_cpop1"
    dataset = "urb_cpop1"
    title_nl = "Bevolking van de steden (Eurostat Urban Audit)"
    title_en = "Population of the cities (Eurostat Urban Audit)"
    period_covered = "as published by Eurostat (yearly, 1 January; many gaps per city)"
    # Urban Audit: cities report years in batches, with gaps
    release_rhythm = ReleaseRhythm("irregular")
    caveats = (
        "Live only, never fetched: the fetcher has never run against Eurostat. City codes are resolved from "
        "the API's own `cities` labels (Gent, Antwerpen, Genk, Oostende must be found, other Flemish cities "
        "whose municipality kept its NIS code in the 2025 mergers are added when their label is their name). "
        "The indicator is picked by its label ('Population on the 1st of January, total'), because no "
        "Urban Audit indicator code is verified; if Eurostat words it differently the parse fails and lists "
        "the labels it found. Eurostat flags on present values (estimated, provisional, break) are not stored."
    )
    series = (
        Series(
            "ua_population",
            {"indic_ur": label(r"population on the 1st of january, total", exclude=NOT_A_TOTAL)},
            ref="start",
        ),
    )
    indicators = (
        Indicator(
            id="ua_population",
            name_nl="Bevolking op 1 januari (Urban Audit, stad)",
            name_en="Population on 1 January (Urban Audit, city)",
            definition_nl="Aantal inwoners van de stad op 1 januari volgens Eurostats Urban Audit. "
            + CITY_AREA_NL,
            definition_en="Number of inhabitants of the city on 1 January according to Eurostat's Urban Audit. "
            + CITY_AREA_EN,
            unit="persons",
            direction="neutral",
            period_type="year",
            numerator="inwoners / inhabitants",
            notes="Eurostat collects it from Statbel; compare with statbel_origin `population` before mixing them.",
            concept="population",
        ),
    )


SOURCE = EurostatUrbCpop1()
