"""The shipped status steps' Kazakh and Russian notes gave UNESCO's reference as
"(ref. 1138)", English in a Kazakh or Russian sentence; they now read "(№ 1138)"."""

from django.db import migrations
from django.db.models import Value
from django.db.models.functions import Replace


def number_sign(apps, schema_editor):
    step = apps.get_model("heritage", "DesignationStep")
    for field in ("note_kk", "note_ru"):
        step.objects.filter(**{f"{field}__contains": "(ref. "}).update(
            **{field: Replace(field, Value("(ref. "), Value("(№ "))}
        )


class Migration(migrations.Migration):
    dependencies = [("heritage", "0017_roles_for_designations")]

    operations = [migrations.RunPython(number_sign, migrations.RunPython.noop)]
