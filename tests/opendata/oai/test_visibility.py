"""What a harvester may see: published records only (never a draft, a record in review or
a scheduled one, not in a list, a count or GetRecord), a scheduled record from the moment
it goes public with a datestamp no earlier, and the deletion of a record once public."""

import datetime

import pytest
from django.utils import timezone

from core.models import Status
from editorial.services import set_status
from heritage.models import HeritageItem
from tests.factories import (
    make_author,
    make_event,
    make_heritage_item,
    make_publication,
    make_region,
    make_theme,
)

from .helpers import ask, harvest, oai_id, stamp, utc

pytestmark = pytest.mark.django_db

SECRET = "zzsecret"
LIST = {"verb": "ListRecords", "metadataPrefix": "oai_dc"}


def get(client, record):
    return ask(client, verb="GetRecord", metadataPrefix="oai_dc", identifier=oai_id(record))


def test_unpublished_records_are_never_listed_counted_or_given(client, settings):
    settings.OAI_PAGE_SIZE = 1
    later = timezone.now() + datetime.timedelta(hours=1)
    public = [make_heritage_item(), make_event()]
    hidden = [
        make_heritage_item(name_en=SECRET, status=Status.DRAFT),
        make_event(title_en=SECRET, status=Status.REVIEW),
        make_publication(title_en=SECRET, publish_at=later),  # scheduled
        make_heritage_item(name_en=SECRET, status=Status.REVIEW, publish_at=later),
    ]
    for verb in ("ListRecords", "ListIdentifiers"):
        answers, names = harvest(client, verb=verb, metadataPrefix="oai_dc")
        assert sorted(names) == sorted(oai_id(record) for record in public)
        assert [a.token.get("completeListSize") for a in answers] == ["2", "2"]
        assert all(SECRET.encode() not in answer.content for answer in answers)
    for record in hidden:
        assert get(client, record).error == "idDoesNotExist"
    assert ask(client, verb="Identify").error is None


