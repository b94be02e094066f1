"""Guards: every page of both apps, in Dutch and in English, shows only words and numbers a reader can quote.

Each page is run once per language under AppTest on the real warehouse and a seeded policy store
(runs are cached for the module, so each guard below reads the same rendering):

- `test_page_shows_no_internal_vocabulary`: every rendered text (titles, markdown, captions, alerts,
  metric labels/values/deltas/help, table headers and cells, widget labels and options, chart titles,
  axis titles, tick labels, legends, annotations, trace names, hover templates) is scanned for
  indicator ids and breakdown codes from the warehouse, file paths, `nan`/`None`/`NaT`, and words of
  the other language (tests/screen_text.py says how to extend the word lists).
- `test_every_line_holds_one_series`: a line joins only values of one series (one indicator, one
  source, one kind of period, no figures read one by one from separate pages), on a chronological axis.
- `test_published_figures_are_shown_as_published`: every chart point from the published figures
  equals the warehouse value (never rescaled).

Pages are found by globbing the view folders, so pages added later are guarded without editing this file.
"""

from __future__ import annotations

import json

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from pipelines.config import ROOT
from tests.screen_text import internal_codes
from tests.screen_text import problems
from tests.screen_text import screen_texts

INTERNAL = sorted(p.name for p in (ROOT / "dashboard" / "views").glob("*.py"))
PUBLIC = sorted(
    p.name for p in (ROOT / "dashboard" / "public_views").glob("*.py") if p.name != "__init__.py"
)
CASES = [("app.py", f"views/{v}") for v in INTERNAL] + [
    ("public.py", f"public_views/{v}") for v in PUBLIC
]
IDS = [p for _, p in CASES]
LANGS = ["nl", "en"]


@pytest.fixture(scope="module")
def runs(warehouse, tmp_path_factory):
    """Run each (page, language) at most once for the module, on the real warehouse and policy store."""
    cache: dict[tuple[str, str], AppTest] = {}
    policy = tmp_path_factory.mktemp("policy") / "policy.sqlite"

    def run(entry: str, page: str, lang: str) -> AppTest:
        if (page, lang) not in cache:
            with pytest.MonkeyPatch.context() as mp:
                mp.setenv("GSIW_WAREHOUSE", str(warehouse))
                mp.setenv("GSIW_POLICY_DB", str(policy))
                mp.setenv("GSIW_LOCAL_MODE", "viewer")
                at = AppTest.from_file(str(ROOT / "dashboard" / entry), default_timeout=180)
                at.query_params["lang"] = lang
                at.run()
                at.switch_page(page)
                at.run()
            assert not at.exception, [e.message for e in at.exception]
            cache[(page, lang)] = at
        return cache[(page, lang)]

    return run


@pytest.fixture(scope="module")
def codes(warehouse):
    return internal_codes(warehouse)


def figures(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def _title(fig: dict) -> str:
    t = fig.get("layout", {}).get("title")
    return (t.get("text") if isinstance(t, dict) else t) or "?"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("entry", "page"), CASES, ids=IDS)
def test_page_shows_no_internal_vocabulary(entry, page, lang, codes, runs):
    texts = screen_texts(runs(entry, page, lang))
    assert len(texts) > 3, f"{page} rendered almost nothing: {texts}"
    found = problems(texts, lang, codes)
    assert not found, f"{page} ({lang}) shows {len(found)} problem(s):\n" + "\n".join(found)


