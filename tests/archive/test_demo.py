"""make demo-data: generated records on top of the documents', replaced on each run."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from heritage.models import HeritageItem, HeritageKind, Region
from publications.models import Publication
from timeline.models import Event

pytestmark = pytest.mark.django_db


def demo(items: int) -> str:
    out = io.StringIO()
    call_command("demo_data", "--heritage-items", str(items), stdout=out)
    return out.getvalue()


def test_demo_data_is_replaced_on_each_run_and_leaves_the_documents_alone(source_data, client):
    documents = HeritageItem.objects.count()
    assert "300 heritage items, 60 events, 30 publications" in demo(300)
    assert HeritageItem.objects.filter(slug__startswith="demo-").count() == 300
    demo(200)
    assert HeritageItem.objects.filter(slug__startswith="demo-").count() == 200
    assert Event.objects.filter(slug__startswith="demo-", themes__isnull=False).exists()
    assert Publication.objects.filter(slug__startswith="demo-", authors__isnull=False).exists()
    html = client.get("/en/heritage/?q=&kind=intangible").content.decode()
    assert "Demo heritage item" in html
    assert (
        "Generated demonstration data"
        in client.get(
            HeritageItem.objects.get(slug="demo-heritage-1").get_absolute_url()
        ).content.decode()
    )
    demo(0)
    assert HeritageItem.objects.count() == documents
    assert not Event.objects.filter(slug__startswith="demo-").exists()


def test_bulk_writes_leave_the_planner_statistics_up_to_date(source_data):
    demo(100)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'heritage_heritageitem'")
        else:
            cursor.execute(
                "SELECT count(*) FROM pg_stats WHERE tablename = 'heritage_heritageitem'"
            )
        assert cursor.fetchone()[0] > 0


def test_demo_items_are_spread_over_every_kind_and_region_together(source_data, client):
    """Filters that combine kind and region find demo items, as they would in real data."""
    demo(700)  # seven programmes by every region, drawn at random
    demo_items = HeritageItem.objects.filter(slug__startswith="demo-")
    pairs = set(demo_items.values_list("kind", "regions__slug"))
    regions = set(Region.objects.values_list("slug", flat=True))
    assert pairs == {(kind, region) for kind in HeritageKind.values for region in regions}
    html = client.get("/en/heritage/?kind=world&region=zhambyl-region").content.decode()
    assert "Demo heritage item" in html


@pytest.mark.parametrize("model", ["heritage", "event", "publication", "author"])
def test_demo_rows_are_the_rows_bulk_create_writes(model):
    """The demo data's own insert writes every column as bulk_create does: the records'
    values, modeltranslation's copy of the English ones, every other field's default."""
    from archive import demo
    from publications.models import Author

    model, make = {
        "heritage": (HeritageItem, demo._heritage_item),
        "event": (Event, demo._event),
        "publication": (Publication, demo._publication),
        "author": (Author, lambda n: {"slug": f"demo-author-{n}", "name_en": f"A {n}"}),
    }[model]
    records = [make(n) for n in range(4)]
    columns = ", ".join(
        connection.ops.quote_name(field.column)
        for field in model._meta.concrete_fields
        if field.attname not in ("id", "created_at", "updated_at")
    )

    def written() -> list[tuple]:
        # The columns as stored: modeltranslation's querysets would read "name" as the
        # active language's "name_en".
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {columns} FROM {model._meta.db_table} ORDER BY slug")
            rows = cursor.fetchall()
        model._base_manager.all().delete()
        return rows

    demo._insert_rows(model, records)
    fast = written()
    model.objects.bulk_create([model(**record) for record in records])
    assert fast == written()
    assert len(fast) == 4 and any(value not in (None, "", []) for value in fast[0][1:])
