"""The archive's own records in the admin: the import ledger (read-only, with undo) and
the saved column mappings."""

import json

from django.apps import apps
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from archive import job_services
from archive.mapping import Mapping
from archive.models import IMPORT_PERMISSION, ImportRecord, ImportStatus, MappingProfile
from core.publishing import may_change_public


@admin.register(MappingProfile)
class MappingProfileAdmin(admin.ModelAdmin):
    list_display = ("name", "model_label", "created_by", "created_at")
    list_filter = ("model_label",)
    search_fields = ("name", "note")
    readonly_fields = ("created_by", "created_at")
    actions = ("download_mapping",)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Download as mapping.json"))
    def download_mapping(self, request, queryset):
        profile = queryset.first()
        response = HttpResponse(
            json.dumps(profile.mapping, ensure_ascii=False, indent=2),
            content_type="application/json",
        )
        response["Content-Disposition"] = f'attachment; filename="{profile.name}.mapping.json"'
        return response


@admin.register(ImportRecord)
class ImportRecordAdmin(admin.ModelAdmin):
    """The import ledger: read-only, with undo."""

    list_display = (
        "created_at",
        "model_label",
        "file_name",
        "user",
        "new",
        "updated",
        "unchanged",
        "status",
    )
    list_filter = ("status", "model_label")
    search_fields = ("file_name", "checksum", "user__username", "system_user")
    date_hierarchy = "created_at"
    readonly_fields = [
        "model_label",
        "file_name",
        "file_format",
        "encoding",
        "checksum",
        "profile",
        "reading",
        "user",
        "system_user",
        "created_at",
        "new",
        "updated",
        "unchanged",
        "filtered_out",
        "status",
        "undone_at",
        "undone_by",
    ]
    fields = readonly_fields
    change_form_template = "admin/archive/importrecord_change_form.html"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.has_perm(IMPORT_PERMISSION) or super().has_view_permission(request, obj)

    @admin.display(description=_("how the file was read"))
    def reading(self, record: ImportRecord) -> str:
        if record.mapping is None:
            return gettext("Not recorded: imported before the ledger kept it.")
        mapping = Mapping.from_dict(record.mapping)
        lines = [
            gettext("Empty cells in rows of records the archive held: %(choice)s.")
            % {"choice": mapping.empty_cells.label}
        ]
        # By name: PostgreSQL's jsonb keeps no order of keys, so the file's order is lost.
        for header, field in sorted(mapping.columns.items(), key=lambda item: item[0].casefold()):
            if not field:
                lines.append(gettext("Column “%(header)s” ignored.") % {"header": header})
            elif field != header:
                lines.append(
                    gettext("Column “%(header)s” read as %(field)s.")
                    % {"header": header, "field": field}
                )
        for row_filter in mapping.filters:
            if row_filter.match == "equals":
                line = gettext("Only rows whose “%(column)s” has the item “%(value)s”.")
            else:
                line = gettext("Only rows whose “%(column)s” contains “%(value)s”.")
            lines.append(line % {"column": row_filter.column, "value": row_filter.value})
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", zip(lines)))

    def get_urls(self):
        return [
            path(
                "<int:pk>/undo/",
                self.admin_site.admin_view(self.undo_view),
                name="archive_importrecord_undo",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_undo": request.user.has_perm(IMPORT_PERMISSION),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def undo_view(self, request, pk):
        if not request.user.has_perm(IMPORT_PERMISSION):
            raise PermissionDenied
        record = get_object_or_404(ImportRecord, pk=pk)
        change_url = reverse("admin:archive_importrecord_change", args=[pk])
        if request.method == "POST":
            model = apps.get_model(record.model_label)
            may_publish = may_change_public(request.user, model)
            job = job_services.start_undo(user=request.user, record=record, may_publish=may_publish)
            return redirect(job.get_absolute_url())
        return TemplateResponse(
            request,
            "admin/archive/undo_confirm.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "record": record,
                "title": gettext("Undo this import?"),
                "already_undone": record.status == ImportStatus.UNDONE,
                "change_url": change_url,
            },
        )
