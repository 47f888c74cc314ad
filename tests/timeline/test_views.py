import datetime
import json
import re

import pytest

from core.models import Status
from tests.factories import make_event, make_heritage_item, make_theme
from timeline.models import Event, Figure

pytestmark = pytest.mark.django_db


def test_timeline_is_chronological_and_grouped_by_era_and_decade(client):
    make_event(title_en="Joins UNESCO", start_date=datetime.date(1992, 5, 1), precision="month")
    make_event(title_en="Founding", start_date=datetime.date(1945, 11, 16), precision="day")
    make_event(title_en="University idea", start_date=datetime.date(1894, 1, 1))
    html = client.get("/en/timeline/?track=all").content.decode()
    assert html.index("University idea") < html.index("Founding") < html.index("Joins UNESCO")
    assert 'id="era-origins"' in html and 'id="era-kazakhstan"' in html
    assert 'id="decade-1940"' in html
    assert "1940s" in html
    assert '<time datetime="1992-05">' in html
    assert '<time datetime="1945-11-16">' in html


def test_date_ranges_and_precision_are_shown(client):
    make_event(
        title_en="Decade",
        start_date=datetime.date(2013, 1, 1),
        end_date=datetime.date(2022, 1, 1),
        precision="year",
    )
    assert "2013 – 2022" in client.get("/en/timeline/?track=all").content.decode()


def test_dates_are_written_in_the_readers_language(client):
    make_event(title_en="Founding", start_date=datetime.date(1945, 11, 16), precision="day")
    make_event(title_en="Joins", start_date=datetime.date(1992, 5, 1), precision="month")
    for _round in range(2):  # the same dates again, in another order of languages
        english = client.get("/en/timeline/?track=all").content.decode()
        russian = client.get("/ru/timeline/?track=all").content.decode()
        kazakh = client.get("/kk/timeline/?track=all").content.decode()
        assert '<time datetime="1945-11-16">Nov. 16, 1945</time>' in english
        assert '<time datetime="1992-05">May 1992</time>' in english
        assert '<time datetime="1945-11-16">16 ноября 1945 г.</time>' in russian
        # Running text writes a month in lowercase; Django's own format wrote "Май 1992 г."
        assert '<time datetime="1992-05">май 1992 г.</time>' in russian
        # Kazakh order, month in lowercase; Django alone wrote "Қараша 16, 1945"
        assert '<time datetime="1945-11-16">1945 жылғы 16\xa0қараша</time>' in kazakh
        assert '<time datetime="1992-05">1992 жылғы мамыр</time>' in kazakh


def test_theme_filter(client):
    education = make_theme(slug="education")
    make_event(title_en="Incheon", themes=[education])
    make_event(title_en="Dumbarton Oaks")
    html = client.get("/en/timeline/?theme=education").content.decode()
    assert "Incheon" in html
    assert "Dumbarton Oaks" not in html


def test_theme_filter_offers_the_themes_in_the_page_language_and_refuses_others(client):
    make_theme(slug="education", name_en="Education", name_ru="Образование", order=2)
    make_theme(slug="science", name_en="Science", order=1)  # no Russian name: the English one
    html = client.get("/ru/timeline/", {"theme": "education"}).content.decode()
    assert (
        '<option value="science">Science</option>\n'
        '  <option value="education" selected>Образование</option>'
    ) in html
    response = client.get("/en/timeline/", {"theme": "astrology"})
    assert response.status_code == 200
    assert "astrology is not one of the available choices" in response.content.decode()


def test_events_show_their_themes_on_every_list(client):
    education = make_theme(slug="education", name_en="Education")
    heritage = make_theme(slug="heritage-theme", name_en="Heritage work")
    event = make_event(title_en="Incheon", themes=[education, heritage])
    timeline = client.get("/en/timeline/?track=all").content.decode()
    assert '<a class="tag" href="?theme=education">Education</a>' in timeline
    assert '<a class="tag" href="?theme=heritage-theme">Heritage work</a>' in timeline
    home = client.get("/en/").content.decode()
    assert '<span class="tag">Education</span><span class="tag">Heritage work</span>' in home
    detail = client.get(event.get_absolute_url()).content.decode()
    assert 'href="/en/timeline/?theme=education">Education</a>' in detail


def test_drafts_are_hidden_everywhere(client):
    draft = make_event(title_en="Draft event", status=Status.DRAFT)
    assert "Draft event" not in client.get("/en/timeline/?track=all").content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get("/en/").context["counts"]["events"] == 0


def test_event_detail_links_only_published_related_records(client):
    public = make_heritage_item(name_en="Public site")
    hidden = make_heritage_item(name_en="Hidden site", status=Status.DRAFT)
    event = make_event(heritage_items=[public, hidden])
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Public site" in html
    assert "Hidden site" not in html


def test_timeline_query_count_does_not_grow(count_queries):
    theme = make_theme()
    make_event(themes=[theme])
    few = count_queries("/en/timeline/")
    for _ in range(20):
        make_event(themes=[theme, make_theme()])
    assert count_queries("/en/timeline/") == few


