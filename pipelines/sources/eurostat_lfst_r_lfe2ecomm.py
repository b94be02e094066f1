"""Eurostat employed persons by NUTS 2 region of residence and commuting (lfst_r_lfe2ecomm, LFS).

Why this source: it says how many employed residents of each province work in their own region,
in another region or abroad, every year (the census matrix is 2011 only).

Live only (no shippable copy exists); never run against Eurostat. The commuting categories, the
age band and the unit are picked by their labels because their codes are not verified.
"""

from __future__ import annotations

from pipelines.eurostat import EurostatSource
from pipelines.eurostat import Series
from pipelines.eurostat import code
from pipelines.eurostat import label
from pipelines.freshness import ReleaseRhythm
from pipelines.source import TOTAL
from pipelines.source import Indicator

_COMMON = {"sex": code("T"), "age": label(r"15 to 64"), "unit": label(r"thousand")}
WORKPLACES = {
    TOTAL: label(r"^total$"),
    "same_region": label(r"same region"),
    "other_region": label(
        r"(another|other|different) region", exclude=r"abroad|(another|other|foreign) country"
    ),
    "abroad": label(r"abroad|(another|other|foreign) country"),
}


class EurostatLfstRLfe2ecomm(EurostatSource):
    name = "eurostat_lfst_r_lfe2ecomm"
    dataset = "lfst_r_lfe2ecomm"
    params = (("sex", "T"),)
    title_nl = "Werkenden naar woonprovincie en pendel (Eurostat EAK)"
    title_en = "Employed persons by region of residence and commuting (Eurostat LFS)"
    period_covered = "as published by Eurostat (yearly averages)"
    # regional LFS: about May of the next year
    release_rhythm = ReleaseRhythm("yearly", lag_days=130)
    caveats = (
        "Live only, never fetched from Eurostat. Labour Force Survey estimate (sample), published in thousands "
        "and stored in persons (x 1000). 'Region' is the NUTS 2 region (province; Brussels = BE1), so 'another "
        "region' includes commuting to a neighbouring province. Categories picked by label (total / same region / "
        "another region / abroad), age 15-64, unit thousand persons: a different wording makes the parse fail "
        "with the labels on offer."
    )
    series = tuple(
        Series(
            "lfs_employed_residents",
            {**_COMMON, "c_work": pick},
            TOTAL if key == TOTAL else "workplace",
            key,
            scale=1000,
        )
        for key, pick in WORKPLACES.items()
    )
    indicators = (
        Indicator(
            id="lfs_employed_residents",
            name_nl="Werkende inwoners 15-64 naar werkplaats (EAK)",
            name_en="Employed residents 15-64 by place of work (LFS)",
            definition_nl=(
                "Werkende inwoners van 15-64 jaar van de provincie (NUTS 2), in totaal en naar waar ze werken: in "
                "de eigen regio, in een andere regio, in het buitenland (opdeling los van het totaal)."
            ),
            definition_en=(
                "Employed residents aged 15-64 of the province (NUTS 2), in total and by where they work: in their "
                "own region, in another region, abroad (breakdown separate from the total)."
            ),
            unit="persons",
            direction="neutral",
            period_type="year",
            notes="Survey estimate in thousands, stored x 1000. By place of residence.",
        ),
    )


SOURCE = EurostatLfstRLfe2ecomm()
