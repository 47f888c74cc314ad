"""The story editor and the story page in a real browser (Debian's Chromium, headless):
a section added in the admin with its text, photograph, embedded record and map; the
shipped story at a desktop's and a phone's width, drawn, readable and accessible."""

import pytest
from django.conf import settings

from tests import documents
from tests.browser import AXE, SHOTS, chromium, skip_without_chromium

skip_without_chromium()

from stories.models import Story  # noqa: E402
from stories.services import load_stories, read_story_files  # noqa: E402
from tests.factories import jpeg_upload  # noqa: E402

pytestmark = pytest.mark.browser

SLUG = "silk-roads-in-kazakhstan"


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


@pytest.fixture
def site(live_server, transactional_db):
    documents.load()
    stories = sorted((settings.BASE_DIR / "fixtures" / "stories").glob("*.json"))
    load_stories(stories=read_story_files(stories))
    SHOTS.mkdir(parents=True, exist_ok=True)
    return live_server.url


@pytest.fixture
def page(browser):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.console_errors = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    yield page
    page.close()


def set_hidden(page, selector: str, value: str) -> None:
    """A field on a language tab not shown."""
    page.eval_on_selector(selector, "(field, value) => { field.value = value; }", value)


def test_an_editor_adds_a_section_with_a_photograph_a_record_and_a_map(
    site, page, django_user_model, tmp_path
):
    django_user_model.objects.create_superuser("root", "root@example.com", "pw")
    page.goto(site + "/admin/login/")
    page.fill("#id_username", "root")
    page.fill("#id_password", "pw")
    page.click("input[type=submit]")
    story = Story.objects.get(slug=SLUG)
    page.goto(site + f"/admin/stories/story/{story.pk}/change/")
    assert page.locator("#sections-group .inline-related:not(.empty-form)").count() == 4

    page.locator("#sections-group .add-row a").click()
    new = "sections-4"
    # A new section opens on its Kazakh tabs: written in Kazakh alone.
    page.fill(f"#id_{new}-order", "5")
    page.select_option(f"#id_{new}-kind", "text")
    page.fill(f"#id_{new}-heading_kk", "Оңтүстіктегі таулар")
    page.locator(f"#{new} .ProseMirror:visible").first.click()
    page.keyboard.type("Батыс Тянь-Шань 2016 жылы енгізілді.")
    photo = tmp_path / "mountains.jpg"
    photo.write_bytes(jpeg_upload(1600, 1000).read())
    page.set_input_files(f"input[name={new}-image]", str(photo))
    page.fill(f"#id_{new}-alt_text_kk", "Жасыл аңғар үстіндегі қарлы шыңдар")
    set_hidden(page, f"#id_{new}-alt_text_ru", "Заснеженные вершины над зелёной долиной")
    set_hidden(page, f"#id_{new}-alt_text_en", "Snow-covered peaks above a green valley")
    page.fill(f"#id_{new}-author", "Aigerim Nurlanqyzy")
    page.select_option(f"#id_{new}-licence", "CC-BY-4.0")
    page.fill(f"#id_{new}-source_url", "https://commons.example.org/wiki/File:Peaks.jpg")
    # The embedded heritage item, found by autocomplete.
    page.locator(f"#{new} .field-heritage_items .select2-selection").click()
    page.keyboard.type("Western")
    page.locator(".select2-results__option", has_text="Western Tien-Shan").click()
    page.check(f"#id_{new}-show_map")
    page.screenshot(path=str(SHOTS / "story-admin-new-section.png"), full_page=True)
    page.click("input[name=_continue]")
    page.wait_for_load_state("load")
    assert page.locator(".messagelist .success").count() == 1, page.inner_text("main")[:2000]

    added = story.sections.get(order=5)
    assert (added.heading_kk, added.heading_en) == ("Оңтүстіктегі таулар", None)
    assert "Батыс Тянь-Шань 2016 жылы енгізілді." in added.body_kk
    assert added.image.name.startswith("stories/") and added.author == "Aigerim Nurlanqyzy"
    assert [item.slug for item in added.heritage_items.all()] == ["western-tien-shan"]
    assert added.show_map

    page.goto(site + f"/en/stories/{SLUG}/")
    section = page.locator(f"#{added.anchor}")
    # Not yet in English: shown in Kazakh, marked as such.
    assert section.locator("h2 .fallback[lang=kk]").inner_text() == "Оңтүстіктегі таулар"
    assert "Not yet translated into English" in section.locator("h2").inner_text()
    assert section.locator("figure img").get_attribute("alt") == (
        "Snow-covered peaks above a green valley"
    )
    page.locator(f"#{added.anchor}-map-canvas").scroll_into_view_if_needed()
    page.wait_for_selector(f"#{added.anchor}-map-canvas[data-ready='true']")
    section.screenshot(path=str(SHOTS / "story-new-section.png"))
    assert page.console_errors == []


def _axe_violations(page) -> list[str]:
    page.evaluate(AXE)
    return page.evaluate(
        """() => axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations.map(
            v => `${v.id} (${v.impact}): ${v.help} — ` + v.nodes.map(n => n.target).join(", ")
        ))"""
    )


@pytest.mark.parametrize("width", [1366, 390], ids=["desktop", "phone"])
@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_story_page_at_a_desktops_and_a_phones_width(site, page, lang, width):
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(site + f"/{lang}/stories/{SLUG}/")
    assert response.status == 200
    page.locator("[data-map]").first.scroll_into_view_if_needed()  # drawn when near
    page.wait_for_selector("[data-map][data-ready='true']")
    page.evaluate("window.scrollTo(0, 0)")
    assert page.evaluate("document.documentElement.lang") == lang
    # Nothing wider than the screen: no sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    markers = page.locator(".leaflet-marker-pane .leaflet-marker-icon")
    assert markers.count() == 8  # the eight component sites
    assert page.locator(".story-section").count() == 4
    assert page.locator(".story-section .card").count() == 1
    assert page.locator(".story-section .event").count() == 6
    assert _axe_violations(page) == []
    page.screenshot(path=str(SHOTS / f"story-{lang}-{width}.png"), full_page=True)

    page.goto(site + f"/{lang}/stories/")
    assert page.locator(".story-card").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert _axe_violations(page) == []
    page.screenshot(path=str(SHOTS / f"stories-{lang}-{width}.png"), full_page=True)
    assert page.console_errors == []
