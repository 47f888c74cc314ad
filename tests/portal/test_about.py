"""Who runs the portal is said on every page: the footer names the publisher and leads to
the About page, which says what the National Commission is (with its sources), what the
portal holds and the terms of its open data."""

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

PUBLISHER = {
    "en": "National Commission of the Republic of Kazakhstan for UNESCO and ISESCO",
    "ru": "Национальной комиссией Республики Казахстан по делам ЮНЕСКО и ИСЕСКО",
    "kk": "Қазақстан Республикасының ЮНЕСКО және ИСЕСКО істері жөніндегі Ұлттық комиссиясы",
}
SIGN_IN = {"en": "Staff sign-in", "ru": "Вход для сотрудников", "kk": "Қызметкерлердің кіруі"}


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_every_page_names_the_publisher_and_leads_to_the_about_page(client, language):
    for page in ("", "heritage/", "timeline/", "search/?q=UNESCO"):
        html = client.get(f"/{language}/{page}").content.decode()
        footer = html[html.index('<footer class="site-footer">') :]
        assert PUBLISHER[language] in footer
        assert f'<a href="/{language}/about/">' in footer
        assert f'<a href="/admin/">{SIGN_IN[language]}</a>' in footer


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_about_page_says_who_publishes_what_it_holds_and_its_licence(
    client, source_data, language
):
    html = client.get(f"/{language}/about/").content.decode()
    assert "1993" in html and "22" in html  # founded a year after joining on 22 May 1992
    assert "gov.kz/memleket/entities/mfa/press/news/details/383534" in html  # its source
    assert 'rel="license noopener">CC BY 4.0</a>' in html
    assert f'href="/{language}/timeline/timelinejs.json"' in html
    assert f'href="/{language}/heritage/download.csv"' in html
    assert "article-unesco-education-history-and-modernity" in html  # a source document


def test_the_timeline_page_no_longer_offers_the_developers_format(client, source_data):
    html = client.get("/en/timeline/").content.decode()
    assert "timelinejs.json" not in html.split("<footer")[0]


def test_contact_details_are_what_an_administrator_saved(client, user_in, source_data):
    """None known today: the page says so; an Administrator fills them in the admin (in
    any language) and the page shows them, the address in the reader's language."""
    assert "No postal address, e-mail or website" in client.get("/en/about/").content.decode()
    admin = user_in("Administrator", client=Client())
    response = admin.post(
        "/admin/portal/contact/add/",
        {
            "address_ru": "Астана, улица Примерная, 1",
            "address_en": "1 Example Street, Astana",
            "email": "office@example.org",
            "phone": "+7 7172 00 00 00",
            "website": "https://example.org/",
        },
    )
    assert response.status_code == 302
    html = client.get("/ru/about/").content.decode()
    block = re.search(r'<address class="contact">(.*?)</address>', html, re.S).group(1)
    assert "Астана, улица Примерная, 1" in block
    assert '<a href="mailto:office@example.org">' in block
    assert '<a href="tel:+77172000000">+7 7172 00 00 00</a>' in block
    assert "No postal address" not in html
    assert user_in("Editor", client=Client()).get("/admin/portal/contact/").status_code == 403
