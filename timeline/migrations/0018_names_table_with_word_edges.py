"""The names' trigram tables of SQLite again, each word now padded as pg_trgm pads it, so
that typo search counts every record's shared trigrams, word edges included, over the
whole archive (core/search_index.sqlite_similar); nothing on PostgreSQL."""

from django.db import migrations

from core.search_index import RebuildSqliteNamesTable


class Migration(migrations.Migration):
    dependencies = [("timeline", "0017_figures_from_public_sources")]

    operations = [
        RebuildSqliteNamesTable(model_name="event", field_names=("title",), name="timeline_event_names"),
        RebuildSqliteNamesTable(model_name="person", field_names=("name",), name="timeline_person_names"),
    ]
