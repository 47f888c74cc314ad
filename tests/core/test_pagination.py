"""core.pagination: a page read by its ids first shows what a plain slice of the list
shows, in one query, and finds its ids in the list's order index alone."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from core.models import Status
from core.pagination import IdsFirstPaginator
from editorial.services import refresh_planner_statistics
from heritage.models import HeritageItem, HeritageKind
from tests.factories import make_heritage_item, make_region

pytestmark = pytest.mark.django_db


@pytest.fixture
def items():
    """81 public items of every programme over a few years, and 9 not public."""
    kinds = HeritageKind.values
    HeritageItem.objects.bulk_create(
        HeritageItem(
            slug=f"item-{n}",
            name_en=f"Item {n % 9}",
            name_kk=f"Нысан {n % 9}",
            kind=kinds[n % len(kinds)],
            year_inscribed=2000 + n % 4,
            status=Status.DRAFT if n % 10 == 0 else Status.PUBLISHED,
        )
        for n in range(90)
    )
    refresh_planner_statistics()


def _names(records) -> list[str]:
    return [item.slug for item in records]


@pytest.mark.parametrize("language", ["kk", "en"])
def test_every_page_holds_the_records_a_slice_of_the_list_holds(items, language):
    with translation.override(language):
        listed = HeritageItem.objects.published().for_listing()
        every = _names(listed)
        paginator = IdsFirstPaginator(listed, 12, orphans=9)
        pages = [_names(paginator.page(n)) for n in paginator.page_range]
    assert len(every) == 81
    assert [len(page) for page in pages] == [12, 12, 12, 12, 12, 21]  # the orphans join
    assert sum(pages, []) == every  # the same records in the same order, none twice


def test_records_whose_order_ties_are_each_on_one_page_read_forwards_or_backwards():
    """The id ends the order: the pages read from the start and those read from the end
    split records with the same programme, year and name alike."""
    HeritageItem.objects.bulk_create(
        HeritageItem(slug=f"same-{n}", name_en="Same", kind="world", year_inscribed=2000,
                     status=Status.PUBLISHED)
        for n in range(30)
    )  # fmt: skip
    paginator = IdsFirstPaginator(HeritageItem.objects.published(), 7)
    pages = [[item.pk for item in paginator.page(n)] for n in paginator.page_range]
    assert [len(page) for page in pages] == [7, 7, 7, 7, 2]
    assert sum(pages, []) == sorted(HeritageItem.objects.values_list("pk", flat=True))


def test_a_page_is_one_query_and_keeps_the_lists_filters_and_prefetches(items):
    region = make_region(slug="zhambyl")
    chosen = HeritageItem.objects.filter(kind="world", status=Status.PUBLISHED)
    region.heritage_items.set(chosen)
    listed = HeritageItem.objects.published().filter(regions=region).for_listing()
    paginator = IdsFirstPaginator(listed, 5)
    assert paginator.count == 11  # counted before
    with CaptureQueriesContext(connection) as queries:
        page = list(paginator.page(2))
    assert len(queries) == 1 + 3  # the page, then its regions, images and sites
    assert _names(page) == _names(listed)[5:10]
    assert all(item.region_list == [region] for item in page)


def test_a_page_past_the_last_is_refused_as_by_djangos_paginator(items):
    from django.core.paginator import EmptyPage

    with pytest.raises(EmptyPage):
        IdsFirstPaginator(HeritageItem.objects.published(), 12).page(8)


def test_the_heritage_list_shows_its_last_page(client, items):
    make_heritage_item(slug="zz-last", name="Zzz", kind="creative_city", year_inscribed=2100)
    response = client.get("/en/heritage/?page=last")
    assert response.status_code == 200
    shown = _names(response.context["items"])
    assert shown[-1] == "zz-last"
    assert shown == _names(HeritageItem.objects.published())[72:]


@pytest.mark.parametrize("number", [2, 6])  # read from the start, and from the end
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_pages_ids_come_from_the_order_index_on_sqlite(items, sqlite_plan, language, number):
    with translation.override(language):
        paginator = IdsFirstPaginator(HeritageItem.objects.published(), 12)
        assert paginator.count == 81  # counted before
        plan = sqlite_plan(lambda: list(paginator.page(number)), start='SELECT "heritage')
    # SQLite names no index on a generated column (programme_rank) "covering", but reads
    # only the index while nothing else of the table is asked for: the ids.
    assert f"SCAN U0 USING INDEX heritage_item_in_order_{language}" in plan
    assert "TEMP B-TREE" not in plan


@pytest.mark.parametrize("number", [2, 6])  # read from the start, and from the end
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_pages_ids_come_from_the_order_index_on_postgresql(
    items, postgres_plan, language, number
):
    with translation.override(language):
        paginator = IdsFirstPaginator(HeritageItem.objects.published(), 12)
        assert paginator.count == 81  # counted before
        plan = postgres_plan(
            lambda: list(paginator.page(number)),
            off=("seqscan", "bitmapscan", "sort", "incremental_sort"),
        )
    # An Index Only Scan (Backward, for a page nearer the end) once the table is vacuumed
    # (benchmarks/scale.py), as autovacuum leaves it; a test's rows are too new for the
    # planner to count on that.
    assert f'using heritage_item_in_order_{language} on heritage_heritageitem "U0"' in plan
