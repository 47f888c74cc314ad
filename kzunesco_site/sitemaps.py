"""sitemap.xml: every published page, in each language, with hreflang alternates."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from heritage.models import HeritageItem
from publications.models import Publication
from timeline.models import Event, Person


class I18nSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


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
        ]

    def location(self, item):
        return reverse(item)


class PublishedSitemap(I18nSitemap):
    model = None

    def items(self):
        return self.model.objects.published().order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


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


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "heritage": HeritageSitemap,
    "events": EventSitemap,
    "people": PersonSitemap,
    "publications": PublicationSitemap,
}
