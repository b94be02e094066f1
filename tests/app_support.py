"""Running the internal app in AppTest the way a browser does, shared by the page tests.

Works outside pytest too (a notebook, a REPL: `run_page("views/paradox.py", lang="en")`): it runs in
the documented local viewer mode (`GSIW_LOCAL_MODE=viewer`, as `make run`) unless a mode is set.
"""

from __future__ import annotations

import os

from streamlit.testing.v1 import AppTest

from pipelines.config import ROOT

APP = str(ROOT / "dashboard" / "app.py")


def run_page(page: str | None = None, **params) -> AppTest:
    """Open the app with `params` in the URL, then go to `page` from the home page (as a click on the
    sidebar does); fails with the page's own error message if anything raised."""
    # The internal app's sign-in: the documented local viewer mode unless set (docs/deployment.md).
    os.environ.setdefault("GSIW_LOCAL_MODE", "viewer")
    at = AppTest.from_file(APP, default_timeout=120)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def metrics(at: AppTest) -> dict[str, str]:
    """Every metric card: label -> value as shown."""
    return {m.label: m.value for m in at.metric}
