"""Migrations that move data: run them on rows written as the earlier schema wrote them."""

import datetime
import json
from io import StringIO

import pytest
from django.conf import settings
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


def _drop_every_table() -> None:
    """The database as before its first migration. Running the migrations forward from
    there to an earlier state takes a third of the time that unapplying them down to it
    does; production databases went forward too."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP SCHEMA public CASCADE")  # pg_trgm with it
            cursor.execute("CREATE SCHEMA public")
            return
        cursor.execute("PRAGMA foreign_keys = OFF")
        listed = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        virtual = f"{listed} AND sql LIKE 'CREATE VIRTUAL TABLE%'"  # their shadow tables go too
        for query in (virtual, listed):
            for (table,) in cursor.execute(query).fetchall():
                cursor.execute(f'DROP TABLE "{table}"')
        cursor.execute("PRAGMA foreign_keys = ON")


@pytest.mark.django_db(transaction=True)
def test_translating_migrations_fill_the_shipped_texts_and_keep_staffs_own():
    """Rows written as the schema before each data migration wrote them, then every
    migration after it; the migrations run forward from an empty database (each trip
    through them still costs seconds)."""
    _drop_every_table()
    _write_untranslated_notes(_migrate(BEFORE_TRANSLATED_NOTES))
    _write_untranslated_facts(_migrate(BEFORE_TRANSLATED_FACTS))
    new_apps = _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    _english_source_notes_moved_into_english_with_the_shipped_translations(new_apps)
    _a_dissertations_facts_translatable_with_the_shipped_kazakh_and_russian(new_apps)


def _write_untranslated_notes(old_apps) -> None:
    person = old_apps.get_model("timeline", "Person")
    person.objects.create(slug="paul-otlet", name="Paul Otlet", source_note=SHIPPED_NOTE)
    person.objects.create(slug="henri-bergson", name="Henri Bergson", source_note="Staff's own.")
    person.objects.create(slug="leon-blum", name="Léon Blum")
    old_apps.get_model("timeline", "HistoricalPerson").objects.create(
        id=1, slug="paul-otlet", name="Paul Otlet", source_note=SHIPPED_NOTE,
        created_at=NOW, updated_at=NOW, history_date=NOW, history_type="+",
    )  # fmt: skip


def _english_source_notes_moved_into_english_with_the_shipped_translations(new_apps) -> None:
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


BEFORE_TRANSLATED_FACTS = [
    ("heritage", "0017_roles_for_designations"),
    ("publications", "0012_names_trigram_table"),
    ("timeline", "0014_names_trigram_table"),
]
DISSERTATION = "dissertation-kazakhstan-unesco-humanitarian-security"


def _write_untranslated_facts(old_apps) -> None:
    publication = old_apps.get_model("publications", "Publication")
    publication.objects.create(
        slug=DISSERTATION, kind="dissertation", title_en="Cooperation", language="en",
        degree="Doctor of Philosophy (PhD)", institution="Staff's own institution",
        source_note_en="The English abstract is the source document itself"
        " (dissertation-abstract.txt). It does not state the year of the defence.",
    )  # fmt: skip
    event = old_apps.get_model("timeline", "Event")
    event.objects.create(
        slug="azoulay-speech-key-role-of-education", title_en="Speech",
        start_date=datetime.date(2019, 1, 24), body_en=_shipped_body(), body_ru="Staff's Russian",
    )  # fmt: skip
    step = old_apps.get_model("heritage", "DesignationStep")
    item = old_apps.get_model("heritage", "HeritageItem").objects.create(
        slug="ulytau", name_en="Ulytau", kind="tentative"
    )
    step.objects.create(
        item=item, date=datetime.date(1998, 9, 24), kind="submitted",
        note_kk="«Cultural landscape of Ulytau» атауымен (ref. 1138).",
        note_en="First added as 'Cultural landscape of Ulytau' (ref. 1138).",
    )  # fmt: skip
    slug, source = _shipped_source()
    yurts = old_apps.get_model("heritage", "HeritageItem").objects.create(
        slug=slug, name_en="Yurts", kind="intangible"
    )
    fact_source = old_apps.get_model("heritage", "FactSource")
    checked = datetime.date(2026, 12, 6)
    fact_source.objects.create(
        item=yurts, url=source["url"], facts=source["facts"]["en"], checked_on=checked
    )
    fact_source.objects.create(
        item=yurts, url=source["url"], facts="Staff's own note.", checked_on=checked
    )


def _a_dissertations_facts_translatable_with_the_shipped_kazakh_and_russian(new_apps) -> None:
    dissertation = new_apps.get_model("publications", "Publication").objects.get()
    assert (dissertation.degree_en, dissertation.degree_ru, dissertation.degree_kk) == (
        "Doctor of Philosophy (PhD)",
        "Доктор философии (PhD)",
        "Философия докторы (PhD)",
    )
    # Staff's own value moves into English and is theirs to translate.
    assert (dissertation.institution_en, dissertation.institution_ru) == (
        "Staff's own institution",
        None,
    )
    assert dissertation.source_note_en == (
        "The English abstract is the source document itself."
        " It does not state the year of the defence."
    )
    speech = new_apps.get_model("timeline", "Event").objects.get()
    assert speech.body_ru == "Staff's Russian"  # never overwritten
    assert speech.body_kk.startswith("<p>«Сапалы білім алу")
    ulytau = new_apps.get_model("heritage", "DesignationStep").objects.get()
    assert ulytau.note_kk == "«Cultural landscape of Ulytau» атауымен (№ 1138)."
    assert ulytau.note_en.endswith("(ref. 1138).")
    _slug, source = _shipped_source()
    shipped, own = new_apps.get_model("heritage", "FactSource").objects.order_by("pk")
    assert (shipped.facts_en, shipped.facts_ru, shipped.facts_kk) == (
        source["facts"]["en"],
        source["facts"]["ru"],
        source["facts"]["kk"],
    )
    assert shipped.facts_ru.startswith("текущее английское название")
    assert (own.facts_en, own.facts_ru, own.facts_kk) == ("Staff's own note.", None, None)


def _shipped_body() -> str:
    events = json.loads((settings.BASE_DIR / "fixtures" / "03_timeline.json").read_text())
    return next(
        e["fields"]["body_en"]
        for e in events
        if e["fields"].get("slug") == "azoulay-speech-key-role-of-education"
    )


def _shipped_source() -> tuple[str, dict]:
    """The first designation's first source of facts, as fixtures/designations/ ship it."""
    path = settings.BASE_DIR / "fixtures" / "designations" / "intangible.json"
    record = json.loads(path.read_text(encoding="utf-8"))["records"][0]
    return record["slug"], record["sources"][0]
