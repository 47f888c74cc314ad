import re

import pytest
from django.utils import translation

from core.models import Status
from tests.conftest import LANGUAGES
from tests.factories import make_event, make_heritage_item, make_publication
from timeline.models import Person

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
    assert '<li><a href="/kk/heritage/">Мұра</a></li>' in client.get("/kk/").content.decode()
    assert '<li><a href="/ru/heritage/">Наследие</a></li>' in client.get("/ru/").content.decode()
    timeline = client.get("/ru/timeline/").content.decode()
    assert '<li><a href="/ru/timeline/" aria-current="page">Хроника</a></li>' in timeline


def test_content_shows_in_the_current_language(client, source_data):
    for lang, name in (
        ("kk", "Қожа Ахмет Ясауи кесенесі"),
        ("ru", "Мавзолей Ходжи Ахмеда Ясави"),
        ("en", "Mausoleum of Khoja Ahmed Yasawi"),
    ):
        html = client.get(f"/{lang}/heritage/mausoleum-of-khoja-ahmed-yasawi/").content.decode()
        assert f"<h1>{name}</h1>" in html, lang


# The page's language: the language its text falls back to (settings'
# MODELTRANSLATION_FALLBACK_LANGUAGES), and the note the reader sees in the page's language.
FALLBACKS = {
    "kk": ("en", "Қазақ тілі аудармасы әлі жоқ; мәтін мына тілде көрсетілген: ағылшын тілі."),
    "ru": ("en", "Перевода на русский пока нет; показан текст на языке: английский."),
    "en": ("ru", "Not yet translated into English; shown in Russian."),
}


TULPAR = {"en": "Tulpar", "ru": "Тулпар", "kk": "Тұлпар"}  # each language's own script


def only_in(code: str, kind: str):
    """A published record of ``kind`` whose texts (for heritage: name, summary and body;
    else the title or name) exist in ``code`` alone."""
    name = TULPAR[code]

    def texts(**values) -> dict[str, str]:
        return {
            f"{field}_{other}": value if other == code else ""
            for field, value in values.items()
            for other in LANGUAGES
        }

    if kind == "heritage":
        return make_heritage_item(
            slug="tulpar",
            **texts(name=name, summary=f"{name}!", body=f"<p>{name}?</p>"),
        )
    if kind == "event":
        return make_event(slug="tulpar", **texts(title=name))
    if kind == "publication":
        return make_publication(slug="tulpar", **texts(title=name))
    return Person.objects.create(slug="tulpar", status=Status.PUBLISHED, **texts(name=name))


def page_in(client, lang: str, record) -> str:
    with translation.override(lang):
        url = record.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("kind", ["heritage", "event", "publication", "person"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_missing_translation_falls_back_with_a_visible_note(client, db, lang, kind):
    shown, note = FALLBACKS[lang]
    record = only_in(shown, kind)
    html = page_in(client, lang, record)
    name = TULPAR[shown]
    fallback = f'<span lang="{shown}" class="fallback">{name}</span>'
    note_html = f'<small class="fallback-note">{note}</small>'
    assert f"<h1>{fallback} {note_html}</h1>" in html
    if kind == "heritage":
        summary = f'<span lang="{shown}" class="fallback">{name}!</span>'
        assert f'<p class="lead">{summary} {note_html}</p>' in html
        body = f'<div lang="{shown}" class="fallback"><p>{name}?</p></div>'
        assert f'<div class="prose">{body} {note_html}</div>' in html
        listed = client.get(f"/{lang}/heritage/").content.decode()
        assert f'<a href="/{lang}/heritage/tulpar/">{fallback} {note_html}</a>' in listed
    # In its own language the record is shown as it is, with no note.
    own = page_in(client, shown, record)
    assert f"<h1>{name}" in own and "fallback" not in own


def test_an_untranslated_text_falls_back_in_kazakh(client, db):
    event = make_event(title_en="Speech", body_en="<p>Education changes life.</p>")
    html = client.get(f"/kk{event.get_absolute_url()[3:]}").content.decode()
    assert re.search(r'<div lang="en" class="fallback">.*Education changes life', html, re.S)
    assert f'<small class="fallback-note">{FALLBACKS["kk"][1]}</small>' in html


def test_the_documents_text_is_read_in_kazakh_and_russian(client, source_data):
    """The shipped events' texts exist in every language (no silent English)."""
    page = "/{}/timeline/events/azoulay-speech-key-role-of-education/"
    kazakh = client.get(page.format("kk")).content.decode()
    russian = client.get(page.format("ru")).content.decode()
    assert "«Сапалы білім алу" in kazakh and "fallback-note" not in kazakh
    assert "«Получить качественное образование" in russian and "fallback-note" not in russian


def test_unknown_page_is_a_404(client, db):
    assert client.get("/en/heritage/no-such-item/").status_code == 404
    assert client.get("/en/timeline/events/no-such-event/").status_code == 404


@pytest.mark.parametrize("page", PAGES)
def test_no_asset_comes_from_another_origin(client, source_data, page):
    html = client.get(page.format(lang="en")).content.decode()
    assets = []  # what the browser loads by itself: scripts, styles, icons, images
    for tag, attributes in re.findall(r"<(script|link|img|source)\b([^>]*)>", html):
        found = dict(re.findall(r'([a-z-]+)="([^"]*)"', attributes))
        if tag == "link" and found.get("rel") not in {"stylesheet", "icon", "preload"}:
            continue  # canonical and alternate addresses are links, not assets
        for name in ("src", "href", "srcset"):
            assets += [part.split()[0] for part in found.get(name, "").split(",") if part]
    assert {"/static/css/site.css", "/static/img/favicon.svg"} <= set(assets)
    elsewhere = [url for url in assets if not url.startswith("/") or url.startswith("//")]
    assert elsewhere == []


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
