"""On SQLite the search reads tables its triggers keep (core/search_index.py). A migration
that rebuilds a searched model's table (adding a column with a default does) drops those
triggers: it must make them again, or search silently stops finding new records."""

import pytest
from django.db import connection

from search.query import SOURCES

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's search tables")
@pytest.mark.parametrize("model", [source[2] for source in SOURCES], ids=lambda m: m.__name__)
def test_every_searched_table_keeps_its_triggers_after_all_migrations(model):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
            [model._meta.db_table],
        )
        # OAI-PMH's stamps have triggers too, made again after every migrate (opendata).
        triggers = [name for (name,) in cursor.fetchall() if not name.startswith("oai_stamp_")]
    # Insert, update and delete, for the texts' table and for the names' table.
    assert len(triggers) == 6, triggers
