"""Typos in site search read, on SQLite, a trigram table of the names alone
(core/search_index.py); nothing on PostgreSQL."""

from django.db import migrations

from core.search_index import AddSimilarityTable


class Migration(migrations.Migration):
    dependencies = [("publications", "0011_source_note_translations")]

    operations = [
        AddSimilarityTable(model_name="publication", field_names=("title",), name="publications_pub_names"),
    ]
