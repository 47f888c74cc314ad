"""The public pages in a real browser: Debian's Chromium, headless, via Playwright."""

import pytest

from tests import documents
from tests.browser import AXE, chromium, skip_without_chromium

skip_without_chromium()

from heritage.models import HeritageItem  # noqa: E402
from heritage.views import item_points  # noqa: E402
from tests.factories import make_image  # noqa: E402
from timeline.models import Person  # noqa: E402

pytestmark = pytest.mark.browser

PAGES = [
    "/{lang}/",
    "/{lang}/heritage/map/",
    "/{lang}/heritage/",
    "/{lang}/heritage/silk-roads-chang-an-tianshan-corridor/",
    "/{lang}/heritage/mausoleum-of-khoja-ahmed-yasawi/",  # a photograph with its credit
    "/{lang}/timeline/",
    "/{lang}/timeline/events/london-conference-for-the-establishment-of-unesco/",
    "/{lang}/timeline/kazakhstan-and-unesco/",
    "/{lang}/publications/",
    "/{lang}/publications/article-unesco-education-history-and-modernity/",
    "/{lang}/stories/",
    "/{lang}/stories/silk-roads-in-kazakhstan/",
    "/{lang}/about/",
]


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


@pytest.fixture
def site(live_server, transactional_db):
    documents.load()
    return live_server.url


