"""VDAB job seekers per Flemish municipality, 2014-2024 (Provincies in Cijfers export).

Why this source: it is the only file we have that gives the werkzoekendengraad and the number of
job seekers for every Flemish municipality over ten years, so Gent can be compared with Antwerpen,
Genk, Oostende and the rest of Flanders, with breakdowns by sex, age, nationality, origin and
residential mobility.

The export is read by `pipelines/provincies_in_cijfers.py`, shared with `vdab_vacancies`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipelines.freshness import ReleaseRhythm
from pipelines.provincies_in_cijfers import NETBECK_RAW
from pipelines.provincies_in_cijfers import Series
from pipelines.provincies_in_cijfers import export_observations
from pipelines.provincies_in_cijfers import read_export
from pipelines.source import Indicator
from pipelines.source import RawFile
from pipelines.source import Source

FILE = "unemployment_jobseekers_data.xlsx"

# Export header (normalised) -> tidy series. The breakdown rows are kept apart from the totals.
SERIES = {
    "werkzoekendengraad (jaargemiddelde) [%]": Series("jobseeker_rate", percent=True),
    "werkzoekendengraad mannen (jaargemiddelde) [%]": Series("jobseeker_rate", "sex", "men", True),
    "werkzoekendengraad vrouwen (jaargemiddelde) [%]": Series("jobseeker_rate", "sex", "women", True),
    "werkzoekendengraad 18-24 jaar (jaargemiddelde) [%]": Series("jobseeker_rate", "age", "18-24", True),
    "werkzoekendengraad 25-59 jaar (jaargemiddelde) [%]": Series("jobseeker_rate", "age", "25-59", True),
    "werkzoekendengraad 60-64 jaar (jaargemiddelde) [%]": Series("jobseeker_rate", "age", "60-64", True),
    "werkzoekenden zonder werk (jaargemiddelde) [aantal]": Series("jobseekers_nwwz"),
    "WZW [aantal]": Series("jobseekers_wzw"),
    "WZW (t.o.v. inwoners 18-64 jaar) [%]": Series("jobseekers_wzw_rate", percent=True),
    "WZW Belg [aantal]": Series("jobseekers_wzw", "nationality", "belgian"),
    "WZW EU (excl. Belg) [aantal]": Series("jobseekers_wzw", "nationality", "eu_excl_belgian"),
    "WZW niet-EU [aantal]": Series("jobseekers_wzw", "nationality", "non_eu"),
    "WZW Belgische herkomst [aantal]": Series("jobseekers_wzw", "origin", "belgian"),
    "WZW EU herkomst (excl. Belg) [aantal]": Series("jobseekers_wzw", "origin", "eu_excl_belgian"),
    "WZW niet-EU herkomst [aantal]": Series("jobseekers_wzw", "origin", "non_eu"),
    "WZW vorig jaar wonend in dezelfde gemeente [aantal]": Series(
        "jobseekers_wzw", "residence_prev_year", "same_municipality"
    ),
    "WZW vorig jaar wonend in een andere gemeente [aantal]": Series(
        "jobseekers_wzw", "residence_prev_year", "other_municipality"
    ),
    "WZW vorig jaar wonend in het buitenland [aantal]": Series("jobseekers_wzw", "residence_prev_year", "abroad"),
    "WZW volgend jaar wonend in dezelfde gemeente [aantal]": Series(
        "jobseekers_wzw", "residence_next_year", "same_municipality"
    ),
    "WZW volgend jaar wonend in een andere gemeente [aantal]": Series(
        "jobseekers_wzw", "residence_next_year", "other_municipality"
    ),
    "WZW volgend jaar wonend in het buitenland [aantal]": Series("jobseekers_wzw", "residence_next_year", "abroad"),
}

_WZW_LINK_NL = (
    "De geanonimiseerde VDAB-gegevens (situatie 31/12) zijn gekoppeld aan het Rijksregister (situatie 1/1, "
    "correcties tot 1/3); de woonplaats is het domicilieadres (VDAB zelf toont het verblijfsadres)."
)
_WZW_LINK_EN = (
    "Anonymised VDAB records (situation on 31 Dec) linked to the National Register (situation on 1 Jan, "
    "corrections up to 1 March); residence is the registered (domicile) address, whereas VDAB's own "
    "figures use the address where people actually stay."
)


class VdabJobseekers(Source):
    name = "vdab_jobseekers"
    title_nl = "Werkzoekenden per gemeente (VDAB, via Provincies in Cijfers)"
    title_en = "Job seekers per municipality (VDAB, via Provincies in Cijfers)"
    publisher = "VDAB; export by Data & Analyse van de Vlaamse provincies (Provincies in Cijfers)"
    licence = "unverified: Provincies in Cijfers publishes for reuse; terms not checked"
    url = "https://provincies.incijfers.be/"
    attribution = (
        "Bron: VDAB | provincies.incijfers.be; WZW-reeksen: VDAB en Rijksregister | provincies.incijfers.be "
        "(rapport \"Werkloosheid - gemeenten\", export 21 mei 2026)"
    )
    period_covered = "2014-2024 (WZW 2015-2024)"
    release_rhythm = ReleaseRhythm("yearly", lag_days=75)  # yearly averages, out about March
    caveats = (
        "Export of the Provincies in Cijfers report \"Werkloosheid - gemeenten\" (21 May 2026); the copy used was "
        "found in github.com/NetBeck22/education, not downloaded from the publisher. All years are presented on "
        "the 2025 municipal boundaries (after the 2025 mergers). The 4 rest rows (\"Buiten Vlaanderen en "
        "Brussel\", \"Niet te lokaliseren\", \"Niet te lokaliseren - Brussel\", \"Niet te lokaliseren - "
        "Vlaanderen\") are not places and are skipped. Special codes are kept as a status, never as 0: "
        "'-' no value, 'x' hidden (small numbers), '?' missing, 'nvt' not applicable. The WZW series start in "
        "2015; the 2014 column (all '-') is not loaded. The rate is VDAB's werkzoekendengraad, not the ILO "
        "unemployment rate. No education or unemployment-duration breakdown in this file."
    )
    files = (
        RawFile(
            FILE,
            NETBECK_RAW + FILE,
            "Provincies in Cijfers export 'Werkloosheid - gemeenten' (21 May 2026), copy in NetBeck22/education",
        ),
    )
    indicators = (
        Indicator(
            id="jobseeker_rate",
            name_nl="Werkzoekendengraad (jaargemiddelde)",
            name_en="Job-seeker rate (annual average)",
            definition_nl=(
                "Niet-werkende werkzoekenden (NWWZ, jaargemiddelde) als percentage van de beroepsbevolking, "
                "naar woonplaats. Ook per geslacht en per leeftijdsgroep (18-24, 25-59, 60-64 jaar); die "
                "opdelingen staan los van het totaal."
            ),
            definition_en=(
                "Unemployed job seekers (NWWZ, annual average) as a percentage of the labour force, by place of "
                "residence. Also by sex and by age group (18-24, 25-59, 60-64); those rows are separate from the "
                "total."
            ),
            unit="%",
            direction="higher_is_worse",
            period_type="year",
            period_kind="annual_average",
            numerator="niet-werkende werkzoekenden (NWWZ), jaargemiddelde / unemployed job seekers, annual average",
            denominator="beroepsbevolking / labour force (working + unemployed) of the same group",
            notes=(
                "VDAB werkzoekendengraad, not the ILO unemployment rate (which comes from the Labour Force "
                "Survey and is lower). The export gives a fraction (0.144); stored as percent (14.4)."
            ),
            concept="unemployment_rate",
        ),
        Indicator(
            id="jobseekers_nwwz",
            name_nl="Werkzoekenden zonder werk (jaargemiddelde)",
            name_en="Unemployed job seekers (annual average)",
            definition_nl="Gemiddeld aantal niet-werkende werkzoekenden (NWWZ) over de 12 maanden, naar woonplaats.",
            definition_en="Average number of unemployed job seekers (NWWZ) over the 12 months, by place of residence.",
            unit="persons",
            direction="higher_is_worse",
            period_type="year",
            period_kind="annual_average",
            numerator="niet-werkende werkzoekenden (NWWZ), jaargemiddelde / unemployed job seekers, annual average",
            notes="Total only. Numerator of jobseeker_rate.",
            concept="unemployed_count",
        ),
        Indicator(
            id="jobseekers_wzw",
            name_nl="Werkzoekenden zonder werk op 31/12 (WZW)",
            name_en="Unemployed job seekers on 31 December (WZW)",
            definition_nl=(
                "Aantal werkzoekenden zonder werk op 31 december, gekoppeld aan het Rijksregister. Totaal en "
                "opdelingen naar nationaliteit, herkomst, en woonplaats het vorige en het volgende jaar (dezelfde "
                "gemeente, een andere gemeente, buitenland); elke opdeling staat los van het totaal. "
                + _WZW_LINK_NL
            ),
            definition_en=(
                "Number of unemployed job seekers on 31 December, linked with the National Register. Total and "
                "breakdowns by nationality, origin, and residence the previous and the next year (same "
                "municipality, another municipality, abroad); each breakdown is separate from the total. "
                + _WZW_LINK_EN
            ),
            unit="persons",
            direction="higher_is_worse",
            period_type="year",
            period_kind="year_end",
            numerator="werkzoekenden zonder werk op 31/12 / unemployed job seekers on 31 Dec",
            notes="Available 2015-2024. A stock on 31 December, unlike the annual average jobseekers_nwwz.",
        ),
        Indicator(
            id="jobseekers_wzw_rate",
            name_nl="Werkzoekenden zonder werk op 31/12 t.o.v. inwoners 18-64 jaar",
            name_en="Unemployed job seekers on 31 December as a share of residents aged 18-64",
            definition_nl=(
                "Werkzoekenden zonder werk op 31/12 (WZW) als percentage van de inwoners van 18-64 jaar. "
                + _WZW_LINK_NL
            ),
            definition_en=(
                "Unemployed job seekers on 31 December (WZW) as a percentage of residents aged 18-64. "
                + _WZW_LINK_EN
            ),
            unit="%",
            direction="higher_is_worse",
            period_type="year",
            period_kind="year_end",
            numerator="WZW op 31/12 / unemployed job seekers on 31 Dec",
            denominator="inwoners 18-64 jaar / residents aged 18-64 (National Register)",
            notes=(
                "Available 2015-2024, total only. Denominator is the population, not the labour force, so it is "
                "lower than jobseeker_rate. Export gives a fraction; stored as percent."
            ),
        ),
    )

    def parse(self, snapshot: Path) -> pd.DataFrame:
        export = read_export(self.name, snapshot / FILE)
        return export_observations(self.name, export, SERIES)


SOURCE = VdabJobseekers()
