"""Freshness in plain words (nl/en) for the sources page: latest period, next release, overdue, failed fetch.

Why here: the judgement itself is `pipelines.freshness.assess` (shared with `pipelines list` and the
meeting brief); this module only turns its result into the sentences a member reads.
"""

from __future__ import annotations

from datetime import date

from babel.dates import format_date

from dashboard.i18n import LOCALES
from dashboard.i18n import normalise
from dashboard.i18n import t
from pipelines.freshness import Freshness


def day(d: date, lang: str) -> str:
    return format_date(d, format="long", locale=LOCALES[normalise(lang)])


def status_text(f: Freshness, lang: str, today: date) -> str:
    """One sentence: when the next figures are due, or that they are overdue, or that none will come."""
    if f.state in ("closed", "no_schedule", "not_loaded"):
        return t(f"fresh.state.{f.state}", lang)
    due = day(f.expected_next, lang)
    if f.state == "overdue":
        return t("fresh.state.overdue", lang, period=f.latest_period, due=due)
    key = "fresh.state.due_since" if f.expected_next < today else "fresh.state.expected"
    return t(key, lang, due=due)


def fetch_text(f: Freshness, lang: str) -> str | None:
    """The failed last live fetch, without the raw error (it names internal files; the server log has it)."""
    if not f.fetch_failed:
        return None
    at = f.fetch_at[:16].replace("T", " ") if f.fetch_at else "–"
    return t("fresh.fetch_failed", lang, at=at)


def rhythm_text(frequency: str, lang: str) -> str:
    return t(f"fresh.rhythm.{frequency}", lang)


def attention_titles(sources, fresh: dict[str, Freshness]) -> list[str]:
    """Titles of the listed sources (a frame with source_id, title) that are overdue or whose last live fetch failed."""
    return [
        row.title
        for row in sources.itertuples()
        if (f := fresh.get(row.source_id)) is not None and (f.state == "overdue" or f.fetch_failed)
    ]
