"""Where a number comes from, in the reader's language: publisher, period covered, licence, credit line
and one plain sentence per source.

Why here and not in the warehouse: the `sources` table keeps the builders' provenance notes (English,
with file names and commits) for analysts and audits; a Policy Group member or citizen reads the
translated text in locales/<lang>/sources_text.json (`src.<source_id>.<field>`). A source without an
entry falls back to the warehouse text, which the screen-text guard (tests/test_screen_text.py) flags,
so a new source cannot reach the screen untranslated unnoticed.
"""

from __future__ import annotations

from dashboard.i18n import catalogue
from dashboard.i18n import normalise

FIELDS = ("publisher", "period", "licence", "attribution", "note")


def source_text(source_id: str | None, field: str, lang: str, fallback: str | None = None) -> str:
    """`field` of a source in `lang`; the warehouse text `fallback` when no translation exists."""
    key = f"src.{source_id}.{field}"
    return catalogue(normalise(lang)).get(key) or (fallback or "")


def localise(meta: dict, lang: str) -> dict:
    """A copy of a source/indicator metadata row with its reader-facing provenance in `lang`
    (`publisher`, `period_covered`, `licence`, `attribution`, and `source_note`)."""
    sid = meta.get("source_id")
    out = dict(meta)
    out["publisher"] = source_text(sid, "publisher", lang, meta.get("publisher"))
    out["licence"] = source_text(sid, "licence", lang, meta.get("licence"))
    if "period_covered" in meta:
        out["period_covered"] = source_text(sid, "period", lang, meta.get("period_covered"))
    if meta.get("attribution"):
        out["attribution"] = source_text(sid, "attribution", lang, meta.get("attribution"))
    out["source_note"] = source_text(sid, "note", lang, None)
    return out
