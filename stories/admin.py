"""The story editor: a story's text on the Kazakh, Russian and English tabs, its lead
image and its sections in order (each with its text, photograph and the portal's records
it embeds, chosen by autocomplete), saved in any one language, with history and revert and
the draft → in review → published workflow of every public record (editorial/admin.py)."""

from django.conf import settings
from django.contrib import admin
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline

from editorial.admin import PROVENANCE_FIELDSET, PublicRecordAdmin
from editorial.any_language import AnyLanguageAdminMixin, in_editor_language_first
from heritage.admin import HeritageImageForm
from images.renditions import RenditionsAdminMixin, admin_preview

from .models import Story, StoryLeadImage, StorySection, kind_lacks

LANGUAGES = tuple(settings.MODELTRANSLATION_LANGUAGES)
RECORDS = ("heritage_items", "events", "publications")
PHOTOGRAPH_FIELDS = ("preview", "image", "alt_text", "caption", "author", "licence", "source_url")


class PhotographForm(HeritageImageForm):
    """An uploaded photograph accepted as the heritage photographs are (re-encoded, judged
    by its content: images/uploads.py) and kept across a failed save (kept_uploads.py)."""


class StorySectionForm(PhotographForm):
    def clean(self):
        cleaned_data = super().clean()
        kind = cleaned_data.get("kind")
        if kind:
            text = any(
                strip_tags(cleaned_data.get(f"body_{code}") or "").strip() for code in LANGUAGES
            )
            need, why = kind_lacks(
                kind,
                text=text,
                photograph=bool(cleaned_data.get("image")),
                records=any(cleaned_data.get(name) for name in RECORDS),
            )
            if need:
                field = {
                    "text": f"body_{in_editor_language_first()[0]}",
                    "photograph": "image",
                    "records": "heritage_items",
                }[need]
                self.add_error(field if field in self.fields else None, why)
        if cleaned_data.get("show_map") and not cleaned_data.get("heritage_items"):
            self.add_error("show_map", _("Choose the heritage items the map is to show."))
        return cleaned_data


class StoryPartInline(AnyLanguageAdminMixin, TranslationStackedInline):
    """The lead image and the sections are part of their story: writing them is writing
    the story, so Django's admin shows them read-only wherever the story is (a published
    one, to whoever may not publish)."""

    extra = 0
    readonly_fields = ("preview",)

    @admin.display(description=_("Preview"))
    def preview(self, obj):
        return admin_preview(obj)


class StoryLeadImageInline(StoryPartInline):
    model = StoryLeadImage
    form = PhotographForm
    max_num = 1
    fields = PHOTOGRAPH_FIELDS


class StorySectionInline(StoryPartInline):
    model = StorySection
    form = StorySectionForm
    ordering = ("order", "pk")
    autocomplete_fields = RECORDS
    fieldsets = (
        (None, {"fields": (("order", "kind"), "heading", "body")}),
        (_("Photograph"), {"fields": PHOTOGRAPH_FIELDS}),
        (
            _("Records of the portal"),
            {"fields": ("heritage_items", "show_map", "events", "publications")},
        ),
    )


@admin.register(Story)
class StoryAdmin(RenditionsAdminMixin, PublicRecordAdmin):
    inlines = [StoryLeadImageInline, StorySectionInline]
    list_display = ("title", "slug", "publication_state", "updated_at")
    search_fields = ("title_en", "title_ru", "title_kk", "slug")
    slug_from = "title"
    fieldsets = (
        (None, {"fields": ("status", "publish_at", "version", "title", "slug")}),
        (_("Text"), {"fields": ("summary",)}),
        PROVENANCE_FIELDSET,
        (_("History"), {"fields": ("created_at", "updated_at")}),
    )
