"""The staff roles get stories as they have the other public records: Editors and
Archivists add, change and view them (drafts: a published story is for those who may
publish), and remove a draft's sections and lead image, which is changing the draft;
Publishers and Administrators also publish and delete stories."""

from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.db.models import Q


def grant(apps, schema_editor):
    stories = apps.get_app_config("stories")
    stories.models_module = True
    create_permissions(stories, apps=apps, verbosity=0)
    stories.models_module = None
    grant_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def grant_roles(Group, Permission) -> None:
    """The grants themselves, once the permissions exist (tests give them to the roles
    that a flush removed: tests/conftest.py)."""
    every = Permission.objects.filter(content_type__app_label="stories")
    parts = Q(codename__in=["delete_storysection", "delete_storyleadimage"])
    editing = every.filter(
        parts | ~Q(codename__startswith="delete_") & ~Q(codename__startswith="publish_")
    )
    grants = {"Editor": editing, "Archivist": editing, "Publisher": every, "Administrator": every}
    for group in Group.objects.filter(name__in=grants):
        group.permissions.add(*grants[group.name])


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    stories = Permission.objects.filter(content_type__app_label="stories")
    for group in apps.get_model("auth", "Group").objects.all():
        group.permissions.remove(*stories)


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0001_initial"),
        ("archive", "0002_content_types"),  # the roles
    ]

    operations = [migrations.RunPython(grant, revoke)]
