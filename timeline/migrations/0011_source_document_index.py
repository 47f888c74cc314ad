"""Each record's source document is found by a partial index that leaves out the records
without one, in place of the foreign key's full index (core/migration_ops.py)."""

from django.db import migrations

from core.migration_ops import partial_source_document_index


class Migration(migrations.Migration):
    dependencies = [
        ("timeline", "0010_similarity_index"),
        ("publications", "0009_source_document_index"),
    ]

    operations = [
        *partial_source_document_index(
            model_name="anniversary",
            table="timeline_anniversary",
            old_index="timeline_anniversary_source_document_id_021094c9",
        ),
        *partial_source_document_index(
            model_name="event",
            table="timeline_event",
            old_index="timeline_event_source_document_id_8183fc6d",
        ),
        *partial_source_document_index(
            model_name="figure",
            table="timeline_figure",
            old_index="timeline_figure_source_document_id_3e1b6326",
        ),
        *partial_source_document_index(
            model_name="person",
            table="timeline_person",
            old_index="timeline_person_source_document_id_016bae36",
        ),
    ]
