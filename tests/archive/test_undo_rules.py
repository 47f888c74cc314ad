"""What undoing an import promises: exactly what the import wrote is taken back, all or
nothing, and never over a change made since."""

import pytest
from django.utils import timezone, translation

from archive import readers, undo
from archive.applying import apply_plan
from archive.models import ImportRecord, ImportStatus
from archive.services import ImportRefused, plan_import
from archive.undo import undo_import
from core.models import Status
from heritage.designations import DesignationStep, StepKind
from heritage.models import ComponentSite, HeritageItem, Region
from publications.models import Author, Authorship, Publication
from tests.factories import (
    make_author,
    make_component,
    make_event,
    make_heritage_item,
    make_image,
    make_publication,
    make_region,
    make_theme,
)
from tests.files import csv_bytes
from timeline.models import Event

pytestmark = pytest.mark.django_db


def import_rows(rows, label="heritage.HeritageItem") -> ImportRecord:
    plan = plan_import(label=label, table=readers.read(csv_bytes(rows), name="f.csv"))
    assert plan.is_valid, (plan.file_errors, plan.errors)
    return apply_plan(plan=plan, file_name="f.csv", checksum="0" * 64)


def test_a_refused_undo_changes_nothing_and_the_import_stays_undoable_later():
    make_heritage_item(slug="kept", name_en="Original")
    record = import_rows(
        [["slug", "kind", "name_en"], ["kept", "world", "Imported"], ["new", "world", "New"]]
    )
    item = HeritageItem.objects.get(slug="kept")
    item.name_en = "Edited after the import"
    item.save()
    with pytest.raises(ImportRefused, match="changed after this import: kept"):
        undo_import(record=record)
    assert HeritageItem.objects.filter(slug="new").exists()
    assert HeritageItem.objects.get(slug="kept").name_en == "Edited after the import"
    record.refresh_from_db()
    assert (record.status, record.undone_at, record.undone_by) == (ImportStatus.APPLIED, None, None)


def test_an_undo_is_recorded_with_who_and_when_in_the_ledger_and_the_history(admin_user):
    make_heritage_item(slug="kept", name_en="Original")
    record = import_rows([["slug", "kind", "name_en"], ["kept", "world", "Imported"]])
    before = timezone.now()
    undo_import(record=record, user=admin_user)
    record.refresh_from_db()
    assert record.status == ImportStatus.UNDONE and record.undone_by == admin_user
    assert before <= record.undone_at <= timezone.now()
    restored = HeritageItem.objects.get(slug="kept").history.latest("history_date")
    assert (restored.name_en, restored.history_type, restored.history_user) == (
        "Original",
        "~",  # a change, as the history page shows it, not an addition
        admin_user,
    )


def test_an_undo_refused_as_already_done_says_so():
    record = import_rows([["slug", "kind", "name_en"], ["new", "world", "New"]])
    undo_import(record=record)
    with pytest.raises(ImportRefused) as refused:
        undo_import(record=record)
    assert str(refused.value) == "This import has already been undone."


def test_undo_is_refused_however_many_records_changed_since_naming_ten(admin_user):
    rows = [["slug", "kind", "name_en"], *([f"item-{n:02}", "world", "X"] for n in range(12))]
    record = import_rows(rows)
    HeritageItem.objects.update(name_en="Edited after the import", updated_at=timezone.now())
    with pytest.raises(ImportRefused) as refused:
        undo_import(record=record, user=admin_user)
    named = ", ".join(f"item-{n:02}" for n in range(10))
    assert str(refused.value) == (
        f"Records were changed after this import: {named}. Undo would overwrite those changes."
    )
    assert HeritageItem.objects.count() == 12


def test_undo_is_refused_however_many_records_depend_on_it_naming_five():
    record = import_rows([["slug", "kind", "name_en"], ["parent", "world", "Parent"]])
    parent = HeritageItem.objects.get(slug="parent")
    for n in range(7):
        make_component(parent, slug=f"site-{n}", name_en=f"Site {n}")
    with pytest.raises(ImportRefused) as refused:
        undo_import(record=record)
    message = str(refused.value)
    assert message.startswith("Other records now refer to records this import created (")
    assert message.endswith("); undo would delete them too.")
    assert message.count("component site: ") == 5
    assert ComponentSite.objects.count() == 7 and HeritageItem.objects.count() == 1


PUBLISHERS_ONLY = (
    "This import wrote published records: only publishers may undo it, as undo would "
    "change what the public sees."
)


