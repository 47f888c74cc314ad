"""A photograph's credit becomes its photographer, licence and source (issue 24). A
credit written before keeps its words as the photographer; the licence and source stay
empty until staff fill them in, which the admin then asks for. The old column goes in
0021, a migration of its own: PostgreSQL does not alter a table with updates pending."""

from django.db import migrations, models


def credit_to_author(apps, schema_editor):
    for name in ("HeritageImage", "HistoricalHeritageImage"):
        model = apps.get_model("heritage", name)
        model.objects.exclude(credit="").update(author=models.F("credit"))


def author_to_credit(apps, schema_editor):
    for name in ("HeritageImage", "HistoricalHeritageImage"):
        model = apps.get_model("heritage", name)
        model.objects.exclude(author="").update(credit=models.F("author"))


LICENCES = [
    ("CC0-1.0", "CC0 1.0"),
    ("public-domain", "Public domain"),
    ("CC-BY-4.0", "CC BY 4.0"),
    ("CC-BY-SA-4.0", "CC BY-SA 4.0"),
    ("CC-BY-3.0", "CC BY 3.0"),
    ("CC-BY-SA-3.0", "CC BY-SA 3.0"),
    ("CC-BY-2.0", "CC BY 2.0"),
    ("CC-BY-SA-2.0", "CC BY-SA 2.0"),
    ("permission", "Used with the author's permission"),
]


def fields(model_name):
    return [
        migrations.AddField(
            model_name=model_name,
            name="author",
            field=models.CharField(
                default="",
                help_text="Who took the photograph, as the licence asks to credit them.",
                max_length=200,
                verbose_name="photographer",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name=model_name,
            name="licence",
            field=models.CharField(
                choices=LICENCES, default="", max_length=20, verbose_name="licence"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name=model_name,
            name="source_url",
            field=models.URLField(
                default="",
                help_text="Where the photograph and its licence can be checked (its original page).",
                max_length=500,
                verbose_name="source",
            ),
            preserve_default=False,
        ),
    ]


class Migration(migrations.Migration):
    dependencies = [("heritage", "0019_slug_is_a_web_address")]

    operations = [
        *fields("heritageimage"),
        *fields("historicalheritageimage"),
        migrations.RunPython(credit_to_author, author_to_credit, elidable=False),
    ]
