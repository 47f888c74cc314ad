"""The revisions an import or an undo writes in bulk (archive/revisions.py): the database
copies each record into its revision, and the copy must hold what django-simple-history's
own bulk API would have stored, field for field and link for link."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from archive import revisions
from heritage.models import HeritageItem
from publications.models import Publication
from tests.archive.test_undo import import_rows
from tests.factories import (
    make_event,
    make_heritage_item,
    make_person,
    make_publication,
    make_region,
    make_theme,
)
from timeline.models import Event

pytestmark = pytest.mark.django_db

OWN_TO_EACH_REVISION = {"history_id", "history_date"}


def both_ways(model, pks, *, user=None, update=False):
    """The revisions of ``pks`` as the database copies them and as the ORM builds them."""
    history = model.history.model
    latest = history.objects.order_by("-history_id").values_list("history_id", flat=True)
    start = latest.first() or 0
    revisions.record_revisions(model=model, pks=pks, user=user, reason="Why", update=update)
    middle = latest.first()
    revisions._record_revisions_through_the_orm(model, pks, user=user, reason="Why", update=update)
    copied = stored(history, start, middle)
    built = stored(history, middle, latest.first())
    return copied, built


def stored(history, after: int, up_to: int) -> dict:
    """Each revision's fields, and its links, by record."""
    revisions_ = history.objects.filter(history_id__gt=after, history_id__lte=up_to)
    result = {}
    for revision in revisions_.values():
        links = {
            m2m_field.name: sorted(
                tuple(
                    sorted(
                        (k, v) for k, v in link.items() if k not in ("m2m_history_id", "history_id")
                    )
                )
                for link in getattr(history, m2m_field.name)
                .model.objects.filter(history_id=revision["history_id"])
                .values()
            )
            for m2m_field in getattr(history, "_history_m2m_fields", [])
        }
        fields = {k: v for k, v in revision.items() if k not in OWN_TO_EACH_REVISION}
        result[revision["id"]] = (fields, links)
    return result


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_a_copied_revision_holds_what_django_simple_history_would_store(language, admin_user):
    almaty, zhambyl = make_region(slug="almaty"), make_region(slug="zhambyl")
    make_heritage_item(slug="renamed", name_en="Before", name_ru="До", regions=[almaty])
    make_heritage_item(slug="russian-only", name_en="Gone", name_ru="Только", summary_en="")
    import_rows(
        [
            ["slug", "kind", "name_en", "name_ru", "name_kk", "latitude", "regions"],
            # name_en changed in bulk: the untranslated column name is left as it was
            ["renamed", "world", "After", "После", "", "43.300000", "almaty|zhambyl"],
            ["russian-only", "world", "", "Только", "", "", ""],
            ["new", "intangible", "", "", "Жаңа", "", "zhambyl"],
        ]
    )
    pks = list(HeritageItem.objects.values_list("pk", flat=True))
    with translation.override(language):
        copied, built = both_ways(HeritageItem, pks, user=admin_user, update=True)
    assert copied == built
    assert len(copied) == 3 and copied[pks[0]][1]["regions"]  # links were compared
    assert {fields["name"] for fields, _links in copied.values()} == {
        "en": {"After", "Только", "Жаңа"},
        "ru": {"После", "Только", "Жаңа"},
        "kk": {"After", "Только", "Жаңа"},
    }[language]
    assert zhambyl.pk  # the links name it


def test_revisions_of_events_with_several_kinds_of_links_and_of_publications_match():
    item, person = make_heritage_item(), make_person()
    events = [
        make_event(themes=[make_theme(), make_theme()], heritage_items=[item]),
        make_event(publications=[make_publication()]),
    ]
    events[0].people.set([person])
    pks = [event.pk for event in events]
    copied, built = both_ways(Event, pks)
    assert copied == built and len(copied) == 2
    publications = [make_publication(title_en="", title_ru="Только по-русски").pk]
    assert both_ways(Publication, publications)[0] == both_ways(Publication, publications)[1]


def test_revisions_are_written_by_two_statements_per_thousand_records_and_link_field():
    region = make_region()
    pks = [make_heritage_item(regions=[region]).pk for _ in range(3)]
    with CaptureQueriesContext(connection) as queries:
        revisions.record_revisions(model=HeritageItem, pks=pks, user=None, reason="Why")
    assert len(queries) == 2  # the revisions, then their links
    assert HeritageItem.history.filter(id__in=pks, history_type="+").count() == 6  # 3 by create
