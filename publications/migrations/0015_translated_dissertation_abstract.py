"""The dissertation's abstract in Russian and Kazakh: translations made for the portal and
shipped in fixtures/, written into a database loaded before them. A record whose English
abstract staff have changed, or whose Russian or Kazakh abstract they have written, keeps
what it has; the source note is brought up to date where it is still the shipped one."""

from django.db import migrations

from core.migration_ops import shipped_records

SLUG = "dissertation-kazakhstan-unesco-humanitarian-security"
NOTES_BEFORE = {
    "en": "The English abstract is the source document itself. It does not state the year"
    " of the defence. The Russian and Kazakh titles are translations made for this portal.",
    "ru": "Английская аннотация — это сам документ-источник. Год защиты в ней не указан."
    " Русское и казахское названия — переводы, сделанные для этого портала.",
    "kk": "Ағылшынша аңдатпа — дереккөз құжаттың өзі. Онда қорғау жылы көрсетілмеген."
    " Орысша және қазақша атаулар — осы портал үшін жасалған аудармалар.",
}


def translate_abstract(apps, schema_editor):
    shipped = shipped_records("publications").get(("publication", SLUG))
    if not shipped:
        return
    publication = apps.get_model("publications", "Publication")
    for record in publication.objects.filter(slug=SLUG):
        changes = {}
        if record.abstract_en == shipped["abstract_en"]:
            for code in ("ru", "kk"):
                if not getattr(record, f"abstract_{code}"):
                    changes[f"abstract_{code}"] = shipped[f"abstract_{code}"]
        added = [name for name in changes if name not in record.added_fields]
        for code, note in NOTES_BEFORE.items():
            if getattr(record, f"source_note_{code}") == note:
                changes[f"source_note_{code}"] = shipped[f"source_note_{code}"]
        if added:
            changes["added_fields"] = [*record.added_fields, *added]
        if changes:
            publication.objects.filter(pk=record.pk).update(**changes)


class Migration(migrations.Migration):
    dependencies = [
        ("publications", "0014_slug_is_a_web_address"),
    ]

    operations = [
        migrations.RunPython(translate_abstract, migrations.RunPython.noop),
    ]
