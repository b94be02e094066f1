"""Translations and locale-aware formatting. Dutch is the default; the language lives in the URL (?lang=en).

Strings live in locales/<lang>/<area>.json, one file per feature area so features do not collide
(a test checks both languages have the same keys and no key is defined twice); numbers are
formatted with Babel so Dutch shows 1.234,5 and English 1,234.5.
"""

from __future__ import annotations

import json
import math
import re
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


_PLURAL = re.compile(r"\{(\w+)@([^|{}]*)\|([^{}]*)\}")


def t(key: str, lang: str = DEFAULT_LANG, **kwargs) -> str:
    """Look up `key`; a missing key shows itself rather than crashing a meeting.

    `{n@bron|bronnen}` in a string picks the singular when `n` is 1 and the plural otherwise, so no
    text needs "bron(nen)"."""
    text = catalogue(normalise(lang)).get(key) or catalogue(DEFAULT_LANG).get(key) or key
    if kwargs and "@" in text:
        text = _PLURAL.sub(lambda m: m.group(2) if kwargs.get(m.group(1)) == 1 else m.group(3), text)
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


def fmt_date(iso: str, lang: str = DEFAULT_LANG) -> str:
    """A reference date as a Belgian reader writes it: 31/12/2024 (both languages)."""
    y, m, d = iso[:10].split("-")
    return f"{int(d)}/{int(m)}/{y}"


def period_label(period, kind: str | None, lang: str = DEFAULT_LANG) -> str:
    """The one way a period is written on screen, from the indicator's own `period_kind` (warehouse
    metadata): "2024 (jaargemiddelde)", "31/12/2024", "1/1/2024", "1/1/2011 (census)", "mei 2024".

    A full date is shown as a date whatever the kind; an unknown kind shows the period as published.
    """
    if period is None or (isinstance(period, float) and math.isnan(period)):
        return "–"
    p = str(period)
    if len(p) == 10:
        return fmt_date(p, lang)
    if len(p) == 7 and p[4] == "-":
        from datetime import date as _date

        from babel.dates import format_date

        return format_date(_date(int(p[:4]), int(p[5:]), 1), "MMMM y", locale=LOCALES[normalise(lang)])
    if len(p) == 4 and p.isdigit():
        if kind == "annual_average":
            return t("period.annual_average", lang, year=p)
        if kind == "year_end":
            return f"31/12/{p}"
        if kind == "year_start":
            return f"1/1/{p}"
        if kind == "census":
            return t("period.census", lang, year=p)
    return p


def fmt_change(diff, unit: str, lang: str = DEFAULT_LANG, minus: str = "−") -> str:
    """The one way a change is written. A change of a rate (`%`, or `pp`) is in percentage points
    ("+0,9 procentpunt"), never a relative %; `rel%` is an explicitly relative change ("+9,1 %");
    ratios keep two decimals, counts none. `minus="-"` where Streamlit reads the sign (metric deltas)."""
    if diff is None or (isinstance(diff, float) and math.isnan(diff)):
        return "–"
    sign = "+" if diff > 0 else minus if diff < 0 else ""
    if unit in ("%", "pp"):
        digits = fmt_number(abs(diff), lang, 1)
        return f"{sign if digits.strip('0,.') else ''}{digits} {t('unit.pp', lang)}"
    if unit == "rel%":
        digits = fmt_number(abs(diff), lang, 1)
        return f"{sign}{digits} %" if normalise(lang) == "nl" else f"{sign}{digits}%"
    digits = fmt_number(abs(diff), lang, 2 if unit == "ratio" else 0)
    return f"{sign if digits.strip('0,.') else ''}{digits}"


def evidence_period_label(period, evidence, kinds: dict, lang: str = DEFAULT_LANG) -> str:
    """A period quoted in a finding, labelled by the kind of the indicator it was read from (the
    first evidence row with that period): '2024 (jaargemiddelde)' for a rate, '31/12/2024' for a stock."""
    p = "" if period is None else str(period)
    kind = next((kinds.get(e.get("indicator_id")) for e in evidence if str(e.get("period")) == p), None)
    return period_label(p, kind, lang)


def unit_label(unit: str | None, lang: str = DEFAULT_LANG) -> str:
    """A unit as an axis or column says it, in the UI language ('personen', 'vacatures', '%')."""
    if not unit or unit == "%":
        return unit or ""
    return t(f"unit.{unit}", lang) if f"unit.{unit}" in catalogue(normalise(lang)) else unit


def fmt_published(value, unit: str, lang: str = DEFAULT_LANG) -> str:
    """A published figure exactly as its publisher wrote it: never rescaled, the decimals it has
    (122, 77,6, 7,88 %), the unit sign only for a percentage."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    decimals = next((d for d in range(3) if abs(round(float(value), d) - float(value)) < 1e-9), 2)
    s = fmt_number(value, lang, decimals)
    if unit == "%":
        return f"{s} %" if normalise(lang) == "nl" else f"{s}%"
    return s