@pytest.mark.parametrize(
    ("rows", "refused"),
    [
        ([["slug", "kind", "name_en", "status"], ["new", "world", "New", "draft"]], False),
        ([["slug", "kind", "name_en", "status"], ["new", "world", "New", "published"]], True),
        ([["slug", "kind", "name_en", "status"], ["kept", "world", "Kept", "draft"]], True),
        ([["slug", "kind", "name_en", "status"], ["draft", "world", "Draft", "review"]], False),
    ],
    ids=["new-draft", "new-published", "unpublished", "draft-to-review"],
)
def test_without_the_publish_permission_only_undo_of_unpublished_records_goes_ahead(rows, refused):
    make_heritage_item(slug="kept", status=Status.PUBLISHED)
    make_heritage_item(slug="draft", status=Status.DRAFT)
    record = import_rows(rows)
    if refused:
        with pytest.raises(ImportRefused) as refusal:
            undo_import(record=record, may_publish=False)
        assert str(refusal.value) == PUBLISHERS_ONLY
        record.refresh_from_db()
        assert record.status == ImportStatus.APPLIED
    else:
        undo_import(record=record, may_publish=False)
        record.refresh_from_db()
        assert record.status == ImportStatus.UNDONE
        assert set(HeritageItem.objects.values_list("slug", "status")) == {
            ("kept", Status.PUBLISHED),
            ("draft", Status.DRAFT),
        }


def test_without_the_publish_permission_undo_of_records_without_a_status_is_refused():
    """Records without a status are public while a public page shows them: every region
    is a choice of the public lists' filter."""
    make_region(slug="almaty", name_en="Almaty")
    record = import_rows([["slug", "name_en"], ["almaty", "Almaty region"]], "heritage.Region")
    with pytest.raises(ImportRefused) as refusal:
        undo_import(record=record, may_publish=False)
    assert str(refusal.value) == PUBLISHERS_ONLY
    assert Region.objects.get(slug="almaty").name_en == "Almaty region"
    undo_import(record=record)  # a publisher's
    assert Region.objects.get(slug="almaty").name_en == "Almaty"


def test_undo_of_an_author_whose_works_were_added_since_is_refused_naming_them():
    record = import_rows([["slug", "name_en"], ["abai", "Abai"]], "publications.Author")
    author = Author.objects.get(slug="abai")
    make_publication(authors=[author], title_en="Book of Words")
    with pytest.raises(ImportRefused) as refused:
        undo_import(record=record)
    authorship = str(author.authorships.get())
    assert str(refused.value) == (
        f"Other records now refer to records this import created ({authorship}); undo them first."
    )
    assert Author.objects.filter(slug="abai").exists()


def test_ten_or_more_lost_references_still_refuse_the_undo():
    """Undo stops looking after it has found ten lost references (enough to name); it
    must still refuse."""
    almaty, zhambyl = make_region(slug="almaty"), make_region(slug="zhambyl")
    slugs = [f"site-{n:02}" for n in range(12)]
    for slug in slugs:
        make_heritage_item(slug=slug, regions=[almaty])
    record = import_rows([["slug", "regions"], *[[slug, "zhambyl"] for slug in slugs]])
    almaty.delete()
    with pytest.raises(ImportRefused, match="since been deleted: site-00, site-01"):
        undo_import(record=record)
    assert all(
        list(item.regions.all()) == [zhambyl]
        for item in HeritageItem.objects.filter(slug__in=slugs)
    )


def test_an_undo_restoring_links_to_two_kinds_of_records_goes_ahead_and_checks_both():
    old_theme, new_theme = make_theme(slug="old-theme"), make_theme(slug="new-theme")
    old_item = make_heritage_item(slug="old-item")
    make_heritage_item(slug="new-item")
    make_event(slug="founding", themes=[old_theme], heritage_items=[old_item])
    make_event(slug="joining", themes=[old_theme], heritage_items=[old_item])
    rows = [["slug", "themes", "heritage_items"], ["founding", "new-theme", "new-item"]]
    undone = import_rows(rows, "timeline.Event")
    undo_import(record=undone)  # nothing deleted: every restored link has its record
    event = Event.objects.get(slug="founding")
    assert (list(event.themes.all()), list(event.heritage_items.all())) == (
        [old_theme],
        [old_item],
    )
    rows = [["slug", "themes", "heritage_items"], ["joining", "new-theme", "new-item"]]
    refused = import_rows(rows, "timeline.Event")
    old_theme.delete()  # the first of the two kinds of links
    with pytest.raises(ImportRefused, match="since been deleted: joining"):
        undo_import(record=refused)
    assert list(Event.objects.get(slug="joining").themes.all()) == [new_theme]


