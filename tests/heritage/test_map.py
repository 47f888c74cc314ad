import json
import re

import pytest

from heritage.models import HeritageItem
from kzunesco_site.models import Status
from tests.factories import make_component, make_heritage_item

pytestmark = pytest.mark.django_db


def points(html: str) -> list[dict]:
    data = re.search(
        r'<script id="heritage-points" type="application/json">(.*?)</script>', html, re.S
    )
    return json.loads(data.group(1))


def test_map_page_has_every_published_place_and_lists_them_without_javascript(client):
    silk = make_heritage_item(slug="silk", name_en="Silk Roads")
    make_component(
        silk, slug="talgar", name_en="Talgar", latitude="43.293611", longitude="77.246111"
    )
    make_heritage_item(slug="yasawi", name_en="Yasawi", latitude="43.292778", longitude="68.273611")
    hidden = make_heritage_item(slug="hidden", status=Status.DRAFT, latitude="45", longitude="70")
    make_component(hidden, name_en="Hidden component")
    html = client.get("/en/heritage/map/").content.decode()
    places = points(html)
    assert {p["name"] for p in places} == {"Talgar", "Yasawi"}
    talgar = next(p for p in places if p["name"] == "Talgar")
    assert talgar == {
        "name": "Talgar",
        "url": "/en/heritage/silk/#talgar",
        "lat": 43.293611,
        "lon": 77.246111,
        "kind": "component",
        "parent": "Silk Roads",
    }
    assert '<a href="/en/heritage/silk/#talgar">Talgar</a>' in html  # the no-JavaScript list
    assert "Hidden component" not in html
    assert 'data-borders="/static/data/central-asia.geojson"' in html
    assert "data-tiles" not in html  # no tile server unless MAP_TILE_URL is set


def test_borders_are_shipped_with_the_site():
    from django.contrib.staticfiles import finders

    with open(finders.find("data/central-asia.geojson")) as handle:
        data = json.load(handle)
    names = {feature["properties"]["name"] for feature in data["features"]}
    assert "Kazakhstan" in names and "Kyrgyzstan" in names


def test_tiles_are_optional_and_allowed_by_the_csp_only_when_set(client, settings):
    settings.MAP_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    make_heritage_item(slug="yasawi", latitude="43.29", longitude="68.27")
    html = client.get("/en/heritage/map/").content.decode()
    assert 'data-tiles="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in html


def test_the_map_reads_only_the_items_and_component_sites_with_a_place(client):
    silk = make_heritage_item(slug="silk")
    make_component(silk, slug="talgar", latitude="43.29", longitude="77.24")
    make_component(silk, slug="unplaced-site", latitude=None, longitude=None)
    make_heritage_item(slug="yasawi", latitude="43.29", longitude="68.27")
    nowhere = make_heritage_item(slug="nowhere")
    make_component(nowhere, slug="nowhere-site", latitude=None, longitude=None)
    items = {item.slug: item for item in HeritageItem.objects.published().for_map()}
    assert set(items) == {"silk", "yasawi"}
    assert [site.slug for site in items["silk"].located_sites] == ["talgar"]
    assert [site.slug for site in items["yasawi"].located_sites] == []
