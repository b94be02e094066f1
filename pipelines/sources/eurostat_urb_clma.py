"""Eurostat Urban Audit labour market of the cities (urb_clma): active, unemployed, unemployment rate.

Why this source: the only harmonised, European city-level unemployment figures, so Gent can be set
against Antwerpen, Genk and Oostende (and European peers later) on one definition, which is not
VDAB's werkzoekendengraad.

Live only (no shippable copy exists); never run against Eurostat.
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

_NOTE = (
    "Urban Audit figures for Belgian cities are compiled from national sources (often the census or "
    "administrative registers, sometimes estimated); the definition of 'unemployed' follows Eurostat's "
    "Urban Audit methodology, not VDAB's NWWZ nor the LFS (ILO) rate. Indicator picked by its label "
    "because no Urban Audit code is verified."
)


class EurostatUrbClma(UrbanAuditSource):
    name = "eurostat_urb_clma"
    dataset = "urb_clma"
    title_nl = "Arbeidsmarkt van de steden (Eurostat Urban Audit)"
    title_en = "Labour market of the cities (Eurostat Urban Audit)"
    period_covered = "as published by Eurostat (yearly, with gaps)"
    # Urban Audit: cities report years in batches, with gaps
    release_rhythm = ReleaseRhythm("irregular")
    caveats = (
        "Live only, never fetched from Eurostat. Cities resolved by their label in the API's code list "
        "(see eurostat_urb_cpop1). Indicators picked by label (economically active population, unemployed "
        "persons, unemployment rate; totals only, not by sex or age): a different wording makes the parse fail "
        "with the labels Eurostat offers. The codes EC1010V/EC1020I/EC1001I in LIVE_APIS.md are MED "
        "confidence and not used. " + _NOTE
    )
    series = (
        Series(
            "ua_economically_active",
            {"indic_ur": label(r"economically active population, total", NOT_A_TOTAL)},
        ),
        Series(
            "ua_unemployed",
            {
                "indic_ur": label(
                    r"unemployed persons?, total|persons unemployed, total", NOT_A_TOTAL
                )
            },
        ),
        Series("ua_unemployment_rate", {"indic_ur": label(r"unemployment rate", NOT_A_TOTAL)}),
    )
    indicators = (
        Indicator(
            id="ua_economically_active",
            name_nl="Beroepsbevolking (Urban Audit, stad)",
            name_en="Economically active population (Urban Audit, city)",
            definition_nl="Werkenden plus werklozen die in de stad wonen, volgens Eurostats Urban Audit. "
            + CITY_AREA_NL,
            definition_en="Employed plus unemployed residents of the city, according to Eurostat's Urban Audit. "
            + CITY_AREA_EN,
            unit="persons",
            direction="neutral",
            period_type="year",
            notes=_NOTE,
        ),
        Indicator(
            id="ua_unemployed",
            name_nl="Werklozen (Urban Audit, stad)",
            name_en="Unemployed persons (Urban Audit, city)",
            definition_nl="Aantal werkloze inwoners van de stad volgens Eurostats Urban Audit. "
            + CITY_AREA_NL,
            definition_en="Number of unemployed residents of the city according to Eurostat's Urban Audit. "
            + CITY_AREA_EN,
            unit="persons",
            direction="higher_is_worse",
            period_type="year",
            notes=_NOTE,
            concept="unemployed_count",
        ),
        Indicator(
            id="ua_unemployment_rate",
            name_nl="Werkloosheidsgraad (Urban Audit, stad)",
            name_en="Unemployment rate (Urban Audit, city)",
            definition_nl="Werklozen in % van de beroepsbevolking van de stad, volgens Eurostats Urban Audit. "
            + CITY_AREA_NL,
            definition_en="Unemployed as % of the city's economically active population, according to "
            "Eurostat's Urban Audit. " + CITY_AREA_EN,
            unit="%",
            direction="higher_is_worse",
            period_type="year",
            numerator="ua_unemployed",
            denominator="ua_economically_active",
            notes=_NOTE + " Not VDAB's werkzoekendengraad: never one series with it.",
            concept="unemployment_rate",
        ),
    )


SOURCE = EurostatUrbClma()
