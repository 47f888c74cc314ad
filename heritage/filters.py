import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from core.figures import remembered
from core.filters import choice_filter
from core.widgets import NumberInput

from .models import Category, HeritageItem, HeritageKind, Region, programme_rank


class YearRangeWidget(django_filters.widgets.RangeWidget):
    """Two year boxes, each with its own visible label, grouped under the filter's legend."""

    template_name = "includes/widgets/range.html"
    part_labels = (_("from"), _("to"))

    def __init__(self, attrs=None):
        super().__init__(attrs={"inputmode": "numeric", "size": 6, **(attrs or {})})
        self.widgets = [NumberInput(attrs=self.attrs), NumberInput(attrs=self.attrs)]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for subwidget, label in zip(context["widget"]["subwidgets"], self.part_labels, strict=True):
            subwidget["part_label"] = label
        return context


def region_choices():
    """(slug, name) of each region in the reader's language, without a model instance for
    each option (0.6–1 ms of the heritage list's 10)."""
    return Region.objects.values_list("slug", "name")


# Items in a region from which its page is read in the list's order rather than sorted.
CROWDED_REGION = 1000


class HeritageItemFilter(django_filters.FilterSet):
    kind = choice_filter(
        label=_("Kind"),
        choices=HeritageKind.choices,
        empty_label=_("All kinds"),
        method="filter_programme",
    )
    category = choice_filter(
        label=_("Category"),
        choices=Category.choices,
        empty_label=_("All categories"),
    )
    year = django_filters.RangeFilter(
        label=_("Year inscribed"), field_name="year_inscribed", widget=YearRangeWidget
    )
    region = choice_filter(
        label=_("Region"),
        field_name="regions__slug",
        choices=region_choices,
        empty_label=_("All regions"),
        method="filter_region",
    )

    class Meta:
        model = HeritageItem
        fields = ["kind", "category", "year", "region"]

    counting = False

    def filter_programme(self, queryset, name, value):
        """For a page, the programme's rank rather than the kind it is stored for: the rank
        leads the list's order index, so a page of one programme is read from that index
        in order, with a region too (tested on the kind, SQLite read every item of the
        region and sorted them: 18 ms against 0.2 at 100,000 items). For a count, the
        kind: its own index answers it (count())."""
        if self.counting:
            return queryset.filter(kind=value)
        return queryset.filter(programme_rank=programme_rank(value))

    def filter_region(self, queryset, name, value):
        """A region holding many items: its page is read in the list's order index, each
        item's links tested on their index, and stops at a page (0.2 ms at 100,000 items
        for a region of 11,000, where reading them all and sorting took 18). A region
        holding few: its links give its items, soon sorted; the order index would be read
        far for each one found. A count always goes through the links (count())."""
        links = HeritageItem.regions.through.objects.filter(region__slug=value)
        if self.counting or not links[CROWDED_REGION:].exists():
            return queryset.filter(regions__slug=value)
        return queryset.filter(Exists(links.filter(heritageitem=OuterRef("pk"))))

    def count(self) -> int:
        """How many items the filters list, remembered for these filters until the content
        changes (core/figures.py): a region's total is counted through its links, every
        published item's state read (27–32 ms on PostgreSQL for a region of 11,000)."""
        key = "&".join(f"{name}={shown_in_key(value)}" for name, value in self.chosen())
        return remembered(f"heritage:count:{key}", self.count_now)

    def chosen(self) -> list[tuple[str, object]]:
        """The filters given a value, by name (none for a list not filtered)."""
        if not self.is_bound:
            return []
        return sorted((name, value) for name, value in self.form.cleaned_data.items() if value)

    def count_now(self) -> int:
        """Counted with the programme tested on the kind: SQLite counts the items of a
        programme in a region from the kind's index, 5 ms at 100,000 items, where the rank
        sent it through the region's links (28 ms); and a region from its links, each
        item's state read from its own index."""
        self.counting = True
        try:
            return self.filter_queryset(self.queryset).count()
        finally:
            self.counting = False


def shown_in_key(value) -> str:
    """A filter's value in a cache key: a year range as 1990-2000 (either end may be open)."""
    if isinstance(value, slice):
        start, stop = ("" if end is None else end for end in (value.start, value.stop))
        return f"{start}-{stop}"
    return str(value)
