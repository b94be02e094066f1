"""VDAB vacancies per municipality and sector, 2014-2024 (Provincies in Cijfers export).

Why this source: it is the demand side of the labour market per municipality (place of work), with
the 28 VDAB sectors, so Gent's vacancies can be set against its job seekers and compared with other
cities. Same export layout as `vdab_jobseekers`: both use the reader in `pipelines/provincies_in_cijfers.py`.
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

FILE = "vacancies_shortages_sectors.xlsx"

# Official VDAB sector names, in export order -> stable code (labels: pipelines/breakdowns.csv, sector).
SECTORS = {
    'Primaire sector': 'primaire_sector',
    'Dranken, voeding en tabak': 'dranken_voeding_tabak',
    'Textiel, kleding en schoeisel': 'textiel_kleding_schoeisel',
    'Grafische nijverheid, papier en karton': 'grafische_nijverheid_papier',
    'Chemie, rubber en kunststof': 'chemie_rubber_kunststof',
    'Vervaardiging van bouwmaterialen': 'bouwmaterialen',
    'Metaal': 'metaal',
    'Vervaardiging van machines en toestellen': 'machines_toestellen',
    'Vervaardiging van transportmiddelen': 'transportmiddelen',
    'Hout- en meubelindustrie': 'hout_meubel',
    'Overige industrie': 'overige_industrie',
    'Energie, water en afvalverwerking': 'energie_water_afval',
    'Bouw': 'bouw',
    'Groot- en kleinhandel': 'handel',
    'Transport, logistiek en post': 'transport_logistiek_post',
    'Horeca en toerisme': 'horeca_toerisme',
    'Informatica, media en telecom': 'ict_media_telecom',
    'Financiële diensten': 'financiele_diensten',
    'Zakelijke dienstverlening': 'zakelijke_dienstverlening',
    'Uitzendbureaus en arbeidsbemiddeling': 'uitzendbureaus',
    'Diensten aan personen': 'diensten_aan_personen',
    'Ontspanning, cultuur en sport': 'ontspanning_cultuur_sport',
    'Openbare besturen': 'openbare_besturen',
    'Onderwijs': 'onderwijs',
    'Gezondheidszorg': 'gezondheidszorg',
    'Maatschappelijke dienstverlening': 'maatschappelijke_dienstverlening',
    'Overige dienstverlening': 'overige_dienstverlening',
    'Onbepaalde sector': 'onbepaald',
}
MEASURES = {"ontvangen vacatures": "vacancies_received", "openstaande vacatures": "vacancies_open"}

SERIES = {measure: Series(ind) for measure, ind in MEASURES.items()} | {
    f"{measure} {sector}": Series(ind, "sector", slug)
    for measure, ind in MEASURES.items()
    for sector, slug in SECTORS.items()
}

_PLACE_NL = "De gemeente is de plaats van tewerkstelling (waar de job zich bevindt), niet de woonplaats."
_PLACE_EN = "The municipality is the place of work (where the job is), not where anyone lives."


class VdabVacancies(Source):
    name = "vdab_vacancies"
    title_nl = "Vacatures per gemeente en sector (VDAB, via Provincies in Cijfers)"
    title_en = "Vacancies per municipality and sector (VDAB, via Provincies in Cijfers)"
    publisher = "VDAB; export by Data & Analyse van de Vlaamse provincies (Provincies in Cijfers)"
    licence = "unverified: Provincies in Cijfers publishes for reuse; terms not checked"
    url = "https://provincies.incijfers.be/"
    attribution = (
        "Bron: VDAB - Vacatures | provincies.incijfers.be (rapport \"Vacatures en krapte - gemeenten\", "
        "export 21 mei 2026)"
    )
    period_covered = "2014-2024"
    release_rhythm = ReleaseRhythm("yearly", lag_days=75)  # yearly figures, out about March
    caveats = (
        "Export of the Provincies in Cijfers report \"Vacatures en krapte - gemeenten\" (21 May 2026); the copy "
        "used was found in github.com/NetBeck22/education, not downloaded from the publisher. Only vacancies "
        "VDAB received (VDAB's share of the market, roughly the 'normaal economisch circuit' reported directly "
        "to VDAB), not all vacancies; vacancies via temp agencies appear only partly, in the sector "
        "'Uitzendbureaus en arbeidsbemiddeling'. The municipality is the place of work, on 2025 boundaries. "
        "The 19 Brussels municipalities are listed but every value is '?' (missing: VDAB does not cover "
        "Brussels); they are loaded with status 'missing'. The 4 rest rows ('Buiten Vlaanderen en Brussel', "
        "'Niet te lokaliseren', ...) are skipped. The 28 sectors add up exactly to the total; sector rows are "
        "a separate breakdown and never summed into it. The export does not say at which moment the "
        "'openstaande vacatures' are counted (see that indicator); their Flemish total dips in 2021 "
        "(33,950 against 41,623 in 2020 and 63,837 in 2022) although received vacancies peaked, which "
        "suggests a break in VDAB's series. No occupation (beroep) or knelpuntberoepen breakdown."
    )
    files = (
        RawFile(
            FILE,
            NETBECK_RAW + FILE,
            "Provincies in Cijfers export 'Vacatures en krapte - gemeenten' (21 May 2026), copy in "
            "NetBeck22/education",
        ),
    )
    indicators = (
        Indicator(
            id="vacancies_received",
            name_nl="Ontvangen vacatures (VDAB)",
            name_en="Vacancies received (VDAB)",
            definition_nl=(
                "Aantal vacatures dat de VDAB in de loop van het kalenderjaar ontving (nieuw geregistreerd), "
                "in totaal en per VDAB-sector. " + _PLACE_NL
            ),
            definition_en=(
                "Number of vacancies VDAB received (newly registered) during the calendar year, in total and by "
                "VDAB sector. " + _PLACE_EN
            ),
            unit="vacancies",
            direction="neutral",
            period_type="year",
            period_kind="year_total",
            notes=(
                "Only vacancies VDAB received: VDAB's share of the market, not all vacancies in the economy. "
                "A flow over the year. Sector rows are a breakdown; they sum to the total."
            ),
        ),
        Indicator(
            id="vacancies_open",
            name_nl="Openstaande vacatures (VDAB)",
            name_en="Open vacancies (VDAB)",
            definition_nl=(
                "Aantal VDAB-vacatures dat nog openstaat (niet ingevuld of geannuleerd), in totaal en per "
                "VDAB-sector: een stand, geen stroom. De export vermeldt enkel \"openstaande vacatures\", "
                "eenheid aantal, zonder voetnoot over het telmoment. " + _PLACE_NL
            ),
            definition_en=(
                "Number of VDAB vacancies still open (not yet filled or cancelled), in total and by VDAB sector: "
                "a stock, not a flow. The export only says \"open vacancies\", unit count, with no footnote "
                "on when they are counted. " + _PLACE_EN
            ),
            unit="vacancies",
            direction="neutral",
            period_type="year",
            notes=(
                "Only vacancies VDAB received (VDAB's share of the market). Reference moment unverified: VDAB "
                "counts open vacancies at the end of each month; the yearly figures are whole numbers whose 28 "
                "sectors add up exactly to the total in every municipality and year, which fits a stock counted "
                "at one moment better than an average of 12 monthly stocks. Stored with ref_date 31 Dec. The "
                "Flemish total drops in 2021 while received vacancies peaked: likely a series break."
            ),
        ),
    )

    def parse(self, snapshot: Path) -> pd.DataFrame:
        export = read_export(self.name, snapshot / FILE)
        return export_observations(self.name, export, SERIES)


SOURCE = VdabVacancies()
