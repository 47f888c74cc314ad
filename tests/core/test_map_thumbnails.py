"""The map thumbnails drawn on the server (core/map_thumbnails.py) and the map's template
helpers (core/templatetags/maps.py): valid, small, accessible SVG that puts each place
where it is, highlights its region, escapes every text and reaches nothing outside."""

import itertools
import json
import re
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest
from django.contrib.staticfiles import finders
from django.template import Context, Template
from django.utils import translation

from core import map_thumbnails
from core.map_thumbnails import SYMBOLS, geometry, render, topology
from core.templatetags.maps import credit_links, map_legend, symbol
from tests.factories import make_heritage_item, make_region

SVG = "{http://www.w3.org/2000/svg}"
YASAWI = (43.292778, 68.273611, "Mausoleum of Khoja Ahmed Yasawi", "world")
SILK_ROADS = [
    (45.383333, 80.216667, "Site of Kayalyk", "component"),
    (45.566667, 75.466667, "Site of Karamergen", "component"),
    (43.293611, 77.246111, "Site of Talgar", "component"),
    (43.716667, 73.7, "Site of Aktobe (Stepninskoye)", "component"),
    (42.983333, 71.833333, "Akyrtas Palace Complex", "component"),
    (42.916667, 72.733333, "Site of Kulan", "component"),
    (42.866667, 71.433333, "Site of Kostobe", "component"),
    (42.783333, 72.883333, "Site of Ornek", "component"),
]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def rings(d: str) -> list[list[tuple[float, float]]]:
    """The rings of a path as render writes it: M x y, then l with relative pairs."""
    found = []
    for part in re.findall(r"M[^M]+", d):
        numbers = [float(n) for n in re.findall(r"-?(?:\d+\.?\d*|\.\d+)", part)]
        x, y = numbers[0], numbers[1]
        ring = [(x, y)]
        for dx, dy in zip(numbers[2::2], numbers[3::2], strict=True):
            x, y = x + dx, y + dy
            ring.append((x, y))
        found.append(ring)
    return found


def inside(point, path_rings) -> bool:
    """Even–odd, as SVG fills rings with holes here."""
    x, y = point
    result = False
    for ring in path_rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                result = not result
    return result


def marks(root: ET.Element) -> dict[str, tuple[float, float]]:
    """Each place's label → the centre of its mark (the middle of its outline's extent)."""
    found = {}
    for group in root.iter(f"{SVG}g"):
        label = group.find(f"{SVG}title").text or ""
        d = group.find(f"{SVG}path").get("d")
        if "a" in d:  # a circle: M (left) (middle) a (radius) …
            x, y, r = (float(n) for n in re.match(r"M(-?[\d.]+) (-?[\d.]+)a(-?[\d.]+)", d).groups())
            found[label] = (x + r, y)
        else:
            xs, ys = zip(*(p for ring in rings(d) for p in ring), strict=True)
            found[label] = ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)
    return found


def highlighted(root: ET.Element) -> ET.Element | None:
    return next((p for p in root.iter(f"{SVG}path") if p.get("data-region")), None)


def test_a_thumbnail_is_valid_accessible_svg_of_a_few_kb():
    svg = render([YASAWI], title="Mausoleum of Khoja Ahmed Yasawi on the map")
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img" and root.get("viewBox") == "0 0 320 200"
    assert root.get("width") == "320" and root.get("height") == "200"
    assert root[0].tag == f"{SVG}title"
    assert root[0].text == root.get("aria-label") == "Mausoleum of Khoja Ahmed Yasawi on the map"
    assert len(svg.encode()) <= 5000
    # Nothing that runs, loads or styles: presentation attributes only, so that the
    # site's CSP allows it inline.
    tags = {element.tag.removeprefix(SVG) for element in root.iter()}
    assert tags <= {"svg", "title", "rect", "path", "g", "text"}
    attributes = {name for element in root.iter() for name in element.attrib}
    assert not [name for name in attributes if name.startswith("on") or "href" in name]
    assert "style" not in attributes and "url(" not in svg


