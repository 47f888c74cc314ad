"""The heritage places as GeoJSON and KML (issue 25): points, component sites, areas,
names in three languages, the list's filters, only what is published, streamed."""

import json
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from heritage.models import MapArea
from tests.factories import make_component, make_heritage_item

pytestmark = pytest.mark.django_db

KML = "{http://www.opengis.net/kml/2.2}"
AREA = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"zone": "buffer"},
            "geometry": {
                "type": "MultiPolygon",
                "coordinates": [[[[75.4, 43.7], [75.6, 43.7], [75.6, 43.9], [75.4, 43.7]]]],
            },
        }
    ],
}


def _read(response) -> bytes:
    return b"".join(response.streaming_content)


def _tanbaly():
    item = make_heritage_item(
        slug="tanbaly", kind="world", name_en="Tanbaly", name_ru="Танбалы",
        name_kk="Таңбалы", latitude=43.8, longitude=75.53, unesco_reference="1145",
    )  # fmt: skip
    make_component(item, slug="gorge", name_en="The gorge", name_ru="Ущелье", latitude=43.81,
                   longitude=75.52)  # fmt: skip
    MapArea.objects.create(item=item, geojson=AREA)
    return item


def test_the_list_as_geojson_holds_points_component_sites_and_areas_in_three_languages(client):
    _tanbaly()
    make_heritage_item(slug="draft-place", status="draft", latitude=44.0, longitude=76.0)
    make_heritage_item(slug="no-place", kind="intangible")
    response = client.get("/en/heritage/download.geojson")
    assert response["Content-Type"] == "application/geo+json; charset=utf-8"
    assert 'rel="license"' in response["Link"]
    data = json.loads(_read(response))
    assert data["type"] == "FeatureCollection"
    kinds = [(f["properties"]["slug"], f["properties"]["feature"]) for f in data["features"]]
    assert kinds == [("tanbaly", "item"), ("tanbaly", "component site"), ("tanbaly", "area")]
    item, site, area = data["features"]
    assert item["geometry"] == {"type": "Point", "coordinates": [75.53, 43.8]}  # lon, lat
    assert (item["properties"]["name_kk"], item["properties"]["name_ru"]) == ("Таңбалы", "Танбалы")
    assert item["properties"]["url"] == "http://testserver/en/heritage/tanbaly/"
    assert site["properties"]["name_ru"] == "Ущелье"
    assert area["properties"]["zone"] == "buffer"
    assert area["geometry"]["type"] == "MultiPolygon"


def test_the_lists_filters_apply(client):
    _tanbaly()
    make_heritage_item(slug="reserve", kind="biosphere", latitude=50.0, longitude=80.0)
    slugs = {
        f["properties"]["slug"]
        for f in json.loads(_read(client.get("/en/heritage/download.geojson?kind=biosphere")))[
            "features"
        ]
    }
    assert slugs == {"reserve"}


def test_kml_for_google_earth_names_places_in_the_pages_language(client):
    _tanbaly()
    response = client.get("/ru/heritage/download.kml")
    assert response["Content-Type"] == "application/vnd.google-earth.kml+xml; charset=utf-8"
    root = ET.fromstring(_read(response))
    placemarks = root.findall(f"{KML}Document/{KML}Placemark")
    assert [p.findtext(f"{KML}name") for p in placemarks] == ["Танбалы", "Ущелье", "Танбалы"]
    point = placemarks[0].findtext(f"{KML}Point/{KML}coordinates")
    assert point == "75.53,43.8"
    data = {d.get("name"): d.findtext(f"{KML}value") for d in placemarks[0].iter(f"{KML}Data")}
    assert data["name_kk"] == "Таңбалы" and data["url"].endswith("/ru/heritage/tanbaly/")
    ring = placemarks[2].findtext(f".//{KML}outerBoundaryIs/{KML}LinearRing/{KML}coordinates")
    assert ring.startswith("75.4,43.7 75.6,43.7")


def test_one_record_as_geodata_and_never_an_unpublished_one(client):
    _tanbaly()
    make_heritage_item(slug="hidden", status="draft", latitude=44.0, longitude=76.0)
    data = json.loads(_read(client.get("/en/heritage/tanbaly/download.geojson")))
    assert {f["properties"]["slug"] for f in data["features"]} == {"tanbaly"}
    assert client.get("/en/heritage/hidden/download.geojson").status_code == 404
    assert client.get("/en/heritage/hidden/download.kml").status_code == 404
    assert client.get("/en/heritage/tanbaly/download.csv").status_code == 404
    assert client.get("/en/timeline/download.geojson").status_code == 404


def test_queries_do_not_grow_with_the_number_of_places(client):
    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            _read(client.get("/en/heritage/download.geojson"))
        return len(context)

    for n in range(3):
        make_component(
            make_heritage_item(latitude=40 + n, longitude=70 + n), latitude=41, longitude=71
        )
    few = queries()
    for n in range(30):
        item = make_heritage_item(latitude=40 + n / 10, longitude=70)
        make_component(item, latitude=41, longitude=71)
        MapArea.objects.create(item=item, geojson=AREA)
    assert queries() == few
