# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 02 · The Gent paradox in code
#
# Gent's *urban labour-market paradox*: many jobs in and around the city, yet a job-seeker rate
# above most of Flanders, concentrated among residents of non-EU origin. This notebook tells that
# story with the numbers in the warehouse and says at each step what they can and cannot show.
#
# Every figure is queried from the warehouse built from `data/raw/`; the text only interprets the
# printed results. Sources: VDAB via Provincies in Cijfers (job seekers, vacancies), Statbel
# (population by origin), Statbel census 2011 (commuting). Definitions: `data/warehouse/README.md`
# and the `indicators` table.

# %%
import sys
from pathlib import Path

ROOT = next(
    p for p in [Path.cwd(), *Path.cwd().parents] if (p / "pipelines" / "__init__.py").is_file()
)
sys.path.insert(0, str(ROOT))

import duckdb
import pandas as pd
import plotly.express as px

from pipelines.config import warehouse_path

pd.set_option("display.width", 160)
WAREHOUSE = warehouse_path()
if not WAREHOUSE.exists():
    raise FileNotFoundError(f"{WAREHOUSE} does not exist: build it first with `make warehouse`")
con = duckdb.connect(str(WAREHOUSE), read_only=True)

GENT, ANTWERPEN, GENK, OOSTENDE = "44021", "11002", "71016", "35013"
CITIES = [GENT, ANTWERPEN, GENK, OOSTENDE]
ARRONDISSEMENTS = [
    "44000",
    "11000",
    "71000",
    "35000",
]  # Gent, Antwerpen, Hasselt (holds Genk), Oostende
FLANDERS = "02000"
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]


def series(indicator: str, geos: list[str], breakdown: str = "total") -> pd.DataFrame:
    """One indicator for some areas, with area names; values stay NULL where the publisher gave none."""
    return con.execute(
        """
        SELECT o.geo_code, g.name_nl AS area, o.period, o.breakdown_value, o.value, o.status
        FROM observations o JOIN geographies g USING (geo_code)
        WHERE o.indicator_id = ? AND list_contains(?, o.geo_code) AND o.breakdown = ?
        ORDER BY list_position(?, o.geo_code), o.period, o.breakdown_value
        """,
        [indicator, geos, breakdown, geos],
    ).df()


def definition(indicator: str) -> str:
    name, text, unit = con.execute(
        "SELECT name_en, definition_en, unit FROM indicators WHERE indicator_id = ?", [indicator]
    ).fetchone()
    return f"{name} [{unit}]: {text}"


# %% [markdown]
# ## 1. Unemployment: Gent against the other centrumsteden
# VDAB's *werkzoekendengraad* (annual average of unemployed job seekers / labour force). This is not
# the ILO unemployment rate; the two must never be joined into one series.

# %%
print(definition("jobseeker_rate"))
rate = series("jobseeker_rate", CITIES)
rate_wide = rate.pivot(index="period", columns="area", values="value")[
    ["Gent", "Antwerpen", "Genk", "Oostende"]
]
rate_wide.round(1)

# %%
first, last = rate_wide.index.min(), rate_wide.index.max()
change = pd.DataFrame({first: rate_wide.loc[first], last: rate_wide.loc[last]})
change["change (pp)"] = change[last] - change[first]
print(f"Job-seeker rate, {first} and {last} (%):")
print(change.round(1).to_string())
gent_rate = rate_wide.loc[last, "Gent"]
print(
    f"\nGent {last}: {gent_rate:.1f} %; rank among the four cities (1 = highest): "
    f"{int(rate_wide.loc[last].rank(ascending=False)['Gent'])}"
)

# %% [markdown]
# Among the centrumsteden Gent is not the highest. The paradox shows against Flanders as a whole:
# where does Gent rank among all Flemish municipalities? (The median below is the median of the
# municipal rates, not the Flemish rate, which needs the Flemish labour force the warehouse lacks.)

