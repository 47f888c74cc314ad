"""Admin pieces shared by the domain apps: the translated, historied change form with its
revert, and the editorial workflow (draft → in review → published). The archive adds its
import and export to these admins itself (archive/admin.py)."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import router, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from caching.pagecache import invalidate_public_pages
from core.models import Status
from core.publishing import may_change_public
from editorial import signin_admin  # noqa: F401 (registers the sign-in records' admin)
from editorial.any_language import AnyLanguageAdminMixin
from editorial.coverage import (
    MissingLanguageFilter,
    TranslationChangeList,
    complete_languages_column,
)
from editorial.editing import PublicRecordForm
from editorial.services import set_status

PROVENANCE_FIELDSET = (
    _("Provenance"),
    {
        "classes": ("collapse",),
        "fields": ("source_document", "source_passage", "source_note", "added_fields"),
    },
)


class TranslatedHistoryAdmin(AnyLanguageAdminMixin, SimpleHistoryAdmin, TabbedTranslationAdmin):
    """Kazakh, Russian and English tabs (a record may be saved in any one of them) and the
    history of every change with a diff and revert."""

    # The rich-text editor's toolbar in the admin's language, its picker, and the cursor
    # taken to a field with an error on whichever language tab it is.
    class Media:
        css = {"all": ("css/admin-editor.css",)}
        js = ("js/admin-editor.js", "js/admin-languages.js")

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

    def get_list_display(self, request):
        return (*super().get_list_display(request), complete_languages_column)

    def get_list_filter(self, request):
        return (*super().get_list_filter(request), MissingLanguageFilter)

    def get_changelist(self, request, **kwargs):
        return TranslationChangeList

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


class PublicRecordAdmin(TranslatedHistoryAdmin):
    """Draft → in review → published. Editors write drafts and send them for review;
    only users with the publish permission publish, schedule, unpublish, delete, or
    change what is already public."""

    form = PublicRecordForm
    ordering = ("-created_at",)  # newest first
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