def test_a_scheduled_record_appears_when_due_with_a_datestamp_no_earlier(client):
    due = timezone.now() + datetime.timedelta(hours=2)
    item = make_heritage_item(publish_at=due)
    stamp(item, utc(2020, 1, 1))  # edited long before it is due
    assert get(client, item).error == "idDoesNotExist"
    HeritageItem.objects.filter(pk=item.pk).update(publish_at=timezone.now())  # now due
    moment = HeritageItem.objects.get(pk=item.pk).publish_at
    answer = get(client, item)
    assert answer.error is None
    assert answer.datestamps()[oai_id(item)] == moment.astimezone(datetime.UTC).strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )
    # A harvester that last came before it was due finds it in its next harvest.
    since = (moment - datetime.timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert ask(client, **LIST, **{"from": since}).identifiers == [oai_id(item)]


def test_deleted_and_unpublished_records_are_reported_deleted(client):
    deleted = make_event(title_en="Gone")
    deleted_name = oai_id(deleted)
    unpublished = make_heritage_item(kind="geopark")
    rescheduled = make_publication()
    kept = make_heritage_item()
    deleted.delete()
    set_status(queryset=HeritageItem.objects.filter(pk=unpublished.pk), status=Status.DRAFT)
    rescheduled.publish_at = timezone.now() + datetime.timedelta(days=1)
    rescheduled.save()

    answer = ask(client, **LIST)
    assert answer.live == [oai_id(kept)]
    assert sorted(answer.deleted) == sorted(
        [deleted_name, oai_id(unpublished), oai_id(rescheduled)]
    )
    records = answer.records()
    assert all(records[name] is None for name in answer.deleted)  # a header, no metadata
    # A deleted record's header keeps its sets; GetRecord and ListMetadataFormats know it.
    geopark = ask(client, **LIST, set="heritage:geopark")
    assert geopark.deleted == [oai_id(unpublished)]
    record = get(client, unpublished)
    assert record.deleted == [oai_id(unpublished)] and record.records()[oai_id(unpublished)] is None
    formats = ask(client, verb="ListMetadataFormats", identifier=oai_id(unpublished))
    assert formats.error is None
    # Published again, it is a live record again, dated from its publication.
    set_status(queryset=HeritageItem.objects.filter(pk=unpublished.pk), status=Status.PUBLISHED)
    assert get(client, unpublished).live == [oai_id(unpublished)]


def test_a_deletion_is_dated_when_it_happened(client):
    item = make_heritage_item()
    stamp(item, utc(2020, 1, 1))
    before = timezone.now().replace(microsecond=0)
    name = oai_id(item)
    item.delete()
    answer = ask(client, **LIST, **{"from": before.strftime("%Y-%m-%dT%H:%M:%SZ")})
    assert answer.deleted == [name]
    assert ask(client, **LIST, until="2021-01-01").error == "noRecordsMatch"


def test_records_never_public_are_never_reported_deleted(client):
    later = timezone.now() + datetime.timedelta(days=1)
    draft = make_heritage_item(name_en=SECRET, status=Status.DRAFT)
    in_review = make_event(title_en=SECRET, status=Status.REVIEW)
    scheduled = make_publication(title_en=SECRET, publish_at=later)
    withdrawn_before_due = make_heritage_item(name_en=SECRET, publish_at=later)
    never_public = [oai_id(r) for r in (draft, in_review, scheduled, withdrawn_before_due)]
    for record in (draft, in_review, scheduled):
        record.delete()
    set_status(
        queryset=HeritageItem.objects.filter(pk=withdrawn_before_due.pk), status=Status.DRAFT
    )
    published_once = make_event()
    published_once_name = oai_id(published_once)
    published_once.delete()
    answer = ask(client, **LIST)
    assert answer.deleted == [published_once_name]
    assert SECRET.encode() not in answer.content
    for name in never_public:
        query = {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": name}
        assert ask(client, **query).error == "idDoesNotExist"


def test_a_change_to_what_the_metadata_shows_moves_the_datestamp(client):
    region = make_region(name_en="Turkistan")
    item = make_heritage_item(regions=[region])
    author = make_author(name_en="A. Author")
    paper = make_publication(authors=[author])
    co_written = make_publication(authors=[make_author(), make_author()])
    theme = make_theme(name_en="Science")
    renamed_theme = make_event(themes=[theme])
    relinked = make_event()
    unchanged = make_event()
    changed = (item, paper, co_written, renamed_theme, relinked)
    for record in (*changed, unchanged):
        stamp(record, utc(2020, 1, 1))
    since = {"from": "2021-01-01"}
    assert ask(client, **LIST, **since).error == "noRecordsMatch"

    region.name_en = "Turkestan Region"
    region.save()  # the item's coverage changes
    author.name_en = "A. B. Author"
    author.save()  # the paper's creator changes
    co_written.authorships.last().delete()  # a creator fewer
    theme.name_en = "Sciences"
    theme.save()  # an event's subject changes
    relinked.themes.clear()  # another's subjects change, its row untouched
    answer = ask(client, **LIST, **since)
    assert sorted(answer.live) == sorted(oai_id(record) for record in changed)
    coverage = answer.records()[oai_id(item)].findall(
        "dc:coverage", {"dc": "http://purl.org/dc/elements/1.1/"}
    )
    assert [node.text for node in coverage] == ["Turkestan Region"]


def test_a_record_deleted_before_it_was_due_stays_unknown_after_its_time(client):
    """Scheduled for an hour ago, but deleted two hours ago: it was never public."""
    now = timezone.now()
    item = make_heritage_item(name_en=SECRET, publish_at=now + datetime.timedelta(days=1))
    name = oai_id(item)
    history = HeritageItem.history.filter(id=item.pk)
    item.delete()
    history.filter(history_type="+").update(history_date=now - datetime.timedelta(hours=3))
    history.filter(history_type="-").update(history_date=now - datetime.timedelta(hours=2))
    history.update(publish_at=now - datetime.timedelta(hours=1))
    make_event()
    assert ask(client, **LIST).deleted == []
    query = {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": name}
    assert ask(client, **query).error == "idDoesNotExist"


def test_a_record_unpublished_while_its_page_is_read_is_given_as_deleted(client, monkeypatch):
    """Between the query of a page's headers and that of its records, one is unpublished:
    the page reports it deleted (it was public a moment before), never its metadata."""
    from opendata.oai import records

    item, event = make_heritage_item(name_en=SECRET), make_event()
    read_page = records.page

    def page_then_unpublish(*args, **kwargs):
        found = read_page(*args, **kwargs)
        set_status(queryset=HeritageItem.objects.filter(pk=item.pk), status=Status.DRAFT)
        return found

    monkeypatch.setattr(records, "page", page_then_unpublish)
    answer = ask(client, **LIST)
    assert answer.live == [oai_id(event)]
    assert answer.deleted == [oai_id(item)]
    assert SECRET.encode() not in answer.content
