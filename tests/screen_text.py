"""Everything a page shows as text, read from an AppTest run, and the rules that text must keep.

Why one module: the guard test (tests/test_screen_text.py) and any page test that wants "the words on
screen" read the same extraction, so a new kind of element (a chart annotation, a tab label) is
added once and every guard sees it.

Extending the rules (new pages and sections need no change here; they are scanned automatically):
- A word of the wrong language slipped through: add it to `OTHER_LANGUAGE_WORDS[lang]` (the words
  that must NOT appear when the UI is in `lang`). Pick words that are unambiguous in the other
  language (not "in", "is", "per", "jobs", "sector", which both languages use).
- A proper name legitimately contains such a word (a publication title, an organisation): add the
  whole name to `PROPER_NAMES`; it is removed before the word scan, nowhere else.
- "bron(nen)"-style plurals are flagged: write `{n@bron|bronnen}` in the locale string (dashboard.i18n.t).
- Indicator ids and breakdown codes come from the warehouse itself (`internal_codes`), so a new
  source's ids are guarded without editing anything.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator

import duckdb
import pandas as pd

# Words that must not appear when the UI is in the given language (matched as whole words, case-insensitive).
OTHER_LANGUAGE_WORDS: dict[str, set[str]] = {
    # English in the Dutch UI
    "nl": {
        "the",
        "and",
        "with",
        "from",
        "which",
        "this",
        "that",
        "not",
        "no",
        "between",
        "than",
        "source",
        "sources",
        "period",
        "periods",
        "vacancies",
        "vacancy",
        "jobseekers",
        "jobseeker",
        "persons",
        "people",
        "unemployment",
        "employment",
        "rate",
        "average",
        "annual",
        "computed",
        "found",
        "page",
        "total",
        "share",
        "region",
        "municipality",
        "caveat",
        "caveats",
        "residents",
        "inhabitants",
        "workers",
        "published",
        "figures",
        "year",
        "years",
        "month",
        "snapshot",
        "shipped",
        "objective",
        "objectives",
        "meeting",
        "progress",
        "target",
        "baseline",
        "none",
        "unknown",
        "deploy",
        "points",
        "retrieved",
        "licence",
        "publisher",
    },
    # Dutch in the English UI
    "en": {
        "het",
        "een",
        "van",
        "voor",
        "niet",
        "geen",
        "naar",
        "zijn",
        "wordt",
        "worden",
        "deze",
        "dit",
        "bij",
        "uit",
        "ook",
        "tegenover",
        "sinds",
        "jaar",
        "jaren",
        "maand",
        "totaal",
        "bron",
        "bronnen",
        "periode",
        "gemiddelde",
        "jaargemiddelde",
        "procentpunt",
        "procentpunten",
        "inwoners",
        "gemeente",
        "werkzoekenden",
        "werkloosheidsgraad",
        "werkzaamheidsgraad",
        "werkzoekendengraad",
        "vacatures",
        "doelstelling",
        "doelstellingen",
        "vergadering",
        "vooruitgang",
        "achteruitgang",
        "gegevens",
        "toon",
        "tabel",
        "pendelaars",
        "inpendelaars",
        "uitpendelaars",
        "jobratio",
        "vlaams",
        "gewest",
        "centrumsteden",
        "tussen",
        "waarde",
        "laatste",
        "basis",
        "doel",
        "gepubliceerd",
        "gepubliceerde",
    },
}

# Proper names that may contain a word of the other language: removed before the word scan only.
PROPER_NAMES = [
    "Gent, stad in werking",
    "Stad Gent",
    "Stadsmonitor",
    "Het Nieuwsblad",
    "Het Belang van Limburg",
    "Provincie in Cijfers",
    "Vlaamse Centrumsteden",
    "Steunpunt Werk",
    "Statistiek Vlaanderen",
    "Departement WSE",
    "Arbeidspact",
    "Werkwinkel",
    "Data Vlaanderen",
    "Data & Analyse",
    "Het Beroepenhuis",
    "Vlaamse Dienst voor Arbeidsbemiddeling en Beroepsopleiding",
    "Handvest partnerschap Gent in werking",
    "Open SDG",
    "Licence Open Data",
    "Modellicentie Gratis Hergebruik Vlaanderen",
]

HALF_PLURAL = re.compile(
    r"[A-Za-zë]\((?:s|en|n|nen|e)\)(?!\w)"
)  # "bron(nen)", "source(s)": use {n@one|more}
# Free text the partnership keeps in Dutch only, quoted in the English UI with this marker
# (dashboard.policy_ui.recorded): the words before it are exempt from the language scan, nothing else is.
RECORDED = {"en": "(in Dutch, as recorded)"}
MISSING = re.compile(r"(?<![\w-])(nan|NaN|None|NaT|<NA>|null|undefined)(?![\w-])")
PATH = re.compile(
    r"(?<![\w/.])(?:[\w.-]+/)+[\w.-]+\.(?:sql|py|json|csv|duckdb|sqlite|yaml|toml|parquet|md)\b"
    r"|\b(?:data/raw|data/warehouse|pipelines/|dashboard/|/work/|/tmp/)"
)
URL = re.compile(r"https?://\S+|\b[\w-]+(?:\.[\w-]+)+/\S*|(?<!\S)\.{0,2}/[\w-]+\?\S*")
PLACEHOLDER = re.compile(r"%\{[^}]*\}|<extra>.*?</extra>|<[^>]+>")
BADGE = re.compile(r":[a-z]+-badge\[|:material/[a-z_]+:|:[a-z]+\[")


def internal_codes(warehouse) -> dict[str, str]:
    """Identifier-like codes a reader must never see, read from the warehouse so new sources are covered:
    indicator, source and breakdown ids with an underscore (a one-word id such as `population` is also
    a plain word and cannot be told apart), and NIS/wijk codes (a shown number is formatted, 44.021)."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        codes = {
            r[0]: "indicator id"
            for r in con.sql("SELECT indicator_id FROM indicators").fetchall()
            if "_" in r[0]
        }
        for dim, value in con.sql("SELECT breakdown, breakdown_value FROM breakdowns").fetchall():
            for code in (dim, value):
                if "_" in code:
                    codes.setdefault(code, "breakdown code")
        for (geo,) in con.sql(
            "SELECT geo_code FROM geographies WHERE geo_code SIMILAR TO '[0-9]{5}(W[0-9A-Z]+)?'"
        ).fetchall():
            codes.setdefault(geo, "area code")
        for (src,) in con.sql("SELECT source_id FROM sources").fetchall():
            if "_" in src:
                codes.setdefault(src, "source id")
    finally:
        con.close()
    return codes


