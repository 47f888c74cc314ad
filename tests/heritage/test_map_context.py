"""The heritage maps with their context, in a real browser (Debian's Chromium, headless,
via Playwright): the regions named in the page's language, the legend of the programmes,
an item's component sites named and framed, clusters that part on zoom, the regions'
credits, and all of it under the site's Content-Security-Policy. Screenshots at 1366 and
390 px wide go to SHOTS/map-context."""

import json
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.utils import translation

from tests.browser import AXE, SHOTS, chromium, skip_without_chromium

skip_without_chromium()

from heritage.models import HeritageKind  # noqa: E402
from tests import documents  # noqa: E402
from tests.factories import make_component, make_heritage_item  # noqa: E402

pytestmark = pytest.mark.browser

PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1366, "height": 900}
READY = "[data-map][data-ready='true']"
SILK = "/{lang}/heritage/silk-roads-chang-an-tianshan-corridor/"
# Every CSP violation the page reports, caught before any script of the page runs.
WATCH_CSP = """window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) =>
    window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));"""
SHOWN = ":not(.map-name-hidden)"


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


@pytest.fixture
def site(live_server, transactional_db):
    return live_server.url


@pytest.fixture
def documented(site):
    """The site with the facts of the source documents (as `make run` loads them)."""
    documents.load()
    return site


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP)
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    page.console_errors = []
    page.on(
        "console", lambda m: m.type in ("error", "warning") and page.console_errors.append(m.text)
    )
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    yield page
    context.close()


def open_map(page, url: str, width: int = 1366, shot: str = ""):
    """Open ``url`` at ``width`` px and wait for its map; with ``shot``, take a
    screenshot (SHOTS/map-context/<shot>.png) before anything is checked."""
    page.set_viewport_size(PHONE if width == 390 else DESKTOP)
    response = page.goto(url)
    page.locator("[data-map]").first.scroll_into_view_if_needed()  # drawn when near
    page.wait_for_selector(READY)
    page.evaluate("window.scrollTo(0, 0)")  # as a reader arrives, for the screenshots
    page.wait_for_timeout(300)  # let Leaflet's last frame settle before looking
    if shot:
        shoot(page, shot)
    return response


def shoot(page, name: str) -> Path:
    folder = SHOTS / "map-context"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=path, full_page=True)
    # And the map with its legend and note, close up.
    top, bottom = page.locator(".map").bounding_box(), page.locator(".map-note").bounding_box()
    width = page.viewport_size["width"]
    clip = {
        "x": 0,
        "y": top["y"] - 8,
        "width": width,
        "height": bottom["y"] + bottom["height"] - top["y"] + 16,
    }
    page.screenshot(path=folder / f"{name}-map.png", full_page=True, clip=clip)
    return path


def texts(locator) -> list[str]:
    """The texts of the elements, shown or hidden."""
    return locator.evaluate_all("elements => elements.map(e => e.textContent)")


def region_names(lang: str) -> set[str]:
    with open(finders.find("data/kazakhstan-regions.geojson"), encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    cities = {"KZ-71", "KZ-75", "KZ-79"}
    names = set()
    for feature in features:
        name = feature["properties"][f"name_{lang}"]
        city = feature["properties"]["iso_3166_2"] in cities
        names.add(f"{name} обл." if lang == "ru" and not city else name)
    return names


def boxes(locator) -> list[dict]:
    return [element.bounding_box() for element in locator.all()]


def overlap(a: dict, b: dict) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("kk", "Қарағанды"), ("ru", "Карагандинская обл."), ("en", "Karagandy")],
)
def test_region_names_are_in_the_pages_language_and_do_not_overlap(
    documented, page, lang, expected
):
    for width in (1366, 390):
        open_map(page, f"{documented}/{lang}/heritage/map/", width, shot=f"map-{lang}-{width}")
        names = page.locator(".map-region-name")
        assert set(texts(names)) == region_names(lang)  # every region, in kk/ru/en
        shown = page.locator(f".map-region-name{SHOWN}")
        if width == 1366:  # most regions named: not the cities, nor where markers are
            assert expected in texts(shown) and shown.count() >= 10, texts(shown)
        else:  # the larger regions, where their names fit (zooming in shows the rest)
            assert shown.count() >= 2, texts(shown)
        # No name on another, nor on a marker or cluster.
        names, icons = boxes(shown), boxes(page.locator(".leaflet-marker-icon"))
        assert not [(a, b) for i, a in enumerate(names) for b in names[:i] + icons if overlap(a, b)]
    assert page.console_errors == []


