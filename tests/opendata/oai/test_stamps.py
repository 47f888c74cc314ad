"""The stored datestamps: the database's triggers keep each one equal to the datestamp
computed from the rows (opendata/oai/stamps.py), whatever writes, and ``migrate`` makes
the triggers again after a migration that rebuilt a table dropped them."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection

from archive.applying import apply_plan
from archive.readers import read
from archive.services import plan_import
from archive.undo import undo_import
from heritage.models import HeritageItem, Region
from opendata.models import OaiStamp
from opendata.oai import records, stamps
from publications.models import Author, Authorship
from stories.models import StoryLeadImage, StorySection
from tests.factories import (
    make_author,
    make_event,
    make_heritage_item,
    make_publication,
    make_region,
    make_theme,
)
from tests.files import csv_bytes
from tests.stories.factories import make_lead_image, make_section, make_story
from timeline.models import Theme

pytestmark = pytest.mark.django_db
LONG_AGO = datetime.datetime(2001, 1, 1, tzinfo=datetime.UTC)


@pytest.fixture
def scene():
    """A record of every source with what its metadata shows, all last changed long ago."""
    region, theme, author = make_region(), make_theme(), make_author()
    story = make_story()
    scene = {
        "region": region,
        "theme": theme,
        "author": author,
        "item": make_heritage_item(regions=[region]),
        "other item": make_heritage_item(regions=[make_region()]),
        "event": make_event(themes=[theme]),
        "publication": make_publication(authors=[author]),
        "story": story,
        "section": make_section(story),
        "lead": make_lead_image(story),
    }
    _back_to(LONG_AGO)
    return scene


def _back_to(moment) -> None:
    for source in records.SOURCES:
        source.model.objects.update(updated_at=moment, created_at=moment)
    related = (Region, Theme, Author, Authorship, StorySection, StoryLeadImage)
    for model in (*(source.model for source in records.SOURCES), *related):
        model.history.update(history_date=moment)
    OaiStamp.objects.update(stamp=moment)  # the triggers never lower a stamp


def _stored(record) -> datetime.datetime:
    spec = next(s.spec for s in records.SOURCES if s.model is type(record))
    return OaiStamp.objects.get(source=spec, record_id=record.pk).stamp


def _computed(record) -> datetime.datetime:
    return stamps.computed(type(record)).get(pk=record.pk).datestamp


def _rename(record, field="name_en"):
    setattr(record, field, getattr(record, field) + " (renamed)")
    record.save()


CHANGES = {
    "an item saved": ("item", lambda s: s["item"].save()),
    "an item's regions changed": ("item", lambda s: s["item"].regions.add(make_region())),
    "its region renamed": ("item", lambda s: _rename(s["region"])),
    "an event's themes changed": ("event", lambda s: s["event"].themes.add(make_theme())),
    "its theme renamed": ("event", lambda s: _rename(s["theme"])),
    "a publication saved": ("publication", lambda s: s["publication"].save()),
    "its author renamed": ("publication", lambda s: _rename(s["author"])),
    "its authorship changed": (
        "publication",
        lambda s: s["publication"].authorships.first().save(),
    ),
    "a story's section changed": ("story", lambda s: _rename(s["section"], "heading_en")),
    "its lead photograph changed": ("story", lambda s: s["lead"].save()),
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_change_raises_the_stored_stamp_to_the_computed_one(scene, change):
    name, write = CHANGES[change]
    record = scene[name]
    assert _stored(record) == LONG_AGO

    write(scene)

    assert _stored(record) > LONG_AGO, f"{change}: the stored stamp did not move"
    assert _stored(record) == _computed(record)
    assert _stored(scene["other item"]) == LONG_AGO  # nothing else moved


def test_what_decides_the_listing_is_copied_and_a_deleted_records_row_goes(scene):
    item = scene["item"]
    item.status, item.kind = "draft", "biosphere"
    item.save()
    row = OaiStamp.objects.get(source="heritage", record_id=item.pk)
    assert (row.status, row.kind, row.created_at) == ("draft", "biosphere", item.created_at)
    item.delete()
    assert not OaiStamp.objects.filter(source="heritage", record_id=item.pk).exists()
    assert OaiStamp.objects.filter(source="heritage", record_id=scene["other item"].pk).exists()


def test_a_stamp_never_goes_back(scene):
    item = scene["item"]
    item.save()
    raised = _stored(item)
    HeritageItem.objects.filter(pk=item.pk).update(updated_at=LONG_AGO)
    assert _stored(item) == raised


def test_a_scheduled_records_stamp_is_when_it_goes_public(scene):
    item = scene["item"]
    later = datetime.datetime(2099, 1, 1, 9, tzinfo=datetime.UTC)
    item.publish_at = later
    item.save()
    assert _stored(item) == later == _computed(item)


def test_an_import_and_its_undo_keep_the_stamps():
    rows = [
        ["slug", "kind", "name_en"],
        *([f"imported-{n}", "world", f"Imported {n}"] for n in range(3)),
    ]
    plan = plan_import(label="heritage.HeritageItem", table=read(csv_bytes(rows), name="a.csv"))
    ledger = apply_plan(plan=plan, file_name="a.csv", checksum="0" * 64)
    imported = list(HeritageItem.objects.filter(slug__startswith="imported-"))
    assert len(imported) == 3
    assert all(_stored(item) == _computed(item) for item in imported)

    undo_import(record=ledger)
    assert not HeritageItem.objects.filter(slug__startswith="imported-").exists()


def _drop_the_triggers() -> None:
    """What SQLite does to a table's triggers when a migration rebuilds the table."""
    with connection.cursor() as cursor:
        for source in records.SOURCES:
            for name, _event, table, _body in stamps.triggers(source.spec, source.model):
                if connection.vendor == "postgresql":
                    cursor.execute(f'DROP TRIGGER {name} ON "{table}"')
                else:
                    cursor.execute(f"DROP TRIGGER {name}")


