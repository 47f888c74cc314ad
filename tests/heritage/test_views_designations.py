"""Designations on the public pages: each programme's count, World Heritage first, the
status history, the partner states, UNESCO's page, Wikidata and the sources of the facts,
in the reader's language; the steps also stand on the timeline, linking back."""

import datetime
import json
import re

import pytest
from django.utils import translation

from core.models import Status
from heritage.models import DesignationStep, FactSource, HeritageKind, Partnership, State
from tests.factories import make_event, make_heritage_item

pytestmark = pytest.mark.django_db


def step(item, when: str, kind: str, **fields) -> DesignationStep:
    parts = [int(part) for part in when.split("-")]
    year, month, day = (parts + [1, 1])[:3]
    precision = ("year", "month", "day")[len(parts) - 1]
    return DesignationStep.objects.create(
        item=item, date=datetime.date(year, month, day), precision=precision, kind=kind, **fields
    )


def test_the_list_opens_on_world_heritage_whatever_the_alphabet_says(client):
    make_heritage_item(slug="reserve", kind="biosphere", name_en="A reserve", year_inscribed=2001)
    make_heritage_item(slug="element", kind="intangible", name_en="An element", year_inscribed=1990)
    make_heritage_item(slug="property", kind="world", name_en="Zz property", year_inscribed=2020)
    make_heritage_item(slug="entry", kind="tentative", name_en="Entry", year_inscribed=1998)
    html = client.get("/en/heritage/").content.decode()
    order = [
        html.index(f'href="/en/heritage/{slug}/"')
        for slug in ("property", "entry", "element", "reserve")
    ]
    assert order == sorted(order)


def test_the_list_and_the_home_page_count_each_programme(client):
    for kind in ("world", "world", "biosphere", "creative_city"):
        make_heritage_item(kind=kind)
    make_heritage_item(kind="biosphere", status=Status.DRAFT)
    listing = client.get("/ru/heritage/").content.decode()
    programmes = re.search(r'<nav class="programmes".*?</nav>', listing, re.S).group(0)
    assert re.search(r"Биосферный заповедник <span class=\"count\">1</span>", programmes)
    assert "Объект всемирного наследия" in programmes and ">2</span>" in programmes
    assert "Нематериальное" not in programmes  # no element: no empty programme
    home = client.get("/kk/").content.decode()
    assert "биосфералық резерват" in home
    assert 'href="/kk/heritage/?kind=creative_city"' in home


def test_a_programme_link_keeps_the_other_filters(client):
    make_heritage_item(kind="world")
    html = client.get("/en/heritage/?region=x&page=1").content.decode()
    assert 'href="?region=x&amp;kind=world"' in html


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        (
            "kk",
            [
                "Мәртебе тарихы",
                "2004",
                "Тізімге енгізілді",
                "шешім 28 COM 14B.29",
                "1994 жылғы шілде",
                "Қырғызстан (2016 жылдан бері)",
                "2026 жылғы 6\xa0желтоқсан",
            ],
        ),
        (
            "ru",
            [
                "История статуса",
                "2004",
                "Включён в список",
                "решение 28 COM 14B.29",
                "июль 1994",
                "Кыргызстан (с 2016 г.)",
                "6 декабря 2026 г.",
            ],
        ),
        (
            "en",
            [
                "Status history",
                "2004",
                "Inscribed",
                "decision 28 COM 14B.29",
                "July 1994",
                "Kyrgyzstan (since 2016)",
                "Dec. 6, 2026",
            ],
        ),
    ],
)
def test_the_detail_page_shows_the_path_partners_links_and_sources(client, language, texts):
    item = make_heritage_item(
        slug="tanbaly",
        unesco_url="https://whc.unesco.org/en/list/1145/",
        wikidata_id="Q1234",
        area_ha="900",
    )
    step(item, "1994-07", "submitted")
    step(item, "2004", "inscribed", decision="28 COM 14B.29")
    kyrgyzstan = State.objects.create(
        slug="kyrgyzstan", name_kk="Қырғызстан", name_ru="Кыргызстан", name_en="Kyrgyzstan"
    )
    Partnership.objects.create(item=item, state=kyrgyzstan, joined=2016)
    FactSource.objects.create(
        item=item,
        url="https://whc.unesco.org/en/list/1145/",
        title="Tanbaly – UNESCO",
        language="en",
        checked_on=datetime.date(2026, 12, 6),
    )
    html = client.get(f"/{language}/heritage/tanbaly/").content.decode()
    for text in texts:
        assert text in html, text
    assert 'href="https://whc.unesco.org/en/list/1145/"' in html
    assert 'href="https://www.wikidata.org/wiki/Q1234"' in html
    assert '<span lang="en">Tanbaly – UNESCO</span>' in html
    # Machine-readable dates at their precision too.
    assert '<time datetime="1994-07">' in html and '<time datetime="2004">' in html


