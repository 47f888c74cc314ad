import re

import pytest

from tests.conftest import LANGUAGES

PAGES = [
    "/{lang}/",
    "/{lang}/heritage/",
    "/{lang}/heritage/?kind=world&category=cultural&year_min=2003&year_max=2014",
    "/{lang}/heritage/mausoleum-of-khoja-ahmed-yasawi/",
    "/{lang}/heritage/silk-roads-chang-an-tianshan-corridor/",
    "/{lang}/heritage/nauryz/",
    "/{lang}/heritage/aral-sea-archival-fonds/",
    "/{lang}/timeline/",
    "/{lang}/timeline/?theme=origins-of-unesco&era=founding",
    "/{lang}/timeline/events/kazakhstan-joins-unesco/",
    "/{lang}/timeline/people/",
    "/{lang}/timeline/people/julian-huxley/",
    "/{lang}/timeline/kazakhstan-and-unesco/",
    "/{lang}/publications/",
    "/{lang}/publications/?kind=article&language=en",
    "/{lang}/publications/dissertation-kazakhstan-unesco-humanitarian-security/",
    "/{lang}/publications/article-unesco-education-history-and-modernity/",
]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_type_renders_in_every_language(client, source_data, lang, page):
    response = client.get(page.format(lang=lang))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    for code in LANGUAGES:
        assert f'hreflang="{code}"' in html


def test_root_redirects_to_a_language(client, db):
    response = client.get("/", headers={"accept-language": "ru"})
    assert response.status_code == 302
    assert response["Location"] == "/ru/"


def test_language_switcher_keeps_the_page_and_the_filters(client, source_data):
    html = client.get("/en/heritage/?kind=world").content.decode()
    switcher = html[html.index('class="languages"') :]
    assert 'href="/kk/heritage/?kind=world"' in switcher
    assert 'href="/ru/heritage/?kind=world"' in switcher


def test_ui_strings_are_translated(client, source_data):
    assert "Мұра" in client.get("/kk/").content.decode()
    assert "Наследие" in client.get("/ru/").content.decode()
    assert "Хроника" in client.get("/ru/timeline/").content.decode()


def test_content_shows_in_the_current_language(client, source_data):
    html = client.get("/kk/heritage/mausoleum-of-khoja-ahmed-yasawi/").content.decode()
    assert "Қожа Ахмет Ясауи кесенесі" in html
    html = client.get("/ru/heritage/mausoleum-of-khoja-ahmed-yasawi/").content.decode()
    assert "Мавзолей Ходжи Ахмеда Ясави" in html


def test_missing_translation_falls_back_with_a_visible_note(client, source_data):
    html = client.get(
        "/ru/publications/dissertation-kazakhstan-unesco-humanitarian-security/"
    ).content.decode()
    # The dissertation's title is in Russian; its summary-free abstract exists only in English.
    assert "Сотрудничество Казахстана и ЮНЕСКО" in html
    html = client.get("/kk/timeline/events/azoulay-speech-key-role-of-education/").content.decode()
    assert re.search(r'<div lang="en" class="fallback">.*Education changes life', html, re.S)
    assert "аудармасы әлі жоқ" in html


def test_unknown_page_is_a_404(client, db):
    assert client.get("/en/heritage/no-such-item/").status_code == 404
    assert client.get("/en/timeline/events/no-such-event/").status_code == 404


@pytest.mark.parametrize("page", PAGES)
def test_no_asset_comes_from_another_origin(client, source_data, page):
    html = client.get(page.format(lang="en")).content.decode()
    assert not re.search(r'<script[^>]+src="(https?:)?//', html)
    assert not re.search(r'<link[^>]+rel="(stylesheet|icon)"[^>]+href="(https?:)?//', html)
    assert not re.search(r'<img[^>]+src="(https?:)?//', html)


def test_favicon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("img/favicon.svg")


def test_security_headers(client, db):
    response = client.get("/en/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
