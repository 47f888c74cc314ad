import django_filters
from django.utils.translation import gettext_lazy as _

from kzunesco_site.widgets import Select

from .models import Era, Event, Theme


class EventFilter(django_filters.FilterSet):
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"),
        field_name="themes",
        to_field_name="slug",
        queryset=Theme.objects.all(),
        empty_label=_("All themes"),
        widget=Select,
    )
    era = django_filters.ChoiceFilter(
        label=_("Era"),
        choices=Era.choices,
        empty_label=_("All eras"),
        method="filter_era",
        widget=Select,
    )

    class Meta:
        model = Event
        fields = ["theme", "era"]

    def filter_era(self, queryset, name, value):
        first, last = Era(value).years
        return queryset.filter(start_date__year__gte=first, start_date__year__lte=last)
