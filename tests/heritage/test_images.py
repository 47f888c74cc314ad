import re

import pytest
from django.contrib import admin
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.test import RequestFactory
from PIL import Image

from heritage.admin import HeritageImageInline
from heritage.models import HeritageItem
from images import renditions
from tests.factories import jpeg_upload, make_component, make_heritage_item, make_image

pytestmark = pytest.mark.django_db


def _srcset(html: str) -> list[tuple[str, int]]:
    srcset = re.search(r'<source type="image/webp" srcset="([^"]+)"', html).group(1)
    return [(url, int(width[:-1])) for url, width in (c.split() for c in srcset.split(", "))]


def _open(url: str) -> Image.Image:
    return Image.open(default_storage.open(url.removeprefix("/media/")))


def test_detail_page_serves_webp_renditions_in_a_srcset(client):
    item = make_heritage_item()
    make_image(item, width=1600, height=1000, alt_text_en="The domes of Khoja Ahmed Yasawi")
    html = client.get(item.get_absolute_url()).content.decode()

    candidates = _srcset(html)
    assert [width for _url, width in candidates] == [320, 640, 1280]
    for url, width in candidates:
        rendition = _open(url)
        assert rendition.format == "WEBP"
        assert rendition.width == width
    img = re.search(r"<img [^>]*>", html[html.index("<picture>") :]).group(0)
    assert 'alt="The domes of Khoja Ahmed Yasawi"' in img
    assert 'width="1600" height="1000"' in img  # no layout shift while loading
    # The first picture is what a reader sees first (Lighthouse's largest paint): fetched
    # at once; the others when scrolled to.
    assert 'fetchpriority="high"' in img and "loading=" not in img
    fallback = re.search(r'src="([^"]+)"', img).group(1)
    assert _open(fallback).format == "JPEG"


def test_only_the_first_picture_of_a_page_is_fetched_before_it_is_scrolled_to(client):
    item = make_heritage_item()
    make_image(item, width=1600, height=1000)
    make_image(item, width=1600, height=1000)
    html = client.get(item.get_absolute_url()).content.decode()
    first, second = re.findall(r"<img [^>]*>", html[html.index("<picture>") :])[:2]
    assert 'fetchpriority="high"' in first and "loading=" not in first
    assert 'loading="lazy"' in second and "fetchpriority" not in second


def test_small_originals_are_never_upscaled(client):
    item = make_heritage_item()
    make_image(item, width=500, height=300)
    candidates = _srcset(client.get(item.get_absolute_url()).content.decode())
    assert [width for _url, width in candidates] == [320, 500]
    assert _open(candidates[-1][0]).width == 500


def test_alt_text_follows_the_page_language(client):
    item = make_heritage_item()
    make_image(item, alt_text_ru="Купола мавзолея Ходжи Ахмеда Яссауи")
    html = client.get(item.get_absolute_url().replace("/en/", "/ru/")).content.decode()
    assert 'alt="Купола мавзолея Ходжи Ахмеда Яссауи"' in html


def test_list_cards_show_a_thumbnail_without_extra_queries(client, count_queries):
    for _ in range(3):
        make_image(make_heritage_item())
    url = "/en/heritage/"
    with_three = count_queries(url)
    for _ in range(5):
        make_image(make_heritage_item())
    assert count_queries(url) == with_three
    html = client.get(url).content.decode()
    assert html.count('class="card-image"') == html.count("<picture>") == 8


def _image_form(data: dict):
    request = RequestFactory().get("/")
    request.user = type("Staff", (), {"has_perm": lambda *a: True})()
    formset_class = HeritageImageInline(HeritageItem, admin.site).get_formset(request)
    form = formset_class.form(data=data, files={"image": jpeg_upload()})
    form.is_valid()
    return form


CREDIT = {
    "author": "Petar Milošević",
    "licence": "CC-BY-SA-4.0",
    "source_url": "https://commons.wikimedia.org/wiki/File:Yasawi.jpg",
}


def test_admin_requires_alt_text_in_every_language():
    form = _image_form({"alt_text_en": "Petroglyphs of a sun-headed figure", "order": 0, **CREDIT})
    assert set(form.errors) == {"alt_text_kk", "alt_text_ru"}


def test_admin_requires_the_photographer_the_licence_and_the_source():
    """A photograph is shown only with the credit its licence asks for."""
    alt = {"alt_text_en": "Domes", "alt_text_ru": "Купола", "alt_text_kk": "Күмбездер"}
    form = _image_form({**alt, "order": 0})
    assert set(form.errors) == {"author", "licence", "source_url"}
    assert form.errors["author"] == ["This field is required."]
    assert _image_form({**alt, "order": 0, **CREDIT}).errors == {}


@pytest.mark.parametrize("alt", ["IMG_2041", "photo", "tamgaly.jpg", "Фото"])
def test_admin_refuses_alt_text_that_describes_nothing(alt):
    form = _image_form(
        {
            "alt_text_en": alt,
            "alt_text_ru": "Петроглифы",
            "alt_text_kk": "Петроглифтер",
            "order": 0,
            **CREDIT,
        }
    )
    assert list(form.errors) == ["alt_text_en"]
    assert "Describe what the image shows" in form.errors["alt_text_en"][0]


def test_a_missing_image_file_leaves_the_pages_without_the_picture_not_an_error(
    client, admin_client, caplog
):
    """A database restored without its media: the record shows, without its picture; the
    admin says the file is missing; the missing file is logged once."""
    renditions._reported.clear()  # what earlier tests in this process reported
    item = make_heritage_item(slug="yasawi", featured=True)
    image = make_image(item)
    for _width, rendition in image.rendition_files():
        default_storage.delete(rendition.name)
    default_storage.delete(image.image.name)
    cache.clear()  # a restored site starts again
    for url in ("/en/heritage/yasawi/", "/en/", "/en/heritage/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "<picture>" not in response.content.decode()
    change = admin_client.get(f"/admin/heritage/heritageitem/{item.pk}/change/")
    assert change.status_code == 200
    assert "The file is missing: upload the image again." in change.content.decode()
    warnings = [r for r in caplog.records if "cannot be read" in r.getMessage()]
    assert len(warnings) == 1


def test_a_card_without_a_photograph_draws_the_place_or_its_component_sites(client):
    """A serial property placed only by its sites still gets its map on a card."""
    make_heritage_item(slug="own", name_en="Own place", latitude=43, longitude=68)
    serial = make_heritage_item(slug="serial", name_en="Serial property", featured=True)
    make_component(serial, name_en="Talgar", latitude="43.3", longitude="77.2")
    make_component(serial, name_en="Unplaced site", latitude=None, longitude=None)
    make_heritage_item(slug="nowhere", name_en="No place at all")
    html = client.get("/en/heritage/").content.decode()
    cards = {
        slug: html.split(f'href="/en/heritage/{slug}/"')[0].rsplit('<article class="card', 1)[1]
        for slug in ("own", "serial", "nowhere")
    }
    assert 'class="card-image card-map"' in cards["own"]
    assert 'class="card-image card-map"' in cards["serial"] and "Talgar" in cards["serial"]
    assert "Unplaced site" not in cards["serial"]
    assert "card-map" not in cards["nowhere"]
    assert "Talgar" in client.get("/en/").content.decode()  # the home page's cards too
