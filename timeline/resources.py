from core.resources import PROVENANCE_FIELDS, ManyBySlugField, SlugResource, translated
from heritage.models import HeritageItem
from heritage.resources import source_document_field
from publications.models import Publication

from .models import Anniversary, Event, Figure, Person, Theme


class ThemeResource(SlugResource):
    class Meta(SlugResource.Meta):
        model = Theme
        fields = ("slug", *translated("name", "description"), "order")


class PersonResource(SlugResource):
    source_document = source_document_field()

    class Meta(SlugResource.Meta):
        model = Person
        fields = (
            "slug",
            "status",
            *translated("name", "role", "biography"),
            "born",
            "died",
            "source_document",
            *PROVENANCE_FIELDS,
        )


class EventResource(SlugResource):
    themes = ManyBySlugField(Theme, "themes")
    heritage_items = ManyBySlugField(HeritageItem, "heritage_items")
    publications = ManyBySlugField(Publication, "publications")
    people = ManyBySlugField(Person, "people")
    source_document = source_document_field()

    class Meta(SlugResource.Meta):
        model = Event
        fields = (
            "slug",
            "status",
            *translated("title", "summary", "body"),
            "start_date",
            "end_date",
            "precision",
            "themes",
            "heritage_items",
            "publications",
            "people",
            "source_document",
            *PROVENANCE_FIELDS,
        )


class AnniversaryResource(SlugResource):
    source_document = source_document_field()

    class Meta(SlugResource.Meta):
        model = Anniversary
        fields = (
            "slug",
            "status",
            *translated("subject", "description"),
            "ordinal",
            "kind",
            "year_celebrated",
            *translated("joint_with"),
            "order",
            "source_document",
            *PROVENANCE_FIELDS,
        )


class FigureResource(SlugResource):
    source_document = source_document_field()

    class Meta(SlugResource.Meta):
        model = Figure
        fields = (
            "slug",
            "status",
            "group",
            *translated("label", "unit"),
            "value",
            "qualifier",
            "as_of",
            "order",
            "source_url",
            "source_language",
            "checked_on",
            "source_document",
            *PROVENANCE_FIELDS,
        )
