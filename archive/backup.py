"""Backups: the whole database as XML (natural keys for content types, permissions,
users and groups, so it loads into any database, SQLite or PostgreSQL) plus the media
files, read from and written to whichever storage holds them (the filesystem or an S3
bucket). A restore empties the target database first, then loads everything or nothing."""

import io
import re
import shutil
import tarfile
from pathlib import Path

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from caching.pagecache import invalidate_public_pages

# XML rather than JSON: Django's JSON encoder cuts times to milliseconds, XML keeps them exact.
DATA = "data.xml"
MEDIA = "media.tar.gz"
# Rebuilt by migrate (content types, permissions, OAI-PMH's stored datestamps), transient
# (sessions, sign-in attempts), or regenerated on demand (image renditions, under CACHE/ in
# the media storage).
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "axes", "opendata.oaistamp"]


def _models_to_keep() -> list[str]:
    """Every model's label but the excluded, sorted: the same order in every process
    (the order models register in is not), so two backups of the same data are equal."""
    labels = []
    for model in apps.get_models():
        opts = model._meta
        if opts.proxy or not opts.managed:
            continue
        if opts.app_label in EXCLUDED or opts.label_lower in EXCLUDED:
            continue
        labels.append(opts.label_lower)
    return sorted(labels)


def dump_database(stream) -> None:
    call_command(
        "dumpdata",
        *_models_to_keep(),
        natural_foreign=True,
        format="xml",
        indent=1,
        stdout=stream,
    )


def create_backup(*, folder: Path) -> Path:
    """Written under ``<folder>.partial`` and renamed when complete: a backup folder is
    whole or absent, whatever stops the writing. Media files are copied in chunks."""
    if folder.exists():
        raise FileExistsError(f"{folder} exists already")
    partial = folder.with_name(folder.name + PARTIAL)
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    try:
        with (partial / DATA).open("w", encoding="utf-8") as stream:
            dump_database(stream)
        with tarfile.open(partial / MEDIA, "w:gz") as archive:
            for name in sorted(_media_files(default_storage)):
                member = tarfile.TarInfo(name)
                member.size = default_storage.size(name)
                with default_storage.open(name, "rb") as source:
                    archive.addfile(member, source)
        partial.rename(folder)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return folder


PARTIAL = ".partial"
SCHEDULED = re.compile(r"\d{4}-\d{2}-\d{2}-\d{6}")


def scheduled_backup(*, root: Path, keep: int) -> Path:
    """A backup in ``root``/<date and time>, then only the newest ``keep`` of the
    scheduled backups there are kept (other folders in ``root`` are left alone)."""
    folder = create_backup(folder=root / timezone.now().strftime("%Y-%m-%d-%H%M%S"))
    scheduled = sorted(p for p in root.iterdir() if p.is_dir() and SCHEDULED.fullmatch(p.name))
    for old in scheduled[: max(len(scheduled) - keep, 0)]:
        shutil.rmtree(old)
    return folder


def _media_files(storage: Storage, folder: str = "") -> list[str]:
    """Every uploaded file's name in ``storage``, renditions (CACHE/) left out."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # nothing uploaded yet
        return []
    names = [f"{folder}{name}" for name in files]
    for sub in folders:
        if not (folder == "" and sub == "CACHE"):
            names += _media_files(storage, f"{folder}{sub}/")
    return names


def restore_backup(*, folder: Path) -> None:
    data = folder / DATA
    if not data.is_file():
        raise FileNotFoundError(f"{data} is missing: not a kzunesco backup folder")
    # The backup holds the history already: loading must not add revisions of its own
    # (setting an event's links would, through django-simple-history's m2m signal).
    with transaction.atomic(), override_settings(SIMPLE_HISTORY_ENABLED=False):
        call_command("flush", interactive=False, verbosity=0)
        call_command("loaddata", str(data), verbosity=0)
        # What migrate derives from the rows (the stored OAI-PMH datestamps: the database
        # wrote them as the rows came in, in the file's order), from all of them now.
        call_command("migrate", interactive=False, verbosity=0)
    ContentType.objects.clear_cache()  # their ids changed with the flush
    with tarfile.open(folder / MEDIA, "r:gz") as archive:
        for member in archive:
            if not member.isfile() or not _safe_name(member.name):
                continue
            if default_storage.exists(member.name):
                default_storage.delete(member.name)
            content = archive.extractfile(member).read()
            default_storage.save(member.name, ContentFile(content))
    invalidate_public_pages()


def _safe_name(name: str) -> bool:
    """A relative name without ``..``: nothing from a backup lands outside the media."""
    parts = name.split("/")
    return not name.startswith("/") and all(part not in ("", ".", "..") for part in parts)


def database_snapshot() -> str:
    """The database as a backup would hold it, for comparing two databases."""
    stream = io.StringIO()
    dump_database(stream)
    return stream.getvalue()
