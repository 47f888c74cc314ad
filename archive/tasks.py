"""The archive's background tasks (Django's Tasks framework): each works on a ``Job`` and
leaves it finished, failed with a message in the starter's language, or (an import's
check) ready for confirmation. Nothing here runs in a web request."""

import logging
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.tasks import default_task_backend, task
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from archive import (
    backup,
    export_stream,
    exporting,
    jobfiles,
    previews,
    readers,
    shapes,
    uploads,
)
from archive.bibliography import shape as bibliography_shape
from archive.jobs import RUNNING, Job, JobKind, JobStatus
from archive.mapping import Mapping
from archive.models import ImportRecord
from archive.services import ImportRefused, plan_import

logger = logging.getLogger("kzunesco.jobs")

EXPORT_CHUNK = 1000


@task()
def check_import(job_id: int) -> None:
    """Plan the import and keep what the preview shows; the archivist confirms or not."""
    _run(job_id, JobStatus.CHECKING, _check)


@task()
def write_import(job_id: int, fingerprint: str) -> None:
    """Check the file again and, if it still plans what the archivist confirmed, write it."""
    _run(job_id, JobStatus.WRITING, lambda job: _write(job, fingerprint))


@task()
def undo_import(job_id: int) -> None:
    _run(job_id, JobStatus.WRITING, _undo)


@task()
def export_records(job_id: int) -> None:
    _run(job_id, JobStatus.WRITING, _export)


@task()
def remove_abandoned_files() -> None:
    """Every hour: jobs left by a dead worker are marked failed, and uploads and job files
    older than ARCHIVE_FILES_KEPT_HOURS that no running job needs are removed."""
    fail_stale_jobs()
    remove_old_files()
    if default_task_backend.supports_defer:
        later = timezone.now() + timedelta(hours=1)
        remove_abandoned_files.using(run_after=later).enqueue()


@task()
def back_up_site() -> None:
    """Every BACKUP_EVERY_HOURS: the database and the media into BACKUP_DIR, the newest
    BACKUP_KEEP scheduled backups kept. The next one is scheduled even if this fails."""
    try:
        folder = backup.scheduled_backup(root=Path(settings.BACKUP_DIR), keep=settings.BACKUP_KEEP)
        logger.info("Backup written to %s", folder)
    finally:
        if settings.BACKUP_EVERY_HOURS and default_task_backend.supports_defer:
            later = timezone.now() + timedelta(hours=settings.BACKUP_EVERY_HOURS)
            back_up_site.using(run_after=later).enqueue()


# Running a job ---------------------------------------------------------------


class JobFailed(Exception):
    """A failure the archivist can act on; its text is shown as it is."""


def _run(job_id: int, status: str, body: Callable[[Job], None]) -> None:
    job = Job.objects.filter(pk=job_id).select_related("user", "profile").first()
    if job is None or job.status != JobStatus.QUEUED:
        return  # removed, or already taken over (failed as stale, run by another worker)
    job.status = status
    job.save(update_fields=["status", "updated_at"])
    with translation.override(job.params.get("language") or settings.LANGUAGE_CODE):
        try:
            with jobfiles.heartbeat(job.pk):
                body(job)
        except (JobFailed, ImportRefused, readers.FileError) as error:
            _finish(job, JobStatus.FAILED, str(error))
        except Exception:
            logger.exception("Job %s (%s) failed", job.pk, job.kind)
            _finish(job, JobStatus.FAILED, _unexpected_failure())


def _unexpected_failure() -> str:
    return _(
        "The job stopped on an unexpected error (it is logged for the administrators); "
        "nothing was written. Run it again, or ask an administrator if it fails again."
    )


def _finish(job: Job, status: str, message: str = "") -> None:
    job.status, job.message = status, message
    job.finished_at = timezone.now() if status != JobStatus.READY else None
    job.save()


def _progress(job: Job, phase: str):
    def report(done: int, total: int) -> None:
        jobfiles.report_progress(job.pk, phase=phase, done=done, total=total)

    return report


def _table(job: Job) -> readers.Table:
    data = uploads.read(job.upload_token)
    if data is None:
        raise JobFailed(_("The uploaded file is no longer kept; upload it again."))
    return shapes.read_for(
        data, name=job.file_name, label=job.model_label, encoding=job.params.get("encoding", "")
    )


def _plan(job: Job):
    mapping = Mapping.from_dict(job.mapping) if job.mapping else None
    return plan_import(
        label=job.model_label,
        table=_table(job),
        mapping=mapping,
        progress=_progress(job, "checking"),
        may_publish=job.may_publish,
    )


def _check(job: Job, message: str = "") -> None:
    plan = _plan(job)
    job.preview = previews.summary(plan)
    if plan.table.encoding:
        job.preview["encoding_codec"] = plan.table.encoding
        job.preview["encoding_choices"] = readers.encoding_choices(uploads.read(job.upload_token))
    if plan.errors:
        source = _table(job)  # planning consumed its own copy
        dataset = exporting.error_dataset(table=source, errors=plan.errors)
        for fmt in ("csv", "xlsx"):
            jobfiles.write_file(job.pk, f"errors.{fmt}", exporting.render(dataset, fmt))
    _finish(job, JobStatus.READY, message)


