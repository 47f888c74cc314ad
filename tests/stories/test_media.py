"""A story's photographs (lead image, sections) are served only while the story is public,
or to staff; the heritage photographs are served as before through the same address."""

import re

import pytest
from django.test import Client

from core.models import Status
from tests.factories import make_heritage_item, make_image
from tests.stories.factories import make_lead_image, make_section, make_story

pytestmark = pytest.mark.django_db


def media_urls(client: Client, url: str) -> list[str]:
    return re.findall(r'(/media/[^" ,]+)', client.get(url).content.decode())


def test_the_photographs_of_a_public_story_are_served_with_their_credit(client):
    story = make_story()
    make_lead_image(story)
    make_section(story, photo=True, caption_en="The citadel at dawn")
    html = client.get(story.get_absolute_url()).content.decode()
    assert html.count("<picture>") == 2
    assert 'alt="Ruins of a medieval town on the steppe"' in html
    assert "Photo: Aigerim Nurlanqyzy" in html and 'rel="license noopener"' in html
    assert "The citadel at dawn" in html
    urls = media_urls(client, story.get_absolute_url())
    assert len(urls) >= 6  # renditions of both photographs
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "public, max-age=86400"
    listing = client.get("/en/stories/").content.decode()
    assert '<figure class="card-image">' in listing  # the lead image on the story's card


def test_the_photographs_of_an_unpublished_story_are_not_served_to_the_public(client, user_in):
    story = make_story()
    section = make_section(story, photo=True)
    urls = media_urls(client, story.get_absolute_url())  # while it is public
    Story = type(story)
    Story.objects.filter(pk=story.pk).update(status=Status.DRAFT)
    original = section.image.url
    for url in [*urls, original]:
        assert client.get(url).status_code == 404, url
    editor = user_in("Editor", client=Client())
    response = editor.get(original)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_heritage_photographs_and_other_addresses_are_answered_as_before(client):
    item = make_heritage_item()
    image = make_image(item, width=600, height=400)
    assert client.get(image.image.url).status_code == 200
    for url in ("/media/stories/missing.jpg", "/media/../kzunesco_site/settings/base.py"):
        assert client.get(url).status_code == 404, url
