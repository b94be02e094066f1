"""steunpunt_werk_var: fetch + parse against exports in the DOCUMENTED format (LIVE_APIS.md section 6).

No real response exists here: `var_documented_format` builds the exports with synthetic values, and
tests/fixtures/steunpunt_werk_var/documented_format_*.csv hold the hand-written edge cases. Every fact marked
HIGH in LIVE_APIS.md that this source relies on has a test below; the map views (Regio / Indicator /
Indicator_t5) are not used by this source and are not tested.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qsl
from urllib.parse import urlsplit

import pytest
import responses

from pipelines import breakdowns
from pipelines.http import make_session
from pipelines.registry import all_sources
from pipelines.source import SourceError
from pipelines.sources import steunpunt_werk_var as var
from pipelines.sources.steunpunt_werk_var import SOURCE
from pipelines.sources.steunpunt_werk_var import Places
from pipelines.sources.steunpunt_werk_var import parse_number
from pipelines.sources.steunpunt_werk_var import read_export
from pipelines.validation import validate_observations
from pipelines.warehouse import _ordered
from pipelines.warehouse import collect_geographies
from tests.sources.var_documented_format import export
from tests.sources.var_documented_format import jobs
from tests.sources.var_documented_format import local

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "steunpunt_werk_var"
ANY = re.compile(re.escape(var.BASE) + r"/.*")


@pytest.fixture(autouse=True)
def _no_wait(monkeypatch):
    slept = []
    monkeypatch.setattr(var, "sleep", slept.append)
    monkeypatch.setattr("urllib3.util.retry.time.sleep", lambda _s: None)
    return slept


@pytest.fixture(scope="module")
def places():
    return Places.load()


def _answer(request):
    """Serve the documented-format export the URL asks for (view slug, Jaar, Leeftijdsklasse)."""
    parts = urlsplit(request.url)
    view = next(v for v in var.VIEWS if parts.path.endswith(f"/{v.slug}.csv"))
    q = dict(parse_qsl(parts.query))
    return (
        200,
        {"Content-Type": "text/csv; charset=utf-8"},
        export(view.key, q["Jaar"], q.get("Leeftijdsklasse")),
    )


def _serve():
    responses.add_callback(responses.GET, ANY, callback=_answer)


def _snapshot(tmp_path: Path, *names: str) -> Path:
    snap = tmp_path / "snap"
    snap.mkdir()
    for name in names:
        shutil.copy(FIXTURES / f"documented_format_{name}", snap / name)
    return snap


def value(obs, ind, geo, period, bd=("total", "total")):
    sel = obs[
        (obs.indicator_id == ind)
        & (obs.geo_code == geo)
        & (obs.period == period)
        & (obs.breakdown == bd[0])
        & (obs.breakdown_value == bd[1])
    ]
    assert len(sel) == 1, (ind, geo, period, bd, len(sel))
    return sel.iloc[0]


# ------------------------------------------------------------------------------------------ the request (HIGH)


@responses.activate
def test_fetch_asks_each_view_once_per_year_with_the_documented_query(tmp_path, _no_wait):
    _serve()
    files = SOURCE.fetch(make_session(retries=0), tmp_path)
    calls = [c.request for c in responses.calls]
    assert (
        len(calls) == len(var.plan()) == 2 * 10 * len(var.AGE_BANDS) + 2 * 10
    )  # no paging, one year at a time
    for req in calls:
        url = urlsplit(req.url)
        assert url.scheme == "https" and url.hostname == "analytics.data.wewis.vlaanderen.be"
        assert url.path.startswith("/t/Steunpuntwerk/views/VARpt2-T3/") and url.path.endswith(
            ".csv"
        )
        keys = [k for k, _ in parse_qsl(url.query)]
        assert keys == sorted(keys)  # keys sorted
        q = dict(parse_qsl(url.query))
        assert {
            ":showVizHome": "no",
            ":embed": "y",
            ":isGuestRedirectFromVizportal": "y",
        }.items() <= q.items()
        assert q["Jaar"] in var.YEARS
        assert req.headers["Accept"] == "text/csv" and req.headers["Accept-Encoding"] == "identity"
        assert req.headers["User-Agent"].startswith("gsiw-monitor/")
        assert "Cookie" not in req.headers and "Authorization" not in req.headers
    bw = [dict(parse_qsl(urlsplit(r.url).query)) for r in calls if "/BW-T1tabel.csv" in r.url]
    assert {q["Geografisch niveau"] for q in bw} == {"Gemeente"}
    assert {q["Leeftijdsklasse"] for q in bw} == set(var.AGE_BANDS)
    bnw = [dict(parse_qsl(urlsplit(r.url).query)) for r in calls if "/BNW-T1tabel.csv" in r.url]
    assert {q["Groep"] for q in bnw} == {"Werkend"}
    assert "Geografisch%20niveau=Gemeente" in calls[0].url  # URL-encoded, not '+'
    assert _no_wait == [2.0] * (len(calls) - 1)  # the polite delay between requests
    log = json.loads((tmp_path / "requests.json").read_text())
    assert len(log) == len(calls) and {e["status"] for e in log} == {"received"}
    assert {p.name for p in files} >= {
        "requests.json",
        "bw_t1__2015__15-64.csv",
        "pendel_uit__2024.csv",
    }


def test_view_names_are_the_documented_table_views():
    documented = {"Pendel In - Tabel", "Pendel Uit - Tabel", "BW - T1 (tabel)", "BNW - T1 (tabel)"}
    assert {v.name for v in var.VIEWS} == documented
    for v in (
        var.VIEWS
    ):  # bnw = residence, bw = workplace, pendel = commuting, as the collector classifies
        prefix = v.name.lower().split(" ")[0]
        assert {"bnw": "residence", "bw": "workplace"}.get(prefix, "commuting") == v.kind.split(
            "_"
        )[0]


@responses.activate
def test_timeout_retries_and_backoff_follow_the_documented_policy(tmp_path, monkeypatch):
    monkeypatch.setattr(var, "YEARS", ("2019",))
    _serve()
    session = make_session(retries=0)
    SOURCE.fetch(session, tmp_path)
    retry = session.get_adapter(
        var.BASE + "/x.csv"
    ).max_retries  # mounted by the fetch for this host only
    assert session.get_adapter("https://example.org/").max_retries.total == 0
    assert var.TIMEOUT[1] == 240 and var.DELAY_SECONDS == 2.0
    assert retry.total == 3 and set(retry.status_forcelist) == {408, 425, 429, 500, 502, 503, 504}
    assert retry.respect_retry_after_header
    waits = [min(60, 2 ** (attempt + 2)) for attempt in range(3)]  # 4, 8, 16 s
    assert [retry.backoff_factor * 2**n for n in range(3)] == waits


@responses.activate
def test_429_with_retry_after_is_retried_then_loads(tmp_path, monkeypatch):
    from urllib3 import HTTPResponse

    monkeypatch.setattr(var, "YEARS", ("2019",))
    first = var.plan()[0]
    url = f"{first[0].url}?{var.query_string(first[3])}"
    responses.add(responses.GET, url, status=429, headers={"Retry-After": "7"})
    _serve()
    session = make_session(retries=0)  # the session itself never retries: the host's adapter does
    SOURCE.fetch(session, tmp_path)
    assert sum(c.request.url == url for c in responses.calls) == 2
    assert (tmp_path / "bw_t1__2019__15-64.csv").is_file()
    # `responses` does not sleep: check the adapter's policy waits as the server says.
    slept = []
    monkeypatch.setattr("urllib3.util.retry.time.sleep", slept.append)
    retry = session.get_adapter(url).max_retries
    retry.sleep(HTTPResponse(body=b"", status=429, headers={"Retry-After": "7"}))
    assert slept == [7]


# ------------------------------------------------------------------------------------------ refusals (HIGH)


@pytest.mark.parametrize(
    ("kwargs", "says"),
    [
        ({"status": 401}, "access denied"),
        ({"status": 403}, "access denied"),
        (
            {"status": 302, "headers": {"Location": "https://login.example.org/sso"}},
            "redirected off",
        ),
        (
            {
                "body": "<!DOCTYPE html><html><body>Sign in</body></html>",
                "content_type": "text/html",
            },
            "HTML page",
        ),
        ({"json": {"error": "view not found"}}, "JSON"),
    ],
)
@responses.activate
def test_error_answers_are_refused_and_nothing_is_kept(tmp_path, kwargs, says):
    responses.add(responses.GET, ANY, **kwargs)
    with pytest.raises(SourceError, match=says) as exc:
        SOURCE.fetch(make_session(retries=0), tmp_path)
    assert exc.value.source == "steunpunt_werk_var"
    assert not list(tmp_path.glob("*.csv"))
    # Access denied stops at once; an error page is retried on the next request, up to 3 in a row.
    assert len(responses.calls) == (1 if says in ("access denied", "redirected off") else 3)


@responses.activate
def test_stops_after_three_consecutive_failures(tmp_path):
    responses.add(responses.GET, ANY, status=404)
    with pytest.raises(SourceError, match=r"3 request\(s\) failed \(stopped after 3 of 100\)"):
        SOURCE.fetch(make_session(retries=0), tmp_path)
    assert len(responses.calls) == 3


@responses.activate
def test_html_sent_as_csv_is_refused(tmp_path):
    responses.add(
        responses.GET,
        ANY,
        body="<html><head><title>Error</title></head></html>",
        content_type="text/csv",
    )
    with pytest.raises(SourceError, match="HTML page"):
        SOURCE.fetch(make_session(retries=0), tmp_path)


@responses.activate
def test_empty_exports_are_recorded_as_empty_never_as_zero(tmp_path, monkeypatch):
    monkeypatch.setattr(var, "YEARS", ("2019", "2020"))

    def answer(request):
        if "Jaar=2020" in request.url:  # header only, then nothing at all
            return (
                200,
                {"Content-Type": "text/csv"},
                b""
                if "Pendel" in request.url
                else export("bw_t1", "2020", "15-64").split(b"\r\n")[0],
            )
        return _answer(request)

    responses.add_callback(responses.GET, ANY, callback=answer)
    SOURCE.fetch(make_session(retries=0), tmp_path)
    log = json.loads((tmp_path / "requests.json").read_text())
    empty = [e for e in log if e["status"] == "empty_response_not_zero"]
    assert len(empty) == len(log) / 2 and all(e["rows"] == 0 for e in empty)
    obs = SOURCE.parse(tmp_path)
    assert set(obs["period"]) == {"2019"}  # 2020 absent, not 0


@responses.activate
def test_every_export_empty_fails_clearly(tmp_path):
    responses.add(responses.GET, ANY, body=b"", content_type="text/csv")
    with pytest.raises(SourceError, match="every export was empty"):
        SOURCE.fetch(make_session(retries=0), tmp_path)


@responses.activate
def test_an_ignored_age_filter_is_caught(tmp_path, monkeypatch):
    monkeypatch.setattr(var, "YEARS", ("2019",))
    responses.add_callback(
        responses.GET,
        ANY,
        callback=lambda r: (
            200,
            {"Content-Type": "text/csv"},
            export("bw_t1" if "BW-" in r.url else "pendel_in", "2019", "15-64"),
        ),
    )
    with pytest.raises(SourceError, match="age filter was ignored"):
        SOURCE.fetch(make_session(retries=0), tmp_path)


# ------------------------------------------------------------------------------------------ manifest


@responses.activate
def test_live_snapshot_manifest_has_urls_parameters_time_and_credit(tmp_path, monkeypatch):
    from pipelines import snapshot as snap

    monkeypatch.setattr(var, "YEARS", ("2019",))
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("boundaries", "statbel_origin"):  # the name lists the parser matches against
        (raw / name).symlink_to(snap.source_dir(all_sources()[name]))
    monkeypatch.setenv("GSIW_RAW_DIR", str(raw))
    _serve()
    folder = snap.fetch_new_snapshot(SOURCE, make_session(retries=0))
    manifest = snap.verify(SOURCE, folder)
    assert manifest["origin"] == "live fetch" and manifest["retrieved_at"]
    assert (
        manifest["credit"]
        == "Steunpunt Werk - Vlaamse Arbeidsrekening o.b.v. DWH AM&SB - KSZ, BISA"
    )
    assert manifest["attribution"] == manifest["credit"]
    first = manifest["requests"][0]
    assert first["url"].startswith(var.BASE + "/BW-T1tabel.csv?:embed=y&")
    assert first["parameters"]["Jaar"] == "2019" and first["retrieved_at"]
    assert len(manifest["requests"]) == len(var.plan())


# ------------------------------------------------------------------------------------------ parsing


def test_parse_long_format_totals_breakdowns_and_suppression(tmp_path):
    snap = _snapshot(
        tmp_path, "bw_t1__2019__15-64.csv", "pendel_in__2019.csv", "pendel_uit__2019.csv"
    )
    obs = SOURCE.parse(snap)
    # documented_format_bw_t1__2019__15-64.csv, read by hand:
    assert value(obs, "var_jobs_at_workplace", "44021", "2019").value == 156_091  # Gent, Totaal row
    assert value(obs, "var_jobs_at_workplace", "44021", "2019", ("sex", "women")).value == 74_924
    assert value(obs, "var_jobs_at_workplace", "44021", "2019", ("sex", "unknown")).value == 3
    assert (
        value(obs, "var_jobs_at_workplace", "11002", "2019").value == 1_234.5
    )  # "1.234,5" decimal comma
    herstappe = value(obs, "var_jobs_at_workplace", "73028", "2019")
    assert (
        herstappe.status == "hidden" and herstappe.value != herstappe.value
    )  # suppressed: NaN, never 0
    assert (
        value(obs, "var_jobs_at_workplace", "73028", "2019", ("sex", "men")).status == "hidden"
    )  # "<4"
    # Joint cells (two breakdowns at once), sector rows (no vocabulary codes yet) and the rate measure are
    # not loaded; Luik (Wallonia) and the non-municipal labels (Totaal, Nederland) are not places of the monitor.
    gent = obs[(obs.geo_code == "44021") & (obs.indicator_id == "var_jobs_at_workplace")]
    assert sorted(gent["breakdown_value"]) == ["total", "unknown", "women"]
    assert "62063" not in set(obs.geo_code)
    # Commuting: Totaal minus the diagonal (Gent living and working in Gent), never a sum of the flows.
    assert value(obs, "var_in_commuters", "44021", "2019").value == 132_677 - 62_436
    assert value(obs, "var_employees_at_workplace", "44021", "2019").value == 132_677
    assert value(obs, "var_out_commuters", "44021", "2019").value == 90_000 - 62_436
    assert (
        value(obs, "var_in_commuters", "44021", "2019", ("education", "low")).value
        == 26_535 - 12_487
    )
    assert value(obs, "var_in_commuters", "44021", "2019", ("sex", "women")).status == "hidden"
    known = set(collect_geographies(_ordered(all_sources()))["geo_code"])
    validate_observations(SOURCE, obs, file="fixture", known_geos=known)


def test_observed_2019_raw_schema_and_dutch_locale_headers(tmp_path, places):
    # BNW - T4's "observed 2019 raw schema" (HIGH), with Maatnamen / Maatwaarden and ';' separators.
    path = tmp_path / "bnw_t1__2019__15-64.csv"
    path.write_text(
        "Arbeidsregime;Geslacht;Jaar;Leeftijdsklasse;Maatnamen;Regio;WSE-42-sector;Maatwaarden\n"
        "Totaal;Totaal;2019;15-64;Aantal werkenden (n);Gent;Totaal;101.234\n"
        "Voltijds;Totaal;2019;15-64;Aantal werkenden (n);Gent;Totaal;70.000\n"
        "Totaal;Totaal;2019;15-64;Tewerkstellingsaandeel van de sector bij loontrekkenden (%);Gent;Totaal;12,5\n",
        encoding="utf-8-sig",
    )
    rows = {(r["breakdown"], r["breakdown_value"]): r["value"] for r in read_export(path, places)}
    assert rows == {("total", "total"): 101_234, ("work_regime", "full_time"): 70_000}


def test_utf16_tab_separated_export_is_read(tmp_path, places):
    path = tmp_path / "bw_t1__2019__25-54.csv"
    path.write_bytes(
        "Jaar\tLeeftijdsklasse\tMeasure Names\tRegio\tMeasure Values\r\n2019\t25-54\tAantal werkenden (n)\tGent\t117068\r\n".encode(
            "utf-16"
        )
    )
    (row,) = read_export(path, places)
    assert (row["breakdown"], row["breakdown_value"], row["value"]) == (
        "age",
        "25-54",
        117_068,
    )


def test_documented_categories_are_all_mapped(places):
    cols = var.BREAKDOWN_COLUMNS
    assert set(cols["Geslacht"][1]) >= {"Totaal", "Mannen", "Vrouwen", "Onbekend"}
    assert cols["Geslacht_titel"][1]["Mannen en vrouwen"] == "total"
    assert set(cols["Nationaliteit"][1]) >= {"Totaal", "België", "EU15", "EU28", "niet-EU"}
    assert set(cols["Herkomst"][1]) >= {"Totaal", "België", "EU15", "EU28", "Niet-EU"}
    assert set(cols["Generatie"][1]) == {
        "Totaal",
        "Geen vreemde herkomst",
        "Eerste",
        "Tweede",
        "Derde",
    }
    assert set(cols["Arbeidsregime"][1]) == {"Totaal", "Voltijds", "Deeltijds", "Overige/Onbekend"}
    assert set(cols["Statuut"][1]) >= {"Werkend", "Loontrekkend", "Zelfstandig"}
    assert set(cols["EDU_titel"][1]) >= {
        "Totaal",
        "Kortgeschoold",
        "Middengeschoold",
        "Hooggeschoold",
        "Onbekend",
    }
    # Every code the parser can emit has its NL/EN label in the one vocabulary (pipelines/breakdowns.csv).
    for age in var.AGE_BANDS_KNOWN:  # Leeftijdsklasse values (HIGH); 15-64 is the headline total
        assert breakdowns.is_known("age", age)
    for col, (bd, mapping) in var.BREAKDOWN_COLUMNS.items():
        for code in set((mapping or {}).values()) - {"total"}:
            assert breakdowns.is_known(bd, code), (col, bd, code)
    for label in (
        "null",
        "%null%",
        "totaal",
        "onbekend",
        "andere",
        "internationaal",
        "duitsland",
        "frankrijk",
        "groothertogdom luxemburg",
        "nederland",
        "belgie",
        "België",
    ):
        assert places.code(label) is None
    assert places.code("Gent") == "44021" and places.code(" GENT ") == "44021"
    assert places.code("Luik") is None  # Walloon: known, outside the monitor's geography


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1234", (1234.0, None)),
        ("1.234,5", (1234.5, None)),
        ("1,234.5", (1234.5, None)),
        ("12,5", (12.5, None)),
        ("1\u00a0234", (1234.0, None)),
        ("", (None, "hidden")),
        ("<4", (None, "hidden")),
        ("≤3", (None, "hidden")),
        ("~5", (None, "hidden")),
    ],
)
def test_numbers_are_read_defensively(text, expected):
    assert parse_number(text, ";" if "," in text and "." not in text else ",") == expected


# ------------------------------------------------------------------------------------------ failure modes


def test_empty_export_fails_clearly(tmp_path):
    snap = tmp_path / "snap"
    snap.mkdir()
    (snap / "bw_t1__2019__15-64.csv").write_text(
        "Geslacht,Jaar,Leeftijdsklasse,Measure Names,Regio,Measure Values\n"
    )
    with pytest.raises(SourceError, match="empty export") as exc:
        SOURCE.parse(snap)
    assert exc.value.source == "steunpunt_werk_var"


def test_html_page_saved_as_export_fails_clearly(tmp_path):
    snap = tmp_path / "snap"
    snap.mkdir()
    (snap / "bw_t1__2019__15-64.csv").write_text(
        "<!DOCTYPE html>\n<html><body>Tableau Server: sign in</body></html>"
    )
    with pytest.raises(SourceError, match="HTML or JSON page") as exc:
        SOURCE.parse(snap)
    assert exc.value.file.endswith("bw_t1__2019__15-64.csv")


def test_renamed_measure_names_the_labels_found(tmp_path):
    snap = _snapshot(tmp_path, "bw_t1__2019__15-64.csv")
    path = snap / "bw_t1__2019__15-64.csv"
    path.write_text(
        path.read_text(encoding="utf-8-sig").replace(
            "Aantal werkenden (n)", "Aantal werkende personen (n)"
        ),
        encoding="utf-8-sig",
    )
    with pytest.raises(
        SourceError,
        match=r"measure 'Aantal werkenden \(n\)' not in the export \(renamed\?\); it "
        r"holds \['Aantal werkende personen \(n\)', 'Werkzaamheidsgraad \(%\)'\]",
    ):
        SOURCE.parse(snap)


def test_unmatched_municipality_names_are_listed(tmp_path):
    snap = _snapshot(tmp_path, "bw_t1__2019__15-64.csv")
    path = snap / "bw_t1__2019__15-64.csv"
    text = path.read_text(encoding="utf-8-sig").replace(",Antwerpen,", ",Antwerpen (stad),")
    path.write_text(text.replace(",Merelbeke-Melle,", ",Merelbeke,"), encoding="utf-8-sig")
    with pytest.raises(SourceError) as exc:
        SOURCE.parse(snap)
    assert (
        "2 place name(s) match no Belgian municipality on the 2025 boundaries" in exc.value.problem
    )
    assert "'Antwerpen (stad)', 'Merelbeke'" in exc.value.problem and "ALIASES" in exc.value.problem


def test_ragged_row_and_unknown_column_are_refused(tmp_path, places):
    path = tmp_path / "bw_t1__2019__15-64.csv"
    path.write_text(
        "Jaar,Leeftijdsklasse,Measure Names,Regio,Measure Values\n2019,15-64,Aantal werkenden (n),Gent\n"
    )
    with pytest.raises(SourceError, match="line 2 has 4 fields, the header has 5"):
        read_export(path, places)
    path.write_text(
        "Jaar,Provincie,Measure Names,Regio,Measure Values\n2019,x,Aantal werkenden (n),Gent,1\n"
    )
    with pytest.raises(SourceError, match=r"unexpected column\(s\) \['Provincie'\]"):
        read_export(path, places)


def test_a_year_the_filter_did_not_ask_for_is_refused(tmp_path, places):
    path = tmp_path / "bw_t1__2020__15-64.csv"
    path.write_bytes(export("bw_t1", "2019", "15-64"))
    with pytest.raises(SourceError, match="year 2019 in a file requested for 2020"):
        read_export(path, places)


def test_commuting_without_a_total_row_is_not_summed(tmp_path, places):
    path = tmp_path / "pendel_in__2019.csv"
    lines = export("pendel_in", "2019", None).decode("utf-8-sig").splitlines()
    path.write_text("\n".join(line for line in lines if line.split(",")[6:7] != ["Totaal"]) + "\n")
    with pytest.raises(SourceError, match="no 'Totaal' row for any municipality"):
        read_export(path, places)


def test_builder_matches_its_formulas():
    assert jobs("Gent", "2019") == 156_091 and local("Gent", "2019") == 62_436


def test_indicator_ids_are_distinct_from_other_sources_and_share_concepts():
    others = {
        i.id: i for name, s in all_sources().items() if name != SOURCE.name for i in s.indicators
    }
    assert not {i.id for i in SOURCE.indicators} & set(others)
    assert SOURCE.indicator("var_jobs_at_workplace").concept == others["jobs_at_workplace"].concept
    assert SOURCE.live_only and not SOURCE.live_verified


@responses.activate
def test_an_on_host_redirect_is_followed(tmp_path, monkeypatch):
    monkeypatch.setattr(var, "YEARS", ("2019",))
    first = var.plan()[0]
    url = f"{first[0].url}?{var.query_string(first[3])}"
    moved = f"https://{var.HOST}/t/Steunpuntwerk/views/VARpt2-T3/BW-T1tabel.csv?moved=1"
    responses.add(responses.GET, url, status=302, headers={"Location": moved})
    responses.add(
        responses.GET, moved, body=export("bw_t1", "2019", "15-64"), content_type="text/csv"
    )
    _serve()
    SOURCE.fetch(make_session(retries=0), tmp_path)
    assert (tmp_path / "bw_t1__2019__15-64.csv").read_bytes() == export("bw_t1", "2019", "15-64")


@responses.activate
def test_identical_in_and_out_exports_are_noted(tmp_path, monkeypatch):
    monkeypatch.setattr(var, "YEARS", ("2019",))

    def answer(request):
        # One origin-destination table (both sides' totals) for both views.
        if "Pendel" in request.url:
            both = (
                export("pendel_in", "2019", None)
                + export("pendel_uit", "2019", None).split(b"\r\n", 1)[1]
            )
            return 200, {"Content-Type": "text/csv"}, both
        return _answer(request)

    responses.add_callback(responses.GET, ANY, callback=answer)
    SOURCE.fetch(make_session(retries=0), tmp_path)
    log = json.loads((tmp_path / "requests.json").read_text())
    assert [e.get("identical_to") for e in log if e["view"] == "Pendel Uit - Tabel"] == [
        "pendel_in__2019.csv"
    ]
    obs = SOURCE.parse(tmp_path)
    employees, stay = round(jobs("Gent", "2019") * 0.85), local("Gent", "2019")
    assert (
        value(obs, "var_in_commuters", "44021", "2019").value == employees - stay
    )  # each side read
    assert (
        value(obs, "var_out_commuters", "44021", "2019").value == employees - stay
    )  # from its own rows
    # Herstappe appears only as a suppressed flow, with no 'Totaal' row of its own: no count, not 0.
    assert value(obs, "var_in_commuters", "73028", "2019").status == "hidden"
