"""Derived indicators: computed inside the build from observations already in the warehouse.

Why here and not in a source: a ratio of two sources (jobs from Eurostat over inhabitants from
Statbel) belongs to neither. Each derived indicator is its metadata, the input indicators it needs
and either a `Ratio` (numerator, denominator, per; run by the one parameterised `_ratio.sql`) or its own
SQL file `pipelines/sql/derived/<id>.sql` that INSERTs its rows (source_id 'derived').
`apply(con, ...)` runs after every source is in the new warehouse and before the integrity check:
an indicator whose inputs are absent is skipped (and said so in the load log), never half-computed.
Derived rows never carry over from an earlier build; they are recomputed every time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC
from datetime import datetime

from pipelines.config import ROOT
from pipelines.source import Indicator
from pipelines.source import period_kind_of

SOURCE_ID = "derived"
SQL_DIR = ROOT / "pipelines" / "sql" / "derived"


RATIO_SQL = SQL_DIR / "_ratio.sql"


@dataclass(frozen=True)
class Ratio:
    """numerator / denominator x per, same area and period: the shape most derived indicators share.

    One parameterised statement (`_ratio.sql`) instead of a copied SQL file each. `denominator_breakdown`
    picks a breakdown category of the denominator (e.g. age_band 15-64), `period` restricts to one
    year, `add_numerator` divides by numerator + denominator (a share of a sum of two counts).
    """

    numerator: str
    denominator: str
    per: float = 100.0
    denominator_breakdown: tuple[str, str] = ("total", "total")
    period: str | None = None
    add_numerator: bool = False


def sql_file(indicator_id: str, ratio: Ratio | None) -> str:
    """The file that computes an indicator, relative to the repository (named in its notes)."""
    return "pipelines/sql/derived/" + (RATIO_SQL.name if ratio else f"{indicator_id}.sql")


@dataclass(frozen=True)
class Derived:
    indicator: Indicator
    inputs: tuple[str, ...]
    ratio: Ratio | None = None

    @property
    def sql_file(self) -> str:
        return sql_file(self.indicator.id, self.ratio)

    def run(self, con) -> None:
        """Insert this indicator's rows: its own SQL file, or the ratio statement with its parameters."""
        if self.ratio is None:
            con.execute((ROOT / self.sql_file).read_text(encoding="utf-8"))
            return
        r = self.ratio
        con.execute(
            RATIO_SQL.read_text(encoding="utf-8"),
            {
                "indicator": self.indicator.id,
                "numerator": r.numerator,
                "denominator": r.denominator,
                "per": r.per,
                "den_breakdown": r.denominator_breakdown[0],
                "den_value": r.denominator_breakdown[1],
                "period": r.period,
                "add_numerator": r.add_numerator,
            },
        )


_ALL_AGES_NL = (
    "Alle leeftijden: dit is NIET de jobratio (banen per 100 inwoners van 15-64 of 20-64 jaar) die VDAB, "
    "Steunpunt Werk en de Stadsmonitor publiceren; die ligt veel hoger. "
)
_ALL_AGES_EN = (
    "All ages: this is NOT the job ratio (jobs per 100 residents aged 15-64 or 20-64) that VDAB, Steunpunt "
    "Werk and the Stadsmonitor publish; that one is much higher. "
)

