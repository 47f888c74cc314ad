"""Typos in site search read, on SQLite, a trigram table of the names alone
(core/search_index.py); nothing on PostgreSQL."""

from django.db import migrations

from core.search_index import AddSimilarityTable


class Migration(migrations.Migration):
    dependencies = [("timeline", "0013_source_note_translations")]

    operations = [
        AddSimilarityTable(model_name="event", field_names=("title",), name="timeline_event_names"),
        AddSimilarityTable(model_name="person", field_names=("name",), name="timeline_person_names"),
    ]
