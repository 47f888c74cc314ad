"""Admin pieces shared by the three apps."""

import json

from django.apps import apps
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import router, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from . import signin_admin  # noqa: F401 (registers the sign-in records' admin)
from .archive.admin import IMPORT_PERMISSION, ArchiveAdminMixin
from .archive.mapping import Mapping
from .archive.services import ImportRefused
from .archive.undo import undo_import
from .editing import PublicRecordForm
from .models import ImportRecord, ImportStatus, MappingProfile, Status
from .pagecache import invalidate_public_pages
from .publishing import may_change_public
from .services import set_status

PROVENANCE_FIELDSET = (
    _("Provenance"),
    {
        "classes": ("collapse",),
        "fields": ("source_document", "source_passage", "source_note", "added_fields"),
    },
)


class TranslatedImportExportAdmin(ArchiveAdminMixin, SimpleHistoryAdmin, TabbedTranslationAdmin):
    """Kazakh, Russian and English tabs, the archive's import and export, and the
    history of every change with a diff and revert."""

    class Media:  # the rich-text editor's toolbar in the admin's language, and its picker
        css = {"all": ("css/admin-editor.css",)}
        js = ("js/admin-editor.js",)

    # Whatever the admin adds or changes (inline images and revert included) it writes to
    # its log after saving; deletions are done by the two delete methods. Cached public
    # pages are let go there, once the change is committed.
    def log_addition(self, request, obj, message):
        invalidate_public_pages()
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        invalidate_public_pages()
        return super().log_change(request, obj, message)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        invalidate_public_pages()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        invalidate_public_pages()

    def history_view(self, request, object_id, extra_context=None):
        self._check_pk(unquote(object_id))
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._check_pk(unquote(object_id))
        self._check_pk(version_id)
        request.revision_id = version_id
        if request.method == "GET":
            return super().history_form_view(request, object_id, version_id, extra_context)
        # django-simple-history checks only who may see the history: a revert is a change
        # of the record as it is now, so it needs what the change form needs (for a public
        # record, the publish permission).
        current = self.get_object(request, unquote(object_id))
        if current is None:
            raise Http404
        if not self.has_change_permission(request, current):
            raise PermissionDenied
        with transaction.atomic(using=router.db_for_write(self.model)):  # as a change is
            return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        """No Revert button for whoever may not change the record as it is now (``obj`` is
        the revision's copy, which may be a draft of what is public today), nor for a
        record deleted since."""
        current = obj and self.model._default_manager.filter(pk=obj.pk).first()
        return (
            super().revert_disabled(request, obj)
            or current is None
            or not self.has_change_permission(request, current)
        )

    def render_history_view(self, request, template, context, **kwargs):
        adminform = context.get("adminform")
        revision_id = getattr(request, "revision_id", None)
        if adminform is not None and revision_id and not adminform.form.is_bound:
            self._show_historical_links(adminform.form, revision_id)
        return super().render_history_view(request, template, context, **kwargs)

    def _show_historical_links(self, form, revision_id) -> None:
        """The revert form shows the links (themes, regions…) the revision had, not today's:
        django-simple-history keeps them but fills the form from the current record."""
        revision = self.model.history.filter(history_id=revision_id).first()
        if revision is None:
            return
        for field in revision._history_m2m_fields:
            if field.name in form.fields:
                target = field.remote_field.model._meta.model_name
                links = getattr(revision, field.name).values_list(f"{target}_id", flat=True)
                form.initial[field.name] = list(links)

    def _check_pk(self, value: str) -> None:
        """A malformed id in the URL is a page that does not exist, not a server error."""
        try:
            self.opts.pk.to_python(value)
        except ValidationError:
            raise Http404 from None


class ScheduledFilter(admin.SimpleListFilter):
    """Published records whose publish-at time is still to come (the editorial desk
    links here)."""

    title = _("publication time")
    parameter_name = "scheduled"

    def lookups(self, request, model_admin):
        return [("yes", _("Still to come"))]

    def queryset(self, request, queryset):
        return queryset.scheduled() if self.value() == "yes" else queryset


class PublicRecordAdmin(TranslatedImportExportAdmin):
    """Draft → in review → published. Editors write drafts and send them for review;
    only users with the publish permission publish, schedule, unpublish, delete, or
    change what is already public."""

    form = PublicRecordForm
    list_filter = ("status",)
    actions = ("submit_for_review", "publish", "unpublish")
    readonly_fields = ("created_at", "updated_at")
    autocomplete_fields = ("source_document",)

    @admin.display(description=_("status"), ordering="status")
    def publication_state(self, obj) -> str:
        """The status, and for a published record still hidden, when it appears."""
        if obj.is_scheduled:
            when = date_format(timezone.localtime(obj.publish_at), "DATETIME_FORMAT")
            return gettext("Published, appears %(when)s") % {"when": when}
        return obj.get_status_display()

    def get_list_filter(self, request):
        filters = list(super().get_list_filter(request))
        after_status = filters.index("status") + 1 if "status" in filters else 0
        return [*filters[:after_status], ScheduledFilter, *filters[after_status:]]

    def has_publish_permission(self, request, obj=None) -> bool:
        return may_change_public(request.user, self.model)

    def has_change_permission(self, request, obj=None) -> bool:
        public = obj is not None and obj.status == Status.PUBLISHED
        if public and not self.has_publish_permission(request):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self.has_publish_permission(request) and super().has_delete_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = tuple(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            fields += ("publish_at",)
        return fields

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status" and not self.has_publish_permission(request):
            kwargs["choices"] = [
                (value, label) for value, label in Status.choices if value != Status.PUBLISHED
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    @admin.action(description=_("Send selected drafts for review"), permissions=("change",))
    def submit_for_review(self, request, queryset):
        drafts = queryset.filter(status=Status.DRAFT)
        self._report(request, set_status(queryset=drafts, status=Status.REVIEW))

    @admin.action(description=_("Publish selected records"), permissions=("publish",))
    def publish(self, request, queryset):
        self._report(request, set_status(queryset=queryset, status=Status.PUBLISHED))

    @admin.action(description=_("Unpublish selected records"), permissions=("publish",))
    def unpublish(self, request, queryset):
        self._report(request, set_status(queryset=queryset, status=Status.DRAFT))

    def _report(self, request, count: int) -> None:
        message = ngettext("%d record changed.", "%d records changed.", count) % count
        self.message_user(request, message, messages.SUCCESS)


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
    search_fields = ("file_name", "checksum", "user__username")
    date_hierarchy = "created_at"
    readonly_fields = [
        "model_label",
        "file_name",
        "file_format",
        "checksum",
        "profile",
        "reading",
        "user",
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
                name="kzunesco_site_importrecord_undo",
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
        change_url = reverse("admin:kzunesco_site_importrecord_change", args=[pk])
        if request.method == "POST":
            model = apps.get_model(record.model_label)
            may_publish = may_change_public(request.user, model)
            try:
                undo_import(record=record, user=request.user, may_publish=may_publish)
            except ImportRefused as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(request, gettext("The import was undone."), messages.SUCCESS)
            return redirect(change_url)
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