def test_the_legend_lists_the_programmes_present_in_the_pages_language(site, page):
    silk = make_heritage_item(slug="silk", name_en="Silk Roads", latitude="43.3", longitude="77.2")
    make_component(silk, name_en="Kayalyk", latitude="45.38", longitude="80.22")
    make_heritage_item(kind="intangible", latitude="51.1", longitude="71.4")
    make_heritage_item(kind="geopark", latitude="44.0", longitude="73.0")
    open_map(page, f"{site}/ru/heritage/map/")
    legend = page.get_by_role("list", name="Условные обозначения")
    with translation.override("ru"):
        expected = [
            str(HeritageKind.WORLD_HERITAGE.label),
            str(HeritageKind.INTANGIBLE.label),
            str(HeritageKind.GEOPARK.label),
            "Компонент",
        ]
    assert legend.get_by_role("listitem").all_inner_texts() == expected
    assert "Биосферный" not in legend.inner_text()  # a programme with no place is left out
    # Each marker wears its programme's symbol: the legend's, colour and shape.
    for kind in ("world", "intangible", "geopark", "component"):
        symbol = legend.locator(f"[data-kind={kind}] svg").inner_html()
        marker = page.locator(".map-marker svg").evaluate_all(
            "(icons, s) => icons.filter((i) => i.innerHTML === s).length", symbol
        )
        assert marker == 1, kind
    fills = legend.locator("svg path").evaluate_all(
        "ps => ps.map(p => p.getAttribute(p.getAttribute('fill') === '#fff' ? 'stroke' : 'fill'))"
    )
    assert len(set(fills)) == 4  # four colours
    open_map(page, f"{site}/ru/heritage/map/", 390, shot="legend-ru-390")
    # On a phone the legend wraps under the map, each entry on the screen, none cut.
    for entry in boxes(legend.get_by_role("listitem")):
        assert entry["x"] >= 0 and entry["x"] + entry["width"] <= 390
    assert page.console_errors == []


def test_every_programme_has_its_translated_name_in_the_legend(site, page):
    item = make_heritage_item(latitude="43.3", longitude="77.2")
    for number, kind in enumerate(HeritageKind):
        make_heritage_item(kind=kind, latitude=f"{44 + number}", longitude=f"{60 + 2 * number}")
    make_component(item)
    for lang in ("kk", "en"):
        open_map(page, f"{site}/{lang}/heritage/map/")
        with translation.override(lang):
            expected = [str(kind.label) for kind in HeritageKind]
        texts = page.locator(".map-legend li").all_inner_texts()
        assert texts[:-1] == expected and len(texts) == len(HeritageKind) + 1
    shoot(page, "legend-en-1366")


@pytest.mark.parametrize("width", [1366, 390])
def test_an_items_map_names_its_component_sites_and_is_framed_on_them(documented, page, width):
    open_map(page, documented + SILK.format(lang="en"), width, shot=f"silk-roads-en-{width}")
    canvas = page.locator(".map").bounding_box()
    markers = boxes(page.locator(".map-marker"))
    assert len(markers) == 8
    assert page.locator(".map-cluster").count() == 0  # an item's places are never grouped
    for marker in markers:  # every site in view, none on the edge
        assert canvas["x"] + 8 <= marker["x"] <= canvas["x"] + canvas["width"] - 30
        assert canvas["y"] + 8 <= marker["y"] <= canvas["y"] + canvas["height"] - 30
    # Framed on them: they spread over the map, not a cluster on a blank country.
    xs = [m["x"] for m in markers]
    assert max(xs) - min(xs) > canvas["width"] * 0.45
    shown = page.locator(f".map-place-name{SHOWN}")
    if width == 1366:  # every site named
        places = json.loads(page.locator("#item-points").text_content())
        assert sorted(texts(shown)) == sorted(place["name"] for place in places)
    else:  # most, where a phone has room
        assert shown.count() >= 5, texts(shown)
    # No name on another, nor on a marker; nor on a region's name.
    names, regions = boxes(shown), boxes(page.locator(f".map-region-name{SHOWN}"))
    drawn = markers + regions
    assert not [(a, b) for i, a in enumerate(names) for b in names[:i] + drawn if overlap(a, b)]
    assert page.console_errors == []