REGISTRY: tuple[Derived, ...] = (
    Derived(
        Indicator(
            id="jobs_per_100_inhabitants",
            name_nl="Werkenden op de werkplaats per 100 inwoners (alle leeftijden)",
            name_en="Persons employed at the place of work per 100 inhabitants (all ages)",
            definition_nl=(
                "Werkenden met hun werkplaats in het gebied (Eurostat, jaargemiddelde) per 100 inwoners van alle "
                "leeftijden op 1 januari van hetzelfde jaar (Statbel), per arrondissement, provincie en gewest. "
                + _ALL_AGES_NL
            ),
            definition_en=(
                "Persons employed whose place of work is in the area (Eurostat, annual average) per 100 "
                "inhabitants of all ages on 1 January of the same year (Statbel), per arrondissement, province "
                "and region. " + _ALL_AGES_EN
            ),
            unit="ratio",
            direction="neutral",
            period_type="year",
            numerator="jobs_at_workplace (eurostat_nama_10r_3empers)",
            denominator="population, all ages, summed over the area's municipalities (statbel_origin)",
            notes=(
                "Computed in the build (pipelines/sql/derived/jobs_per_100_inhabitants.sql), 2000-2018 where both "
                "exist. Numerator counts persons employed in the area wherever they live (in-commuters "
                "included), denominator everyone living there: above 100 is possible. Population is that "
                "year's municipalities summed by the first two digits of their NIS code (the arrondissement), "
                "rolled up to provinces and regions. Eurostat's regions follow NUTS 2016 = the arrondissements "
                "before the 2019 Hainaut reform, consistent with the municipality codes of those years. "
                "Arr. Verviers has no value (Eurostat splits it in two NUTS regions)."
            ),
            concept="jobratio",
        ),
        inputs=("jobs_at_workplace", "population"),
    ),
    Derived(
        Indicator(
            id="jobratio_15_64",
            name_nl="Jobratio: werkenden op de werkplaats per 100 inwoners van 15-64 jaar",
            name_en="Job ratio: persons employed at the place of work per 100 residents aged 15-64",
            definition_nl=(
                "Werkenden met hun werkplaats in het gebied (Eurostat) per 100 inwoners van 15 tot en met 64 jaar "
                "(Eurostat demo_r_pjangrp3) van hetzelfde gebied en jaar. Leeftijdsgroep 15-64, niet 20-64."
            ),
            definition_en=(
                "Persons employed whose place of work is in the area (Eurostat) per 100 residents aged 15 to 64 "
                "(Eurostat demo_r_pjangrp3) of the same area and year. Age band 15-64, not 20-64."
            ),
            unit="ratio",
            direction="neutral",
            period_type="year",
            numerator="jobs_at_workplace (eurostat_nama_10r_3empers)",
            denominator="population_15_64_nuts3 (eurostat_demo_r_pjangrp3)",
            notes=(
                "Computed in the build (pipelines/sql/derived/_ratio.sql) only when the live-only source "
                "eurostat_demo_r_pjangrp3 is loaded; empty in an offline build. Joined by geo code: the two "
                "Eurostat tables may use different NUTS versions, both mapped to NIS codes by label. VDAB's and "
                "Steunpunt Werk's jobratio count jobs (RSZ/ONSS and self-employed), not Eurostat's persons "
                "employed: same concept, different definition."
            ),
            concept="jobratio",
        ),
        inputs=("jobs_at_workplace", "population_15_64_nuts3"),
        ratio=Ratio("jobs_at_workplace", "population_15_64_nuts3"),
    ),
    Derived(
        Indicator(
            id="jobseekers_per_open_vacancy",
            name_nl="Spanningsindicator: werkzoekenden per openstaande vacature (VDAB)",
            name_en="Labour-market tension: job seekers per open vacancy (VDAB)",
            definition_nl=(
                "Niet-werkende werkzoekenden (NWWZ, jaargemiddelde, naar woonplaats) gedeeld door de openstaande "
                "VDAB-vacatures (naar plaats van tewerkstelling) in dezelfde gemeente en hetzelfde jaar. Hoger = "
                "meer werkzoekenden per vacature (minder krapte)."
            ),
            definition_en=(
                "Unemployed job seekers (NWWZ, annual average, by place of residence) divided by open VDAB "
                "vacancies (by place of work) in the same municipality and year. Higher = more job seekers per "
                "vacancy (less tightness)."
            ),
            unit="ratio",
            direction="higher_is_worse",
            period_type="year",
            numerator="jobseekers_nwwz (vdab_jobseekers)",
            denominator="vacancies_open, total (vdab_vacancies)",
            notes=(
                "Computed in the build (pipelines/sql/derived/_ratio.sql). Open vacancies are "
                "only those VDAB received (VDAB's share of the market, not all vacancies), and the export does not "
                "say when the stock is counted (see vdab_vacancies: likely one moment, not a 12-month average; a "
                "probable series break in 2021), so this is not VDAB's own spanningsindicator. Numerator by place "
                "of residence, denominator by place of work: a city with many in-commuters looks tighter. "
                "Municipalities (2025 boundaries) where both exist and open vacancies > 0."
            ),
            concept="labour_market_tension",
        ),
        inputs=("jobseekers_nwwz", "vacancies_open"),
        ratio=Ratio("jobseekers_nwwz", "vacancies_open", per=1),
    ),
    Derived(
        Indicator(
            id="var_jobratio_15_64",
            name_nl="Jobratio per gemeente: werkenden op de werkplaats per 100 inwoners van 15-64 jaar (VAR)",
            name_en="Job ratio per municipality: persons employed at the place of work per 100 residents aged 15-64 "
            "(VAR)",
            definition_nl=(
                "Werkenden van 15-64 jaar met hun werkplaats in de gemeente (Steunpunt Werk, Vlaamse "
                "Arbeidsrekening, jaargemiddelde) per 100 inwoners van 15-64 jaar op 1 januari van hetzelfde jaar "
                "(Statbel). Leeftijdsgroep 15-64, zoals de VAR-cijfers zelf."
            ),
            definition_en=(
                "Employed persons aged 15-64 whose place of work is in the municipality (Steunpunt Werk, Flemish "
                "labour accounts, annual average) per 100 residents aged 15-64 on 1 January of the same year "
                "(Statbel). Age band 15-64, as the VAR figures themselves."
            ),
            unit="ratio",
            direction="neutral",
            period_type="year",
            numerator="var_jobs_at_workplace, total = age 15-64 (steunpunt_werk_var)",
            denominator="working_age_population, age_band 15-64 (statbel_pop_struct)",
            notes=(
                "Computed in the build (pipelines/sql/derived/_ratio.sql) only when the live-only "
                "source steunpunt_werk_var is loaded, for the municipalities and years where Statbel's population "
                "is loaded too. Counts persons employed (employees and self-employed), not jobs: close to, but not "
                "the same publication as, Steunpunt Werk's own jobratio. Above 100 is possible (in-commuters)."
            ),
            concept="jobratio",
        ),
        inputs=("var_jobs_at_workplace", "working_age_population"),
        ratio=Ratio(
            "var_jobs_at_workplace",
            "working_age_population",
            denominator_breakdown=("age_band", "15-64"),
        ),
    ),
    Derived(
        Indicator(
            id="var_in_commuter_share",
            name_nl="Aandeel inkomende pendelaars in de loontrekkenden op de werkplaats (VAR)",
            name_en="Share of in-commuters among the employees at the place of work (VAR)",
            definition_nl=(
                "Loontrekkenden die in de gemeente werken en elders wonen, in % van alle loontrekkenden die in de "
                "gemeente werken, per jaar. Teller en noemer uit dezelfde pendeltabel van Steunpunt Werk (VAR)."
            ),
            definition_en=(
                "Employees working in the municipality who live elsewhere, as % of all employees working there, per "
                "year. Numerator and denominator from the same Steunpunt Werk (VAR) commuting table."
            ),
            unit="%",
            direction="neutral",
            period_type="year",
            numerator="var_in_commuters (steunpunt_werk_var)",
            denominator="var_employees_at_workplace (steunpunt_werk_var)",
            notes=(
                "Computed in the build (pipelines/sql/derived/var_in_commuter_share.sql) only when "
                "steunpunt_werk_var is loaded. Employees only (no self-employed). Not the census 2011 "
                "in_commuter_share (different source, year and geography): never one series."
            ),
            concept="in_commuter_share",
        ),
        inputs=("var_in_commuters", "var_employees_at_workplace"),
    ),
)

