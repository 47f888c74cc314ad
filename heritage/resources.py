from import_export import fields, widgets

from core.resources import PROVENANCE_FIELDS, ManyBySlugField, SlugResource, translated
from publications.models import Publication

from .models import ComponentSite, HeritageItem, Region


def source_document_field() -> fields.Field:
    return fields.Field(
        attribute="source_document",
        column_name="source_document",
        widget=widgets.ForeignKeyWidget(Publication, field="slug"),
    )


class RegionResource(SlugResource):
    class Meta(SlugResource.Meta):
        model = Region
        fields = ("slug", *translated("name"))


class HeritageItemResource(SlugResource):
    alternate_keys = ("unesco_reference",)  # lists made by UNESCO have no slugs

    regions = ManyBySlugField(Region, "regions")
    source_document = source_document_field()

    class Meta(SlugResource.Meta):
        model = HeritageItem
        fields = (
            "slug",
            "status",
            "kind",
            *translated("name", "summary", "body", "partner_states"),
            "category",
            "unesco_reference",
            "criteria",
            "year_inscribed",
            "latitude",
            "longitude",
            "regions",
            "featured",
            "source_document",
            *PROVENANCE_FIELDS,
        )


class ComponentSiteResource(SlugResource):
    item = fields.Field(
        attribute="item",
        column_name="item",
        widget=widgets.ForeignKeyWidget(HeritageItem, field="slug"),
    )
    region = fields.Field(
        attribute="region",
        column_name="region",
        widget=widgets.ForeignKeyWidget(Region, field="slug"),
    )
    source_document = source_document_field()

    class Meta(SlugResource.Meta):
        model = ComponentSite
        fields = (
            "slug",
            "item",
            *translated("name", "description"),
            "component_reference",
            "region",
            "latitude",
            "longitude",
            "order",
            "source_document",
            *PROVENANCE_FIELDS,
        )
