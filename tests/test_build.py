"""The build end to end on a real DuckDB file: contents, atomic swap, failures that lose nothing."""

from __future__ import annotations

import fcntl
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipelines import snapshot as snap
from pipelines.breakdowns import GEO_BREAKDOWNS
from pipelines.breakdowns import LABELS
from pipelines.breakdowns import BreakdownLabel
from pipelines.config import ROOT
from pipelines.registry import get_source
from pipelines.source import SourceError
from pipelines.warehouse import BuildError
from pipelines.warehouse import build


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_warehouse_has_documented_tables_and_real_rows(warehouse):
    con = duckdb.connect(str(warehouse), read_only=True)
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"observations", "indicators", "geographies", "sources", "load_log", "breakdowns"} <= tables
    n_sources = con.execute("SELECT count(*) FROM sources").fetchone()[0]
    assert n_sources >= 6
    # Every source of this build is in the load log as loaded.
    loaded = con.execute("SELECT count(DISTINCT source_id) FROM load_log WHERE status = 'loaded'").fetchone()[0]
    assert loaded == n_sources
    # The headline numbers a Policy Group member sees on the first page.
    rate = con.execute(
        "SELECT value FROM observations WHERE indicator_id='jobseeker_rate' AND geo_code='44021' "
        "AND period='2024' AND breakdown='total'"
    ).fetchone()[0]
    assert rate == pytest.approx(10.8)
    gent = con.execute("SELECT name_nl, level, parent_code FROM geographies WHERE geo_code='44021'").fetchone()
    assert gent == ("Gent", "municipality", "44000")
    arr = con.execute("SELECT name_nl, level, nuts_code FROM geographies WHERE geo_code='44000'").fetchone()
    assert arr == ("Arrondissement Gent", "arrondissement", "BE234")


def test_no_duplicate_keys_in_observations(warehouse):
    con = duckdb.connect(str(warehouse), read_only=True)
    dups = con.execute(
        "SELECT count(*) FROM (SELECT 1 FROM observations GROUP BY indicator_id, geo_code, period, breakdown, "
        "breakdown_value HAVING count(*) > 1)"
    ).fetchone()[0]
    assert dups == 0


@pytest.fixture
def raw_copy(tmp_path, monkeypatch):
    """A private copy of data/raw so a test can add a broken snapshot without touching the real one."""
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "data" / "raw", raw)
    monkeypatch.setenv("GSIW_RAW_DIR", str(raw))
    return raw


def _add_broken_snapshot(name: str, content: bytes, tmp_path: Path) -> Path:
    """A newer snapshot whose (only) file is broken, with a valid manifest: the parser must catch it."""
    src = get_source(name)
    staged = tmp_path / "staged" / name / src.files[0].name
    staged.parent.mkdir(parents=True)
    staged.write_bytes(content)
    return snap.import_files(src, [staged], snapshot_id="9999-broken", origin="test: broken file") / staged.name


