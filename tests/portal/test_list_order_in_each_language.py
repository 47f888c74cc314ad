"""Every public list sorted by name or title, and every list of related records on a page,
sorts by the name in the page's language: a Kazakh reader finds Kazakh names in Kazakh
order. (A queryset made once, when its view was imported, kept the order of the language
active then, English, on every page.)"""

import datetime

import pytest

from tests.factories import make_event, make_heritage_item, make_person, make_publication

pytestmark = pytest.mark.django_db

# Names whose order differs in each language, (kk, ru, en), of letters every collation
# sorts alike.
NAMES = [
    ("Арал", "Яблоко", "Beta"),
    ("Баян", "Берёза", "Gamma"),
    ("Гүлдер", "Дуб", "Alpha"),
]
LANGUAGE_INDEX = {"kk": 0, "ru": 1, "en": 2}
ORDER = {"kk": [0, 1, 2], "ru": [1, 2, 0], "en": [2, 0, 1]}


def _translated(field: str, n: int) -> dict:
    kk, ru, en = NAMES[n]
    return {f"{field}_kk": kk, f"{field}_ru": ru, f"{field}_en": en}


def _expected(language: str) -> list[str]:
    return [NAMES[n][LANGUAGE_INDEX[language]] for n in ORDER[language]]


def _in_page_order(html: str, names: list[str]) -> list[str]:
    return sorted(names, key=html.index)


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_heritage_list_sorts_a_years_items_by_their_names(client, language):
    for n in range(3):
        make_heritage_item(kind="world", year_inscribed=2003, **_translated("name", n))
    html = client.get(f"/{language}/heritage/").content.decode()
    assert _in_page_order(html, _expected(language)) == _expected(language)


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_timeline_sorts_a_days_events_by_their_titles(client, language):
    for n in range(3):
        make_event(start_date=datetime.date(1997, 5, 1), **_translated("title", n))
    html = client.get(f"/{language}/timeline/").content.decode()
    assert _in_page_order(html, _expected(language)) == _expected(language)
    data = client.get(f"/{language}/timeline/timelinejs.json").json()
    headlines = [event["text"]["headline"] for event in data["events"]]
    assert headlines == _expected(language)


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_people_are_listed_by_their_names(client, language):
    for n in range(3):
        make_person(**_translated("name", n))
    html = client.get(f"/{language}/timeline/people/").content.decode()
    assert _in_page_order(html, _expected(language)) == _expected(language)


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_publications_sort_a_years_works_by_their_titles(client, language):
    for n in range(3):
        make_publication(year=2015, **_translated("title", n))
    html = client.get(f"/{language}/publications/").content.decode()
    assert _in_page_order(html, _expected(language)) == _expected(language)


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_an_events_page_lists_its_people_and_heritage_by_their_names(client, language):
    """A record's page brings its related records in the same order: the order of the
    queryset its view prefetches them with, built for each request too."""
    event = make_event()
    event.people.set([make_person(**_translated("name", n)) for n in range(3)])
    html = client.get(f"/{language}/timeline/events/{event.slug}/").content.decode()
    assert _in_page_order(html, _expected(language)) == _expected(language)
    event.people.clear()
    items = [make_heritage_item(year_inscribed=2003, **_translated("name", n)) for n in range(3)]
    event.heritage_items.set(items)
    html = client.get(f"/{language}/timeline/events/{event.slug}/").content.decode()
    assert _in_page_order(html, _expected(language)) == _expected(language)
