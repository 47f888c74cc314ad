"""The names' trigram tables of SQLite again, each word now padded as pg_trgm pads it, so
that typo search counts every record's shared trigrams, word edges included, over the
whole archive (core/search_index.sqlite_similar); nothing on PostgreSQL."""

from django.db import migrations

from core.search_index import RebuildSqliteNamesTable


class Migration(migrations.Migration):
    dependencies = [("publications", "0016_volume_issue_pages_doi_isbn")]

    operations = [
        RebuildSqliteNamesTable(
            model_name="publication", field_names=("title",), name="publications_pub_names"
        ),
    ]
