"""Undo and the links between records: it is refused when the links it would restore or
delete were changed after the import, from either side, and when what it would restore
links to is gone."""

import pytest
from django.db import connection

from archive import readers
from archive.applying import apply_plan
from archive.models import ImportStatus
from archive.services import ImportRefused, plan_import
from archive.undo import undo_import
from heritage.models import ComponentSite, HeritageItem, Region
from tests.factories import make_component, make_event, make_heritage_item, make_region, make_theme
from tests.files import csv_bytes
from timeline.models import Event, Theme

pytestmark = pytest.mark.django_db


def import_rows(rows, label="heritage.HeritageItem"):
    plan = plan_import(label=label, table=readers.read(csv_bytes(rows), name="f.csv"))
    assert plan.is_valid, (plan.file_errors, plan.errors)
    return apply_plan(plan=plan, file_name="f.csv", checksum="0" * 64)


def regions_of(slug: str) -> list[str]:
    return sorted(HeritageItem.objects.get(slug=slug).regions.values_list("slug", flat=True))


def themes_of(slug: str) -> list[str]:
    return sorted(Event.objects.get(slug=slug).themes.values_list("slug", flat=True))


def the_ledger_entry_is_applied(record) -> bool:
    record.refresh_from_db()
    return record.status == ImportStatus.APPLIED


@pytest.fixture
def tamgaly_moved_to_zhambyl():
    """An import moved the item "tamgaly" from the region "almaty" to "zhambyl"."""
    almaty = make_region(slug="almaty")
    make_region(slug="zhambyl")
    make_region(slug="turkistan")
    make_heritage_item(slug="tamgaly", regions=[almaty])
    record = import_rows([["slug", "regions"], ["tamgaly", "zhambyl"]])
    assert regions_of("tamgaly") == ["zhambyl"]
    return record


def test_undo_is_refused_when_staff_relinked_an_item_it_updated(tamgaly_moved_to_zhambyl):
    # As the admin's form does: the links change, the item is not saved (updated_at stays).
    HeritageItem.objects.get(slug="tamgaly").regions.add(Region.objects.get(slug="turkistan"))
    with pytest.raises(ImportRefused, match="changed after this import: tamgaly"):
        undo_import(record=tamgaly_moved_to_zhambyl)
    assert regions_of("tamgaly") == ["turkistan", "zhambyl"]
    assert the_ledger_entry_is_applied(tamgaly_moved_to_zhambyl)


def test_undo_is_refused_when_an_item_it_updated_was_relinked_from_the_regions_side(
    tamgaly_moved_to_zhambyl,
):
    # Only the region's history sees a link made from its side.
    Region.objects.get(slug="turkistan").heritage_items.add(HeritageItem.objects.get())
    with pytest.raises(ImportRefused, match="changed after this import: tamgaly"):
        undo_import(record=tamgaly_moved_to_zhambyl)
    assert regions_of("tamgaly") == ["turkistan", "zhambyl"]


def test_undo_is_refused_when_the_links_it_would_restore_were_changed_in_the_link_table(
    tamgaly_moved_to_zhambyl,
):
    with connection.cursor() as cursor:  # no signal, no revision: a script, say
        cursor.execute(f"DELETE FROM {HeritageItem.regions.through._meta.db_table}")
    with pytest.raises(ImportRefused, match="changed after this import: tamgaly"):
        undo_import(record=tamgaly_moved_to_zhambyl)
    assert regions_of("tamgaly") == []


def test_undo_is_refused_when_an_event_it_updated_got_a_theme_from_the_themes_side():
    make_theme(slug="peace")
    science = make_theme(slug="science")
    make_event(slug="treaty", themes=[make_theme(slug="war")])
    record = import_rows([["slug", "themes"], ["treaty", "peace"]], "timeline.Event")
    science.events.add(Event.objects.get(slug="treaty"))
    with pytest.raises(ImportRefused, match="changed after this import: treaty"):
        undo_import(record=record)
    assert themes_of("treaty") == ["peace", "science"]
    assert the_ledger_entry_is_applied(record)


def test_undo_is_refused_when_an_event_it_created_was_relinked():
    make_theme(slug="war")
    make_theme(slug="peace")
    record = import_rows(
        [["slug", "title_en", "start_date", "themes"], ["treaty", "Treaty", "1991-12-16", "war"]],
        "timeline.Event",
    )
    Theme.objects.get(slug="peace").events.add(Event.objects.get(slug="treaty"))
    with pytest.raises(ImportRefused, match="changed after this import: treaty"):
        undo_import(record=record)
    assert themes_of("treaty") == ["peace", "war"]


def test_undo_is_refused_when_staff_linked_an_item_to_a_region_it_created():
    make_heritage_item(slug="tamgaly", name_en="Tamgaly")
    record = import_rows([["slug", "name_en"], ["zhetysu", "Zhetysu"]], "heritage.Region")
    HeritageItem.objects.get().regions.add(Region.objects.get(slug="zhetysu"))
    # Deleting the region would silently take the item's link along.
    with pytest.raises(ImportRefused, match="refer to records this import created.*Tamgaly"):
        undo_import(record=record)
    assert regions_of("tamgaly") == ["zhetysu"]
    assert the_ledger_entry_is_applied(record)


def test_undo_is_refused_when_staff_placed_a_component_site_in_a_region_it_created():
    make_component(make_heritage_item(), slug="tower", name_en="Tower")
    record = import_rows([["slug", "name_en"], ["zhetysu", "Zhetysu"]], "heritage.Region")
    tower = ComponentSite.objects.get(slug="tower")
    tower.region = Region.objects.get(slug="zhetysu")
    tower.save()
    # Deleting the region would silently empty the component site's region.
    with pytest.raises(ImportRefused, match="refer to records this import created.*Tower"):
        undo_import(record=record)
    assert ComponentSite.objects.get(slug="tower").region.slug == "zhetysu"


def test_undo_is_refused_when_a_region_it_would_link_again_was_deleted(tamgaly_moved_to_zhambyl):
    Region.objects.get(slug="almaty").delete()
    with pytest.raises(ImportRefused, match="since been deleted: tamgaly"):
        undo_import(record=tamgaly_moved_to_zhambyl)
    assert regions_of("tamgaly") == ["zhambyl"]
    assert the_ledger_entry_is_applied(tamgaly_moved_to_zhambyl)


def test_undo_is_refused_when_the_item_a_component_site_belonged_to_was_deleted():
    make_component(make_heritage_item(slug="old"), slug="tower")
    make_heritage_item(slug="new")
    record = import_rows([["slug", "item"], ["tower", "new"]], "heritage.ComponentSite")
    HeritageItem.objects.get(slug="old").delete()
    with pytest.raises(ImportRefused, match="since been deleted: tower"):
        undo_import(record=record)
    assert ComponentSite.objects.get(slug="tower").item.slug == "new"
