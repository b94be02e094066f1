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
# # 01 · Explore the warehouse
#
# A first look at `gsiw.duckdb`: which tables exist, which indicators they hold, and how far each
# indicator reaches in time and space. Everything below is read from the warehouse that
# `make warehouse` builds from the snapshots in `data/raw/`; no number is typed in by hand.
#
# Open it with Jupyter from the repository (`.venv/bin/jupyter lab` if you installed it, or VS Code),
# or run it as a script: `.venv/bin/python notebooks/01_explore_warehouse.py`.
# `GSIW_WAREHOUSE` picks another warehouse file.

# %%
import sys
from pathlib import Path

ROOT = next(
    p for p in [Path.cwd(), *Path.cwd().parents] if (p / "pipelines" / "__init__.py").is_file()
)
sys.path.insert(0, str(ROOT))

import duckdb
import pandas as pd

from pipelines.config import warehouse_path

pd.set_option("display.width", 160)
pd.set_option("display.max_columns", 20)
pd.set_option("display.max_colwidth", 60)

WAREHOUSE = warehouse_path()
if not WAREHOUSE.exists():
    raise FileNotFoundError(f"{WAREHOUSE} does not exist: build it first with `make warehouse`")
con = duckdb.connect(str(WAREHOUSE), read_only=True)
print(f"warehouse: {WAREHOUSE}")
print(dict(con.execute("SELECT key, value FROM build_info").fetchall()))

# %% [markdown]
# ## Tables
# The schema is documented in `data/warehouse/README.md`. Row counts per table:

# %%
tables = con.execute(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY table_name"
).fetchall()
table_rows = pd.DataFrame(
    [(name, con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]) for (name,) in tables],
    columns=["table", "rows"],
)
table_rows

# %% [markdown]
# ## Sources and their snapshots
# Every number comes from one source; `retrieved_at` and `origin` say when and how the raw file was
# obtained, `live_verified` whether the live fetcher has ever run against the publisher.

# %%
con.execute(
    """
    SELECT s.source_id, s.publisher, s.snapshot, s.retrieved_at, s.live_verified,
           count(o.value) AS values_loaded, min(o.period) AS first_period, max(o.period) AS last_period
    FROM sources s LEFT JOIN observations o USING (source_id)
    GROUP BY ALL ORDER BY s.source_id
    """
).df()

# %% [markdown]
# ## Indicators
# Rates are stored as percentages. Indicators that share a `concept` measure the same idea under
# different definitions (e.g. VDAB's werkzoekendengraad and the ILO unemployment rate): compare them
# side by side, never join them into one series.

# %%
catalogue = con.execute(
    """
    SELECT i.indicator_id, i.source_id, i.unit, i.period_type, i.concept, i.name_en,
           min(o.period) AS first_period, max(o.period) AS last_period,
           count(DISTINCT o.geo_code) AS areas, count(o.value) AS values_,
           count(*) FILTER (WHERE o.value IS NULL) AS without_value
    FROM indicators i LEFT JOIN observations o USING (indicator_id)
    GROUP BY ALL ORDER BY i.source_id, i.indicator_id
    """
).df()
catalogue

# %% [markdown]
# ## Missing values keep their reason
# A publisher's `-`, `x` (hidden, small numbers), `?` or `nvt` is stored as NULL with a `status`,
# never as 0. Where the gaps are:

# %%
con.execute(
    """
    SELECT indicator_id, status, count(*) AS n
    FROM observations WHERE value IS NULL
    GROUP BY ALL ORDER BY indicator_id, n DESC
    """
).df()

# %% [markdown]
# ## Coverage by geographic level
# How many areas of each level carry each indicator (municipalities, arrondissements, regions, ...).

# %%
coverage = con.execute(
    """
    SELECT o.indicator_id, g.level, count(DISTINCT o.geo_code) AS areas
    FROM observations o JOIN geographies g USING (geo_code)
    GROUP BY ALL
    """
).df()
coverage.pivot_table(index="indicator_id", columns="level", values="areas", fill_value=0).astype(
    int
)

# %% [markdown]
# ## Coverage for Gent and its peer cities
# Which years each indicator has for Gent (44021), Antwerpen (11002), Genk (71016) and Oostende (35013),
# totals only. Census indicators are published per arrondissement, so they appear under the
# arrondissements (Gent 44000, Antwerpen 11000, Hasselt 71000 which holds Genk, Oostende 35000).

# %%
PEERS = ["44021", "11002", "71016", "35013", "44000", "11000", "71000", "35000"]
peer_years = con.execute(
    """
    SELECT o.indicator_id, g.name_nl AS area, min(o.period) || '–' || max(o.period) AS periods,
           count(o.value) AS values_
    FROM observations o JOIN geographies g USING (geo_code)
    WHERE list_contains(?, o.geo_code) AND o.breakdown = 'total'
    GROUP BY ALL ORDER BY o.indicator_id, area
    """,
    [PEERS],
).df()
peer_years.pivot_table(
    index="indicator_id", columns="area", values="periods", aggfunc="first", fill_value=""
)

# %% [markdown]
# ## Breakdowns
# Categories are never mixed with totals: filter `breakdown = 'total'` for totals, or one breakdown
# for its categories.

# %%
con.execute(
    """
    SELECT o.indicator_id, o.breakdown, count(DISTINCT o.breakdown_value) AS categories,
           string_agg(DISTINCT coalesce(b.label_en, o.breakdown_value), ', ') AS examples
    FROM observations o LEFT JOIN breakdowns b USING (breakdown, breakdown_value)
    WHERE o.breakdown <> 'total' AND o.breakdown <> 'residence'
    GROUP BY ALL ORDER BY o.indicator_id, o.breakdown
    """
).df()

# %%
con.close()
