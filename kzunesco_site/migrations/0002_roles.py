"""Staff roles. Editors edit content; Archivists also import spreadsheets and manage
mapping profiles; Administrators may do everything, including managing users."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT_APPS = ("heritage", "timeline", "publications")


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    content = Permission.objects.filter(content_type__app_label__in=CONTENT_APPS)
    editing = content.exclude(codename__startswith="delete_")
    archive = Permission.objects.filter(content_type__app_label="kzunesco_site")

    editor, _ = Group.objects.get_or_create(name="Editor")
    editor.permissions.set(editing)
    archivist, _ = Group.objects.get_or_create(name="Archivist")
    archivist.permissions.set(editing | archive)
    administrator, _ = Group.objects.get_or_create(name="Administrator")
    administrator.permissions.set(Permission.objects.all())


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["Editor", "Archivist", "Administrator"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("kzunesco_site", "0001_import_ledger"),
        ("heritage", "0001_initial"),
        ("timeline", "0003_figure_qualifier_choices"),
        ("publications", "0002_publication_ordering"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
