"""Municipality and wijk boundaries (Provincies in Cijfers): the geographies the maps and joins use."""

from __future__ import annotations

import json
from pathlib import Path
from pathlib import PurePosixPath
from urllib.parse import urlparse

import pandas as pd

from pipelines import nis
from pipelines.freshness import ReleaseRhythm
from pipelines.source import RawFile
from pipelines.source import Source
from pipelines.source import SourceError
from pipelines.source import observations_frame

REPO_RAW = (
    "https://raw.githubusercontent.com/provinciesincijfers/gebiedsniveaus/"
    "3b1b6d8d3548e495f597db134f437f0d08898535/data_voor_swing/shapefiles/"
)
NAMES_EN = {"44021": "Ghent", "11002": "Antwerp", "35013": "Ostend", "21004": "Brussels"}
# Live fetch: the repo keeps Lambert-72 shapefiles; the snapshot keeps WGS84 GeoJSON with `code`, `naam`.
WIJK_MUNICIPALITIES = nis.CITIES
REQUIRED_PARTS = (".shp", ".shx", ".dbf")
OPTIONAL_PARTS = (".prj", ".cpg")
LAMBERT72 = "EPSG:31370"  # the repo's QGIS metadata (gemeente.qmd) says so when no .prj is shipped
# The repo's own GeoJSON export calls the code `geoitem`; accept the usual alternatives, case-insensitively.
CODE_FIELDS = ("code", "geoitem", "niscode", "nis_code", "nis", "cd_refnis")
NAME_FIELDS = ("naam", "name", "tx_descr_nl", "gemeente")
BELGIUM_BBOX = (2.3, 49.3, 6.6, 51.7)  # lon/lat with a margin: catches a wrong source CRS
DECIMALS = 5


def _download_optional(session, url: str, dest: Path, source: str) -> Path | None:
    """A missing .prj/.cpg is normal (404); any other failure is still an error."""
    from pipelines.http import download

    try:
        return download(session, url, dest, source=source)
    except SourceError as exc:
        if exc.problem.startswith("HTTP 404"):
            return None
        raise


def _reproject(coords, transformer, bounds: list[float]):
    """Nested GeoJSON coordinates (any depth) -> rounded lon/lat; a ring is transformed in one call."""
    if coords and isinstance(coords[0], (int, float)):
        return _reproject([coords], transformer, bounds)[0]
    if coords and coords[0] and isinstance(coords[0][0], (int, float)):
        lon, lat = transformer.transform([p[0] for p in coords], [p[1] for p in coords])
        lon, lat = list(lon), list(lat)
        bounds[:] = [min(bounds[0], *lon), min(bounds[1], *lat), max(bounds[2], *lon), max(bounds[3], *lat)]
        return [[round(x, DECIMALS), round(y, DECIMALS)] for x, y in zip(lon, lat, strict=True)]
    return [_reproject(c, transformer, bounds) for c in coords]


def _pick(fields: list[str], wanted: tuple[str, ...]) -> str | None:
    by_lower = {f.lower(): f for f in fields}
    return next((by_lower[w] for w in wanted if w in by_lower), None)


