import pytest

from kzunesco_site.models import Status
from tests.factories import make_event, make_heritage_item, make_publication

pytestmark = pytest.mark.django_db


def test_sitemap_lists_published_pages_in_every_language_with_alternates(client):
    make_heritage_item(slug="public-site")
    make_heritage_item(slug="secret-draft", status=Status.DRAFT)
    make_event(slug="draft-event", status=Status.DRAFT)
    make_publication(slug="public-paper")
    xml = client.get("/sitemap.xml").content.decode()
    for lang in ("kk", "ru", "en"):
        assert f"<loc>http://testserver/{lang}/heritage/public-site/</loc>" in xml
        assert f"<loc>http://testserver/{lang}/publications/public-paper/</loc>" in xml
    assert 'hreflang="ru" href="http://testserver/ru/heritage/public-site/"' in xml
    assert 'hreflang="x-default"' in xml
    assert "secret-draft" not in xml and "draft-event" not in xml


def test_robots_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


@pytest.mark.parametrize(
    ("lang", "heading"),
    [("en", "This page is not here"), ("ru", "Такой страницы нет"), ("kk", "Мұндай бет жоқ")],
)
def test_friendly_404_in_each_language(client, lang, heading):
    response = client.get(f"/{lang}/heritage/no-such-item/")
    assert response.status_code == 404
    html = response.content.decode()
    assert heading in html
    assert f'<html lang="{lang}">' in html
    assert f'href="/{lang}/heritage/"' in html


def test_friendly_500(client, settings):
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("ru"):
        html = render_to_string("500.html")
    assert "Что-то пошло не так" in html and '<html lang="ru">' in html
