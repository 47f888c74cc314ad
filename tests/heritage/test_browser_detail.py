"""A heritage page in a real browser (Debian's Chromium): the gallery of photographs with
their credits, the facts beside the text on a desktop, and every column of its tables on
a 390 px phone, stacked rather than cut."""

import pytest

from tests.browser import SHOTS, chromium, skip_without_chromium

skip_without_chromium()

from tests.factories import make_component, make_heritage_item, make_image  # noqa: E402

pytestmark = pytest.mark.browser

DESKTOP, PHONE = {"width": 1366, "height": 900}, {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


@pytest.fixture
def page(browser):
    page = browser.new_page(viewport=DESKTOP)
    yield page
    page.close()


@pytest.fixture
def silk(live_server, transactional_db):
    item = make_heritage_item(slug="silk", name_en="Silk Roads", summary_en="Eight sites.")
    for number in range(3):
        make_image(item, order=number, author=f"Photographer {number}")
    for name in ("Kayalyk", "Talgar", "Akyrtas Palace Complex"):
        make_component(item, name_en=name, latitude="43.2", longitude="77.2")
    return f"{live_server.url}{item.get_absolute_url()}"


def test_the_gallery_shows_the_first_photograph_large_and_each_with_its_credit(page, silk):
    page.goto(silk)
    figures = page.locator(".gallery figure")
    assert figures.count() == 3
    first, second = figures.nth(0).bounding_box(), figures.nth(1).bounding_box()
    assert first["width"] > 2 * second["width"]  # the first across the column
    assert second["y"] > first["y"] + first["height"] - 1  # the others below it
    for number in range(3):
        credit = figures.nth(number).locator(".credit")
        assert credit.is_visible() and f"Photographer {number}" in credit.inner_text()
        assert credit.get_by_role("link", name="CC BY 4.0").is_visible()
    facts = page.locator(".detail-facts").bounding_box()
    assert facts["x"] > first["x"] + first["width"]  # beside the text, not below it
    page.screenshot(path=str(SHOTS / "detail-gallery-1366.png"), full_page=True)


def test_on_a_phone_every_column_of_a_table_shows_without_scrolling_sideways(page, silk):
    page.set_viewport_size(PHONE)
    page.goto(silk)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    rows = page.locator("#components-title ~ .table-scroll tbody tr")
    assert rows.count() == 3
    for index in range(3):
        row = rows.nth(index)
        for label in ("Region", "Latitude", "Longitude"):
            cell = row.locator(f'td[data-label="{label}"]')
            box = cell.bounding_box()
            assert cell.is_visible() and box["x"] >= 0 and box["x"] + box["width"] <= 390
            # The column's name is shown in the cell, as the header row is hidden.
            label_shown = page.evaluate(
                "cell => getComputedStyle(cell, '::before').content", cell.element_handle()
            )
            assert label_shown == f'"{label}"'
    # The header row is there for screen readers only (a 1 px clip), not for the eye.
    header = page.locator("#components-title ~ .table-scroll thead").bounding_box()
    assert header["height"] <= 1 and header["width"] <= 1
    facts = page.locator(".detail-facts").bounding_box()
    gallery = page.locator(".gallery").bounding_box()
    assert facts["y"] > gallery["y"]  # the facts follow the photographs on a phone
    page.screenshot(path=str(SHOTS / "detail-tables-390.png"), full_page=True)
