"""The meeting brief on the real warehouse against a copy truncated before 2024 (tests/brief_support.py).

Every expectation is checked against an independent query on the warehouse files, or is a real
figure read from them (Gent's job-seeker rate 9,9 % in 2023, 10,8 % in 2024).
"""

from __future__ import annotations

import ast
import shutil
from datetime import date

import duckdb
import pytest

from dashboard.brief import render as R
from dashboard.brief.model import NOTABLE_PP
from dashboard.brief.model import NOTABLE_RELATIVE
from dashboard.brief.model import SeriesKey
from dashboard.brief.model import as_of
from dashboard.brief.model import brief_for_warehouse
from pipelines.config import ROOT
from policy.store import PolicyStore
from tests.brief_support import FIRST_DROPPED
from tests.brief_support import SINCE
from tests.brief_support import TODAY
from tests.brief_support import truncated_copy
from tests.brief_support import with_history

GENT = "44021"


@pytest.fixture(scope="module")
def files(warehouse, tmp_path_factory):
    d = tmp_path_factory.mktemp("brief")
    prev = truncated_copy(warehouse, d / "previous.duckdb")
    return {"current": warehouse, "previous": prev, "history": with_history(warehouse, prev, d / "history.duckdb"),
            "dir": d}


@pytest.fixture(scope="module")
def store(files):
    return PolicyStore(files["dir"] / "policy.sqlite")


@pytest.fixture(scope="module")
def brief(files, store):
    return brief_for_warehouse(files["current"], store, SINCE, previous=files["previous"], today=TODAY)


def q(path, sql, params=()):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


# --------------------------------------------------------------------------- new releases


def test_new_periods_per_source_are_exactly_the_periods_the_truncated_load_lacked(brief, files):
    expected = {
        src: sorted(ps)
        for src, ps in q(files["current"], "SELECT source_id, list(DISTINCT period) FROM observations "
                                           "WHERE period >= ? GROUP BY 1", [FIRST_DROPPED])
    }
    got = {r.source_id: r.new_periods for r in brief.releases}
    assert got == expected
    assert {r.kind for r in brief.releases} == {"new_periods"}
    jobseekers = next(r for r in brief.releases if r.source_id == "vdab_jobseekers")
    assert jobseekers.new_periods == ["2024"]
    assert set(jobseekers.indicators) == {"jobseeker_rate", "jobseekers_nwwz", "jobseekers_wzw", "jobseekers_wzw_rate"}
    assert (jobseekers.link.url_path, dict(jobseekers.link.params)) == ("werkzoekenden", {"geo": GENT})
    assert "census2011_commuting" not in got  # nothing after 2011: nothing new


def test_a_long_run_of_new_months_is_summarised(brief):
    text = next(i.text for s in R.sections(brief, "nl") for i in s.items if "bouwsector" in i.text)
    assert "2024-01 tot 2026-04 (28 periodes)" in text


# --------------------------------------------------------------------------- notable moves


def _latest(path, key: SeriesKey, before: str | None = None):
    rows = q(path, "SELECT period, value FROM observations WHERE indicator_id = ? AND geo_code = ? AND breakdown = ? "
                   "AND breakdown_value = ? AND value IS NOT NULL AND (? IS NULL OR period < ?) ORDER BY period DESC "
                   "LIMIT 1", [key.indicator_id, key.geo_code, key.breakdown, key.breakdown_value, before, before])
    return rows[0] if rows else None


def test_moves_match_an_independent_reading_of_both_states(brief, files):
    units = dict(q(files["current"], "SELECT indicator_id, unit FROM indicators"))
    expected = set()
    for (ind,) in q(files["current"], "SELECT DISTINCT indicator_id FROM observations WHERE geo_code = ? "
                                       "AND breakdown = 'total' AND value IS NOT NULL", [GENT]):
        key = SeriesKey(ind)
        now, then = _latest(files["current"], key), _latest(files["previous"], key)
        if not now or not then or now == then:
            continue
        diff = now[1] - then[1]
        if (abs(diff) >= NOTABLE_PP) if units[ind] == "%" else (abs(diff) / abs(then[1]) >= NOTABLE_RELATIVE):
            expected.add(ind)
    gent_totals = {m.key.indicator_id for m in brief.moves if m.key == SeriesKey(m.key.indicator_id)}
    assert gent_totals == expected
    assert {"jobseeker_rate", "jobseekers_nwwz", "jobseekers_wzw", "vacancies_received"} <= gent_totals
    assert "population" not in gent_totals  # +1,1 % a year: below the threshold


