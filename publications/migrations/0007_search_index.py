"""Site search reads a trigram index: PostgreSQL's pg_trgm, SQLite's FTS5
(core/search_index.py)."""

from django.db import migrations

from core.search_index import AddSearchIndex


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0001_initial"),
        ("publications", "0006_publication_publications_publication_pub"),
    ]

    operations = [
        AddSearchIndex(
            model_name="publication",
            field_names=("title", "abstract", "keywords"),
            name="publications_publication_search",
        ),
    ]
