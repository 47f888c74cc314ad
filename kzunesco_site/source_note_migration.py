"""The data step of the migrations that made source notes translatable (kk/ru/en).

A note written before then is English: it moves into the English field, in the records
and in their revisions. Where a record's note is still the one the document data gives,
the Russian and Kazakh translations shipped in ``fixtures/`` fill its empty fields; a
note staff have rewritten keeps its blanks for staff to translate."""

import json

from django.conf import settings
from django.db.models import F

TRANSLATIONS = ("source_note_ru", "source_note_kk")


def translate_source_notes(apps, schema_editor, *, app_label: str, model_names: list[str]):
    shipped = _shipped_notes(app_label)
    for model_name in model_names:
        for name in (model_name, f"historical{model_name}"):
            model = apps.get_model(app_label, name)
            model.objects.exclude(source_note="").update(source_note_en=F("source_note"))
        model = apps.get_model(app_label, model_name)
        for record in model.objects.exclude(source_note="").only("slug", "source_note"):
            fields = shipped.get((model_name, record.slug), {})
            if fields.get("source_note_en") != record.source_note:
                continue
            for field in TRANSLATIONS:
                if fields.get(field):
                    model.objects.filter(pk=record.pk, **{f"{field}__isnull": True}).update(
                        **{field: fields[field]}
                    )


def _shipped_notes(app_label: str) -> dict[tuple[str, str], dict]:
    notes = {}
    for path in sorted((settings.BASE_DIR / "fixtures").glob("*.json")):
        for entry in json.loads(path.read_text(encoding="utf-8")):
            label, _dot, model_name = entry.get("model", "").partition(".")
            fields = entry.get("fields", {})
            if label == app_label and fields.get("slug"):
                notes[(model_name, fields["slug"])] = fields
    return notes
