from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from editorial.admin import PROVENANCE_FIELDSET, PublicRecordAdmin
from editorial.shown_admin import ShownByPublicRecordsAdmin

from .models import Anniversary, Event, Figure, Person, Theme
from .resources import (
    AnniversaryResource,
    EventResource,
    FigureResource,
    PersonResource,
    ThemeResource,
)

HISTORY_FIELDSET = (_("History"), {"fields": ("created_at", "updated_at")})


@admin.register(Theme)
class ThemeAdmin(ShownByPublicRecordsAdmin):
    resource_classes = [ThemeResource]
    list_display = ("name", "slug", "order")
    search_fields = ("name_en", "name_ru", "name_kk")
    slug_from = "name"


@admin.register(Person)
class PersonAdmin(PublicRecordAdmin):
    resource_classes = [PersonResource]
    list_display = ("name", "role", "born", "died", "publication_state")
    search_fields = ("name_en", "name_ru", "name_kk", "slug")
    slug_from = "name"
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "status",
                    "publish_at",
                    "version",
                    "name",
                    "slug",
                    "role",
                    "born",
                    "died",
                    "biography",
                )
            },
        ),
        PROVENANCE_FIELDSET,
        HISTORY_FIELDSET,
    )


@admin.register(Event)
class EventAdmin(PublicRecordAdmin):
    resource_classes = [EventResource]
    list_display = ("title", "start_date", "end_date", "precision", "publication_state")
    list_filter = ("status", "themes", "precision")
    search_fields = ("title_en", "title_ru", "title_kk", "slug")
    date_hierarchy = "start_date"
    slug_from = "title"
    filter_horizontal = ("themes",)
    autocomplete_fields = ("heritage_items", "publications", "people", "source_document")
    fieldsets = (
        (None, {"fields": ("status", "publish_at", "version", "title", "slug", "themes")}),
        (_("Date"), {"fields": ("start_date", "end_date", "precision")}),
        (_("Text"), {"fields": ("summary", "body")}),
        (_("Related"), {"fields": ("heritage_items", "publications", "people")}),
        PROVENANCE_FIELDSET,
        HISTORY_FIELDSET,
    )


@admin.register(Anniversary)
class AnniversaryAdmin(PublicRecordAdmin):
    resource_classes = [AnniversaryResource]
    list_display = (
        "subject",
        "ordinal",
        "kind",
        "year_celebrated",
        "joint_with",
        "publication_state",
    )
    list_filter = ("status", "kind", "year_celebrated")
    search_fields = ("subject_en", "subject_ru", "subject_kk", "slug")
    slug_from = "subject"


@admin.register(Figure)
class FigureAdmin(PublicRecordAdmin):
    resource_classes = [FigureResource]
    list_display = ("label", "group", "value", "unit", "as_of", "publication_state")
    list_filter = ("status", "group")
    search_fields = ("label_en", "label_ru", "label_kk", "slug")
    slug_from = "label"
