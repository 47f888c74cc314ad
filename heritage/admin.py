from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline, TranslationTabularInline

from core.geojson import describe, read_area
from editorial.admin import PROVENANCE_FIELDSET, PublicRecordAdmin
from editorial.any_language import AnyLanguageAdminMixin
from editorial.shown_admin import ShownByPublicRecordsAdmin
from images.kept_uploads import KeptImageInput, keep
from images.renditions import RenditionsAdminMixin, admin_preview
from images.uploads import accept_image

from .models import (
    ComponentSite,
    DesignationStep,
    FactSource,
    HeritageImage,
    HeritageItem,
    MapArea,
    Partnership,
    Region,
    State,
)
from .resources import ComponentSiteResource, HeritageItemResource, RegionResource


class ComponentSiteInline(AnyLanguageAdminMixin, TranslationTabularInline):
    model = ComponentSite
    extra = 0
    fields = ("order", "name", "slug", "region", "latitude", "longitude", "component_reference")
    slug_from = "name"


class HeritageImageForm(forms.ModelForm):
    class Meta:
        widgets = {"image": KeptImageInput}

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if isinstance(image, UploadedFile):
            image = accept_image(image)
            # Kept for the next try should the page fail to save (kept_uploads.py).
            self.fields["image"].widget.remember(keep(image), image.name)
        return image


class HeritageImageInline(AnyLanguageAdminMixin, TranslationStackedInline):
    model = HeritageImage
    form = HeritageImageForm
    extra = 0
    fields = ("preview", "image", "alt_text", "caption", "author", "licence", "source_url", "order")
    readonly_fields = ("preview",)

    @admin.display(description=_("Preview"))
    def preview(self, obj):
        return admin_preview(obj)


class MapAreaForm(forms.ModelForm):
    upload = forms.FileField(
        label=_("GeoJSON file"),
        required=False,
        help_text=_(
            "The property's polygons and its buffer zone, longitude first (RFC 7946); "
            "a feature whose zone, type or name says “buffer” is the buffer zone. "
            "A new file replaces the area."
        ),
    )

    class Meta:
        model = MapArea
        fields = ("upload", "source_url")

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("upload")
        if upload:
            try:
                self.instance.geojson = read_area(upload.read())
            except ValidationError as error:
                self.add_error("upload", error)
        elif self.instance.geojson is None and self.has_changed():
            self.add_error("upload", _("Choose the GeoJSON file of the area."))
        return cleaned


class MapAreaInline(admin.StackedInline):
    model = MapArea
    form = MapAreaForm
    extra = 0
    max_num = 1
    fields = ("what_it_holds", "upload", "source_url")
    readonly_fields = ("what_it_holds",)

    @admin.display(description=_("On the map"))
    def what_it_holds(self, obj):
        return describe(obj.geojson if obj and obj.pk else None)


class PartnershipInline(admin.TabularInline):
    model = Partnership
    extra = 0
    autocomplete_fields = ("state",)


class DesignationStepInline(TranslationStackedInline):
    model = DesignationStep
    extra = 0
    fields = (("date", "precision", "kind", "decision"), "note", "source_url")


class FactSourceInline(TranslationStackedInline):
    model = FactSource
    extra = 0
    fields = (("url", "language", "checked_on"), "title", "facts")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name.startswith("facts"):  # a sentence or two: readable whole
            kwargs["widget"] = forms.Textarea(attrs={"rows": 3, "cols": 60})
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(State)
class StateAdmin(ShownByPublicRecordsAdmin):
    list_display = ("name", "slug")
    search_fields = ("name_en", "name_ru", "name_kk", "slug")
    slug_from = "name"


@admin.register(Region)
class RegionAdmin(ShownByPublicRecordsAdmin):
    resource_classes = [RegionResource]
    list_display = ("name", "slug")
    search_fields = ("name_en", "name_ru", "name_kk")
    slug_from = "name"


class PhotographFilter(admin.SimpleListFilter):
    """Which records still need a photograph (pages show a map in its place)."""

    title = _("photograph")
    parameter_name = "photograph"

    def lookups(self, request, model_admin):
        return [("without", _("Without a photograph")), ("with", _("With a photograph"))]

    def queryset(self, request, queryset):
        pictured = Exists(HeritageImage.objects.filter(item=OuterRef("pk")))
        if self.value() == "without":
            return queryset.filter(~pictured)
        if self.value() == "with":
            return queryset.filter(pictured)
        return queryset


@admin.register(HeritageItem)
class HeritageItemAdmin(RenditionsAdminMixin, PublicRecordAdmin):
    resource_classes = [HeritageItemResource]
    inlines = [
        ComponentSiteInline,
        DesignationStepInline,
        PartnershipInline,
        HeritageImageInline,
        MapAreaInline,
        FactSourceInline,
    ]
    list_display = (
        "name",
        "kind",
        "category",
        "year_inscribed",
        "unesco_reference",
        "publication_state",
        "featured",
    )
    list_filter = (
        "status",
        "kind",
        PhotographFilter,
        "inscription_list",
        "category",
        "regions",
        "featured",
    )
    list_editable = ("featured",)
    search_fields = ("name_en", "name_ru", "name_kk", "slug", "unesco_reference", "wikidata_id")
    slug_from = "name"
    filter_horizontal = ("regions",)
    autocomplete_fields = ("source_document", "tentative_entry")
    fieldsets = (
        (None, {"fields": ("status", "publish_at", "version", "kind", "name", "slug", "featured")}),
        (_("Text"), {"fields": ("summary", "body")}),
        (
            _("Inscription"),
            {
                "fields": (
                    "category",
                    "inscription_list",
                    "unesco_reference",
                    "unesco_url",
                    "wikidata_id",
                    "criteria",
                    "year_inscribed",
                    "submitted_on",
                    "tentative_entry",
                    ("area_ha", "buffer_zone_ha"),
                    ("creative_field", "city"),
                    "partner_states",
                    "data_checked_on",
                )
            },
        ),
        (_("Place"), {"fields": ("regions", "latitude", "longitude")}),
        PROVENANCE_FIELDSET,
        (_("History"), {"fields": ("created_at", "updated_at")}),
    )


@admin.register(ComponentSite)
class ComponentSiteAdmin(ShownByPublicRecordsAdmin):
    resource_classes = [ComponentSiteResource]
    list_display = ("name", "item", "region", "latitude", "longitude")
    list_filter = ("item", "region")
    list_select_related = ("item", "region")
    search_fields = ("name_en", "name_ru", "name_kk", "slug")
    slug_from = "name"
    autocomplete_fields = ("item", "source_document")
