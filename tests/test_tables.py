"""The shared table readers (pipelines/tables.py): each broken file refused with the file and the problem.

The files are small synthetic tables in BelPulse's observations layout, written by the tests."""

from __future__ import annotations

import pytest

from pipelines.source import SourceError
from pipelines.tables import Layout
from pipelines.tables import read_long
from pipelines.tables import read_table

HEADER = "indicator_id,geo_id,period,value,status"
GOOD = [
    "A,be:mun:44021,2024,8.2,final",
    "A,be:mun:73028,2024,,suppressed",
    "B,be:mun:44021,2024,1.0,final",
]


def write(tmp_path, rows, header=HEADER):
    path = tmp_path / "obs.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_reads_the_asked_codes_with_suppressed_cells(tmp_path):
    out = read_long(
        write(tmp_path, GOOD), "s", what="file", layout=Layout(status="status"), codes={"A"}
    )
    assert out["geo"].tolist() == ["44021", "73028"]
    assert out["value"].iloc[0] == 8.2 and out["value"].isna().iloc[1]
    assert out["suppressed"].tolist() == [False, True]


@pytest.mark.parametrize(
    ("rows", "kwargs", "problem"),
    [
        (GOOD, {"codes": {"C"}}, "no rows for"),
        (GOOD, {"layout": Layout(status="status"), "period": "2023"}, "period '2024' found"),
        (["A,44021,2024,1,final"], {}, "geo_id '44021' is not be:mun:<NIS5>"),
        (["A,be:mun:44021,2024,1.0.0,final"], {}, "non-numeric value '1.0.0'"),
        (GOOD, {}, "empty or non-numeric value '' for 73028"),  # no status column declared
        (
            ["A,be:mun:73028,2024,,final"],
            {"layout": Layout(status="status")},
            "empty value without status 'suppressed' for 73028",
        ),
        (GOOD[:1] * 2, {}, "duplicate row for A in 44021 2024"),
        (GOOD, {"layout": Layout(columns=["a", "b"])}, "expected columns"),
        (GOOD, {"layout": Layout(status="flag")}, "missing column(s) ['flag']"),
    ],
)
def test_a_broken_file_names_the_file_and_the_problem(tmp_path, rows, kwargs, problem):
    path = write(tmp_path, rows)
    with pytest.raises(SourceError) as err:
        read_long(path, "some_source", what="file", **kwargs)
    assert problem in err.value.problem and err.value.file == str(path)
    assert err.value.source == "some_source"


def test_read_table_names_an_unreadable_file_and_an_empty_one(tmp_path):
    missing = tmp_path / "absent.csv"
    with pytest.raises(SourceError, match="cannot read the figures file") as err:
        read_table(missing, "s", "figures file")
    assert err.value.file == str(missing)
    empty = write(tmp_path, [])
    assert read_table(empty, "s", "figures file", columns=["value"]).empty
    with pytest.raises(SourceError, match="the figures file has no rows"):
        read_table(empty, "s", "figures file", nonempty=True)
    with pytest.raises(SourceError, match=r"missing column\(s\) \['unit'\]"):
        read_table(empty, "s", "figures file", columns=["value", "unit"])
