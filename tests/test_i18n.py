"""Both languages have the same keys, and numbers follow each locale."""

from __future__ import annotations

import json

from dashboard.i18n import catalogue
from dashboard.i18n import catalogue_files
from dashboard.i18n import fmt_number
from dashboard.i18n import fmt_value
from dashboard.i18n import t


def test_dutch_and_english_have_the_same_keys():
    assert set(catalogue("nl")) == set(catalogue("en"))


def test_each_area_file_exists_in_both_languages_and_no_key_is_defined_twice():
    assert [p.name for p in catalogue_files("nl")] == [p.name for p in catalogue_files("en")]
    for lang in ("nl", "en"):
        seen: dict[str, str] = {}
        for path in catalogue_files(lang):
            for key in json.loads(path.read_text(encoding="utf-8")):
                assert key not in seen, f"{key} in both {seen.get(key)} and {path.name}"
                seen[key] = path.name


def test_no_empty_translation():
    for lang in ("nl", "en"):
        assert all(v.strip() for v in catalogue(lang).values()), lang


def test_belgian_number_format():
    assert fmt_number(1234.5, "nl", 1) == "1.234,5"
    assert fmt_number(1234.5, "en", 1) == "1,234.5"
    assert fmt_value(10.8, "%", "nl") == "10,8 %"
    assert fmt_value(None, "%", "nl") == "–"


def test_unknown_language_falls_back_to_dutch():
    assert t("nav.sources", "fr") == "Bronnen"


def _placeholders(text: str) -> set[str]:
    """The named fields `str.format` fills in (`{n}`, `{period}`, `{value:,}`), not `{{literal}}`."""
    import string

    return {
        field.split("@")[0].split(".")[0].split("[")[0]  # `{n@bron|bronnen}` is a plural of `n`
        for _, field, _, _ in string.Formatter().parse(text)
        if field is not None
    }


def test_each_key_has_the_same_placeholders_in_both_languages():
    """A renamed placeholder in one language crashes that language's page with a KeyError."""
    nl, en = catalogue("nl"), catalogue("en")
    differ = {
        key: (sorted(_placeholders(nl[key])), sorted(_placeholders(en[key])))
        for key in nl
        if key in en and _placeholders(nl[key]) != _placeholders(en[key])
    }
    assert differ == {}


def test_placeholder_check_catches_a_renamed_field():
    assert _placeholders("{n} werkzoekenden in {period}") == {"n", "period"}
    assert _placeholders("{count} job seekers in {period}") != _placeholders(
        "{n} werkzoekenden in {period}"
    )
    assert _placeholders("{{literal}} and {value:,.1f}") == {"value"}
