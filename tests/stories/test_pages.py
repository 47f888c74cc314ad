"""The stories' public pages in Kazakh, Russian and English: only published stories, and
in them only the published records they embed."""

import datetime
import json
import re
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from core.models import Status
from opendata.sitemaps import StorySitemap
from stories.models import SectionKind, Story
from tests.factories import make_component, make_event, make_heritage_item, make_publication
from tests.stories.factories import make_section, make_story

pytestmark = pytest.mark.django_db

TITLES = {
    "kk": "Қазақстандағы Жібек жолы",
    "ru": "Шёлковый путь в Казахстане",
    "en": "The Silk Roads in Kazakhstan",
}
HEADINGS = {"kk": "Сегіз ескерткіш", "ru": "Восемь памятников", "en": "Eight sites"}
BODIES = {
    "kk": "Қазақстанда сегіз ескерткіш бар.",
    "ru": "В Казахстане восемь памятников.",
    "en": "Eight sites are in Kazakhstan.",
}
SUMMARIES = {"kk": "Қысқаша", "ru": "Кратко", "en": "In short"}
LATER = datetime.timedelta(days=3)


def trilingual_story(**fields) -> Story:
    story = make_story(
        **{f"title_{code}": title for code, title in TITLES.items()},
        **{f"summary_{code}": summary for code, summary in SUMMARIES.items()},
        **fields,
    )
    make_section(
        story,
        **{f"heading_{code}": heading for code, heading in HEADINGS.items()},
        **{f"body_{code}": f"<p>{body}</p>" for code, body in BODIES.items()},
    )
    return story


