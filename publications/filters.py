import django_filters
from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.filters import choice_filter
from core.widgets import NumberInput, Select

from .models import Author, Authorship, Language, Publication, PublicationKind

# Beyond this many authors a drop-down is no longer read, only scrolled, and it grows the
# page with the archive: the reader types a name instead.
AUTHORS_TO_CHOOSE_FROM = 200


def author_choices():
    """(slug, name) of each author of published work, in the reader's language: no model
    instance for each option of a select that lists hundreds of them."""
    return Author.objects.with_published_work().values_list("slug", "name")


class AuthorFilter(django_filters.CharFilter):
    """An author: by slug (chosen in the drop-down, or a link from a work's page) or, typed
    where there are too many authors to list, by a part of their name in any language."""

    def filter(self, qs, value):
        if not value:
            return qs
        if Author.objects.filter(slug=value).exists():  # that author alone, not names like it
            named = Q(author__slug=value)
        else:
            named = Q()
            for code in settings.MODELTRANSLATION_LANGUAGES:
                named |= Q(**{f"author__name_{code}__icontains": value})
        return qs.filter(pk__in=Authorship.objects.filter(named).values("publication"))


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
    author = AuthorFilter(label=_("Author"))

    class Meta:
        model = Publication
        fields = ["kind", "year", "language", "author"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = list(author_choices()[: AUTHORS_TO_CHOOSE_FROM + 1])
        if len(choices) <= AUTHORS_TO_CHOOSE_FROM:
            widget = Select(choices=[("", _("All authors")), *choices])
        else:
            widget = forms.TextInput(attrs={"type": "search", "placeholder": _("Author’s name")})
        self.filters["author"].extra["widget"] = widget
