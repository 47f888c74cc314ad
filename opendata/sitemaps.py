"""sitemap.xml: an index of sitemaps that list every published page, in each language,
with hreflang alternates, a few thousand addresses a file (search engines take 50,000 at
most; one file of every record took seconds to build)."""

from collections.abc import Callable

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse
from django.utils import translation

from core.figures import remembered
from heritage.models import HeritageItem
from publications.models import Publication
from stories.models import Story
from timeline.models import Event, Person


class I18nSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    limit = 1500  # addresses a file: five hundred records in three languages

    def __init__(self):
        super().__init__()
        self._addresses = {}

    def location(self, item):
        # Django asks for each address five times (as a page and as an alternate of each
        # language's page); one reverse() each is enough. A sitemap lives for one request.
        key = (item, translation.get_language())
        if key not in self._addresses:
            self._addresses[key] = item.get_absolute_url()
        return self._addresses[key]


class StaticPagesSitemap(I18nSitemap):
    priority = 0.8
    changefreq = "weekly"

    def items(self):
        return [
            "home",
            "heritage:list",
            "timeline:list",
            "timeline:kazakhstan",
            "timeline:people",
            "publications:list",
            "stories:list",
            "about",
        ]

    def location(self, item):
        return reverse(item)


class Addresses:
    """The (record, language) pairs of an i18n sitemap, read a page at a time. Django's own
    pairs every record with every language before taking a page, for every page and for
    the index: six seconds for 100,000 records."""

    def __init__(self, records, languages: list[str], record_count: Callable[[], int]):
        self.records, self.languages, self.record_count = records, languages, record_count
        self.length = None

    def __len__(self) -> int:
        if self.length is None:
            self.length = self.record_count() * len(self.languages)
        return self.length

    def __getitem__(self, page: slice) -> list:
        each = len(self.languages)
        first_record = page.start // each
        records = self.records[first_record : -(-page.stop // each)]
        pairs = [(record, code) for record in records for code in self.languages]
        start = page.start - first_record * each
        return pairs[start : start + page.stop - page.start]


class PublishedSitemap(I18nSitemap):
    model = None

    def _items(self):
        return Addresses(self.items(), self._languages(), self.record_count)

    def items(self):
        # What an address and its date need, not the records' texts in three languages.
        return self.model.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at

    def record_count(self) -> int:
        """How many records the files list, remembered until the content changes
        (core/figures.py): the index asks it of every kind of record, and at 100,000
        records counting them was most of the index's time."""
        return remembered(f"sitemap:{self.model._meta.label_lower}:count", self.items().count)

    def get_latest_lastmod(self):
        return remembered(f"sitemap:{self.model._meta.label_lower}:latest", self.latest_change)

    def latest_change(self):
        return self.model.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class HeritageSitemap(PublishedSitemap):
    model = HeritageItem
    priority = 0.7


class EventSitemap(PublishedSitemap):
    model = Event


class PersonSitemap(PublishedSitemap):
    model = Person


class PublicationSitemap(PublishedSitemap):
    model = Publication
    priority = 0.6


class StorySitemap(PublishedSitemap):
    model = Story
    priority = 0.6


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "heritage": HeritageSitemap,
    "events": EventSitemap,
    "people": PersonSitemap,
    "publications": PublicationSitemap,
    "stories": StorySitemap,
}