def unpublished(**fields) -> dict[str, dict]:
    """A story's fields for each state the public never sees."""
    return {
        "draft": {"status": Status.DRAFT, **fields},
        "review": {"status": Status.REVIEW, **fields},
        "scheduled": {"status": Status.PUBLISHED, "publish_at": timezone.now() + LATER, **fields},
    }


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_story_and_the_list_in_each_language(client, lang):
    story = trilingual_story()
    response = client.get(f"/{lang}/stories/{story.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert re.search(rf"<h1>\s*{re.escape(TITLES[lang])}\s*</h1>", html)
    assert HEADINGS[lang] in html and f"<p>{BODIES[lang]}</p>" in html
    assert f'<p class="lead">{SUMMARIES[lang]}</p>' in html
    assert "fallback-note" not in html  # every text is there in this language
    assert 'href="/static/css/stories.css"' in html

    listing = client.get(f"/{lang}/stories/").content.decode()
    assert f'href="/{lang}/stories/{story.slug}/"' in listing
    assert TITLES[lang] in listing


def test_a_text_missing_in_the_language_falls_back_with_a_note(client):
    story = make_story(title_kk="Тек қазақша", title_en=None, summary_en=None)
    html = client.get(f"/en/stories/{story.slug}/").content.decode()
    assert '<span lang="kk" class="fallback">Тек қазақша</span>' in html
    assert "Not yet translated into English; shown in Kazakh." in html


@pytest.mark.parametrize("state", ["draft", "review", "scheduled"])
def test_an_unpublished_story_is_nowhere_public(client, state):
    shown = make_story(slug="shown")
    hidden = make_story(slug="zzhidden", title_en="Zzhidden story", **unpublished()[state])
    for lang in ("kk", "ru", "en"):
        listing = client.get(f"/{lang}/stories/").content.decode()
        assert "/stories/shown/" in listing
        assert "zzhidden" not in listing.lower()
        assert client.get(f"/{lang}/stories/{hidden.slug}/").status_code == 404
    assert list(StorySitemap().items()) == [shown]
    assert StorySitemap().get_latest_lastmod() == shown.updated_at


def test_a_scheduled_story_appears_when_its_time_comes(client):
    story = make_story(publish_at=timezone.now() - datetime.timedelta(minutes=1))
    assert client.get(story.get_absolute_url()).status_code == 200


def test_staff_preview_an_unpublished_story(staff_client):
    story = make_story(status=Status.DRAFT)
    response = staff_client.get(story.get_absolute_url())
    assert response.status_code == 200
    assert 'class="preview-banner"' in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex"


def test_an_embedded_record_that_is_not_published_never_shows(client, staff_client):
    item = make_heritage_item(name_en="Shown item", latitude="43.3", longitude="68.2")
    make_component(item, name_en="Shown site", latitude="43.1", longitude="70.1")
    hidden_items = [
        make_heritage_item(
            name_en="Draft item", status=Status.DRAFT, latitude="44", longitude="70"
        ),
        make_heritage_item(
            name_en="Scheduled item",
            publish_at=timezone.now() + LATER,
            latitude="45",
            longitude="71",
        ),
    ]
    for hidden in hidden_items:
        make_component(hidden, name_en=f"Site of {hidden.name_en}")
    events = [
        make_event(title_en="Shown event"),
        make_event(title_en="Draft event", status="draft"),
    ]
    publications = [
        make_publication(title_en="Shown publication"),
        make_publication(title_en="Review publication", status=Status.REVIEW),
    ]
    story = make_story()
    section = make_section(
        story,
        heritage_items=[item, *hidden_items],
        events=events,
        publications=publications,
        show_map=True,
    )
    for viewer in (client, staff_client):  # not even in staff's preview
        response = viewer.get(story.get_absolute_url())
        html = response.content.decode()
        for name in ("Shown item", "Shown event", "Shown publication"):
            assert name in html
        for name in ("Draft", "Scheduled", "Review"):
            assert name not in html
        (shown,) = response.context["sections"]
        assert [len(shown.heritage_list), len(shown.event_list), len(shown.publication_list)] == [
            1,
            1,
            1,
        ]
        points = json.loads(
            re.search(
                rf'<script id="{section.anchor}-map" type="application/json">(.*?)</script>',
                html,
                re.S,
            )[1]
        )
        assert [(point["name"], point["kind"]) for point in points] == [
            ("Shown item", "world"),
            ("Shown site", "component"),
        ]


def test_no_map_unless_the_section_asks_for_one(client):
    item = make_heritage_item(latitude="43.3", longitude="68.2")
    story = make_story()
    make_section(story, heritage_items=[item], show_map=False)
    html = client.get(story.get_absolute_url()).content.decode()
    assert "data-map" not in html and "leaflet" not in html


def test_a_map_of_items_without_places_is_left_out(client):
    story = make_story()
    make_section(story, heritage_items=[make_heritage_item()], show_map=True)  # no coordinates
    html = client.get(story.get_absolute_url()).content.decode()
    assert "data-map" not in html


def test_a_script_in_a_section_never_reaches_the_page(client):
    story = make_story()
    make_section(
        story,
        body_en='<p>Safe words</p><script>alert("story")</script>'
        '<p><img src="x" onerror="alert(1)"><a href="javascript:alert(2)">link</a></p>',
        heading_en='<script>alert("heading")</script>',
    )
    html = client.get(story.get_absolute_url()).content.decode()
    assert "<p>Safe words</p>" in html
    assert "alert(" not in html.replace('&lt;script&gt;alert("heading")', "")
    assert "onerror" not in html and "javascript:" not in html
    assert '&lt;script&gt;alert("heading")&lt;/script&gt;' in html  # a heading is plain text


class _Headings(HTMLParser):
    def __init__(self):
        super().__init__()
        self.levels, self.inside_main = [], False

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.inside_main = True
        elif self.inside_main and re.fullmatch(r"h[1-6]", tag):
            self.levels.append(int(tag[1]))


def heading_levels(html: str) -> list[int]:
    parser = _Headings()
    parser.feed(html)
    return parser.levels


def test_headings_go_down_one_level_at_a_time(client):
    story = make_story()
    records = {
        "heritage_items": [make_heritage_item()],
        "events": [make_event()],
        "publications": [make_publication()],
    }
    # A section without a heading, first: its records' headings are the page's second level.
    make_section(story, heading_en="", **records, kind=SectionKind.RECORDS)
    make_section(story, **records)
    levels = heading_levels(client.get(story.get_absolute_url()).content.decode())
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(later - earlier <= 1 for earlier, later in zip(levels, levels[1:], strict=False))
    assert 2 in levels and 3 in levels
    listing = heading_levels(client.get("/en/stories/").content.decode())
    assert listing[:3] == [1, 2, 3]


def test_the_list_is_newest_first_and_its_pages_keep_the_query_string(client):
    now = timezone.now()
    for day in range(14):
        story = make_story(slug=f"day-{day:02}")
        Story.objects.filter(pk=story.pk).update(created_at=now - datetime.timedelta(days=day + 1))
    # Published ahead of its writing time: it appeared when its publish-at time came.
    Story.objects.filter(slug="day-13").update(publish_at=now - datetime.timedelta(hours=1))
    first = client.get("/en/stories/?from=home")
    slugs = [story.slug for story in first.context["stories"]]
    assert slugs == ["day-13", *(f"day-{day:02}" for day in range(11))]
    html = first.content.decode()
    assert '<a rel="next" href="?from=home&amp;page=2">' in html
    assert "14 stories" in html
    second = client.get("/en/stories/?from=home&page=2")
    assert [story.slug for story in second.context["stories"]] == ["day-11", "day-12"]


def test_the_sitemap_lists_each_published_story_in_every_language():
    story = make_story(slug="shown")
    make_story(slug="zzhidden", status=Status.DRAFT)
    urls = StorySitemap().get_urls(protocol="https", site=_Site())
    assert sorted(url["location"] for url in urls) == [
        f"https://example.org/{lang}/stories/shown/" for lang in ("en", "kk", "ru")
    ]
    assert all(len(url["alternates"]) == 4 for url in urls)  # three and x-default
    assert {url["lastmod"] for url in urls} == {story.updated_at}


class _Site:
    domain = "example.org"