def test_migrate_makes_the_triggers_again_and_catches_up(scene):
    _drop_the_triggers()
    _rename(scene["region"])
    assert _stored(scene["item"]) == LONG_AGO  # nothing kept it

    call_command("migrate", verbosity=0)

    assert _stored(scene["item"]) == _computed(scene["item"]) > LONG_AGO
    _rename(scene["theme"])
    assert _stored(scene["event"]) == _computed(scene["event"]) > LONG_AGO


def _first_two() -> list:
    live = records.BY_SPEC["heritage"].live()
    return list(live.order_by("datestamp", "record_id").values_list("record_id")[:2])


def test_a_page_of_the_list_reads_the_stamps_in_order(sqlite_plan):
    for _ in range(3):
        make_heritage_item()
    plan = sqlite_plan(_first_two)
    assert "oai_stamp_order" in plan and "TEMP B-TREE" not in plan, plan  # no sorting


def test_a_page_of_the_list_reads_the_stamps_in_order_on_postgresql(postgres_plan):
    for _ in range(3):
        make_heritage_item()
    plan = postgres_plan(_first_two, off=("seqscan", "bitmapscan", "sort", "incremental_sort"))
    assert "oai_stamp_order" in plan and "Sort" not in plan, plan


def _trigger_ids() -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT tgname, oid FROM pg_trigger WHERE tgname LIKE 'oai_stamp_%%'")
        return dict(cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL keeps its triggers")
def test_postgresql_keeps_triggers_in_place_and_mends_a_changed_one(scene):
    before = _trigger_ids()
    call_command("migrate", verbosity=0)
    assert _trigger_ids() == before  # not made again: no lock on every table
    name = "oai_stamp_heritage_historicalregion"
    with connection.cursor() as cursor:  # a trigger as an older version wrote it
        cursor.execute(
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql "
            "AS $$ BEGIN RETURN NULL; END $$"
        )
    call_command("migrate", verbosity=0)
    _rename(scene["region"])
    assert _stored(scene["item"]) == _computed(scene["item"]) > LONG_AGO


def _stamp_trigger_names() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE tgname LIKE 'oai_stamp_%%'")
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        return {name for (name,) in cursor.fetchall() if name.startswith("oai_stamp_")}


def test_migrate_drops_a_trigger_an_older_version_made():
    table = HeritageItem._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION oai_stamp_obsolete() RETURNS trigger LANGUAGE plpgsql "
                "AS $$ BEGIN RETURN NULL; END $$"
            )
            cursor.execute(
                f'CREATE TRIGGER oai_stamp_obsolete AFTER UPDATE ON "{table}" '
                "FOR EACH ROW EXECUTE FUNCTION oai_stamp_obsolete()"
            )
        else:
            cursor.execute(
                f'CREATE TRIGGER oai_stamp_obsolete AFTER UPDATE ON "{table}" BEGIN SELECT 1; END'
            )
    assert "oai_stamp_obsolete" in _stamp_trigger_names()
    call_command("migrate", verbosity=0)
    expected = {name for s in records.SOURCES for name, *_ in stamps.triggers(s.spec, s.model)}
    assert _stamp_trigger_names() == expected
