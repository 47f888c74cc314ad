"""Kazakh written in either script finds the same records: the 2021 Latin alphabet and
the usual English spellings find Cyrillic names, and Cyrillic finds names in Latin."""

import pytest
from django.utils import translation

from tests.factories import make_event, make_heritage_item, make_person, make_publication
from tests.search.test_query import results
from tests.stories.factories import make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def yasawi(db):
    make_heritage_item(
        slug="yasawi",
        name_kk="Қожа Ахмет Ясауи кесенесі",
        name_ru="Мавзолей Ходжи Ахмеда Ясави",
        name_en="Mausoleum of Khoja Ahmed Yasawi",
        summary_kk="Қазақстандағы Түркістан қаласында",
    )
    make_heritage_item(slug="other", name_en="Petroglyphs", name_kk="Петроглифтер")


@pytest.mark.parametrize("query", ["Iasaui", "iasaui", "Qazaqstan", "QAZAQSTANDAĞY"])
def test_latin_kazakh_finds_the_cyrillic_record(client, yasawi, query):
    assert results(client, query, "kk")["heritage"] == ["yasawi"]


def test_an_english_spelling_finds_it_too(client, yasawi):
    assert results(client, "Yasaui", "ru")["heritage"] == ["yasawi"]


def test_a_whole_latin_name_close_to_the_cyrillic_is_found_as_a_near_match(client, yasawi):
    response = client.get("/kk/search/", {"q": "Qoja Ahmet Iasaui kesenesi"})
    heritage = next(g for g in response.context["groups"] if g.key == "heritage")
    assert [r.slug for r in heritage.results] == ["yasawi"]


def test_cyrillic_finds_a_name_written_in_latin_script(client, db):
    make_heritage_item(slug="newspaper", name_en="Egemen Qazaqstan archive", name_kk="")
    make_heritage_item(slug="other", name_en="Other")
    assert results(client, "Қазақстан", "kk")["heritage"] == ["newspaper"]


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_heritage_page_gives_the_kazakh_name_in_latin_script(client, yasawi, language):
    html = client.get(f"/{language}/heritage/yasawi/").content.decode()
    assert '<dd lang="kk-Latn">Qoja Ahmet Iasaui kesenesı</dd>' in html


@pytest.mark.parametrize(
    ("make", "title", "latin"),
    [
        (make_event, {"title_kk": "Қазақстан ЮНЕСКО-ға кірді"}, "Qazaqstan IUNESKO-ğa kırdı"),
        (make_person, {"name_kk": "Шоқан Уәлиханов"}, "Şoqan Uälihanov"),
        (make_publication, {"title_kk": "Ұлы Жібек жолы"}, "Ūly Jıbek joly"),
        (make_story, {"title_kk": "Түркістан туралы әңгіме"}, "Türkıstan turaly äñgıme"),
    ],
    ids=["event", "person", "publication", "story"],
)
def test_every_kind_of_record_gives_its_kazakh_title_in_latin_script_to_kazakh_readers(
    client, db, make, title, latin
):
    record = make(**title)
    pages = {}
    for language in ("kk", "ru", "en"):
        with translation.override(language):
            pages[language] = client.get(record.get_absolute_url()).content.decode()
    assert f'<span lang="kk-Latn">{latin}</span>' in pages["kk"]
    assert "kk-Latn" not in pages["ru"] + pages["en"]