def test_a_single_place_shows_its_region_and_the_names_around_it(site, page):
    make_heritage_item(slug="yasawi", name_en="Yasawi", latitude="43.292778", longitude="68.273611")
    open_map(page, f"{site}/en/heritage/yasawi/", shot="yasawi-en-1366")
    zoom = page.evaluate("document.querySelector('.map').dataset.zoom")
    names = page.locator(f".map-region-name{SHOWN}").all_inner_texts()
    assert "Turkestan" in names and len(names) >= 3, names  # its region and neighbours
    assert float(zoom) >= 5.5
    assert page.locator(f".map-place-name{SHOWN}").all_inner_texts() == ["Yasawi"]
    open_map(page, f"{site}/kk/heritage/yasawi/", 390, shot="yasawi-kk-390")
    assert "Түркістан" in page.locator(f".map-region-name{SHOWN}").all_inner_texts()


def test_crowded_places_cluster_and_part_on_zoom(site, page):
    for number in range(12):  # a dozen places within 50 km of Almaty
        make_heritage_item(latitude=f"{43.0 + number * 0.03}", longitude=f"{76.6 + number * 0.04}")
    make_heritage_item(slug="far", latitude="51.13", longitude="71.43")
    open_map(page, f"{site}/en/heritage/map/", shot="cluster-en-1366")
    cluster = page.locator(".map-cluster")
    assert cluster.count() == 1 and cluster.inner_text() == "12"
    assert page.locator(".map-marker").count() == 1  # the far one, on its own
    # Readable: large white figures on dark ink; a button a keyboard reaches.
    style = cluster.evaluate(
        "c => ['color', 'backgroundColor', 'fontSize'].map((name) => getComputedStyle(c)[name])"
    )
    assert style[:2] == ["rgb(255, 255, 255)", "rgb(28, 36, 48)"] and float(style[2][:-2]) >= 14
    assert cluster.get_attribute("role") == "button" and cluster.get_attribute("tabindex") == "0"
    assert cluster.get_attribute("aria-label") == "Places here: 12. Select to zoom in."
    cluster.focus()
    page.keyboard.press("Enter")  # zooms in on the cluster
    page.wait_for_function("document.querySelectorAll('.map-marker').length > 1")
    for _ in range(6):
        if page.locator(".map-cluster").count() == 0:
            break
        page.locator(".leaflet-control-zoom-in").click()
        page.wait_for_timeout(450)
    assert page.locator(".map-cluster").count() == 0
    assert page.locator(".map-marker").count() >= 12  # all apart
    shoot(page, "cluster-parted-en-1366")
    assert page.console_errors == []


def test_every_place_is_a_marker_or_counted_in_a_cluster_and_stays_put(documented, page):
    open_map(page, f"{documented}/en/heritage/map/")
    rows = page.locator("#places-title ~ .table-scroll tbody tr")
    markers = page.locator(".map-marker")
    clustered = sum(int(count) for count in page.locator(".map-cluster").all_inner_texts())
    assert markers.count() + clustered == rows.count() > 15
    assert page.locator(".map-cluster").count() > 0  # the Silk Roads' sites, crowded
    # Once the map says it is ready, its markers stay put (no animation still under
    # way), so a click right away lands on the marker and opens its popup.
    drawn_at = markers.first.bounding_box()
    page.wait_for_timeout(400)
    assert markers.first.bounding_box() == drawn_at
    markers.first.click()
    link = page.locator(".leaflet-popup-content a").first
    assert link.get_attribute("href").startswith("/en/heritage/")
    # The keyboard reaches the markers: each a named button.
    assert markers.first.get_attribute("role") == "button"
    assert markers.first.get_attribute("tabindex") == "0"
    names = set(page.locator("#places-title ~ .table-scroll tbody th").all_inner_texts())
    assert {marker.get_attribute("aria-label") for marker in markers.all()} <= names
    assert page.console_errors == []