def test_the_place_is_drawn_where_it_is_in_its_highlighted_region():
    root = parse(render([YASAWI], title="Yasawi"))
    region = highlighted(root)
    assert region.get("data-region") == "KZ-61"  # Turkestan
    x, y = marks(root)["Mausoleum of Khoja Ahmed Yasawi"]
    assert 0 < x < 320 and 0 < y < 200
    assert inside((x, y), rings(region.get("d")))
    # A single place shows the whole country: Yasawi is in its south, near the middle.
    assert 130 < x < 190 and 130 < y < 190, (x, y)
    country = next(p for p in root.iter(f"{SVG}path") if p.get("fill") == "#e3f1f5")
    assert inside((x, y), rings(country.get("d")))
    assert not inside((x, 5), rings(country.get("d")))  # north of it: Russia


@pytest.mark.parametrize(
    ("place", "code"),
    [
        ((51.128, 71.430, "Astana", "creative_city"), "KZ-71"),  # the city, not Akmola
        ((43.238, 76.889, "Almaty", "memory"), "KZ-75"),
        ((49.95, 82.6, "Öskemen", "world"), "KZ-63"),  # East Kazakhstan
        ((50.41, 80.25, "Semey", "memory"), "KZ-10"),  # Abai, since 2022
    ],
)
def test_a_single_place_highlights_the_region_it_lies_in(place, code):
    root = parse(render([place]))
    assert highlighted(root).get("data-region") == code


@pytest.mark.parametrize(
    "region",
    ["Zhambyl Region", "zhambyl-region", "Жамбылская область", "Жамбыл облысы", "KZ-31"],
)
def test_the_highlighted_region_can_be_named_in_any_language(region):
    root = parse(render(SILK_ROADS[:2], region=region))
    assert highlighted(root).get("data-region") == "KZ-31"


def test_no_region_is_highlighted_unless_asked_for_several_places_or_unknown():
    assert highlighted(parse(render(SILK_ROADS))) is None
    assert highlighted(parse(render(SILK_ROADS, region="Atlantis"))) is None
    assert highlighted(parse(render([(60.0, 30.0, "Saint Petersburg", "world")]))) is None


def test_several_places_are_framed_on_them_each_where_it_is():
    root = parse(render(SILK_ROADS, width=400, height=250))
    found = marks(root)
    assert len(found) == 8 and len(render(SILK_ROADS).encode()) <= 6000
    xs, ys = [p[0] for p in found.values()], [p[1] for p in found.values()]
    assert min(xs) > 10 and max(xs) < 390 and min(ys) > 10 and max(ys) < 240  # all in view
    assert max(xs) - min(xs) > 200  # framed on them, not a speck on the country
    # East is right, north is up.
    assert found["Site of Kayalyk"][0] > found["Site of Talgar"][0] > found["Site of Kostobe"][0]
    assert found["Site of Karamergen"][1] < found["Site of Talgar"][1] < found["Site of Ornek"][1]
    # Talgar lies in Almaty region: inside the highlighted region once it is asked for.
    region = highlighted(parse(render(SILK_ROADS, width=400, height=250, region="KZ-19")))
    assert inside(found["Site of Talgar"], rings(region.get("d")))
    assert not inside(found["Site of Kulan"], rings(region.get("d")))  # Zhambyl


def test_places_close_together_still_show_the_country_around_them():
    close = [(43.2, 76.9, "A", "world"), (43.21, 76.91, "B", "world")]
    root = parse(render(close))
    found = marks(root)
    assert abs(found["A"][0] - found["B"][0]) < 5  # not blown up to fill the picture
    assert len(list(root.iter(f"{SVG}text"))) == 2  # a few places are named beside them


def test_every_text_is_escaped():
    label = '<script>alert("x")</script> & Co'
    svg = render([(43.29, 68.27, label, "world")], title='Title <img src=x onerror="1">', width=640)
    root = parse(svg)
    assert "<script" not in svg and "<img" not in svg
    assert not list(root.iter(f"{SVG}script"))
    assert root[0].text == 'Title <img src=x onerror="1">'
    assert [t.text for t in root.iter(f"{SVG}title")][1] == label
    assert [t.text for t in root.iter(f"{SVG}text")] == [label]


def test_the_title_is_in_the_callers_language_by_default():
    with translation.override("ru"):
        assert parse(render([YASAWI]))[0].text == "Карта: Mausoleum of Khoja Ahmed Yasawi"
    with translation.override("en"):
        assert parse(render([YASAWI]))[0].text == "Map: Mausoleum of Khoja Ahmed Yasawi"
        assert parse(render([]))[0].text == "Map"


