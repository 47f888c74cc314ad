import re

import pytest

from core.models import Status
from tests.factories import make_event, make_heritage_item, make_publication

pytestmark = pytest.mark.django_db


def sitemaps(client) -> str:
    """Every sitemap the index at /sitemap.xml lists, one after the other."""
    index = client.get("/sitemap.xml").content.decode()
    files = re.findall(r"<loc>http://testserver(/sitemap-[^<]+)</loc>", index)
    return "".join(client.get(path.replace("&amp;", "&")).content.decode() for path in files)


def test_sitemap_lists_published_pages_in_every_language_with_alternates(client):
    make_heritage_item(slug="public-site")
    make_heritage_item(slug="secret-draft", status=Status.DRAFT)
    make_event(slug="draft-event", status=Status.DRAFT)
    make_publication(slug="public-paper")
    xml = sitemaps(client)
    for lang in ("kk", "ru", "en"):
        assert f"<loc>http://testserver/{lang}/heritage/public-site/</loc>" in xml
        assert f"<loc>http://testserver/{lang}/publications/public-paper/</loc>" in xml
    assert 'hreflang="ru" href="http://testserver/ru/heritage/public-site/"' in xml
    assert 'hreflang="x-default"' in xml
    assert "secret-draft" not in xml and "draft-event" not in xml


def test_the_sitemap_index_splits_many_records_into_files(client, monkeypatch):
    from opendata.sitemaps import I18nSitemap

    monkeypatch.setattr(I18nSitemap, "limit", 4)  # addresses a file
    for n in range(3):
        make_heritage_item(slug=f"site-{n}")
    index = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/sitemap-heritage.xml</loc>" in index
    assert "<loc>http://testserver/sitemap-heritage.xml?p=3</loc>" in index  # 9 addresses
    assert "sitemap-heritage.xml?p=4" not in index
    second = client.get("/sitemap-heritage.xml?p=2").content.decode()
    assert second.count("<url>") == 4
    assert client.get("/sitemap-heritage.xml?p=9").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404
    assert "site-0" in sitemaps(client) and "site-2" in sitemaps(client)


def test_each_sitemap_file_reads_only_its_own_records_and_splits_none(
    client, monkeypatch, django_assert_max_num_queries
):
    """Its pages give each address once, in the order Django would give them, and a page
    reads its few records however many there are (Django paired every record with every
    language for every file: six seconds for 100,000 items)."""
    from opendata.sitemaps import I18nSitemap

    monkeypatch.setattr(I18nSitemap, "limit", 4)  # a record's three languages split
    for n in range(5):
        make_heritage_item(slug=f"site-{n}")
    addresses = []
    for page in range(1, 5):
        with django_assert_max_num_queries(2):  # the count, the page's records
            xml = client.get(f"/sitemap-heritage.xml?p={page}").content.decode()
        addresses += re.findall(r"<url><loc>http://testserver(/[^<]+)</loc>", xml)
    expected = [f"/{lang}/heritage/site-{n}/" for n in range(5) for lang in ("kk", "ru", "en")]
    assert sorted(addresses) == sorted(expected) and len(addresses) == 15


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


def test_canonical_and_open_graph(client):
    item = make_heritage_item(slug="yasawi", name_en="Mausoleum", summary_en="In Turkestan.")
    html = client.get("/ru/heritage/yasawi/?utm=x").content.decode()
    assert '<link rel="canonical" href="http://testserver/ru/heritage/yasawi/">' in html
    assert '<meta property="og:title" content="Mausoleum">' in html
    assert '<meta property="og:locale" content="ru_RU">' in html
    assert '<meta property="og:type" content="article">' in html
    assert item.get_absolute_url() in html


def test_heritage_json_ld_has_coordinates(client):
    from tests.factories import make_component

    item = make_heritage_item(slug="silk", latitude="43.2", longitude="68.2")
    make_component(item, name_en="Talgar", latitude="43.293611", longitude="77.246111")
    html = client.get("/en/heritage/silk/").content.decode()
    assert '"@type": "LandmarksOrHistoricalBuildings"' in html
    assert '"latitude": 43.293611' in html and '"longitude": 77.246111' in html