def test_facts_page_shows_the_figures_and_the_chart(client, source_data):
    html = client.get("/en/timeline/kazakhstan-and-unesco/").content.decode()
    # Each number in the element of its figure, next to its label and its date.
    figure = '<li id="{}"><strong>{}</strong> {}{}</li>'
    as_of = " <small>(as of Jan. 31, 2019)</small>"
    assert figure.format("unesco-member-states", 193, "Member States of UNESCO", "") in html
    assert figure.format("unesco-chairs-total", 735, "UNESCO Chairs", as_of) in html
    assert (
        figure.format("unesco-chairs-countries", 113, "countries with UNESCO Chairs", as_of) in html
    )
    assert 'class="bar-row highlight"' in html  # Kazakhstan is highlighted in the chart
    assert "<caption>UNESCO Chairs by country</caption>" in html  # the table fallback
    assert "Abai Kunanbayev" in html
    assert "joint application with Turkey" in html


def test_facts_page_hides_unpublished_figures(client, source_data):
    Figure.objects.filter(slug="chairs-spain").update(status=Status.DRAFT)
    html = client.get("/en/timeline/kazakhstan-and-unesco/").content.decode()
    assert 'id="chairs-spain"' not in html
    assert 'id="chairs-russia"' in html


def test_facts_page_query_count_is_fixed(source_data, count_queries):
    few = count_queries("/en/timeline/kazakhstan-and-unesco/")
    for event in Event.objects.all()[:5]:
        event.pk = None
        event.slug += "-copy"
        event.save()
    assert count_queries("/en/timeline/kazakhstan-and-unesco/") == few


def test_facts_page_makes_the_same_queries_when_the_properties_overflow_the_list(
    count_queries, monkeypatch
):
    from timeline.views import KazakhstanView

    monkeypatch.setattr(KazakhstanView, "world_heritage_limit", 3)
    for year in (2003, 2004):
        make_heritage_item(name_en=f"Property of {year}", year_inscribed=year)
    few = count_queries("/en/timeline/kazakhstan-and-unesco/")
    for year in (2008, 2014, 2023):
        make_heritage_item(name_en=f"Property of {year}", year_inscribed=year)
    assert count_queries("/en/timeline/kazakhstan-and-unesco/") == few


def test_facts_page_lists_world_heritage_up_to_a_limit_then_links_to_the_rest(client, monkeypatch):
    from timeline.views import KazakhstanView

    monkeypatch.setattr(KazakhstanView, "world_heritage_limit", 3)
    for year in (2003, 2004, 2008):
        make_heritage_item(name_en=f"Property of {year}", year_inscribed=year)
    make_heritage_item(name_en="Draft property", year_inscribed=2001, status=Status.DRAFT)
    make_heritage_item(name_en="An element", kind="intangible", category="", year_inscribed=2002)

    html = client.get("/en/timeline/kazakhstan-and-unesco/").content.decode()
    assert html.count('class="year-mark"') == 3
    assert "Draft property" not in html and "An element" not in html
    assert "All 3 World Heritage properties" not in html  # all of them are on the page

    make_heritage_item(name_en="Property of 2023", year_inscribed=2023)
    html = client.get("/en/timeline/kazakhstan-and-unesco/").content.decode()
    assert html.count('class="year-mark"') == 3
    assert "Property of 2003" in html and "Property of 2023" not in html
    assert 'href="/en/heritage/?kind=world">All 4 World Heritage properties →</a>' in html
    html = client.get("/ru/timeline/kazakhstan-and-unesco/").content.decode()
    assert "Все 4 объекта всемирного наследия →" in html


def test_people_pages(client, source_data):
    html = client.get("/en/timeline/people/").content.decode()
    assert "Paul Otlet" in html and "René Maheu" in html
    html = client.get("/en/timeline/people/rene-maheu/").content.decode()
    assert "K. Mahe" in html  # the source note
    assert "René Maheu becomes Director-General of UNESCO" in html


def test_charts_of_inscriptions_by_year_and_events_per_decade(client):
    make_heritage_item(year_inscribed=2014)
    make_heritage_item(year_inscribed=2014, kind="intangible", category="")
    make_heritage_item(year_inscribed=2003)
    make_heritage_item(year_inscribed=2016, status=Status.DRAFT)
    make_event(start_date=datetime.date(1945, 11, 16))
    make_event(start_date=datetime.date(1946, 1, 1))
    make_event(start_date=datetime.date(1992, 5, 1))
    response = client.get("/en/timeline/kazakhstan-and-unesco/")
    assert [(bar.label, bar.value) for bar in response.context["inscriptions"]] == [
        ("2003", 1),
        ("2014", 2),
    ]
    assert [(bar.label, bar.value) for bar in response.context["decades"]] == [
        ("1940s", 2),
        ("1990s", 1),
    ]
    html = response.content.decode()
    assert '<tr id="inscriptions-2014"><th scope="row">2014</th><td>2</td></tr>' in html
    assert '<rect width="100.00" height="10"/>' in html


