"""Pure geometry helpers for the maps: GeoJSON from the warehouse's `geo_shapes`, bounding boxes, centroids.

Why no GIS library: the maps only need to draw polygons, group municipalities into their
arrondissement (for the census 2011 commuting matrix) and place a flow line at each area's centre.
Concatenating member polygons into one MultiPolygon draws the same area as a real dissolve would.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable

import pandas as pd


def _rings(geometry: dict) -> Iterable[list]:
    """Outer rings of a Polygon or MultiPolygon (holes are ignored for centres and boxes)."""
    if geometry["type"] == "Polygon":
        yield geometry["coordinates"][0]
    elif geometry["type"] == "MultiPolygon":
        for poly in geometry["coordinates"]:
            yield poly[0]


def _polygons(geometry: dict) -> list:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["coordinates"])
    return []


def feature_collection(shapes: pd.DataFrame) -> dict:
    """`shapes` (geo_code, geometry as GeoJSON text) -> a FeatureCollection whose feature ids are the codes."""
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "id": code, "properties": {"code": code}, "geometry": json.loads(geom)}
            for code, geom in zip(shapes["geo_code"], shapes["geometry"], strict=True)
        ],
    }


def merge_by(shapes: pd.DataFrame, group: pd.Series) -> pd.DataFrame:
    """Group areas into larger ones (e.g. municipality -> arrondissement) as MultiPolygons of their parts."""
    parts: dict[str, list] = {}
    for code, geom in zip(group, shapes["geometry"], strict=True):
        parts.setdefault(code, []).extend(_polygons(json.loads(geom)))
    return pd.DataFrame(
        [{"geo_code": code, "geometry": json.dumps({"type": "MultiPolygon", "coordinates": polys})}
         for code, polys in parts.items()]
    )


def bbox(collection: dict, codes: Iterable[str] | None = None) -> tuple[float, float, float, float]:
    """lon/lat box (min lon, min lat, max lon, max lat) of the features, or of those with the given codes."""
    wanted = set(codes) if codes is not None else None
    lon0 = lat0 = float("inf")
    lon1 = lat1 = float("-inf")
    for feat in collection["features"]:
        if wanted is not None and feat["id"] not in wanted:
            continue
        for ring in _rings(feat["geometry"]):
            for lon, lat in ring:
                lon0, lat0, lon1, lat1 = min(lon0, lon), min(lat0, lat), max(lon1, lon), max(lat1, lat)
    if lon0 == float("inf"):
        return (2.5, 50.65, 5.95, 51.55)  # Flanders and Brussels
    return (lon0, lat0, lon1, lat1)


def _ring_centroid(ring: list) -> tuple[float, float, float]:
    """Area-weighted centre of one ring (shoelace); lon/lat treated as planar, fine at this scale."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(a) < 1e-12:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return sum(xs) / len(xs), sum(ys) / len(ys), 0.0
    return cx / (3 * a), cy / (3 * a), abs(a) / 2


def centroids(collection: dict) -> dict[str, tuple[float, float]]:
    """Area-weighted centre (lon, lat) of every feature, over all its outer rings."""
    out = {}
    for feat in collection["features"]:
        parts = [_ring_centroid(r) for r in _rings(feat["geometry"])]
        total = sum(p[2] for p in parts)
        if total == 0:
            continue
        out[feat["id"]] = (sum(p[0] * p[2] for p in parts) / total, sum(p[1] * p[2] for p in parts) / total)
    return out