_C2011_NL = "Census 2011, toestand op 1 januari 2011, gemeenten van vóór 2019. "
_C2011_EN = "Census 2011, situation on 1 January 2011, municipalities before 2019. "
_FLOWS_NL = (
    "Berekend uit de pendelkolommen (wonen-en-werken, inkomend, uitgaand), die ongeveer 4 % van de werkenden "
    "weglaten; pendel binnen België."
)
_FLOWS_EN = (
    "Computed from the commuting columns (live-and-work, in, out), which leave out about 4 % of workers; "
    "commuting within Belgium."
)
_C2021_NL = (
    "Census 2021 (Statbel), toestand op 1 januari 2021, inwoners van 15-64 jaar naar woonplaats, per gemeente "
    "(581, grenzen 2019-2024). Niet de IAO-graad van de Enquête naar de Arbeidskrachten, niet VDAB's "
    "werkzoekendengraad en niet de administratieve graad van de Vlaamse Arbeidsrekening."
)
_C2021_EN = (
    "Census 2021 (Statbel), situation on 1 January 2021, residents aged 15-64 by place of residence, per "
    "municipality (581, 2019-2024 boundaries). Not the ILO rate of the Labour Force Survey, not VDAB's job-seeker "
    "rate and not the administrative rate of the Flemish Labour Accounts."
)


