"""Starting the archive's background jobs: each writes a ``Job`` and hands its task to
the task backend (a worker picks it up; in tests, the immediate backend runs it)."""

from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from archive import jobfiles, tasks
from archive.jobs import Job, JobKind, JobStatus
from archive.models import ImportRecord, MappingProfile


def start_import(
    *,
    user,
    label: str,
    upload: dict,
    token: str,
    may_publish: bool,
) -> Job:
    """Check the uploaded file in the background; its job page shows the preview."""
    job = Job.objects.create(
        kind=JobKind.IMPORT,
        model_label=label,
        user=user,
        may_publish=may_publish,
        upload_token=token,
        file_name=upload["name"],
        checksum=upload["sha256"],
        mapping=upload.get("mapping"),
        profile=MappingProfile.objects.filter(pk=upload.get("profile")).first(),
        params={"language": translation.get_language(), "encoding": upload.get("encoding", "")},
    )
    _enqueue(job, tasks.check_import, job.pk)
    return job


def start_next_import(*, job: Job, user, label: str, may_publish: bool) -> Job:
    """The next import of a bibliography (archive/bibliography/shape.py) from the file
    ``job`` imported, checked in the background like the first (its columns are the
    file's shape's: no mapping)."""
    upload = {
        "name": job.file_name,
        "sha256": job.checksum,
        "encoding": job.params.get("encoding", ""),
    }
    return start_import(
        user=user, label=label, upload=upload, token=job.upload_token, may_publish=may_publish
    )


def read_again(*, job: Job, encoding: str) -> bool:
    """Check an import waiting for its confirmation anew, its file read in the encoding the
    archivist chose from the preview. False when the job is not waiting."""
    params = {**job.params, "encoding": encoding, "language": translation.get_language()}
    taken = Job.objects.filter(pk=job.pk, status=JobStatus.READY).update(
        status=JobStatus.QUEUED, message="", params=params, preview=None
    )
    if not taken:
        return False
    job.refresh_from_db()
    _enqueue(job, tasks.check_import, job.pk)
    return True


def confirm_import(*, job: Job, fingerprint: str) -> bool:
    """Write the previewed import in the background. False when the job is not waiting
    for a confirmation (confirmed twice, or still being checked)."""
    params = {**job.params, "language": translation.get_language()}  # the confirmer's
    taken = Job.objects.filter(pk=job.pk, status=JobStatus.READY).update(
        status=JobStatus.QUEUED, message="", params=params
    )
    if not taken:
        return False
    job.refresh_from_db()
    _enqueue(job, tasks.write_import, job.pk, fingerprint)
    return True


def start_undo(*, user, record: ImportRecord, may_publish: bool) -> Job:
    job = Job.objects.create(
        kind=JobKind.UNDO,
        model_label=record.model_label,
        user=user,
        may_publish=may_publish,
        file_name=record.file_name,
        params={"entry": record.pk, "language": translation.get_language()},
    )
    _enqueue(job, tasks.undo_import, job.pk)
    return job


def start_export(*, user, label: str, queryset: QuerySet, fmt: str, ordering: list[str]) -> Job:
    """Export the records of ``queryset`` (as the list showed them, in its order) in the
    background; the job page offers the file when it is ready."""
    job = Job.objects.create(
        kind=JobKind.EXPORT,
        model_label=label,
        user=user,
        params={"format": fmt, "ordering": ordering, "language": translation.get_language()},
    )
    jobfiles.write_list(job.pk, "records.json", list(queryset.values_list("pk", flat=True)))
    _enqueue(job, tasks.export_records, job.pk)
    return job


def run_again(*, job: Job) -> bool:
    """A failed job, from its start: an import is checked anew, then waits for its
    confirmation again. False when the job has not failed."""
    if job.status != JobStatus.FAILED:
        return False
    if job.kind == JobKind.IMPORT and not job.upload_token:
        return False
    Job.objects.filter(pk=job.pk).update(status=JobStatus.QUEUED, message="", finished_at=None)
    job.refresh_from_db()
    task = {
        JobKind.IMPORT: tasks.check_import,
        JobKind.UNDO: tasks.undo_import,
        JobKind.EXPORT: tasks.export_records,
    }[job.kind]
    _enqueue(job, task, job.pk)
    return True


def _enqueue(job: Job, task, *args) -> None:
    try:
        task.enqueue(*args)
    except Exception as error:  # the task backend is unreachable: say so on the job page
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED,
            message=_("The job could not be handed to a worker (%(error)s); run it again.")
            % {"error": type(error).__name__},
        )
        job.refresh_from_db()
