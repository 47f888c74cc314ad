"""make backup / make restore: the database and media round-trip exactly, also from
SQLite into whichever database the suite runs on (PostgreSQL in CI's second run)."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from archive.backup import create_backup, database_snapshot, restore_backup
from heritage.models import HeritageImage, HeritageItem
from tests.factories import make_image

# A restore empties the database (TRUNCATE on PostgreSQL), which cannot run inside the
# transaction an ordinary test runs in.
pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]


def test_backup_then_restore_gives_back_exactly_the_same_data(source_data, tmp_path, staff_client):
    item = HeritageItem.objects.get(slug="mausoleum-of-khoja-ahmed-yasawi")
    make_image(item, width=300, height=200)
    item.name_en = "Mausoleum of Khoja Ahmed Yasawi (edited)"
    item.save()  # a revision
    revisions = item.history.count()
    pictures = {
        name: Path(settings.MEDIA_ROOT, name).read_bytes()
        for name in HeritageImage.objects.values_list("image", flat=True)
    }
    assert len(pictures) == 3  # the two shipped photographs and this one

    # The backup's data is the database as it is (database_snapshot() dumps it the same
    # way): compared with the database restored from it.
    before = (create_backup(folder=tmp_path / "backup") / "data.xml").read_text(encoding="utf-8")
    HeritageItem.objects.all().delete()
    for name in pictures:
        Path(settings.MEDIA_ROOT, name).unlink()
    restore_backup(folder=tmp_path / "backup")

    assert database_snapshot() == before
    restored = HeritageImage.objects.values_list("image", flat=True)
    assert {name: Path(settings.MEDIA_ROOT, name).read_bytes() for name in restored} == pictures
    assert HeritageItem.objects.get(slug=item.slug).history.count() == revisions


def _migrated_sqlite_database(path: Path) -> list[list[str]]:
    """The commands that make ``path`` a migrated database. On SQLite the suite's own
    database is one already (empty, as a test that commits leaves it): a copy of it saves
    running every migration again."""
    if connection.vendor != "sqlite":
        return [["migrate", "-v0"]]
    connection.ensure_connection()
    with sqlite3.connect(path) as copy:
        connection.connection.backup(copy)
    copy.close()
    return []


def test_a_backup_made_on_sqlite_restores_here(tmp_path):
    """A separate process builds a SQLite database from the documents and backs it up."""
    source = tmp_path / "source.sqlite3"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kzunesco_site.settings.dev",
        "DATABASE_URL": f"sqlite:///{source}",
        "MEDIA_ROOT": str(tmp_path / "source-media"),
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (
        *_migrated_sqlite_database(source),
        ["load_documents", "-v0"],
        ["backup", "--output", str(tmp_path / "b")],
    ):
        subprocess.run(
            [*manage, *command], env=environment, check=True, cwd=ROOT, capture_output=True
        )

    restore_backup(folder=tmp_path / "b")

    assert database_snapshot() == (tmp_path / "b" / "data.xml").read_text(encoding="utf-8")
    assert HeritageItem.objects.count() == 54  # the documents' 16 and the other designations


def test_restore_refuses_a_folder_that_is_not_a_backup(tmp_path, source_data):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="not a kzunesco backup folder"):
        call_command("restore", str(tmp_path), "--yes")
    assert HeritageItem.objects.count() == 54  # nothing was touched