@pytest.fixture
def page(browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.console_errors = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    yield page
    page.close()


HEADER_STYLE = """(() => {
    const style = getComputedStyle(document.querySelector(".site-header"));
    return {
        background: style.backgroundColor,
        border: `${style.borderBottomWidth} ${style.borderBottomStyle} ${style.borderBottomColor}`,
    };
})()"""


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_pages_load_without_console_errors(site, page, lang, tmp_path):
    for path in PAGES:
        response = page.goto(site + path.format(lang=lang))
        assert response.status == 200, path
        assert page.locator("h1").first.is_visible(), path
        assert page.evaluate("document.documentElement.lang") == lang
        # The stylesheet is served locally and applied: the header has its colours and
        # its gold rule, which no browser default gives it.
        assert page.evaluate(HEADER_STYLE) == {
            "background": "rgb(0, 90, 115)",  # --sky-dark
            "border": "4px solid rgb(245, 197, 24)",  # --gold
        }, path
        sheets = page.evaluate("[...document.styleSheets].map(s => s.href).filter(Boolean)")
        assert f"{site}/static/css/site.css" in sheets, path
        assert all(sheet.startswith(f"{site}/static/") for sheet in sheets), sheets
        page.screenshot(path=tmp_path / f"{lang}-{path.strip('/').replace('/', '_')}.png")
    assert page.console_errors == []


def test_language_switcher_keeps_the_page(site, page):
    page.goto(site + "/en/heritage/western-tien-shan/")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Русский").click()
    page.wait_for_url("**/ru/heritage/western-tien-shan/")
    assert page.locator("h1").inner_text() == "Западный Тянь-Шань"
    page.get_by_role("navigation", name="Язык").get_by_role("link", name="Қазақ").click()
    page.wait_for_url("**/kk/heritage/western-tien-shan/")
    assert page.locator("h1").inner_text() == "Батыс Тянь-Шань"


def test_filters_work_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/en/timeline/")
    page.get_by_label("Theme").select_option("education")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/en/timeline/?theme=education*")
    assert "World Education Forum adopts the Incheon Declaration" in page.content()
    assert "Dumbarton Oaks" not in page.content()
    context.close()


def test_skip_link_is_the_first_stop_for_keyboard_users(site, page):
    page.goto(site + "/en/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Skip to content"
    assert page.evaluate("document.activeElement.getBoundingClientRect().left") >= 0


def test_printed_pages_leave_out_what_only_works_on_a_screen(site, page):
    screen_only = [".site-header nav", ".header-search", ".sidebar", ".feed-links", ".pagination"]
    page.goto(site + "/en/heritage/?page=2")
    page.emulate_media(media="print")
    for selector in screen_only:
        found = page.locator(selector)
        assert found.count(), f"{selector} is not on the page: nothing to hide"
        assert not any(element.is_visible() for element in found.all()), selector
    assert page.locator("main h1").is_visible() and page.locator(".card").first.is_visible()

    page.goto(site + "/en/heritage/silk-roads-chang-an-tianshan-corridor/")
    assert page.locator(".map").count() == 1
    assert not page.locator(".map").is_visible()
    assert page.locator("table").get_by_text("Site of Talgar", exact=True).is_visible()

    page.emulate_media(media="screen")
    assert page.locator(".map").is_visible()


def test_map_draws_every_marker_offline(site, page):
    # Offline: the map asks nothing of any other origin (no tile server, no CDN).
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site + "/en/heritage/map/")
    page.wait_for_selector("[data-map][data-ready='true']")
    markers = page.locator(".map-marker")
    rows = page.locator("#places-title ~ .table-scroll tbody tr")
    # The documents' 2 single sites + 2 + 8 + 3 component sites, and the designations
    # with coordinates of their own.
    located = HeritageItem.objects.published().for_map()
    expected = sum(len(item_points(item, item.located_sites)) for item in located)
    assert rows.count() == expected > 15
    # Crowded places are drawn as clusters that count them.
    clustered = sum(int(n) for n in page.locator(".map-cluster").all_inner_texts())
    assert markers.count() + clustered == rows.count()
    assert page.console_errors == []
    assert requested and all(url.startswith((site, "data:")) for url in requested)
    # Once the map says it is ready, its markers stay put (no zoom still under way),
    # so a click right away lands on the marker and opens its popup.
    drawn_at = markers.first.bounding_box()
    page.wait_for_timeout(400)
    assert markers.first.bounding_box() == drawn_at
    markers.first.click()
    assert (
        page.locator(".leaflet-popup-content a")
        .first.get_attribute("href")
        .startswith("/en/heritage/")
    )


def test_map_controls_and_credits_speak_the_pages_language(site, page):
    page.goto(site + "/kk/heritage/map/")
    page.wait_for_selector("[data-map][data-ready='true']")
    assert page.locator(".leaflet-control-zoom-in").get_attribute("title") == "Жақындату"
    assert page.locator(".leaflet-control-zoom-out").get_attribute("title") == "Алыстату"
    credits = page.locator(".leaflet-control-attribution")
    assert "Шекаралар: Natural Earth" in credits.inner_text()
    assert credits.get_by_role("link", name="Leaflet").get_attribute("title") == (
        "Интерактивті карталарға арналған JavaScript кітапханасы"
    )
    assert page.console_errors == []


# Every kind of public page, including a filtered list, search results and the 404 page.
AXE_PAGES = [
    *PAGES,
    "/{lang}/heritage/?kind=world&region=zhambyl-region",
    "/{lang}/timeline/?theme=education",
    "/{lang}/timeline/people/",
    "/{lang}/timeline/people/paul-otlet/",
    "/{lang}/publications/dissertation-kazakhstan-unesco-humanitarian-security/",
    "/{lang}/search/?q=UNESCO",
    "/{lang}/search/",
    "/{lang}/no-such-page/",
]


def _axe_violations(page) -> list[str]:
    """What axe (injected into the page already) finds wrong with the page as it is laid
    out now."""
    return page.evaluate(
        """() => axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations.map(
            v => `${v.id} (${v.impact}): ${v.help} — ` + v.nodes.map(n => n.target).join(", ")
        ))"""
    )


# The page is loaded once and checked at both widths: no script of the site reads the
# width when the page loads, so the resized page is laid out as one loaded at that width.
WIDTHS = {"desktop": 1280, "phone": 390}
NEXT_FRAMES = "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_axe_finds_no_accessibility_violations_at_a_desktops_and_a_phones_width(site, page, lang):
    image_item = HeritageItem.objects.get(slug="silk-roads-chang-an-tianshan-corridor")
    make_image(image_item, width=1200, height=800)
    found = {}
    for path in AXE_PAGES:
        url = site + path.format(lang=lang)
        page.set_viewport_size({"width": WIDTHS["desktop"], "height": 844})
        page.goto(url)
        page.wait_for_load_state("load")
        page.evaluate(AXE)
        for name, width in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": 844})
            page.evaluate(NEXT_FRAMES)
            assert page.evaluate("document.documentElement.clientWidth") == width
            if violations := _axe_violations(page):
                found[f"{url} ({name}, {width} px)"] = violations
    report = "\n".join(f"{url}\n  " + "\n  ".join(v) for url, v in found.items())
    assert not found, "axe found violations:\n" + report


def _open_in_the_admin(page, site, record, user_model) -> None:
    """Sign in as a new superuser and open ``record``'s change page."""
    user_model.objects.create_superuser("root", "root@example.com", "pw")
    page.goto(site + "/admin/login/")
    page.fill("#id_username", "root")
    page.fill("#id_password", "pw")
    page.click("input[type=submit]")
    opts = record._meta
    page.goto(site + f"/admin/{opts.app_label}/{opts.model_name}/{record.pk}/change/")


def test_staff_write_rich_text_in_the_admin_editor(site, page, django_user_model):
    person = Person.objects.get(slug="paul-otlet")
    _open_in_the_admin(page, site, person, django_user_model)
    editor = page.locator(".ProseMirror:visible").first
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type("Founder of the ")
    page.keyboard.press("Control+b")
    page.keyboard.type("Mundaneum.")
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/timeline/person/")
    person.refresh_from_db()
    assert "<strong>Mundaneum.</strong>" in person.biography_en
    page.goto(site + person.get_absolute_url())
    assert page.locator(".prose strong").inner_text() == "Mundaneum."
    assert page.console_errors == []  # the editor runs under the site's CSP


def test_the_rich_text_toolbar_speaks_the_admins_language(site, browser, django_user_model):
    person = Person.objects.get(slug="paul-otlet")
    page = browser.new_page(locale="kk-KZ")
    _open_in_the_admin(page, site, person, django_user_model)
    toolbar = page.locator(".prose-menubar:visible").first
    bold = toolbar.locator("button", has_text="format_bold")
    assert (bold.get_attribute("title"), bold.get_attribute("aria-label")) == ("Жуан", "Жуан")
    titles = toolbar.locator("button[title]").evaluate_all("bs => bs.map(b => b.title)")
    assert titles and not [t for t in titles if t.isascii()], titles  # none left in English
    options = toolbar.locator(".prose-menubar__option").all_inner_texts()
    assert options == ["Тақырып 2", "Тақырып 3", "Азат жол"]
    page.close()
