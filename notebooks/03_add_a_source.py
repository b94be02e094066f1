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
# # 03 · Adding a source, step by step
#
# The written guide is `pipelines/README.md` ("Add a source" and "Scaffold"). This notebook walks the
# same path in code: what the contract asks of a source, how an existing source turns its raw
# snapshot into validated observations, and what `python -m pipelines new-source` generates. The
# scaffold runs in a temporary folder, so nothing in the repository changes.

# %%
import importlib.util
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = next(
    p for p in [Path.cwd(), *Path.cwd().parents] if (p / "pipelines" / "__init__.py").is_file()
)
sys.path.insert(0, str(ROOT))

import duckdb
import pandas as pd

from pipelines import snapshot as snap
from pipelines.config import warehouse_path
from pipelines.registry import all_sources
from pipelines.scaffold import create_source
from pipelines.source import OBSERVATION_COLUMNS
from pipelines.source import SourceError
from pipelines.validation import validate_indicators
from pipelines.validation import validate_observations
from pipelines.warehouse import collect_geographies

pd.set_option("display.width", 160)
pd.set_option("display.max_colwidth", 80)

# %% [markdown]
# ## 1. The registry: every module in `pipelines/sources/` that exposes `SOURCE`
# This is what `python -m pipelines list` prints; a new module appears here as soon as it exists.

# %%
sources = all_sources()
registry = pd.DataFrame(
    [
        {
            "source": name,
            "publisher": src.publisher,
            "indicators": len(src.indicators),
            "snapshots": len(snap.list_snapshots(src)),
            "latest snapshot": (snap.list_snapshots(src) or [Path("none")])[-1].name,
        }
        for name, src in sources.items()
    ]
)
registry

# %% [markdown]
# ## 2. One real source end to end: `census2011_commuting`
# A snapshot is a folder `data/raw/<source>/<id>/` holding the files exactly as obtained and a
# `manifest.json` with the origin, licence and a sha256 per file. The build refuses a file whose
# checksum changed.

# %%
census = sources["census2011_commuting"]
snapshot_dir = snap.latest_snapshot(census)
manifest = snap.verify(census, snapshot_dir)  # raises if a file was edited
print(f"snapshot: {snapshot_dir.relative_to(ROOT)}")
for key in ("publisher", "licence", "origin", "retrieved_at"):
    print(f"{key:>13}: {manifest[key]}")
for f in manifest["files"]:
    print(f"{'file':>13}: {f['name']} ({f['bytes']:,} bytes, sha256 {f['sha256'][:12]}…)")

# %% [markdown]
# `parse` is pure: raw files in, tidy observations out, one row per number with the columns below.

# %%
obs = census.parse(snapshot_dir)
print(OBSERVATION_COLUMNS)
obs[obs["geo_code"] == "44000"].head(8)

# %% [markdown]
# Before anything reaches the warehouse, the build validates the indicators' metadata and every
# observation: schema, unique keys, known geography codes, no negative counts, no rate above 100 %,
# no future periods.

# %%
validate_indicators(census)
known_geos = set(collect_geographies(sources)["geo_code"])
validate_observations(census, obs, file=str(snapshot_dir), known_geos=known_geos)
print(f"{len(obs):,} observations valid; indicators: {sorted(obs['indicator_id'].unique())}")

# %% [markdown]
# A broken file must fail loudly, naming the source and the file. Here the matrix loses a column:

# %%
with tempfile.TemporaryDirectory() as tmp:
    lines = (snapshot_dir / "recurrent_mobility.csv").read_text(encoding="utf-8").splitlines()
    broken = [",".join(line.split(",")[:-1]) for line in lines]
    (Path(tmp) / "recurrent_mobility.csv").write_text("\n".join(broken) + "\n", encoding="utf-8")
    try:
        census.parse(Path(tmp))
    except SourceError as exc:
        print(f"SourceError, as it should be:\n  source={exc.source}\n  problem={exc.problem}")

# %% [markdown]
# ## 3. In the warehouse
# After `python -m pipelines build`, the rows are in `observations` and each load is in `load_log`.

# %%
WAREHOUSE = warehouse_path()
if not WAREHOUSE.exists():
    raise FileNotFoundError(f"{WAREHOUSE} does not exist: build it first with `make warehouse`")
con = duckdb.connect(str(WAREHOUSE), read_only=True)
con.execute(
    "SELECT source_id, snapshot, status, rows, finished_at FROM load_log "
    "WHERE source_id = 'census2011_commuting' ORDER BY finished_at DESC LIMIT 3"
).df()

# %%
con.execute(
    """
    SELECT g.name_nl AS area, o.value AS in_commuter_share
    FROM observations o JOIN geographies g USING (geo_code)
    WHERE o.indicator_id = 'in_commuter_share' AND o.geo_code IN ('44000', '11000', '02000')
    ORDER BY o.value DESC
    """
).df().round(1)

# %% [markdown]
# ## 4. Scaffold a new source
# `python -m pipelines new-source <name>` writes three things from `pipelines/templates/`. We run the
# same function into a temporary folder to look at them.

# %%
scratch = Path(tempfile.mkdtemp(prefix="gsiw-scaffold-"))
created = create_source("example_new_source", root=scratch)
for path in created:
    print(path.relative_to(scratch))

# %% [markdown]
# The module: a complete `Source` whose parser reads a long `;`-separated CSV. Every `TODO` marks
# what you fill in: identity, licence, the publisher's URL, the indicator's definitions, the
# reference date, and the parser for the real file.

# %%
module_text = created[0].read_text(encoding="utf-8")
print("\n".join(line for line in module_text.splitlines() if "TODO" in line))

# %% [markdown]
# The fixture's numbers are synthetic (its README says so); it only gives the generated test
# something in the documented layout to parse. Loading the generated module shows that the parser
# turns the publisher's special codes into a `status` instead of a number:

# %%
spec = importlib.util.spec_from_file_location("example_new_source", created[0])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
fixture_obs = module.SOURCE.parse(created[2].parent)
validate_observations(module.SOURCE, fixture_obs, file=str(created[2]), known_geos=known_geos)
print(f"fixture rows parsed and valid: {len(fixture_obs)}")
print("statuses instead of numbers:", fixture_obs["status"].dropna().value_counts().to_dict())

# %% [markdown]
# ## 5. What is left for you
# 1. Run the generated test: `.venv/bin/pytest tests/sources/test_<name>.py` (passes as generated).
# 2. `.venv/bin/python -m pipelines list` shows the source with no snapshot.
# 3. Fill in the TODOs, adapt `read_rows`, replace the fixture with a small real excerpt.
# 4. Snapshot the real file: `python -m pipelines snapshot <name> FILE --id DATE --origin "..."`.
# 5. `python -m pipelines build --source <name>`, then `make test` (the contract test insists on a
#    snapshot with provenance before the source can ship).

# %%
con.close()
shutil.rmtree(scratch, ignore_errors=True)
