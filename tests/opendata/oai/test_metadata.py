"""oai_dc as a harvester reads it: every text in each language it is filled in, with
xml:lang; the record's pages on the request's host; the facts each model holds."""

import datetime

import pytest
from django.db import connection

from tests.factories import (
    make_author,
    make_event,
    make_heritage_item,
    make_publication,
    make_region,
    make_theme,
)

from .helpers import ask, oai_id, values

pytestmark = pytest.mark.django_db


def dublin_core(client, record, http=None):
    answer = ask(
        client, http=http, verb="GetRecord", metadataPrefix="oai_dc", identifier=oai_id(record)
    )
    return answer.records()[oai_id(record)]


def test_a_heritage_item_in_three_languages(client):
    region = make_region(name_en="Turkistan Region", name_ru="Туркестанская область", name_kk="")
    item = make_heritage_item(
        kind="world",
        category="cultural",
        regions=[region],
        name_kk="Қожа Ахмет Ясауи кесенесі",
        name_ru="Мавзолей Ходжи Ахмеда Ясави",
        name_en="Mausoleum of Khoja Ahmed Yasawi",
        summary_en="A Timurid mausoleum.",
        summary_ru="",
        body_ru="<p>Построен в <strong>1389–1405</strong> годах.</p><p>Второй абзац &amp; ещё.</p>",
        year_inscribed=2003,
        city_en="Turkistan",
        partner_states_en="",
        latitude="43.292500",
        longitude="68.271900",
        unesco_url="https://whc.unesco.org/en/list/1103",
        wikidata_id="Q1059403",
    )
    dc = dublin_core(client, item)
    assert values(dc, "title") == [
        ("Қожа Ахмет Ясауи кесенесі", "kk"),
        ("Мавзолей Ходжи Ахмеда Ясави", "ru"),
        ("Mausoleum of Khoja Ahmed Yasawi", "en"),
    ]
    assert values(dc, "description") == [
        ("A Timurid mausoleum.", "en"),
        ("Построен в 1389–1405 годах.\nВторой абзац & ещё.", "ru"),
    ]
    assert values(dc, "type") == [
        ("Бүкіләлемдік мұра нысаны", "kk"),
        ("Объект всемирного наследия", "ru"),
        ("World Heritage property", "en"),
    ]
    assert ("Cultural", "en") in values(dc, "subject")
    assert ("Культурный", "ru") in values(dc, "subject")
    assert values(dc, "date") == [("2003", None)]
    assert values(dc, "coverage") == [
        ("Туркестанская область", "ru"),
        ("Turkistan Region", "en"),
        ("Turkistan", "en"),
        ("east=68.271900; north=43.292500", None),
    ]
    assert values(dc, "relation") == [
        ("https://whc.unesco.org/en/list/1103", None),
        ("https://www.wikidata.org/wiki/Q1059403", None),
    ]
    assert values(dc, "language") == [("kk", None), ("ru", None), ("en", None)]
    assert values(dc, "rights") == [
        ("CC BY 4.0", None),
        ("https://creativecommons.org/licenses/by/4.0/", None),
    ]
    assert values(dc, "identifier") == [
        (f"http://testserver/{code}/heritage/{item.slug}/", None) for code in ("kk", "ru", "en")
    ]


def test_only_the_languages_a_record_is_written_in(client):
    event = make_event(title_en="", title_ru="Вступление в ЮНЕСКО", summary_ru="Кратко")
    dc = dublin_core(client, event)
    assert values(dc, "title") == [("Вступление в ЮНЕСКО", "ru")]
    assert values(dc, "language") == [("ru", None)]
    assert all(lang == "ru" for _text, lang in values(dc, "description"))


def test_identifiers_are_on_the_requests_host(client):
    item = make_heritage_item(slug="yasawi")
    dc = dublin_core(client, item, http={"HTTP_HOST": "localhost:8123", "secure": True})
    assert ("https://localhost:8123/ru/heritage/yasawi/", None) in values(dc, "identifier")


