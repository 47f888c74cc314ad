"""Images are served only while their heritage item is public, or to staff."""

import re

import pytest
from django.test import Client

from core.models import Status
from tests.factories import make_heritage_item, make_image

pytestmark = pytest.mark.django_db


def image_urls(client: Client, item) -> list[str]:
    html = client.get(item.get_absolute_url()).content.decode()
    return re.findall(r'(/media/[^" ,]+)', html)


def test_images_of_a_public_item_are_served_with_long_caching(client):
    item = make_heritage_item()
    make_image(item, width=800, height=600)
    urls = image_urls(client, item)
    assert len(urls) == 4  # three WebP renditions and the JPEG fallback
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] in ("image/webp", "image/jpeg")
        assert response["Cache-Control"] == "public, max-age=86400"
    original = make_image(item).image.url
    assert client.get(original).status_code == 200


def test_images_of_unpublished_items_are_not_served_to_the_public(client, user_in):
    item = make_heritage_item()
    make_image(item)
    urls = image_urls(client, item)  # rendered while public
    item.status = Status.DRAFT
    item.save()
    original = item.images.get().image.url
    for url in [*urls, original]:
        assert client.get(url).status_code == 404, url
    editor = user_in("Editor", client=Client())
    response = editor.get(original)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize(
    "url",
    [
        "/media/heritage/missing.jpg",
        "/media/../kzunesco_site/settings/base.py",
        "/media/imports/secret.csv",
        "/media/CACHE/images/heritage/x/../../../../etc/passwd",
    ],
)
def test_anything_else_under_media_is_not_found(client, url):
    assert client.get(url).status_code == 404
