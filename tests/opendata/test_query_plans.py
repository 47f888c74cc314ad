"""The sitemap index at 100 times the data: each section's latest change is read from the
newest end of an index, not from every record."""

import datetime

import pytest

from core.models import Status
from editorial.services import refresh_planner_statistics
from opendata.sitemaps import SITEMAPS, PublishedSitemap
from tests.factories import make_event, make_heritage_item, make_publication
from timeline.models import Event

pytestmark = pytest.mark.django_db

REQUIRED = {Event: {"start_date": datetime.date(2000, 1, 1)}}
SECTIONS = [name for name, sitemap in SITEMAPS.items() if issubclass(sitemap, PublishedSitemap)]


@pytest.mark.parametrize("section", SECTIONS)
def test_a_sections_latest_change_is_read_from_an_index(section, sqlite_plan):
    """With the planner's statistics as imports leave them (a few hundred records)."""
    sitemap = SITEMAPS[section]()
    model = sitemap.model
    model.objects.bulk_create(
        model(slug=f"record-{n}", status=Status.PUBLISHED, **REQUIRED.get(model, {}))
        for n in range(300)
    )
    refresh_planner_statistics()
    plan = sqlite_plan(sitemap.get_latest_lastmod)
    assert f"COVERING INDEX {sitemap.model._meta.db_table}_upd" in plan


def test_a_sections_latest_change_is_its_newest_published_records():
    older, newer = make_heritage_item(), make_heritage_item()
    draft = make_heritage_item(status="draft")
    draft.save()  # changed last, but not public
    make_event(), make_publication()
    newer.save()
    assert (
        SITEMAPS["heritage"]().get_latest_lastmod()
        == type(newer).objects.get(pk=newer.pk).updated_at
    )
    assert older.updated_at < newer.updated_at