def _municipal(
    *, inputs: tuple[str, ...], notes: str, ratio: Ratio | None = None, **fields
) -> Derived:
    """A yearly derived indicator whose notes start with the SQL file that computes it."""
    fields.setdefault("direction", "neutral")
    sql = sql_file(fields["id"], ratio)
    return Derived(
        Indicator(period_type="year", notes=f"Computed in the build ({sql}). {notes}", **fields),
        inputs=inputs,
        ratio=ratio,
    )


REGISTRY += (
    _municipal(
        id="muni_jobs_per_100_inhabitants_2011",
        name_nl="Werkenden op de werkplaats per 100 inwoners (alle leeftijden), per gemeente, census 2011",
        name_en="Persons employed at the place of work per 100 inhabitants (all ages), per municipality, census 2011",
        definition_nl="Werkenden met hun werkplaats in de gemeente (census 2011) per 100 inwoners van alle leeftijden op 1 januari "
        "2011 (Statbel). " + _ALL_AGES_NL,
        definition_en="Employed persons whose place of work is in the municipality (census 2011) per 100 inhabitants of all ages "
        "on 1 January 2011 (Statbel). " + _ALL_AGES_EN,
        unit="ratio",
        numerator="muni_jobs_at_workplace (census2011_municipal_commuting)",
        denominator="population, all ages, 1 January 2011 (statbel_origin)",
        notes=_C2011_EN
        + "Denominator: Statbel population on 1 January 2011 of the same municipality code (the file's own "
        "TOTAALBEV is 1 January 2012 and is not used). In-commuters are in the numerator only: above 100 is possible.",
        concept="jobratio",
        inputs=("muni_jobs_at_workplace", "population"),
        ratio=Ratio("muni_jobs_at_workplace", "population", period="2011"),
    ),
    _municipal(
        id="muni_jobs_per_100_residents_15_64_2011",
        name_nl="Werkenden op de werkplaats per 100 inwoners van 15-64 jaar, per gemeente, census 2011",
        name_en="Persons employed at the place of work per 100 residents aged 15-64, per municipality, census 2011",
        definition_nl="Werkenden met hun werkplaats in de gemeente (census 2011) per 100 inwoners van 15-64 jaar op 1 januari "
        "2011 (Statbel). Enkel waar de leeftijdsgroep geladen is (Gent, Antwerpen, Genk, Oostende).",
        definition_en="Employed persons whose place of work is in the municipality (census 2011) per 100 residents aged 15-64 on "
        "1 January 2011 (Statbel). Only where the age group is loaded (Gent, Antwerpen, Genk, Oostende).",
        unit="ratio",
        numerator="muni_jobs_at_workplace (census2011_municipal_commuting)",
        denominator="working_age_population, band 15-64, 1 January 2011 (statbel_pop_struct)",
        notes=_C2011_EN
        + "Close to the jobratio Steunpunt Werk publishes, but its numerator counts census workers by place "
        "of work, not RSZ jobs plus self-employed: same concept, different definition.",
        concept="jobratio",
        inputs=("muni_jobs_at_workplace", "working_age_population"),
        ratio=Ratio(
            "muni_jobs_at_workplace",
            "working_age_population",
            denominator_breakdown=("age_band", "15-64"),
            period="2011",
        ),
    ),
    _municipal(
        id="muni_in_commuter_share",
        name_nl="Aandeel van de banen ingenomen door inkomende pendelaars, per gemeente (census 2011)",
        name_en="Share of jobs held by in-commuters, per municipality (census 2011)",
        definition_nl="Inkomende pendelaars in % van alle werkenden in de gemeente (inkomende pendelaars plus wie er woont en "
        "werkt). " + _FLOWS_NL,
        definition_en="In-commuters as % of all workers in the municipality (in-commuters plus those who live and work there). "
        + _FLOWS_EN,
        unit="%",
        numerator="muni_in_commuters",
        denominator="muni_in_commuters + muni_live_and_work",
        notes=_C2011_EN
        + "Not the arrondissement in_commuter_share (commuting between arrondissements).",
        concept="in_commuter_share",
        inputs=("muni_in_commuters", "muni_live_and_work"),
        ratio=Ratio("muni_in_commuters", "muni_live_and_work", add_numerator=True),
    ),
    _municipal(
        id="muni_out_commuter_share",
        name_nl="Aandeel werkende inwoners dat buiten de gemeente werkt (census 2011)",
        name_en="Share of employed residents working outside the municipality (census 2011)",
        definition_nl="Uitgaande pendelaars in % van de werkende inwoners (uitgaande pendelaars plus wie in de gemeente woont en "
        "werkt). " + _FLOWS_NL,
        definition_en="Out-commuters as % of employed residents (out-commuters plus those who live and work in the municipality). "
        + _FLOWS_EN,
        unit="%",
        numerator="muni_out_commuters",
        denominator="muni_out_commuters + muni_live_and_work",
        notes=_C2011_EN + "Working abroad is not counted as working elsewhere.",
        concept="out_commuter_share",
        inputs=("muni_out_commuters", "muni_live_and_work"),
        ratio=Ratio("muni_out_commuters", "muni_live_and_work", add_numerator=True),
    ),
    _municipal(
        id="c21_employment_rate_15_64",
        name_nl="Werkzaamheidsgraad 15-64 jaar (census 2021)",
        name_en="Employment rate 15-64 (census 2021)",
        definition_nl="Werkende inwoners van 15-64 jaar in % van alle inwoners van 15-64 jaar (beroepsbevolking plus "
        "niet-beroepsactieven). " + _C2021_NL,
        definition_en="Employed residents aged 15-64 as % of all residents aged 15-64 (labour force plus inactive). "
        + _C2021_EN,
        unit="%",
        numerator="c21_employed_15_64",
        denominator="c21_labour_force_15_64 + c21_inactive_15_64",
        notes="Age band 15-64, not the 20-64 of the Flemish and EU employment-rate targets.",
        concept="employment_rate",
        inputs=("c21_employed_15_64", "c21_labour_force_15_64", "c21_inactive_15_64"),
        direction="higher_is_better",
    ),
    _municipal(
        id="c21_unemployment_rate_15_64",
        name_nl="Werkloosheidsgraad 15-64 jaar (census 2021)",
        name_en="Unemployment rate 15-64 (census 2021)",
        definition_nl="Werkloze inwoners van 15-64 jaar in % van de beroepsbevolking van 15-64 jaar. "
        + _C2021_NL,
        definition_en="Unemployed residents aged 15-64 as % of the labour force aged 15-64. "
        + _C2021_EN,
        unit="%",
        numerator="c21_unemployed_15_64",
        denominator="c21_labour_force_15_64",
        notes="Gent's value (8.2 %) equals its 2024 administrative rate by coincidence: two definitions, never one series.",
        concept="unemployment_rate",
        inputs=("c21_unemployed_15_64", "c21_labour_force_15_64"),
        direction="higher_is_worse",
    ),
)

