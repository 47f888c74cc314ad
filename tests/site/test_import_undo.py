import pytest

from heritage.models import HeritageItem
from kzunesco_site.archive import readers
from kzunesco_site.archive.services import ImportRefused, apply_plan, plan_import, undo_import
from kzunesco_site.models import ImportStatus
from tests.factories import make_component, make_heritage_item, make_region
from tests.files import csv_bytes

pytestmark = pytest.mark.django_db


def import_rows(rows, label="heritage.HeritageItem"):
    plan = plan_import(label=label, table=readers.read(csv_bytes(rows), name="f.csv"))
    assert plan.is_valid, (plan.file_errors, plan.errors)
    return apply_plan(plan=plan, file_name="f.csv", checksum="0" * 64)


def test_undo_deletes_what_was_created_and_restores_what_was_updated(admin_user):
    old_region = make_region(slug="old")
    make_region(slug="new")
    make_heritage_item(slug="kept", name_en="Original", year_inscribed=2003, regions=[old_region])
    record = import_rows(
        [
            ["slug", "kind", "name_en", "year_inscribed", "regions"],
            ["kept", "world", "Renamed", "2004", "new"],
            ["created", "world", "Brand new", "2010", "new|old"],
        ]
    )
    assert (record.new, record.updated) == (1, 1)
    undo_import(record=record, user=admin_user)
    kept = HeritageItem.objects.get(slug="kept")
    assert (kept.name_en, kept.year_inscribed) == ("Original", 2003)
    assert [r.slug for r in kept.regions.all()] == ["old"]
    assert not HeritageItem.objects.filter(slug="created").exists()
    record.refresh_from_db()
    assert record.status == ImportStatus.UNDONE and record.undone_by == admin_user
    with pytest.raises(ImportRefused, match="already been undone"):
        undo_import(record=record, user=admin_user)


def test_undo_is_refused_when_records_were_edited_afterwards():
    make_heritage_item(slug="kept", name_en="Original")
    record = import_rows([["slug", "name_en"], ["kept", "Imported"]])
    item = HeritageItem.objects.get(slug="kept")
    item.name_en = "Edited by staff after the import"
    item.save()
    with pytest.raises(ImportRefused, match="changed after this import: kept"):
        undo_import(record=record)
    assert HeritageItem.objects.get(slug="kept").name_en == "Edited by staff after the import"


def test_undo_is_refused_when_other_records_depend_on_what_it_created():
    record = import_rows([["slug", "kind", "name_en"], ["parent", "world", "Parent"]])
    make_component(HeritageItem.objects.get(slug="parent"))
    # Deleting the item would cascade to its component: undo refuses to lose it silently.
    with pytest.raises(ImportRefused):
        undo_import(record=record)
    assert HeritageItem.objects.filter(slug="parent").exists()


def test_imports_and_undo_leave_revisions_naming_the_user(admin_user):
    make_heritage_item(slug="kept", name_en="Original")
    plan = plan_import(
        label="heritage.HeritageItem",
        table=readers.read(
            csv_bytes(
                [["slug", "kind", "name_en"], ["kept", "world", "Renamed"], ["new", "world", "New"]]
            ),
            name="sites.csv",
        ),
    )
    record = apply_plan(plan=plan, user=admin_user, file_name="sites.csv", checksum="0" * 64)
    kept = HeritageItem.objects.get(slug="kept")
    latest = kept.history.latest("history_date")
    assert (latest.name_en, latest.history_type, latest.history_user) == (
        "Renamed",
        "~",
        admin_user,
    )
    assert latest.history_change_reason == "Import of sites.csv"
    created = HeritageItem.objects.get(slug="new").history.get()
    assert (created.history_type, created.history_user) == ("+", admin_user)

    undo_import(record=record, user=admin_user)
    restored = kept.history.latest("history_date")
    assert restored.name_en == "Original"
    assert restored.history_change_reason == f"Undo of import {record.pk}"
    assert HeritageItem.history.filter(slug="new", history_type="-").exists()


def test_import_revisions_keep_the_links_so_revert_cannot_lose_them(admin_user):
    make_region(slug="almaty")
    make_region(slug="zhambyl")
    plan = plan_import(
        label="heritage.HeritageItem",
        table=readers.read(
            csv_bytes(
                [
                    ["slug", "kind", "name_en", "regions"],
                    ["tamgaly", "world", "Tamgaly", "almaty|zhambyl"],
                ]
            ),
            name="sites.csv",
        ),
    )
    apply_plan(plan=plan, user=admin_user, file_name="sites.csv", checksum="0" * 64)
    revision = HeritageItem.objects.get(slug="tamgaly").history.get()
    assert sorted(link.region.slug for link in revision.regions.all()) == ["almaty", "zhambyl"]
