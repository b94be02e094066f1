"""The public app: plain-language figures from the warehouse, disclosure control, nothing internal."""

from __future__ import annotations

import shutil
import subprocess
import sys

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.disclosure import THRESHOLD
from dashboard.disclosure import protect
from pipelines.config import ROOT

PUBLIC = str(ROOT / "dashboard" / "public.py")
INTERNAL_VIEWS = sorted(p.name for p in (ROOT / "dashboard" / "views").glob("*.py"))


def run_public(page: str | None = None, **params) -> AppTest:
    at = AppTest.from_file(PUBLIC, default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    return at


def all_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [s.value for s in at.subheader]
    parts += [h.value for h in at.header]
    parts += [t.value for t in at.title]
    for df in at.dataframe:
        parts.append(df.value.to_csv(index=False))
    return "\n".join(map(str, parts))


def test_summary_states_the_paradox_with_real_figures(use_warehouse):
    at = run_public()
    assert not at.exception
    text = all_text(at)
    assert "In 2024 zocht gemiddeld **10,8 %** van de Gentse beroepsbevolking" in text
    assert "(14.576 mensen)" in text and "In Antwerpen was dat 14,1 %" in text
    # City level (census 2011, SOURCES.md §10): Gent's own jobs and in-commuting, not the arrondissement's.
    assert "werkten **158.673 mensen** in de stad Gent zelf. **61,2 %** van hen woonde in een andere gemeente" in text
    assert "werkte 39,6 % van de werkende Gentenaars buiten Gent" in text
    assert "**96 werkenden per 100 Gentenaars van 15 tot 64 jaar** (2011)" in text
    assert "in het arrondissement Gent" not in text.split("Wie werkt er")[0]  # statements use the city figures
    # Census 2021: 122,945 / 177,409 employed, 10,975 / 133,920 unemployed.
    assert "Op 1 januari 2021 had **69,3 %** van de Gentenaars van 15 tot 64 jaar werk" in text
    assert "Gent: 61,2 % van wie er werkt, woont erbuiten." in text
    # 6,205 of 13,268 job seekers (31/12/2024) vs 26.4 % of all residents (1/1/2025) have a non-EU origin.
    assert "had **46,8 %** een herkomst buiten de EU" in text and "(1 januari 2025) was dat 26,4 %" in text
    assert "**21.374 vacatures**" in text
    # Every chart has its message as text too.
    assert "Gent: 14,4 % in 2014, 10,8 % in 2024." in text


def test_summary_in_english(use_warehouse):
    at = run_public(lang="en")
    text = all_text(at)
    assert "on average **10.8%** of Ghent's labour force" in text
    assert "**21,374 vacancies**" in text
    assert "**158,673 people** worked in the city of Ghent itself. **61.2%** of them" in text
    assert "**69.3%** of Ghent residents aged 15 to 64 had a job" in text


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("nl", "Op de lijst van knelpuntberoepen die VDAB voor 2026 publiceerde, staan **227 beroepen** waarvoor "
               "werkgevers moeilijk geschikte kandidaten vinden, bijvoorbeeld spoorwegmedewerker, soldaat-matroos en "
               "schoonheidsspecialist. De lijst geldt voor heel Vlaanderen, niet alleen voor Gent (bron: VDAB, zoals "
               "gemeld door [Focus-WTV](https://focus-wtv.be/nieuws/soldaat-matroos-voortaan-knelpuntberoep))."),
        ("en", "VDAB's list of bottleneck occupations for 2026 has **227 occupations** that employers find hard to "
               "fill, for example railway worker, soldier-sailor and beautician. The list covers all of Flanders, not "
               "Ghent alone (source: VDAB, as reported by "
               "[Focus-WTV](https://focus-wtv.be/nieuws/soldaat-matroos-voortaan-knelpuntberoep))."),
    ],
)
def test_summary_names_the_latest_bottleneck_list_with_three_occupations_and_its_source(use_warehouse, lang,
                                                                                         sentence):
    """One plain sentence: the latest count (2026: 227, Focus-WTV) and three occupations named on that list."""
    at = run_public(lang=lang)
    assert not at.exception
    assert f"- {sentence}" in [m.value for m in at.markdown]