def test_many_places_and_a_larger_picture_stay_small():
    spread = [(42 + i % 10, 50 + 3.5 * i, f"Place {i}", "intangible") for i in range(12)]
    assert len(render(spread).encode()) <= 8000
    assert len(render([YASAWI], width=640, height=400).encode()) <= 10000
    assert not list(parse(render(spread)).iter(f"{SVG}text"))  # too many to name


def test_marks_wear_the_legends_colours_and_shapes():
    for kind, (colour, _shape) in SYMBOLS.items():
        root = parse(render([(48.0, 67.0, kind, kind)]))
        mark = next(root.iter(f"{SVG}g")).find(f"{SVG}path")
        legend = parse(symbol(kind)).find(f"{SVG}path")
        assert colour in (mark.get("fill"), mark.get("stroke"))
        assert (legend.get("fill"), legend.get("stroke")) == (mark.get("fill"), mark.get("stroke"))
    shapes = {parse(symbol(kind)).find(f"{SVG}path").get("d") for kind in SYMBOLS}
    assert len(shapes) == len(SYMBOLS)  # a shape each (the ring: a smaller, hollow circle)
    assert len({colour for colour, _shape in SYMBOLS.values()}) == len(SYMBOLS)


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_colours_stand_out_against_every_ground_of_the_maps():
    grounds = ["#e3f1f5", "#f6f7f8", "#e4e8eb", "#fbe3a0", "#ffffff", "#fbfaf7"]
    for kind, (colour, _shape) in SYMBOLS.items():
        assert min(contrast(colour, ground) for ground in grounds) >= 3, kind  # WCAG 1.4.11


def test_geometry_is_read_and_simplified_once_per_process():
    render([YASAWI])
    before = (topology.cache_info().misses, geometry.cache_info().misses)
    render([YASAWI])
    render([(51.1, 71.4, "Astana", "world")])
    assert (topology.cache_info().misses, geometry.cache_info().misses) == before


def test_simplified_regions_keep_their_shared_borders():
    regions, _arcs, _users = topology()
    level = geometry(0.08)
    edges = {}
    for code, region_rings in level.regions.items():
        for ring in region_rings:
            for edge in zip(ring, ring[1:], strict=False):
                edges.setdefault(frozenset(edge), []).append(code)
    border = {frozenset(e) for ring in level.country for e in zip(ring, ring[1:], strict=False)}
    for edge, codes in edges.items():
        # Each edge is between two regions, or on the country's border: never a sliver.
        assert len(codes) == 2 or (len(codes) == 1 and edge in border), codes
    assert len(regions) == 20


