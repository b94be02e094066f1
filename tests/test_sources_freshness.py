"""The Bronnen page shows each source's latest period, release rhythm and next release, and flags an
overdue source and a failed last live fetch, in plain words in both languages (pipelines/freshness.py)."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from pipelines import freshness
from tests.app_support import run_page

# VDAB's 2024 yearly figures: the next year was due about 16 March 2026 (yearly, 75 days) plus 60 days' grace.
OVERDUE_SINCE = date(2026, 5, 16)


@pytest.fixture
def fresh_warehouse(warehouse, tmp_path, monkeypatch):
    path = tmp_path / "gsiw.duckdb"
    shutil.copyfile(warehouse, path)
    freshness.record_fetch(
        path, "statbel_origin", ok=False, error="HTTP 503 from statbel.fgov.be (test record)"
    )
    monkeypatch.setenv("GSIW_WAREHOUSE", str(path))
    return path


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("nl", {"latest": "Laatste periode geladen", "rhythm": "jaarlijks", "failed": "mislukt",
                "attention": "vragen aandacht", "overdue": "Achterstand", "closed": "afgesloten reeks"}),
        ("en", {"latest": "Latest period loaded", "rhythm": "yearly", "failed": "failed",
                "attention": "need attention", "overdue": "Overdue", "closed": "closed series"}),
    ],
)  # fmt: skip
def test_sources_page_shows_freshness_and_flags(fresh_warehouse, lang, words):
    at = run_page("views/sources.py", lang=lang)
    body = "\n".join(m.value for m in at.markdown)
    assert words["latest"] in body and words["rhythm"] in body and words["closed"] in body
    errors = [e.value for e in at.error]
    assert any(words["failed"] in e for e in errors), errors
    assert not any("HTTP 503" in e or "statbel_origin" in e for e in errors)  # no raw error, no ids
    warnings = [w.value for w in at.warning]
    if date.today() >= OVERDUE_SINCE:
        assert any(words["attention"] in w for w in warnings), warnings
        assert any(w.startswith(words["overdue"]) and "2024" in w for w in warnings), warnings
    for text in warnings + errors:
        assert "vdab_" not in text and "nan" not in text.split()
