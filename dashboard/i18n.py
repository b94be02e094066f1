"""Translations and locale-aware formatting. Dutch is the default; the language lives in the URL (?lang=en).

Strings live in locales/<lang>/<area>.json, one file per feature area so features do not collide
(a test checks both languages have the same keys and no key is defined twice); numbers are
formatted with Babel so Dutch shows 1.234,5 and English 1,234.5.
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

from babel.numbers import format_decimal

LANGS = ("nl", "en")
DEFAULT_LANG = "nl"
LOCALES = {"nl": "nl_BE", "en": "en_GB"}
_DIR = Path(__file__).parent / "locales"


def catalogue_files(lang: str) -> list[Path]:
    return sorted((_DIR / lang).glob("*.json"))


@cache
def catalogue(lang: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    for path in catalogue_files(lang):
        merged.update(json.loads(path.read_text(encoding="utf-8")))
    return merged


def normalise(lang: str | None) -> str:
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, lang: str = DEFAULT_LANG, **kwargs) -> str:
    """Look up `key`; a missing key shows itself rather than crashing a meeting."""
    text = catalogue(normalise(lang)).get(key) or catalogue(DEFAULT_LANG).get(key) or key
    return text.format(**kwargs) if kwargs else text


def fmt_number(value, lang: str = DEFAULT_LANG, decimals: int = 0) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALES[normalise(lang)])


def fmt_value(value, unit: str, lang: str = DEFAULT_LANG) -> str:
    """A value with its unit, e.g. '10,8 %' in Dutch, '10.8%' in English."""
    if unit == "%":
        s = fmt_number(value, lang, 1)
        return s if s == "–" else (f"{s} %" if normalise(lang) == "nl" else f"{s}%")
    if unit == "ratio":
        return fmt_number(value, lang, 2)
    if unit == "index":  # a relative score (BIMD): one decimal, no unit sign
        return fmt_number(value, lang, 1)
    return fmt_number(value, lang, 0)