def test_the_shipped_regions_have_names_in_three_languages_and_a_label_inside():
    with open(finders.find("data/kazakhstan-regions.geojson"), encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    assert len(features) == 20
    for feature in features:
        properties = feature["properties"]
        assert properties["iso_3166_2"].startswith("KZ-")
        assert all(properties[f"name_{lang}"] for lang in ("kk", "ru", "en"))
        lon, lat = properties["label"]
        region = map_thumbnails.region_at(lat, lon)
        assert region and region.code == properties["iso_3166_2"], properties


def _turn(a, b, c) -> int:
    value = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    return (value > 0) - (value < 0)


def test_the_shipped_regions_are_valid_after_simplifying():
    with open(finders.find("data/kazakhstan-regions.geojson"), encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    edges, grid = {}, {}
    for feature in features:
        geometry_ = feature["geometry"]
        polygons = geometry_["coordinates"]
        for ring in (
            r for p in (polygons if geometry_["type"] == "MultiPolygon" else [polygons]) for r in p
        ):
            assert ring[0] == ring[-1] and len(ring) >= 4
            for a, b in zip(map(tuple, ring), map(tuple, ring[1:]), strict=False):
                edges[frozenset((a, b))] = edges.get(frozenset((a, b)), 0) + 1
                west, east = sorted((int(a[0] // 0.25), int(b[0] // 0.25)))
                south, north = sorted((int(a[1] // 0.25), int(b[1] // 0.25)))
                for cell in itertools.product(range(west, east + 1), range(south, north + 1)):
                    grid.setdefault(cell, set()).add((a, b))
    assert max(edges.values()) == 2  # a border is two regions' at most
    crossings = [
        (s, t)
        for segments in grid.values()
        for s in segments
        for t in segments
        if len({*s, *t}) == 4
        and _turn(*s, t[0]) * _turn(*s, t[1]) < 0
        and _turn(*t, s[0]) * _turn(*t, s[1]) < 0
    ]
    assert crossings == []


def test_the_template_tag_draws_the_thumbnail_unescaped():
    template = Template(
        "{% load maps %}{% map_thumbnail points title=title width=200 height=125 region=region %}"
    )
    region = SimpleNamespace(name_en="Zhambyl Region", name_ru="", name_kk="")
    html = template.render(Context({"points": SILK_ROADS, "title": "<Silk>", "region": region}))
    root = parse(html)
    assert root.get("viewBox") == "0 0 200 125" and root[0].text == "<Silk>"
    assert highlighted(root).get("data-region") == "KZ-31"
    points = [{"name": "Yasawi", "lat": 43.29, "lon": 68.27, "kind": "world", "url": "/"}]
    html = Template("{% load maps %}{% map_thumbnail points %}").render(Context({"points": points}))
    assert parse(html)[0].text == "Map: Yasawi"


def test_the_template_tag_draws_a_records_place_and_its_sites():
    site = SimpleNamespace(latitude=43.29, longitude=77.24, name="Talgar")
    unplaced = SimpleNamespace(latitude=None, longitude=None, name="Somewhere")
    item = SimpleNamespace(
        latitude=None,
        longitude=None,
        name="Silk Roads",
        kind="world",
        located_sites=[site, unplaced],
    )
    template = Template("{% load maps %}{% map_thumbnail item %}")
    root = parse(template.render(Context({"item": item})))
    assert list(marks(root)) == ["Talgar"] and root[0].text == "Map: Talgar"
    assert highlighted(root).get("data-region") == "KZ-19"  # Almaty region
    yasawi = SimpleNamespace(latitude=43.29, longitude=68.27, name="Yasawi", kind="world")
    root = parse(template.render(Context({"item": yasawi})))
    assert list(marks(root)) == ["Yasawi"]


@pytest.mark.django_db
def test_the_template_tag_takes_a_heritage_record_as_it_comes_from_the_database():
    region = make_region(name_en="Turkistan Region", name_ru="Туркестанская область")
    item = make_heritage_item(name_en="Yasawi", latitude="43.292778", longitude="68.273611")
    template = Template(
        "{% load maps %}{% map_thumbnail item region=region width=240 height=150 %}"
    )
    with translation.override("en"):
        root = parse(template.render(Context({"item": item, "region": region})))
    assert list(marks(root)) == ["Yasawi"] and root.get("width") == "240"
    assert highlighted(root).get("data-region") == "KZ-61"


def test_the_legend_lists_the_kinds_present_in_the_order_given():
    points = [{"kind": "component"}, {"kind": "world"}, {"kind": "world"}, {"kind": "novel"}]
    entries = map_legend(
        points, world="World Heritage property", memory="Memory", component="component site"
    )
    assert [(e["kind"], e["label"]) for e in entries] == [
        ("world", "World Heritage property"),
        ("component", "Component site"),
        ("novel", "Novel"),
    ]
    assert parse(str(entries[0]["symbol"])).get("aria-hidden") == "true"


def test_credits_are_escaped_and_link_their_sources():
    html = credit_links('<b>Regions</b>: geokz, CC BY 4.0 & "© OpenStreetMap"')
    assert html.startswith("&lt;b&gt;Regions&lt;/b&gt;: ")
    assert '<a href="https://github.com/arodionoff/geokz">geokz</a>' in html
    assert '<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>' in html
    # Text, not an attribute: quotation marks need no escaping (map.html escapes the whole
    # credit again where it goes into a data attribute).
    assert '&amp; "© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>"' in html


def test_a_label_that_fits_on_neither_side_is_left_to_the_marks_title():
    name = "Petroglyphs of the Archaeological Landscape of Tanbaly"
    svg = render([(43.8, 75.53, name, "world")], width=360, height=240)
    root = parse(svg)
    assert [t.text for t in root.iter(f"{SVG}text")] == []
    assert name in [t.text for t in root.iter(f"{SVG}title")]
    wide = parse(render([(43.8, 75.53, "Tanbaly", "world")], width=360, height=240))
    assert [t.text for t in wide.iter(f"{SVG}text")] == ["Tanbaly"]
