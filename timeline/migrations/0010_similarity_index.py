"""Typos in site search read a trigram index of the names on PostgreSQL
(core/search_index.py); nothing on SQLite."""

from django.db import migrations

from core.search_index import AddSimilarityIndex


class Migration(migrations.Migration):
    dependencies = [("timeline", "0009_search_index")]

    operations = [
        AddSimilarityIndex(model_name="event", field_names=("title",), name="timeline_event_similar"),
        AddSimilarityIndex(model_name="person", field_names=("name",), name="timeline_person_similar"),
    ]
