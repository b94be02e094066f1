"""Labour-market figures read by hand from public pages (VDAB, Stad Gent, Statbel, Steunpunt Werk, press).

Why this source: for Gent before 2014, for the Arbeidspact baseline and for several definitions we have
no data file (VDAB werkloosheidsgraad, RVA rate, ILO shares, Stadsmonitor jobratio and commuting
intensity); these published figures are the only trace. Each figure keeps the URL of the page it was
read from (table `observation_notes`), and each *definition* is its own indicator: VDAB
werkloosheidsgraad, VDAB werkzoekendengraad, the RVA rate and ILO shares are never one series; the
indicators that measure the same idea share a `concept` so the explorer can warn.

File: shared/data/published_figures/figures.csv (SOURCES.md "published_figures"), one figure per row:
`indicator, geography, nis_code, period, value, unit, breakdown, definition, source_title, source_url,
publisher`.

Decisions (all applied by code below, counted in the tests):
- Only *levels* are loaded. Rows that are a difference between two figures (year-on-year changes,
  gaps in percentage points between groups, projected changes) are not: they are derivable, mix base
  periods, and can be negative. Nor are policy targets, project outputs (Max Mobiel, Jobteam,
  Werkpunten, Beroepenhuis), lower bounds ("more than 350,000"), figures with no date at all, or the
  one area without an official boundary ("Regio Gent"). `SKIP_REASONS` lists them; the build reports counts.
- Periods: "YYYY", "YYYY (annual average)", "YYYY (monthly average)" -> `YYYY`, ref_date 31 Dec;
  "YYYY-MM", "... (end of month)", "YYYY-MM-DD" on the last day of a month -> `YYYY-MM`, ref_date the
  last day of the month; "12 months to YYYY-MM", "YYYY-MM to YYYY-MM (12 months)" -> the end month (in
  `*_12m` indicators); pages that state no reference period ("not stated (published 2011-05)",
  "as published 2018-02", "2015 (as published 2015-10)") -> the publication month; "Wegwijs editie
  2005" -> 2005; the Arbeidspact baseline ("2019 baseline", "at launch ... 2 July 2019") -> 2019-07;
  "not stated (monitor with 2013 employment data)" -> 2013; "2018 (12 months to mid-2018)" -> 2018-06.
  Every such approximation is written in the observation's note, with the period exactly as published.
- Geographies without a NIS code get explicit non-NIS codes: `EU` (the EU as the page names it,
  composition not stated), `EU28`, and `centrumsteden13` (average of the 13 Flemish centrumsteden).
- Value qualifiers ("approx.", "just over", "estimate") are kept in the note. The jobratio ("jobs per 100
  inwoners", or "%" on the Stadsmonitor page) is stored per 100 inhabitants with unit `ratio`, like the
  derived jobratio_15_64, because it can exceed 100.
- The same figure quoted on several pages is one observation with one note per page; two different
  values for the same indicator, place, period and group stop the parse.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipelines.freshness import ReleaseRhythm
from pipelines.source import TOTAL
from pipelines.source import Indicator
from pipelines.source import ManualSource
from pipelines.source import RawFile
from pipelines.source import SourceError
from pipelines.source import observations_frame
from pipelines.tables import read_table

NAME = "published_figures"
FILE = "figures.csv"
COLUMNS = [
    "indicator",
    "geography",
    "nis_code",
    "period",
    "value",
    "unit",
    "breakdown",
    "definition",
    "source_title",
    "source_url",
    "publisher",
]
# The copy in shared/data has no upstream URL: it was compiled by hand from the pages in `source_url`.
PAGE_URL = "https://stad.gent/nl/gent-stad-werking"

EXTRA_GEOS = {
    "EU": (
        "EU",
        "supranational",
        "Europese Unie (samenstelling zoals gepubliceerd)",
        "Union européenne",
        "European Union (composition as published)",
    ),
    "EU28": (
        "EU28",
        "supranational",
        "Europese Unie (28 lidstaten)",
        "Union européenne (28)",
        "European Union (28)",
    ),
    "13 Vlaamse centrumsteden (gemiddelde)": (
        "centrumsteden13",
        "city_group",
        "13 Vlaamse centrumsteden (gemiddelde)",
        "13 villes-centres flamandes (moyenne)",
        "13 Flemish central cities (average)",
    ),
}

SKIP_REASONS = {
    "difference": "a difference between two figures (change over time or gap between groups), not a level",
    "target": "a policy target, not an observed figure (see objectives.md)",
    "project": "an output of a Gsiw project, not a labour-market statistic",
    "lower_bound": "a lower bound only ('more than')",
    "no_period": "no reference or publication date on the page",
    "no_area": "an area without an official code or boundary",
}


@dataclass(frozen=True)
class Pub:
    """Indicator metadata in one line each; the long texts say where the figures come from."""

    id: str
    name_nl: str
    name_en: str
    def_nl: str
    def_en: str
    unit: str
    direction: str
    period_type: str
    concept: str = ""
    notes: str = ""

    def indicator(self) -> Indicator:
        common = " Cijfer zoals gepubliceerd op een publieke pagina (URL per waarneming in observation_notes)."
        common_en = (
            " Figure as published on a public page (URL per observation in observation_notes)."
        )
        return Indicator(
            id=self.id,
            name_nl=self.name_nl,
            name_en=self.name_en,
            definition_nl=self.def_nl + common,
            definition_en=self.def_en + common_en,
            unit=self.unit,
            direction=self.direction,
            period_type=self.period_type,
            notes=self.notes,
            concept=self.concept,
        )


_WORSE, _BETTER, _NEUTRAL = "higher_is_worse", "higher_is_better", "neutral"
PUBS = (
    Pub(
        "pub_vdab_werkloosheidsgraad",
        "Werkloosheidsgraad (VDAB, gepubliceerd)",
        "Unemployment rate (VDAB, published)",
        "VDAB-werkloosheidsgraad: niet-werkende werkzoekenden t.o.v. de beroepsbevolking, zoals VDAB (Arvastat, "
        "Wegwijs) en de pers die VDAB citeert hem publiceerden; jaargemiddelde of maand zoals de periode aangeeft.",
        "VDAB unemployment rate (werkloosheidsgraad): unemployed job seekers relative to the labour force, as "
        "published by VDAB (Arvastat, Wegwijs) and press quoting VDAB; annual average or month as the period says.",
        "%",
        _WORSE,
        "year",
        "unemployment_rate",
        "Not the ILO rate and not the RVA rate. VDAB later publishes the 'werkzoekendengraad'; the two are kept "
        "apart (pub_vdab_werkzoekendengraad).",
    ),
    Pub(
        "pub_vdab_werkzoekendengraad",
        "Werkzoekendengraad (VDAB, gepubliceerd)",
        "Job-seeker rate (VDAB, published)",
        "VDAB-werkzoekendengraad: werkzoekenden zonder werk (woonplaats) t.o.v. de beroepsbevolking, per maand zoals "
        "in de pers die VDAB citeert.",
        "VDAB job-seeker rate: unemployed job seekers (by residence) relative to the labour force, per month as "
        "in press quoting VDAB.",
        "%",
        _WORSE,
        "month",
        "unemployment_rate",
        "Monthly figures; the annual-average werkzoekendengraad per municipality is jobseeker_rate (vdab_jobseekers).",
    ),
    Pub(
        "pub_rva_werkloosheidsgraad",
        "Werkloosheidsgraad (RVA)",
        "Unemployment rate (RVA/ONEM)",
        "RVA-werkloosheidsgraad op basis van uitkeringsgerechtigde volledig werklozen (betalingen).",
        "RVA/ONEM unemployment rate based on fully unemployed benefit recipients (payments).",
        "%",
        _WORSE,
        "year",
        "unemployment_rate",
        "Benefit-based: excludes job seekers without benefits.",
    ),
    Pub(
        "pub_rva_benefit_unemployed",
        "Uitkeringsgerechtigde volledig werklozen (RVA, betalingen)",
        "Fully unemployed benefit recipients (RVA/ONEM, payments)",
        "Maandgemiddelde aantal betalingen aan uitkeringsgerechtigde volledig werklozen (RVA).",
        "Monthly average number of payments to fully unemployed benefit recipients (RVA/ONEM).",
        "persons",
        _WORSE,
        "year",
        "",
        "Counted as payments, which approximate persons.",
    ),
    Pub(
        "pub_vdab_nwwz_annual_avg",
        "Niet-werkende werkzoekenden, jaargemiddelde (VDAB, gepubliceerd)",
        "Unemployed job seekers, annual average (VDAB, published)",
        "Gemiddeld aantal niet-werkende werkzoekenden (NWWZ/WZW) over het jaar, zoals gepubliceerd.",
        "Average number of unemployed job seekers (NWWZ/WZW) over the year, as published.",
        "persons",
        _WORSE,
        "year",
        "unemployed_count",
    ),
    Pub(
        "pub_vdab_nwwz_month",
        "Niet-werkende werkzoekenden op het einde van de maand (VDAB, gepubliceerd)",
        "Unemployed job seekers at the end of the month (VDAB, published)",
        "Aantal niet-werkende werkzoekenden (NWWZ) op het einde van de maand, zoals gepubliceerd.",
        "Number of unemployed job seekers (NWWZ) at the end of the month, as published.",
        "persons",
        _WORSE,
        "month",
        "unemployed_count",
    ),
    Pub(
        "pub_vdab_werkzoekenden_unspecified",
        "Werkzoekenden (VDAB, definitie niet vermeld)",
        "Job seekers (VDAB, definition not stated)",
        "Aantal 'werkzoekenden' zoals de pagina het noemt; of werkende werkzoekenden meetellen, staat er niet bij.",
        "Number of 'job seekers' as the page calls them; whether working job seekers are included is not stated.",
        "persons",
        _WORSE,
        "month",
        "unemployed_count",
        "Do not compare directly with NWWZ series.",
    ),
    Pub(
        "pub_vdab_registered_citizens",
        "Bij VDAB ingeschreven burgers",
        "Citizens registered with VDAB",
        "Alle bij VDAB ingeschreven burgers (werkzoekenden zonder werk, werkenden, studenten en anderen).",
        "All citizens registered with VDAB (unemployed job seekers, people in work, students and others).",
        "persons",
        _NEUTRAL,
        "month",
    ),
    Pub(
        "pub_vdab_jobseeker_group_share",
        "Aandeel van een groep in de werkzoekenden (VDAB, gepubliceerd)",
        "Share of a group among job seekers (VDAB, published)",
        "Aandeel van een groep (leeftijd, duur, opleiding, herkomst, geslacht, in bemiddeling) in de niet-werkende "
        "werkzoekenden; jaargemiddelde (periode YYYY) of maand (YYYY-MM).",
        "Share of a group (age, duration, education, origin, sex, in mediation) among unemployed job seekers; "
        "annual average (period YYYY) or month (YYYY-MM).",
        "%",
        _NEUTRAL,
        "month",
        "",
        "Shares of different breakdowns each add up to about 100 % on their own.",
    ),
    Pub(
        "pub_vdab_vacancies_received_year",
        "Door VDAB ontvangen vacatures per jaar (gepubliceerd)",
        "Vacancies received by VDAB per year (published)",
        "Aantal vacatures dat VDAB in het kalenderjaar ontving, zoals gepubliceerd.",
        "Number of vacancies VDAB received in the calendar year, as published.",
        "vacancies",
        _NEUTRAL,
        "year",
        "vacancies_received",
        "Some pages state 'normal economic circuit, excluding temp-agency assignments' (see each note); older pages do not.",
    ),
    Pub(
        "pub_vdab_vacancies_received_month",
        "Door VDAB ontvangen vacatures per maand (gepubliceerd)",
        "Vacancies received by VDAB per month (published)",
        "Aantal vacatures dat VDAB in de maand ontving, zoals gepubliceerd.",
        "Number of vacancies VDAB received in the month, as published.",
        "vacancies",
        _NEUTRAL,
        "month",
        "vacancies_received",
    ),
    Pub(
        "pub_vdab_vacancies_received_12m",
        "Door VDAB ontvangen vacatures over 12 maanden (gepubliceerd)",
        "Vacancies received by VDAB over 12 months (published)",
        "Aantal vacatures dat VDAB ontving in de 12 maanden tot en met de maand van de periode.",
        "Number of vacancies VDAB received in the 12 months up to and including the period's month.",
        "vacancies",
        _NEUTRAL,
        "month",
        "vacancies_received",
    ),
    Pub(
        "pub_vdab_vacancies_received_share",
        "Aandeel in de door VDAB ontvangen vacatures (gepubliceerd)",
        "Share of the vacancies received by VDAB (published)",
        "Aandeel van een sector, opleidingsvereiste of provincie in de door VDAB ontvangen vacatures (jaar of 12 maanden).",
        "Share of a sector, required education or province in the vacancies received by VDAB (year or 12 months).",
        "%",
        _NEUTRAL,
        "year",
    ),
    Pub(
        "pub_vdab_vacancies_open",
        "Openstaande vacatures (gepubliceerd)",
        "Open vacancies (published)",
        "Aantal openstaande vacatures op het einde van de maand, zoals gepubliceerd (VDAB, Stad Gent).",
        "Number of open vacancies at the end of the month, as published (VDAB, Stad Gent).",
        "vacancies",
        _NEUTRAL,
        "month",
        "open_vacancies",
    ),
    Pub(
        "pub_vdab_spanningsindicator",
        "Spanningsindicator (VDAB, gepubliceerd)",
        "Tension indicator (VDAB, published)",
        "Gemiddeld aantal niet-werkende werkzoekenden per openstaande vacature over 12 maanden; lager = krapper.",
        "Average number of unemployed job seekers per open vacancy over 12 months; lower = tighter.",
        "ratio",
        _NEUTRAL,
        "month",
        "labour_market_tension",
    ),
    Pub(
        "pub_vdab_vacancy_fill_rate",
        "Invullingsgraad vacatures (VDAB, gepubliceerd)",
        "Vacancy fill rate (VDAB, published)",
        "Aandeel van de ontvangen vacatures dat ingevuld werd.",
        "Share of the received vacancies that were filled.",
        "%",
        _BETTER,
        "year",
    ),
    Pub(
        "pub_stadsmonitor_jobratio",
        "Jobratio (Stadsmonitor)",
        "Job ratio (Stadsmonitor)",
        "Totale tewerkstelling in de stad (werknemers en zelfstandigen) per 100 inwoners van 15-64 jaar, zoals "
        "gepubliceerd (de Stadsmonitor schrijft het als %).",
        "Total employment located in the city (employees and self-employed) per 100 inhabitants aged 15-64, as "
        "published (the Stadsmonitor writes it as a %).",
        "ratio",
        _NEUTRAL,
        "year",
        "jobratio",
        "Age band 15-64 as the Stadsmonitor page defines it; the 2021 Gemeente-Stadsmonitor page only says 'jobs per "
        "100 inhabitants'.",
    ),
    Pub(
        "pub_stadsmonitor_in_commuting",
        "Inkomende pendelintensiteit (Stadsmonitor)",
        "In-commuting intensity (Stadsmonitor)",
        "Loontrekkenden die buiten de stad wonen en in de stad werken, t.o.v. alle loontrekkenden die in de stad werken.",
        "Employees living outside the city and working in it, relative to all employees working in the city.",
        "%",
        _NEUTRAL,
        "year",
        "in_commuter_share",
    ),
    Pub(
        "pub_stadsmonitor_out_commuting",
        "Uitgaande pendelintensiteit (Stadsmonitor)",
        "Out-commuting intensity (Stadsmonitor)",
        "Loontrekkenden die in de stad wonen en buiten de stad werken, t.o.v. alle loontrekkenden die in de stad wonen.",
        "Employees living in the city and working outside it, relative to all employees living in the city.",
        "%",
        _NEUTRAL,
        "year",
        "out_commuter_share",
    ),
    Pub(
        "pub_stad_gent_werkzaamheidsgraad",
        "Werkzaamheidsgraad Gent (Stad Gent)",
        "Employment rate Gent (City of Gent)",
        "Werkzaamheidsgraad van Gent zoals Stad Gent en haar schepen hem noemen (Arbeidspact); leeftijdsgroep niet vermeld.",
        "Employment rate of Gent as the City and its alderman state it (Arbeidspact); age band not stated.",
        "%",
        _BETTER,
        "year",
        "employment_rate",
    ),
    Pub(
        "pub_vdab_werkzaamheidsgraad",
        "Werkzaamheidsgraad (VDAB, gepubliceerd)",
        "Employment rate (VDAB, published)",
        "Aandeel van de bevolking op actieve leeftijd dat werkt, zoals VDAB het in de pers noemde; leeftijdsgroep niet vermeld.",
        "Share of the working-age population in work as VDAB put it in the press; age band not stated.",
        "%",
        _BETTER,
        "month",
        "employment_rate",
    ),
    Pub(
        "pub_vdab_wegwijs_werkzaamheidsgraad_18_65",
        "Werkzaamheidsgraad 18-65 (VDAB Wegwijs)",
        "Employment rate 18-65 (VDAB Wegwijs)",
        "Werkenden per 100 inwoners van 18-65 jaar (VDAB, Wegwijs op de Vlaamse arbeidsmarkt 2005).",
        "People in work per 100 inhabitants aged 18-65 (VDAB, Wegwijs op de Vlaamse arbeidsmarkt 2005).",
        "%",
        _BETTER,
        "year",
        "employment_rate",
        "Period = edition year; the data year is not stated.",
    ),
    Pub(
        "pub_fod_waso_werkzaamheidsgraad",
        "Werkzaamheidsgraad naar nationaliteit (FOD WASO)",
        "Employment rate by nationality (FPS Employment)",
        "Werkzaamheidsgraad naar nationaliteit zoals FOD WASO hem publiceerde; leeftijdsgroep niet vermeld.",
        "Employment rate by nationality as published by FPS Employment; age band not stated.",
        "%",
        _BETTER,
        "year",
        "employment_rate",
    ),
    Pub(
        "pub_lfs_werkzaamheidsgraad_25_64",
        "Werkzaamheidsgraad 25-64 (EAK/LFS)",
        "Employment rate 25-64 (LFS)",
        "Werkend deel van de bevolking van 25-64 jaar (enquête naar de arbeidskrachten, Eurostat), zoals geciteerd.",
        "Employed share of the population aged 25-64 (Labour Force Survey, Eurostat), as quoted.",
        "%",
        _BETTER,
        "year",
        "employment_rate",
    ),
    Pub(
        "pub_werkzaamheidsgraad_20_64",
        "Werkzaamheidsgraad 20-64 (gepubliceerd)",
        "Employment rate 20-64 (published)",
        "Werkenden in % van de bevolking van 20-64 jaar (EU-definitie), zoals Steunpunt Werk en een KU Leuven-studie "
        "hem publiceerden.",
        "Employed persons as % of the population aged 20-64 (EU definition), as published by Steunpunt Werk and a "
        "KU Leuven study.",
        "%",
        _BETTER,
        "year",
        "employment_rate",
    ),
    Pub(
        "pub_ksz_werkgelegenheidsgraad_18_64",
        "Werkgelegenheidsgraad 18-64 (KSZ, woonplaats)",
        "Employment rate 18-64 (Crossroads Bank, by residence)",
        "Werkenden 18-64 jaar in % van de inwoners 18-64, naar woonplaats, uit administratieve gegevens (KSZ).",
        "Employed persons aged 18-64 as % of residents aged 18-64, by residence, from administrative data (KSZ).",
        "%",
        _BETTER,
        "year",
        "employment_rate",
    ),
    Pub(
        "pub_lfs_share_working_by_birth",
        "Aandeel werkend naar geboorteland (EAK, Steunpunt Werk)",
        "Share in work by country of birth (LFS, Steunpunt Werk)",
        "Arbeidsmarktpositie volgens de ILO-definitie (EAK): aandeel werkenden in de bevolking, naar geboorteland.",
        "Labour-market position on the ILO definition (LFS): share in work of the population, by country of birth.",
        "%",
        _BETTER,
        "year",
        "employment_rate",
        "With pub_lfs_share_unemployed_by_birth and pub_lfs_share_inactive_by_birth it adds up to about 100 %.",
    ),
    Pub(
        "pub_lfs_share_unemployed_by_birth",
        "Aandeel werkloos (ILO) naar geboorteland (EAK, Steunpunt Werk)",
        "Share unemployed (ILO) by country of birth (LFS, Steunpunt Werk)",
        "Aandeel ILO-werklozen in de bevolking (niet in de beroepsbevolking), naar geboorteland.",
        "Share of ILO-unemployed persons in the population (not in the labour force), by country of birth.",
        "%",
        _WORSE,
        "year",
        "unemployed_share_of_population",
        "Not an unemployment rate: the denominator is the population.",
    ),
    Pub(
        "pub_lfs_share_inactive_by_birth",
        "Aandeel niet-beroepsactief naar geboorteland (EAK, Steunpunt Werk)",
        "Share economically inactive by country of birth (LFS, Steunpunt Werk)",
        "Aandeel niet-beroepsactieven in de bevolking, naar geboorteland (ILO-definitie, EAK).",
        "Share of economically inactive persons in the population, by country of birth (ILO definition, LFS).",
        "%",
        _NEUTRAL,
        "year",
        "inactive_share_of_population",
    ),
    Pub(
        "pub_lfs_unemployed_pct_pop_25_64",
        "Werklozen in % van de bevolking 25-64 (EAK/LFS)",
        "Unemployed as % of the population 25-64 (LFS)",
        "Werklozen (actief zoekend) in % van de bevolking van 25-64 jaar (Eurostat EAK), zoals geciteerd.",
        "Unemployed persons (actively seeking) as % of the population aged 25-64 (Eurostat LFS), as quoted.",
        "%",
        _WORSE,
        "year",
        "unemployed_share_of_population",
        "Not an unemployment rate: the denominator is the population.",
    ),
    Pub(
        "pub_lfs_inactive_pct_pop_25_64",
        "Inactieven in % van de bevolking 25-64 (EAK/LFS)",
        "Inactive as % of the population 25-64 (LFS)",
        "Niet-beroepsactieven in % van de bevolking van 25-64 jaar (Eurostat EAK), zoals geciteerd.",
        "Economically inactive persons as % of the population aged 25-64 (Eurostat LFS), as quoted.",
        "%",
        _NEUTRAL,
        "year",
        "inactive_share_of_population",
    ),
    Pub(
        "pub_share_high_educated_by_birth",
        "Aandeel hooggeschoolden naar geboorteland (Steunpunt Werk)",
        "Share highly educated by country of birth (Steunpunt Werk)",
        "Aandeel hooggeschoolden in de bevolking, naar geboorteland (EAK, Vlaams Gewest).",
        "Share of highly educated persons in the population, by country of birth (LFS, Flemish Region).",
        "%",
        _NEUTRAL,
        "year",
    ),
    Pub(
        "pub_share_low_educated_by_birth",
        "Aandeel laaggeschoolden naar geboorteland (Steunpunt Werk)",
        "Share low educated by country of birth (Steunpunt Werk)",
        "Aandeel laaggeschoolden in de bevolking, naar geboorteland (EAK, Vlaams Gewest).",
        "Share of low-educated persons in the population, by country of birth (LFS, Flemish Region).",
        "%",
        _NEUTRAL,
        "year",
    ),
    Pub(
        "pub_activiteitsgraad",
        "Activiteitsgraad naar herkomst (Vlaamse Arbeidsrekening)",
        "Activity rate by origin (Flemish labour accounts)",
        "Beroepsbevolking in % van de bevolking op arbeidsleeftijd, naar herkomst (Datawarehouse AM&SB, Vlaamse "
        "Arbeidsrekening), zoals Werk.Focus het samenvatte.",
        "Labour force as % of the working-age population, by origin (Datawarehouse AM&SB, Flemish labour accounts), "
        "as summarised by Werk.Focus.",
        "%",
        _BETTER,
        "year",
        "activity_rate",
    ),
    Pub(
        "pub_integratiemonitor_foreign_origin_share",
        "Aandeel inwoners van buitenlandse herkomst (Integratiemonitor)",
        "Share of residents of foreign origin (Integration monitor)",
        "Inwoners met een huidige buitenlandse nationaliteit, genaturaliseerde Belgen en hun kinderen, in % van alle "
        "inwoners (Vlaamse integratiemonitor, via Knack).",
        "Residents with a current foreign nationality, naturalised Belgians and their children, as % of all residents "
        "(Flemish integration monitor, via Knack).",
        "%",
        _NEUTRAL,
        "year",
        "foreign_origin_share",
        "Origin, not nationality; definition differs from statbel_origin's.",
    ),
    Pub(
        "pub_share_labour_force_at_work",
        "Aandeel van de beroepsbevolking aan het werk (zoals geciteerd)",
        "Share of the labour force in work (as quoted)",
        "'72% van de Gentse beroepsbevolking aan de slag', zoals het artikel het zegt; de definitie is onduidelijk.",
        "'72% of Gent's labour force in work', as the article says; the definition is unclear.",
        "%",
        _BETTER,
        "month",
        "employment_rate",
    ),
    Pub(
        "pub_non_belgian_origin_labour_force_share",
        "Aandeel niet-Belgische herkomst in de beroepsbevolking (Gent)",
        "Share of non-Belgian origin in the labour force (Gent)",
        "Aandeel personen van niet-Belgische herkomst in de Gentse beroepsbevolking, zoals het bestuursakkoord 2019-2024 "
        "het vermeldt ('momenteel 30%').",
        "Share of people of non-Belgian origin in Gent's labour force, as the 2019-2024 coalition agreement states it "
        "('currently 30%').",
        "%",
        _NEUTRAL,
        "month",
    ),
    Pub(
        "pub_able_to_work_without_job_estimate",
        "Werkbekwamen zonder job (schatting Stad Gent)",
        "People able to work without a job (City of Gent estimate)",
        "'Naar schatting 12.000 mensen die werkbekwaam zijn, maar nog geen job hebben' (Stad Gent, via VRT).",
        "'An estimated 12,000 people who are able to work but have no job' (City of Gent, via VRT).",
        "persons",
        _WORSE,
        "month",
    ),
)
INDICATOR_IDS = {p.id for p in PUBS}

# Exact `indicator` text -> indicator id (rows whose id depends on more than the text are in `classify`).
BY_TEXT = {
    "werkloosheidsgraad": "pub_vdab_werkloosheidsgraad",
    "werkzoekendengraad": "pub_vdab_werkzoekendengraad",
    "werkloosheidsgraad (RVA)": "pub_rva_werkloosheidsgraad",
    "uitkeringsgerechtigde werklozen (betalingen)": "pub_rva_benefit_unemployed",
    "werkzoekenden": "pub_vdab_werkzoekenden_unspecified",
    "werkzoekenden ingeschreven bij VDAB": "pub_vdab_werkzoekenden_unspecified",
    "ingeschreven burgers bij VDAB": "pub_vdab_registered_citizens",
    "share of NWWZ": "pub_vdab_jobseeker_group_share",
    "share of job seekers aged under 25": "pub_vdab_jobseeker_group_share",
    "share of allochtonen among job seekers": "pub_vdab_jobseeker_group_share",
    "share of NWWZ in bemiddeling": "pub_vdab_jobseeker_group_share",
    "share of vacatures ontvangen": "pub_vdab_vacancies_received_share",
    "openstaande vacatures": "pub_vdab_vacancies_open",
    "open vacatures": "pub_vdab_vacancies_open",
    "spanningsindicator": "pub_vdab_spanningsindicator",
    "invullingsgraad vacatures": "pub_vdab_vacancy_fill_rate",
    "jobratio": "pub_stadsmonitor_jobratio",
    "inkomende pendelintensiteit": "pub_stadsmonitor_in_commuting",
    "uitgaande pendelintensiteit": "pub_stadsmonitor_out_commuting",
    "werkzaamheidsgraad (25-64)": "pub_lfs_werkzaamheidsgraad_25_64",
    "werkzaamheidsgraad (20-64)": "pub_werkzaamheidsgraad_20_64",
    "werkgelegenheidsgraad (18-64)": "pub_ksz_werkgelegenheidsgraad_18_64",
    "share working (werkzaamheid)": "pub_lfs_share_working_by_birth",
    "share unemployed (ILO)": "pub_lfs_share_unemployed_by_birth",
    "share not economically active": "pub_lfs_share_inactive_by_birth",
    "werklozen als % bevolking 25-64": "pub_lfs_unemployed_pct_pop_25_64",
    "inactieven als % bevolking 25-64": "pub_lfs_inactive_pct_pop_25_64",
    "share high-educated": "pub_share_high_educated_by_birth",
    "share low-educated": "pub_share_low_educated_by_birth",
    "activiteitsgraad": "pub_activiteitsgraad",
    "share of residents of foreign origin": "pub_integratiemonitor_foreign_origin_share",
    "share of labour force at work": "pub_share_labour_force_at_work",
    "share of persons of non-Belgian origin in labour force": "pub_non_belgian_origin_labour_force_share",
    "people able to work but without a job (estimate)": "pub_able_to_work_without_job_estimate",
}
PROJECT_PREFIXES = (
    "Max Mobiel",
    "Jobteam",
    "Werkpunten",
    "Beroepenhuis",
    "Mobiel Arbeidsteam",
    "Mobiel arbeidsteam",
)

# Breakdown text as published -> (breakdown, category code).
BREAKDOWNS = {
    "": (TOTAL, TOTAL),
    "total": (TOTAL, TOTAL),
    "men": ("sex", "men"),
    "women": ("sex", "women"),
    "age <25": ("age", "<25"),
    "age < 25": ("age", "<25"),
    "age 25-59": ("age", "25-59"),
    "age 60+": ("age", "60+"),
    "duration < 1 year": ("duration", "<1y"),
    "duration 1-2 years": ("duration", "1-2y"),
    "duration > 2 years": ("duration", ">2y"),
    "low educated": ("education", "low"),
    "medium educated": ("education", "medium"),
    "high educated": ("education", "high"),
    "allochtonen": ("origin", "allochtoon"),
    "allochtoon": ("origin", "allochtoon"),
    "Belgian origin": ("origin", "belgian"),
    "other EU28 origin": ("origin", "eu_other"),
    "non-EU origin": ("origin", "non_eu"),
    "non-EU background (niet-EU-achtergrond)": ("origin", "non_eu"),
    "excluding Dutch origin": ("origin_scope", "excl_dutch"),
    "nationality Belgian": ("nationality", "belgian"),
    "nationality EU": ("nationality", "eu_excl_belgian"),
    "nationality non-EU": ("nationality", "non_eu"),
    "recent EU immigrants (<5 years in Belgium)": ("recent_migrants", "eu_lt5y"),
    "recent non-EU immigrants (<5 years in Belgium)": ("recent_migrants", "non_eu_lt5y"),
    "born in Belgium": ("birth_country", "belgium"),
    "born in other EU27 country": ("birth_country", "eu27_other"),
    "born outside EU": ("birth_country", "non_eu"),
    "high-educated required": ("required_education", "high"),
    "medium-educated": ("required_education", "medium"),
    "low-educated (no specific requirement or max. 2nd grade secondary)": (
        "required_education",
        "low",
    ),
    "low-educated": ("required_education", "low"),
    "sector zakelijke dienstverlening": ("sector", "zakelijke_dienstverlening"),
    "sector groot- en kleinhandel": ("sector", "handel"),
    "sector maatschappelijke dienstverlening": ("sector", "maatschappelijke_dienstverlening"),
    "sector onderwijs": ("sector", "onderwijs"),
    "province Antwerpen": ("province", "10000"),
    "province Limburg": ("province", "70000"),
    "all occupations": (TOTAL, TOTAL),
    "occupation: verpleegkundigen": ("occupation", "verpleegkundigen"),
    "excluding students": ("population_scope", "excl_students"),
    "non-Belgian origin": ("origin", "non_belgian"),
}


_MONTH = r"(\d{4})-(\d{2})"


def _end_of_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def _month(year, month) -> tuple[str, str]:
    y, m = int(year), int(month)
    if not 1 <= m <= 12:
        raise ValueError(f"month {m}")
    return f"{y:04d}-{m:02d}", _end_of_month(y, m)


def _year(year) -> tuple[str, str]:
    return str(int(year)), f"{int(year)}-12-31"


# (pattern, kind, how the period is derived, note). kind: year | month | 12m.
PERIOD_RULES = (
    (r"^(\d{4})(?: \((?:annual|monthly) average\))?$", "year", lambda m: _year(m[1]), ""),
    (rf"^{_MONTH}(?: \(end of month\))?$", "month", lambda m: _month(m[1], m[2]), ""),
    (
        r"^(\d{4})-(\d{2})-(\d{2})$",
        "month",
        lambda m: _month(m[1], m[2]),
        "a month-end date, stored as that month",
    ),
    (rf"^{_MONTH} \(as published\)$", "month", lambda m: _month(m[1], m[2]), ""),
    (
        rf"^(?:\d{{4}} \()?as published {_MONTH}\)?$",
        "month",
        lambda m: _month(m[1], m[2]),
        "reference period not stated; publication month used",
    ),
    (
        rf"^not stated \(published {_MONTH}\)$",
        "month",
        lambda m: _month(m[1], m[2]),
        "reference period not stated; publication month used",
    ),
    (
        rf"^latest year as published {_MONTH} \(likely \d{{4}}\)$",
        "month",
        lambda m: _month(m[1], m[2]),
        "reference period not stated; publication month used",
    ),
    (
        rf"^as stated {_MONTH}/\d{{4}}$",
        "month",
        lambda m: _month(m[1], m[2]),
        "reference period not stated; month of the statement used",
    ),
    (
        r"^(\d{4}) baseline \(Arbeidspact\)$",
        "month",
        lambda m: _month(m[1], 7),
        "Arbeidspact baseline, launched 2 July 2019; the month of the launch used",
    ),
    (
        r"^(\d{4}) \(at launch of Arbeidspact, 2 July \d{4}\)$",
        "month",
        lambda m: _month(m[1], 7),
        "as of the Arbeidspact launch, 2 July 2019",
    ),
    (
        r"^Wegwijs editie (\d{4})$",
        "year",
        lambda m: _year(m[1]),
        "edition year of the publication; data year not stated",
    ),
    (
        r"^not stated \(monitor with (\d{4}) employment data\)$",
        "year",
        lambda m: _year(m[1]),
        "reference period not stated; the year of the monitor's employment data used",
    ),
    (
        r"^(\d{4}) \(12 months to mid-(\d{4})\)$",
        "month",
        lambda m: _month(m[2], 6),
        "12 months to mid-year; June used",
    ),
    (rf"^12 months to ~?{_MONTH}$", "12m", lambda m: _month(m[1], m[2]), ""),
    (rf"^{_MONTH} to {_MONTH} \(12 months\)$", "12m", lambda m: _month(m[3], m[4]), ""),
    (
        r"^as published with Gemeente-Stadsmonitor (\d{4}) \(survey [^)]*\)$",
        "year",
        lambda m: _year(m[1]),
        "reference period not stated; edition year of the Gemeente-Stadsmonitor used",
    ),
)


def parse_period(text: str) -> tuple[str, str, str, str] | None:
    """(period, ref_date, kind, note) for a published period text, or None if no rule applies."""
    for pattern, kind, derive, note in PERIOD_RULES:
        m = re.match(pattern, text.strip())
        if m:
            period, ref_date = derive(m)
            if "~" in text:
                note = "approximate end month ('~' on the page)"
            return period, ref_date, kind, note
    return None


def skip_reason(row: dict) -> str | None:
    """Why a row is not a loadable level, or None."""
    ind, period, unit = row["indicator"], row["period"], row["unit"]
    if ind.startswith(PROJECT_PREFIXES) or row["geography"].startswith("Gent ("):
        return "target" if "target" in ind.lower() else "project"
    if "target" in ind.lower() or "target" in period.lower():
        return "target"
    if ind.startswith(("change in", "projected change")) or "kloof" in ind:
        return "difference"
    if "(more than)" in unit:
        return "lower_bound"
    if period.strip() == "not stated on page":
        return "no_period"
    if not row["nis_code"] and row["geography"].strip() not in EXTRA_GEOS:
        return "no_area"
    return None


def classify(row: dict, kind: str) -> str | None:
    """Indicator id for a loadable row: by its text, then by publisher/definition where one text hides several."""
    ind, pub, defn = row["indicator"], row["publisher"], row["definition"]
    if ind == "niet-werkende werkzoekenden (NWWZ)":
        return "pub_vdab_nwwz_annual_avg" if kind == "year" else "pub_vdab_nwwz_month"
    if ind == "vacatures ontvangen door VDAB":
        return {
            "year": "pub_vdab_vacancies_received_year",
            "month": "pub_vdab_vacancies_received_month",
            "12m": "pub_vdab_vacancies_received_12m",
        }[kind]
    if ind == "werkzaamheidsgraad":
        if "FOD WASO" in pub:
            return "pub_fod_waso_werkzaamheidsgraad"
        if "Wegwijs" in defn:
            return "pub_vdab_wegwijs_werkzaamheidsgraad_18_65"
        if pub.startswith("Stad Gent") or "Van Braeckevelt" in defn:
            return "pub_stad_gent_werkzaamheidsgraad"
        if "VDAB" in pub:
            return "pub_vdab_werkzaamheidsgraad"
        return None
    return BY_TEXT.get(ind)


def _value(row: dict, indicator_id: str) -> tuple[float, str]:
    """The number in the indicator's unit, and a note on any qualifier or conversion."""
    try:
        value = float(row["value"])
    except ValueError:
        raise ValueError(f"value {row['value']!r} is not a number") from None
    unit = row["unit"]
    notes = []
    qualifier = re.search(r"\((approx\.|just over|estimate)[^)]*\)", unit)
    if qualifier:
        notes.append(f"value qualified on the page: {qualifier.group(1)}")
    return value, "; ".join(notes)


