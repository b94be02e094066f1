"""The one breakdown vocabulary: every breakdown code a source may emit, with its NL/EN labels.

Why one module: sources emit codes only (`breakdown`, `breakdown_value` in their observations) and
the labels a reader sees are said once, here, so two sources can never label the same category
differently. Before, 23 codes were declared by two to four sources, and the warehouse silently kept
the first label. Now the contract test (tests/test_source_contract.py) and the build reject a code
that is not listed here, and the build refuses a label a source still declares that differs from
this one.

To add a category: add a row `(value, label_nl, label_en, sort_order)` to its breakdown's
`labels(breakdown, ...)` group below, or a new group for a new breakdown (sort_order orders the
categories of one breakdown on screen; Dutch and English labels are both required). Reuse an existing code when the category is the same thing (e.g. `sex`/`women`,
`education`/`low`); when it is not (e.g. a different age band), give it its own code.
"""

from __future__ import annotations

from dataclasses import dataclass

TOTAL = "total"
# Breakdowns whose values are geography codes (NIS): they are labelled by the `geographies` table.
GEO_BREAKDOWNS = frozenset({"residence"})


@dataclass(frozen=True)
class BreakdownLabel:
    """Human labels for a breakdown category code (e.g. origin=non_eu -> "Niet-EU-herkomst")."""

    breakdown: str
    value: str
    label_nl: str
    label_en: str
    sort_order: int = 0


def labels(breakdown: str, *rows: tuple[str, str, str, int]) -> tuple[BreakdownLabel, ...]:
    """One breakdown's categories, a row each: (code, Dutch label, English label, sort order)."""
    return tuple(BreakdownLabel(breakdown, *row) for row in rows)


