from django.utils.translation import gettext_lazy as _

from core.feeds import FilteredListFeed

from .filters import EventFilter


class EventFeed(FilteredListFeed):
    filterset_class = EventFilter
    list_url_name = "timeline:list"
    title_text = _("Kazakhstan and UNESCO: timeline")
    description_text = _("Dated events of UNESCO's history and of Kazakhstan's cooperation.")

    def item_title(self, item):
        return f"{item.display_date} — {item.title}"