def read_figures(path: Path, source: str = NAME) -> pd.DataFrame:
    return read_table(path, source, "figures file", columns=COLUMNS, nonempty=True)


def load(snapshot: Path, source: str = NAME) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, int]]:
    """(observations, notes, skipped-count per reason) from figures.csv; strict on anything unforeseen."""
    path = snapshot / FILE
    df = read_figures(path, source)
    obs, notes = [], []
    skipped = dict.fromkeys(SKIP_REASONS, 0)
    for i, row in enumerate(df.to_dict("records")):
        line = i + 2  # header is line 1
        reason = skip_reason(row)
        if reason:
            skipped[reason] += 1
            continue
        parsed = parse_period(row["period"])
        if parsed is None:
            raise SourceError(
                source, f"line {line}: period {row['period']!r} matches no documented rule", path
            )
        period, ref_date, kind, period_note = parsed
        indicator_id = classify(row, kind)
        if indicator_id is None:
            raise SourceError(
                source,
                f"line {line}: no indicator for {row['indicator']!r} ({row['publisher']})",
                path,
            )
        bd = BREAKDOWNS.get(row["breakdown"].strip())
        if bd is None:
            raise SourceError(source, f"line {line}: unknown breakdown {row['breakdown']!r}", path)
        geo = row["nis_code"].strip() or EXTRA_GEOS[row["geography"].strip()][0]
        try:
            value, value_note = _value(row, indicator_id)
        except ValueError as exc:
            raise SourceError(source, f"line {line}: {exc}", path) from None
        key = {
            "indicator_id": indicator_id,
            "geo_code": geo,
            "period": period,
            "breakdown": bd[0],
            "breakdown_value": bd[1],
        }
        obs.append({**key, "ref_date": ref_date, "value": value, "line": line})
        note = "; ".join(
            x
            for x in (
                f"period as published: {row['period']}",
                period_note,
                f"unit as published: {row['unit']}",
                value_note,
                f"definition on the page: {row['definition']}" if row["definition"] else "",
                f"breakdown as published: {row['breakdown']}" if row["breakdown"] else "",
                f"figures.csv line {line}",
            )
            if x
        )
        notes.append(
            {
                **key,
                "url": row["source_url"],
                "title": row["source_title"],
                "publisher": row["publisher"],
                "note": note,
            }
        )
    frame = pd.DataFrame(obs)
    keycols = ["indicator_id", "geo_code", "period", "breakdown", "breakdown_value"]
    for _, group in frame.groupby(keycols):
        if group["value"].nunique() > 1:
            lines = ", ".join(str(x) for x in group["line"])
            raise SourceError(
                source,
                f"lines {lines}: different values {sorted(group['value'].unique())} for the same "
                f"indicator, place, period and group",
                path,
            )
    frame = frame.drop_duplicates(keycols).drop(columns="line")
    return observations_frame(frame), pd.DataFrame(notes), skipped


