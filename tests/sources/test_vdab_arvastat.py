"""vdab_arvastat: parser for Arvastat Excel exports, on xlsx fixtures written here in the documented layout.

The counts in these fixtures are synthetic (generated below), not VDAB statistics.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from pipelines.source import SourceError
from pipelines.sources.vdab_arvastat import SOURCE
from pipelines.sources.vdab_arvastat import parse_month
from pipelines.validation import validate_observations

ROWS = [
    # month, hoofdberoepsgroep, beroepsgroep, beroep, count (synthetic)
    ("January 2024", "Bouw", "Ruwbouw", "Metselaar", 12),
    (None, None, None, "Bekister", 5),
    (None, None, "Afwerking", "Schilder", 7),
    (None, "Zorg", "Verpleging", "Verpleegkundige", 30),
    (None, "Totaal", None, None, 54),
    ("February 2024", "Bouw", "Ruwbouw", "Metselaar", 10),
    (None, None, "Afwerking", "Schilder", None),
    (None, "Zorg", "Verpleging", "Verpleegkundige", 25),
]


def arvastat_documented_format_xlsx(
    path: Path, *, title="Ontvangen vacatures", rows=ROWS, header_cols="B"
) -> Path:
    """An export in the layout the module docstring documents: sheet Data, title A1, filters, header B-E."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws["A1"] = title
    ws["A2"] = "Regio: Gent"
    ws["A3"] = "Periode: januari 2024 - februari 2024"
    header = ["Hoofdberoepsgroep", "Beroepsgroep", "Beroep", "Totaal"]
    ws.append([])
    ws.append(([None] if header_cols == "B" else []) + header)
    for r in rows:
        ws.append(list(r))
    ws.append([])
    ws.append(["Bron: VDAB Arvastat"])
    wb.save(path)
    return path


@pytest.fixture
def snapshot(tmp_path) -> Path:
    arvastat_documented_format_xlsx(tmp_path / "ontvangen_vacatures_44021.xlsx")
    return tmp_path


def value(
    obs, period, breakdown="total", breakdown_value="total", indicator="arvastat_vacancies_received"
):
    sel = obs[
        (obs.indicator_id == indicator)
        & (obs.period == period)
        & (obs.breakdown == breakdown)
        & (obs.breakdown_value == breakdown_value)
    ]
    assert len(sel) == 1, (period, breakdown, breakdown_value, len(sel))
    return sel.iloc[0]


def test_documented_format_export_is_read(snapshot, known_geos):
    obs = SOURCE.parse(snapshot)
    assert set(obs.geo_code) == {"44021"}
    assert (
        value(obs, "2024-01").value == 12 + 5 + 7 + 30
    )  # the export's Totaal row is not loaded twice
    assert value(obs, "2024-01", "hoofdberoepsgroep", "Bouw").value == 24
    assert value(obs, "2024-01", "beroepsgroep", "Ruwbouw").value == 17
    assert value(obs, "2024-01", "beroep", "Bekister").value == 5
    assert str(value(obs, "2024-02").ref_date) == "2024-02-29"
    empty = value(obs, "2024-02", "beroep", "Schilder")
    assert empty.status == "no_value" and empty.value != empty.value  # NaN, never 0
    validate_observations(SOURCE, obs, file="fixture", known_geos=known_geos)


def test_open_vacancies_and_several_files(snapshot):
    arvastat_documented_format_xlsx(snapshot / "open_vacatures_02000.xlsx", title="Open vacatures")
    obs = SOURCE.parse(snapshot)
    assert set(obs.indicator_id) == {"arvastat_vacancies_received", "arvastat_vacancies_open"}
    assert value(obs, "2024-01", indicator="arvastat_vacancies_open").geo_code == "02000"


@pytest.mark.parametrize(
    ("kwargs", "name", "problem"),
    [
        ({"title": "Werkzoekenden"}, "x_44021.xlsx", "cell A1 holds 'Werkzoekenden'"),
        ({"header_cols": "A"}, "x_44021.xlsx", "single-period layout"),
        ({}, "ontvangen_vacatures.xlsx", "must end with the area's NIS code"),
        (
            {"rows": [("Jan 2024", "Bouw", "Ruwbouw", "Metselaar", 1)]},
            "x_44021.xlsx",
            "expected a month",
        ),
        (
            {"rows": [("January 2024", "Bouw", "Ruwbouw", "Metselaar", "veel")]},
            "x_44021.xlsx",
            "cell E6",
        ),
    ],
)
def test_wrong_layout_names_file_sheet_and_cell(tmp_path, kwargs, name, problem):
    arvastat_documented_format_xlsx(tmp_path / name, **kwargs)
    with pytest.raises(SourceError) as exc:
        SOURCE.parse(tmp_path)
    assert problem in exc.value.problem
    assert exc.value.file == str(tmp_path / name)


def test_missing_header_says_what_was_expected(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "Data"
    wb.active["A1"] = "Ontvangen vacatures"
    wb.active.append(["Maand", "Beroep", "Aantal"])
    wb.save(tmp_path / "x_44021.xlsx")
    with pytest.raises(SourceError) as exc:
        SOURCE.parse(tmp_path)
    assert "Hoofdberoepsgroep | Beroepsgroep | Beroep | Totaal" in exc.value.problem


def test_not_an_xlsx(tmp_path):
    (tmp_path / "x_44021.xlsx").write_text("<html>login</html>")
    with pytest.raises(SourceError, match="cannot open the xlsx"):
        SOURCE.parse(tmp_path)


def test_fetch_explains_the_manual_import(tmp_path):
    with pytest.raises(SourceError) as exc:
        SOURCE.fetch(None, tmp_path)
    assert "no public download URL" in exc.value.problem
    assert "python -m pipelines snapshot vdab_arvastat" in exc.value.problem


def test_month_labels():
    assert parse_month("January 2024") == ("2024-01", "2024-01-31")
    assert parse_month("februari 2024") == ("2024-02", "2024-02-29")
    assert parse_month("Q1 2024") is None
