"""Eurostat job vacancy statistics for Belgium, quarterly (jvs_q_nace2): vacancies and vacancy rate.

Why this source: the survey-based count of all vacancies in the economy (not only those VDAB
receives), to put VDAB's vacancy figures in proportion. Belgium as a whole only.

Live only (no shippable copy exists); never run against Eurostat.
"""

from __future__ import annotations

from pipelines.eurostat import EurostatSource
from pipelines.eurostat import Series
from pipelines.eurostat import code
from pipelines.eurostat import label
from pipelines.freshness import ReleaseRhythm
from pipelines.source import Indicator

_COMMON = {"nace_r2": code("B-S"), "sizeclas": label(r"^total$")}

_QUARTER_NL = "Kwartaalcijfer, opgeslagen onder de laatste maand van het kwartaal (2024-03 = 1e kwartaal 2024)."
_QUARTER_EN = (
    "Quarterly figure, stored under the quarter's last month (2024-03 = first quarter of 2024)."
)


class EurostatJvsQNace2(EurostatSource):
    name = "eurostat_jvs_q_nace2"
    dataset = "jvs_q_nace2"
    params = (("geo", "BE"), ("s_adj", "NSA"))
    title_nl = "Openstaande vacatures en vacaturegraad, België per kwartaal (Eurostat)"
    title_en = "Job vacancies and job vacancy rate, Belgium, quarterly (Eurostat)"
    period_covered = "as published by Eurostat (quarterly)"
    release_rhythm = ReleaseRhythm("quarterly", lag_days=80)  # about 11 weeks after the quarter
    caveats = (
        "Live only, never fetched from Eurostat. Belgium only (no regional detail). Survey of employers "
        "(Statbel), all vacancies, NACE B-S (industry, construction and services); not comparable with VDAB's "
        "vacancies, which are only those reported to VDAB. Measures picked by label ('job vacancies', 'job "
        "vacancy rate'), size class 'Total', not seasonally adjusted (NSA). Quarters are stored as the quarter's "
        "last month."
    )
    series = (
        Series(
            "job_vacancies_jvs", {**_COMMON, "indic_em": label(r"job vacancies", exclude=r"rate")}
        ),
        Series("job_vacancy_rate", {**_COMMON, "indic_em": label(r"job vacancy rate")}),
    )
    indicators = (
        Indicator(
            id="job_vacancies_jvs",
            name_nl="Openstaande vacatures (Eurostat-vacatures-enquête)",
            name_en="Job vacancies (Eurostat job vacancy survey)",
            definition_nl="Aantal openstaande vacatures in België volgens de vacature-enquête bij werkgevers. "
            + _QUARTER_NL,
            definition_en="Number of open job vacancies in Belgium according to the employer job vacancy survey. "
            + _QUARTER_EN,
            unit="vacancies",
            direction="neutral",
            period_type="month",
            notes="All vacancies (survey), not only those reported to VDAB.",
            concept="open_vacancies",
        ),
        Indicator(
            id="job_vacancy_rate",
            name_nl="Vacaturegraad (Eurostat)",
            name_en="Job vacancy rate (Eurostat)",
            definition_nl="Openstaande vacatures in % van bezette plus openstaande betrekkingen. "
            + _QUARTER_NL,
            definition_en="Job vacancies as % of occupied plus vacant posts. " + _QUARTER_EN,
            unit="%",
            direction="neutral",
            period_type="month",
            numerator="openstaande vacatures / job vacancies",
            denominator="bezette + openstaande betrekkingen / occupied + vacant posts",
        ),
    )


SOURCE = EurostatJvsQNace2()
