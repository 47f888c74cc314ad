from django.utils.translation import gettext_lazy as _

from core.feeds import FilteredListFeed, atom

from .filters import EventFilter
from .models import Event


class EventFeed(FilteredListFeed):
    filterset_class = EventFilter
    list_url_name = "timeline:list"
    title_text = _("Kazakhstan and UNESCO: timeline")
    description_text = _("Dated events of UNESCO's history and of Kazakhstan's cooperation.")

    def get_queryset(self):
        return Event.objects.published()

    def item_title(self, item):
        return f"{item.display_date} — {item.title}"

    def item_description(self, item):
        return item.summary


EventAtomFeed = atom(EventFeed)
