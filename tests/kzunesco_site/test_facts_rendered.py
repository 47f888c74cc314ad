"""A sample of the documents' facts, as a reader sees them on the public pages: each in
the element where it belongs (the year in the "Year inscribed" row, a count in its
country's table row), not anywhere in the page's HTML."""

from html.parser import HTMLParser

import pytest

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class Element:
    def __init__(self, tag: str, attrs: dict[str, str]):
        self.tag, self.attrs, self.children = tag, attrs, []

    @property
    def text(self) -> str:
        parts = [
            c if isinstance(c, str) else " " if c.tag == "br" else c.text for c in self.children
        ]
        return " ".join("".join(parts).split())

    def find_all(self, tag: str, **attrs):
        """Descendants with the tag and the attributes (``class_`` is one of the classes)."""
        for child in self.children:
            if isinstance(child, str):
                continue
            classes = child.attrs.get("class", "").split()
            if child.tag == tag and all(
                value in classes if name == "class_" else child.attrs.get(name) == value
                for name, value in attrs.items()
            ):
                yield child
            yield from child.find_all(tag, **attrs)

    def one(self, tag: str, **attrs) -> "Element":
        (found,) = self.find_all(tag, **attrs)
        return found


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = [Element("document", {})]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag):
        if any(e.tag == tag for e in self.stack[1:]):
            while self.stack.pop().tag != tag:
                pass

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def page(client, url: str) -> Element:
    response = client.get(url)
    assert response.status_code == 200, url
    builder = _Builder()
    builder.feed(response.content.decode())
    return builder.stack[0].one("main")


def facts(main: Element) -> dict[str, str]:
    """The detail page's fact list: each <dt> with its <dd>."""
    return {
        row.one("dt").text: row.one("dd").text
        for row in main.one("dl", class_="facts").find_all("div")
    }


def rows(table: Element) -> dict[str, list[str]]:
    """A table's body rows by id: the texts of their cells in order."""
    return {
        row.attrs["id"]: [cell.text for cell in row.children if not isinstance(cell, str)]
        for row in table.one("tbody").find_all("tr")
    }


def passage(main: Element) -> str:
    return main.one("aside", class_="provenance").one("blockquote").text


WORLD_HERITAGE = [
    (
        "mausoleum-of-khoja-ahmed-yasawi",
        {"Year inscribed": "2003", "UNESCO reference": "1103", "Region": "Turkistan Region"},
        {},
    ),
    ("petroglyphs-of-tamgaly", {"Year inscribed": "2004", "UNESCO reference": "1145"}, {}),
    (
        "saryarka-steppe-and-lakes-of-northern-kazakhstan",
        {"Year inscribed": "2008", "Category": "Natural"},
        {
            "korgalzhyn-state-nature-reserve": "Korgalzhyn State Nature Reserve",
            "naurzum-state-nature-reserve": "Naurzum State Nature Reserve",
        },
    ),
    (
        "silk-roads-chang-an-tianshan-corridor",
        {"Year inscribed": "2014", "With": "China, Kyrgyzstan"},
        {"silk-roads-kayalyk": "Site of Kayalyk"},
    ),
    (
        "western-tien-shan",
        {"Year inscribed": "2016"},
        {"aksu-zhabagly-state-nature-reserve": "Aksu-Zhabagly State Nature Reserve"},
    ),
]


@pytest.mark.parametrize(("slug", "expected_facts", "components"), WORLD_HERITAGE)
def test_world_heritage_facts_are_in_their_rows(
    client, source_data, slug, expected_facts, components
):
    main = page(client, f"/en/heritage/{slug}/")
    shown = facts(main)
    assert {label: shown.get(label) for label in expected_facts} == expected_facts
    if components:
        table = rows(main.one("section", **{"aria-labelledby": "components-title"}).one("table"))
        for row_id, name in components.items():
            assert table[row_id][0] == name, row_id


def test_a_single_site_has_its_title_coordinates_and_map_link(client, source_data):
    main = page(client, "/en/heritage/mausoleum-of-khoja-ahmed-yasawi/")
    assert main.one("h1").text == "Mausoleum of Khoja Ahmed Yasawi"
    coordinates = main.one("dl", class_="facts").one("a", class_="map-link").attrs["href"]
    assert coordinates.startswith("https://www.openstreetmap.org/?mlat=43.292778&mlon=68.273611")
    assert facts(main)["Coordinates"] == "43.2928° N, 68.2736° E map"
    tamgaly = page(client, "/en/heritage/petroglyphs-of-tamgaly/")
    # Renamed by UNESCO; the article's name stays in the source note.
    assert tamgaly.one("h1").text == "Petroglyphs of the Archaeological Landscape of Tanbaly"
    assert "Landscape of Tamgaly" in tamgaly.one("aside", class_="provenance").text