SOURCE_ROW = {
    "source_id": SOURCE_ID,
    "title_nl": "Afgeleide indicatoren (berekend in de monitor)",
    "title_en": "Derived indicators (computed in the monitor)",
    "licence": "follows the licences of the input sources",
    "url": "pipelines/derived.py and pipelines/sql/derived/ (this repository)",
    "period_covered": "as the inputs",
    "caveats": (
        "Not published by anyone: ratios the monitor computes from two loaded sources at every build. Each "
        "indicator's notes say which inputs, which areas and years, and why it is not the official figure of the "
        "same name."
    ),
}


def publisher() -> str:
    """Shown on screen as the source of every derived figure: no indicator ids (each indicator's
    numerator and denominator name its inputs)."""
    return "Gsiw-monitor"


def _present(con, indicator_id: str) -> bool:
    return bool(
        con.execute(
            "SELECT count(*) FROM observations WHERE indicator_id = ? AND value IS NOT NULL",
            [indicator_id],
        ).fetchone()[0]
    )


def apply(con, build_id: str, registry: tuple[Derived, ...] = REGISTRY) -> dict[str, int]:
    """Compute every derived indicator whose inputs are loaded; returns rows per indicator computed."""
    con.execute("DELETE FROM observations WHERE source_id = ?", [SOURCE_ID])
    con.execute("DELETE FROM indicators WHERE source_id = ?", [SOURCE_ID])
    con.execute("DELETE FROM sources WHERE source_id = ?", [SOURCE_ID])
    started = datetime.now(UTC).replace(tzinfo=None)
    rows: dict[str, int] = {}
    skipped: list[str] = []
    for d in registry:
        missing = [i for i in d.inputs if not _present(con, i)]
        if missing:
            skipped.append(f"{d.indicator.id} skipped: input(s) {', '.join(missing)} not loaded")
            continue
        ind = d.indicator
        con.execute(
            "INSERT INTO indicators (indicator_id, source_id, name_nl, name_en, definition_nl, definition_en, unit, "
            "direction, period_type, numerator, denominator, notes, concept, period_kind) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                ind.id,
                SOURCE_ID,
                ind.name_nl,
                ind.name_en,
                ind.definition_nl,
                ind.definition_en,
                ind.unit,
                ind.direction,
                ind.period_type,
                ind.numerator,
                ind.denominator,
                ind.notes,
                ind.concept or None,
                period_kind_of(ind),
            ],
        )
        before = con.execute(
            "SELECT count(*) FROM observations WHERE indicator_id = ?", [ind.id]
        ).fetchone()[0]
        d.run(con)
        rows[ind.id] = (
            con.execute(
                "SELECT count(*) FROM observations WHERE indicator_id = ?", [ind.id]
            ).fetchone()[0]
            - before
        )
    # Deterministic row (no timestamps): a rebuild from the same inputs gives the same sources table.
    con.execute(
        "INSERT INTO sources (source_id, title_nl, title_en, publisher, licence, url, attribution, period_covered, "
        "caveats, snapshot, retrieved_at, origin, live_verified) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            SOURCE_ID,
            SOURCE_ROW["title_nl"],
            SOURCE_ROW["title_en"],
            publisher(),
            SOURCE_ROW["licence"],
            SOURCE_ROW["url"],
            None,
            SOURCE_ROW["period_covered"],
            SOURCE_ROW["caveats"],
            None,
            None,
            "computed in the build from the loaded sources",
            False,
        ],
    )
    finished = datetime.now(UTC).replace(tzinfo=None)
    con.execute(
        "INSERT INTO load_log (build_id, source_id, snapshot, status, rows, warnings, started_at, finished_at, message) "
        "VALUES (?, ?, NULL, 'loaded', ?, ?, ?, ?, ?)",
        [
            build_id,
            SOURCE_ID,
            sum(rows.values()),
            "; ".join(skipped) or None,
            started,
            finished,
            ", ".join(f"{k}: {v}" for k, v in rows.items()) or None,
        ],
    )
    return rows
