"""Migration operations Django has no direct form for. What migrations import from here
must keep doing exactly what it did when they ran: add new functions rather than change
what these do."""

import json

from django.conf import settings
from django.db import migrations, models
from django.db.models import F


def partial_source_document_index(*, model_name: str, table: str, old_index: str) -> list:
    """Replace the full index of a record's source_document foreign key by a partial one
    that leaves out the records without a source document
    (core.models.SOURCE_DOCUMENT_INDEX).

    The foreign key's own index is dropped by name (Django's, the same on SQLite and
    PostgreSQL): AlterField(db_index=False) would rebuild the whole table on SQLite, and
    the rebuild drops the table's triggers, those that keep the search index up to date."""
    field = models.ForeignKey(
        blank=True,
        db_index=False,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        to="publications.publication",
        verbose_name="source document",
    )
    return [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(model_name=model_name, name="source_document", field=field)
            ],
            database_operations=[
                migrations.RunSQL(
                    sql=f'DROP INDEX IF EXISTS "{old_index}"',
                    reverse_sql=f'CREATE INDEX "{old_index}" ON "{table}" ("source_document_id")',
                )
            ],
        ),
        migrations.AddIndex(
            model_name=model_name,
            index=models.Index(
                condition=models.Q(source_document__isnull=False),
                fields=["source_document"],
                name=f"{table}_src",
            ),
        ),
    ]


def translate_source_notes(apps, schema_editor, *, app_label: str, model_names: list[str]):
    """The data step of the migrations that made source notes translatable (kk/ru/en):
    ``translate_fields`` for the source note. A note written before then is English: it
    moves into the English field, in the records and in their revisions; where a record's
    note is still the one the document data gives, the Russian and Kazakh translations
    shipped in ``fixtures/`` fill its empty fields; a note staff have rewritten keeps its
    blanks for staff to translate."""
    translate_fields(
        apps, schema_editor, app_label=app_label, model_names=model_names, fields=["source_note"]
    )


def shipped_records(app_label: str) -> dict[tuple[str, str], dict]:
    notes = {}
    for path in sorted((settings.BASE_DIR / "fixtures").glob("*.json")):
        for entry in json.loads(path.read_text(encoding="utf-8")):
            label, _dot, model_name = entry.get("model", "").partition(".")
            fields = entry.get("fields", {})
            if label == app_label and fields.get("slug"):
                notes[(model_name, fields["slug"])] = fields
    return notes


def translate_fields(
    apps, schema_editor, *, app_label: str, model_names: list[str], fields: list[str]
):
    """The data step of a migration that makes plain fields translatable (kk/ru/en): a
    value written before then is English and moves into the English field, in the records
    and in their revisions; where a record's value is still the one ``fixtures/`` ships,
    the shipped Russian and Kazakh fill its empty fields, and a value staff have rewritten
    keeps its blanks for staff."""
    shipped = shipped_records(app_label)
    for model_name in model_names:
        for name in (model_name, f"historical{model_name}"):
            model = apps.get_model(app_label, name)
            for field in fields:
                model.objects.exclude(**{field: ""}).update(**{f"{field}_en": F(field)})
        model = apps.get_model(app_label, model_name)
        for record in model.objects.only("slug", *fields):
            shipped_fields = shipped.get((model_name, record.slug), {})
            translations = {}
            for field in fields:
                value = getattr(record, field)
                if not value or shipped_fields.get(f"{field}_en") != value:
                    continue
                for code in ("ru", "kk"):
                    if shipped_fields.get(f"{field}_{code}"):
                        translations[f"{field}_{code}"] = shipped_fields[f"{field}_{code}"]
            if translations:
                model.objects.filter(pk=record.pk).update(**translations)


def fill_shipped_translations(
    apps, schema_editor, *, app_label: str, model_name: str, fields: list[str]
):
    """Translations shipped in ``fixtures/`` after a record was loaded: they fill its empty
    Russian and Kazakh fields where its English is still the shipped one (staff's own
    text, and fields staff have filled, are left as they are)."""
    shipped = shipped_records(app_label)
    model = apps.get_model(app_label, model_name)
    for record in model.objects.all():
        shipped_fields = shipped.get((model_name, record.slug), {})
        translations = {}
        for field in fields:
            if getattr(record, f"{field}_en") != shipped_fields.get(f"{field}_en"):
                continue
            for code in ("ru", "kk"):
                if not getattr(record, f"{field}_{code}") and shipped_fields.get(f"{field}_{code}"):
                    translations[f"{field}_{code}"] = shipped_fields[f"{field}_{code}"]
        if translations:
            model.objects.filter(pk=record.pk).update(**translations)


def grant_to_roles(*, app_label: str, model_names: tuple[str, ...]) -> migrations.RunPython:
    """The staff roles get new models' permissions as they have the records' other parts:
    Editors and Archivists add and change them, Publishers and Administrators also delete
    them (the roles: archive/migrations/0001_initial.py)."""

    def grant(apps, schema_editor):
        from django.contrib.auth.management import create_permissions

        config = apps.get_app_config(app_label)
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = None
        Permission = apps.get_model("auth", "Permission")
        new = Permission.objects.filter(
            content_type__app_label=app_label, content_type__model__in=model_names
        )
        editing = new.exclude(codename__startswith="delete_")
        grants = {"Editor": editing, "Archivist": editing, "Publisher": new, "Administrator": new}
        for group in apps.get_model("auth", "Group").objects.filter(name__in=grants):
            group.permissions.add(*grants[group.name])

    def revoke(apps, schema_editor):
        Permission = apps.get_model("auth", "Permission")
        new = Permission.objects.filter(
            content_type__app_label=app_label, content_type__model__in=model_names
        )
        for group in apps.get_model("auth", "Group").objects.all():
            group.permissions.remove(*new)

    return migrations.RunPython(grant, revoke)
