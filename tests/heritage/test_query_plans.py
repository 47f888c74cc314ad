"""The indexes that keep the heritage pages' time flat at 100 times the data
(benchmarks/scale.py): SQLite's plan for each query those pages make. A plan that reads
the table instead of an index, or sorts every item, is what made a page grow with the
archive."""

import pytest

from core.models import Status
from editorial.services import refresh_planner_statistics
from heritage.models import HeritageItem, HeritageKind
from tests.factories import make_component, make_heritage_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def items():
    """Items of every programme, a third of them with a place, and the planner's
    statistics as imports and demo data leave them (editorial.services)."""
    kinds = HeritageKind.values
    HeritageItem.objects.bulk_create(
        HeritageItem(
            slug=f"item-{n}",
            name_en=f"Item {n}",
            kind=kinds[n % len(kinds)],
            year_inscribed=1990 + n % 30,
            status=Status.PUBLISHED,
            latitude=43 if n % 3 == 0 else None,
            longitude=68 if n % 3 == 0 else None,
        )
        for n in range(700)
    )
    refresh_planner_statistics()


def test_counts_per_programme_read_the_kind_index_alone(items, sqlite_plan):
    plan = sqlite_plan(HeritageItem.objects.published().count_by_kind)
    assert "COVERING INDEX heritage_item_by_kind" in plan
    assert "TEMP B-TREE" not in plan  # grouped in the index's order


def test_counts_per_programme_count_each_kind_and_only_the_published():
    for kind in ("world", "world", "intangible", "memory"):
        make_heritage_item(kind=kind)
    make_heritage_item(kind="world", status=Status.DRAFT)
    counts = HeritageItem.objects.published().count_by_kind()
    assert counts == {
        "world": 2, "tentative": 0, "intangible": 1, "memory": 1,
        "biosphere": 0, "geopark": 0, "creative_city": 0,
    }  # fmt: skip


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_page_far_into_the_list_skips_items_in_the_index(items, sqlite_plan, language):
    """The list's order index ends with the fields published() tests: the items before a
    deep page are skipped in the index, not read one by one from the table and tested."""
    from django.utils import translation

    with translation.override(language):
        plan = sqlite_plan(lambda: list(HeritageItem.objects.published()[30:42]))
    assert f"INDEX heritage_item_in_order_{language}" in plan
    assert "TEMP B-TREE" not in plan


def _world_heritage_in_a_region_holding(items):
    """The list filtered to World Heritage in a region that holds ``items``, with the
    planner's statistics refreshed as imports leave them."""
    from heritage.filters import HeritageItemFilter
    from tests.factories import make_region

    make_region(slug="zhambyl").heritage_items.set(items)
    refresh_planner_statistics()
    chosen = {"region": "zhambyl", "kind": "world"}
    return HeritageItemFilter(chosen, queryset=HeritageItem.objects.published()).qs


def test_a_region_filtered_page_is_read_in_the_lists_order(items, sqlite_plan):
    """A region and a programme chosen: the page is read in the order index as far as it
    goes, not every matching item gathered and sorted first."""
    listed = _world_heritage_in_a_region_holding(HeritageItem.objects.filter(kind="world"))
    plan = sqlite_plan(lambda: list(listed[:12]))
    assert "INDEX heritage_item_in_order_en" in plan
    assert "TEMP B-TREE" not in plan


def test_a_programmes_page_in_a_crowded_region_is_read_in_the_lists_order(items, sqlite_plan):
    """A region that holds items of every programme (as each region does at 100 times the
    data): the page of one programme there is still read from the order index, led by the
    programme's rank, not by reading every item of the region and sorting them."""
    listed = _world_heritage_in_a_region_holding(HeritageItem.objects.all()[::3])
    plan = sqlite_plan(lambda: list(listed[:12]))
    assert "INDEX heritage_item_in_order_en (programme_rank=?)" in plan


def test_a_programmes_page_in_a_crowded_region_is_read_in_order_on_postgresql(items, postgres_plan):
    listed = _world_heritage_in_a_region_holding(HeritageItem.objects.all()[::3])
    plan = postgres_plan(lambda: list(listed[:12]), off=("seqscan", "bitmapscan", "sort"))
    # An order index of any language: on tables this small the planner takes either.
    assert "Scan using heritage_item_in_order_" in plan
    assert "Index Cond: ((programme_rank = 0)" in plan


def _in_region(items, *, counting=False):
    from heritage.filters import HeritageItemFilter
    from tests.factories import make_region

    make_region(slug="zhambyl").heritage_items.set(items)
    refresh_planner_statistics()
    filters = HeritageItemFilter({"region": "zhambyl"}, queryset=HeritageItem.objects.published())
    assert filters.is_valid()
    return filters.count if counting else filters.qs


def test_a_crowded_regions_first_page_is_read_in_the_lists_order(items, sqlite_plan, monkeypatch):
    """A region holding many items (a tenth of the archive; at 100 times the data, 11,000):
    its first page is read from the order index, each item's links tested on their index,
    not every item of the region read from the table and sorted (18 ms against 0.2)."""
    from heritage import filters

    monkeypatch.setattr(filters, "CROWDED_REGION", 50)
    listed = _in_region(HeritageItem.objects.all()[::10])
    plan = sqlite_plan(lambda: list(listed[:12]))
    assert "INDEX heritage_item_in_order_en" in plan
    assert "TEMP B-TREE" not in plan
    assert "COVERING INDEX heritage_heritageitem_regions_heritageitem_id_region_id" in plan


