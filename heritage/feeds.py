from django.utils.translation import gettext_lazy as _

from core.feeds import FilteredListFeed, atom

from .filters import HeritageItemFilter
from .models import HeritageItem


class HeritageFeed(FilteredListFeed):
    filterset_class = HeritageItemFilter
    list_url_name = "heritage:list"
    title_text = _("Kazakhstan and UNESCO: heritage")
    description_text = _("World Heritage, intangible heritage and Memory of the World.")

    def get_queryset(self):
        return HeritageItem.objects.published()

    def item_title(self, item):
        return item.name

    def item_description(self, item):
        return item.summary


HeritageAtomFeed = atom(HeritageFeed)
