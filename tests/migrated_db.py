"""The migrated SQLite test database, kept between runs.

Running the ~110 migrations into an empty in-memory database takes eight seconds or more
a test process, most of it Django rendering the models' states. The first process to do it
keeps a copy of the result in a file named for everything the migrations read (their own
files, the ``core`` modules they import, the shipped fixtures, Django's version); a later
process with the same fingerprint copies that file into its in-memory database with
SQLite's backup API, in a fraction of a second. Any change to a migration, or to what one
reads, makes a new fingerprint and so a new migrate. PostgreSQL is left as it is."""

import hashlib
import os
import sqlite3
import tempfile
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db.backends.sqlite3.creation import DatabaseCreation

FOLDER = Path(os.environ.get("KZUNESCO_TEST_DB_DIR") or tempfile.gettempdir()) / (
    "kzunesco-migrated-test-db"
)
_migrate_and_create = DatabaseCreation.create_test_db


def _read_by_migrations() -> list[tuple[str, Path]]:
    base = Path(settings.BASE_DIR)
    named = [
        (f"{config.label}/{path.name}", path)
        for config in apps.get_app_configs()
        for path in sorted((Path(config.path) / "migrations").glob("*.py"))
    ]
    named += [(f"core/{path.name}", path) for path in sorted((base / "core").glob("*.py"))]
    named += [(f"fixtures/{path.name}", path) for path in sorted(base.glob("fixtures/*.json"))]
    return [*named, ("heritage/validators.py", base / "heritage" / "validators.py")]


def kept_file() -> Path:
    """Where the migrated database for today's migrations is kept (it may not exist yet)."""
    digest = hashlib.sha256(django.__version__.encode())
    for name, path in _read_by_migrations():
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return FOLDER / f"{digest.hexdigest()[:20]}.sqlite3"


def _create_test_db(self, verbosity=1, autoclobber=False, serialize=None, keepdb=False):
    name = self._get_test_db_name()
    if keepdb or serialize is not None or not self.is_in_memory_db(name):
        return _migrate_and_create(self, verbosity, autoclobber, serialize, keepdb)
    kept = kept_file()
    if not kept.exists():
        name = _migrate_and_create(self, verbosity=verbosity, autoclobber=autoclobber)
        FOLDER.mkdir(parents=True, exist_ok=True)
        partial = kept.with_name(f"{kept.stem}.{os.getpid()}.partial")
        copy = sqlite3.connect(partial)
        self.connection.connection.backup(copy)
        copy.close()
        os.replace(partial, kept)  # another process may write the same file: either is whole
        return name
    self._create_test_db(verbosity, autoclobber, keepdb)
    self.connection.close()
    settings.DATABASES[self.connection.alias]["NAME"] = name
    self.connection.settings_dict["NAME"] = name
    self.connection.ensure_connection()
    source = sqlite3.connect(kept)
    source.backup(self.connection.connection)
    source.close()
    call_command("createcachetable", database=self.connection.alias)
    return name


def install() -> None:
    DatabaseCreation.create_test_db = _create_test_db
