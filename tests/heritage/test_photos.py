"""Photographs on heritage pages (issue 24): the shipped ones, their credits as their
licences ask, the gallery, the cards, and the admin's list of records still without one."""

import json
import re

import pytest
from django.conf import settings
from django.core.management import call_command

from heritage.models import HeritageImage, HeritageItem
from heritage.services import load_photos
from tests.factories import make_heritage_item, make_image

pytestmark = pytest.mark.django_db

PHOTOS = settings.BASE_DIR / "fixtures" / "photos"
YASAWI = "mausoleum-of-khoja-ahmed-yasawi"
TURAN = "cold-winter-deserts-of-turan"


def _listing() -> dict:
    return json.loads((PHOTOS / "photos.json").read_text(encoding="utf-8"))


def _figure(html: str, css_class: str = "image") -> str:
    match = re.search(rf'<figure class="{css_class}">(.*?)</figure>', html, re.S)
    assert match, f"no figure.{css_class} on the page"
    return match.group(1)


def test_the_shipped_photographs_are_added_once_with_their_credits(source_data):
    yasawi = HeritageImage.objects.get(item__slug=YASAWI)
    assert yasawi.author == "Petar Milošević"
    assert yasawi.get_licence_display() == "CC BY-SA 4.0"
    assert yasawi.source_url.startswith("https://commons.wikimedia.org/wiki/File:Mausoleum_")
    assert all(getattr(yasawi, f"alt_text_{code}") for code in ("kk", "ru", "en"))
    assert HeritageImage.objects.get(item__slug=TURAN).author == "Astrobond"
    # Accepted like an upload: a re-encoded JPEG under a new name, its size kept.
    assert yasawi.image.name.startswith("heritage/") and "yasawi" not in yasawi.image.name
    assert (yasawi.width, yasawi.height) == (1600, 1023)

    again = load_photos(listing=_listing(), folder=PHOTOS)
    assert (again.added, again.kept) == (0, 2)
    assert HeritageImage.objects.count() == 2


def test_staff_changes_to_a_shipped_photograph_survive_the_next_start(source_data):
    image = HeritageImage.objects.get(item__slug=YASAWI)
    image.caption_en = "The mausoleum from the north-west"
    image.save()
    call_command("load_documents", verbosity=0)
    image.refresh_from_db()
    assert image.caption_en == "The mausoleum from the north-west"
    assert HeritageImage.objects.filter(item__slug=YASAWI).count() == 1


def test_a_photograph_whose_record_is_missing_is_skipped(db):
    loaded = load_photos(listing=_listing(), folder=PHOTOS)
    assert (loaded.added, loaded.kept) == (0, 2)
    assert not HeritageImage.objects.exists()


@pytest.mark.parametrize(
    ("lang", "photo", "source"),
    [
        ("en", "Photo: Petar Milošević", "source"),
        # A Latin-script name on a Russian page is marked so it is read as written.
        ("ru", 'Фото: <span lang="en">Petar Milošević</span>', "источник"),
    ],
)
def test_the_detail_page_credits_the_photographer_the_licence_and_the_source(
    client, source_data, lang, photo, source
):
    item = HeritageItem.objects.get(slug=YASAWI)
    with_language = item.get_absolute_url().replace("/en/", f"/{lang}/", 1)
    figure = _figure(client.get(with_language).content.decode())
    assert "<picture>" in figure
    assert photo in figure
    assert re.search(
        r'<a href="https://creativecommons.org/licenses/by-sa/4.0/" rel="license noopener">'
        r"CC BY-SA 4.0</a>",
        figure,
    )
    assert f'<a href="{item.images.get().source_url}" rel="noopener">{source}</a>' in figure


def test_the_kazakh_page_credits_in_kazakh(client, source_data):
    item = HeritageItem.objects.get(slug=YASAWI)
    figure = _figure(
        client.get(item.get_absolute_url().replace("/en/", "/kk/", 1)).content.decode()
    )
    assert 'Фото: <span lang="en">Petar Milošević</span>' in figure
    assert ">дереккөз</a>" in figure
    assert "Қожа Ахмет Ясауи кесенесі, Түркістан" in figure  # the caption


def test_cards_show_the_photograph_with_its_credit(client, source_data):
    html = client.get("/en/heritage/?kind=world").content.decode()
    card = _figure(html, "card-image")
    assert "Photo: " in card and 'rel="license noopener"' in card


def test_several_photographs_make_a_gallery_the_first_one_large(client):
    item = make_heritage_item()
    for order in range(3):
        make_image(item, order=order)
    html = client.get(item.get_absolute_url()).content.decode()
    assert '<div class="gallery gallery-many">' in html
    assert html.count('<figure class="image">') == 3
    one = make_heritage_item()
    make_image(one)
    html = client.get(one.get_absolute_url()).content.decode()
    assert '<div class="gallery">' in html


def test_a_photograph_without_a_licence_link_names_its_licence(client):
    item = make_heritage_item()
    make_image(item, licence="permission", author="Aigerim Nurlanqyzy")
    figure = _figure(client.get(item.get_absolute_url()).content.decode())
    assert "Photo: Aigerim Nurlanqyzy, Used with the author&#x27;s permission" in figure
    assert 'rel="license' not in figure


def test_the_admin_lists_records_without_a_photograph(admin_client, source_data):
    without = admin_client.get("/admin/heritage/heritageitem/?photograph=without")
    html = without.content.decode()
    assert without.status_code == 200
    assert "Mausoleum of Khoja Ahmed Yasawi</a>" not in html
    assert "Petroglyphs of the Archaeological Landscape of Tanbaly</a>" in html
    pictured = admin_client.get("/admin/heritage/heritageitem/?photograph=with").content.decode()
    assert "Mausoleum of Khoja Ahmed Yasawi</a>" in pictured
    assert "Cold Winter Deserts of Turan</a>" in pictured
    assert "Petroglyphs of the Archaeological Landscape of Tanbaly</a>" not in pictured
