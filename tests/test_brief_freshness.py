"""The meeting brief names overdue sources and failed live fetches, in plain words (nl, en).

On a copy of the real warehouse (so `fetches.json` beside it is this test's own): VDAB's 2024 yearly
figures were due about 16 March 2026 (release rhythm: yearly, 75 days after the year), so on 1 June
2026 they are overdue; Statbel's population by origin on 1 January 2025 is not due until the autumn.
"""

from __future__ import annotations

import re
import shutil
from datetime import date

import pytest

from dashboard.brief import render as R
from dashboard.brief.model import brief_for_warehouse
from pipelines import freshness
from policy.store import PolicyStore
from tests.brief_support import SINCE
from tests.brief_support import truncated_copy

JUNE = date(2026, 6, 1)


@pytest.fixture(scope="module")
def files(warehouse, tmp_path_factory):
    d = tmp_path_factory.mktemp("brief_fresh")
    current = d / "current" / "gsiw.duckdb"
    current.parent.mkdir()
    shutil.copyfile(warehouse, current)
    freshness.record_fetch(
        current, "statbel_origin", ok=False, error="HTTP 503 from statbel.fgov.be"
    )
    return {"current": current, "previous": truncated_copy(warehouse, d / "previous.duckdb"),
            "store": PolicyStore(d / "policy.sqlite")}  # fmt: skip


@pytest.fixture(scope="module")
def brief(files):
    return brief_for_warehouse(
        files["current"], files["store"], SINCE, previous=files["previous"], today=JUNE
    )


def _release_texts(brief, lang):
    section = next(s for s in R.sections(brief, lang) if s.key == "releases")
    return [i.text for i in section.items]


def test_overdue_and_failed_sources_are_the_ones_the_rhythms_say(brief):
    overdue = {f.source for f in brief.freshness if f.state == "overdue"}
    failed = {f.source for f in brief.freshness if f.fetch_failed}
    assert {"vdab_jobseekers", "vdab_vacancies"} <= overdue
    assert "statbel_origin" not in overdue  # due in the autumn of 2026
    assert failed == {"statbel_origin"}


@pytest.mark.parametrize(
    ("lang", "due", "failed_word"),
    [("nl", "16 maart 2026", "mislukt"), ("en", "16 March 2026", "failed")],
)
def test_the_brief_says_it_in_plain_words(brief, lang, due, failed_word):
    texts = _release_texts(brief, lang)
    title = brief.source_meta["vdab_jobseekers"][f"title_{lang}"]
    overdue = [x for x in texts if title in x and due in x]
    assert overdue, texts
    assert "2024" in overdue[0]
    origin = brief.source_meta["statbel_origin"][f"title_{lang}"]
    assert any(origin in x and failed_word in x for x in texts), texts
    for text in texts:  # no source ids, no raw error text from the fetch, no nan
        assert not re.search(r"\b(vdab_jobseekers|vdab_vacancies|statbel_origin)\b", text)
        assert "HTTP 503" not in text and "nan" not in text.split()


def test_the_excel_metadata_carries_the_same_flags(brief):
    """The releases table keeps one row per source; the flags travel in the metadata sheet."""
    meta = R.metadata(brief, "nl")
    flags = [v for k, v in meta.items() if k.startswith("Actualiteit ")]
    assert len(flags) == sum((f.state == "overdue") + f.fetch_failed for f in brief.freshness)
    assert any("mislukt" in v for v in flags) and any("16 maart 2026" in v for v in flags)
    rel = R.tables(brief, "nl")["releases"]
    assert not rel.iloc[:, 0].duplicated().any()
