"""Site search reads a trigram index: PostgreSQL's pg_trgm, SQLite's FTS5
(core/search_index.py)."""

from django.db import migrations

from core.search_index import AddSearchIndex


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0001_initial"),
        ("timeline", "0008_event_timeline_event_order"),
    ]

    operations = [
        AddSearchIndex(
            model_name="event",
            field_names=("title", "summary", "body"),
            name="timeline_event_search",
        ),
        AddSearchIndex(
            model_name="person",
            field_names=("name", "role", "biography"),
            name="timeline_person_search",
        ),
    ]
