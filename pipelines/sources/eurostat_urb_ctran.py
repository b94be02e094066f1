"""Eurostat Urban Audit transport of the cities (urb_ctran): commuters into and out of the city.

Why this source: Gent's labour-market paradox is partly a commuting story (many jobs in the city
held by people living outside it); the census 2011 matrix only gives arrondissements and one year,
Urban Audit gives the city itself.

Live only (no shippable copy exists); never run against Eurostat.
"""

from __future__ import annotations

from pipelines.eurostat import CITY_AREA_EN
from pipelines.eurostat import CITY_AREA_NL
from pipelines.eurostat import Series
from pipelines.eurostat import UrbanAuditSource
from pipelines.eurostat import label
from pipelines.freshness import ReleaseRhythm
from pipelines.source import Indicator

_SHARE = r"%|proportion|share|per "

_NOTE = (
    "Indicators picked by label ('commuting into / out of the city'), because no Urban Audit transport "
    "code is verified; a different wording makes the parse fail with the labels Eurostat offers. "
    "Not comparable with the census 2011 arrondissement flows (census2011_commuting): other area, other year."
)


class EurostatUrbCtran(UrbanAuditSource):
    name = "eurostat_urb_ctran"
    dataset = "urb_ctran"
    title_nl = "Pendel van en naar de steden (Eurostat Urban Audit)"
    title_en = "Commuting into and out of the cities (Eurostat Urban Audit)"
    period_covered = "as published by Eurostat (few years per city)"
    # Urban Audit: cities report years in batches, with gaps
    release_rhythm = ReleaseRhythm("irregular")
    caveats = (
        "Live only, never fetched from Eurostat. Cities resolved by label (see eurostat_urb_cpop1). "
        + _NOTE
    )
    series = (
        Series(
            "ua_in_commuters", {"indic_ur": label(r"commut\w* into|commuters? entering", _SHARE)}
        ),
        Series(
            "ua_out_commuters", {"indic_ur": label(r"commut\w* out|commuters? leaving", _SHARE)}
        ),
    )
    indicators = (
        Indicator(
            id="ua_in_commuters",
            name_nl="Inkomende pendelaars (Urban Audit, stad)",
            name_en="In-commuters (Urban Audit, city)",
            definition_nl="Aantal mensen dat de stad binnenpendelt om er te werken (wonen buiten de stad). "
            + CITY_AREA_NL,
            definition_en="Number of people commuting into the city to work (living outside it). "
            + CITY_AREA_EN,
            unit="persons",
            direction="neutral",
            period_type="year",
            notes=_NOTE,
            concept="in_commuters",
        ),
        Indicator(
            id="ua_out_commuters",
            name_nl="Uitgaande pendelaars (Urban Audit, stad)",
            name_en="Out-commuters (Urban Audit, city)",
            definition_nl="Aantal inwoners van de stad dat buiten de stad werkt. " + CITY_AREA_NL,
            definition_en="Number of residents of the city working outside it. " + CITY_AREA_EN,
            unit="persons",
            direction="neutral",
            period_type="year",
            notes=_NOTE,
            concept="out_commuters",
        ),
    )


SOURCE = EurostatUrbCtran()
