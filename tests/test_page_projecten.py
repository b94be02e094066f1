"""The Projects page (views/projecten.py) on the real warehouse, in both languages."""

from __future__ import annotations

import duckdb
import pytest

from dashboard.i18n import t
from dashboard.queries import projecten as Q
from tests.app_support import run_page


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_page_shows_its_title_and_no_internal_key(use_warehouse, lang):
    at = run_page("views/projecten.py", lang=lang)
    assert at.title[0].value == t("projecten.title", lang)
    shown = " ".join(m.value for m in [*at.markdown, *at.caption])
    assert "projecten." not in shown  # every text comes from the locale files


def test_trend_has_values_for_gent(use_warehouse):
    con = duckdb.connect(str(use_warehouse), read_only=True)
    df = Q.trend(con, [Q.GENT])
    assert not df.empty and df["value"].notna().all()
