"""Admin pieces shared by the three apps."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportModelAdmin
from modeltranslation.admin import TabbedTranslationAdmin

from .models import Status
from .services import set_status

PROVENANCE_FIELDSET = (
    _("Provenance"),
    {
        "classes": ("collapse",),
        "fields": ("source_document", "source_passage", "source_note", "added_fields"),
    },
)


class TranslatedImportExportAdmin(ImportExportModelAdmin, TabbedTranslationAdmin):
    """Kazakh, Russian and English tabs plus the import and export buttons."""


class PublicRecordAdmin(TranslatedImportExportAdmin):
    list_filter = ("status",)
    actions = ("publish", "unpublish")
    readonly_fields = ("created_at", "updated_at")
    autocomplete_fields = ("source_document",)

    @admin.action(description=_("Publish selected records"), permissions=("change",))
    def publish(self, request, queryset):
        self._report(request, set_status(queryset=queryset, status=Status.PUBLISHED))

    @admin.action(description=_("Unpublish selected records"), permissions=("change",))
    def unpublish(self, request, queryset):
        self._report(request, set_status(queryset=queryset, status=Status.DRAFT))

    def _report(self, request, count: int) -> None:
        message = ngettext("%d record changed.", "%d records changed.", count) % count
        self.message_user(request, message, messages.SUCCESS)