def test_a_regions_few_items_are_found_from_its_links(items, sqlite_plan):
    """A region holding a dozen items: found from its links and sorted, not looked for
    through the whole order index (at 100 times the data, 70 ms for an empty region)."""
    listed = _in_region(HeritageItem.objects.all()[::60])
    plan = sqlite_plan(lambda: list(listed[:12]))
    assert "SCAN heritage_heritageitem " not in plan + " "
    assert "heritage_heritageitem_regions" in plan


def test_a_regions_total_reads_each_items_state_from_its_own_index(items, sqlite_plan):
    """A region holding a tenth of the archive (at 100 times the data, 11,485 items of
    100,054): each item's state is read from the narrow index, not from the table."""
    count = _in_region(HeritageItem.objects.all()[::10], counting=True)
    plan = sqlite_plan(count, start="SELECT COUNT")
    assert "COVERING INDEX heritage_item_public_by_id" in plan
    assert "INTEGER PRIMARY KEY" not in plan  # no item read from the table's wide rows


def test_a_region_lists_and_counts_exactly_its_published_items_once():
    from heritage.filters import HeritageItemFilter
    from tests.factories import make_region

    region, other = make_region(slug="zhambyl"), make_region()
    inside = [make_heritage_item(kind=kind) for kind in HeritageKind.values]
    inside[0].regions.add(other)  # in two regions: listed once
    make_heritage_item(status=Status.DRAFT).regions.add(region)
    make_heritage_item(publish_at="2999-01-01T00:00:00Z").regions.add(region)
    make_heritage_item().regions.add(other)
    region.heritage_items.add(*inside)
    filters = HeritageItemFilter({"region": "zhambyl"}, queryset=HeritageItem.objects.published())
    assert sorted(item.slug for item in filters.qs) == sorted(item.slug for item in inside)
    assert filters.count() == len(inside) == 7


@pytest.mark.parametrize("kind", HeritageKind.values)
def test_a_programme_chosen_lists_exactly_the_published_items_of_that_kind(kind):
    from heritage.filters import HeritageItemFilter

    for other in HeritageKind.values:
        make_heritage_item(kind=other)
        make_heritage_item(kind=other, status=Status.DRAFT)
    listed = HeritageItemFilter({"kind": kind}, queryset=HeritageItem.objects.published()).qs
    expected = HeritageItem.objects.published().filter(kind=kind)
    assert list(listed) == list(expected) and len(expected) == 1


def test_a_programmes_total_reads_the_kind_index_alone(items, sqlite_plan):
    plan = sqlite_plan(
        lambda: HeritageItem.objects.published().filter(kind="world").count(),
        start="SELECT COUNT",
    )
    assert "COVERING INDEX heritage_item_by_kind" in plan


def test_inscriptions_per_year_read_the_year_index_alone(items, sqlite_plan):
    plan = sqlite_plan(HeritageItem.objects.published().count_by_year)
    assert "COVERING INDEX heritage_item_by_year" in plan


def test_inscriptions_per_year_read_the_year_index_alone_on_postgresql(items, postgres_plan):
    plan = postgres_plan(
        HeritageItem.objects.published().count_by_year,
        off=("seqscan", "bitmapscan", "hashagg", "sort"),
    )
    assert "Scan using heritage_item_by_year" in plan  # an Index Only Scan once vacuumed


def test_inscriptions_per_year_count_the_published_items_of_each_year():
    for year in (2003, 2003, 2014):
        make_heritage_item(year_inscribed=year)
    make_heritage_item(year_inscribed=None)
    make_heritage_item(year_inscribed=2014, status=Status.DRAFT)
    assert HeritageItem.objects.published().count_by_year() == [(2003, 2), (2014, 1)]


def test_the_maps_count_reads_located_items_from_their_index(items, sqlite_plan):
    item = make_heritage_item(slug="placed-by-its-site")
    make_component(item, latitude="43.29", longitude="77.24")
    plan = sqlite_plan(HeritageItem.objects.published().count_on_map, start="SELECT COUNT")
    assert "INDEX heritage_item_located" in plan
    assert "CORRELATED" not in plan  # no test of the component sites for each item
    assert HeritageItem.objects.published().count_on_map() == 234 + 1


def test_the_maps_count_reads_located_items_from_their_index_on_postgresql(items, postgres_plan):
    plan = postgres_plan(
        HeritageItem.objects.published().count_on_map, off=("seqscan", "bitmapscan")
    )
    assert "Index Only Scan using heritage_item_located" in plan


def test_the_maps_count_is_the_number_of_items_the_map_holds():
    """Items with a place, items placed only by a located component site (counted once
    however many sites), and none of those without a place or unpublished."""
    make_heritage_item(latitude="43.3", longitude="68.27")
    placed_twice = make_heritage_item(latitude="43.3", longitude="68.27")
    make_component(placed_twice, latitude="43.29", longitude="77.24")
    by_sites = make_heritage_item()
    make_component(by_sites, latitude="43.29", longitude="77.24")
    make_component(by_sites, latitude="44.1", longitude="78.0")
    make_component(make_heritage_item(), latitude=None, longitude=None)  # no place
    make_heritage_item(latitude="43.3", longitude=None)
    make_heritage_item(latitude="43.3", longitude="68.27", status=Status.DRAFT)
    published = HeritageItem.objects.published()
    assert published.count_on_map() == published.for_map().count() == 3
