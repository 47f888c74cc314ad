"""A place's area as staff upload it: a GeoJSON file of polygons (the property and its
buffer zone), checked and stored in one shape the maps can draw.

Accepted: a FeatureCollection, a Feature, or a bare Polygon/MultiPolygon (RFC 7946,
longitude before latitude). A feature is the buffer zone when its properties say so
(``zone``/``type``/``name`` containing "buffer", as UNESCO's and QGIS's files name it);
every other polygon is the property itself. Stored as a FeatureCollection whose features
carry ``{"zone": "property" | "buffer"}`` only, coordinates rounded to 6 decimals (about
10 cm)."""

import json
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MAX_BYTES = 5_000_000
MAX_POSITIONS = 50_000  # enough for a detailed boundary, small enough for a page
POLYGON_TYPES = ("Polygon", "MultiPolygon")


class Zone:
    PROPERTY = "property"
    BUFFER = "buffer"


@dataclass(frozen=True)
class AreaSummary:
    property_polygons: int
    buffer_polygons: int
    positions: int


def read_area(data: bytes) -> dict:
    """The uploaded file as the stored FeatureCollection; ValidationError in words."""
    if len(data) > MAX_BYTES:
        raise ValidationError(
            _("The file is larger than %(limit)s MB.") % {"limit": MAX_BYTES // 1_000_000}
        )
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValidationError(_("The file is not GeoJSON: %(error)s") % {"error": error}) from None
    features = []
    for number, (geometry, properties) in enumerate(_geometries(document), 1):
        kind = geometry.get("type") if isinstance(geometry, dict) else None
        if kind not in POLYGON_TYPES:
            raise ValidationError(
                _("Feature %(number)s is a %(kind)s; only areas (polygons) can be drawn.")
                % {"number": number, "kind": kind or _("feature without a geometry")}
            )
        polygons = geometry.get("coordinates")
        polygons = [polygons] if kind == "Polygon" else polygons
        checked = [_polygon(polygon, number) for polygon in polygons or [None]]
        features.append(
            {
                "type": "Feature",
                "properties": {"zone": _zone(properties)},
                "geometry": {"type": "MultiPolygon", "coordinates": checked},
            }
        )
    if not features:
        raise ValidationError(_("The file holds no area."))
    area = {"type": "FeatureCollection", "features": features}
    positions = summarise(area).positions
    if positions > MAX_POSITIONS:
        raise ValidationError(
            _("The areas have %(count)s points; simplify them to at most %(limit)s.")
            % {"count": positions, "limit": MAX_POSITIONS}
        )
    return area


def summarise(area: dict | None) -> AreaSummary:
    counts = {Zone.PROPERTY: 0, Zone.BUFFER: 0}
    positions = 0
    for feature in (area or {}).get("features", []):
        polygons = feature["geometry"]["coordinates"]
        counts[feature["properties"]["zone"]] += len(polygons)
        positions += sum(len(ring) for polygon in polygons for ring in polygon)
    return AreaSummary(counts[Zone.PROPERTY], counts[Zone.BUFFER], positions)


def describe(area: dict | None) -> str:
    """The stored area in words, for the admin."""
    summary = summarise(area)
    if not summary.positions:
        return _("No area on the map yet.")
    return (
        ngettext(
            "%(count)s polygon of the property",
            "%(count)s polygons of the property",
            summary.property_polygons,
        )
        % {"count": summary.property_polygons}
        + ", "
        + ngettext(
            "%(count)s of the buffer zone", "%(count)s of the buffer zone", summary.buffer_polygons
        )
        % {"count": summary.buffer_polygons}
    )


def _geometries(document):
    if not isinstance(document, dict):
        raise ValidationError(_("The file is not GeoJSON: it holds no object."))
    kind = document.get("type")
    if kind == "FeatureCollection":
        for feature in document.get("features") or []:
            yield (feature or {}).get("geometry"), (feature or {}).get("properties") or {}
    elif kind == "Feature":
        yield document.get("geometry"), document.get("properties") or {}
    elif kind in POLYGON_TYPES:
        yield document, {}
    else:
        raise ValidationError(
            _("The file is not GeoJSON: its type is “%(kind)s”.") % {"kind": kind}
        )


def _zone(properties: dict) -> str:
    words = " ".join(
        str(properties.get(key, "")) for key in ("zone", "type", "name", "Name", "ZONE")
    )
    return Zone.BUFFER if "buffer" in words.lower() else Zone.PROPERTY


def _polygon(polygon, number: int) -> list:
    if not isinstance(polygon, list) or not polygon:
        raise ValidationError(
            _("Feature %(number)s has a polygon without rings.") % {"number": number}
        )
    return [_ring(ring, number) for ring in polygon]


def _ring(ring, number: int) -> list:
    try:
        positions = [[round(float(p[0]), 6), round(float(p[1]), 6)] for p in ring]
    except (TypeError, ValueError, IndexError):
        raise ValidationError(
            _("Feature %(number)s has a point that is not a longitude and a latitude.")
            % {"number": number}
        ) from None
    for longitude, latitude in positions:
        if not (-180 <= longitude <= 180 and -90 <= latitude <= 90):
            raise ValidationError(
                _(
                    "Feature %(number)s has a point outside the Earth's coordinates "
                    "(%(longitude)s, %(latitude)s): GeoJSON gives longitude and latitude "
                    "in degrees (WGS 84), longitude first."
                )
                % {"number": number, "longitude": longitude, "latitude": latitude}
            )
    if len(positions) < 4 or positions[0] != positions[-1]:
        raise ValidationError(
            _("Feature %(number)s has a ring that is not closed (fewer than four points, or "
              "its last point is not its first).")
            % {"number": number}
        )  # fmt: skip
    return positions
