"""The public pages' counts agree with their nouns in Russian (three forms), Kazakh (the
noun singular after a numeral) and English (two forms)."""

import re

import pytest

from tests.factories import make_event, make_heritage_item, make_publication

pytestmark = pytest.mark.django_db


# The home page's counts: World Heritage, intangible heritage, Memory of the World,
# events, publications.
HOME_COUNTS = [
    (
        1,
        "ru",
        [
            "объект всемирного наследия",
            "элемент нематериального наследия",
            "документ «Памяти мира»",
            "датированное событие",
            "публикация",
        ],
    ),
    (
        2,
        "ru",
        [
            "объекта всемирного наследия",
            "элемента нематериального наследия",
            "документа «Памяти мира»",
            "датированных события",
            "публикации",
        ],
    ),
    (
        5,
        "ru",
        [
            "объектов всемирного наследия",
            "элементов нематериального наследия",
            "документов «Памяти мира»",
            "датированных событий",
            "публикаций",
        ],
    ),
    (
        11,
        "ru",
        [
            "объектов всемирного наследия",
            "элементов нематериального наследия",
            "документов «Памяти мира»",
            "датированных событий",
            "публикаций",
        ],
    ),
    (
        21,
        "ru",
        [
            "объект всемирного наследия",
            "элемент нематериального наследия",
            "документ «Памяти мира»",
            "датированное событие",
            "публикация",
        ],
    ),
    (
        1,
        "kk",
        [
            "бүкіләлемдік мұра нысаны",
            "материалдық емес мұра элементі",
            "«Әлем жады» құжаты",
            "күні белгілі оқиға",
            "жарияланым",
        ],
    ),
    (
        2,
        "kk",
        [
            "бүкіләлемдік мұра нысаны",
            "материалдық емес мұра элементі",
            "«Әлем жады» құжаты",
            "күні белгілі оқиға",
            "жарияланым",
        ],
    ),
    (
        1,
        "en",
        [
            "World Heritage property",
            "intangible heritage element",
            "Memory of the World item",
            "dated event",
            "publication",
        ],
    ),
    (
        2,
        "en",
        [
            "World Heritage properties",
            "intangible heritage elements",
            "Memory of the World items",
            "dated events",
            "publications",
        ],
    ),
]


@pytest.mark.parametrize(("n", "language", "nouns"), HOME_COUNTS)
def test_the_home_pages_counts_agree_with_their_number(client, n, language, nouns):
    for _i in range(n):
        make_heritage_item(kind="world")
        make_heritage_item(kind="intangible", category="")
        make_heritage_item(kind="memory", category="")
        make_event()
        make_publication()
    html = client.get(f"/{language}/").content.decode()
    counts = re.search(r'<ul class="counts">(.*?)</ul>', html, re.S).group(1)
    assert re.findall(r"<a [^>]*>(.*?)</a>", counts) == [
        f"<strong>{n}</strong> {noun}" for noun in nouns
    ]