def _as_code(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def shapefile_to_geojson(shp: Path, target: Path, *, source: str, code_prefixes: tuple[str, ...] = ()) -> Path:
    """Convert one shapefile (with its .shx/.dbf and optional .prj/.cpg beside it) to WGS84 GeoJSON."""
    import pyproj
    import shapefile

    with open(shp, "rb") as fh:
        if fh.read(4) != b"\x00\x00\x27\x0a":  # file code 9994: anything else is an LFS pointer or an error page
            raise SourceError(source, "not an ESRI shapefile (wrong magic number)", shp)
    prj = shp.with_suffix(".prj")
    try:
        crs = pyproj.CRS.from_wkt(prj.read_text(encoding="utf-8", errors="replace")) if prj.exists() else LAMBERT72
        transformer = pyproj.Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    except pyproj.exceptions.CRSError as exc:
        raise SourceError(source, f"unreadable projection: {exc}", prj) from exc
    features = None
    for encoding in (None, "latin-1"):  # None: the .cpg if shipped, else pyshp's utf-8
        try:
            with shapefile.Reader(str(shp), **({"encoding": encoding} if encoding else {})) as reader:
                fields = [f[0] for f in reader.fields if f[0] != "DeletionFlag"]
                code_f, name_f = _pick(fields, CODE_FIELDS), _pick(fields, NAME_FIELDS)
                if not code_f or not name_f:
                    raise SourceError(
                        source, f"no code/name field in the .dbf (fields found: {fields})", shp.with_suffix(".dbf")
                    )
                features = []
                bounds = [float("inf"), float("inf"), float("-inf"), float("-inf")]
                for rec in reader.iterShapeRecords(fields=[code_f, name_f]):
                    code = _as_code(rec.record[code_f])
                    if code_prefixes and not code.startswith(code_prefixes):
                        continue
                    geom = None
                    if rec.shape is not None and rec.shape.shapeType != shapefile.NULL:
                        gi = rec.shape.__geo_interface__
                        geom = {"type": gi["type"], "coordinates": _reproject(gi["coordinates"], transformer, bounds)}
                    features.append(
                        {"type": "Feature", "properties": {"code": code, "naam": str(rec.record[name_f]).strip()},
                         "geometry": geom}
                    )
            break
        except UnicodeDecodeError:
            continue
        except SourceError:
            raise
        except Exception as exc:  # pyshp raises its own and struct errors on a damaged file
            raise SourceError(source, f"cannot read shapefile: {type(exc).__name__}: {exc}", shp) from exc
    if features is None:
        raise SourceError(source, "cannot decode the .dbf text as utf-8 or latin-1", shp.with_suffix(".dbf"))
    if not features:
        raise SourceError(source, f"no features (code prefixes {code_prefixes or 'any'})", shp)
    lon_min, lat_min, lon_max, lat_max = BELGIUM_BBOX
    if bounds[0] < lon_min or bounds[1] < lat_min or bounds[2] > lon_max or bounds[3] > lat_max:
        raise SourceError(source, f"reprojected coordinates {bounds} fall outside Belgium: wrong source CRS?", shp)
    collection = {"type": "FeatureCollection", "features": features}
    target.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return target


class Boundaries(Source):
    name = "boundaries"
    title_nl = "Grenzen van gemeenten en wijken"
    title_en = "Municipality and neighbourhood (wijk) boundaries"
    publisher = "Data & Analyse van de Vlaamse provincies (Provincies in Cijfers)"
    licence = "Modellicentie Gratis Hergebruik Vlaanderen v1.0"
    url = "https://github.com/provinciesincijfers/gebiedsniveaus"
    attribution = (
        "Wijken voor omgevingsanalyse. © gemeentebesturen, verzameld door Data & Analyse van de Vlaamse provincies"
    )
    period_covered = "municipalities 2024 and 2025; wijken (ggw7) as of 2026-03"
    release_rhythm = ReleaseRhythm("irregular")  # new boundaries only when municipalities merge or wijken change
    caveats = (
        "Converted from the Lambert-72 shapefiles to WGS84 GeoJSON, coordinates rounded to 5 decimals. "
        "Wijken only for Gent, Antwerpen, Genk and Oostende."
    )
    files = (
        RawFile(nis.GEMEENTE_2025, REPO_RAW + "gemeente.shp", "304 municipalities, 2025 mergers"),
        RawFile(nis.GEMEENTE_2024, REPO_RAW + "gemeente2024.shp", "319 municipalities before the 2025 mergers"),
        RawFile(nis.WIJKEN, REPO_RAW + "ggw7.shp", "wijken of Gent, Antwerpen, Genk, Oostende"),
    )
    indicators = ()

    def fetch(self, session, dest: Path) -> list[Path]:
        """Download each shapefile's parts, convert to the GeoJSON the snapshot holds, drop the parts."""
        from pipelines.http import download

        written = []
        for f in self.files:
            stem = PurePosixPath(urlparse(f.url).path).stem
            base_url = f.url[: -len(".shp")]
            parts: list[Path] = []
            try:
                for ext in REQUIRED_PARTS:
                    parts.append(download(session, base_url + ext, dest / (stem + ext), source=self.name))
                for ext in OPTIONAL_PARTS:
                    part = _download_optional(session, base_url + ext, dest / (stem + ext), self.name)
                    if part:
                        parts.append(part)
                prefixes = WIJK_MUNICIPALITIES if f.name == nis.WIJKEN else ()
                written.append(
                    shapefile_to_geojson(dest / (stem + ".shp"), dest / f.name, source=self.name, code_prefixes=prefixes)
                )
            finally:
                for part in parts:
                    part.unlink(missing_ok=True)
        return written

    def parse(self, snapshot: Path) -> pd.DataFrame:
        return observations_frame([])

    def geographies(self, snapshot: Path) -> pd.DataFrame:
        rows = []
        seen = set()
        for fname in (nis.GEMEENTE_2025, nis.GEMEENTE_2024):
            for code, naam in nis._features(str(snapshot / fname)):
                if code in seen:
                    continue
                seen.add(code)
                rows.append(
                    {"geo_code": code, "level": "municipality", "parent_code": code[:2] + "000",
                     "name_nl": naam, "name_fr": None, "name_en": NAMES_EN.get(code, naam), "nuts_code": None}
                )
        for code, naam in nis._features(str(snapshot / nis.WIJKEN)):
            rows.append(
                {"geo_code": code, "level": "wijk", "parent_code": code[:5], "name_nl": naam,
                 "name_fr": None, "name_en": naam, "nuts_code": None}
            )
        return pd.DataFrame(rows)

    def shapes(self, snapshot: Path) -> pd.DataFrame:
        """Every boundary with its vintage: 2025 and pre-2025 municipalities (data use both code sets), wijken."""
        rows = []
        for fname, level, vintage in (
            (nis.GEMEENTE_2025, "municipality", "municipalities_2025"),
            (nis.GEMEENTE_2024, "municipality", "municipalities_2024"),
            (nis.WIJKEN, "wijk", "wijken_ggw7"),
        ):
            try:
                data = json.loads((snapshot / fname).read_text(encoding="utf-8"))
                features = data["features"]
            except (OSError, ValueError, KeyError) as exc:
                raise SourceError(self.name, f"unreadable GeoJSON: {exc}", snapshot / fname) from exc
            for feat in features:
                if feat.get("geometry"):
                    rows.append({"geo_code": str(feat["properties"]["code"]), "level": level, "vintage": vintage,
                                 "geometry": json.dumps(feat["geometry"], separators=(",", ":"))})
        return pd.DataFrame(rows, columns=["geo_code", "level", "vintage", "geometry"])


SOURCE = Boundaries()