# Grouped by breakdown; the comment names the sources that emit it.
VOCABULARY: tuple[BreakdownLabel, ...] = (
    # total: census2011_activity, census2011_commuting, eurostat_demo_r_pjangrp3, eurostat_jvs_q_nace2, eurostat_lfst_r_lfe2ecomm, eurostat_lfst_r_lfu3rt, eurostat_nama_10r_3empers, eurostat_urb_clma, eurostat_urb_cpop1, eurostat_urb_ctran, published_figures, stad_gent_opendata, statbel_origin, statbel_pop_struct, steunpunt_werk, swing_odata, vdab_arvastat, vdab_embuild_construction, vdab_jobseekers, vdab_vacancies
    *labels(
        TOTAL,
        (TOTAL, "Totaal", "Total", 0),
    ),
    # sex: census2011_activity, published_figures, vdab_jobseekers
    *labels(
        "sex",
        ("men", "Mannen", "Men", 1),
        ("women", "Vrouwen", "Women", 2),
    ),
    # age: census2011_activity, eurostat_lfst_r_lfu3rt, published_figures, swing_odata, vdab_jobseekers
    *labels(
        "age",
        ("15-24", "15-24 jaar", "Aged 15-24", 0),
        ("18-24", "18-24 jaar", "Aged 18-24", 1),
        ("<25", "Jonger dan 25 jaar", "Under 25", 1),
        ("25-59", "25-59 jaar", "Aged 25-59", 2),
        ("60-64", "60-64 jaar", "Aged 60-64", 3),
        ("25-49", "25-49 jaar", "Aged 25-49", 4),
        ("60+", "60 jaar en ouder", "Aged 60 and over", 4),
        ("50-64", "50-64 jaar", "Aged 50-64", 6),
        ("65+", "65 jaar en ouder", "Aged 65 and over", 8),
        ("25-74", "25-74 jaar", "Aged 25-74", 11),
    ),
    # age_band: statbel_pop_struct
    *labels(
        "age_band",
        ("0-14", "0-14 jaar", "Aged 0-14", 1),
        ("15-17", "15-17 jaar", "Aged 15-17", 2),
        ("18-19", "18-19 jaar", "Aged 18-19", 3),
        ("20-24", "20-24 jaar", "Aged 20-24", 4),
        ("25-54", "25-54 jaar", "Aged 25-54", 5),
        ("55-59", "55-59 jaar", "Aged 55-59", 6),
        ("60-64", "60-64 jaar", "Aged 60-64", 7),
        ("65+", "65 jaar en ouder", "Aged 65 and over", 8),
        ("15-64", "15-64 jaar (overlapt)", "Aged 15-64 (overlapping)", 20),
        ("18-64", "18-64 jaar (overlapt)", "Aged 18-64 (overlapping)", 21),
        ("20-64", "20-64 jaar (overlapt)", "Aged 20-64 (overlapping)", 22),
    ),
    # age_group: belpulse_handextract (three groups that partition the population, unlike age_band's overlapping
    # working-age rows)
    *labels(
        "age_group",
        ("0-14", "0-14 jaar", "Aged 0-14", 1),
        ("15-64", "15-64 jaar", "Aged 15-64", 2),
        ("65+", "65 jaar en ouder", "Aged 65 and over", 3),
    ),
    # education: census2011_activity, eurostat_lfst_r_lfu3rt, published_figures, swing_odata
    *labels(
        "education",
        ("low", "Laaggeschoold", "Low education", 1),
        ("medium", "Middengeschoold", "Medium education", 2),
        ("high", "Hooggeschoold", "High education", 3),
        ("unknown", "Onderwijsniveau onbekend", "Education not stated", 4),
    ),
    # required_education: published_figures
    *labels(
        "required_education",
        ("low", "Laaggeschoold gevraagd", "Low education required", 1),
        ("medium", "Middengeschoold gevraagd", "Medium education required", 2),
        ("high", "Hooggeschoold gevraagd", "Higher education required", 3),
    ),
    # nationality: census2011_activity, published_figures, statbel_pop_struct, vdab_jobseekers
    *labels(
        "nationality",
        ("belgian", "Belgische nationaliteit", "Belgian nationality", 1),
        ("eu_excl_belgian", "EU-nationaliteit (excl. Belg)", "EU nationality (excl. Belgian)", 2),
        ("foreign", "Niet-Belgische nationaliteit", "Non-Belgian nationality", 2),
        ("non_eu", "Niet-EU-nationaliteit", "Non-EU nationality", 3),
        ("stateless_unknown", "Staatloos of onbekend", "Stateless or unknown", 4),
    ),
    # origin: published_figures, statbel_origin, swing_odata, vdab_jobseekers
    *labels(
        "origin",
        ("belgian", "Belgische herkomst", "Belgian origin", 1),
        ("eu_excl_belgian", "EU-herkomst (excl. Belg)", "EU origin (excl. Belgian)", 2),
        ("neighbouring", "Herkomst buurlanden", "Neighbouring-country origin", 2),
        ("eu_other", "Andere EU-herkomst", "Other EU origin", 3),
        ("non_eu", "Niet-EU-herkomst", "Non-EU origin", 4),
        ("allochtoon", "Allochtoon (VDAB-definitie)", "Foreign origin (VDAB definition)", 5),
        ("non_belgian", "Niet-Belgische herkomst", "Non-Belgian origin", 6),
    ),
    # origin_scope: published_figures
    *labels(
        "origin_scope",
        ("excl_dutch", "Zonder Nederlandse herkomst", "Excluding Dutch origin", 1),
    ),
    # birth_country: published_figures
    *labels(
        "birth_country",
        ("belgium", "Geboren in België", "Born in Belgium", 1),
        ("eu27_other", "Geboren in een ander EU27-land", "Born in another EU27 country", 2),
        ("non_eu", "Geboren buiten de EU", "Born outside the EU", 3),
    ),
    # recent_migrants: published_figures
    *labels(
        "recent_migrants",
        (
            "eu_lt5y",
            "Recente EU-migranten (< 5 jaar in België)",
            "Recent EU migrants (< 5 years in Belgium)",
            1,
        ),
        (
            "non_eu_lt5y",
            "Recente niet-EU-migranten (< 5 jaar in België)",
            "Recent non-EU migrants (< 5 years in Belgium)",
            2,
        ),
    ),
    # residence_prev_year: vdab_jobseekers
    *labels(
        "residence_prev_year",
        (
            "same_municipality",
            "Vorig jaar in dezelfde gemeente",
            "Same municipality the previous year",
            1,
        ),
        (
            "other_municipality",
            "Vorig jaar in een andere gemeente",
            "Another municipality the previous year",
            2,
        ),
        ("abroad", "Vorig jaar in het buitenland", "Abroad the previous year", 3),
    ),
    # residence_next_year: vdab_jobseekers
    *labels(
        "residence_next_year",
        (
            "same_municipality",
            "Volgend jaar in dezelfde gemeente",
            "Same municipality the next year",
            1,
        ),
        (
            "other_municipality",
            "Volgend jaar in een andere gemeente",
            "Another municipality the next year",
            2,
        ),
        ("abroad", "Volgend jaar in het buitenland", "Abroad the next year", 3),
    ),
    # duration: published_figures, swing_odata
    *labels(
        "duration",
        ("<1y", "Korter dan 1 jaar werkzoekend", "Seeking work less than 1 year", 1),
        ("1-2y", "1 tot 2 jaar werkzoekend", "Seeking work 1 to 2 years", 2),
        (">2y", "Langer dan 2 jaar werkzoekend", "Seeking work more than 2 years", 3),
    ),
    # age (VAR bands), sex, employment_status, work_regime, nationality, origin, generation: steunpunt_werk_var
    *labels(
        "age",
        ("25-54", "25-54 jaar", "Aged 25-54", 5),
        ("55-64", "55-64 jaar", "Aged 55-64", 7),
        ("18-64", "18-64 jaar", "Aged 18-64", 12),
        ("20-64", "20-64 jaar", "Aged 20-64", 13),
        ("15-70", "15-70 jaar", "Aged 15-70", 14),
    ),
    *labels(
        "sex",
        ("unknown", "Geslacht onbekend", "Sex not stated", 3),
    ),
    *labels(
        "employment_status",
        ("employee", "Loontrekkend", "Employee", 1),
        ("self_employed", "Zelfstandig", "Self-employed", 2),
    ),
    *labels(
        "work_regime",
        ("full_time", "Voltijds", "Full-time", 1),
        ("part_time", "Deeltijds", "Part-time", 2),
        ("other_unknown", "Ander of onbekend arbeidsregime", "Other or unknown regime", 3),
    ),
    *labels(
        "nationality",
        ("eu15", "EU15-nationaliteit (deel van EU28)", "EU15 nationality (part of EU28)", 5),
        ("eu28", "EU28-nationaliteit", "EU28 nationality", 6),
    ),
    *labels(
        "origin",
        ("eu15", "EU15-herkomst (deel van EU28)", "EU15 origin (part of EU28)", 7),
        ("eu28", "EU28-herkomst", "EU28 origin", 8),
    ),
    *labels(
        "generation",
        ("none", "Geen vreemde herkomst", "No foreign origin", 1),
        ("first", "Eerste generatie", "First generation", 2),
        ("second", "Tweede generatie", "Second generation", 3),
        ("third", "Derde generatie", "Third generation", 4),
    ),
    # workplace: eurostat_lfst_r_lfe2ecomm
    *labels(
        "workplace",
        ("same_region", "Werkt in de eigen regio", "Works in own region", 1),
        ("other_region", "Werkt in een andere regio", "Works in another region", 2),
        ("abroad", "Werkt in het buitenland", "Works abroad", 3),
    ),
    # sector: published_figures, vdab_vacancies
    *labels(
        "sector",
        ("primaire_sector", "Primaire sector", "Primary sector", 1),
        ("dranken_voeding_tabak", "Dranken, voeding en tabak", "Food, beverages and tobacco", 2),
        (
            "textiel_kleding_schoeisel",
            "Textiel, kleding en schoeisel",
            "Textiles, clothing and footwear",
            3,
        ),
        (
            "grafische_nijverheid_papier",
            "Grafische nijverheid, papier en karton",
            "Printing, paper and board",
            4,
        ),
        (
            "chemie_rubber_kunststof",
            "Chemie, rubber en kunststof",
            "Chemicals, rubber and plastics",
            5,
        ),
        (
            "bouwmaterialen",
            "Vervaardiging van bouwmaterialen",
            "Manufacture of building materials",
            6,
        ),
        ("metaal", "Metaal", "Metal industry", 7),
        (
            "machines_toestellen",
            "Vervaardiging van machines en toestellen",
            "Manufacture of machinery and equipment",
            8,
        ),
        (
            "transportmiddelen",
            "Vervaardiging van transportmiddelen",
            "Manufacture of transport equipment",
            9,
        ),
        ("hout_meubel", "Hout- en meubelindustrie", "Wood and furniture industry", 10),
        ("overige_industrie", "Overige industrie", "Other manufacturing", 11),
        (
            "energie_water_afval",
            "Energie, water en afvalverwerking",
            "Energy, water and waste management",
            12,
        ),
        ("bouw", "Bouw", "Construction", 13),
        ("handel", "Groot- en kleinhandel", "Wholesale and retail trade", 14),
        (
            "transport_logistiek_post",
            "Transport, logistiek en post",
            "Transport, logistics and postal services",
            15,
        ),
        ("horeca_toerisme", "Horeca en toerisme", "Hospitality and tourism", 16),
        (
            "ict_media_telecom",
            "Informatica, media en telecom",
            "IT, media and telecommunications",
            17,
        ),
        ("financiele_diensten", "Financiële diensten", "Financial services", 18),
        ("zakelijke_dienstverlening", "Zakelijke dienstverlening", "Business services", 19),
        (
            "uitzendbureaus",
            "Uitzendbureaus en arbeidsbemiddeling",
            "Temporary work agencies and recruitment",
            20,
        ),
        ("diensten_aan_personen", "Diensten aan personen", "Personal services", 21),
        (
            "ontspanning_cultuur_sport",
            "Ontspanning, cultuur en sport",
            "Recreation, culture and sport",
            22,
        ),
        ("openbare_besturen", "Openbare besturen", "Public administration", 23),
        ("onderwijs", "Onderwijs", "Education", 24),
        ("gezondheidszorg", "Gezondheidszorg", "Health care", 25),
        (
            "maatschappelijke_dienstverlening",
            "Maatschappelijke dienstverlening",
            "Social services",
            26,
        ),
        ("overige_dienstverlening", "Overige dienstverlening", "Other services", 27),
        ("onbepaald", "Onbepaalde sector", "Sector unknown", 28),
    ),
    # sector_nace: eurostat_nama_10r_3empers
    *labels(
        "sector_nace",
        ("A", "Landbouw, bosbouw en visserij (A)", "Agriculture, forestry and fishing (A)", 1),
        (
            "B-E",
            "Industrie (incl. energie, water en afval) (B-E)",
            "Industry (incl. energy, water and waste) (B-E)",
            2,
        ),
        ("F", "Bouw (F)", "Construction (F)", 3),
        (
            "G-I",
            "Handel, vervoer, horeca (G-I)",
            "Trade, transport, accommodation and food (G-I)",
            4,
        ),
        ("J", "Informatie en communicatie (J)", "Information and communication (J)", 5),
        ("K", "Financiële diensten (K)", "Financial and insurance activities (K)", 6),
        ("L", "Vastgoed (L)", "Real estate activities (L)", 7),
        (
            "M-N",
            "Vrije beroepen, wetenschap, ondersteunende diensten (M-N)",
            "Professional, scientific and support services (M-N)",
            8,
        ),
        (
            "O-Q",
            "Overheid, onderwijs, zorg (O-Q)",
            "Public administration, education, health and social work (O-Q)",
            9,
        ),
        (
            "R-U",
            "Kunst, recreatie, overige diensten (R-U)",
            "Arts, recreation and other services (R-U)",
            10,
        ),
    ),
    # occupation: published_figures
    *labels(
        "occupation",
        ("verpleegkundigen", "Verpleegkundigen", "Nurses", 1),
    ),
    # province: published_figures
    *labels(
        "province",
        ("10000", "Provincie Antwerpen", "Province of Antwerp", 1),
        ("70000", "Provincie Limburg", "Province of Limburg", 2),
    ),
    # population_scope: published_figures
    *labels(
        "population_scope",
        ("excl_students", "Zonder studenten", "Excluding students", 1),
    ),
)


