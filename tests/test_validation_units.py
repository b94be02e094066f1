"""pipelines/validation.py rule by rule, on small frames made here (synthetic, by code).

The real snapshots pass validation in tests/sources/; these tests show each rule refusing what it
must refuse, with a message that names source, file and the offending row. Fast, so `make
mutation` runs them for every mutant of the module.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from pipelines.source import LIST_COLUMNS
from pipelines.source import STATEMENT_COLUMNS
from pipelines.source import Indicator
from pipelines.source import RawFile
from pipelines.source import Source
from pipelines.source import SourceError
from pipelines.source import observations_frame
from pipelines.validation import plausible_range
from pipelines.validation import raw_file_hints
from pipelines.validation import validate_geographies
from pipelines.validation import validate_indicators
from pipelines.validation import validate_list_items
from pipelines.validation import validate_observations
from pipelines.validation import validate_statements
from pipelines.validation import with_hints

GEOS = {"44021", "11002"}
TODAY = date(2026, 11, 23)


def indicator(id_: str, unit: str = "persons", **kw) -> Indicator:
    base = {
        "name_nl": "Naam",
        "name_en": "Name",
        "definition_nl": "Def",
        "definition_en": "Def",
        "unit": unit,
        "direction": "neutral",
        "period_type": "year",
    }
    return Indicator(id_, **(base | kw))


class Demo(Source):
    name = "demo"
    title_nl = title_en = "Demo"
    publisher = "Test"
    licence = "test"
    url = "https://example.invalid"
    files = (RawFile("demo.csv", "https://example.invalid/demo.csv"),)
    indicators = (indicator("count"), indicator("rate", "%"))


class Reference(Demo):
    indicators = ()


SRC = Demo()


def obs(**overrides) -> pd.DataFrame:
    row = {
        "indicator_id": "count",
        "geo_code": "44021",
        "period": "2024",
        "ref_date": "2024-12-31",
        "value": 5.0,
    }
    return observations_frame([row | overrides])


def refused(df: pd.DataFrame, **kw) -> str:
    with pytest.raises(SourceError) as exc:
        validate_observations(
            SRC, df, file="demo.csv", known_geos=kw.get("geos", GEOS), today=TODAY
        )
    assert exc.value.source == "demo" and exc.value.file == "demo.csv"
    return exc.value.problem


def test_valid_rows_pass_unchanged():
    df = pd.concat(
        [
            obs(),
            obs(indicator_id="rate", value=100.0),
            obs(value=0.0, period="2023", ref_date="2023-12-31"),
        ]
    )
    out = validate_observations(
        SRC, df.reset_index(drop=True), file="demo.csv", known_geos=GEOS, today=TODAY
    )
    assert out["value"].tolist() == [5.0, 100.0, 0.0]
    assert (
        len(
            validate_observations(
                SRC, obs(ref_date="2026-11-23"), file="f", known_geos=GEOS, today=TODAY
            )
        )
        == 1
    )


def test_a_reference_source_may_have_no_observations():
    empty = obs().iloc[0:0]
    assert validate_observations(Reference(), empty, file="f", known_geos=GEOS).empty
    assert refused(empty) == "parser produced no observations"


def test_schema_failures_name_the_column_check_value_and_row():
    problem = refused(obs(period="2024-5"))
    assert problem.startswith("1 validation failure(s): period: str_matches(")
    assert "(value '2024-5', row 0)" in problem
    # pandera reports a frame-wide check once per column: the first names the row's indicator.
    assert refused(obs(value=None)).startswith(
        "6 validation failure(s): indicator_id: value is empty without a status (value 'count', row 0)"
    )
    assert "status: isin(" in refused(obs(value=None, status="secret"))
    dup = pd.concat([obs(), obs()]).reset_index(drop=True)
    assert "validation failure(s)" in refused(dup)
    many = pd.concat(
        [obs(period=f"20{i:02d}x", ref_date="2020-01-01") for i in range(7)]
    ).reset_index(drop=True)
    problem = refused(many)
    assert (
        problem.startswith("7 validation failure(s): ") and problem.count("(value ") == 5
    )  # the first five


def test_meaning_checks():
    assert (
        refused(obs(indicator_id="other")) == "observations for undeclared indicator(s) ['other']"
    )
    codes = [f"9{i:04d}" for i in range(12)]
    many = pd.concat([obs(geo_code=c) for c in codes]).reset_index(drop=True)
    assert refused(many) == f"unknown geography code(s) {codes[:10]}"
    assert (
        refused(obs(ref_date="2026-11-24"))
        == "period in the future: indicator count, geo_code 44021, period 2024"
    )
    assert (
        refused(obs(value=-1.0))
        == "negative value (-1.0) in indicator count, geo_code 44021, period 2024 (row 0); plausible range for count is 0 to 12,500,000 persons"
    )
    bd = obs(value=-2.0, breakdown="origin", breakdown_value="non_eu")
    assert (
        refused(bd)
        == "negative value (-2.0) in indicator count, geo_code 44021, period 2024, origin=non_eu (row 0); plausible range for count is 0 to 12,500,000 persons"
    )
    assert refused(obs(indicator_id="rate", value=100.5)) == (
        "rate above 100 % (100.5) in indicator rate, geo_code 44021, period 2024 (row 0); plausible range for rate is 0 to 100 %"
    )
    assert (
        len(validate_observations(SRC, obs(value=150.0), file="f", known_geos=GEOS, today=TODAY))
        == 1
    )


def test_the_first_offending_row_is_named():
    df = pd.concat(
        [obs(value=3.0), obs(geo_code="11002", value=-4.0), obs(period="2023", value=-5.0)]
    )
    assert (
        refused(df.reset_index(drop=True))
        == "negative value (-4.0) in indicator count, geo_code 11002, period 2024 (row 1); plausible range for count is 0 to 12,500,000 persons"
    )


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"unit": "euro"}, "unit 'euro' not in"),
        ({"direction": "up"}, "direction 'up' not in"),
        ({"period_type": "week"}, "period_type 'week' not in"),
        ({"definition_en": ""}, "name and definition are required in Dutch and English"),
        ({"name_nl": ""}, "name and definition are required in Dutch and English"),
        ({"name_en": ""}, "name and definition are required in Dutch and English"),
        ({"definition_nl": ""}, "name and definition are required in Dutch and English"),
    ],
)
def test_indicator_metadata_is_checked(change, problem):
    class Bad(Demo):
        indicators = (indicator("count"), indicator("bad", **change))

    with pytest.raises(SourceError) as exc:
        validate_indicators(Bad())
    assert exc.value.source == "demo" and exc.value.problem.startswith(f"indicator bad: {problem}")
    validate_indicators(SRC)


def test_two_indicator_problems_are_listed_together():
    class Bad(Demo):
        indicators = (indicator("bad", unit="euro", direction="up"),)

    with pytest.raises(
        SourceError, match=r"indicator bad: unit 'euro' not in .*; direction 'up' not in"
    ):
        validate_indicators(Bad())


def test_geographies():
    good = pd.DataFrame(
        {"geo_code": ["44021", "44000"], "level": ["municipality", "arrondissement"]}
    )
    assert validate_geographies(SRC, good, "g.csv") is good
    with pytest.raises(SourceError, match="unknown geography level 'city'") as exc:
        validate_geographies(
            SRC, pd.DataFrame({"geo_code": ["1", "2"], "level": ["region", "city"]}), "g.csv"
        )
    assert exc.value.file == "g.csv"
    with pytest.raises(SourceError, match="duplicate geography code 44021$"):
        validate_geographies(
            SRC, pd.DataFrame({"geo_code": ["1", "44021", "44021"], "level": ["region"] * 3}), "g"
        )


# --- hints on raw files -------------------------------------------------------------------------


def hints(tmp_path, name: str, data: bytes) -> list[str]:
    (tmp_path / name).write_bytes(data)
    return raw_file_hints(tmp_path / name)


def test_hints_for_broken_files(tmp_path):
    assert hints(tmp_path, "a.csv", b"") == ["a.csv is empty"]
    assert hints(tmp_path, "b.xlsx", b"<html>error</html>") == [
        "b.xlsx is not a .xlsx (zip) file; it starts with b'<html>error</htm'"
    ]
    assert hints(tmp_path, "ok.xlsx", b"PK\x03\x04rest") == []
    assert hints(tmp_path, "c.geojson", b'{"type":\n "Feat') == [
        "c.geojson is not valid JSON (Unterminated string starting at at line 2, column 2; cut off?)"
    ]
    assert hints(tmp_path, "d.json", b"\xff\xfe{}")[0].startswith("d.json is not valid JSON (")
    assert hints(tmp_path, "e.json", b'{"a": 1}') == []
    assert hints(tmp_path, "f.csv", "a,b\n1,2\n".encode("utf-16")) == [
        "f.csv is UTF-16 encoded; save it as UTF-8"
    ]
    assert hints(tmp_path, "g.csv", b"\xfe\xffx") == ["g.csv is UTF-16 encoded; save it as UTF-8"]
    assert hints(tmp_path, "h.csv", b"naam,waarde\nLi\xe8ge,2\n") == [
        "h.csv is not UTF-8 (byte 0xe8 at line 2, column 3); it looks like Latin-1/Windows-1252: save it as UTF-8"
    ]
    assert hints(tmp_path, "i.csv", b"a;b;c\n1;2;3\n") == [
        "i.csv: the header line has ';' separators and no commas (delimiter ';', not ',')"
    ]
    assert hints(tmp_path, "j.tsv", b"a\tb\n1\t2\n") == [
        "j.tsv: the header line has tab separators and no commas (delimiter tab, not ',')"
    ]
    assert hints(tmp_path, "k.txt", b"\xef\xbb\xbfa;b\t\n") == [
        "k.txt: the header line has ';' separators and no commas (delimiter ';', not ',')"
    ]
    assert hints(tmp_path, "l.csv", b'a,b\n"12,5",x\n') == [
        "l.csv: numbers with a decimal comma (e.g. 1234,5); a decimal point is expected"
    ]
    assert hints(tmp_path, "m.csv", b"a;b\n-3,25;x\n")[1].startswith(
        "m.csv: numbers with a decimal comma"
    )
    assert hints(tmp_path, "n.csv", b"a,b\n1.5,2\n") == []
    assert hints(tmp_path, "o.parquet", b"PAR1") == []


def test_hints_for_a_folder_skip_the_manifest_and_read_every_file(tmp_path):
    (tmp_path / "manifest.json").write_bytes(b"{not json")
    (tmp_path / "a.csv").write_bytes(b"")
    (tmp_path / "b.csv").write_bytes(b"x;y\n")
    (tmp_path / "sub").mkdir()
    assert raw_file_hints(tmp_path) == [
        "a.csv is empty",
        "b.csv: the header line has ';' separators and no commas (delimiter ';', not ',')",
    ]


def test_with_hints_appends_them_to_the_parsers_error(tmp_path):
    (tmp_path / "data.csv").write_bytes(b"a;b\n1;2\n")
    err = SourceError("demo", "column 'b' missing", tmp_path / "data.csv")
    out = with_hints(err, tmp_path)
    assert (out.source, out.file) == ("demo", str(tmp_path / "data.csv"))
    assert out.problem == (
        "column 'b' missing (hint: data.csv: the header line has ';' separators and no commas (delimiter ';', not ','))"
    )
    (tmp_path / "other.csv").write_bytes(b"")
    gone = SourceError(
        "demo", "broken", tmp_path / "missing.csv"
    )  # not there: the whole snapshot is read
    assert with_hints(gone, tmp_path).problem == (
        "broken (hint: data.csv: the header line has ';' separators and no commas (delimiter ';', not ','); "
        "other.csv is empty)"
    )
    (tmp_path / "fine.csv").write_bytes(b"a,b\n1.5,x\n")
    clean = SourceError("demo", "broken", tmp_path / "fine.csv")
    assert with_hints(clean, tmp_path) is clean
    assert with_hints(SourceError("demo", "x"), tmp_path / "nothing-here").problem == "x"


def test_the_offending_value_named_is_the_offending_one():
    rates = pd.concat(
        [
            obs(indicator_id="rate", value=100.0),
            obs(indicator_id="rate", geo_code="11002", value=100.5),
        ]
    )
    assert refused(rates.reset_index(drop=True)) == (
        "rate above 100 % (100.5) in indicator rate, geo_code 11002, period 2024 (row 1); plausible range for rate is 0 to 100 %"
    )
    counts = pd.concat(
        [obs(value=0.0), obs(geo_code="11002", value=0.5), obs(period="2023", value=-1.0)]
    )
    assert (
        refused(counts.reset_index(drop=True))
        == "negative value (-1.0) in indicator count, geo_code 44021, period 2023 (row 2); plausible range for count is 0 to 12,500,000 persons"
    )
    two = pd.concat([obs(period="2024-5"), obs(period="x", ref_date="2020-01-01")]).reset_index(
        drop=True
    )
    assert refused(two) == (
        r"2 validation failure(s): period: str_matches('^\d{4}(-\d{2}(-\d{2})?)?$') (value '2024-5', row 0); "
        r"period: str_matches('^\d{4}(-\d{2}(-\d{2})?)?$') (value 'x', row 1)"
    )


def test_geography_errors_name_source_file_and_the_first_duplicate():
    df = pd.DataFrame(
        {"geo_code": ["1", "2", "1", "2"], "level": ["region", "region", "province", "province"]}
    )
    with pytest.raises(SourceError) as exc:
        validate_geographies(SRC, df, "g.csv")
    assert (exc.value.source, exc.value.file, exc.value.problem) == (
        "demo",
        "g.csv",
        "duplicate geography code 1",
    )
    with pytest.raises(SourceError) as exc:
        validate_geographies(SRC, pd.DataFrame({"geo_code": ["1"], "level": ["city"]}), "g.csv")
    assert (exc.value.source, exc.value.file) == ("demo", "g.csv")


def test_hints_read_only_the_start_and_only_whole_lines(tmp_path):
    late = (
        b"a,b\n" + b"1.5,x\n" * 12_000 + b'"12,5",x\n'
    )  # the decimal comma is past the first 64 KiB
    assert len(late) > 1 << 16 and hints(tmp_path, "late.csv", late) == []
    assert (
        hints(tmp_path, "cut.csv", b'a,b\n1.5,x\n"12,5",') == []
    )  # a cut-off last line is not read
    assert hints(tmp_path, "last.csv", b'a,b\n"12,5"\n') == [
        "last.csv: numbers with a decimal comma (e.g. 1234,5); a decimal point is expected"
    ]
    assert (
        hints(tmp_path, "mixed.csv", b"a,b;c\n1.5,x;y\n") == []
    )  # commas in the header: not a ';' file


def test_hints_name_line_and_column_of_a_bad_byte(tmp_path):
    assert hints(tmp_path, "l3.csv", b"a,b\nc,d\nxy\xe8\n")[0].startswith(
        "l3.csv is not UTF-8 (byte 0xe8 at line 3, column 3)"
    )
    assert hints(tmp_path, "l2.csv", b"\n\xe8\n")[0].startswith(
        "l2.csv is not UTF-8 (byte 0xe8 at line 2, column 1)"
    )
    # 0x81 is not even Windows-1252: the hint still comes, nothing crashes.
    assert hints(tmp_path, "w.csv", b"a;b\n\x81\n") == [
        "w.csv is not UTF-8 (byte 0x81 at line 2, column 1); it looks like Latin-1/Windows-1252: save it as UTF-8",
        "w.csv: the header line has ';' separators and no commas (delimiter ';', not ',')",
    ]


def test_json_hints_for_bad_bytes_and_the_size_limit(tmp_path):
    assert hints(tmp_path, "u.json", b'{"a": "\xe8"}') == [
        "u.json is not valid JSON ('utf-8' codec can't decode byte 0xe8 in position 7: invalid continuation byte; "
        "cut off?)"
    ]
    limit = 50 * 1024 * 1024
    for size, expected in ((limit, 1), (limit + 1, 0)):
        path = tmp_path / f"big{size}.json"
        with open(path, "wb") as fh:  # sparse: no 50 MiB written to disk
            fh.write(b"{")
            fh.truncate(size)
        assert len(raw_file_hints(path)) == expected, size


def test_hints_for_a_folder_go_on_past_every_kind_of_file(tmp_path):
    (tmp_path / "0dir").mkdir()
    (tmp_path / "1.json").write_bytes(b"{}")
    (tmp_path / "2.csv").write_bytes("a,b\n".encode("utf-16"))
    (tmp_path / "3.csv").write_bytes(b"")
    (tmp_path / "4.csv").write_bytes(b"x;y\n")
    assert raw_file_hints(tmp_path) == [
        "2.csv is UTF-16 encoded; save it as UTF-8",
        "3.csv is empty",
        "4.csv: the header line has ';' separators and no commas (delimiter ';', not ',')",
    ]


def test_a_cut_off_last_line_with_accents_is_not_mistaken_for_bad_utf8(tmp_path):
    # Only whole lines are decoded: the first byte of a cut "é" must not make the file look like Latin-1.
    assert hints(tmp_path, "cut.csv", "a,b\nLiège,1\nÈvergem".encode()) == []


# --- plausible ranges (issue 15): a unit or parsing error is refused, never published ----------------


class Ranged(Demo):
    indicators = (
        indicator("count"),
        indicator("rate", "%"),
        indicator("ratio", "ratio"),
        indicator("score", "index"),
        indicator("narrow", "%", min_value=10.0, max_value=60.0),
        indicator("wide", "ratio", max_value=5000.0),
        indicator("jobs", "jobs"),
    )


def out_of_range(**row) -> str:
    with pytest.raises(SourceError) as exc:
        validate_observations(Ranged(), obs(**row), file="f.csv", known_geos=GEOS, today=TODAY)
    assert (exc.value.source, exc.value.file) == ("demo", "f.csv")
    return exc.value.problem


def accepted(**row) -> bool:
    return len(validate_observations(Ranged(), obs(**row), file="f", known_geos=GEOS, today=TODAY))


def test_values_outside_the_plausible_range_are_refused_with_their_range():
    where = "geo_code 44021, period 2024 (row 0)"
    assert out_of_range(value=12_500_001.0) == (
        f"count of persons above 12,500,000 (12500001.0) in indicator count, {where}; "
        "plausible range for count is 0 to 12,500,000 persons"
    )
    assert accepted(value=12_500_000.0) and accepted(indicator_id="jobs", value=0.0)
    assert out_of_range(indicator_id="jobs", value=float("inf")) == (
        f"value is not a finite number (inf) in indicator jobs, {where}; "
        "plausible range for jobs is 0 to 12,500,000 jobs"
    )
    assert out_of_range(indicator_id="ratio", value=1000.5).startswith(
        "ratio above 1,000 (1000.5) in indicator ratio"
    )
    assert out_of_range(indicator_id="score", value=-0.1).startswith(
        "negative value (-0.1) in indicator score"
    )
    assert out_of_range(indicator_id="score", value=100.5).startswith(
        "index above 100 (100.5) in indicator score"
    )
    assert out_of_range(indicator_id="narrow", value=9.9) == (
        f"rate below 10 (9.9) in indicator narrow, {where}; "
        "plausible range for narrow is 10 to 60 %"
    )
    assert out_of_range(indicator_id="narrow", value=60.5).startswith(
        "rate above 60 (60.5) in indicator narrow"
    )  # not "above 100 %": the declared range is named
    assert accepted(indicator_id="narrow", value=10.0) and accepted(
        indicator_id="narrow", value=60.0
    )
    assert accepted(indicator_id="wide", value=4999.0)
    assert accepted(value=None, status="hidden")  # an empty value has no range to check


def test_an_indicators_declared_range_must_not_be_empty():
    class Bad(Demo):
        indicators = (indicator("narrow", "%", min_value=70.0, max_value=60.0),)

    with pytest.raises(SourceError) as exc:
        validate_indicators(Bad())
    assert exc.value.problem == "indicator narrow: plausible range [70.0, 60.0] is empty"

    class Point(Demo):
        indicators = (indicator("fixed", "%", min_value=50.0, max_value=50.0),)

    validate_indicators(Point())
    assert plausible_range(indicator("x", "ratio")) == (0, 1000)
    assert plausible_range(indicator("x", "ratio", min_value=1.0)) == (1.0, 1000)
    assert plausible_range(indicator("x", "%", max_value=0.0)) == (0, 0.0)


# --- published lists and statements (issue 22): quotable, with their page, never in the future -------


def list_items(**overrides) -> pd.DataFrame:
    row = {c: None for c in LIST_COLUMNS} | {
        "list_name": "Knelpuntberoepen",
        "list_year": "2024",
        "geo_code": "44021",
        "item_kind": "top",
        "occupation_nl": "Verpleegkundige",
        "occupation_en": "Nurse",
        "name_language": "nl",
        "url": "https://example.invalid/lijst",
        "publisher": "VDAB",
        "quote": "Verpleegkundige",
    }
    return pd.DataFrame([row | overrides, row | {"item_kind": "new"}])  # only the first row changed


def statements(**overrides) -> pd.DataFrame:
    row = {c: None for c in STATEMENT_COLUMNS} | {
        "statement_id": "s1",
        "topic": "paradox",
        "period": "2024",
        "geo_code": "44021",
        "geography_nl": "Gent",
        "geography_en": "Ghent",
        "quote": "Veel vacatures",
        "quote_language": "nl",
        "quote_nl": "Veel vacatures",
        "quote_en": "Many vacancies",
        "url": "https://example.invalid/artikel",
        "publisher": "Krant",
    }
    return pd.DataFrame(
        [row | overrides, row | {"statement_id": "s2"}]
    )  # only the first row changed


def text_refused(check, df) -> str:
    with pytest.raises(SourceError) as exc:
        check(SRC, df, file="lijst.xlsx", known_geos=GEOS, today=TODAY)
    assert (exc.value.source, exc.value.file) == ("demo", "lijst.xlsx")
    return exc.value.problem


def test_published_list_items_are_checked():
    ok = validate_list_items(SRC, list_items(), file="f", known_geos=GEOS, today=TODAY)
    assert list(ok.columns) == LIST_COLUMNS and len(ok) == 2
    extra = list_items().assign(internal="x")
    assert list(validate_list_items(SRC, extra, file="f", known_geos=GEOS).columns) == LIST_COLUMNS
    assert validate_list_items(SRC, None, file="f", known_geos=GEOS) is None
    assert validate_list_items(SRC, list_items().iloc[0:0], file="f", known_geos=GEOS) is None
    check = validate_list_items
    assert text_refused(check, list_items().drop(columns=["quote", "url"])).startswith(
        "occupation list rows: missing column(s) ['url', 'quote']"
    )
    for col in ("list_name", "occupation_en", "url", "publisher", "quote"):
        df = list_items()
        df.loc[1, col] = "  " if col != "url" else None
        assert text_refused(check, df) == f"occupation list row 1: empty {col}"
    assert text_refused(check, list_items(item_kind="best")) == (
        "occupation list row 0: item_kind 'best' not in ('top', 'new', 'removed')"
    )
    assert text_refused(check, list_items(name_language="fr")) == (
        "occupation list row 0: name_language 'fr' not in ('nl', 'en')"
    )
    assert text_refused(check, list_items(list_year="2024-05")) == (
        "occupation list row 0: list_year '2024-05' is not a year"
    )
    assert (
        text_refused(check, list_items(list_year="2027")) == "occupation list in the future: 2027"
    )
    assert (
        len(
            validate_list_items(
                SRC, list_items(list_year="2026"), file="f", known_geos=GEOS, today=TODAY
            )
        )
        == 2
    )
    assert text_refused(check, list_items(geo_code="99999")) == (
        "occupation lists for unknown geography code(s) ['99999']"
    )
    assert text_refused(check, list_items(geo_code=None)) == "occupation list row 0: empty geo_code"


def test_published_statements_are_checked():
    ok = validate_statements(SRC, statements(), file="f", known_geos=GEOS, today=TODAY)
    assert list(ok.columns) == STATEMENT_COLUMNS and ok["statement_id"].tolist() == ["s1", "s2"]
    assert validate_statements(SRC, None, file="f", known_geos=GEOS) is None
    check = validate_statements
    assert text_refused(check, statements(statement_id="s2")) == "statement id 's2' appears twice"
    df = statements()
    df.loc[0, "quote_en"] = ""
    assert text_refused(check, df) == "statement row 0: empty quote_en"
    assert text_refused(check, statements(quote_language="de")) == (
        "statement row 0: quote_language 'de' not in ('nl', 'en')"
    )
    assert text_refused(check, statements(period="2027")) == "statement in the future: 2027"
    assert text_refused(check, statements(geo_code="12345")) == (
        "statements for unknown geography code(s) ['12345']"
    )
    no_area = statements(geo_code=None)  # a statement about no single area (the press on Flanders)
    assert len(validate_statements(SRC, no_area, file="f", known_geos=GEOS, today=TODAY)) == 2


def test_texts_are_dated_against_the_given_day_and_name_at_most_five_unknown_areas():
    last_year = date(2025, 6, 30)  # a build re-run as of an earlier day
    for check, df, what in (
        (validate_list_items, list_items(list_year="2026"), "occupation list"),
        (validate_statements, statements(period="2026"), "statement"),
    ):
        with pytest.raises(SourceError) as exc:
            check(SRC, df, file="f", known_geos=GEOS, today=last_year)
        assert exc.value.problem == f"{what} in the future: 2026"
    codes = [f"9{i:04d}" for i in range(7)]
    many = pd.concat([list_items(geo_code=c) for c in codes]).reset_index(drop=True)
    assert text_refused(validate_list_items, many) == (
        f"occupation lists for unknown geography code(s) {codes[:5]}"
    )
