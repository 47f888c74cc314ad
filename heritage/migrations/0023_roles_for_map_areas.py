"""The staff roles get the areas on the map as they have the records' other parts:
Editors and Archivists add and change them, Publishers and Administrators also delete
them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ("maparea",)


def grant(apps, schema_editor):
    heritage = apps.get_app_config("heritage")
    heritage.models_module = True
    create_permissions(heritage, apps=apps, verbosity=0)
    heritage.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    new = Permission.objects.filter(
        content_type__app_label="heritage", content_type__model__in=MODELS
    )
    editing = new.exclude(codename__startswith="delete_")
    grants = {"Editor": editing, "Archivist": editing, "Publisher": new, "Administrator": new}
    for group in Group.objects.filter(name__in=grants):
        group.permissions.add(*grants[group.name])


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.all():
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="heritage", content_type__model__in=MODELS
            )
        )


class Migration(migrations.Migration):
    dependencies = [("heritage", "0022_map_area")]

    operations = [migrations.RunPython(grant, revoke)]
