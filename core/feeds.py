"""Atom and RSS feeds of each public list, filtered by the same query string as the page."""

from django.contrib.syndication.views import Feed
from django.urls import path, reverse
from django.utils.feedgenerator import Atom1Feed

FEED_SIZE = 50


class FilteredListFeed(Feed):
    """A feed of the newest published records that match the list's filters."""

    filterset_class = None
    list_url_name = ""
    title_text = ""
    description_text = ""

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def get_queryset(self):
        return self.filterset_class._meta.model.objects.published()

    def items(self):
        filterset = self.filterset_class(self.request.GET, queryset=self.get_queryset())
        if not filterset.is_valid():
            return []
        return filterset.qs.order_by("-created_at")[:FEED_SIZE]

    def title(self):
        return str(self.title_text)

    def description(self):
        return str(self.description_text)

    subtitle = description

    def link(self):
        query = self.request.GET.urlencode()
        return reverse(self.list_url_name) + (f"?{query}" if query else "")

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at


def atom(feed_class):
    """The Atom twin of an RSS feed class."""
    return type(f"{feed_class.__name__}Atom", (feed_class,), {"feed_type": Atom1Feed})


def feed_urls(feed_class) -> list:
    """The list's RSS feed at ``feed/rss/`` and its Atom twin at ``feed/atom/``."""
    return [
        path("feed/rss/", feed_class(), name="rss"),
        path("feed/atom/", atom(feed_class)(), name="atom"),
    ]
