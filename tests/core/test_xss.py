"""An XSS corpus in every text field of every public model, in every language, written
straight to the database (as loaddata or a careless script would), must render inert on
every public page."""

from html.parser import HTMLParser

import pytest
from django.db import models

from core.models import Status
from heritage.models import ComponentSite, HeritageItem, Region
from publications.models import Author, Publication
from tests.factories import (
    make_author,
    make_component,
    make_event,
    make_heritage_item,
    make_publication,
    make_region,
    make_theme,
)
from timeline.models import Anniversary, Event, Figure, Person, Theme

pytestmark = pytest.mark.django_db

CORPUS = " ".join(
    [
        '<script>alert("x1")</script>',
        '"><img src=x onerror=alert("x2")>',
        "'><svg onload=alert('x3')>",
        "<a href=\"javascript:alert('x4')\">link</a>",
        '</script><script>alert("x5")</script>',
        '<iframe src="javascript:alert(6)"></iframe>',
        "<p style=\"background:url('javascript:alert(7)')\">s</p>",
    ]
)
FORBIDDEN_TAGS = {"iframe", "object", "embed", "svg", "img", "style", "base"}
DATA_SCRIPTS = {"application/ld+json", "application/json"}


def poison(instance: models.Model) -> None:
    for field in instance._meta.concrete_fields:
        textual = isinstance(field, (models.CharField, models.TextField))
        if not textual or field.choices or isinstance(field, models.SlugField):
            continue
        value = CORPUS[: field.max_length] if field.max_length else CORPUS
        setattr(instance, field.attname, value)
    instance.save()


@pytest.fixture
def poisoned():
    region, theme = make_region(), make_theme()
    item = make_heritage_item(regions=[region], latitude="43.3", longitude="68.2")
    make_component(item, region=region)
    author = make_author()
    publication = make_publication(authors=[author])
    event = make_event(themes=[theme], heritage_items=[item], publications=[publication])
    person = Person.objects.create(slug="person", status=Status.PUBLISHED)
    event.people.add(person)
    Anniversary.objects.create(ordinal="1", status=Status.PUBLISHED)
    Figure.objects.create(value=1, group="chairs", status=Status.PUBLISHED)
    for model in (
        Region,
        HeritageItem,
        ComponentSite,
        Theme,
        Event,
        Person,
        Anniversary,
        Figure,
        Author,
        Publication,
    ):
        for instance in model.objects.all():
            poison(instance)
    return {"item": item, "event": event, "person": person, "publication": publication}


class Inspector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._script_type: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.problems.append(f"<{tag} {name}=javascript:…>")
            if name == "style" and "javascript" in (value or ""):
                self.problems.append(f"<{tag} style=…javascript…>")
        ours = (tag == "img" and attrs.get("src", "").startswith("/")) or (
            tag == "svg"
            and (
                attrs.get("focusable") == "false"  # the charts' bars, the legend's symbols
                or "map-thumbnail" in (attrs.get("class") or "").split()  # drawn by the server
            )
        )
        if tag in FORBIDDEN_TAGS and not ours:
            self.problems.append(f"<{tag}>")
        executable = attrs.get("type") not in DATA_SCRIPTS
        if tag == "script" and executable and not attrs.get("src", "").startswith("/static/"):
            self.problems.append(f"<script {attrs}>")


def test_the_corpus_renders_inert_on_every_public_page(client, poisoned):
    urls = [
        "/en/",
        "/ru/",
        "/en/heritage/",
        "/en/heritage/map/",
        poisoned["item"].get_absolute_url(),
        "/en/timeline/",
        poisoned["event"].get_absolute_url(),
        "/en/timeline/people/",
        poisoned["person"].get_absolute_url(),
        "/en/timeline/kazakhstan-and-unesco/",
        "/en/publications/",
        poisoned["publication"].get_absolute_url(),
        "/en/search/?q=alert",
        "/en/search/?q=" + CORPUS,
        "/en/heritage/?region=%3Cscript%3E",
    ]
    problems = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        inspector = Inspector()
        inspector.feed(response.content.decode())
        if inspector.problems:
            problems[url] = inspector.problems
    assert problems == {}


@pytest.mark.parametrize(
    "url",
    [
        "/en/heritage/feed/atom/",
        "/en/timeline/feed/rss/",
        "/en/publications/feed/atom/",
        "/sitemap.xml",
        "/sitemap-events.xml",
        "/en/timeline/timelinejs.json",  # TimelineJS shows its text fields as HTML
    ],
)
def test_feeds_and_timelinejs_carry_the_corpus_escaped(client, poisoned, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_the_api_serves_the_corpus_as_data_never_as_a_page(client, poisoned):
    response = client.get("/api/v1/events/")
    assert response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert CORPUS in [event["title_en"] for event in response.json()["results"]]


def test_rich_text_keeps_formatting_but_loses_the_payload(client, poisoned):
    event = poisoned["event"]
    event.body_en = (
        '<p>Kept <strong>bold</strong> <a href="https://unesco.org">link</a></p>' + CORPUS
    )
    event.save()
    html = client.get(event.get_absolute_url()).content.decode()
    assert "<strong>bold</strong>" in html
    assert '<a href="https://unesco.org">link</a>' in html
    inspector = Inspector()
    inspector.feed(html)
    assert inspector.problems == []
