"""Typos in site search read a trigram index of the names on PostgreSQL
(core/search_index.py); nothing on SQLite."""

from django.db import migrations

from core.search_index import AddSimilarityIndex


class Migration(migrations.Migration):
    dependencies = [("heritage", "0009_search_index")]

    operations = [
        AddSimilarityIndex(model_name="heritageitem", field_names=("name",), name="heritage_item_similar"),
    ]