def test_a_long_timeline_comes_fifty_events_a_page_keeping_the_filter(client):
    theme = make_theme(slug="heritage")
    Event.objects.bulk_create(
        Event(
            slug=f"bulk-{n}",
            title_en=f"Bulk event {n:03}",
            start_date=datetime.date(1950 + n // 5, 1, 1),
            precision="year",
            status=Status.PUBLISHED,
        )
        for n in range(80)
    )
    for event in Event.objects.filter(slug__startswith="bulk-"):
        event.themes.add(theme)
    html = client.get("/en/timeline/?theme=heritage&track=history").content.decode()
    assert "80 events" in html and html.count('class="timeline-event"') == 50
    assert 'href="?theme=heritage&amp;track=history&amp;page=2"' in html
    assert "Bulk event 000" in html and "Bulk event 079" not in html
    second = client.get("/en/timeline/?theme=heritage&track=history&page=2").content.decode()
    assert second.count('class="timeline-event"') == 30 and "Bulk event 079" in second
    # The era links filter, keeping the theme and starting again at page 1.
    assert 'href="?theme=heritage&amp;era=unesco"' in second


def test_a_source_note_is_read_in_the_page_language_else_marked_as_english(client):
    translated = make_event(
        title_en="London Conference",
        title_ru="Лондонская конференция",
        title_kk="Лондон конференциясы",
        source_note_en="The article dates the opening “November 1, 1946”.",
        source_note_ru="Статья датирует открытие «November 1, 1946».",
    )
    russian = client.get(f"/ru{translated.get_absolute_url()[3:]}").content.decode()
    # The article's own English words, quoted in the Russian note, are marked as English.
    assert (
        "<strong>Примечание:</strong> Статья датирует открытие"
        ' «<span lang="en">November 1, 1946</span>».</p>'
    ) in russian
    kazakh = client.get(f"/kk{translated.get_absolute_url()[3:]}").content.decode()
    assert '<span lang="en" class="fallback">The article dates the opening' in kazakh
    assert "аудармасы әлі жоқ" in kazakh  # "not yet translated", said in the page language
    assert "fallback-note" not in russian


def test_the_timeline_opens_on_kazakhstan_with_unescos_history_one_click_away(client, source_data):
    opening = client.get("/en/timeline/").content.decode()
    history = client.get("/en/timeline/?track=history").content.decode()
    everything = client.get("/en/timeline/?track=all").content.decode()
    years = [
        {int(year) for year in re.findall(r'<time datetime="(\d{4})', html)}
        for html in (opening, history, everything)
    ]
    assert years[0] and min(years[0]) >= 1992  # Kazakhstan and UNESCO since 1992
    assert years[1] and max(years[1]) <= 1991  # UNESCO's own history, the League's years
    assert years[2] == years[0] | years[1]
    # The designations' steps (inscriptions …) are in Kazakhstan's part only.
    assert "timeline-step" in opening and "timeline-step" not in history
    tabs = re.search(r'<nav class="programmes tracks"[^>]*>(.*?)</nav>', opening, re.S).group(1)
    assert re.findall(r'<a href="([^"]+)"( aria-current="page")?>([^<]+)</a>', tabs) == [
        ("?track=kazakhstan", ' aria-current="page"', "Kazakhstan and UNESCO, since 1992"),
        ("?track=history", "", "UNESCO&#x27;s history, before 1992"),
        ("?track=all", "", "The whole timeline"),
    ]
    # Filtering by theme stays in the chosen part; an era has its own years.
    assert '<input type="hidden" name="track" value="history"' in history
    assert 'href="?era=origins"' in history


def test_an_events_breadcrumb_leads_to_its_part_of_the_timeline(client, source_data):
    founded = client.get("/en/timeline/events/unesco-founded/").content.decode()
    assert 'href="/en/timeline/?track=history#decade-1940"' in founded
    memorandum = client.get(
        "/en/timeline/events/memorandum-of-cooperation-kazakhstan-unesco/"
    ).content.decode()
    assert 'href="/en/timeline/?track=kazakhstan#decade-1990"' in memorandum


def test_an_event_page_carries_schema_org_event_data(client):
    item = make_heritage_item(name_en="Tanbaly </script><script>alert(1)</script>")
    event = make_event(
        title_en="Inscription of Tanbaly",
        start_date=datetime.date(2004, 7, 1),
        precision="month",
        heritage_items=[item],
    )
    hidden = make_heritage_item(status="draft", name_en="Hidden mound")
    event.heritage_items.add(hidden)
    html = client.get(event.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    data = json.loads(block.group(1))
    assert (data["@type"], data["name"], data["startDate"]) == (
        "Event",
        "Inscription of Tanbaly",
        "2004-07",
    )
    assert [thing["name"] for thing in data["about"]] == [item.name_en]  # not the draft
    assert data["about"][0]["url"] == f"http://testserver{item.get_absolute_url()}"
    assert "<script>alert" not in block.group(1)


def test_the_filter_form_keeps_the_part_of_the_timeline_without_showing_it(client, source_data):
    html = client.get("/en/timeline/?track=history").content.decode()
    form = re.search(r'<form class="filters".*?</form>', html, re.S).group(0)
    assert '<input type="hidden" name="track" value="history"' in form
    assert ">Track<" not in form  # no label for a field nobody sees
