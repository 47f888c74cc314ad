"""Backups as the worker's task (issue 28): every BACKUP_EVERY_HOURS the worker writes one
into BACKUP_DIR and keeps the newest BACKUP_KEEP; a backup is whole or absent, whatever
stops its writing."""

import tarfile
import time

import pytest
from django.tasks import default_task_backend
from django.test import override_settings

from archive import backup, tasks
from archive.management.commands.run_worker import Command as RunWorker
from tests.factories import make_heritage_item, make_image

pytestmark = pytest.mark.django_db

QUEUED = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _scheduled(root) -> list[str]:
    return sorted(p.name for p in root.iterdir())


def test_the_newest_scheduled_backups_are_kept_and_other_folders_left_alone(tmp_path):
    make_heritage_item(slug="kept-in-every-backup")
    (tmp_path / "before-the-upgrade").mkdir()  # made by hand: never removed
    for older in ("2026-12-01-020000", "2026-12-02-020000", "2026-12-03-020000"):
        (tmp_path / older).mkdir()
    folder = backup.scheduled_backup(root=tmp_path, keep=2)
    assert _scheduled(tmp_path) == ["2026-12-03-020000", folder.name, "before-the-upgrade"]
    assert "kept-in-every-backup" in (folder / backup.DATA).read_text()


def test_a_backup_stopped_half_way_leaves_nothing(tmp_path, monkeypatch):
    def dump_then_fail(stream):
        stream.write("<?xml version='1.0'?><django-objects>")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup, "dump_database", dump_then_fail)
    with pytest.raises(OSError, match="No space left"):
        backup.create_backup(folder=tmp_path / "nightly")
    assert list(tmp_path.iterdir()) == []


def test_media_files_are_in_the_backup_byte_for_byte(tmp_path):
    image = make_image(make_heritage_item(), width=300, height=200)
    folder = backup.create_backup(folder=tmp_path / "with-media")
    with tarfile.open(folder / backup.MEDIA) as archive:
        names = archive.getnames()
        copied = archive.extractfile(image.image.name).read()
    assert copied == image.image.open("rb").read()
    assert not any(name.startswith("CACHE/") for name in names)  # renditions are remade


@override_settings(TASKS=QUEUED, BACKUP_EVERY_HOURS=24, BACKUP_KEEP=3)
def test_the_worker_writes_a_backup_and_schedules_the_next(tmp_path, settings):
    settings.BACKUP_DIR = tmp_path
    default_task_backend.clear()
    make_heritage_item(slug="backed-up")
    tasks.back_up_site.call()
    (folder,) = tmp_path.iterdir()
    assert "backed-up" in (folder / backup.DATA).read_text()
    (following,) = default_task_backend.results
    assert following.task.name == "back_up_site"
    hours = (following.task.run_after.timestamp() - time.time()) / 3600
    assert 23.9 < hours <= 24


@override_settings(TASKS=DATABASE_TASKS)
@pytest.mark.parametrize(("every", "waiting"), [(24, 1), (0, 0)])
def test_one_scheduled_backup_waits_however_many_workers_start(settings, every, waiting):
    from django_tasks_db.models import DBTaskResult

    settings.BACKUP_EVERY_HOURS = every
    RunWorker()._schedule_clean_up()
    RunWorker()._schedule_clean_up()
    queued = DBTaskResult.objects.filter(status="READY")
    assert queued.filter(task_path=tasks.back_up_site.module_path).count() == waiting
    assert queued.filter(task_path=tasks.remove_abandoned_files.module_path).count() == 1
