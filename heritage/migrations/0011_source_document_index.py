"""Each record's source document is found by a partial index that leaves out the records
without one, in place of the foreign key's full index (core/migration_ops.py)."""

from django.db import migrations

from core.migration_ops import partial_source_document_index


class Migration(migrations.Migration):
    dependencies = [
        ("heritage", "0010_similarity_index"),
        ("publications", "0009_source_document_index"),
    ]

    operations = [
        *partial_source_document_index(
            model_name="componentsite",
            table="heritage_componentsite",
            old_index="heritage_componentsite_source_document_id_030347a7",
        ),
        *partial_source_document_index(
            model_name="heritageitem",
            table="heritage_heritageitem",
            old_index="heritage_heritageitem_source_document_id_a7a0215c",
        ),
    ]
