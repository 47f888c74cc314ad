"""Background jobs (issue 28): an import, an undo and a long export run as tasks, never in
the web request; the archivist follows them on the job's page, may leave and come back,
and a job whose worker died is failed in words, wrote nothing and can be run again."""

import csv
import io
import os
import time

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from archive import jobfiles, tasks, uploads
from archive.jobs import Job, JobKind, JobStatus
from archive.models import ImportRecord, ImportStatus
from core.models import Status
from heritage.models import HeritageItem
from tests.factories import make_heritage_item
from tests.files import csv_bytes
from tests.imports import map_columns, upload

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
JOBS = reverse("admin:archive_job_changelist")


def started_import(client, rows) -> Job:
    job_url = map_columns(client, upload(client, csv_bytes(rows)))
    return Job.objects.get(pk=job_url.rstrip("/").split("/")[-2])


@override_settings(TASKS=DATABASE_TASKS)
def test_an_import_waits_for_the_worker_and_the_archivist_may_come_back(user_in, monkeypatch):
    """With the database backend nothing runs in the request: the job waits until the
    worker (`manage.py run_worker`) takes it, then its page shows the preview; confirmed,
    it waits again, and the page shows the counts and leads to the ledger."""
    # The worker drops a connection left inside a transaction, as the test's is.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    client = user_in("Archivist")
    job = started_import(client, [["slug", "kind", "name_en"], ["queued", "world", "Queued"]])
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Waiting for a worker" in page and 'http-equiv="refresh"' in page
    assert "run_worker" in page  # what to do if no worker runs
    assert job.get_absolute_url() in client.get(JOBS).content.decode()

    call_command("run_worker", batch=True, verbosity=0)
    job.refresh_from_db()
    assert job.status == JobStatus.READY and not HeritageItem.objects.filter(slug="queued")
    preview = client.get(job.get_absolute_url())
    assert 'http-equiv="refresh"' not in preview.content.decode()
    client.post(job.get_absolute_url(), {"fingerprint": preview.context["plan"].fingerprint})
    assert Job.objects.get(pk=job.pk).status == JobStatus.QUEUED
    assert not HeritageItem.objects.filter(slug="queued").exists()  # not in the request

    call_command("run_worker", batch=True, verbosity=0)
    result = client.get(job.get_absolute_url()).content.decode()
    record = ImportRecord.objects.get()
    assert "Imported: 1 new record, 0 updated records, 0 unchanged records." in result
    assert reverse("admin:archive_importrecord_change", args=[record.pk]) in result
    assert HeritageItem.objects.filter(slug="queued").exists()
    assert uploads.read(job.upload_token) is None  # the upload is not kept after the import


def test_the_job_page_shows_rows_checked_and_written_while_the_worker_runs(
    user_in, django_user_model
):
    client = user_in("Archivist")
    job = Job.objects.create(
        kind=JobKind.IMPORT,
        status=JobStatus.WRITING,
        model_label="heritage.HeritageItem",
        user=django_user_model.objects.get(username="archivist"),
    )
    jobfiles.report_progress(job.pk, phase="writing", done=3000, total=100000)
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Rows written: 3000 of 100000" in page
    assert '<progress id="job-progress" max="100000" value="3000">' in page
    jobfiles.report_progress(job.pk, phase="checking", done=5, total=7)
    assert "Rows checked: 5 of 7" in client.get(job.get_absolute_url()).content.decode()


def test_a_job_whose_worker_died_is_failed_in_words_and_can_be_run_again(user_in, settings):
    """The worker died while writing: its transaction never committed. Once its heartbeat
    is older than ARCHIVE_JOB_STALE_SECONDS, the job is failed, and Run again starts it
    anew from the check."""
    client = user_in("Archivist")
    rows = [["slug", "kind", "name_en"], ["again", "world", "Again"]]
    job = started_import(client, rows)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.WRITING)
    heartbeat = jobfiles.folder(job.pk) / "heartbeat"
    heartbeat.touch()
    settings.ARCHIVE_JOB_STALE_SECONDS = 60
    assert client.get(job.get_absolute_url()).context["job"].status == JobStatus.WRITING
    old = time.time() - 120
    os.utime(heartbeat, (old, old))
    Job.objects.filter(pk=job.pk).update(updated_at=job.updated_at.replace(year=2020))
    page = client.get(job.get_absolute_url()).content.decode()
    assert "The worker running this job stopped before it finished; nothing was written." in page
    assert not HeritageItem.objects.filter(slug="again").exists()
    client.post(job.get_absolute_url(), {"run_again": "1"})
    again = client.get(job.get_absolute_url())
    assert again.context["job"].status == JobStatus.READY
    assert again.context["plan"].counts["new"] == 1


