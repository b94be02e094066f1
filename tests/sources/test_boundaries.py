"""Boundaries: the shipped GeoJSON snapshot, and the live fetch that converts the repo's shapefiles."""

from __future__ import annotations

import json
from pathlib import Path

import pyproj
import pytest
import responses
import shapefile

from pipelines import nis
from pipelines import snapshot as snap
from pipelines.http import make_session
from pipelines.source import SourceError
from pipelines.sources.boundaries import REPO_RAW
from pipelines.sources.boundaries import SOURCE
from pipelines.validation import validate_geographies

STEMS = {nis.GEMEENTE_2025: "gemeente", nis.GEMEENTE_2024: "gemeente2024", nis.WIJKEN: "ggw7"}


def test_real_snapshot_geographies():
    snapshot = snap.latest_snapshot(SOURCE)
    snap.verify(SOURCE, snapshot)
    geos = SOURCE.geographies(snapshot)
    validate_geographies(SOURCE, geos, str(snapshot))
    wijken = geos[geos.level == "wijk"]
    assert len(wijken) == 128
    assert set(wijken.geo_code.str[:5]) == {"44021", "11002", "71016", "35013"}
    gent = geos.set_index("geo_code").loc["44021"]
    assert (gent.name_nl, gent.name_en, gent.parent_code) == ("Gent", "Ghent", "44000")
    assert SOURCE.parse(snapshot).empty


def _square(x: float, y: float, half: float = 500.0) -> list[list[tuple[float, float]]]:
    """One clockwise ring (the shapefile convention for an outer ring) around (x, y), Lambert-72 metres."""
    return [[(x - half, y - half), (x - half, y + half), (x + half, y + half), (x + half, y - half), (x - half, y - half)]]


# Documented-format fixture: a tiny ESRI shapefile written with pyshp, coordinates in Belgian
# Lambert 72 (EPSG:31370). (104500, 194000) is central Gent; (152000, 212000) central Antwerpen.
FEATURES = {
    "gemeente": [("44021", "Gent", (104500, 194000)), ("11002", "Antwerpen", (152000, 212000))],
    "gemeente2024": [("44021", "Gent", (104500, 194000))],
    "ggw7": [("44021W01", "Binnenstad", (104500, 194000)), ("12009W01", "Elders", (160000, 190000))],
}


def _write_lambert72_shapefile(folder: Path, stem: str, *, code_field: str = "GEOITEM") -> dict[str, bytes]:
    base = folder / stem
    with shapefile.Writer(str(base), shapeType=shapefile.POLYGON) as w:
        w.field(code_field, "C", size=12)
        w.field("NAAM", "C", size=60)
        for code, naam, (x, y) in FEATURES[stem]:
            w.poly(_square(x, y))
            w.record(code, naam)
    return {ext: base.with_suffix(ext).read_bytes() for ext in (".shp", ".shx", ".dbf")}


def _serve(tmp_path: Path, *, with_prj: bool, code_field: str = "GEOITEM") -> None:
    src = tmp_path / "shapefiles"
    src.mkdir()
    prj = pyproj.CRS.from_epsg(31370).to_wkt(pyproj.enums.WktVersion.WKT1_ESRI)
    for stem in STEMS.values():
        for ext, body in _write_lambert72_shapefile(src, stem, code_field=code_field).items():
            responses.add(responses.GET, REPO_RAW + stem + ext, body=body, content_type="application/octet-stream")
        if with_prj:
            responses.add(responses.GET, REPO_RAW + stem + ".prj", body=prj, content_type="text/plain")
        else:
            responses.add(responses.GET, REPO_RAW + stem + ".prj", status=404)
        responses.add(responses.GET, REPO_RAW + stem + ".cpg", status=404)


def _coords(geojson: dict) -> list[list[float]]:
    out = []
    for f in geojson["features"]:
        for ring in f["geometry"]["coordinates"]:
            out.extend(ring)
    return out


