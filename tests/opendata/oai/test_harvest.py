"""A whole harvest by a real harvester: Sickle 0.7.0 over HTTP (the live server), a page
of two records at a time, every response valid against OAI-PMH.xsd and every record's
oai_dc part against oai_dc.xsd. It gets exactly the published records, and the deletion
of the one that was public and is gone."""

import datetime

import pytest
from django.utils import timezone
from sickle import Sickle, oaiexceptions

from core.models import Status
from heritage.models import HeritageItem
from publications.models import Publication
from stories.models import Story
from tests.factories import make_author, make_event, make_heritage_item, make_publication
from timeline.models import Event

from .helpers import harvest, oai_id, validate

SECRET = "zzsecret"


class CheckedSickle(Sickle):
    """Sickle that validates every response it receives before reading it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.responses = []

    def harvest(self, **kwargs):
        response = super().harvest(**kwargs)
        validate(response.raw.encode())
        assert response.http_response.headers["Content-Type"] == "text/xml; charset=utf-8"
        assert SECRET not in response.raw
        self.responses.append(response)
        return response


@pytest.fixture
def repository(transactional_db):
    """Published records of each app, drafts, records in review, scheduled ones, one
    deleted after it was public and one deleted while a draft."""
    later = timezone.now() + datetime.timedelta(days=3)
    published = [
        make_heritage_item(kind="world", name_kk="Қожа Ахмет Ясауи кесенесі"),
        make_heritage_item(kind="intangible"),
        make_heritage_item(kind="biosphere"),
        make_event(),
        make_event(),
        make_publication(authors=[make_author()]),
        make_publication(),
    ]
    for status in (Status.DRAFT, Status.REVIEW):
        make_heritage_item(name_en=f"{SECRET} item", status=status)
        make_event(title_en=f"{SECRET} event", status=status)
        make_publication(title_en=f"{SECRET} paper", status=status)
    make_heritage_item(name_en=f"{SECRET} scheduled", publish_at=later)
    make_event(title_en=f"{SECRET} scheduled", publish_at=later)
    make_publication(title_en=f"{SECRET} scheduled", publish_at=later)
    gone = make_publication(title_en="Withdrawn")
    gone_id = oai_id(gone)
    gone.delete()
    make_event(title_en=f"{SECRET} draft", status=Status.DRAFT).delete()
    return {
        "published": {oai_id(record) for record in published},
        "deleted": {gone_id},
        "world": oai_id(published[0]),
    }


def test_sickle_harvests_every_published_record_and_nothing_else(live_server, repository, settings):
    settings.OAI_PAGE_SIZE = 2
    published, deleted = repository["published"], repository["deleted"]
    sickle = CheckedSickle(f"{live_server.url}/oai/")

    assert sickle.Identify().deletedRecord == "transient"
    records = list(sickle.ListRecords(metadataPrefix="oai_dc", ignore_deleted=False))
    pages = len(sickle.responses) - 1  # after Identify's

    live = [r.header.identifier for r in records if not r.header.deleted]
    assert sorted(live) == sorted(published)  # each once
    assert {r.header.identifier for r in records if r.header.deleted} == deleted
    assert pages == 4  # 8 headers, 2 a page: the tokens were followed to the end
    assert all(record.metadata["identifier"] for record in records if not record.header.deleted)
    last = sickle.responses[-1].xml.find(".//{http://www.openarchives.org/OAI/2.0/}resumptionToken")
    assert last is not None and not last.text and last.get("completeListSize") == "8"

    headers = list(sickle.ListIdentifiers(metadataPrefix="oai_dc", ignore_deleted=True))
    assert sorted(header.identifier for header in headers) == sorted(published)

    sets = {one.setSpec for one in sickle.ListSets()}
    assert {"heritage", "heritage:world", "heritage:creative_city", "timeline"} <= sets
    world = list(sickle.ListIdentifiers(metadataPrefix="oai_dc", set="heritage:world"))
    assert [header.identifier for header in world] == [repository["world"]]


def test_sickle_harvests_by_post(live_server, repository, settings):
    settings.OAI_PAGE_SIZE = 3
    published = repository["published"]
    sickle = CheckedSickle(f"{live_server.url}/oai/", http_method="POST")
    records = list(sickle.ListRecords(metadataPrefix="oai_dc", ignore_deleted=True))
    assert sorted(r.header.identifier for r in records) == sorted(published)
    record = sickle.GetRecord(identifier=repository["world"], metadataPrefix="oai_dc")
    assert "Қожа Ахмет Ясауи кесенесі" in record.metadata["title"]
    with pytest.raises(oaiexceptions.IdDoesNotExist):
        sickle.GetRecord(identifier="oai:unesco.kz:heritage/999", metadataPrefix="oai_dc")


def test_the_source_documents_facts_harvest_valid(client, source_data, settings):
    """The portal's own records (every language, rich text, regions, authors), as `make
    run` loads them: every page valid, every published record once."""
    settings.OAI_PAGE_SIZE = 25
    _answers, names = harvest(client, verb="ListRecords", metadataPrefix="oai_dc")
    expected = [
        oai_id(record)
        for model in (HeritageItem, Event, Publication, Story)
        for record in model.objects.published()
    ]
    assert sorted(names) == sorted(expected) and len(names) > 50
    assert oai_id(Story.objects.get(slug="silk-roads-in-kazakhstan")) in names
