"""The notes on which facts each public page gave, in Kazakh, Russian and English. A note
written before now is English and moves into the English field; where it is still the one
fixtures/designations/ ships, the shipped Russian and Kazakh fill its empty fields, and a
note staff have rewritten keeps its blanks for staff."""

import json

from django.conf import settings
from django.db import migrations, models
from django.db.models import F


def shipped_facts() -> dict[tuple[str, str, str], dict[str, str]]:
    """(record's slug, page's address, English note) → the note in each language."""
    notes = {}
    for path in sorted((settings.BASE_DIR / "fixtures" / "designations").glob("*.json")):
        for record in json.loads(path.read_text(encoding="utf-8")).get("records", []):
            for source in record.get("sources", []):
                facts = source.get("facts")
                if isinstance(facts, dict) and facts.get("en"):
                    notes[(record["slug"], source["url"], facts["en"])] = facts
    return notes


def translate_facts(apps, schema_editor):
    fact_source = apps.get_model("heritage", "FactSource")
    fact_source.objects.exclude(facts="").update(facts_en=F("facts"))
    shipped = shipped_facts()
    for source in fact_source.objects.exclude(facts="").select_related("item"):
        facts = shipped.get((source.item.slug, source.url, source.facts_en))
        if facts is None:
            continue
        changes = {
            f"facts_{code}": facts[code]
            for code in ("ru", "kk")
            if facts.get(code) and not getattr(source, f"facts_{code}")
        }
        if changes:
            fact_source.objects.filter(pk=source.pk).update(**changes)


class Migration(migrations.Migration):
    dependencies = [
        ("heritage", "0023_roles_for_map_areas"),
    ]

    operations = [
        migrations.AddField(
            model_name="factsource",
            name="facts_en",
            field=models.CharField(
                blank=True, max_length=500, null=True, verbose_name="facts taken from it"
            ),
        ),
        migrations.AddField(
            model_name="factsource",
            name="facts_kk",
            field=models.CharField(
                blank=True, max_length=500, null=True, verbose_name="facts taken from it"
            ),
        ),
        migrations.AddField(
            model_name="factsource",
            name="facts_ru",
            field=models.CharField(
                blank=True, max_length=500, null=True, verbose_name="facts taken from it"
            ),
        ),
        migrations.AlterField(
            model_name="factsource",
            name="facts",
            field=models.CharField(blank=True, max_length=500, verbose_name="facts taken from it"),
        ),
        migrations.RunPython(translate_facts, migrations.RunPython.noop),
    ]