class VocabularyError(ValueError):
    """Two labels for one code, or a code without a label: refused, never resolved silently."""


def _index(labels: tuple[BreakdownLabel, ...]) -> dict[tuple[str, str], BreakdownLabel]:
    index: dict[tuple[str, str], BreakdownLabel] = {}
    for lab in labels:
        key = (lab.breakdown, lab.value)
        if not (lab.label_nl.strip() and lab.label_en.strip()):
            raise VocabularyError(f"breakdown {key[0]}={key[1]} needs a Dutch and an English label")
        if key in index and index[key] != lab:
            raise VocabularyError(
                f"breakdown {key[0]}={key[1]} is labelled twice: {index[key]} and {lab}"
            )
        index[key] = lab
    return index


LABELS: dict[tuple[str, str], BreakdownLabel] = _index(VOCABULARY)


def is_known(breakdown: str, value: str) -> bool:
    return (breakdown, value) in LABELS or breakdown in GEO_BREAKDOWNS


def unknown_codes(pairs) -> list[str]:
    """`breakdown=value` for every (breakdown, value) pair that is not in the vocabulary, sorted."""
    return sorted({f"{b}={v}" for b, v in pairs if not is_known(b, v)})


def conflicts(declared) -> list[str]:
    """Labels a source declares itself (the old `breakdown_labels`) that differ from, or are missing
    in, the vocabulary: the build refuses them instead of keeping either silently."""
    out = []
    for lab in declared:
        ours = LABELS.get((lab.breakdown, lab.value))
        if ours is None:
            out.append(f"{lab.breakdown}={lab.value} is not in pipelines/breakdowns.py")
        elif (ours.label_nl, ours.label_en, ours.sort_order) != (
            lab.label_nl,
            lab.label_en,
            lab.sort_order,
        ):
            out.append(
                f"{lab.breakdown}={lab.value} labelled {lab.label_nl!r}/{lab.label_en!r}/{lab.sort_order}, "
                f"but pipelines/breakdowns.py says {ours.label_nl!r}/{ours.label_en!r}/{ours.sort_order}"
            )
    return out