def _plotly_texts(spec: dict) -> Iterator[tuple[str, str]]:
    layout = spec.get("layout", {})

    def title(obj) -> str | None:
        t = (obj or {}).get("title")
        return t.get("text") if isinstance(t, dict) else t

    if title(layout):
        yield "chart title", title(layout)
    for k, axis in layout.items():
        if re.fullmatch(r"[xy]axis\d*", k) and isinstance(axis, dict):
            if title(axis):
                yield f"chart {k} title", title(axis)
            for tick in axis.get("ticktext") or []:
                yield f"chart {k} tick", str(tick)
    if title(layout.get("legend")):
        yield "chart legend title", title(layout["legend"])
    for ann in layout.get("annotations") or []:
        if ann.get("text"):
            yield "chart annotation", ann["text"]
    for trace in spec.get("data", []):
        if trace.get("name") and trace.get("showlegend", True) is not False:
            yield "chart trace name", str(trace["name"])
        for key in ("x", "y", "text", "labels"):
            arr = trace.get(key)
            if isinstance(arr, list):
                for v in arr:
                    if isinstance(v, str):
                        yield f"chart {key} value", v
                    elif v is None and key == "text":
                        yield f"chart {key} value", "None"
            elif isinstance(arr, str) and key == "text":
                yield "chart text", arr
        if trace.get("hovertemplate"):
            yield "chart hover", str(trace["hovertemplate"])


def _frame_texts(df: pd.DataFrame, where: str) -> Iterator[tuple[str, str]]:
    for col in df.columns:
        yield f"{where} column", str(col)
    for row in df.itertuples(index=False):
        for v in row:
            if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA or v is pd.NaT:
                yield f"{where} cell", "None"  # Streamlit draws a missing cell as a grey "None"
            else:
                yield f"{where} cell", str(v)


