"""Who runs the portal is said on every page: the footer names the publisher and leads to
the About page, which says what the National Commission is (with its sources), what the
portal holds and the terms of its open data."""

import pytest

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
