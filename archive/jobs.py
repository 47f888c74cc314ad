"""Background jobs of the archive: an import (checked, previewed, then written), an undo
and an export of a long list each run as a task of Django's Tasks framework, outside the
web request; a ``Job`` is what the archivist sees of it (its page, its progress, its
result) and what survives a worker's death."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class JobKind(models.TextChoices):
    IMPORT = "import", _("Import")
    UNDO = "undo", _("Undo of an import")
    EXPORT = "export", _("Export")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting for a worker")
    CHECKING = "checking", _("Checking the file")
    READY = "ready", _("Preview ready: waiting for confirmation")
    WRITING = "writing", _("Writing")
    SUCCEEDED = "succeeded", _("Finished")
    FAILED = "failed", _("Failed")


RUNNING = (JobStatus.QUEUED, JobStatus.CHECKING, JobStatus.WRITING)


class JobQuerySet(models.QuerySet):
    def running(self):
        return self.filter(status__in=RUNNING)

    def finished_before(self, moment):
        return self.exclude(status__in=RUNNING).filter(updated_at__lt=moment)


class Job(models.Model):
    kind = models.CharField(_("kind"), max_length=16, choices=JobKind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    model_label = models.CharField(_("model"), max_length=100)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    may_publish = models.BooleanField(_("may publish"), default=False)
    # The uploaded file (an import), kept under ARCHIVE_UPLOAD_DIR while the job needs it.
    upload_token = models.CharField(max_length=32, blank=True)
    file_name = models.CharField(_("file"), max_length=300, blank=True)
    checksum = models.CharField(_("SHA-256"), max_length=64, blank=True)
    mapping = models.JSONField(_("how the file is read"), null=True, blank=True)
    profile = models.ForeignKey(
        "archive.MappingProfile",
        verbose_name=_("mapping profile"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    # What the task works on besides the file: an export's format and query, an undo's entry.
    params = models.JSONField(default=dict, blank=True)
    preview = models.JSONField(_("preview"), null=True, blank=True, editable=False)
    ledger_entry = models.ForeignKey(
        "archive.ImportRecord",
        verbose_name=_("import ledger entry"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    message = models.TextField(_("message"), blank=True)
    output_name = models.CharField(_("file to download"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last change"), auto_now=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.file_name or self.model_label} ({self.pk})"

    def get_absolute_url(self) -> str:
        return reverse("admin:archive_job_change", args=[self.pk])

    @property
    def is_running(self) -> bool:
        return self.status in RUNNING