@pytest.mark.parametrize("with_prj", [True, False])
@responses.activate
def test_live_fetch_converts_shapefiles_to_wgs84_geojson(tmp_path, with_prj):
    _serve(tmp_path, with_prj=with_prj)
    dest = tmp_path / "snapshot"
    dest.mkdir()
    files = SOURCE.fetch(make_session(retries=0), dest)
    assert [f.name for f in files] == [f.name for f in SOURCE.files]
    assert sorted(p.name for p in dest.iterdir()) == sorted(STEMS)  # shapefile parts deleted

    gemeente = json.loads((dest / nis.GEMEENTE_2025).read_text(encoding="utf-8"))
    assert [f["properties"] for f in gemeente["features"]] == [
        {"code": "44021", "naam": "Gent"},
        {"code": "11002", "naam": "Antwerpen"},
    ]
    ring = gemeente["features"][0]["geometry"]["coordinates"][0]
    lon = sum(p[0] for p in ring[:-1]) / 4
    lat = sum(p[1] for p in ring[:-1]) / 4
    assert 3.70 < lon < 3.74 and 51.04 < lat < 51.07  # central Gent, WGS84
    assert all(len(str(v).split(".")[-1]) <= 5 for p in _coords(gemeente) for v in p)

    wijken = json.loads((dest / nis.WIJKEN).read_text(encoding="utf-8"))
    assert [f["properties"]["code"] for f in wijken["features"]] == ["44021W01"]  # filtered to the four cities

    # The converted files are what the offline parser and nis lookups read.
    assert nis.municipality_codes_2025(dest)["Gent"] == "44021"
    geos = SOURCE.geographies(dest)
    assert set(geos.geo_code) == {"44021", "11002", "44021W01"}


@responses.activate
def test_live_fetch_reports_unknown_dbf_fields(tmp_path):
    _serve(tmp_path, with_prj=False, code_field="IDENT")
    with pytest.raises(SourceError) as exc:
        SOURCE.fetch(make_session(retries=0), tmp_path / "out")
    assert exc.value.source == "boundaries"
    assert "IDENT" in exc.value.problem and "NAAM" in exc.value.problem
    assert exc.value.file.endswith("gemeente.dbf")


@responses.activate
def test_live_fetch_rejects_a_git_lfs_pointer(tmp_path):
    _serve(tmp_path, with_prj=False)
    responses.replace(
        responses.GET, REPO_RAW + "gemeente.shp", body=b"version https://git-lfs.github.com/spec/v1\n",
        content_type="text/plain",
    )
    (tmp_path / "out").mkdir()
    with pytest.raises(SourceError) as exc:
        SOURCE.fetch(make_session(retries=0), tmp_path / "out")
    assert "not an ESRI shapefile" in exc.value.problem
    assert list((tmp_path / "out").iterdir()) == []  # parts cleaned up


@responses.activate
def test_live_fetch_http_error_is_a_source_error(tmp_path):
    responses.add(responses.GET, REPO_RAW + "gemeente.shp", status=503)
    with pytest.raises(SourceError) as exc:
        SOURCE.fetch(make_session(retries=0), tmp_path)
    assert exc.value.source == "boundaries"
    assert "503" in exc.value.problem


@responses.activate
def test_live_snapshot_manifest_lists_the_geojson(tmp_path, monkeypatch):
    monkeypatch.setenv("GSIW_RAW_DIR", str(tmp_path / "raw"))
    _serve(tmp_path, with_prj=True)
    folder = snap.fetch_new_snapshot(SOURCE, make_session(retries=0))
    manifest = snap.verify(SOURCE, folder)
    assert [f["name"] for f in manifest["files"]] == [f.name for f in SOURCE.files]
    assert manifest["files"][0]["url"] == REPO_RAW + "gemeente.shp"
    assert snap.latest_snapshot(SOURCE) == folder
