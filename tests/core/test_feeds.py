import pytest

from core.models import Status
from heritage.models import HeritageItem
from tests.factories import make_event, make_heritage_item, make_publication, make_theme

pytestmark = pytest.mark.django_db


def test_atom_and_rss_feeds_of_published_heritage(client):
    make_heritage_item(name_en="Public site")
    make_heritage_item(name_en="Draft site", status=Status.DRAFT)
    atom = client.get("/en/heritage/feed/atom/")
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert "<title>Public site</title>" in atom.content.decode()
    assert "Draft site" not in atom.content.decode()
    rss = client.get("/en/heritage/feed/rss/")
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert "<title>Public site</title>" in rss.content.decode()


def test_feeds_follow_the_filters_and_the_language(client):
    make_heritage_item(name_en="World", name_ru="Всемирное", kind="world")
    make_heritage_item(name_en="Intangible", kind="intangible", category="")
    xml = client.get("/ru/heritage/feed/atom/?kind=world").content.decode()
    assert "<title>Всемирное</title>" in xml and "Intangible" not in xml
    assert 'xml:lang="ru"' in xml


def test_event_and_publication_feeds(client):
    education = make_theme(slug="education")
    make_event(title_en="Incheon", themes=[education])
    make_event(title_en="Other event")
    make_event(title_en="Hidden", themes=[education], status=Status.DRAFT)
    xml = client.get("/en/timeline/feed/atom/?theme=education").content.decode()
    assert "Incheon" in xml and "Other event" not in xml and "Hidden" not in xml
    make_publication(title_en="A thesis", kind="dissertation")
    assert "A thesis" in client.get("/en/publications/feed/rss/?kind=dissertation").content.decode()


def test_invalid_filters_give_an_empty_feed_not_an_error(client):
    make_heritage_item(name_en="Public site")
    response = client.get("/en/heritage/feed/atom/?kind=castle")
    assert response.status_code == 200
    assert "Public site" not in response.content.decode()


def test_list_pages_advertise_their_filtered_feed(client):
    html = client.get("/en/heritage/?kind=world").content.decode()
    assert 'type="application/atom+xml"' in html
    assert 'href="/en/heritage/feed/atom/?kind=world"' in html


def test_a_feed_reads_the_newest_records_by_their_index_without_sorting_them_all(
    client, query_plan
):
    HeritageItem.objects.bulk_create(
        HeritageItem(slug=f"item-{n}", name_en=f"Item {n}", kind="world", status="published")
        for n in range(300)
    )
    plan = query_plan(
        lambda: client.get("/en/heritage/feed/atom/"),
        table="heritage_heritageitem",
        off=("seqscan", "sort"),
    )
    assert "heritage_heritageitem_new" in plan
    assert "TEMP B-TREE" not in plan and "Sort" not in plan
