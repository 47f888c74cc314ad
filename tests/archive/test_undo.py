import pytest
from django.apps import apps
from django.urls import reverse

from archive import readers, undo
from archive.applying import apply_plan
from archive.models import ImportStatus
from archive.services import ImportRefused, plan_import
from archive.undo import undo_import
from heritage.models import HeritageItem, Region
from publications.models import Authorship
from tests.factories import (
    make_author,
    make_component,
    make_heritage_item,
    make_publication,
    make_region,
    make_theme,
)
from tests.files import csv_bytes
from timeline.models import Theme

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


# Each importable model: the file updates the record "kept" and creates the record "added".
# (label, the rows of the file, a field staff edit afterwards)
MODELS = [
    pytest.param(
        "heritage.Region",
        [["slug", "name_en"], ["kept", "Imported"], ["added", "Added"]],
        "name_en",
        id="region",
    ),
    pytest.param(
        "heritage.ComponentSite",
        [["slug", "item", "name_en"], ["kept", "site", "Imported"], ["added", "site", "Added"]],
        "name_en",
        id="component-site",
    ),
    pytest.param(
        "timeline.Theme",
        [["slug", "name_en"], ["kept", "Imported"], ["added", "Added"]],
        "name_en",
        id="theme",
    ),
    pytest.param(
        "publications.Author",
        [["slug", "name_en"], ["kept", "Imported"], ["added", "Added"]],
        "name_en",
        id="author",
    ),
    pytest.param(
        "publications.Authorship",
        [
            ["publication", "author", "role"],
            ["book", "kept", "Imported"],
            ["book", "added", "Added"],
        ],
        "role",
        id="authorship",
    ),
    pytest.param(  # a model with updated_at, which undo checked before: the control
        "heritage.HeritageItem",
        [["slug", "kind", "name_en"], ["kept", "world", "Imported"], ["added", "world", "Added"]],
        "name_en",
        id="heritage-item",
    ),
]


def the_archive_before_the_import(label: str) -> None:
    """The record "kept" of ``label``, and what the file's references need."""
    if label == "heritage.Region":
        make_region(slug="kept", name_en="Original")
    elif label == "heritage.ComponentSite":
        make_component(make_heritage_item(slug="site"), slug="kept", name_en="Original")
    elif label == "timeline.Theme":
        make_theme(slug="kept", name_en="Original")
    elif label == "publications.Author":
        make_author(slug="kept", name_en="Original")
    elif label == "publications.Authorship":
        book = make_publication(slug="book", authors=[make_author(slug="kept")])
        Authorship.objects.filter(publication=book).update(role="Original")
        make_author(slug="added")
    else:
        make_heritage_item(slug="kept", name_en="Original")


def record_of(label: str, key: str):
    if label == "publications.Authorship":
        return Authorship.objects.get(publication__slug="book", author__slug=key)
    return apps.get_model(label).objects.get(slug=key)


def shown(label: str, key: str) -> str:
    """How the refusal names the record."""
    return f"book / {key}" if label == "publications.Authorship" else key


def the_ledger_entry_is_applied(record) -> bool:
    record.refresh_from_db()
    return record.status == ImportStatus.APPLIED and record.undone_at is None


@pytest.mark.parametrize("key", ["kept", "added"])  # the record the import updated, created
@pytest.mark.parametrize(("label", "rows", "field"), MODELS)
def test_undo_is_refused_when_staff_edited_a_record_of_any_model_afterwards(
    label, rows, field, key
):
    the_archive_before_the_import(label)
    record = import_rows(rows, label)
    assert (record.new, record.updated) == (1, 1)
    edited = record_of(label, key)
    setattr(edited, field, "Edited by staff")
    edited.save()  # as the admin saves: a revision in the record's history
    with pytest.raises(ImportRefused, match=f"changed after this import: {shown(label, key)}"):
        undo_import(record=record)
    assert getattr(record_of(label, key), field) == "Edited by staff"
    other, as_imported = ("added", "Added") if key == "kept" else ("kept", "Imported")
    assert getattr(record_of(label, other), field) == as_imported
    assert the_ledger_entry_is_applied(record)


@pytest.mark.parametrize(("label", "rows", "field"), MODELS)
def test_undo_is_refused_when_staff_deleted_a_record_it_updated(label, rows, field):
    the_archive_before_the_import(label)
    record = import_rows(rows, label)
    record_of(label, "kept").delete()
    with pytest.raises(ImportRefused, match=f"changed after this import: {shown(label, 'kept')}"):
        undo_import(record=record)
    assert getattr(record_of(label, "added"), field) == "Added"
    assert the_ledger_entry_is_applied(record)