def test_the_gent_job_seeker_rate_moved_away_from_its_objective(brief, files):
    move = next(m for m in brief.moves if m.key == SeriesKey("jobseeker_rate"))
    assert (move.period_before, move.period_now) == ("2023", "2024")
    assert (move.value_before, move.value_now) == (_latest(files["previous"], move.key)[1],
                                                   _latest(files["current"], move.key)[1]) == (9.9, 10.8)
    assert move.assessment == "away" and move.objectives == ["vb-werkzoekendengraad"] and move.is_example
    text = next(i.text for s in R.sections(brief, "nl") for i in s.items if i.chart == move.key and s.key == "moves")
    assert "van 9,9 % (2023) naar **10,8 %** (2024), +0,9 procentpunt: weg van de doelstelling" in text
    en = next(i.text for s in R.sections(brief, "en") for i in s.items if i.chart == move.key and s.key == "moves")
    assert "from 9.9% (2023) to **10.8%** (2024), +0.9 percentage points: away from the objective" in en


def test_moves_without_an_objective_are_judged_by_the_indicator_direction(brief):
    by = {m.key.indicator_id: m for m in brief.moves if m.key.breakdown == "total" and not m.objectives}
    nwwz = by["jobseekers_nwwz"]  # higher is worse, no objective on Gent's total
    assert (nwwz.value_before, nwwz.value_now, nwwz.assessment) == (13186, 14576, "worse")
    assert by["vacancies_received"].assessment == "neutral"
    text = next(i.text for s in R.sections(brief, "nl") for i in s.items if i.chart == nwwz.key and s.key == "moves")
    assert "van 13.186 (2023) naar **14.576** (2024), +1.390 (+10,5 %): een verslechtering" in text


def test_a_linked_breakdown_series_is_followed_too(brief):
    young = next(m for m in brief.moves if m.key == SeriesKey("jobseeker_rate", GENT, "age", "18-24"))
    assert (young.value_before, young.value_now, young.assessment) == (18.0, 20.7, "away")
    older = next(m for m in brief.moves if m.key == SeriesKey("jobseeker_rate", GENT, "age", "60-64"))
    assert older.assessment == "towards"


# --------------------------------------------------------------------------- statuses and signals


def test_objective_statuses_that_changed_with_the_2024_figures(brief):
    got = {s.link_id: (s.before.status, s.after.status, s.trend) for s in brief.status_changes}
    assert got == {
        "vb-werkzoekendengraad-gent": ("on_track", "no_progress", "worse"),  # 10,8 % -> 10,8 %: ratio 0,00
        "vb-jongeren-18-24": ("acceleration_needed", "deteriorating", "worse"),
        "vb-niet-eu-wzw": ("on_track", "deteriorating", "worse"),
        "vb-wzw-graad-gent": ("target_met", "acceleration_needed", "worse"),
    }
    assert all(s.is_example for s in brief.status_changes)  # the real Arbeidspact links have no target year
    assert {dict(s.link.params)["plan"] for s in brief.status_changes} == {"voorbeeld-methode"}


def test_signals_new_and_dropped(brief, files):
    new = {(c.signal.rule, c.signal.objective_id) for c in brief.new_signals}
    assert ("objective_deteriorating", "vb-niet-eu-herkomst") in new
    gone = [c.signal for c in brief.resolved_signals if c.signal.rule == "over_representation"]
    assert [s.params["group"] for s in gone] == ["age/60-64"]
    # independent: 60-64 against all ages was >= 1.25 times in 2023, below it in 2024
    rate = dict(q(files["current"], "SELECT period || '/' || breakdown_value, value FROM observations WHERE "
                                    "indicator_id = 'jobseeker_rate' AND geo_code = ? AND breakdown_value IN "
                                    "('60-64', 'total') AND period IN ('2023', '2024')", [GENT]))
    assert rate["2023/60-64"] / rate["2023/total"] >= 1.25 > rate["2024/60-64"] / rate["2024/total"]