def test_an_event(client):
    themes = [make_theme(name_en="Education", name_ru="Образование", name_kk="Білім")]
    event = make_event(
        themes=themes,
        title_en="Kazakhstan joins UNESCO",
        start_date=datetime.date(1992, 5, 22),
        end_date=datetime.date(1992, 6, 1),
        precision="day",
    )
    dc = dublin_core(client, event)
    assert values(dc, "type") == [("Event", None)]
    assert values(dc, "subject") == [("Білім", "kk"), ("Образование", "ru"), ("Education", "en")]
    assert values(dc, "date") == [("1992-05-22", None)]
    assert values(dc, "coverage") == [("1992-05-22/1992-06-01", None)]
    assert (f"http://testserver/en/timeline/events/{event.slug}/", None) in values(dc, "identifier")


def test_a_publication(client):
    first = make_author(name_en="Assel Utegenova-Navarro", name_ru="Асель Утегенова-Наварро")
    second = make_author(name_en="Paul Otlet")
    paper = make_publication(
        authors=[first, second],
        kind="dissertation",
        title_en="Cooperation between Kazakhstan and UNESCO",
        abstract_ru="Работа посвящена…",
        keywords_en="UNESCO, Kazakhstan,  , security",
        year=2021,
        publisher="",
        institution_en="Al-Farabi Kazakh National University",
        venue="Vestnik KazNU",
        language="ru",
        url="https://example.org/thesis.pdf",
    )
    dc = dublin_core(client, paper)
    assert values(dc, "creator") == [
        ("Асель Утегенова-Наварро", "ru"),
        ("Assel Utegenova-Navarro", "en"),
        ("Paul Otlet", "en"),
    ]
    assert values(dc, "subject") == [("UNESCO", "en"), ("Kazakhstan", "en"), ("security", "en")]
    assert values(dc, "description") == [("Работа посвящена…", "ru")]
    assert ("Text", None) in values(dc, "type") and ("Dissertation", "en") in values(dc, "type")
    assert values(dc, "date") == [("2021", None)]
    assert values(dc, "publisher") == [("Al-Farabi Kazakh National University", "en")]
    assert values(dc, "source") == [("Vestnik KazNU", None)]
    assert values(dc, "language") == [("ru", None)]
    assert ("https://example.org/thesis.pdf", None) in values(dc, "identifier")


def test_no_text_breaks_the_response(client):
    """Markup is escaped, and characters XML 1.0 cannot hold are dropped (NUL where the
    database can hold it: PostgreSQL's text cannot)."""
    nul = "\x00" if connection.vendor == "sqlite" else ""
    item = make_heritage_item(
        name_en=f"<b>Tamgaly</b> & {nul}petroglyphs\x0b\x1f of ]]> \ufffe",
        summary_en="Rock \x08art",
    )
    dc = dublin_core(client, item)
    assert values(dc, "title") == [("<b>Tamgaly</b> & petroglyphs of ]]> ", "en")]
    assert ("Rock art", "en") in values(dc, "description")


def test_a_story_in_every_language_it_is_written_in(client):
    from core.models import Status
    from tests.stories.factories import make_story

    story = make_story(
        title_en="The Silk Roads in Kazakhstan",
        title_ru="Шёлковый путь в Казахстане",
        title_kk="",
        summary_en="Caravan cities.",
        summary_ru="Караванные города.",
    )
    dc = dublin_core(client, story)
    assert values(dc, "title") == [
        ("Шёлковый путь в Казахстане", "ru"),
        ("The Silk Roads in Kazakhstan", "en"),
    ]
    assert ("Караванные города.", "ru") in values(dc, "description")
    assert values(dc, "type") == [("Text", None)]
    assert values(dc, "date") == [(story.created_at.date().isoformat(), None)]
    assert values(dc, "language") == [("ru", None), ("en", None)]
    assert (f"http://testserver/ru/stories/{story.slug}/", None) in values(dc, "identifier")
    draft = make_story(status=Status.DRAFT)
    assert ask(client, verb="GetRecord", metadataPrefix="oai_dc", identifier=oai_id(draft)).error
