"""The heritage list and each record as geodata: GeoJSON (RFC 7946) and KML 2.2, for GIS
and Google Earth. Each item is a point where it has coordinates, each component site a
point, and the uploaded area its polygons (property and buffer zone); names in kk, ru and
en. Streamed: a list of any length is written a few hundred records at a time."""

import json
from collections.abc import Iterable, Iterator
from xml.sax.saxutils import escape, quoteattr

from django.conf import settings
from django.db.models import Prefetch
from django.http import StreamingHttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.streaming import in_the_pages_language
from heritage.models import ComponentSite, HeritageItem

FORMATS = {
    "geojson": "application/geo+json; charset=utf-8",
    "kml": "application/vnd.google-earth.kml+xml; charset=utf-8",
}
LANGUAGES = [code for code, _name in settings.LANGUAGES]
CHUNK = 500


def for_geodata(queryset):
    """Published items with what the files draw, in a constant number of queries per
    chunk of records."""
    located = ComponentSite.objects.filter(latitude__isnull=False, longitude__isnull=False)
    return queryset.select_related("map_area").prefetch_related(
        Prefetch("components", queryset=located, to_attr="located_sites")
    )


def response(items: Iterable[HeritageItem], *, fmt: str, request, name: str):
    write = {"geojson": _geojson, "kml": _kml}[fmt]
    chunks = in_the_pages_language(write(items, request))
    stream = StreamingHttpResponse(chunks, content_type=FORMATS[fmt])
    stream["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    stream["Link"] = f'<{settings.OPEN_DATA_LICENCE_URL}>; rel="license"'
    return stream


def places(item: HeritageItem, request) -> Iterator[dict]:
    """The item's features: its point, its component sites' points, its areas."""
    common = {
        "slug": item.slug,
        "kind": item.kind,
        "url": request.build_absolute_uri(item.get_absolute_url()),
        "unesco_url": item.unesco_url,
        "unesco_reference": item.unesco_reference,
        "year_inscribed": item.year_inscribed,
    }
    names = _names(item)
    if item.latitude is not None:
        yield _feature(_point(item), {**common, **names, "feature": "item"})
    for site in item.located_sites:
        yield _feature(
            _point(site),
            {**common, **_names(site), "feature": "component site", "item_name_en": item.name_en,
             "component_slug": site.slug},
        )  # fmt: skip
    area = item.map_area if _has_area(item) else None
    for polygon in area.geojson["features"] if area else []:
        yield _feature(
            polygon["geometry"],
            {**common, **names, "feature": "area", "zone": polygon["properties"]["zone"]},
        )


def _has_area(item: HeritageItem) -> bool:
    try:
        return item.map_area is not None
    except HeritageItem.map_area.RelatedObjectDoesNotExist:
        return False


def _names(record) -> dict:
    return {f"name_{code}": getattr(record, f"name_{code}") or "" for code in LANGUAGES}


def _point(place) -> dict:
    return {"type": "Point", "coordinates": [float(place.longitude), float(place.latitude)]}


def _feature(geometry: dict, properties: dict) -> dict:
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def _geojson(items: Iterable[HeritageItem], request) -> Iterator[str]:
    yield (
        '{"type": "FeatureCollection", '
        f'"licence": {json.dumps(settings.OPEN_DATA_LICENCE_URL)}, "features": ['
    )
    first = True
    for item in items:
        for feature in places(item, request):
            yield ("" if first else ",\n") + json.dumps(feature, ensure_ascii=False)
            first = False
    yield "]}\n"


def _kml(items: Iterable[HeritageItem], request) -> Iterator[str]:
    title = _("Kazakhstan's UNESCO heritage")
    yield (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
        f"<name>{escape(title)}</name>"
    )
    for item in items:
        for feature in places(item, request):
            yield _placemark(feature)
    yield "</Document></kml>\n"


def _placemark(feature: dict) -> str:
    properties = feature["properties"]
    language = _current_name_key()
    name = properties.get(language) or properties.get("name_en") or properties["slug"]
    data = "".join(
        f"<Data name={quoteattr(key)}><value>{escape(str(value))}</value></Data>"
        for key, value in properties.items()
        if value not in (None, "")
    )
    return (
        f"<Placemark><name>{escape(name)}</name>"
        f"<ExtendedData>{data}</ExtendedData>{_kml_geometry(feature['geometry'])}</Placemark>"
    )


def _current_name_key() -> str:
    return f"name_{(get_language() or 'en')[:2]}"


def _kml_geometry(geometry: dict) -> str:
    if geometry["type"] == "Point":
        longitude, latitude = geometry["coordinates"]
        return f"<Point><coordinates>{longitude},{latitude}</coordinates></Point>"
    polygons = "".join(
        "<Polygon>"
        + "".join(
            f"<{'outer' if index == 0 else 'inner'}BoundaryIs><LinearRing><coordinates>"
            + " ".join(f"{lon},{lat}" for lon, lat in ring)
            + f"</coordinates></LinearRing></{'outer' if index == 0 else 'inner'}BoundaryIs>"
            for index, ring in enumerate(polygon)
        )
        + "</Polygon>"
        for polygon in geometry["coordinates"]
    )
    return f"<MultiGeometry>{polygons}</MultiGeometry>"


def chunked(queryset) -> Iterator[HeritageItem]:
    """The records a chunk at a time, with their prefetches: memory stays flat however
    long the list."""
    yield from queryset.iterator(chunk_size=CHUNK)
