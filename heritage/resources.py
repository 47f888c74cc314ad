from import_export import fields

from core.resources import PROVENANCE_FIELDS, ManyBySlugField, SlugResource, by_slug, translated
from publications.models import Publication

from .models import ComponentSite, HeritageItem, Region


def source_document_field() -> fields.Field:
    return by_slug("source_document", Publication)


class RegionResource(SlugResource):
    class Meta(SlugResource.Meta):
        model = Region
        fields = ("slug", *translated("name"))


class HeritageItemResource(SlugResource):
    alternate_keys = ("unesco_reference",)  # lists made by UNESCO have no slugs

    regions = ManyBySlugField(Region, "regions")
    source_document = source_document_field()
    tentative_entry = by_slug("tentative_entry", HeritageItem)

    class Meta(SlugResource.Meta):
        model = HeritageItem
        fields = (
            "slug",
            "status",
            "kind",
            *translated("name", "summary", "body", "partner_states", "city"),
            "category",
            "inscription_list",
            "unesco_reference",
            "unesco_url",
            "wikidata_id",
            "criteria",
            "year_inscribed",
            "submitted_on",
            "tentative_entry",
            "area_ha",
            "buffer_zone_ha",
            "creative_field",
            "data_checked_on",
            "latitude",
            "longitude",
            "regions",
            "featured",
            "source_document",
            *PROVENANCE_FIELDS,
        )


class ComponentSiteResource(SlugResource):
    item = by_slug("item", HeritageItem)
    region = by_slug("region", Region)
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