def test_serial_property_counts_its_component_sites(client, source_data):
    main = page(client, "/en/heritage/silk-roads-chang-an-tianshan-corridor/")
    section = main.one("section", **{"aria-labelledby": "components-title"})
    assert section.one("h2").text == "8 component sites in Kazakhstan"
    assert len(rows(section.one("table"))) == 8


def test_the_documents_own_wording_is_quoted_as_the_source(client, source_data):
    western = page(client, "/en/heritage/western-tien-shan/")
    assert "Aksu-Zhab Aglinsky Reserve" in passage(western)
    nevada = page(client, "/en/heritage/audiovisual-documents-nevada-semipalatinsk/")
    assert "Movement “Nevada-Semey”" in passage(nevada)
    rites = page(
        client, "/en/heritage/traditional-spring-festive-rites-of-the-kazakh-horse-breeders/"
    )
    assert rites.one("p", class_="lead").text == (
        "The spring rites kymyz muryndyk, bie baylau and aigyr kosu."
    )


def test_the_timeline_dates_each_event(client, source_data):
    main = page(client, "/en/timeline/")
    dates = {
        event.one("h4").text: event.one("time").text
        for event in main.find_all("li", class_="timeline-event")
    }
    assert {
        title: dates.get(title)
        for title in (
            "Kazakhstan joins UNESCO",
            "Memorandum of Cooperation between Kazakhstan and UNESCO",
            "International Decade for the Rapprochement of Cultures",
            "UNESCO Cluster Office opens in Almaty",
        )
    } == {
        "Kazakhstan joins UNESCO": "May 1992",
        "Memorandum of Cooperation between Kazakhstan and UNESCO": "Aug. 9, 1995",
        "International Decade for the Rapprochement of Cultures": "2013 – 2022",
        "UNESCO Cluster Office opens in Almaty": "1994",
    }


EVENTS = [
    (
        "london-conference-for-the-establishment-of-unesco",
        "Nov. 1, 1945 – Nov. 16, 1945",
        "Delegates of 44 countries and observers from 8 international organizations",
        "began on November 1, 1946 in London",
    ),
    (
        "world-education-forum-incheon",
        "May 19, 2015 – May 22, 2015",
        "more than 1,600 participants from 160 countries",
        "from 19 to 25 may 2015",
    ),
    ("memorandum-of-cooperation-kazakhstan-unesco", "Aug. 9, 1995", "", ""),
]


@pytest.mark.parametrize(("slug", "date", "lead", "quoted"), EVENTS)
def test_event_date_lead_and_source_wording(client, source_data, slug, date, lead, quoted):
    main = page(client, f"/en/timeline/events/{slug}/")
    assert main.one("p", class_="card-kind").one("time").text == date
    if lead:
        assert lead in main.one("p", class_="lead").text
    if quoted:
        assert quoted in passage(main)


def test_facts_and_figures_are_in_their_table_rows(client, source_data):
    main = page(client, "/en/timeline/kazakhstan-and-unesco/")
    chairs = rows(main.one("section", **{"aria-labelledby": "chairs-title"}).one("table"))
    assert chairs["chairs-spain"] == ["Spain", "64"]
    assert chairs["chairs-kazakhstan"] == ["Kazakhstan", "5"]
    assert list(chairs)[0] == "chairs-spain"  # the most chairs first
    calendar = rows(main.one("table", class_="anniversaries"))
    assert calendar["turkestan-1500"][:2] == ["1500", "City of Turkestan founding"]
    assert calendar["abai-kunanbayev-150"] == ["150", "Abai Kunanbayev poet", "—", "Birth"]
    membership = main.one("li", id="unesco-member-states")
    assert membership.one("strong").text == "193"


def test_dissertation_facts(client, source_data):
    main = page(client, "/en/publications/dissertation-kazakhstan-unesco-humanitarian-security/")
    shown = facts(main)
    assert shown["Specialty"] == "6D020200 – International Relations"
    assert shown["Institution"].startswith("Al-Farabi Kazakh National University")
    assert main.one("p", class_="lead").text == "Assel Erkenovna Utegenova-Navarro"


def test_facts_in_russian_and_kazakh(client, source_data):
    joins = page(client, "/ru/timeline/events/kazakhstan-joins-unesco/")
    assert joins.one("h1").text == "Казахстан вступает в ЮНЕСКО"
    # The month's capital letter is the date formatting's business, not this fact's.
    assert joins.one("p", class_="card-kind").one("time").text.casefold() == "май 1992 г."
    western = page(client, "/kk/heritage/western-tien-shan/")
    assert western.one("h1").text == "Батыс Тянь-Шань"
    sites = rows(western.one("section", **{"aria-labelledby": "components-title"}).one("table"))
    assert (
        sites["aksu-zhabagly-state-nature-reserve"][0] == "Ақсу-Жабағылы мемлекеттік табиғи қорығы"
    )