def test_without_examples_only_real_items_remain(brief):
    secs = {s.key: s for s in R.sections(brief, "nl", examples=False)}
    assert secs["status"].items == [] and all(not i.is_example for s in secs.values() for i in s.items)
    assert len(secs["moves"].items) == sum(not m.is_example for m in brief.moves) >= 4
    actions, changed = R.cycle_items(brief, "nl")  # issue 18: the seed's example action item
    assert sum(i.is_example for i in actions) == 1
    assert R.hidden_examples(brief) == sum(m.is_example for m in brief.moves) + len(brief.status_changes) + sum(
        c.signal.is_example for c in brief.new_signals + brief.resolved_signals) + sum(
        i.is_example for i in actions + changed)


def registered_pages() -> set[tuple[str, str]]:
    """(view, url path) of app.py's PAGES table, read without running the app."""
    tree = ast.parse((ROOT / "dashboard" / "app.py").read_text(encoding="utf-8"))
    table = next(n.value for n in tree.body if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "PAGES")
    return {(f"views/{row[1]}", row[4]) for row in ast.literal_eval(table)}


def test_every_deep_link_opens_a_registered_page(brief):
    pages = registered_pages()
    assert {("views/vergadering.py", "vergadering"), ("views/presentatie.py", "presentatie")} <= pages
    items = [i for s in R.sections(brief, "nl") for i in s.items]
    assert items and all((i.link.view, i.link.url_path) in pages for i in items)
    move = next(i for i in items if i.section == "moves" and i.chart == SeriesKey("jobseeker_rate"))
    assert move.link.url("nl") == "./indicatoren?indicator=jobseeker_rate&geo=44021&breakdown=total&lang=nl"


# --------------------------------------------------------------------------- updates from the audit trail


def test_action_group_updates_after_the_meeting_day(files, monkeypatch, tmp_path):
    monkeypatch.setenv("GSIW_LOCAL_ADMIN", "1")
    store = PolicyStore(tmp_path / "policy.sqlite")
    group = store.get("action_groups", "vb-ag-jongeren")
    store.update("action_groups", group["id"], {"results": "Eerste traject gestart"}, expected_version=group["version"],
                 user="An Peeters")
    result = brief_for_warehouse(files["current"], store, SINCE, previous=files["previous"], today=TODAY)
    (update,) = result.updates  # the seed (written just now too) is not an update
    assert (update.entity, update.entity_id, update.who, update.action) == ("action_groups", "vb-ag-jongeren",
                                                                          "An Peeters", "update")
    assert update.fields == [("results", None, "Eerste traject gestart")] and update.link.url_path == "actiegroepen"
    later = brief_for_warehouse(files["current"], store, date.today(), previous=files["previous"], today=TODAY)
    assert later.updates == []  # made on the meeting day itself: known at the meeting


# --------------------------------------------------------------------------- the history instead of an old file


def test_the_history_gives_the_same_brief_as_the_old_file(brief, files, store):
    from_history = brief_for_warehouse(files["history"], store, SINCE, today=TODAY)
    assert from_history.unknown_sources == []
    assert [(r.source_id, r.new_periods) for r in from_history.releases] == \
        [(r.source_id, r.new_periods) for r in brief.releases]
    assert [(m.key, m.value_before, m.value_now) for m in from_history.moves] == \
        [(m.key, m.value_before, m.value_now) for m in brief.moves]
    assert [(s.link_id, s.after.status) for s in from_history.status_changes] == \
        [(s.link_id, s.after.status) for s in brief.status_changes]
    assert from_history.previous_label == "2026-09-01 08:00:00"
    # The past state's series are cut from today's by the history's rule rather than read again:
    # every figure, signal and sentence must be the one the old file itself gives.
    assert [(m.key, m.period_before, m.period_now, m.change) for m in from_history.moves] == \
        [(m.key, m.period_before, m.period_now, m.change) for m in brief.moves]
    def before(changes):
        return [(s.before.status, s.before.latest_value) if s.before else None for s in changes]

    assert before(from_history.status_changes) == before(brief.status_changes)
    assert [c.signal.rule for c in from_history.new_signals] == [c.signal.rule for c in brief.new_signals]
    assert [c.signal.rule for c in from_history.resolved_signals] == [c.signal.rule for c in brief.resolved_signals]
    assert R.summary(from_history, "nl") == R.summary(brief, "nl")