def outlines(shapes: pd.DataFrame, group: pd.Series) -> tuple[list, list]:
    """Outer boundaries of grouped areas as one line path (lon, lat lists with None between pieces).

    Why: an arrondissement drawn from its municipalities would show every municipal border. An edge
    shared by two municipalities of the same group appears twice; edges that appear once are the
    group's outline (the shapes come from one source, so shared vertices coincide exactly).
    """
    lons: list = []
    lats: list = []
    for _, part in shapes.groupby(group.values, sort=False):
        count: dict[tuple, int] = {}
        for geom in part["geometry"]:
            for ring in _rings(json.loads(geom)):
                for a, b in zip(ring, ring[1:], strict=False):
                    key = (tuple(a), tuple(b)) if tuple(a) <= tuple(b) else (tuple(b), tuple(a))
                    count[key] = count.get(key, 0) + 1
        # Chain the single edges into paths so each vertex is sent once, not twice.
        nxt: dict[tuple, list[tuple]] = {}
        for (a, b), n in count.items():
            if n == 1:
                nxt.setdefault(a, []).append(b)
                nxt.setdefault(b, []).append(a)
        while nxt:
            start = next(iter(nxt))
            path, here = [start], start
            while nxt.get(here):
                there = nxt[here].pop()
                nxt[there].remove(here)
                for pt in (here, there):
                    if not nxt.get(pt):
                        nxt.pop(pt, None)
                path.append(there)
                here = there
            lons += [pt[0] for pt in path] + [None]
            lats += [pt[1] for pt in path] + [None]
    return lons, lats


def _thin(ring: list, tol: float) -> list:
    """Drop vertices closer than `tol` degrees to the last kept one; a ring keeps at least 4 points."""
    out = [ring[0]]
    for p in ring[1:-1]:
        if abs(p[0] - out[-1][0]) > tol or abs(p[1] - out[-1][1]) > tol:
            out.append(p)
    out.append(ring[-1])
    return out if len(out) >= 4 else ring


def _douglas_peucker(ring: list, tol: float) -> list:
    """Keep only vertices that lie more than `tol` degrees off the simplified line (Douglas-Peucker).

    Why not only `_thin`: a boundary's long straight or gently curving stretches need two points, not
    one every `tol`; this keeps far fewer vertices at the same visible accuracy, and every vertex is
    a Python object plotly copies twice per rerun (docs/performance.md)."""
    n = len(ring)
    if n < 5:
        return ring
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        a, b = stack.pop()
        ax, ay = ring[a][0], ring[a][1]
        dx, dy = ring[b][0] - ax, ring[b][1] - ay
        norm = math.hypot(dx, dy)
        far, at = -1.0, -1
        for i in range(a + 1, b):
            px, py = ring[i][0] - ax, ring[i][1] - ay
            d = abs(dx * py - dy * px) / norm if norm else math.hypot(px, py)
            if d > far:
                far, at = d, i
        if far > tol:
            keep[at] = True
            stack += [(a, at), (at, b)]
    out = [p for p, k in zip(ring, keep, strict=True) if k]
    return out if len(out) >= 4 else ring


def simplify(shapes: pd.DataFrame, tolerance: float = 0.002) -> pd.DataFrame:
    """Lighter boundaries for a map of all Flanders (0.002° ≈ 150-200 m, under one pixel at that zoom):
    thinned, then Douglas-Peucker at half that tolerance: about a sixth of the vertices. Not for wijk maps."""
    def one(text: str) -> str:
        g = json.loads(text)
        polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        thin = [[_douglas_peucker(_thin(r, tolerance), tolerance / 2) for r in poly] for poly in polys]
        return json.dumps({"type": g["type"], "coordinates": thin[0] if g["type"] == "Polygon" else thin})

    return shapes.assign(geometry=[one(g) for g in shapes["geometry"]])


def thin_path(lons: list, lats: list, tolerance: float = 0.002) -> tuple[list, list]:
    """The same thinning for outline paths (None separates pieces)."""
    out_lon: list = []
    out_lat: list = []
    piece: list = []
    for x, y in [*zip(lons, lats, strict=True), (None, None)]:
        if x is None:
            if piece:
                kept = _douglas_peucker(_thin(piece, tolerance), tolerance / 2) if len(piece) > 4 else piece
                out_lon += [p[0] for p in kept] + [None]
                out_lat += [p[1] for p in kept] + [None]
            piece = []
        else:
            piece.append((x, y))
    return out_lon, out_lat
