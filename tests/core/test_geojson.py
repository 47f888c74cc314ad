"""Areas on the map as staff upload them (core/geojson.py)."""

import json

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation

from core.geojson import describe, read_area, summarise

FILES = settings.BASE_DIR / "tests" / "files" / "geojson"


def _zones(area: dict) -> list[str]:
    return [feature["properties"]["zone"] for feature in area["features"]]


def test_a_qgis_export_gives_the_property_and_its_buffer_zone_rounded():
    area = read_area((FILES / "qgis-export.geojson").read_bytes())
    assert _zones(area) == ["property", "buffer"]
    first_ring = area["features"][0]["geometry"]["coordinates"][0][0]
    assert first_ring[0] == [75.512346, 43.801235]  # 6 decimals, about 10 cm
    assert [len(polygon) for polygon in area["features"][1]["geometry"]["coordinates"]] == [2]
    assert summarise(area).positions == 15
    assert "crs" not in area and area["features"][0]["properties"] == {"zone": "property"}


def test_a_polygon_drawn_on_geojson_io_is_the_property():
    area = read_area((FILES / "geojson-io.geojson").read_bytes())
    assert _zones(area) == ["property"]
    assert area["features"][0]["geometry"]["type"] == "MultiPolygon"


def test_a_bare_polygon_with_a_byte_order_mark_is_read():
    polygon = {"type": "Polygon", "coordinates": [[[1, 1], [2, 1], [2, 2], [1, 1]]]}
    area = read_area(b"\xef\xbb\xbf" + json.dumps(polygon).encode())
    assert summarise(area).property_polygons == 1


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (b"not json", "The file is not GeoJSON"),
        (b"[]", "it holds no object"),
        (json.dumps({"type": "Topology"}).encode(), "its type is “Topology”"),
        (json.dumps({"type": "FeatureCollection", "features": []}).encode(), "holds no area"),
        (
            json.dumps({"type": "Point", "coordinates": [68.2, 43.3]}).encode(),
            "its type is “Point”",
        ),
        (
            json.dumps(
                {"type": "Feature", "geometry": {"type": "LineString", "coordinates": []}}
            ).encode(),
            "Feature 1 is a LineString; only areas (polygons) can be drawn.",
        ),
        (
            json.dumps(
                {
                    "type": "Polygon",
                    "coordinates": [
                        [
                            [7600000, 5400000],
                            [7600100, 5400000],
                            [7600100, 5400100],
                            [7600000, 5400000],
                        ]
                    ],
                }
            ).encode(),  # fmt: skip
            "in degrees (WGS 84), longitude first",
        ),
        (
            json.dumps(
                {"type": "Polygon", "coordinates": [[[1, 1], [2, 1], [2, 2], [3, 3]]]}
            ).encode(),
            "Feature 1 has a ring that is not closed",
        ),
        (
            json.dumps({"type": "Polygon", "coordinates": [[[1, "north"]]]}).encode(),
            "not a longitude and a latitude",
        ),
    ],
)
def test_what_cannot_be_drawn_is_refused_in_words(document, message):
    with pytest.raises(ValidationError) as refused:
        read_area(document)
    assert message in refused.value.messages[0]


def test_refusals_and_descriptions_speak_the_editors_language():
    with translation.override("ru"), pytest.raises(ValidationError) as refused:
        read_area(b"[]")
    assert refused.value.messages[0].startswith("Файл")
    area = read_area((FILES / "qgis-export.geojson").read_bytes())
    with translation.override("kk"):
        assert describe(area) != describe(None)
        assert "1" in describe(area)
    assert describe(area) == "1 polygon of the property, 1 of the buffer zone"
