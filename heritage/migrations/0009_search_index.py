"""Site search reads a trigram index: PostgreSQL's pg_trgm, SQLite's FTS5
(core/search_index.py)."""

from django.db import migrations

from core.search_index import AddSearchIndex


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0001_initial"),
        ("heritage", "0008_heritageitem_heritage_item_kind_counts_and_more"),
    ]

    operations = [
        AddSearchIndex(
            model_name="heritageitem",
            field_names=("name", "summary", "body", "partner_states"),
            name="heritage_item_search",
        ),
    ]