def _write(job: Job, fingerprint: str) -> None:
    from archive.applying import apply_plan

    plan = _plan(job)
    if plan.fingerprint != fingerprint:
        job.preview = previews.summary(plan)
        _finish(job, JobStatus.READY, _changed_since_preview())
        return
    try:
        # The job is done in the import's own transaction: if the database goes away as
        # it commits, neither stands, and the job is not left "writing" over a written file.
        with transaction.atomic():
            record = apply_plan(
                plan=plan,
                user=job.user,
                file_name=job.file_name,
                checksum=job.checksum,
                profile=job.profile,
                progress=_progress(job, "writing"),
            )
            job.ledger_entry = record
            _finish(job, JobStatus.SUCCEEDED, previews.imported_message(record))
    except ImportRefused as error:  # another import wrote these records meanwhile
        job.status = JobStatus.CHECKING
        _check(job, str(error))
        return
    if not bibliography_shape.next_step(job.model_label, plan.shape):  # else kept for it
        uploads.remove(job.upload_token)


def _changed_since_preview() -> str:
    return _(
        "Another import or an edit changed these records since the preview: this is a "
        "fresh preview. Check it, then confirm again."
    )


def _undo(job: Job) -> None:
    from archive.undo import undo_import as undo

    record = ImportRecord.objects.filter(pk=job.params.get("entry")).first()
    if record is None:
        raise JobFailed(_("This import is no longer in the ledger."))
    with transaction.atomic():  # the job done with the undo, or neither
        undo(record=record, user=job.user, may_publish=job.may_publish)
        job.ledger_entry = record
        _finish(job, JobStatus.SUCCEEDED, _("The import was undone."))


def _export(job: Job) -> None:
    """The records written a chunk at a time (archive/export_stream.py): the worker's
    memory does not grow with the list."""
    from django.apps import apps

    model = apps.get_model(job.model_label)
    pks = jobfiles.read_list(job.pk, "records.json")
    ordering = job.params.get("ordering") or ["pk"]
    fmt = job.params["format"]
    report = _progress(job, "writing")
    queryset = model._default_manager.order_by(*ordering)
    headers, rows = export_stream.export_rows(
        label=job.model_label, queryset=queryset, ids=pks, chunk=EXPORT_CHUNK
    )

    def counted(rows):
        for done, row in enumerate(rows, start=1):
            if done % EXPORT_CHUNK == 0 or done == len(pks):
                report(done, len(pks))
            yield row

    name = f"{model._meta.model_name}.{fmt}"
    if fmt == "xlsx":
        with export_stream.xlsx_file(headers, counted(rows)) as workbook:
            jobfiles.write_chunks(job.pk, name, iter(lambda: workbook.read(1 << 20), b""))
    else:
        jobfiles.write_chunks(job.pk, name, export_stream.WRITERS[fmt](headers, counted(rows)))
    job.output_name = name
    _finish(job, JobStatus.SUCCEEDED, _("The file is ready to download."))


# Faults and leftovers ------------------------------------------------------------


def fail_stale_jobs() -> int:
    """Jobs being checked or written whose worker stopped beating (it died, or the machine
    restarted) are failed: their transaction never committed, so they wrote nothing."""
    limit = time.time() - settings.ARCHIVE_JOB_STALE_SECONDS
    failed = 0
    for job in Job.objects.filter(status__in=(JobStatus.CHECKING, JobStatus.WRITING)):
        alive = max(jobfiles.last_heartbeat(job.pk) or 0, job.updated_at.timestamp())
        if alive >= limit:
            continue
        job.status = JobStatus.FAILED
        job.message = _(
            "The worker running this job stopped before it finished; nothing was written. "
            "Run it again."
        )
        job.finished_at = timezone.now()
        job.save()
        failed += 1
    return failed


def remove_old_files() -> int:
    """Uploads and job folders older than ARCHIVE_FILES_KEPT_HOURS, unless a job that is
    still running or waiting for its confirmation needs them."""
    kept_seconds = settings.ARCHIVE_FILES_KEPT_HOURS * 3600
    live = Job.objects.filter(status__in=(*RUNNING, JobStatus.READY))
    needed_uploads = set(live.values_list("upload_token", flat=True))
    needed_jobs = {str(pk) for pk in live.values_list("pk", flat=True)}
    removed = 0
    root = Path(settings.ARCHIVE_UPLOAD_DIR)
    for path in root.glob("*"):
        if path.is_file() and path.name not in needed_uploads:
            removed += _remove_if_old(path, kept_seconds)
    for path in (root / "jobs").glob("*"):
        if path.is_dir() and path.name not in needed_jobs:
            newest = max((p.stat().st_mtime for p in path.iterdir()), default=0)
            if time.time() - max(newest, path.stat().st_mtime) > kept_seconds:
                jobfiles.remove(int(path.name))
                removed += 1
    stale_jobs = Job.objects.finished_before(timezone.now() - timedelta(seconds=kept_seconds))
    stale_jobs.filter(kind=JobKind.EXPORT).update(output_name="")
    return removed


def _remove_if_old(path: Path, kept_seconds: float) -> int:
    try:
        if jobfiles.age_seconds(path) > kept_seconds:
            path.unlink()
            return 1
    except OSError:
        pass
    return 0
