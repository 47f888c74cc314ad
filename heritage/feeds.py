from django.utils.translation import gettext_lazy as _

from core.feeds import FilteredListFeed

from .filters import HeritageItemFilter


class HeritageFeed(FilteredListFeed):
    filterset_class = HeritageItemFilter
    list_url_name = "heritage:list"
    title_text = _("Kazakhstan and UNESCO: heritage")
    description_text = _("World Heritage, intangible heritage and Memory of the World.")

    def item_title(self, item):
        return item.name
