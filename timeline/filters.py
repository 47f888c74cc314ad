import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import choice_filter

from .models import Era, Event, Theme


def theme_choices():
    """(slug, name) of each theme in the reader's language, without a model instance for
    each option."""
    return Theme.objects.values_list("slug", "name")


class EventFilter(django_filters.FilterSet):
    theme = choice_filter(
        label=_("Theme"),
        field_name="themes__slug",
        choices=theme_choices,
        empty_label=_("All themes"),
    )
    era = choice_filter(
        label=_("Era"),
        choices=Era.choices,
        empty_label=_("All eras"),
        method="filter_era",
    )

    class Meta:
        model = Event
        fields = ["theme", "era"]

    def filter_era(self, queryset, name, value):
        first, last = Era(value).years
        return queryset.filter(start_date__year__gte=first, start_date__year__lte=last)
