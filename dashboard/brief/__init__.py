"""The meeting brief ("Sinds de vorige vergadering"): model, words and tables, PDF and Excel packs, CLI.

`model.brief(previous, current, store, since)` compares two states of the warehouse; `render` turns
the result into sections and tables in Dutch or English; `pack` writes the PDF and Excel files;
`python -m dashboard.brief --since 2026-09-15 --out brief.pdf` does it from the command line.
"""

from dashboard.brief.model import Brief
from dashboard.brief.model import State
from dashboard.brief.model import as_of
from dashboard.brief.model import brief
from dashboard.brief.model import brief_for_warehouse
from dashboard.brief.model import capture
from dashboard.brief.model import previous_connection

__all__ = ["Brief", "State", "as_of", "brief", "brief_for_warehouse", "capture", "previous_connection"]
