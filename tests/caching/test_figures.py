"""The counts per programme, kept for one generation of the public pages' cache
(core/figures.py, caching/figures.py): never one a visitor would see go stale."""

import datetime
import re
import time

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import Status
from editorial.services import set_status
from heritage.models import HeritageItem
from tests.factories import make_heritage_item

pytestmark = pytest.mark.django_db

LIST = "/en/heritage/"


@pytest.fixture(autouse=True)
def kept_figures(settings, fresh_generation):
    """Figures kept, pages not: each visit renders the page afresh."""
    settings.FIGURES_CACHE_SECONDS = 600


def world_heritage_tab() -> int | None:
    """The count on the list's World Heritage tab (None: no tab, none published)."""
    html = Client().get(LIST).content.decode()
    found = re.search(r'\?kind=world"[^>]*>[^<]*<span class="count">(\d+)</span>', html)
    return int(found.group(1)) if found else None


def counting_queries(url: str) -> list[str]:
    """The queries of a visit to ``url`` that count the published items per programme."""
    with CaptureQueriesContext(connection) as visit:
        assert Client().get(url).status_code == 200
    return [sql for q in visit.captured_queries if "GROUP BY" in (sql := q["sql"])]


@pytest.mark.parametrize("url", [LIST, "/en/", "/en/about/"])
def test_the_counts_are_read_once_for_every_page_that_shows_them(url, settings):
    make_heritage_item(kind="world")
    assert len(counting_queries(url)) == 1
    assert counting_queries(LIST) == counting_queries("/en/") == []
    settings.FIGURES_CACHE_SECONDS = 0
    assert len(counting_queries(url)) == 1


def test_a_publication_changes_the_counts_at_once(django_capture_on_commit_callbacks):
    item = make_heritage_item(kind="world", status=Status.REVIEW)
    make_heritage_item(kind="world")
    assert world_heritage_tab() == 1
    with django_capture_on_commit_callbacks(execute=True):
        set_status(queryset=HeritageItem.objects.filter(pk=item.pk), status=Status.PUBLISHED)
    assert world_heritage_tab() == 2
    assert "<strong>2</strong> World Heritage properties" in Client().get("/en/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        set_status(queryset=HeritageItem.objects.filter(pk=item.pk), status=Status.DRAFT)
    assert world_heritage_tab() == 1


def test_a_scheduled_item_is_counted_when_its_time_comes():
    make_heritage_item(kind="world")
    due = timezone.now() + datetime.timedelta(seconds=1.5)
    make_heritage_item(kind="world", publish_at=due)
    assert world_heritage_tab() == 1
    time.sleep(max(0, (due - timezone.now()).total_seconds()) + 0.1)
    assert world_heritage_tab() == 2


def test_without_a_reachable_cache_the_counts_are_counted(caplog):
    make_heritage_item(kind="world")
    unreachable = {
        "BACKEND": "caching.backends.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
    }
    with override_settings(CACHES={"default": unreachable}, PAGE_CACHE_STATE="cache"):
        assert world_heritage_tab() == 1
    assert "Figures cache unavailable" in caplog.text
