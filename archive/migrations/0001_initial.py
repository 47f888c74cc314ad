"""The archive's tables, the pg_trgm extension and the staff roles, as the six migrations
of the former ``kzunesco_site`` app left them. A database migrated before the layout
change has all six recorded, so Django counts this one as applied; a new database runs
it. The tables keep their ``kzunesco_site_`` names."""

import django.db.models.deletion
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

CONTENT_APPS = ("heritage", "timeline", "publications")


def create_roles(apps, schema_editor):
    """Editor: writes and edits drafts and sends them for review; cannot publish.
    Publisher: everything an Editor does, plus publishing, scheduling, unpublishing,
    deleting. Archivist: what an Editor does, plus spreadsheet import (with undo) and
    mapping profiles. Administrator: everything, including users."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    content = Permission.objects.filter(content_type__app_label__in=CONTENT_APPS)
    editing = content.exclude(codename__startswith="delete_").exclude(
        codename__startswith="publish_"
    )
    archive = Permission.objects.filter(content_type__app_label="archive")
    grants = {
        "Editor": editing,
        "Publisher": content,
        "Archivist": editing | archive,
        "Administrator": Permission.objects.all(),
    }
    for name, permissions in grants.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["Editor", "Publisher", "Archivist", "Administrator"]
    ).delete()


class Migration(migrations.Migration):
    initial = True

    replaces = [
        ("kzunesco_site", "0001_import_ledger"),
        ("kzunesco_site", "0002_roles"),
        ("kzunesco_site", "0003_trigram_extension"),
        ("kzunesco_site", "0004_workflow_roles"),
        ("kzunesco_site", "0005_importrecord_mapping"),
        ("kzunesco_site", "0006_mapping_profile_created_by_label"),
    ]

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("heritage", "0004_history"),
        ("timeline", "0005_history"),
        ("publications", "0005_history"),
        # The Administrator role gets every permission there is, so every app with models
        # comes first (the former app's order had them first by chance).
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("sessions", "0001_initial"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [
        migrations.CreateModel(
            name="MappingProfile",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=200, unique=True, verbose_name="name")),
                ("model_label", models.CharField(max_length=100, verbose_name="model")),
                ("mapping", models.JSONField(default=dict, verbose_name="mapping")),
                ("note", models.TextField(blank=True, verbose_name="note")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("created_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL, verbose_name="created by")),
            ],
            options={
                "verbose_name": "mapping profile",
                "verbose_name_plural": "mapping profiles",
                "db_table": "kzunesco_site_mappingprofile",
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="ImportRecord",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("model_label", models.CharField(max_length=100, verbose_name="model")),
                ("file_name", models.CharField(max_length=300, verbose_name="file name")),
                ("file_format", models.CharField(max_length=8, verbose_name="format")),
                ("checksum", models.CharField(max_length=64, verbose_name="SHA-256")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="imported at")),
                ("new", models.PositiveIntegerField(default=0, verbose_name="new")),
                ("updated", models.PositiveIntegerField(default=0, verbose_name="updated")),
                ("unchanged", models.PositiveIntegerField(default=0, verbose_name="unchanged")),
                ("filtered_out", models.PositiveIntegerField(default=0, verbose_name="left out by filters")),
                ("status", models.CharField(choices=[("applied", "Applied"), ("undone", "Undone")], default="applied", max_length=16, verbose_name="status")),
                ("undone_at", models.DateTimeField(blank=True, null=True, verbose_name="undone at")),
                ("undo_data", models.JSONField(default=dict, editable=False, verbose_name="undo data")),
                ("mapping", models.JSONField(blank=True, null=True, verbose_name="how the file was read")),
                ("undone_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="undone by")),
                ("user", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="user")),
                ("profile", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to="archive.mappingprofile", verbose_name="mapping profile")),
            ],
            options={
                "verbose_name": "import",
                "verbose_name_plural": "import ledger",
                "db_table": "kzunesco_site_importrecord",
                "ordering": ["-created_at"],
                "permissions": [("import_records", "Can import spreadsheets")],
            },
        ),
        TrigramExtension(),
        migrations.RunPython(create_roles, remove_roles),
    ]