def screen_texts(at) -> list[tuple[str, str]]:
    """(where, text) for every piece of text the run rendered, in page order."""
    out: list[tuple[str, str]] = []

    def visit(node) -> None:
        kind = getattr(node, "type", None)
        if kind in (
            "markdown",
            "caption",
            "title",
            "header",
            "subheader",
            "text",
            "latex",
            "alert",
            "toast",
            "exception",
            "code",
        ):
            out.append((kind, str(node.value)))
        elif kind in ("info", "warning", "error", "success"):
            out.append((kind, str(node.value)))
        elif kind == "metric":
            out.extend([("metric label", node.label), ("metric value", node.value)])
            if node.proto.delta:
                out.append(("metric delta", node.proto.delta))
            if node.proto.help:
                out.append(("metric help", node.proto.help))
        elif kind in ("arrow_data_frame", "arrow_table", "dataframe", "table"):
            try:
                out.extend(_frame_texts(node.value, kind))
            except Exception:  # noqa: BLE001 (a styled frame AppTest cannot decode: skip, not fail)
                pass
        elif kind == "plotly_chart":
            out.extend(_plotly_texts(json.loads(node.proto.spec)))
        elif kind in (
            "expander",
            "tab",
            "form_submit_button",
            "button",
            "download_button",
            "link_button",
            "page_link",
            "popover",
        ):
            if getattr(node, "label", None):
                out.append((f"{kind} label", str(node.label)))
        if (
            kind not in (None, "metric")
            and hasattr(node, "label")
            and kind
            not in (
                "expander",
                "tab",
                "button",
                "download_button",
                "form_submit_button",
                "link_button",
                "page_link",
                "popover",
            )
        ):
            if node.label:
                out.append((f"{kind} label", str(node.label)))
            for opt in getattr(node, "options", None) or []:
                out.append((f"{kind} option", str(opt)))
        if kind not in (None,) and getattr(getattr(node, "proto", None), "help", ""):
            if kind != "metric":
                out.append((f"{kind} help", node.proto.help))
        if kind in ("text_input", "text_area") and getattr(node.proto, "placeholder", ""):
            out.append((f"{kind} placeholder", node.proto.placeholder))
        for child in (getattr(node, "children", None) or {}).values():
            visit(child)

    visit(at._tree)
    return out


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-zÀ-ÿ]+(?:'[a-z]+)?", text)


def problems(texts: list[tuple[str, str]], lang: str, codes: dict[str, str]) -> list[str]:
    """Every rule broken by the texts shown in `lang`: internal codes, file paths, missing-value
    markers, words of the other language."""
    found: list[str] = []
    other = OTHER_LANGUAGE_WORDS[lang]
    code_re = re.compile(
        r"(?<![\w-])("
        + "|".join(sorted(map(re.escape, codes), key=len, reverse=True))
        + r")(?![\w-])"
    )
    for where, raw in texts:
        text = BADGE.sub(" ", PLACEHOLDER.sub(" ", raw))
        short = " ".join(raw.split())[:160]
        no_urls = URL.sub(" ", text)
        for m in code_re.finditer(no_urls):
            found.append(f"{codes[m.group(1)]} {m.group(1)!r} in {where}: {short}")
        for m in PATH.finditer(no_urls):  # a link to a publisher's file is provenance, not a path
            found.append(f"file path {m.group(0)!r} in {where}: {short}")
        for m in HALF_PLURAL.finditer(no_urls):
            found.append(f"half plural {m.group(0)!r} in {where}: {short}")
        for m in MISSING.finditer(no_urls):
            found.append(f"missing-value marker {m.group(1)!r} in {where}: {short}")
        plain = no_urls
        if RECORDED.get(lang) and RECORDED[lang] in plain:
            plain = plain.split(RECORDED[lang])[-1]
        for name in PROPER_NAMES:
            plain = re.sub(re.escape(name), " ", plain, flags=re.IGNORECASE)
        bad = sorted({w for w in _words(plain) if w.lower() in other})
        if bad:
            found.append(
                f"{'English' if lang == 'nl' else 'Dutch'} word(s) {bad} in {where}: {short}"
            )
    return list(dict.fromkeys(found))
