"""Migrations that move data: run them on rows written as the earlier schema wrote them."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE_TRANSLATED_NOTES = [
    ("heritage", "0013_coordinates_in_range"),
    ("publications", "0010_newest_first"),
    ("timeline", "0012_newest_first"),
]
NOW = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
SHIPPED_NOTE = "The article spells the name “Paul Otler” and “P. Otler”."


@pytest.mark.django_db
def test_models_and_migrations_agree():
    output = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=output)
    assert "No changes detected" in output.getvalue()


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_english_source_notes_move_into_the_english_field_with_the_shipped_translations():
    old_apps = _migrate(BEFORE_TRANSLATED_NOTES)
    person = old_apps.get_model("timeline", "Person")
    person.objects.create(slug="paul-otlet", name="Paul Otlet", source_note=SHIPPED_NOTE)
    person.objects.create(slug="henri-bergson", name="Henri Bergson", source_note="Staff's own.")
    person.objects.create(slug="leon-blum", name="Léon Blum")
    old_apps.get_model("timeline", "HistoricalPerson").objects.create(
        id=1, slug="paul-otlet", name="Paul Otlet", source_note=SHIPPED_NOTE,
        created_at=NOW, updated_at=NOW, history_date=NOW, history_type="+",
    )  # fmt: skip

    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    new_apps = _migrate(leaves)
    notes = {
        slug: (en, ru, kk)
        for slug, en, ru, kk in new_apps.get_model("timeline", "Person").objects.values_list(
            "slug", "source_note_en", "source_note_ru", "source_note_kk"
        )
    }
    assert notes["paul-otlet"] == (
        SHIPPED_NOTE,
        "В статье имя написано как «Paul Otler» и «P. Otler».",
        "Мақалада есімі «Paul Otler» және «P. Otler» деп жазылған.",
    )
    # A note staff rewrote is theirs to translate; a record without one stays without.
    assert notes["henri-bergson"] == ("Staff's own.", None, None)
    assert notes["leon-blum"] == (None, None, None)
    revision = new_apps.get_model("timeline", "HistoricalPerson").objects.get()
    assert revision.source_note_en == SHIPPED_NOTE