class PublishedFigures(ManualSource):
    name = NAME
    title_nl = "Gepubliceerde cijfers (VDAB, Stad Gent, Statbel, Steunpunt Werk, pers)"
    title_en = "Published figures (VDAB, City of Gent, Statbel, Steunpunt Werk, press)"
    publisher = "Various (VDAB, Stad Gent, Stadsmonitor, Statistiek Vlaanderen, RVA, Steunpunt Werk, press quoting them)"
    licence = "Facts quoted from public pages; each page's own terms apply (unverified)"
    url = PAGE_URL
    attribution = "Per figure: the page in observation_notes.url and its publisher"
    period_covered = "2005-2023 (mostly 2009-2023)"
    release_rhythm = ReleaseRhythm("irregular")  # figures read from reports as they appear
    caveats = (
        "Read by hand from stored copies of 56 public pages (shared/data/published_figures/figures.csv, 308 rows); "
        "several are press articles or politicians' pages quoting VDAB or Stad Gent. Each definition is its own "
        "indicator; never combine them into one series. 219 of the 308 rows are loaded (213 observations: the "
        "same figure on several pages is one observation with one note per page). Not loaded: 70 differences "
        "(year-on-year changes, gaps in percentage points, projections), 4 policy targets, 9 project outputs, "
        "1 lower bound, 4 figures without a date and 1 figure for 'Regio Gent'. Periods the page did not state "
        "are mapped to the "
        "publication month; every such mapping, qualifier (approx.) and the period as published is in the "
        "observation's note."
    )
    files = (
        RawFile(FILE, PAGE_URL, "figures read by hand from public pages; one source URL per row"),
    )
    indicators = tuple(p.indicator() for p in PUBS)

    how_to_obtain = (
        "there is nothing to download: the figures were read by hand from public pages. Add rows to a copy "
        "of figures.csv and import it with `python -m pipelines snapshot published_figures figures.csv "
        '--id <date> --origin "..."`'
    )

    def parse(self, snapshot: Path) -> pd.DataFrame:
        return load(snapshot, self.name)[0]

    def observation_notes(self, snapshot: Path) -> pd.DataFrame:
        return load(snapshot, self.name)[1]

    def geographies(self, snapshot: Path) -> pd.DataFrame:
        """The non-NIS areas some pages report on (EU, the 13 centrumsteden average)."""
        return pd.DataFrame(
            [
                {
                    "geo_code": code,
                    "level": level,
                    "parent_code": None,
                    "name_nl": nl,
                    "name_fr": fr,
                    "name_en": en,
                    "nuts_code": None,
                }
                for code, level, nl, fr, en in EXTRA_GEOS.values()
            ]
        )


SOURCE = PublishedFigures()
