"""Figures shared across sessions (dashboard/charts.shared_figure): a visitor never sees another input's chart.

The chart builders are pure, so each distinct figure is built once per process and every caller gets its
own copy. What a reader would notice if this went wrong: a chart of the wrong area or period, or a title
changed by one page showing up on another session's chart.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import plotly.io as pio

from dashboard import charts


def frame(values=(8.1, 7.9, 9.4, 9.0), names=("Gent", "Gent", "Genk", "Genk")) -> pd.DataFrame:
    return pd.DataFrame(
        {"geo_name": list(names), "period": ["2023", "2024", "2023", "2024"], "value": list(values)}
    )


def spec(fig) -> dict:
    return json.loads(pio.to_json(fig, validate=False))


def test_a_shared_figure_is_the_figure_the_builder_draws():
    df = frame()
    for _ in range(2):  # built, then served from the cache
        shared = charts.line_chart(df, title="Werkzoekendengraad", unit="%", lang="nl")
        assert spec(shared) == spec(
            charts.line_chart.uncached(df, title="Werkzoekendengraad", unit="%", lang="nl")
        )
    assert list(shared.data[0].y) == [8.1, 7.9]  # arrays stay arrays, readable as before


def test_any_difference_in_the_input_gives_its_own_figure():
    base = charts.line_chart(frame(), title="t", unit="%", lang="nl")
    one_value = charts.line_chart(
        frame(values=(8.1, 7.9, 9.4, 9.1)), title="t", unit="%", lang="nl"
    )
    missing = charts.line_chart(
        frame(values=(8.1, np.nan, 9.4, 9.0)), title="t", unit="%", lang="nl"
    )
    renamed = charts.line_chart(
        frame(names=("Gent", "Gent", "Genk ", "Genk ")), title="t", unit="%", lang="nl"
    )
    english = charts.line_chart(frame(), title="t", unit="%", lang="en")
    assert list(one_value.data[1].y) == [9.4, 9.1] and list(base.data[1].y) == [9.4, 9.0]
    assert np.isnan(missing.data[0].y[1])
    assert renamed.data[1].name == "Genk " and base.data[1].name == "Genk"
    assert english.layout.separators == ".," and base.layout.separators == ",."
    # text: a missing label and the word "None" are different inputs
    a = pd.DataFrame({"label": ["None", "b"], "value": [1.0, 2.0]})
    b = pd.DataFrame({"label": [None, "b"], "value": [1.0, 2.0]})
    fa = charts.ranked_bars(a, title="t", unit="persons")
    fb = charts.ranked_bars(b, title="t", unit="persons")
    assert spec(fa) != spec(fb)


def test_what_one_caller_changes_stays_on_its_own_copy():
    df = frame()
    first = charts.line_chart(df, title="Titel", unit="%", lang="nl")
    charts.add_note(first, "Een noot die alleen deze pagina toont.")
    first.data[0].name = "changed"
    second = charts.line_chart(df, title="Titel", unit="%", lang="nl")
    assert charts._notes(second) == []
    assert second.data[0].name == "Gent"
    assert second.layout.title.text == "Titel"
