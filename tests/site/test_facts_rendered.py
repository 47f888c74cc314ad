"""A sample of the documents' facts, as a reader sees them on the public pages."""

import pytest

FACTS = [
    (
        "/en/heritage/mausoleum-of-khoja-ahmed-yasawi/",
        [
            "2003",
            "1103",
            "Turkistan Region",
            "openstreetmap.org/?mlat=43.292778&amp;mlon=68.273611",
        ],
    ),
    ("/en/heritage/petroglyphs-of-tamgaly/", ["2004", "Petroglyphs within the Archaeological"]),
    (
        "/en/heritage/saryarka-steppe-and-lakes-of-northern-kazakhstan/",
        ["2008", "Korgalzhyn State Nature Reserve", "Naurzum State Nature Reserve"],
    ),
    (
        "/en/heritage/silk-roads-chang-an-tianshan-corridor/",
        ["2014", "8 component sites in Kazakhstan", "Site of Kayalyk", "China, Kyrgyzstan"],
    ),
    (
        "/en/heritage/western-tien-shan/",
        ["2016", "Aksu-Zhabagly State Nature Reserve", "Aksu-Zhab Aglinsky"],
    ),
    (
        "/en/heritage/traditional-spring-festive-rites-of-the-kazakh-horse-breeders/",
        ["kymyz muryndyk, bie baylau and aigyr kosu"],
    ),
    ("/en/heritage/audiovisual-documents-nevada-semipalatinsk/", ["Nevada-Semey"]),
    (
        "/en/timeline/",
        [
            "Kazakhstan joins UNESCO",
            "Memorandum of Cooperation between Kazakhstan and UNESCO",
            "International Decade for the Rapprochement of Cultures",
            "2013 – 2022",
            "UNESCO Cluster Office opens in Almaty",
        ],
    ),
    (
        "/en/timeline/events/london-conference-for-the-establishment-of-unesco/",
        ["Nov. 1, 1945", "44 countries", "November 1, 1946"],
    ),
    (
        "/en/timeline/events/world-education-forum-incheon/",
        ["1,600", "160 countries", "19 to 25 may 2015"],
    ),
    ("/en/timeline/events/memorandum-of-cooperation-kazakhstan-unesco/", ["Aug. 9, 1995"]),
    (
        "/en/timeline/kazakhstan-and-unesco/",
        ["Spain", "64", "Kazakhstan", "Abai Kunanbayev", "City of Turkestan", "1500"],
    ),
    (
        "/en/publications/dissertation-kazakhstan-unesco-humanitarian-security/",
        ["6D020200", "Al-Farabi Kazakh National University", "Utegenova-Navarro"],
    ),
    ("/ru/timeline/events/kazakhstan-joins-unesco/", ["Казахстан вступает в ЮНЕСКО"]),
    ("/kk/heritage/western-tien-shan/", ["Батыс Тянь-Шань", "Ақсу-Жабағылы"]),
]


@pytest.mark.parametrize(("url", "facts"), FACTS)
def test_fact_is_on_the_page(client, source_data, url, facts):
    html = client.get(url).content.decode()
    for fact in facts:
        assert fact in html, f"{fact!r} missing from {url}"
