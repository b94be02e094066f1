"""Disclosure control on every public output, with small counts planted in a copy of the warehouse.

The real figures are all large, so the rule (a count of persons, vacancies or jobs from 1 to 3 is
never shown) would never be exercised by them. Each planted count below lands in one public
output: a sentence, a chart's labels and hover data, a chart's text summary, a table.
"""

from __future__ import annotations

import base64
import json
import re
import shutil

import duckdb
import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.disclosure import is_small
from pipelines.config import ROOT

PUBLIC = str(ROOT / "dashboard" / "public.py")
# (indicator, geo, period, breakdown, category, planted value): where each one would show.
PLANTED = [
    (
        "jobseekers_nwwz",
        "44021",
        "2024",
        "total",
        "total",
        3,
    ),  # the rate sentence "(14.576 mensen)"
    ("jobseekers_wzw", "44021", "2024", "origin", "eu_excl_belgian", 2),  # origin bar label, table
    ("jobseekers_wzw", "44021", "2020", "origin", "non_eu", 1),  # origin bar label, table
    ("vacancies_received", "44021", "2024", "total", "total", 3),  # the vacancies sentence
    (
        "vacancies_received",
        "71016",
        "2020",
        "total",
        "total",
        2,
    ),  # Genk's line in the vacancies chart
    (
        "employed_at_workplace",
        "44000",
        "2011",
        "total",
        "total",
        3,
    ),  # the commuting sentence "van de ... jobs"
    ("in_commuters", "35000", "2011", "total", "total", 2),  # commuting bar label "25,5 % (11.910)"
]


def _values(array) -> list:
    if isinstance(array, dict) and "bdata" in array:
        return np.frombuffer(
            base64.b64decode(array["bdata"]), dtype=np.dtype(array["dtype"])
        ).tolist()
    return list(array)


@pytest.fixture(scope="module")
def planted(warehouse, tmp_path_factory):
    path = tmp_path_factory.mktemp("planted") / "gsiw.duckdb"
    shutil.copyfile(warehouse, path)
    con = duckdb.connect(str(path))
    for indicator, geo, period, breakdown, category, value in PLANTED:
        (n,) = con.execute(
            "UPDATE observations SET value = ? WHERE indicator_id = ? AND geo_code = ? AND period = ? "
            "AND breakdown = ? AND breakdown_value = ?",
            [value, indicator, geo, period, breakdown, category],
        ).fetchone()
        assert n == 1, (indicator, geo, period, category)
    con.close()
    return path


@pytest.fixture(scope="module", params=["nl", "en"])
def public_page(planted, request):
    mp = pytest.MonkeyPatch()
    mp.setenv("GSIW_WAREHOUSE", str(planted))
    at = AppTest.from_file(PUBLIC, default_timeout=90)
    at.query_params["lang"] = request.param
    at.run()
    mp.undo()
    assert not at.exception, [e.message for e in at.exception]
    return request.param, at


def test_sentences_never_state_a_small_count(public_page):
    lang, at = public_page
    text = "\n".join(m.value for m in at.markdown)
    words = {"nl": ("mensen", "vacatures", "jobs"), "en": ("people", "vacancies", "jobs")}[lang]
    for n in (1, 2, 3):
        for word in words:
            assert not re.search(rf"(?<![\d.,]){n}\**\s+{word}", text), f"'{n} {word}' shown"
    # The other figures of the same sentences are still there.
    if lang == "nl":
        assert "In 2024 zocht gemiddeld **10,8 %** van de Gentse beroepsbevolking" in text
    else:
        assert "on average **10.8%** of Ghent's labour force" in text


def test_chart_labels_and_hover_data_never_show_a_small_count(public_page):
    _, at = public_page
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert len(specs) == 5  # rate, origin, vacancies, commuting in the city (2011), commuting per arrondissement
    rate, origin, vacancies, city, commuting = specs
    for trace in origin["data"] + vacancies["data"]:
        ys = [v for v in _values(trace["y"]) if v == v]
        assert not [v for v in ys if is_small(v)], trace["name"]
        assert not {"1", "2", "3"} & set(trace.get("text") or []), trace["name"]
        assert "customdata" not in trace or not [
            v for v in _values(trace["customdata"]) if is_small(v)
        ]
    for trace in city["data"] + commuting["data"]:
        for label in trace.get("text") or []:
            assert not re.search(r"\((?:1|2|3)\)", label), label
    # The planted points are gone from the charts, the rest is drawn.
    genk = next(tr for tr in vacancies["data"] if tr["name"] == "Genk")
    assert (
        dict(zip(genk["x"], _values(genk["y"]), strict=True))["2021"] == 4736
    )  # Genk 2021 in vacancies_shortages_sectors.xlsx
    assert np.isnan(dict(zip(genk["x"], _values(genk["y"]), strict=True))["2020"])
    non_eu = next(
        tr for tr in origin["data"] if tr["name"] in ("Niet-EU-herkomst", "Non-EU origin")
    )
    assert "2020" not in non_eu["x"] and non_eu["text"][-1] in ("6.205", "6,205")


def test_tables_show_the_suppression_mark_not_the_count(public_page):
    lang, at = public_page
    mark = {"nl": "< 4 (afgeschermd)", "en": "< 4 (hidden)"}[lang]
    tables = [d.value for d in at.dataframe]
    assert len(tables) == 3
    for df in tables:
        assert not {"1", "2", "3"} & set(df.iloc[:, -1].astype(str))
    origin, vacancies = tables[1], tables[2]
    assert (origin.iloc[:, -1] == mark).sum() == 2  # eu 2024 and non-EU 2020
    assert (vacancies.iloc[:, -1] == mark).sum() == 2  # Gent 2024 and Genk 2020
