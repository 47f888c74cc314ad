import django_filters
from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from core.filters import choice_filter

from .models import Era, Event, Theme, Track


def theme_choices():
    """(slug, name) of each theme in the reader's language, without a model instance for
    each option."""
    return Theme.objects.values_list("slug", "name")


class EventFilter(django_filters.FilterSet):
    theme = choice_filter(
        label=_("Theme"),
        choices=theme_choices,
        empty_label=_("All themes"),
        method="filter_theme",
    )
    era = choice_filter(
        label=_("Era"),
        choices=Era.choices,
        empty_label=_("All eras"),
        method="filter_era",
    )

    track = django_filters.ChoiceFilter(
        label=_("Track"),
        choices=Track.choices,
        empty_label=None,
        method="filter_track",
        widget=forms.HiddenInput,  # chosen by the tabs above the list, kept by the form
    )

    class Meta:
        model = Event
        fields = ["theme", "era", "track"]

    default_track = Track.ALL

    def __init__(self, data=None, *args, **kwargs):
        # No track asked for: the default one, unless an era is chosen (it has its years).
        asked = data or QueryDict()
        if not asked.get("track") and not asked.get("era"):
            data = asked.copy()
            data["track"] = self.default_track
        super().__init__(data, *args, **kwargs)

    def filter_theme(self, queryset, name, value):
        return queryset.in_theme(value)

    def filter_era(self, queryset, name, value):
        first, last = Era(value).years
        return queryset.filter(start_date__year__gte=first, start_date__year__lte=last)

    def filter_track(self, queryset, name, value):
        first, last = Track(value).years
        return queryset.filter(start_date__year__gte=first, start_date__year__lte=last)


class TimelineFilter(EventFilter):
    """The timeline page opens on Kazakhstan and UNESCO; UNESCO's earlier history is a
    track of its own, one click away."""

    default_track = Track.KAZAKHSTAN
