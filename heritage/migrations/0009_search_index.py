"""Site search reads a trigram index: PostgreSQL's pg_trgm, SQLite's FTS5
(kzunesco_site/search_index.py)."""

from django.db import migrations

from kzunesco_site.search_index import AddSearchIndex


class Migration(migrations.Migration):
    dependencies = [
        ("kzunesco_site", "0003_trigram_extension"),
        ("heritage", "0008_heritageitem_heritage_item_kind_counts_and_more"),
    ]

    operations = [
        AddSearchIndex(
            model_name="heritageitem",
            field_names=("name", "summary", "body", "partner_states"),
            name="heritage_item_search",
        ),
    ]
