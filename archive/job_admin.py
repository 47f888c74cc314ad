"""The background jobs in the admin: the list of running and finished jobs, and each
job's page — its progress while a worker runs it, an import's preview with the button
that confirms it, the result with its counts, or what went wrong and "Run again"."""

from django.apps import apps
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from archive import exporting, job_services, jobfiles, previews, tasks, uploads
from archive.bibliography import shape as bibliography_shape
from archive.jobs import Job, JobKind, JobStatus
from archive.models import IMPORT_PERMISSION
from core.publishing import may_change_public

REFRESH_SECONDS = 2


class ModelFilter(admin.SimpleListFilter):
    """The list a job works on, by its name in the reader's language."""

    title = _("list")
    parameter_name = "model"

    def lookups(self, request, model_admin):
        labels = Job.objects.order_by().values_list("model_label", flat=True).distinct()
        named = [(label, _model_name(label, plural=True)) for label in labels]
        return sorted(named, key=lambda pair: pair[1])

    def queryset(self, request, queryset):
        return queryset.filter(model_label=self.value()) if self.value() else queryset


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("created_at", "kind", "status", "what", "user")
    list_filter = ("status", "kind", ModelFilter)
    list_display_links = ("created_at", "kind")
    list_select_related = ("user",)

    @admin.display(description=_("file or list"))
    def what(self, job: Job) -> str:
        return job.file_name or _model_name(job.model_label)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.user_id == request.user.pk:
            return True
        return request.user.has_perm(IMPORT_PERMISSION)

    def has_module_permission(self, request) -> bool:
        return request.user.has_perm(IMPORT_PERMISSION)

    def get_urls(self):
        return [
            path(
                "<int:pk>/file/<str:name>",
                self.admin_site.admin_view(self.file_view),
                name="archive_job_file",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        tasks.fail_stale_jobs()
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        job = get_object_or_404(Job, pk=object_id) if str(object_id).isdigit() else None
        if job is None:
            raise Http404
        if not self.has_view_permission(request, job):
            raise PermissionDenied
        if job.is_running:
            tasks.fail_stale_jobs()
            job.refresh_from_db()
        if request.method == "POST":
            return self._act(request, job)
        progress = jobfiles.progress(job.pk) if job.is_running else {}
        preview = previews.shown(job.preview) if job.kind == JobKind.IMPORT else None
        next_label = _next_step(request, job, preview)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": str(job),
            "job": job,
            "plan": preview,
            "progress": progress,
            "refresh": REFRESH_SECONDS if job.is_running else None,
            "can_confirm": job.status == JobStatus.READY and _owns(request, job),
            "can_run_again": job.status == JobStatus.FAILED and _owns(request, job),
            "error_file_urls": _error_files(job),
            "output_url": _file_url(job, job.output_name) if job.output_name else "",
            "ledger_url": (
                reverse("admin:archive_importrecord_change", args=[job.ledger_entry_id])
                if job.ledger_entry_id
                else ""
            ),
            "model_list_url": _list_url(job.model_label),
            "map_url": _map_url(job) if job.status == JobStatus.READY else "",
            "model_name": _model_name(job.model_label, plural=True),
            "next_step": _model_name(next_label, plural=True) if next_label else "",
        }
        return TemplateResponse(request, "admin/archive/job.html", context)

    def _act(self, request, job: Job):
        if not _owns(request, job):
            raise PermissionDenied
        if "run_again" in request.POST:
            if not job_services.run_again(job=job):
                messages.warning(request, gettext("Only a failed job can be run again."))
        elif "next_step" in request.POST:
            label = _next_step(request, job, previews.shown(job.preview))
            if label is None:
                messages.warning(
                    request, gettext("This file has no next import, or is no longer kept.")
                )
                return redirect(job.get_absolute_url())
            may_publish = may_change_public(request.user, apps.get_model(label))
            following = job_services.start_next_import(
                job=job, user=request.user, label=label, may_publish=may_publish
            )
            return redirect(following.get_absolute_url())
        elif job.kind != JobKind.IMPORT or not {"fingerprint", "encoding"} & set(request.POST):
            raise PermissionDenied  # the page takes its own three actions only
        elif "encoding" in request.POST:
            self._read_again(request, job, request.POST["encoding"])
        elif (job.preview or {}).get("doubtful_encoding") and not request.POST.get(
            "encoding_confirmed"
        ):
            messages.error(
                request,
                gettext(
                    "The file's encoding is a guess: say that the names and texts below read "
                    "correctly, or read the file in another encoding."
                ),
            )
        elif not job_services.confirm_import(
            job=job, fingerprint=request.POST.get("fingerprint", "")
        ):
            messages.warning(request, gettext("This import is not waiting for a confirmation."))
        return redirect(job.get_absolute_url())

    def _read_again(self, request, job: Job, encoding: str) -> None:
        offered = {choice["codec"] for choice in (job.preview or {}).get("encoding_choices", [])}
        if encoding not in offered:
            messages.error(request, gettext("Choose one of the encodings offered."))
        elif not job_services.read_again(job=job, encoding=encoding):
            messages.warning(request, gettext("This import is not waiting for a confirmation."))
        elif uploads.info(request.session, job.upload_token or ""):
            # Back at the columns, the file is read the same way.
            uploads.update(request.session, job.upload_token, encoding=encoding)

    def file_view(self, request, pk: int, name: str):
        job = get_object_or_404(Job, pk=pk)
        if not self.has_view_permission(request, job):
            raise PermissionDenied
        allowed = {job.output_name} if job.output_name else set()
        if job.preview and job.preview.get("errors"):
            allowed |= {"errors.csv", "errors.xlsx"}
        path_ = jobfiles.output_path(job.pk, name)
        if name not in allowed or not path_.exists():
            raise Http404(gettext("This file is no longer kept; run the job again."))
        fmt = name.rsplit(".", 1)[-1]
        download = name
        if name.startswith("errors.") and job.file_name:
            download = f"{job.file_name.rsplit('.', 1)[0]}-errors.{fmt}"
        return FileResponse(
            path_.open("rb"),
            as_attachment=True,
            filename=download,
            content_type=exporting.CONTENT_TYPES.get(fmt, "application/octet-stream"),
        )


def _owns(request, job: Job) -> bool:
    return job.user_id == request.user.pk or request.user.is_superuser


def _file_url(job: Job, name: str) -> str:
    return reverse("admin:archive_job_file", args=[job.pk, name])


def _error_files(job: Job) -> dict[str, str]:
    if not (job.preview and job.preview.get("errors")):
        return {}
    return {fmt: _file_url(job, f"errors.{fmt}") for fmt in ("csv", "xlsx")}


def _model_name(label: str, *, plural: bool = False) -> str:
    try:
        opts = apps.get_model(label)._meta
    except LookupError:
        return label
    return str(opts.verbose_name_plural if plural else opts.verbose_name)


def _list_url(label: str) -> str:
    """The model's admin list; "" for a model the admin has no list of (authorships)."""
    try:
        opts = apps.get_model(label)._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    except (LookupError, NoReverseMatch):
        return ""


def _map_url(job: Job) -> str:
    """Back to the column matching of the job's upload (kept in the starter's session);
    "" for the next import of a bibliography, whose columns are the file's shape's."""
    if not job.upload_token:
        return ""
    opts = apps.get_model(job.model_label)._meta
    try:
        url = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_import_map", args=[job.upload_token]
        )
    except NoReverseMatch:
        return ""
    return url


def _next_step(request, job: Job, preview) -> str | None:
    """The model a finished import of a bibliography leads on to, for its archivist, while
    the file is kept."""
    if job.kind != JobKind.IMPORT or job.status != JobStatus.SUCCEEDED or preview is None:
        return None
    label = bibliography_shape.next_step(job.model_label, preview.shape)
    if label is None or not _owns(request, job) or not uploads.is_kept(job.upload_token):
        return None
    if not request.user.has_perm(IMPORT_PERMISSION):
        return None
    return label
