"""The facts page's events per decade at 100 times the data: read from an index alone."""

import datetime

import pytest

from core.models import Status
from editorial.services import refresh_planner_statistics
from tests.factories import make_event, make_heritage_item, make_theme
from timeline.models import Event, Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def dated_events():
    """500 events from 1945 on, every tenth a draft."""
    Event.objects.bulk_create(
        Event(
            slug=f"event-{n}",
            title_en=f"Event {n}",
            start_date=datetime.date(1945 + n % 80, 1 + n % 12, 1),
            status=Status.PUBLISHED if n % 10 else Status.DRAFT,
        )
        for n in range(500)
    )
    refresh_planner_statistics()


def test_events_per_decade_read_the_dates_index_alone(dated_events, sqlite_plan):
    plan = sqlite_plan(Event.objects.published().count_by_decade)
    assert "COVERING INDEX timeline_event_dated" in plan
    # 1945–1949: 35 events, 7 of them drafts (n % 10 == 0)
    assert Event.objects.published().count_by_decade()[1940] == 28


def test_events_per_decade_count_every_published_event_once(dated_events):
    """Dates counted, not ids (every event has a start date): the same figures."""
    decades = Event.objects.published().count_by_decade()
    assert sorted(decades) == [1940, 1950, 1960, 1970, 1980, 1990, 2000, 2010, 2020]
    assert sum(decades.values()) == 450 == Event.objects.published().count()


def test_a_themes_events_are_found_from_its_links_not_by_reading_every_event(sqlite_plan):
    Event.objects.bulk_create(
        Event(
            slug=f"event-{n}",
            title_en=f"Event {n}",
            start_date=datetime.date(1945, 1, 1),
            status=Status.PUBLISHED,
        )
        for n in range(500)
    )
    theme = Theme.objects.create(slug="kazakhstan-unesco", name_en="Kazakhstan and UNESCO")
    theme.events.add(*Event.objects.order_by("pk")[:20])
    refresh_planner_statistics()
    plan = sqlite_plan(lambda: list(Event.objects.published().in_theme("kazakhstan-unesco")))
    assert "SEARCH timeline_event USING INTEGER PRIMARY KEY" in plan
    assert "SCAN timeline_event" not in plan
    assert Event.objects.published().in_theme("kazakhstan-unesco").count() == 20


def test_milestones_are_the_themes_events_linked_to_no_heritage_item():
    theme = make_theme(slug="kazakhstan-unesco")
    draft_site = make_heritage_item(status=Status.DRAFT)
    make_event(slug="alone", themes=[theme])
    make_event(slug="told-by-a-site", themes=[theme], heritage_items=[make_heritage_item()])
    make_event(slug="told-by-a-draft", themes=[theme], heritage_items=[draft_site])
    make_event(slug="other-theme", themes=[make_theme()])
    make_event(slug="draft", themes=[theme], status=Status.DRAFT)
    milestones = Event.objects.published().milestones("kazakhstan-unesco")
    assert [event.slug for event in milestones] == ["alone"]


def test_milestones_read_only_the_events_their_links_leave(sqlite_plan):
    """At 100 times the data the theme holds thousands of events, nearly all told by a
    heritage item: the links decide before an event is read."""
    theme = make_theme(slug="kazakhstan-unesco")
    told = Event.objects.bulk_create(
        Event(
            slug=f"event-{n}",
            title_en=f"Event {n}",
            start_date=datetime.date(1945, 1, 1),
            status=Status.PUBLISHED,
        )  # fmt: skip
        for n in range(300)
    )
    theme.events.add(*told)
    make_heritage_item().events.add(*told[1:])
    refresh_planner_statistics()
    plan = sqlite_plan(lambda: list(Event.objects.published().milestones("kazakhstan-unesco")))
    assert "CORRELATED SCALAR SUBQUERY" in plan and "timeline_event_heritage_items" in plan
    assert "LEFT-JOIN" not in plan and "SCAN timeline_event" not in plan
    assert [e.slug for e in Event.objects.published().milestones("kazakhstan-unesco")] == [
        "event-0"
    ]
