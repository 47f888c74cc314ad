"""Each record's source document is found by a partial index that leaves out the records
without one, in place of the foreign key's full index (core/migration_ops.py)."""

from django.db import migrations

from core.migration_ops import partial_source_document_index


class Migration(migrations.Migration):
    dependencies = [
        ("publications", "0008_similarity_index"),
    ]

    operations = [
        *partial_source_document_index(
            model_name="publication",
            table="publications_publication",
            old_index="publications_publication_source_document_id_1468e6ea",
        ),
    ]