def test_the_credits_name_the_regions_source(site, page):
    make_heritage_item(latitude="43.29", longitude="68.27")
    open_map(page, f"{site}/en/heritage/map/")
    credits = page.locator(".leaflet-control-attribution")
    text = credits.inner_text()
    for words in (
        "Natural Earth",
        "geokz",
        "Alexander Rodionov",
        "CC BY 4.0",
        "COD-AB",
        "OpenStreetMap",
    ):
        assert words in text
    assert (
        credits.get_by_role("link", name="geokz").get_attribute("href")
        == "https://github.com/arodionoff/geokz"
    )
    note = page.locator(".map-note")
    assert "geokz © Alexander Rodionov, CC BY 4.0" in note.inner_text()
    assert (
        note.get_by_role("link", name="CC BY 4.0").get_attribute("href")
        == "https://creativecommons.org/licenses/by/4.0/"
    )


@pytest.mark.parametrize("path", ["/en/heritage/map/", SILK.format(lang="ru")])
def test_the_map_works_under_the_sites_csp_and_offline(documented, page, path):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    response = open_map(page, documented + path)
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe" not in policy
    assert page.evaluate("window.cspViolations") == []
    assert page.console_errors == []
    assert all(url.startswith((documented, "data:")) for url in requested)
    assert f"{documented}/static/vendor/leaflet.markercluster/leaflet.markercluster.js" in requested
    assert page.locator(".leaflet-marker-icon").count() > 0


@pytest.mark.parametrize("width", [1366, 390])
def test_axe_finds_nothing_wrong_with_the_maps(documented, page, width):
    found = {}
    for path in ("/kk/heritage/map/", SILK.format(lang="ru")):
        open_map(page, documented + path, width)
        page.evaluate(AXE)
        violations = page.evaluate(
            """() => axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations.map(
                v => `${v.id}: ${v.help} — ` + v.nodes.map(n => n.target).join(", ")))"""
        )
        if violations:
            found[path] = violations
    assert not found, found


def test_an_uploaded_area_is_drawn_and_framed_with_its_legend(site, page):
    from heritage.models import MapArea

    item = make_heritage_item(slug="tanbaly", latitude="43.8", longitude="75.53")
    ring = [[75.50, 43.78], [75.56, 43.78], [75.56, 43.83], [75.50, 43.78]]
    buffer = [[75.45, 43.74], [75.62, 43.74], [75.62, 43.88], [75.45, 43.74]]
    MapArea.objects.create(
        item=item,
        geojson={
            "type": "FeatureCollection",
            "features": [
                {"type": "Feature", "properties": {"zone": zone},
                 "geometry": {"type": "MultiPolygon", "coordinates": [[coordinates]]}}
                for zone, coordinates in (("property", ring), ("buffer", buffer))
            ],
        },
    )  # fmt: skip
    open_map(page, f"{site}/en/heritage/tanbaly/")
    areas = page.locator(".leaflet-overlay-pane path")
    dashed = [areas.nth(i).get_attribute("stroke-dasharray") for i in range(areas.count())]
    assert "6 4" in dashed  # the buffer zone, dashed
    assert int(page.locator("[data-map]").get_attribute("data-zoom").split(".")[0]) >= 10
    legend = page.get_by_role("list", name="Legend").inner_text()
    assert "Area of the property" in legend and "Buffer zone" in legend
    assert page.evaluate("window.cspViolations") == []
    page.locator("[data-map]").screenshot(path=str(SHOTS / "map-context" / "area-en-1366.png"))


def test_a_map_further_down_a_phones_page_is_drawn_when_scrolled_to(documented, page):
    """Leaflet's start is the page's longest task (Lighthouse's total blocking time): a
    map below the screen is not drawn while the page loads, and is when a reader gets
    near it."""
    page.set_viewport_size(PHONE)
    page.goto(documented + SILK.format(lang="kk"))
    page.wait_for_load_state("load")
    page.wait_for_timeout(500)
    canvas = page.locator("[data-map]").first
    assert canvas.bounding_box()["y"] > PHONE["height"] + 200  # below the screen
    assert canvas.get_attribute("data-ready") is None
    assert page.locator(".leaflet-container").count() == 0
    canvas.scroll_into_view_if_needed()
    page.wait_for_selector(READY)
    assert page.locator(".map-marker").count() >= 8  # its component sites
    assert page.console_errors == []
