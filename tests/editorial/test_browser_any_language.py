"""An editor who works in Russian only, and one who works in Kazakh only, add a heritage
item with a photo in a real browser (Debian's Chromium, headless): the first save fails
(no name), the cursor is taken to the name on their own tab and the photo is kept; the
second save publishes the record, which the public page then shows."""

import pytest
from django.contrib.auth.models import User

from tests.browser import SHOTS, chromium, skip_without_chromium

skip_without_chromium()

from heritage.models import HeritageItem  # noqa: E402
from tests.factories import jpeg_upload  # noqa: E402

pytestmark = pytest.mark.browser

EDITORS = {
    "ru": {
        "name": "Мавзолей Ходжи Ахмеда Ясави",
        "slug": "mavzoley-khodzhi-akhmeda-yasavi",
        "alt": "Купол мавзолея",
        "saved": "Добавлено: объект наследия «Мавзолей Ходжи Ахмеда Ясави».",
        "refused": "Укажите «название» хотя бы на одном языке.",
    },
    "kk": {
        "name": "Қожа Ахмет Ясауи кесенесі",
        "slug": "qozha-akhmet-yasaui-kesenesi",
        "alt": "Кесененің күмбезі",
        "saved": "«Қожа Ахмет Ясауи кесенесі»",
        "refused": "«атауы» өрісін кемінде бір тілде толтырыңыз.",
    },
}


@pytest.fixture
def browser():
    with chromium() as browser:
        yield browser


def set_hidden(page, selector: str, value: str) -> None:
    """A field on a language tab not shown (the image's alt text is required in every
    language, and a new inline opens on its first tab)."""
    page.eval_on_selector(selector, "(field, value) => { field.value = value; }", value)


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_an_editor_working_in_one_language_adds_a_record_with_a_photo(
    browser, live_server, transactional_db, tmp_path, language
):
    editor = EDITORS[language]
    User.objects.create_superuser("publisher", "p@example.org", "pw-Publish-1")
    page = browser.new_page(viewport={"width": 1366, "height": 900}, locale=language)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "publisher")
    page.fill("#id_password", "pw-Publish-1")
    page.click("input[type=submit]")

    page.goto(f"{live_server.url}/admin/heritage/heritageitem/add/")
    page.select_option("#id_status", "published")
    page.select_option("#id_kind", "world")
    page.click("#images-group a.addlink")
    photo = tmp_path / "dome.jpg"
    photo.write_bytes(jpeg_upload().read())
    page.set_input_files("input[name=images-0-image]", str(photo))
    for code in ("kk", "ru", "en"):
        set_hidden(page, f"#id_images-0-alt_text_{code}", f"{editor['alt']} ({code})")
    page.fill("#id_images-0-author", "Petar Milošević")
    page.select_option("#id_images-0-licence", "CC-BY-SA-4.0")
    page.fill("#id_images-0-source_url", "https://commons.wikimedia.org/wiki/File:Yasawi.jpg")
    page.click("input[name=_save]")
    page.wait_for_load_state("load")  # the page's scripts have run

    # Refused: no name in any language. The error is on the editor's own tab, the cursor
    # in that field, and the photo kept.
    assert editor["refused"] in page.inner_text(f"#id_name_{language}_error")
    page.wait_for_function(
        "id => document.activeElement && document.activeElement.id === id",
        arg=f"id_name_{language}",
        timeout=5000,
    )
    assert page.is_visible(".kept-upload")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"admin-{language}-refused.png"), full_page=True)
    assert not HeritageItem.objects.exists()

    page.fill(f"#id_name_{language}", editor["name"])
    page.click("input[name=_save]")
    assert editor["saved"] in page.inner_text(".messagelist")
    item = HeritageItem.objects.get()
    assert (item.slug, item.status, item.name_en) == (editor["slug"], "published", None)
    assert item.images.get().image.name

    page.goto(f"{live_server.url}/{language}/heritage/{item.slug}/")
    assert page.inner_text("h1") == editor["name"]
    assert page.locator("figure.image img").count() == 1
    page.screenshot(path=str(SHOTS / f"public-{language}-only.png"), full_page=True)