# %%
all_municipalities = con.execute(
    """
    SELECT o.geo_code, g.name_nl AS area, o.value
    FROM observations o JOIN geographies g USING (geo_code)
    WHERE o.indicator_id = 'jobseeker_rate' AND o.breakdown = 'total' AND o.period = ?
      AND g.level = 'municipality' AND o.value IS NOT NULL
    """,
    [last],
).df()
all_municipalities["rank"] = (
    all_municipalities["value"].rank(ascending=False, method="min").astype(int)
)
gent_rank = all_municipalities.set_index("geo_code").loc[GENT, "rank"]
print(
    f"{last}: Gent ranks {gent_rank} of {len(all_municipalities)} Flemish municipalities "
    f"(1 = highest job-seeker rate); median municipal rate {all_municipalities['value'].median():.1f} %."
)
all_municipalities.sort_values("rank").head(10)

# %%
fig = px.line(
    rate,
    x="period",
    y="value",
    color="area",
    markers=True,
    color_discrete_sequence=OKABE_ITO,
    labels={"value": "werkzoekendengraad (%)", "period": "", "area": ""},
    title="Job-seeker rate (VDAB werkzoekendengraad), four centrumsteden",
)
fig.show()

# %% [markdown]
# ## 2. Jobs on offer and people looking for one
# Vacancies VDAB **received** during the year (place of work Gent) next to the annual average number of
# unemployed job seekers (NWWZ, residence Gent). Two different counts: vacancies are only the part of the
# market that reaches VDAB, so they are shown side by side and never divided into a ratio.

# %%
print(definition("vacancies_received"))
print(definition("jobseekers_nwwz"))
vac = series("vacancies_received", [GENT]).set_index("period")["value"].rename("vacancies received")
nwwz = (
    series("jobseekers_nwwz", [GENT])
    .set_index("period")["value"]
    .rename("unemployed job seekers (NWWZ)")
)
side = pd.concat([nwwz, vac], axis=1)
side.astype("Int64")

# %%
low, high = (
    side["unemployed job seekers (NWWZ)"].idxmin(),
    side["unemployed job seekers (NWWZ)"].idxmax(),
)
print(
    f"NWWZ in Gent: lowest {side.loc[low].iloc[0]:,.0f} ({low}), highest {side.loc[high].iloc[0]:,.0f} ({high}), "
    f"{side.index.max()}: {side.iloc[-1, 0]:,.0f}"
)
print(
    f"Vacancies received in Gent: {side.index.max()}: {side.iloc[-1, 1]:,.0f}; "
    f"peak {side['vacancies received'].max():,.0f} ({side['vacancies received'].idxmax()})"
)

# %% [markdown]
# ## 3. Who holds the jobs? Commuting (census 2011)
# The only shippable origin–destination table is the census of 1 January 2011, per arrondissement.
# *In-commuter share* = jobs in the arrondissement held by people living in another arrondissement.
# *Jobs per employed resident* divides the jobs located in the arrondissement by its employed residents,
# both from the same census matrix. It is **not** the official *jobratio* (jobs / population aged 18–64),
# for which the warehouse has no municipal job counts.

# %%
print(definition("in_commuter_share"))
# The census pivoted per area is a mart the build makes (`commuting_census`): the table the pages read too.
census = con.execute(
    """
    SELECT c.geo_code, g.name_nl AS area, c.jobs, c.in_commuters, c.in_commuter_share, c.employed_residents,
           c.out_commuter_share
    FROM commuting_census c JOIN geographies g USING (geo_code)
    WHERE list_contains(?, c.geo_code) ORDER BY list_position(?, c.geo_code)
    """,
    [[*ARRONDISSEMENTS, FLANDERS], [*ARRONDISSEMENTS, FLANDERS]],
).df()
census["jobs_per_employed_resident"] = census["jobs"] / census["employed_residents"]
census.round(2)

# %%
gent = census.set_index("geo_code").loc["44000"]
print(
    f"Arr. Gent, 1 Jan 2011: {gent['jobs']:,.0f} jobs, of which {gent['in_commuters']:,.0f} held by in-commuters "
    f"= {gent['in_commuter_share']:.1f} %."
)
print(f"Jobs located in Arr. Gent per employed resident: {gent['jobs_per_employed_resident']:.2f}.")
highest = census.loc[census["in_commuter_share"].idxmax()]
print(
    f"Highest in-commuter share of the compared areas: {highest['area']} ({highest['in_commuter_share']:.1f} %)."
)