@pytest.mark.parametrize(("entry", "page"), CASES, ids=IDS)
def test_every_line_holds_one_series(entry, page, runs):
    bad = []
    for fig in figures(runs(entry, page, "nl")):
        axis = fig.get("layout", {}).get("xaxis", {})
        order = axis.get("categoryarray")
        for tr in fig.get("data", []):
            if tr.get("type", "scatter") != "scatter" or "lines" not in (tr.get("mode") or "lines"):
                continue
            x = [str(v) for v in tr.get("x") or []]
            meta = tr.get("meta") or {}
            where = f"{_title(fig)!r} / trace {tr.get('name')!r}"
            if not meta.get("joined"):
                bad.append(
                    f"{where}: a line not drawn by a chart builder's one-series rule (no meta.joined)"
                )
            if len({len(v) for v in x}) > 1:
                bad.append(f"{where}: joins periods of different kinds {x}")
            if len(meta.get("source_id", [])) > 1 or len(meta.get("indicator_id", [])) > 1:
                bad.append(f"{where}: joins {meta}")
            if "published_figures" in meta.get("source_id", []):
                bad.append(f"{where}: joins separately published figures")
            if x != sorted(x) or (order and [p for p in order if p in x] != sorted(x)):
                bad.append(f"{where}: time axis not chronological {x} / {order}")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize(("entry", "page"), CASES, ids=IDS)
def test_bar_labels_are_readable_on_a_projector(entry, page, runs):
    """Bar labels stay horizontal and are hidden where they do not fit, never overlapping (charts.readable)."""
    bad = []
    for fig in figures(runs(entry, page, "nl")):
        bars = [
            tr
            for tr in fig.get("data", [])
            if tr.get("type") == "bar" and tr.get("text") is not None
        ]
        if not bars:
            continue
        if (fig.get("layout", {}).get("uniformtext") or {}).get("mode") != "hide":
            bad.append(f"{_title(fig)!r}: bar labels may overlap (uniformtext mode is not 'hide')")
        bad += [
            f"{_title(fig)!r}: a bar label may turn vertical"
            for tr in bars
            if tr.get("textangle") != 0
        ]
    assert not bad, "\n".join(dict.fromkeys(bad))


@pytest.mark.parametrize(("entry", "page"), CASES, ids=IDS)
def test_published_figures_are_shown_as_published(entry, page, runs, warehouse):
    con = duckdb.connect(str(warehouse), read_only=True)
    published = {
        (i, str(p), v)
        for i, p, v in con.execute(
            "SELECT indicator_id, period, value FROM observations WHERE source_id = 'published_figures' "
            "AND value IS NOT NULL"
        ).fetchall()
    }
    values = {(i, p): v for i, p, v in published}
    con.close()
    bad = []
    for fig in figures(runs(entry, page, "nl")):
        for tr in fig.get("data", []):
            meta = tr.get("meta") or {}
            if (
                meta.get("source_id") != ["published_figures"]
                or len(meta.get("indicator_id", [])) != 1
            ):
                continue
            ind = meta["indicator_id"][0]
            for x, y in zip(tr.get("x") or [], tr.get("y") or [], strict=False):
                if (
                    isinstance(y, (int, float))
                    and (ind, str(x)) in values
                    and abs(values[(ind, str(x))] - y) > 1e-9
                ):
                    bad.append(
                        f"{_title(fig)!r}: {ind} {x} shown as {y}, published {values[(ind, str(x))]}"
                    )
    assert not bad, "\n".join(bad)


def test_the_guard_catches_each_class():
    """The rules themselves: each class of defect is caught, plain text passes."""
    codes = {"jobseeker_rate": "indicator id", "non_eu": "breakdown code", "44021": "area code"}
    bad = [
        ("caption", "computed from jobseeker_rate"),
        ("markdown", "see pipelines/sql/derived/x.sql"),
        ("table cell", "nan"),
        ("chart xaxis title", "vacancies"),
        ("caption", "Niet-EU: non_eu"),
        ("metric label", "Gent (44021)"),
    ]
    found = problems(bad, "nl", codes)
    assert len(found) == 7, found  # the id also makes "computed" English
    assert (
        problems([("caption", "Werkloosheidsgraad, Gent, 2024 (jaargemiddelde)")], "nl", codes)
        == []
    )
    assert (
        problems([("caption", "Unemployment rate in Ghent (annual average 2024)")], "en", codes)
        == []
    )
    assert problems([("caption", "werkzoekenden in Gent")], "en", codes)
    assert problems([("markdown", "3 bron(nen) met nieuwe cijfers")], "nl", codes)
