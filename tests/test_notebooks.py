"""The analyst notebooks run top to bottom against the warehouse built from the shipped data.

They are kept as jupytext percent-format `.py` files (they diff well); here each is converted
and executed in a real Jupyter kernel with nbclient, so a failing cell fails the suite, and
the outputs are checked for the real figures an analyst would read.
"""

from __future__ import annotations

import jupytext
import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from pipelines.config import ROOT

NOTEBOOKS = ROOT / "notebooks"
EXPECTED = {
    "01_explore_warehouse": ["observations", "census2011_commuting", "jobseeker_rate", "hidden"],
    # Hand-checked figures (shared/data/SOURCES.md): Gent 2024 rate 10.8 %, NWWZ 14,576,
    # vacancies received 21,374, WZW non-EU 6,205; census 2011 Arr. Gent in-commuters 88,370 = 35.5 %.
    "02_paradox_gent": [
        "Gent's job-seeker rate was 10.8 % in 2024",
        "14,576",
        "21,374",
        "248,840 jobs, of which 88,370 held by in-commuters = 35.5 %",
        "6205",
    ],
    "03_add_a_source": [
        "census2011_commuting",
        "SourceError, as it should be",
        "fixture rows parsed and valid: 8",
    ],
}


def test_every_notebook_is_checked():
    assert sorted(p.stem for p in NOTEBOOKS.glob("[0-9][0-9]_*.py")) == sorted(EXPECTED)


def _outputs(nb) -> str:
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                parts.append(out.get("text", ""))
            data = out.get("data", {})
            parts.append(
                data.get("text/plain", "") if isinstance(data.get("text/plain", ""), str) else ""
            )
            parts.append(
                data.get("text/html", "") if isinstance(data.get("text/html", ""), str) else ""
            )
    return "\n".join(parts)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_notebook_runs_and_shows_real_figures(name, use_warehouse, monkeypatch):
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")  # silence jupyter_core's migration warning
    nb = jupytext.read(NOTEBOOKS / f"{name}.py")
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    client = NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}
    )
    try:
        client.execute()
    except CellExecutionError as exc:  # the message names the cell and its traceback
        pytest.fail(f"notebooks/{name}.py: a cell failed\n{exc}")
    nbformat.validate(nb)
    text = _outputs(nb)
    for expected in EXPECTED[name]:
        assert expected in text, f"notebooks/{name}.py: {expected!r} not in the outputs"