# %%
held_by = pd.concat(
    [
        census[["area"]].assign(held_by="in-commuters", jobs=census["in_commuters"]),
        census[["area"]].assign(
            held_by="residents of the arrondissement", jobs=census["jobs"] - census["in_commuters"]
        ),
    ]
)
fig = px.bar(
    held_by,
    x="area",
    y="jobs",
    color="held_by",
    color_discrete_sequence=OKABE_ITO,
    labels={"area": "", "held_by": ""},
    title="Jobs by who holds them, census 2011 (Vlaams Gewest: sum over its arrondissements)",
)
fig.show()

# %% [markdown]
# ## 4. Who is looking for work? Job seekers by origin
# The origin breakdown exists for the **WZW** series (unemployed job seekers on 31 December, linked to
# the National Register), not for the NWWZ annual average. We compare its shares with the population
# by origin on 1 January of the next year (Statbel). The population counts all ages, the job seekers
# are of working age, and VDAB's and Statbel's origin categories are close but not identical, so the
# comparison shows an over-representation, not a rate.

# %%
print(definition("jobseekers_wzw"))
wzw = series("jobseekers_wzw", [GENT], breakdown="origin")
year = wzw.dropna(subset=["value"])["period"].max()
wzw_last = wzw[wzw["period"] == year].set_index("breakdown_value")["value"]
total_wzw = series("jobseekers_wzw", [GENT]).set_index("period").loc[year, "value"]
pop_year = str(int(year) + 1)
pop = series("population", [GENT], breakdown="origin")
pop_last = pop[pop["period"] == pop_year].set_index("breakdown_value")["value"]
if pop_last.empty:  # no population for the next 1 January: fall back to the latest available
    pop_year = pop["period"].max()
    pop_last = pop[pop["period"] == pop_year].set_index("breakdown_value")["value"]

origin = pd.DataFrame(
    {
        f"job seekers 31/12/{year}": wzw_last,
        "share of job seekers (%)": wzw_last / total_wzw * 100,
        f"share of population 1/1/{pop_year} (%)": pop_last / pop_last.sum() * 100,
    }
).loc[["belgian", "non_eu"]]
print(f"Gent, WZW total {year}: {total_wzw:,.0f}")
origin.round(1)

# %%
non_eu_js = origin.loc["non_eu"].iloc[1]
non_eu_pop = origin.loc["non_eu"].iloc[2]
print(
    f"Non-EU origin: {non_eu_js:.1f} % of Gent's unemployed job seekers (31/12/{year}) "
    f"against {non_eu_pop:.1f} % of its population (1/1/{pop_year})."
)

# %% [markdown]
# ## 5. The story in five lines
# Printed from the results above, so it stays true when the snapshots are refreshed.

# %%
print(
    f"1. Gent's job-seeker rate was {gent_rate:.1f} % in {last} "
    f"({change.loc['Gent', 'change (pp)']:+.1f} pp since {first}), rank {gent_rank} of "
    f"{len(all_municipalities)} Flemish municipalities (median {all_municipalities['value'].median():.1f} %)."
)
print(
    f"2. Antwerpen {rate_wide.loc[last, 'Antwerpen']:.1f} %, Oostende {rate_wide.loc[last, 'Oostende']:.1f} %, "
    f"Genk {rate_wide.loc[last, 'Genk']:.1f} % in {last}."
)
print(
    f"3. VDAB received {side.iloc[-1, 1]:,.0f} vacancies for jobs in Gent in {side.index.max()}, while "
    f"{side.iloc[-1, 0]:,.0f} residents were unemployed job seekers on average."
)
print(
    f"4. In 2011, {gent['in_commuter_share']:.1f} % of the jobs in Arr. Gent were held by in-commuters."
)
print(
    f"5. Residents of non-EU origin: {non_eu_js:.1f} % of the unemployed job seekers, "
    f"{non_eu_pop:.1f} % of the population."
)

# %%
con.close()
