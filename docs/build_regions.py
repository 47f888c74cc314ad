"""Build static/data/kazakhstan-regions.geojson from ../shared/geodata's file: the same
20 features and names, each shared border simplified once (Douglas-Peucker, by
core.map_thumbnails.simplify, so neighbours keep one border), coordinates rounded, and a
label point (the point farthest inside each region's largest polygon) added.

Run from the repository: ``.venv/bin/python docs/build_regions.py [tolerance] [digits]
[output] [source]`` (defaults: 0.002, 3, static/data/kazakhstan-regions.geojson,
../shared/geodata/kazakhstan-regions.geojson); the shipped file is its output with the
defaults, byte for byte."""

import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from core import map_thumbnails as m  # noqa: E402

TOLERANCE = float(sys.argv[1]) if len(sys.argv) > 1 else 0.002
DIGITS = int(sys.argv[2]) if len(sys.argv) > 2 else 3
OUT = sys.argv[3] if len(sys.argv) > 3 else str(ROOT / "static/data/kazakhstan-regions.geojson")
SOURCE = (
    sys.argv[4]
    if len(sys.argv) > 4
    else str(ROOT.parent / "shared/geodata/kazakhstan-regions.geojson")
)

source = json.loads(Path(SOURCE).read_text(encoding="utf-8"))
m.finders = type("Finders", (), {"find": staticmethod(lambda name: SOURCE)})  # read the source
regions, arcs, users = m.topology()


def rounded(arc):
    out = []
    for x, y in arc:
        p = (round(x, DIGITS), round(y, DIGITS))
        if not out or p != out[-1]:
            out.append(p)
    return out


simple = [rounded(m.simplify(arc, TOLERANCE)) for arc in arcs]


def orient(a, b, c):
    v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    return (v > 0) - (v < 0)


def crossing_arcs(lines):
    """The arcs with an edge that crosses another arc's edge (or its own)."""
    grid = {}
    segments = [
        (a, b, k) for k, line in enumerate(lines) for a, b in zip(line, line[1:], strict=False)
    ]
    for i, (a, b, _k) in enumerate(segments):
        for gx in range(int(min(a[0], b[0]) // 0.2), int(max(a[0], b[0]) // 0.2) + 1):
            for gy in range(int(min(a[1], b[1]) // 0.2), int(max(a[1], b[1]) // 0.2) + 1):
                grid.setdefault((gx, gy), []).append(i)
    found = set()
    for cell in grid.values():
        for x, i in enumerate(cell):
            for j in cell[x + 1 :]:
                (a, b, k), (c, d, other) = segments[i], segments[j]
                if (
                    len({a, b, c, d}) == 4
                    and orient(a, b, c) * orient(a, b, d) < 0
                    and orient(c, d, a) * orient(c, d, b) < 0
                ):
                    found |= {k, other}
    return found


# Where two simplified borders would cross, those borders keep every vertex.
while bad := {k for k in crossing_arcs(simple) if simple[k] != rounded(arcs[k])}:
    print("kept unsimplified:", sorted(bad))
    for k in bad:
        simple[k] = rounded(arcs[k])


def ring_of(refs):
    ring = m._ring(refs, simple)
    if len(set(ring)) < 3:  # collapsed: keep the unsimplified ring
        ring = m._ring(refs, [rounded(a) for a in arcs])
    return [list(p) for p in ring]


def area(ring):
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False)) / 2


def distance_to_edges(p, rings):
    best = math.inf
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
            dx, dy = (x2 - x1) * m.KX, y2 - y1
            px, py = (p[0] - x1) * m.KX, p[1] - y1
            t = max(0, min(1, (px * dx + py * dy) / (dx * dx + dy * dy or 1)))
            best = min(best, math.hypot(px - t * dx, py - t * dy))
    return best


def label_point(polygon):
    """The point of the polygon farthest from its edges: a grid, then finer grids."""
    xs = [p[0] for p in polygon[0]]
    ys = [p[1] for p in polygon[0]]
    best, best_d = None, -1
    cx, cy, wx, wy = (
        (min(xs) + max(xs)) / 2,
        (min(ys) + max(ys)) / 2,
        max(xs) - min(xs),
        max(ys) - min(ys),
    )
    for _round in range(6):
        for i in range(25):
            for j in range(25):
                p = (cx - wx / 2 + wx * i / 24, cy - wy / 2 + wy * j / 24)
                if m._inside(p, [[tuple(q) for q in r] for r in polygon]):
                    d = distance_to_edges(p, polygon)
                    if d > best_d:
                        best, best_d = p, d
        cx, cy, wx, wy = best[0], best[1], wx / 4, wy / 4
    return [round(best[0], 3), round(best[1], 3)]


features = []
for region, feature in zip(regions, source["features"], strict=False):
    rings = [ring_of(refs) for refs in region.rings]
    sizes = [len(polygon) for polygon in m._polygons(feature["geometry"])]
    polygons, at = [], 0
    for size in sizes:
        polygons.append(rings[at : at + size])
        at += size
    polygons = [p for p in polygons if len(p[0]) >= 4]
    largest = max(polygons, key=lambda p: abs(area(p[0])))
    geometry = (
        {"type": "Polygon", "coordinates": polygons[0]}
        if len(polygons) == 1
        else {"type": "MultiPolygon", "coordinates": polygons}
    )
    properties = dict(feature["properties"], label=label_point(largest))
    features.append({"type": "Feature", "properties": properties, "geometry": geometry})

text = json.dumps(
    {"type": "FeatureCollection", "features": features}, ensure_ascii=False, separators=(",", ":")
)
Path(OUT).write_text(text + "\n", encoding="utf-8")
vertices = sum(len(r) for f in features for p in m._polygons(f["geometry"]) for r in p)
print(f"tolerance {TOLERANCE} digits {DIGITS}: {len(text.encode())} bytes, {vertices} vertices")
