"""The names' trigram tables of SQLite again, each word now padded as pg_trgm pads it, so
that typo search counts every record's shared trigrams, word edges included, over the
whole archive (core/search_index.sqlite_similar); nothing on PostgreSQL."""

from django.db import migrations

from core.search_index import RebuildSqliteNamesTable


class Migration(migrations.Migration):
    dependencies = [("heritage", "0024_facts_in_every_language")]

    operations = [
        RebuildSqliteNamesTable(
            model_name="heritageitem", field_names=("name",), name="heritage_item_names"
        ),
    ]
