"""The counts many pages show (per programme, a filtered list's total, the facts page's
charts), kept for one generation of the public pages' cache (core/figures.py,
caching/figures.py): never one a visitor would see go stale."""

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
from tests.factories import make_event, make_heritage_item, make_region

pytestmark = pytest.mark.django_db

LIST = "/en/heritage/"
FACTS = "/en/timeline/kazakhstan-and-unesco/"


@pytest.fixture(autouse=True)
def kept_figures(settings, fresh_generation):
    """Figures kept, pages not: each visit renders the page afresh."""
    settings.FIGURES_CACHE_SECONDS = 600


def world_heritage_tab() -> int | None:
    """The count on the list's World Heritage tab (None: no tab, none published)."""
    html = Client().get(LIST).content.decode()
    found = re.search(r'\?kind=world"[^>]*>[^<]*<span class="count">(\d+)</span>', html)
    return int(found.group(1)) if found else None


def counting_queries(url: str, counting: str = "GROUP BY") -> list[str]:
    """The queries of a visit to ``url`` that count: by default, the grouped counts (per
    programme, per year, per decade)."""
    with CaptureQueriesContext(connection) as visit:
        assert Client().get(url).status_code == 200
    return [sql for q in visit.captured_queries if counting in (sql := q["sql"])]


def table_figure(url: str, row_id: str) -> int | None:
    """The number in the row ``row_id`` of a chart's table (None: no such row)."""
    html = Client().get(url).content.decode()
    found = re.search(rf'<tr id="{row_id}"><th scope="row">[^<]*</th><td>(\d+)</td>', html)
    return int(found.group(1)) if found else None


def items_found(url: str) -> int:
    html = Client().get(url).content.decode()
    return int(re.search(r"(\d+) items?\b", html).group(1))


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


def test_the_facts_pages_charts_are_counted_once(settings):
    make_heritage_item(kind="world", year_inscribed=2003)
    make_event(start_date=datetime.date(1992, 6, 1))
    first = counting_queries(FACTS)
    # per programme (the World Heritage total), per year, per decade
    assert len(first) == 3
    assert counting_queries(FACTS) == []
    assert table_figure(FACTS, "inscriptions-2003") == 1
    assert table_figure(FACTS, "decade-1990") == 1
    settings.FIGURES_CACHE_SECONDS = 0
    assert len(counting_queries(FACTS)) == 3


def test_the_facts_pages_charts_follow_a_publication(django_capture_on_commit_callbacks):
    from timeline.models import Event

    make_heritage_item(kind="world", year_inscribed=2003)
    item = make_heritage_item(kind="world", year_inscribed=2003, status=Status.REVIEW)
    make_event(start_date=datetime.date(1992, 6, 1))
    event = make_event(start_date=datetime.date(1997, 1, 1), status=Status.REVIEW)
    assert table_figure(FACTS, "inscriptions-2003") == 1
    assert table_figure(FACTS, "decade-1990") == 1
    with django_capture_on_commit_callbacks(execute=True):
        set_status(queryset=HeritageItem.objects.filter(pk=item.pk), status=Status.PUBLISHED)
        set_status(queryset=Event.objects.filter(pk=event.pk), status=Status.PUBLISHED)
    assert table_figure(FACTS, "inscriptions-2003") == 2
    assert table_figure(FACTS, "decade-1990") == 2


def test_a_regions_total_is_counted_once_for_its_filters(django_capture_on_commit_callbacks):
    region, other = make_region(), make_region()
    make_heritage_item(kind="world", regions=[region])
    make_heritage_item(kind="ich", regions=[region])
    make_heritage_item(kind="world", regions=[other])
    draft = make_heritage_item(kind="world", regions=[region], status=Status.REVIEW)
    in_region = f"{LIST}?region={region.slug}"
    world_in_region = f"{in_region}&kind=world"
    first = counting_queries(in_region, "COUNT(")
    assert [sql for sql in first if region.slug in sql] != []  # the region's, and the tabs'
    assert counting_queries(in_region, "COUNT(") == []
    # other filters, another count; each exactly its own
    assert items_found(world_in_region) == 1
    assert items_found(f"{LIST}?region={other.slug}") == 1
    assert items_found(f"{world_in_region}&year_min=1900&year_max=2100") == 1
    assert items_found(in_region) == 2
    with django_capture_on_commit_callbacks(execute=True):
        set_status(queryset=HeritageItem.objects.filter(pk=draft.pk), status=Status.PUBLISHED)
    assert items_found(in_region) == 3
    assert items_found(world_in_region) == 2


def test_the_sitemap_index_counts_once_and_follows_a_publication(
    monkeypatch, django_capture_on_commit_callbacks
):
    from opendata.sitemaps import HeritageSitemap

    monkeypatch.setattr(HeritageSitemap, "limit", 3)  # a file a record, in three languages
    make_heritage_item()
    draft = make_heritage_item(status=Status.REVIEW)

    def heritage_files() -> list[str]:
        xml = Client().get("/sitemap.xml").content.decode()
        return re.findall(r"<loc>[^<]*/sitemap-heritage\.xml(\?p=\d+)?</loc>", xml)

    assert len(counting_queries("/sitemap.xml", "COUNT(")) > 0
    assert counting_queries("/sitemap.xml", "COUNT(") == []
    assert counting_queries("/sitemap.xml", "MAX(") == []
    assert heritage_files() == [""]
    with django_capture_on_commit_callbacks(execute=True):
        set_status(queryset=HeritageItem.objects.filter(pk=draft.pk), status=Status.PUBLISHED)
    assert heritage_files() == ["", "?p=2"]