def test_only_the_archivist_who_started_an_import_confirms_it(user_in, django_user_model):
    client = user_in("Archivist")
    job = started_import(client, [["slug", "kind", "name_en"], ["mine", "world", "Mine"]])
    colleague = django_user_model.objects.create_user("colleague", is_staff=True)
    colleague.groups.add(*django_user_model.objects.get(username="archivist").groups.all())
    client.force_login(colleague)
    assert client.get(job.get_absolute_url()).status_code == 200  # the ledger is shared
    fingerprint = job.__class__.objects.get(pk=job.pk).preview["fingerprint"]
    assert client.post(job.get_absolute_url(), {"fingerprint": fingerprint}).status_code == 403
    assert not HeritageItem.objects.filter(slug="mine").exists()


def test_a_confirmation_sent_twice_writes_once(user_in):
    client = user_in("Archivist")
    job = started_import(client, [["slug", "kind", "name_en"], ["once", "world", "Once"]])
    fingerprint = Job.objects.get(pk=job.pk).preview["fingerprint"]
    client.post(job.get_absolute_url(), {"fingerprint": fingerprint})
    response = client.post(job.get_absolute_url(), {"fingerprint": fingerprint}, follow=True)
    assert "This import is not waiting for a confirmation." in response.content.decode()
    assert ImportRecord.objects.count() == 1


def test_the_job_speaks_the_language_of_whoever_confirmed_it(user_in):
    client = user_in("Archivist")
    job = started_import(client, [["slug", "kind", "name_en"], ["til", "world", "Til"]])
    fingerprint = Job.objects.get(pk=job.pk).preview["fingerprint"]
    client.post(job.get_absolute_url(), {"fingerprint": fingerprint}, HTTP_ACCEPT_LANGUAGE="ru")
    assert Job.objects.get(pk=job.pk).message.startswith("Импортировано: 1 новая запись")


def imported(client, rows) -> ImportRecord:
    job = started_import(client, rows)
    fingerprint = Job.objects.get(pk=job.pk).preview["fingerprint"]
    client.post(job.get_absolute_url(), {"fingerprint": fingerprint})
    return ImportRecord.objects.get(pk=Job.objects.get(pk=job.pk).ledger_entry_id)


def test_undo_runs_as_a_job_and_a_refusal_is_its_message(user_in):
    client = user_in("Archivist")
    record = imported(client, [["slug", "kind", "name_en"], ["undone", "world", "Undone"]])
    response = client.post(reverse("admin:archive_importrecord_undo", args=[record.pk]))
    done = Job.objects.get(kind=JobKind.UNDO)
    assert response["Location"] == done.get_absolute_url()
    assert "The import was undone." in client.get(done.get_absolute_url()).content.decode()
    record.refresh_from_db()
    assert record.status == ImportStatus.UNDONE and not HeritageItem.objects.filter(slug="undone")

    kept = imported(client, [["slug", "kind", "name_en"], ["kept", "world", "Kept"]])
    item = HeritageItem.objects.get(slug="kept")
    item.name_en = "Edited since"
    item.save()
    client.post(reverse("admin:archive_importrecord_undo", args=[kept.pk]))
    refused = Job.objects.filter(kind=JobKind.UNDO).latest("pk")
    page = client.get(refused.get_absolute_url()).content.decode()
    assert "Records were changed after this import: kept." in page
    assert refused.status == JobStatus.FAILED
    assert HeritageItem.objects.get(slug="kept").name_en == "Edited since"