def test_a_refusal_names_records_edited_and_records_deleted_since():
    for slug in ("edited", "deleted"):
        make_heritage_item(slug=slug, name_en=slug.title())
    record = import_rows(
        [["slug", "kind", "name_en"], ["edited", "world", "New"], ["deleted", "world", "New"]]
    )
    item = HeritageItem.objects.get(slug="edited")
    item.name_en = "Edited since"
    item.save()
    HeritageItem.objects.get(slug="deleted").delete()
    with pytest.raises(ImportRefused) as refusal:
        undo_import(record=record)
    assert "edited" in str(refusal.value) and "deleted" in str(refusal.value)


def test_a_refusal_names_every_kind_of_record_that_refers_to_what_the_import_made():
    record = import_rows([["slug", "kind", "name_en"], ["new-item", "world", "New item"]])
    item = HeritageItem.objects.get(slug="new-item")
    make_component(item, slug="tower", name_en="Tower")
    make_image(item)
    with pytest.raises(ImportRefused) as refusal:
        undo_import(record=record)
    message = str(refusal.value)
    assert "component site: Tower" in message and "image" in message.lower()
    assert HeritageItem.objects.filter(slug="new-item").exists()


def test_a_change_in_an_early_chunk_of_a_large_import_still_refuses_the_undo(monkeypatch):
    """Undo checks the records a chunk at a time (1,000 in production; one here)."""
    monkeypatch.setattr(undo, "CHUNK", 1)
    for slug in ("first", "second", "third"):
        make_heritage_item(slug=slug, name_en=slug.title())
    record = import_rows(
        [
            ["slug", "kind", "name_en"],
            *[[s, "world", "Imported"] for s in ("first", "second", "third")],
        ]
    )
    item = HeritageItem.objects.get(slug="first")
    item.name_en = "Edited since"
    item.save()
    with pytest.raises(ImportRefused, match="changed after this import: first"):
        undo_import(record=record)
    assert HeritageItem.objects.get(slug="first").name_en == "Edited since"


def test_a_refusal_names_what_would_be_deleted_and_what_would_lose_its_reference():
    """Deleting a publication the import made would delete its authorships and empty the
    source-document reference of a heritage item: both are named."""
    record = import_rows(
        [["slug", "kind", "title_en", "year"], ["new-work", "article", "New work", "2020"]],
        "publications.Publication",
    )
    work = Publication.objects.get(slug="new-work")
    Authorship.objects.create(publication=work, author=make_author(name_en="Aigerim"), order=1)
    make_heritage_item(slug="sourced", name_en="Sourced site", source_document=work)
    with pytest.raises(ImportRefused) as refusal:
        undo_import(record=record)
    message = str(refusal.value)
    assert "Sourced site" in message and "Aigerim" in message
    assert Publication.objects.filter(slug="new-work").exists()


def test_a_status_step_added_since_is_named_with_a_component_site_and_undo_refused():
    """Status steps have no history of their own, so Django deletes them in one query
    (a "fast delete"); they are named beside records deleted one by one."""
    record = import_rows([["slug", "kind", "name_en"], ["new-item", "world", "New item"]])
    item = HeritageItem.objects.get(slug="new-item")
    make_component(item, slug="tower", name_en="Tower")
    DesignationStep.objects.create(item=item, date="2024-07-26", kind=StepKind.INSCRIBED)
    with pytest.raises(ImportRefused) as refusal:
        undo_import(record=record)
    message = str(refusal.value)
    assert "component site: Tower" in message and "status step" in message.lower()
    assert DesignationStep.objects.filter(item=item).exists()


def test_undo_in_another_language_than_the_import_goes_ahead():
    """The revision of an import keeps every language's columns; the language active
    when it was written is not a change."""
    make_heritage_item(slug="kept", name_en="Original", name_kk="Бастапқы")
    with translation.override("kk"):
        record = import_rows(
            [["slug", "kind", "name_en", "name_kk"], ["kept", "world", "Imported", "Әкелінген"]]
        )
    with translation.override("en"):
        undo_import(record=record)
    item = HeritageItem.objects.get(slug="kept")
    assert (item.name_en, item.name_kk) == ("Original", "Бастапқы")


def test_a_refusal_names_a_record_by_its_key_of_today_after_a_bulk_rename():
    """A bulk update writes no revision: the refusal names the key the archivist will
    find in the admin today, not the one the last revision kept."""
    make_heritage_item(slug="before", name_en="Original")
    record = import_rows([["slug", "kind", "name_en"], ["before", "world", "Imported"]])
    HeritageItem.objects.filter(slug="before").update(slug="after")
    with pytest.raises(ImportRefused, match="changed after this import: after"):
        undo_import(record=record)
