"""steunpunt_werk: parser for the layout defined in the module, on xlsx fixtures written here.

The values in these fixtures are synthetic (generated below), not Steunpunt Werk statistics.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from pipelines.source import SourceError
from pipelines.sources.steunpunt_werk import SOURCE
from pipelines.validation import validate_observations


def steunpunt_documented_format_xlsx(
    path: Path,
    *,
    title="Werkzaamheidsgraad 20-64 jaar (%)",
    header=("NIS-code", "Gemeente", 2022, 2023),
    rows=None,
) -> Path:
    """A table in the layout the module defines: title A1, notes, header NIS-code | Gemeente | periods."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Tabel"
    ws["A1"] = title
    ws["A2"] = "Synthetic test table"
    ws.append([])
    ws.append(list(header))
    for r in rows or [
        ("44021", "Gent", 70.5, 71.25),
        ("11002", "Antwerpen", "x", 66.0),
        ("02000", "Vlaams Gewest", 75, "-"),
    ]:
        ws.append(list(r))
    ws.append(["Bron: synthetic"])
    wb.save(path)
    return path


def value(obs, geo, period):
    sel = obs[(obs.geo_code == geo) & (obs.period == period)]
    assert len(sel) == 1
    return sel.iloc[0]


def test_documented_format_table_is_read(tmp_path, known_geos):
    steunpunt_documented_format_xlsx(tmp_path / "werkzaamheid.xlsx")
    obs = SOURCE.parse(tmp_path)
    assert set(obs.indicator_id) == {"spw_werkzaamheidsgraad_20_64"}
    assert value(obs, "44021", "2023").value == 71.25
    assert str(value(obs, "44021", "2023").ref_date) == "2023-12-31"
    hidden = value(obs, "11002", "2022")
    assert hidden.status == "hidden" and hidden.value != hidden.value  # NaN, never 0
    assert value(obs, "02000", "2023").status == "no_value"
    assert len(obs) == 6  # the 'Bron' line ends the table
    validate_observations(SOURCE, obs, file="fixture", known_geos=known_geos)


def test_jobratio_above_100_and_months_are_periods(tmp_path):
    steunpunt_documented_format_xlsx(
        tmp_path / "jobratio.xlsx",
        title="  Jobratio (%) ",
        header=("NIS", "Regio", "2023-12"),
        rows=[("44021", "Gent", 122.0)],
    )
    obs = SOURCE.parse(tmp_path)
    row = value(obs, "44021", "2023-12")
    assert (row.indicator_id, row.value, str(row.ref_date)) == (
        "spw_jobratio",
        122.0,
        "2023-12-31",
    )


@pytest.mark.parametrize(
    ("kwargs", "problem"),
    [
        ({"title": "Werkloosheid"}, "cell A1 holds 'Werkloosheid'"),
        ({"header": ("Code", "Gemeente", 2022)}, "no header row with 'NIS-code'"),
        ({"header": ("NIS-code", "Gemeente", "2022 Q1")}, "cell C4 holds '2022 Q1'"),
        ({"rows": [("Gent", "Gent", 1, 2)]}, "cell A5 holds 'Gent'; expected a 5-digit NIS code"),
        ({"rows": [("44021", "Gent", "veel", 2)]}, "cell C5 holds 'veel'"),
    ],
)
def test_wrong_layout_names_file_sheet_and_cell(tmp_path, kwargs, problem):
    steunpunt_documented_format_xlsx(tmp_path / "t.xlsx", **kwargs)
    with pytest.raises(SourceError) as exc:
        SOURCE.parse(tmp_path)
    assert problem in exc.value.problem
    assert "sheet 'Tabel'" in exc.value.problem or "A1" in exc.value.problem
    assert exc.value.file == str(tmp_path / "t.xlsx")


def test_fetch_explains_the_manual_import(tmp_path):
    with pytest.raises(SourceError) as exc:
        SOURCE.fetch(None, tmp_path)
    assert "python -m pipelines snapshot steunpunt_werk" in exc.value.problem