def test_a_long_list_is_exported_by_a_job_in_the_lists_order_and_filters(user_in, settings):
    settings.ARCHIVE_EXPORT_IN_REQUEST_ROWS = 2
    client = user_in("Editor")
    for slug in ("c-draft", "a-draft", "b-draft"):
        make_heritage_item(slug=slug, name_en=slug, status=Status.DRAFT)
    make_heritage_item(slug="public", name_en="public")
    url = reverse("admin:heritage_heritageitem_export_file")
    response = client.get(url, {"format": "csv", "status__exact": "draft", "o": "1"})
    job = Job.objects.get(kind=JobKind.EXPORT)
    assert response["Location"] == job.get_absolute_url()  # editors may export, and follow it
    page = client.get(job.get_absolute_url()).content.decode()
    download = reverse("admin:archive_job_file", args=[job.pk, "heritageitem.csv"])
    assert "The file is ready to download." in page and download in page
    text = b"".join(client.get(download).streaming_content).decode("utf-8-sig")
    slugs = [row["slug"] for row in csv.DictReader(io.StringIO(text))]
    listed = client.get(
        reverse("admin:heritage_heritageitem_changelist"), {"status__exact": "draft", "o": "1"}
    )
    assert slugs == [item.slug for item in listed.context["cl"].result_list]
    assert sorted(slugs) == ["a-draft", "b-draft", "c-draft"]


def test_a_short_list_is_still_exported_at_once(user_in):
    client = user_in("Editor")
    make_heritage_item(slug="one", name_en="One")
    response = client.get(reverse("admin:heritage_heritageitem_export_file"), {"format": "csv"})
    assert "attachment" in response["Content-Disposition"] and not Job.objects.exists()


def test_abandoned_uploads_and_old_job_files_are_removed_after_a_day(user_in, settings):
    client = user_in("Archivist")
    waiting = started_import(client, [["slug", "kind", "name_en"], ["wait", "world", "Wait"]])
    abandoned = uploads.store({}, data=b"slug\nx\n", name="x.csv", label="heritage.HeritageItem")
    fresh = uploads.store({}, data=b"slug\ny\n", name="y.csv", label="heritage.HeritageItem")
    finished = Job.objects.create(
        kind=JobKind.EXPORT,
        status=JobStatus.SUCCEEDED,
        model_label="heritage.HeritageItem",
        output_name="heritageitem.csv",
    )
    jobfiles.write_file(finished.pk, "heritageitem.csv", b"slug\n")
    day_ago = time.time() - 25 * 3600
    upload_dir = settings.ARCHIVE_UPLOAD_DIR
    for path in (
        f"{upload_dir}/{abandoned}",
        f"{upload_dir}/{waiting.upload_token}",
        *[str(p) for p in jobfiles.folder(finished.pk).iterdir()],
        str(jobfiles.folder(finished.pk)),
        *[str(p) for p in jobfiles.folder(waiting.pk).iterdir()],
        str(jobfiles.folder(waiting.pk)),
    ):
        os.utime(path, (day_ago, day_ago))
    Job.objects.filter(pk=finished.pk).update(updated_at=finished.updated_at.replace(year=2020))

    tasks.remove_abandoned_files.call()

    assert uploads.read(abandoned) is None
    assert uploads.read(fresh) is not None  # less than a day old
    assert uploads.read(waiting.upload_token) is not None  # its job waits for a confirmation
    assert not jobfiles.output_path(finished.pk, "heritageitem.csv").exists()
    assert Job.objects.get(pk=finished.pk).output_name == ""
    page = client.get(finished.get_absolute_url()).content.decode()
    assert "The file is no longer kept; export the list again." in page


def test_a_full_disk_leaves_no_partial_file(monkeypatch, tmp_path):
    """A job's file is written beside its place and moved there whole: a write that fails
    (ENOSPC) leaves neither a partial file nor the temporary one."""
    job = Job.objects.create(kind=JobKind.EXPORT, model_label="heritage.HeritageItem")
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, handle):
            self.file = real_fdopen(handle, "wb")

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.file.close()

        def write(self, data):
            self.file.write(data[: len(data) // 2])
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(jobfiles.os, "fdopen", lambda handle, mode: FullDisk(handle))
    with pytest.raises(OSError):
        jobfiles.write_file(job.pk, "heritageitem.csv", b"x" * 10_000)
    assert [p.name for p in jobfiles.folder(job.pk).iterdir() if p.name != "heartbeat"] == []
