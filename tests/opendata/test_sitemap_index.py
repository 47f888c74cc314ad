"""The sitemap index, written by opendata's own tag instead of Django's template loop:
the same bytes, for sections of one file and of several, with and without a time."""

import datetime

import pytest
from django.contrib.sitemaps.views import SitemapIndexItem
from django.template.loader import render_to_string
from django.utils import timezone

from tests.factories import make_event, make_heritage_item

pytestmark = pytest.mark.django_db


def _both(items) -> tuple[str, str]:
    context = {"sitemaps": items}
    return (
        render_to_string("opendata/sitemap_index.xml", context),
        render_to_string("sitemap_index.xml", context),  # django.contrib.sitemaps' own
    )


def test_the_index_is_byte_for_byte_what_djangos_template_writes(client, monkeypatch):
    from opendata.sitemaps import I18nSitemap

    monkeypatch.setattr(I18nSitemap, "limit", 4)  # addresses a file: several files a section
    for n in range(3):
        make_heritage_item(slug=f"site-{n}")
    make_event(slug="an-event")
    response = client.get("/sitemap.xml")
    ours = response.content.decode()
    items = response.context["sitemaps"]
    assert len(items) > 6 and any("?p=3" in item.location for item in items)
    assert any(item.last_mod is None for item in items)  # the static pages have no time
    assert [t.name for t in response.templates][0] == "opendata/sitemap_index.xml"
    assert ours == _both(items)[1]
    assert "<lastmod>" in ours


def test_times_in_any_zone_dates_and_addresses_to_escape_are_written_as_django_writes_them():
    a_utc_evening = datetime.datetime(2026, 3, 1, 22, 30, 5, 123456, tzinfo=datetime.UTC)
    items = [
        SitemapIndexItem("https://example.org/sitemap-a.xml", a_utc_evening),
        SitemapIndexItem("https://example.org/sitemap-a.xml?p=2&x=<1>", a_utc_evening),
        SitemapIndexItem("https://example.org/sitemap-b.xml", datetime.date(2025, 12, 31)),
        SitemapIndexItem("https://example.org/sitemap-c.xml", None),
        SitemapIndexItem("https://example.org/sitemap-d.xml", timezone.now()),
    ]
    ours, djangos = _both(items)
    assert ours == djangos
    assert "<lastmod>2026-03-02T03:30:05.123456+05:00</lastmod>" in ours  # Asia/Almaty
    assert "?p=2&amp;x=&lt;1&gt;" in ours