@pytest.mark.parametrize(
    ("language", "note"),
    [
        ("kk", "жылы, өлшемдері"),
        ("ru", "год, критерии"),
        ("en", "year, criteria"),
    ],
)
def test_each_source_says_what_it_gave_in_the_readers_language(client, language, note):
    item = make_heritage_item(slug="tanbaly")
    checked = datetime.date(2026, 12, 6)
    FactSource.objects.create(
        item=item,
        url="https://whc.unesco.org/en/list/1145/",
        facts_kk="жылы, өлшемдері",
        facts_ru="год, критерии",
        facts_en="year, criteria",
        checked_on=checked,
    )
    FactSource.objects.create(
        item=item, url="https://example.org/area", facts_en="area", checked_on=checked
    )
    html = client.get(f"/{language}/heritage/tanbaly/").content.decode()
    assert f'<span class="source-facts">{note}</span>' in html
    if language != "en":  # a note not yet translated says so, and which language it is in
        assert re.search(
            r'<span class="source-facts"><span lang="en" class="fallback">area</span> '
            r'<small class="fallback-note">',
            html,
        )


def test_a_tentative_entry_and_the_property_inscribed_from_it_link_to_each_other(client):
    entry = make_heritage_item(slug="entry", kind="tentative", name_en="Cold deserts (tentative)")
    make_heritage_item(slug="property", name_en="Cold Winter Deserts", tentative_entry=entry)
    assert 'href="/en/heritage/entry/"' in client.get("/en/heritage/property/").content.decode()
    assert 'href="/en/heritage/property/"' in client.get("/en/heritage/entry/").content.decode()


def test_a_draft_property_is_not_named_on_its_public_tentative_entry(client):
    entry = make_heritage_item(slug="entry", kind="tentative")
    make_heritage_item(
        slug="secret", name_en="Secret draft", tentative_entry=entry, status=Status.DRAFT
    )
    html = client.get("/en/heritage/entry/").content.decode()
    assert "Secret draft" not in html and "/en/heritage/secret/" not in html


def test_detail_query_count_does_not_grow_with_steps_partners_and_sources(count_queries):
    item = make_heritage_item(slug="few")
    step(item, "2004", "inscribed")
    few = count_queries("/en/heritage/few/")
    many = make_heritage_item(slug="many")
    for year in range(1990, 2010):
        step(many, str(year), "extended")
        FactSource.objects.create(
            item=many, url=f"https://example.org/{year}", checked_on=datetime.date(2026, 1, 1)
        )
        state = State.objects.create(slug=f"state-{year}", name_en=f"State {year}")
        Partnership.objects.create(item=many, state=state, joined=year)
    assert count_queries("/en/heritage/many/") == few


def test_the_steps_stand_on_the_timeline_and_link_back(client):
    item = make_heritage_item(slug="tanbaly", name_en="Petroglyphs of Tanbaly")
    step(item, "2004-07-02", "inscribed", note_en="At the 28th session.")
    make_event(slug="before", title_en="Before", start_date=datetime.date(2003, 1, 1))
    make_event(slug="after", title_en="After", start_date=datetime.date(2005, 1, 1))
    html = client.get("/en/timeline/").content.decode()
    assert 'href="/en/heritage/tanbaly/#steps-title"' in html
    assert html.index("Before") < html.index("Petroglyphs of Tanbaly") < html.index("After")
    assert "At the 28th session." in html
    assert "Tanbaly" not in client.get("/en/timeline/?theme=anything").content.decode()


def test_the_timeline_shows_no_step_of_a_draft(client):
    item = make_heritage_item(slug="draft", name_en="Draft designation", status=Status.DRAFT)
    step(item, "2004", "inscribed")
    make_event(start_date=datetime.date(2003, 1, 1))
    assert "Draft designation" not in client.get("/en/timeline/").content.decode()


def test_json_ld_names_unesco_and_wikidata_as_the_same_thing(client):
    make_heritage_item(
        slug="reserve",
        kind="biosphere",
        unesco_url="https://www.unesco.org/en/mab/reserve",
        wikidata_id="Q42",
        latitude="43.1",
        longitude="77.1",
    )
    html = client.get("/en/heritage/reserve/").content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S).group(1)
    )
    assert data["@type"] == "Park"
    assert data["sameAs"] == [
        "https://www.unesco.org/en/mab/reserve",
        "https://www.wikidata.org/wiki/Q42",
    ]
    assert data["containsPlace"][0]["geo"]["latitude"] == 43.1


@pytest.mark.parametrize("kind", [kind.value for kind in HeritageKind])
def test_every_programme_is_served_by_the_same_pages(client, kind):
    """A programme is a kind of heritage record, not an app: each has its list filter,
    its detail page and its label in every language."""
    make_heritage_item(slug="record", kind=kind, name_en="The record")
    label = HeritageKind(kind).label
    assert "The record" in client.get(f"/en/heritage/?kind={kind}").content.decode()
    assert str(label) in client.get("/en/heritage/record/").content.decode()
    with translation.override("kk"):
        kazakh = str(HeritageKind(kind).label)
    assert kazakh != str(label) and kazakh in client.get("/kk/heritage/record/").content.decode()
