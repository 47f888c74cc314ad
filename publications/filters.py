import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import choice_filter
from core.widgets import NumberInput

from .models import Author, Language, Publication, PublicationKind


def author_choices():
    """(slug, name) of each author of published work, in the reader's language: no model
    instance for each option of a select that lists hundreds of them."""
    return Author.objects.with_published_work().values_list("slug", "name")


class PublicationFilter(django_filters.FilterSet):
    kind = choice_filter(
        label=_("Type"),
        choices=PublicationKind.choices,
        empty_label=_("All types"),
    )
    year = django_filters.NumberFilter(label=_("Year"), widget=NumberInput)
    language = choice_filter(
        label=_("Language"),
        choices=Language.choices,
        empty_label=_("All languages"),
    )
    author = choice_filter(
        label=_("Author"),
        field_name="authors__slug",
        choices=author_choices,
        empty_label=_("All authors"),
    )

    class Meta:
        model = Publication
        fields = ["kind", "year", "language", "author"]
