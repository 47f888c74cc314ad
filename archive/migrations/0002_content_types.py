"""The ledger's and the mapping profiles' content types move from the former
``kzunesco_site`` app to ``archive``, and their permissions with them, so that the
roles and users who could import before still can. Nothing to do on a new database."""

from django.db import migrations

MODELS = ("importrecord", "mappingprofile")


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for model in MODELS:
        old = ContentType.objects.filter(app_label="kzunesco_site", model=model).first()
        if old is None:
            continue
        new = ContentType.objects.filter(app_label="archive", model=model).first()
        if new is None:
            old.app_label = "archive"
            old.save(update_fields=["app_label"])
            continue
        # Both exist (post_migrate made the new one): the old one's permissions, which
        # roles and users hold, replace the new one's.
        held = Permission.objects.filter(content_type=old).values_list("codename", flat=True)
        Permission.objects.filter(content_type=new, codename__in=list(held)).delete()
        Permission.objects.filter(content_type=old).update(content_type=new)
        old.delete()


def move_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="archive", model__in=MODELS).update(
        app_label="kzunesco_site"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(move_content_types, move_back)]