def test_before_the_first_build_everything_is_unknown_and_nothing_is_claimed(files, store):
    result = brief_for_warehouse(files["history"], store, date(2026, 8, 1), today=TODAY)
    assert set(result.unknown_sources) == {r[0] for r in q(files["history"], "SELECT source_id FROM sources")}
    assert {r.kind for r in result.releases} == {"unknown"}
    assert result.moves == [] and result.status_changes == [] and result.new_signals == []
    assert R.summary(result, "nl").startswith("0 bronnen met nieuwe cijfers")
    text = next(i.text for s in R.sections(result, "nl") for i in s.items if s.key == "releases")
    assert text.startswith("Dit is de eerste samenvatting")  # one plain sentence, no list of source ids


def test_as_of_uses_snapshots_when_no_coverage_was_recorded(files, tmp_path):
    path = tmp_path / "no_coverage.duckdb"
    shutil.copy(files["history"], path)
    con = duckdb.connect(str(path))
    con.execute("DELETE FROM coverage_history WHERE built_at < ?", [SINCE])  # an old warehouse: no coverage then
    con.execute("UPDATE load_log SET snapshot = '2025-01-01' WHERE source_id = 'vdab_jobseekers' AND finished_at < ?",
                [SINCE])
    history = as_of(con, SINCE)
    con.close()
    assert "vdab_jobseekers" in history.unknown  # another snapshot then, periods not recorded
    assert "vdab_vacancies" in history.unchanged and "derived" in history.unknown
    assert history.build_id.startswith("20260901T080000")


def test_each_build_appends_its_coverage_and_keeps_the_earlier_ones(files, tmp_path):
    from pipelines.warehouse import build

    path = tmp_path / "rebuilt.duckdb"
    shutil.copy(files["history"], path)
    build(["statbel_pop_struct"], path=path)  # a partial build: the other sources are carried over
    rows = q(path, "SELECT build_id, count(*) FROM coverage_history GROUP BY 1 ORDER BY min(built_at)")
    assert len(rows) == 3 and rows[0][0].startswith("20260901T080000")
    n_indicators = q(path, "SELECT count(*) FROM indicators")[0][0]
    assert rows[-1][1] == n_indicators
    last = dict(q(path, "SELECT indicator_id, last_period FROM coverage_history WHERE build_id = ?", [rows[-1][0]]))
    assert last["jobseeker_rate"] == "2024" and last["population_by_age"] == "2015"


def test_a_link_without_any_figure_does_not_break_the_brief(files, tmp_path, monkeypatch):
    """A link to a series the warehouse has no row for (e.g. a category not yet published): the past
    state cut from today's empty series is empty too, and the brief still comes out."""
    monkeypatch.setenv("GSIW_LOCAL_ADMIN", "1")
    store = PolicyStore(tmp_path / "policy.sqlite")
    store.create("links", "leeg", {"objective_id": "gsiw17-sectoren", "indicator_id": "jobseeker_rate",
                                   "geo_code": GENT, "breakdown": "age", "breakdown_value": "nog_niet_gepubliceerd",
                                   "direction": "higher_is_worse", "is_example": True}, user="x")
    result = brief_for_warehouse(files["history"], store, SINCE, today=TODAY)
    assert [(r.source_id, r.new_periods) for r in result.releases]  # the rest of the brief is there
    assert "leeg" not in {s.link_id for s in result.status_changes}  # no figure then or now: no change
