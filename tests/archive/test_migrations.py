"""The archive was part of the ``kzunesco_site`` app: a database migrated then keeps its
ledger, its mapping profiles, its roles' permissions and its old admin addresses."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from archive.models import ImportRecord, MappingProfile

moving = importlib.import_module("archive.migrations.0002_content_types")
FORMER = [
    ("kzunesco_site", name)
    for name in (
        "0001_import_ledger",
        "0002_roles",
        "0003_trigram_extension",
        "0004_workflow_roles",
        "0005_importrecord_mapping",
        "0006_mapping_profile_created_by_label",
    )
]


@pytest.mark.django_db
def test_the_former_apps_six_migrations_count_as_the_archives_first():
    recorder = MigrationRecorder(connection)
    recorder.record_unapplied("archive", "0001_initial")  # as before the move
    assert set(FORMER) <= set(recorder.applied_migrations())
    assert ("archive", "0001_initial") in MigrationLoader(connection).applied_migrations

    recorder.record_unapplied(*FORMER[2])  # one of the six missing: not applied
    assert ("archive", "0001_initial") not in MigrationLoader(connection).applied_migrations


@pytest.mark.django_db
def test_the_tables_keep_their_names():
    assert ImportRecord._meta.db_table == "kzunesco_site_importrecord"
    assert MappingProfile._meta.db_table == "kzunesco_site_mappingprofile"
    assert {"kzunesco_site_importrecord", "kzunesco_site_mappingprofile"} <= set(
        connection.introspection.table_names()
    )


def _as_before_the_move() -> None:
    former = ContentType.objects.filter(app_label="archive", model__in=moving.MODELS)
    former.update(app_label="kzunesco_site")
    ContentType.objects.clear_cache()


def _importers() -> set[str]:
    ContentType.objects.clear_cache()
    archivists = Group.objects.get(name="Archivist").permissions
    return set(
        archivists.filter(
            content_type__app_label="archive", content_type__model__in=moving.MODELS
        ).values_list("codename", flat=True)
    )


@pytest.mark.django_db
def test_archivists_keep_their_permissions_when_the_content_types_move():
    _as_before_the_move()
    assert _importers() == set()

    moving.move_content_types(apps, None)

    assert {"import_records", "add_mappingprofile", "view_importrecord"} <= _importers()
    assert not ContentType.objects.filter(app_label="kzunesco_site").exists()


@pytest.mark.django_db
def test_the_former_permissions_win_over_ones_made_since():
    _as_before_the_move()
    made_since = ContentType.objects.create(app_label="archive", model="importrecord")
    Permission.objects.create(content_type=made_since, codename="import_records", name="x")

    moving.move_content_types(apps, None)

    held = Group.objects.get(name="Archivist").permissions.get(codename="import_records")
    assert held.content_type == made_since
    assert Permission.objects.filter(codename="import_records").count() == 1
    assert not ContentType.objects.filter(app_label="kzunesco_site").exists()


def test_the_ledgers_former_admin_address_leads_to_its_new_one(client):
    response = client.get("/admin/kzunesco_site/importrecord/7/change/?status=applied")
    assert response.status_code == 301
    assert response["Location"] == "/admin/archive/importrecord/7/change/?status=applied"