def test_about_page_names_publishers_and_the_boundary_attribution(use_warehouse):
    at = run_public("public_views/about.py")
    assert not at.exception
    text = all_text(at)
    assert "Wijken voor omgevingsanalyse" in text
    assert "Uitgever: VDAB" in text
    for internal in ("load_log", "runs.jsonl", "snapshot", "data/raw", "GSIW_"):
        assert internal not in text


@pytest.mark.parametrize("view", INTERNAL_VIEWS)
def test_public_app_cannot_open_internal_pages(use_warehouse, view):
    at = AppTest.from_file(PUBLIC, default_timeout=60)
    at.run()
    # The page is not in the public navigation, so Streamlit refuses to switch to it.
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(f"views/{view}")


def test_public_app_reads_only_lang_from_the_url(use_warehouse):
    text = (ROOT / "dashboard" / "public.py").read_text() + "".join(
        p.read_text() for p in (ROOT / "dashboard" / "public_views").glob("*.py"))
    assert "query_params" not in text  # the only URL parameter (lang) is read by dashboard.ui
    at = run_public(lang="en'; DROP TABLE observations; --")
    assert not at.exception
    assert at.title[0].value == "Gent aan het werk: de cijfers"  # unknown language falls back to Dutch


def test_public_app_never_imports_internal_modules(use_warehouse, warehouse):
    code = (
        "import sys; from streamlit.testing.v1 import AppTest\n"
        f"at = AppTest.from_file({PUBLIC!r}, default_timeout=60); at.run()\n"
        f"at.switch_page('public_views/about.py'); at.run()\n"
        "bad = [m for m in sys.modules if m.startswith(('policy', 'dashboard.views', 'dashboard.auth',"
        " 'dashboard.queries.policy'))]\n"
        "print('BAD', bad)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          env={"GSIW_WAREHOUSE": str(warehouse), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)})
    assert "BAD []" in proc.stdout, proc.stdout + proc.stderr[-1500:]


def test_protect_hides_counts_below_the_threshold():
    df = pd.DataFrame({"value": [0.0, 1.0, 3.0, 4.0, None], "status": [None] * 5})
    out = protect(df, "persons")
    assert out["value"].tolist()[:1] == [0.0] and out["value"].tolist()[3] == 4.0
    assert out["value"].iloc[1:3].isna().all() and (out["status"].iloc[1:3] == "suppressed").all()
    assert THRESHOLD == 4
    assert protect(df, "%")["value"].iloc[1] == 1.0  # rates are not counts


def test_no_public_page_shows_a_count_below_the_threshold(tmp_path, warehouse, monkeypatch):
    """Plant a small count in a copy of the real warehouse: the public table hides it."""
    path = tmp_path / "gsiw.duckdb"
    shutil.copyfile(warehouse, path)
    con = duckdb.connect(str(path))
    con.execute(
        "UPDATE observations SET value = 2 WHERE indicator_id = 'jobseekers_wzw' AND geo_code = '44021' "
        "AND breakdown = 'origin' AND breakdown_value = 'eu_excl_belgian' AND period = '2024'"
    )
    con.close()
    monkeypatch.setenv("GSIW_WAREHOUSE", str(path))
    at = run_public()
    assert not at.exception
    shown = next(d.value for d in at.dataframe if d.value.columns[0] == "Uitsplitsing").astype(str)
    row = shown[(shown["Periode"] == "2024") & (shown["Uitsplitsing"] == "EU-herkomst (excl. Belg)")]
    assert row["Waarde"].iloc[0] == "< 4 (afgeschermd)"
    for df in at.dataframe:
        for cell in df.value.iloc[:, -1].astype(str):
            assert cell not in {"1", "2", "3"}