def test_undo_is_refused_when_a_record_was_changed_without_leaving_a_revision():
    """A bulk update (a script, a data migration) leaves no revision; undo still sees
    that the record is no longer what the import left."""
    make_region(slug="kept", name_en="Original")
    record = import_rows([["slug", "name_en"], ["kept", "Imported"]], "heritage.Region")
    Region.objects.filter(slug="kept").update(name_ru="Исправлено")
    with pytest.raises(ImportRefused, match="changed after this import: kept"):
        undo_import(record=record)
    assert Region.objects.get(slug="kept").name_ru == "Исправлено"


UNDO = "admin:archive_importrecord_undo"


def test_the_admin_refuses_to_undo_over_a_region_renamed_since(user_in):
    client = user_in("Administrator")  # regions are public: only publishers change them
    record = import_rows([["slug", "name_en"], ["almaty", "Almaty Region"]], "heritage.Region")
    region = Region.objects.get(slug="almaty")
    change = client.post(
        reverse("admin:heritage_region_change", args=[region.pk]),
        {"slug": "almaty", "name_en": "Almaty Oblast", "name_ru": "", "name_kk": ""},
    )
    assert change.status_code == 302, change.context["adminform"].form.errors
    response = client.post(reverse(UNDO, args=[record.pk]), follow=True)
    assert "Records were changed after this import: almaty." in response.content.decode()
    assert Region.objects.get(slug="almaty").name_en == "Almaty Oblast"
    assert the_ledger_entry_is_applied(record)


def test_the_admin_refuses_to_undo_over_a_deleted_record_in_the_users_language(user_in):
    client = user_in("Archivist")
    make_theme(slug="steppe", name_en="Steppe")
    record = import_rows([["slug", "name_en"], ["steppe", "The steppe"]], "timeline.Theme")
    Theme.objects.get(slug="steppe").delete()
    response = client.post(reverse(UNDO, args=[record.pk]), follow=True, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 200
    assert "Записи изменялись после этого импорта: steppe." in response.content.decode()
    assert the_ledger_entry_is_applied(record)


def test_an_undo_that_fails_half_way_leaves_everything_as_it_was(monkeypatch):
    almaty, zhambyl, turkistan = (make_region(slug=s) for s in ("almaty", "zhambyl", "turkistan"))
    for slug in ("first", "second"):
        make_heritage_item(slug=slug, name_en=f"Original {slug}", regions=[almaty])
    record = import_rows(
        [
            ["slug", "kind", "name_en", "regions"],
            ["first", "world", "Imported first", "zhambyl"],
            ["second", "world", "Imported second", "zhambyl|turkistan"],
            ["third", "world", "Added third", "almaty"],
            ["fourth", "world", "Added fourth", "turkistan"],
        ]
    )
    monkeypatch.setattr(undo, "CHUNK", 1)  # one record at a time: fail on the second
    record_revisions = undo._record_revisions
    calls = []

    def fail_on_the_second_chunk(*args, **kwargs):
        calls.append(args)
        if len(calls) == 2:
            raise RuntimeError("the database went away")
        record_revisions(*args, **kwargs)

    monkeypatch.setattr(undo, "_record_revisions", fail_on_the_second_chunk)

    def the_archive():
        return {
            item.slug: (item.name_en, sorted(r.slug for r in item.regions.all()))
            for item in HeritageItem.objects.prefetch_related("regions")
        }

    imported = the_archive()
    assert imported == {
        "first": ("Imported first", ["zhambyl"]),
        "second": ("Imported second", ["turkistan", "zhambyl"]),
        "third": ("Added third", ["almaty"]),
        "fourth": ("Added fourth", ["turkistan"]),
    }
    revisions = HeritageItem.history.count()
    with pytest.raises(RuntimeError):
        undo_import(record=record)
    assert len(calls) == 2  # it had restored the first record when it failed
    assert the_archive() == imported
    assert HeritageItem.history.count() == revisions
    assert the_ledger_entry_is_applied(record)

    monkeypatch.undo()  # the same undo, now that the database is back, goes through
    undo_import(record=record)
    assert the_archive() == {
        "first": ("Original first", ["almaty"]),
        "second": ("Original second", ["almaty"]),
    }
    assert (zhambyl.heritage_items.count(), turkistan.heritage_items.count()) == (0, 0)
