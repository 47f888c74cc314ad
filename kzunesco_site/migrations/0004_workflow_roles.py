"""Staff roles for the editorial workflow.

Editor: writes and edits drafts and sends them for review; cannot publish.
Publisher: everything an Editor does, plus publishing, scheduling, unpublishing, deleting.
Archivist: what an Editor does, plus spreadsheet import (with undo) and mapping profiles.
Administrator: everything, including users.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT_APPS = ("heritage", "timeline", "publications")
ROLES = ("Editor", "Publisher", "Archivist", "Administrator")


def create_roles(apps, schema_editor):
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
    archive = Permission.objects.filter(content_type__app_label="kzunesco_site")
    grants = {
        "Editor": editing,
        "Publisher": content,
        "Archivist": editing | archive,
        "Administrator": Permission.objects.all(),
    }
    for name, permissions in grants.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions)


def remove_publisher(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Publisher").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("kzunesco_site", "0003_trigram_extension"),
        ("heritage", "0004_history"),
        ("timeline", "0005_history"),
        ("publications", "0005_history"),
    ]

    operations = [migrations.RunPython(create_roles, remove_publisher)]
