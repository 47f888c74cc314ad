from django.utils.translation import gettext_lazy as _

from core.feeds import FilteredListFeed

from .filters import PublicationFilter
from .models import Publication


class PublicationFeed(FilteredListFeed):
    filterset_class = PublicationFilter
    list_url_name = "publications:list"
    title_text = _("Kazakhstan and UNESCO: publications")
    description_text = _("Research on Kazakhstan's cooperation with UNESCO.")

    def get_queryset(self):
        return Publication.objects.published().for_listing()

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.abstract

    def item_author_name(self, item):
        return "; ".join(author.name for author in item.ordered_authors()) or None
