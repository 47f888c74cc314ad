from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from editorial.admin import PROVENANCE_FIELDSET, PublicRecordAdmin
from editorial.shown_admin import ShownByPublicRecordsAdmin

from .models import Author, Authorship, Publication
from .resources import AuthorResource, PublicationResource


class AuthorshipInline(admin.TabularInline):
    model = Authorship
    extra = 1
    autocomplete_fields = ("author",)
    ordering = ("order",)


@admin.register(Author)
class AuthorAdmin(ShownByPublicRecordsAdmin):
    resource_classes = [AuthorResource]
    list_display = ("name", "family_name", "given_names", "slug")
    search_fields = ("name_en", "name_ru", "name_kk", "family_name", "slug")
    slug_from = "name"


@admin.register(Publication)
class PublicationAdmin(PublicRecordAdmin):
    resource_classes = [PublicationResource]
    inlines = [AuthorshipInline]
    list_display = ("title", "kind", "year", "language", "publication_state", "updated_at")
    list_filter = ("status", "kind", "language", "year")
    search_fields = ("title_en", "title_ru", "title_kk", "slug", "authors__name_en", "venue")
    slug_from = "title"
    fieldsets = (
        (
            None,
            {"fields": ("status", "publish_at", "version", "kind", "title", "slug", "language")},
        ),
        (_("Abstract"), {"fields": ("abstract", "keywords")}),
        (
            _("Bibliographic details"),
            {
                "fields": (
                    "year",
                    "venue",
                    ("volume", "issue", "pages"),
                    ("doi", "isbn"),
                    "publisher",
                    "institution",
                    "degree",
                    "specialty_code",
                    "details",
                    "file",
                    "url",
                )
            },
        ),
        PROVENANCE_FIELDSET,
        (_("History"), {"fields": ("created_at", "updated_at")}),
    )
