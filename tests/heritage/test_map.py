import json
import re
import runpy

import pytest
from django.conf import settings as django_settings

from core.models import Status
from heritage.models import HeritageItem
from tests.factories import make_component, make_heritage_item

pytestmark = pytest.mark.django_db


def points(client, lang="en") -> list[dict]:
    response = client.get(f"/{lang}/heritage/map/places.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(b"".join(response.streaming_content))


def test_map_page_has_every_published_place_and_lists_them_without_javascript(client):
    silk = make_heritage_item(slug="silk", name_en="Silk Roads", name_ru="Шёлковый путь")
    make_component(
        silk, slug="talgar", name_en="Talgar", latitude="43.293611", longitude="77.246111"
    )
    make_heritage_item(slug="yasawi", name_en="Yasawi", latitude="43.292778", longitude="68.273611")
    hidden = make_heritage_item(slug="hidden", status=Status.DRAFT, latitude="45", longitude="70")
    make_component(hidden, name_en="Hidden component")
    html = client.get("/en/heritage/map/").content.decode()
    places = points(client)
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
    assert (
        next(p for p in points(client, "ru") if p["url"] == "/ru/heritage/silk/#talgar")["parent"]
        == "Шёлковый путь"
    )
    assert 'data-points-url="/en/heritage/map/places.json"' in html
    assert '<a href="/en/heritage/silk/#talgar">Talgar</a>' in html  # the no-JavaScript list
    assert "Hidden component" not in html
    assert 'data-borders="/static/data/central-asia.geojson"' in html
    assert "data-tiles" not in html  # no tile server unless MAP_TILE_URL is set


def test_a_map_of_thousands_of_places_is_a_page_of_the_same_size(
    client, django_assert_max_num_queries
):
    """The places come from places.json, written as they are read; the page lists a page
    of them for readers without the map, with links to the others."""
    HeritageItem.objects.bulk_create(
        HeritageItem(
            slug=f"place-{n}",
            kind="world",
            name_en=f"Place {n:04}",
            latitude=f"{41 + n / 1000:.6f}",
            longitude="70",
            status=Status.PUBLISHED,
        )
        for n in range(240)
    )
    with django_assert_max_num_queries(4):
        first = client.get("/en/heritage/map/").content.decode()
    assert first.count('<th scope="row">') == 50
    assert 'href="?page=2"' in first and "Page 1 of 5" in first
    last = client.get("/en/heritage/map/?page=5").content.decode()
    assert last.count('<th scope="row">') == 40
    assert len(points(client)) == 240
    assert '<script id="heritage-points"' not in first  # no places written into the page


def test_an_empty_map_is_an_empty_list_of_places(client):
    assert points(client) == []


def test_borders_are_shipped_with_the_site():
    from django.contrib.staticfiles import finders

    with open(finders.find("data/central-asia.geojson")) as handle:
        data = json.load(handle)
    names = {feature["properties"]["name"] for feature in data["features"]}
    assert "Kazakhstan" in names and "Kyrgyzstan" in names


def policy(response) -> dict[str, list[str]]:
    """The Content-Security-Policy header, directive by directive."""
    directives = [part.split() for part in response["Content-Security-Policy"].split(";")]
    return {name: sources for name, *sources in directives if name}


BASE_SETTINGS = django_settings.BASE_DIR / "kzunesco_site" / "settings" / "base.py"


def settings_with_env(monkeypatch, **env) -> dict:
    """The shared settings module as it reads ``env`` at start-up (a fresh copy, not the
    running settings)."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(BASE_SETTINGS))


OWN = {"'self'", "'none'", "data:"}  # sources that reach no other origin


def assert_nothing_external(rules: dict[str, list[str]], *, except_img: str = "") -> None:
    for name, sources in rules.items():
        for source in sources:
            own = source in OWN or re.fullmatch(r"'(nonce|sha256)-[A-Za-z0-9+/=_-]+'", source)
            assert own or (name == "img-src" and source == except_img), f"{name} {source}"


def test_the_map_page_allows_what_the_map_needs_and_no_other_origin(client):
    make_heritage_item(slug="yasawi", latitude="43.29", longitude="68.27")
    response = client.get("/en/heritage/map/")
    rules = policy(response)
    html = response.content.decode()
    assert rules["default-src"] == ["'self'"]
    # Leaflet and the map script, served by the site; nothing inline but with the nonce.
    assert rules["script-src"][0] == "'self'"
    assert all(s.startswith("'nonce-") for s in rules["script-src"][1:])
    assert '<script src="/static/vendor/leaflet/leaflet.js" defer></script>' in html
    assert rules["style-src"][0] == "'self'"  # leaflet.css
    assert rules["connect-src"] == ["'self'"]  # the borders' GeoJSON, fetched by map.js
    assert rules["img-src"] == ["'self'", "data:"]  # no tile server
    assert rules["object-src"] == ["'none'"] and rules["frame-ancestors"] == ["'none'"]
    assert_nothing_external(rules)
    assert not [s for sources in rules.values() for s in sources if "unsafe" in s]


@pytest.mark.parametrize(
    ("tiles", "origin"),
    [
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
        ("https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org"),
    ],
)
def test_tiles_are_optional_and_allowed_by_the_csp_only_when_set(
    client, settings, monkeypatch, tiles, origin
):
    configured = settings_with_env(monkeypatch, MAP_TILE_URL=tiles)
    assert configured["MAP_TILE_URL"] == tiles
    default = settings_with_env(monkeypatch, MAP_TILE_URL="")["SECURE_CSP"]
    assert configured["SECURE_CSP"] == default | {"img-src": [*default["img-src"], origin]}
    settings.MAP_TILE_URL, settings.SECURE_CSP = tiles, configured["SECURE_CSP"]
    make_heritage_item(slug="yasawi", latitude="43.29", longitude="68.27")
    response = client.get("/en/heritage/map/")
    assert f'data-tiles="{tiles}"' in response.content.decode()
    rules = policy(response)
    assert rules["img-src"] == ["'self'", "data:", origin]  # the tiles, and only there
    assert_nothing_external(rules, except_img=origin)


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