def content_digest(path: Path) -> dict[str, str]:
    """Checksum of every statistics table's contents, order-independent."""
    con = duckdb.connect(str(path), read_only=True)
    out = {}
    for table in ("observations", "indicators", "geographies", "sources", "breakdowns"):
        rows = sorted(map(repr, con.execute(f"SELECT * FROM {table}").fetchall()))
        out[table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    con.close()
    return out


def test_strict_build_with_a_failing_source_leaves_the_file_byte_identical(tmp_path, raw_copy):
    path = tmp_path / "wh" / "gsiw.duckdb"
    build(path=path)
    before = digest(path)
    bad = _add_broken_snapshot("vdab_vacancies", b"this is not an xlsx file", tmp_path)
    with pytest.raises(SourceError) as err:
        build(path=path, strict=True)
    assert "vdab_vacancies" in str(err.value)
    assert "9999-broken" in str(err.value)
    assert bad.exists()
    assert digest(path) == before
    assert not list(path.parent.glob("*.building-*")), "temporary build file left behind"
    runs = [json.loads(x) for x in (path.parent / "runs.jsonl").read_text().splitlines()]
    assert runs[-1]["status"] == "failed" and "vdab_vacancies" in runs[-1]["error"]


def test_failing_source_keeps_its_previous_rows_and_the_rest_goes_on(tmp_path, raw_copy):
    path = tmp_path / "wh" / "gsiw.duckdb"
    build(path=path)
    before = content_digest(path)
    _add_broken_snapshot("vdab_vacancies", b"this is not an xlsx file", tmp_path)
    result = build(path=path)
    assert not result.ok
    assert "vdab_vacancies" in result.failures[0] and "9999-broken" in result.failures[0]
    statuses = {r.source: r.status for r in result.results}
    assert statuses["vdab_vacancies"] == "failed_kept_previous"
    assert statuses["vdab_jobseekers"] == "loaded"
    assert content_digest(path) == before


def test_failing_source_without_previous_warehouse_falls_back_to_older_snapshot(tmp_path, raw_copy):
    path = tmp_path / "wh" / "gsiw.duckdb"
    _add_broken_snapshot("vdab_vacancies", b"garbage", tmp_path)
    result = build(path=path)
    statuses = {r.source: r for r in result.results}
    assert statuses["vdab_vacancies"].status == "older_snapshot"
    assert statuses["vdab_vacancies"].snapshot == "2026-05-21"
    assert not result.ok


def test_cli_exits_non_zero_and_names_the_source(tmp_path, raw_copy):
    path = tmp_path / "wh" / "gsiw.duckdb"
    _add_broken_snapshot("census2011_commuting", b"a,b\n1,2\n", tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "pipelines", "build", "--offline"],
        cwd=ROOT, capture_output=True, text=True,
        env={"GSIW_WAREHOUSE": str(path), "GSIW_RAW_DIR": str(raw_copy), "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 1
    assert "BUILD FAILED" in proc.stdout and "census2011_commuting" in proc.stdout
    assert "9999-broken" in proc.stdout


def test_second_concurrent_build_is_refused(tmp_path):
    path = tmp_path / "gsiw.duckdb"
    lock = open(path.with_name("gsiw.duckdb.lock"), "w")
    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    try:
        with pytest.raises(BuildError, match="another build is running"):
            build(path=path)
    finally:
        lock.close()
    assert not path.exists()


def test_partial_build_keeps_other_sources_and_history(tmp_path, warehouse):
    path = tmp_path / "gsiw.duckdb"
    shutil.copyfile(warehouse, path)
    con = duckdb.connect(str(path), read_only=True)
    before = dict(con.execute("SELECT source_id, count(*) FROM observations GROUP BY 1").fetchall())
    con.close()
    result = build(["vdab_vacancies"], path=path)
    statuses = {r.source: r.status for r in result.results}
    assert statuses["vdab_vacancies"] == "loaded"
    assert statuses["vdab_jobseekers"] == "carried_over"
    con = duckdb.connect(str(path), read_only=True)
    after = dict(con.execute("SELECT source_id, count(*) FROM observations GROUP BY 1").fetchall())
    assert after == before
    builds = con.execute("SELECT count(DISTINCT build_id) FROM load_log").fetchone()[0]
    assert builds == 2


def test_stale_temp_file_from_a_killed_build_is_cleaned(tmp_path):
    path = tmp_path / "gsiw.duckdb"
    stale = tmp_path / "gsiw.duckdb.building-99999"
    stale.write_bytes(b"half a warehouse")
    build(path=path)
    assert not stale.exists()
    assert duckdb.connect(str(path), read_only=True).execute("SELECT count(*) FROM observations").fetchone()[0] > 0


def test_breakdown_labels_come_from_the_one_vocabulary(warehouse):
    """Every label row is the vocabulary's; every code the observations use is labelled (geography-coded
    breakdowns are named by the geographies table); the labels users saw before stay as they were."""
    con = duckdb.connect(str(warehouse), read_only=True)
    rows = con.execute("SELECT breakdown, breakdown_value, label_nl, label_en, sort_order FROM breakdowns").fetchall()
    used = con.execute("SELECT DISTINCT breakdown, breakdown_value FROM observations").fetchall()
    con.close()
    assert {(b, v): (nl, en, o) for b, v, nl, en, o in rows} == {
        key: (lab.label_nl, lab.label_en, lab.sort_order) for key, lab in LABELS.items() if key in set(used)
    }
    assert [k for k in used if k not in LABELS and k[0] not in GEO_BREAKDOWNS] == []
    labels = {(b, v): (nl, en) for b, v, nl, en, _ in rows}
    assert labels[("education", "low")] == ("Laaggeschoold", "Low education")
    assert labels[("origin", "eu_other")] == ("Andere EU-herkomst", "Other EU origin")


def _strict_partial_build_fails(tmp_path, warehouse, name: str) -> SourceError:
    path = tmp_path / "gsiw.duckdb"
    shutil.copyfile(warehouse, path)
    before = digest(path)
    with pytest.raises(SourceError) as err:
        build([name], path=path, strict=True)
    assert digest(path) == before
    return err.value


def test_a_breakdown_code_outside_the_vocabulary_is_refused(tmp_path, warehouse, monkeypatch):
    src = get_source("vdab_vacancies")
    parse = src.parse

    def renamed(snapshot):
        df = parse(snapshot)
        df.loc[df["breakdown_value"] == "bouw", "breakdown_value"] = "bouwsector"
        return df

    monkeypatch.setattr(src, "parse", renamed)
    err = _strict_partial_build_fails(tmp_path, warehouse, "vdab_vacancies")
    assert err.source == "vdab_vacancies"
    assert "sector=bouwsector" in err.problem and "pipelines/breakdowns.csv" in err.problem


def test_a_source_label_contradicting_the_vocabulary_is_refused(tmp_path, warehouse, monkeypatch):
    """The old silent `ON CONFLICT DO NOTHING` kept whichever label came first; now the build says so."""
    src = get_source("vdab_vacancies")
    own = (BreakdownLabel("sector", "bouw", "Bouwsector", "Construction", 13),)
    monkeypatch.setattr(src, "breakdown_labels", own, raising=False)
    err = _strict_partial_build_fails(tmp_path, warehouse, "vdab_vacancies")
    assert "conflicting breakdown label" in err.problem and "'Bouwsector'" in err.problem and "'Bouw'" in err.problem


def test_list_counts_rows_as_the_build_does(warehouse):
    """`pipelines list` shows the rows the build loaded (load_log), status-only rows included."""
    con = duckdb.connect(str(warehouse), read_only=True)
    logged = dict(con.execute(
        "SELECT source_id, rows FROM load_log WHERE build_id = (SELECT value FROM build_info WHERE key = 'build_id')"
    ).fetchall())
    with_status = con.execute("SELECT count(*) FROM observations WHERE value IS NULL").fetchone()[0]
    con.close()
    assert with_status > 0  # otherwise this test could not tell the two counts apart
    proc = subprocess.run(
        [sys.executable, "-m", "pipelines", "list"], cwd=ROOT, capture_output=True, text=True,
        env={"GSIW_WAREHOUSE": str(warehouse), "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 0, proc.stderr
    listed = {}
    for line in proc.stdout.split("\n\n")[0].splitlines()[1:]:  # the first table; freshness follows
        name, _snapshot, rows = line.split()[:3]
        if rows != "not":
            listed[name] = int(rows.replace(",", ""))
    assert listed == {name: n for name, n in logged.items() if name in listed}
    assert set(listed) == {name for name in logged if name != "derived"}


@pytest.fixture
def var_live(monkeypatch):
    """The VAR's live fetch against exports in its DOCUMENTED format (synthetic values), 2 years, no waiting."""
    import re
    from urllib.parse import parse_qsl
    from urllib.parse import urlsplit

    import responses

    from pipelines.sources import steunpunt_werk_var as var
    from tests.sources.var_documented_format import export

    monkeypatch.setattr(var, "YEARS", ("2023", "2024"))
    monkeypatch.setattr(var, "sleep", lambda _s: None)

    def answer(request):
        parts = urlsplit(request.url)
        view = next(v for v in var.VIEWS if parts.path.endswith(f"/{v.slug}.csv"))
        q = dict(parse_qsl(parts.query))
        return (
            200,
            {"Content-Type": "text/csv"},
            export(view.key, q["Jaar"], q.get("Leeftijdsklasse")),
        )

    with responses.RequestsMock() as mock:
        yield mock, re.compile(re.escape(var.BASE) + r"/.*"), answer


def test_live_build_of_the_var_source_writes_a_snapshot_and_loads_it(
    tmp_path, warehouse, raw_copy, var_live
):
    """`python -m pipelines build --live --source steunpunt_werk_var`, as documented in pipelines/README.md."""
    mock, url, answer = var_live
    mock.add_callback("GET", url, callback=answer)
    path = tmp_path / "gsiw.duckdb"
    shutil.copyfile(warehouse, path)
    result = build(["steunpunt_werk_var"], live=True, path=path)
    assert result.ok, result.failures
    statuses = {r.source: r.status for r in result.results}
    assert (
        statuses["steunpunt_werk_var"] == "loaded" and statuses["vdab_jobseekers"] == "carried_over"
    )
    (folder,) = snap.list_snapshots(get_source("steunpunt_werk_var"))
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["origin"] == "live fetch" and manifest["credit"].startswith(
        "Steunpunt Werk - Vlaamse Arbeidsrekening"
    )
    assert (
        len(manifest["requests"]) == 2 * 4 * 2 + 2 * 2
        and manifest["requests"][0]["parameters"]["Jaar"] == "2023"
    )
    con = duckdb.connect(str(path), read_only=True)
    share = con.execute(
        "SELECT count(*) FROM observations WHERE indicator_id = 'var_in_commuter_share' AND geo_code = '44021'"
    ).fetchone()[0]
    live = con.execute("SELECT value FROM build_info WHERE key = 'mode'").fetchone()
    con.close()
    assert share > 0 and live == ("live",)


def test_live_build_of_the_var_source_refused_keeps_the_warehouse(
    tmp_path, warehouse, raw_copy, var_live
):
    mock, url, _answer = var_live
    mock.add("GET", url, status=403)
    path = tmp_path / "gsiw.duckdb"
    shutil.copyfile(warehouse, path)
    before = content_digest(path)
    result = build(["steunpunt_werk_var"], live=True, path=path)
    assert (
        not result.ok
        and "access denied" in result.failures[0]
        and "steunpunt_werk_var" in result.failures[0]
    )
    assert content_digest(path) == before
    assert not snap.list_snapshots(get_source("steunpunt_werk_var"))  # nothing half-written
    assert not list((raw_copy / "steunpunt_werk_var").glob(".*partial"))


def test_lists_and_statements_are_built_and_kept_when_their_source_fails(tmp_path, raw_copy):
    """occupation_lists and published_statements: written by the build, carried over like observations."""
    path = tmp_path / "wh" / "gsiw.duckdb"
    build(path=path)
    sql = (
        "SELECT (SELECT count(*) FROM occupation_lists WHERE source_id = 'vdab_knelpuntberoepen'),"
        " (SELECT count(*) FROM published_statements WHERE source_id = 'vdab_knelpuntberoepen'),"
        " (SELECT occupation_nl FROM occupation_lists WHERE list_year = '2024' AND rank = 1)"
    )

    def texts() -> tuple:
        con = duckdb.connect(str(path), read_only=True)
        try:
            return con.execute(sql).fetchone()
        finally:
            con.close()

    before = texts()
    assert before == (142, 16, "technicus voor industriële installaties")
    _add_broken_snapshot("vdab_knelpuntberoepen", b"year,kind\n2027,count\n", tmp_path)
    result = build(path=path)
    assert not result.ok and "vdab_knelpuntberoepen" in result.failures[0]
    assert {r.source: r.status for r in result.results}["vdab_knelpuntberoepen"] == "failed_kept_previous"
    assert texts() == before
