"""Small maps drawn on the server: an SVG of Kazakhstan, its regions and a few places.

The borders are those the interactive map draws (``static/data``): the regions (the
country is their union) over the faint neighbours. A border two regions share is one arc,
so that simplifying it keeps it shared; the arcs are read once per process and simplified
once per level of detail. The view is framed on the places, projected equirectangularly
(longitudes scaled by the cosine of the middle latitude) and rounded to whole pixels: a few
KB of SVG with presentation attributes only (no style, script or external reference: the
site's CSP lets it be inlined anywhere), in the colours and shapes of the map's legend.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict, namedtuple
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path

from django.contrib.staticfiles import finders
from django.utils.translation import gettext as _

REGIONS_FILE = "data/kazakhstan-regions.geojson"
COUNTRIES_FILE = "data/central-asia.geojson"

# (colour, shape) of each programme's places, and of component sites.
SYMBOLS = {
    "world": ("#005a73", "circle"),
    "tentative": ("#34499c", "triangle_down"),
    "intangible": ("#a14a00", "diamond"),
    "memory": ("#6b3fa0", "square"),
    "biosphere": ("#2c6a25", "hexagon"),
    "geopark": ("#6b5a00", "triangle"),
    "creative_city": ("#a8175a", "star"),
    "component": ("#00799a", "ring"),
}
OTHER = ("#4a5566", "circle")
# Corners, turn of the first (degrees), size (of the radius), inner radius (stars).
POLYGONS = {
    "triangle": (3, -90, 1.35, 1),
    "triangle_down": (3, 90, 1.35, 1),
    "star": (10, -90, 1.4, 0.5),
}
POLYGONS |= {"square": (4, 45, 1.2, 1), "diamond": (4, -90, 1.3, 1), "hexagon": (6, 0, 1.1, 1)}

BACKGROUND, NEIGHBOUR, NEIGHBOUR_LINE = "#e4e8eb", "#f6f7f8", "#b3bec7"
COUNTRY, COUNTRY_LINE, REGION_LINE = "#e3f1f5", "#5d7a86", "#8fa9b3"
HIGHLIGHT, HIGHLIGHT_LINE, INK = "#fbe3a0", "#8a6d00", "#1c2430"

LEVELS = (0.002, 0.003, 0.005, 0.007, 0.01, 0.014, 0.02, 0.028, 0.04, 0.057, 0.08, 0.11, 0.16)
KX = math.cos(math.radians(48))  # a degree of longitude in degrees of latitude, roughly
MIN_SPAN = 4.0  # the smallest view, in degrees of latitude (about 450 km)
MAX_LABELS = 3  # more places than this are named in their tooltips only

Point = tuple[float, float]


def _polygons(geometry: dict) -> list:
    coords = geometry["coordinates"]
    return coords if geometry["type"] == "MultiPolygon" else [coords]


@dataclass(frozen=True)
class Region:
    code: str
    names: dict[str, str]
    rings: tuple  # each ring: ((arc index, reversed), …)


@lru_cache(maxsize=1)
def topology() -> tuple[list[Region], list[list[Point]], list[int]]:
    """The regions as rings of arcs, the arcs, and how many rings use each arc (1 on the
    country's border, 2 between regions). An arc ends where a point has more than two
    neighbours: where three regions meet, or two regions' borders part."""
    features = json.loads(Path(finders.find(REGIONS_FILE)).read_text("utf-8"))["features"]
    rings = []
    for owner, feature in enumerate(features):
        for polygon in _polygons(feature["geometry"]):
            for ring in polygon:
                points = [tuple(point) for point in ring[:-1]]
                rings.append((owner, [p for i, p in enumerate(points) if p != points[i - 1]]))
    neighbours = defaultdict(set)
    for _owner, points in rings:
        for i, point in enumerate(points):
            neighbours[point].update((points[i - 1], points[(i + 1) % len(points)]))
    junctions = {point for point, near in neighbours.items() if len(near) > 2}
    arcs, users, index = [], [], {}
    owned = defaultdict(list)
    for owner, points in rings:
        cuts = [i for i, point in enumerate(points) if point in junctions]
        start = cuts[0] if cuts else points.index(min(points))
        points = points[start:] + points[:start]
        cuts = [i - start for i in cuts] if cuts else [0]
        refs = []
        for a, b in zip(cuts, [*cuts[1:], len(points)], strict=True):
            piece = tuple(points[a : b + 1] if b < len(points) else [*points[a:], points[0]])
            reverse = piece not in index and piece[::-1] in index
            key = piece[::-1] if reverse else piece
            if key not in index:
                index[key] = len(arcs)
                arcs.append(list(key))
                users.append(0)
            users[index[key]] += 1
            refs.append((index[key], reverse))
        owned[owner].append(tuple(refs))
    regions = []
    for i, feature in enumerate(features):
        props = feature["properties"]
        names = {lang: props[f"name_{lang}"] for lang in ("kk", "ru", "en")}
        regions.append(Region(props["iso_3166_2"], names, tuple(owned[i])))
    return regions, arcs, users


def simplify(line: list[Point], tolerance: float) -> list[Point]:
    """Douglas–Peucker, iteratively, with longitudes shrunk to distances (KX). The ends
    stay; so does, for a closed line, the point farthest from its start."""
    if len(line) < 3:
        return list(line)
    keep = [False] * len(line)
    keep[0] = keep[-1] = True
    stack = [(0, len(line) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = line[first], line[last]
        dx, dy = (x2 - x1) * KX, y2 - y1
        length = math.hypot(dx, dy)
        far, far_at = -1.0, 0
        for i in range(first + 1, last):
            px, py = (line[i][0] - x1) * KX, line[i][1] - y1
            d = abs(px * dy - py * dx) / length if length else math.hypot(px, py)
            if d > far:
                far, far_at = d, i
        if far > tolerance or (not length and far_at):
            keep[far_at] = True
            stack += [(first, far_at), (far_at, last)]
    return [point for point, kept in zip(line, keep, strict=True) if kept]


def _ring(refs: tuple, arcs: list[list[Point]]) -> list[Point]:
    ring: list[Point] = []
    for arc, reverse in refs:
        points = arcs[arc][::-1] if reverse else arcs[arc]
        ring.extend(points[1:] if ring else points)
    return ring


# Regions (code → rings), the country (the union's rings), the borders between regions
# (lines) and the neighbours (rings), at one level of detail.
Level = namedtuple("Level", "regions country inner neighbours")


@lru_cache(maxsize=len(LEVELS) + 1)
def geometry(tolerance: float) -> Level:
    """Every border simplified to ``tolerance`` degrees, once per process and level."""
    regions, arcs, users = topology()
    arcs = [simplify(arc, tolerance) for arc in arcs]
    shapes = {r.code: [_ring(refs, arcs) for refs in r.rings] for r in regions}
    shapes = {code: [r for r in rings if len(r) > 3] for code, rings in shapes.items()}
    starts = defaultdict(list)  # the country's border, arc by arc, as its regions go round
    for region in regions:
        for refs in region.rings:
            for arc, reverse in refs:
                if users[arc] == 1:
                    points = arcs[arc][::-1] if reverse else arcs[arc]
                    starts[points[0]].append(points)
    country = []
    while starts := {point: lines for point, lines in starts.items() if lines}:
        ring = starts[next(iter(starts))].pop()
        while ring[-1] != ring[0] and starts.get(ring[-1]):
            ring += starts[ring[-1]].pop()[1:]
        if len(ring) > 3:  # not an islet simplified away
            country.append(ring)
    inner = [arc for arc, used in zip(arcs, users, strict=True) if used > 1]
    neighbours = [
        simplify([tuple(p) for p in ring], tolerance)
        for feature in json.loads(Path(finders.find(COUNTRIES_FILE)).read_text("utf-8"))["features"]
        if feature["properties"]["name"] != "Kazakhstan"
        for polygon in _polygons(feature["geometry"])
        for ring in polygon
    ]
    return Level(shapes, country, inner, neighbours)


def _inside(point: Point, rings: list[list[Point]]) -> bool:
    """Even–odd: inside the outer ring and outside its holes."""
    x, y = point
    inside = False
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


def region_at(lat: float, lon: float) -> Region | None:
    """The region a place lies in (the cities are holes in the regions around them)."""
    shapes = geometry(LEVELS[0]).regions
    for region in topology()[0]:
        if _inside((lon, lat), shapes[region.code]):
            return region
    return None


def find_region(*names: str) -> Region | None:
    """The region with any of ``names``: an ISO 3166-2 code or a name in any language
    ("Zhambyl Region", "Жамбылская область", "Жамбыл облысы", "zhambyl-region")."""
    wanted = {_plain(name) for name in names if name}
    for region in topology()[0]:
        if wanted & {_plain(region.code), *(_plain(n) for n in region.names.values())}:
            return region
    return None


def _plain(name: str) -> str:
    name = name.casefold().replace("-", " ").replace("(city)", "").replace("(қала)", "")
    for word in ("region", "облысы", "область", "обл."):
        name = name.replace(word, "")
    return " ".join(name.split())


def _num(value: float) -> str:
    if value == int(value):
        return str(int(value))
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    text = text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text
    return "0" if text in ("-0", "") else text


def _path(lines: Iterable[list[Point]], closed: bool, step: float = 1.0) -> str:
    """Relative path commands (M, then l), rounded to ``step``; the deltas are taken
    between rounded points, so that nothing drifts."""
    out = []
    for line in lines:
        rounded = [(round(x / step) * step, round(y / step) * step) for x, y in line]
        kept = [p for i, p in enumerate(rounded) if not i or p != rounded[i - 1]]
        if len(kept) < (4 if closed else 2):
            continue
        if closed:
            kept = kept[:-1] if kept[-1] == kept[0] else kept
        out.append(f"M{_num(kept[0][0])} {_num(kept[0][1])}l")
        pairs = []
        for (x1, y1), (x2, y2) in zip(kept, kept[1:], strict=False):
            dx, dy = _num(x2 - x1), _num(y2 - y1)
            pairs.append(f"{dx}{'' if dy.startswith('-') else ' '}{dy}")
        out.append(" ".join(pairs).replace(" -", "-") + ("z" if closed else ""))
    return "".join(out)


def _clamp(line: list[Point], width: int, height: int, margin: float) -> list[Point]:
    """``line`` pulled into the view widened by ``margin``, its steps first cut to at most
    ``margin``, so that a step across the view keeps both ends and what shows is unchanged.
    Of a run along one side of the widened view only the ends are kept."""
    box = (-margin, -margin, width + margin, height + margin)
    out: list[Point] = []
    for i, (x, y) in enumerate(line):
        px, py = line[i - 1] if i else (x, y)
        steps = math.ceil(math.hypot(x - px, y - py) / margin) or 1
        for k in range(1, steps + 1):
            t = k / steps
            p = (px + (x - px) * t, py + (y - py) * t)
            p = (min(max(p[0], box[0]), box[2]), min(max(p[1], box[1]), box[3]))
            if len(out) > 1 and any(
                out[-2][axis] == out[-1][axis] == p[axis] in (box[axis], box[axis + 2])
                for axis in (0, 1)
            ):
                out[-1] = p
            else:
                out.append(p)
    return out


def shape_path(shape: str, x: float, y: float, r: float) -> str:
    """A marker's outline: a circle or ring of radius ``r``, or a polygon of about its area."""
    if shape in ("circle", "ring"):
        arc = f"a{_num(r)} {_num(r)} 0 1 0"
        return f"M{_num(x - r)} {_num(y)}{arc} {_num(2 * r)} 0{arc} {_num(-2 * r)} 0z"
    corners, turn, size, inner = POLYGONS[shape]
    points = []
    for i in range(corners):
        angle = math.radians(turn + i * 360 / corners)
        radius = r * size * (inner if i % 2 else 1)
        points.append((x + radius * math.cos(angle), y + radius * math.sin(angle)))
    return _path([[*points, points[0]]], closed=True, step=0.1)


def mark(kind: str, x: float, y: float, r: float, outline: str = "#fff") -> str:
    """The SVG element of a place of ``kind`` at x, y: the legend's symbol."""
    colour, shape = SYMBOLS.get(kind, OTHER)
    d = shape_path(shape, x, y, r * (0.8 if shape == "ring" else 1))
    if shape == "ring":
        return f'<path d="{d}" fill="#fff" stroke="{colour}" stroke-width="{_num(r * 0.55)}"/>'
    return f'<path d="{d}" fill="{colour}" stroke="{outline}" stroke-width="{_num(r / 5)}"/>'


@lru_cache(maxsize=1)
def _country_box() -> tuple[float, float, float, float]:
    lons, lats = zip(*(p for arc in topology()[1] for p in arc), strict=True)
    return min(lons), min(lats), max(lons), max(lats)


def _frame(places: list, aspect: float) -> tuple[float, float, float, float, float]:
    """The view (west, north, scale's longitude factor, width and height in projected
    degrees): the country for one place or none, else the places with a margin and at
    least MIN_SPAN across."""
    west, south, east, north = _country_box()
    if len(places) > 1:
        lats, lons = [p[0] for p in places], [p[1] for p in places]
        west, south, east, north = min(lons), min(lats), max(lons), max(lats)
        margin = 1.4
    else:
        for lat, lon, *_rest in places:  # a place abroad stays in the picture
            west, east = min(west, lon), max(east, lon)
            south, north = min(south, lat), max(north, lat)
        margin = 1.04
    kx = math.cos(math.radians((south + north) / 2))
    w = max((east - west) * kx * margin, MIN_SPAN if len(places) > 1 else 0)
    h = max((north - south) * margin, MIN_SPAN / aspect if len(places) > 1 else 0)
    w, h = max(w, h * aspect), max(h, w / aspect)
    x0 = (west + east) / 2 * kx - w / 2
    y1 = (south + north) / 2 + h / 2
    return x0, y1, kx, w, h


def render(points: Iterable = (), *, title="", width=320, height=200, region=()) -> str:
    """An SVG map of ``points`` — (lat, lon, label, kind) tuples or heritage's map points —
    ``width`` × ``height`` pixels, titled ``title`` (by default "Map: " and the places'
    names, in the active language). ``region`` (a code or a name, or several names of
    one region) is highlighted; with no region given, a single place's region is."""
    places = tuple(
        (float(p["lat"]), float(p["lon"]), str(p.get("name", "")), str(p["kind"]))
        if isinstance(p, dict)
        else (float(p[0]), float(p[1]), str(p[2]), str(p[3]))
        for p in points
    )
    if not title:
        names = ", ".join(place[2] for place in places if place[2])
        title = f"{_('Map')}: {names}" if names else _("Map")
    region = (region,) if isinstance(region, str) else tuple(region or ())
    return _draw(places, str(title), max(int(width), 40), max(int(height), 30), region)


@lru_cache(maxsize=256)  # a list's cards are drawn once, not on every request
def _draw(places: tuple, title: str, width: int, height: int, region: tuple) -> str:
    highlighted = find_region(*region) if region else None
    if not region and len(places) == 1:
        highlighted = region_at(places[0][0], places[0][1])
    x0, y1, kx, w, h = _frame(places, width / height)
    scale = width / w

    def project(lon: float, lat: float) -> tuple[float, float]:
        return (lon * kx - x0) * scale, (y1 - lat) * scale

    tolerance = 1.4 / scale  # a pixel and a half, in degrees
    level = geometry(max([t for t in LEVELS if t <= tolerance], default=LEVELS[0]))
    margin = max(width, height) / 10

    def rings(lines) -> str:  # an islet of a pixel or two leaves too few points to draw
        return _path([_clamp([project(*p) for p in r], width, height, margin) for r in lines], True)

    inner = [_clamp([project(*p) for p in arc], width, height, margin) for arc in level.inner]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="map-thumbnail" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>',
        f'<rect width="{width}" height="{height}" fill="{BACKGROUND}"/>',
        f'<path d="{rings(level.neighbours)}" fill="{NEIGHBOUR}" stroke="{NEIGHBOUR_LINE}" '
        'stroke-width=".6"/>',
        f'<path d="{rings(level.country)}" fill="{COUNTRY}" stroke="{COUNTRY_LINE}" '
        'stroke-width="1.2" stroke-linejoin="round"/>',
        f'<path d="{_path(inner, closed=False)}" fill="none" stroke="{REGION_LINE}" '
        'stroke-width=".7" stroke-linejoin="round"/>',
    ]
    if highlighted:
        parts.append(
            f'<path d="{rings(level.regions[highlighted.code])}" fill="{HIGHLIGHT}" '
            f'stroke="{HIGHLIGHT_LINE}" stroke-width="1.2" stroke-linejoin="round" '
            f'data-region="{highlighted.code}"/>'
        )
    radius = max(4.0, min(7.0, width / 50))
    labelled = [place for place in places if place[2]] if len(places) <= MAX_LABELS else []
    for lat, lon, label, kind in places:
        x, y = project(lon, lat)
        parts.append(f"<g><title>{escape(label)}</title>{mark(kind, x, y, radius)}</g>")
    for lat, lon, label, _kind in labelled:
        x, y = project(lon, lat)
        room = 6.4 * len(label)  # 11px letters, about
        fits = x + radius + 3 + room <= width - 2
        if not fits and x - radius - 3 - room < 2:
            continue  # cut off either side: the mark's own title names the place
        anchor, at = ("start", x + radius + 3) if fits else ("end", x - radius - 3)
        parts.append(
            f'<text x="{_num(at)}" y="{_num(y + 4)}" text-anchor="{anchor}" font-size="11" '
            f'font-family="sans-serif" fill="{INK}" stroke="#fff" stroke-width="3" '
            f'stroke-linejoin="round" paint-order="stroke">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
