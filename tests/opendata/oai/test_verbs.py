"""Each verb as a harvester asks it, by GET and by POST (without a CSRF token, as
harvesters send none); every answer is validated against the protocol's schemas."""

import pytest
from django.test import Client

from core.models import Status
from publications.models import Publication
from tests.factories import make_event, make_heritage_item, make_publication

from .helpers import DC, NS, OAI, XML_LANG, ask, oai_id, stamp, utc

pytestmark = pytest.mark.django_db


def test_identify_describes_the_repository(client, settings):
    settings.OAI_REPOSITORY_IDENTIFIER = "portal.example.kz"
    settings.OAI_ADMIN_EMAIL = ["oai@example.kz", "archive@example.kz"]
    old = make_event()
    stamp(old, utc(2001, 2, 3, 4, 5, 6))
    make_heritage_item()
    make_event(status=Status.DRAFT).delete()  # never public: no date of it is told
    answer = ask(client, verb="Identify")
    identify = answer.root.find("oai:Identify", NS)
    assert identify.findtext("oai:baseURL", namespaces=NS) == "http://testserver/oai/"
    assert identify.findtext("oai:repositoryName", namespaces=NS) == "Kazakhstan and UNESCO"
    assert identify.findtext("oai:protocolVersion", namespaces=NS) == "2.0"
    assert [e.text for e in identify.findall("oai:adminEmail", NS)] == [
        "oai@example.kz",
        "archive@example.kz",
    ]
    assert identify.findtext("oai:earliestDatestamp", namespaces=NS) == "2001-02-03T04:05:06Z"
    assert identify.findtext("oai:deletedRecord", namespaces=NS) == "transient"
    assert identify.findtext("oai:granularity", namespaces=NS) == "YYYY-MM-DDThh:mm:ssZ"
    scheme = "{http://www.openarchives.org/OAI/2.0/oai-identifier}"
    assert identify.findtext(f".//{scheme}repositoryIdentifier") == "portal.example.kz"
    assert identify.findtext(f".//{scheme}sampleIdentifier") == "oai:portal.example.kz:heritage/1"
    assert answer.request.attrib == {"verb": "Identify"}
    assert answer.request.text == "http://testserver/oai/"


def test_identify_defaults(client):
    answer = ask(client, verb="Identify")
    assert answer.root.findtext(".//oai:adminEmail", namespaces=NS) == "webmaster@unesco.kz"


def test_the_earliest_datestamp_is_no_later_than_a_reported_deletion(client):
    make_heritage_item()
    gone = make_publication()
    pk = gone.pk
    gone.delete()
    Publication.history.filter(id=pk).update(history_date=utc(1999, 9, 9))
    answer = ask(client, verb="Identify")
    assert answer.root.findtext(".//oai:earliestDatestamp", namespaces=NS) == (
        "1999-09-09T00:00:00Z"
    )


def test_list_metadata_formats_with_and_without_an_identifier(client):
    item = make_heritage_item()
    draft = make_heritage_item(status=Status.DRAFT)
    for params in ({}, {"identifier": oai_id(item)}):
        answer = ask(client, verb="ListMetadataFormats", **params)
        formats = answer.root.findall(".//oai:metadataFormat", NS)
        assert [f.findtext("oai:metadataPrefix", namespaces=NS) for f in formats] == ["oai_dc"]
        assert formats[0].findtext("oai:metadataNamespace", namespaces=NS) == (
            "http://www.openarchives.org/OAI/2.0/oai_dc/"
        )
        assert answer.request.attrib == {"verb": "ListMetadataFormats", **params}
    assert ask(client, verb="ListMetadataFormats", identifier=oai_id(draft)).error == (
        "idDoesNotExist"
    )


def test_list_sets_names_each_app_and_each_programme_in_three_languages(client):
    answer = ask(client, verb="ListSets")
    sets = {
        one.findtext("oai:setSpec", namespaces=NS): one for one in answer.root.iter(f"{{{OAI}}}set")
    }
    assert list(sets) == [
        "heritage",
        "heritage:world",
        "heritage:tentative",
        "heritage:intangible",
        "heritage:memory",
        "heritage:biosphere",
        "heritage:geopark",
        "heritage:creative_city",
        "timeline",
        "publications",
        "stories",
    ]
    world = sets["heritage:world"]
    assert world.findtext("oai:setName", namespaces=NS) == (
        "UNESCO designations of Kazakhstan: World Heritage property"
    )
    titles = {t.get(XML_LANG): t.text for t in world.iter(f"{{{DC}}}title")}
    assert titles["ru"] == "Объекты Казахстана в программах ЮНЕСКО: Объект всемирного наследия"
    assert titles["kk"].endswith("Бүкіләлемдік мұра нысаны")
    assert set(titles) == {"kk", "ru", "en"}


def test_get_record(client):
    item = make_heritage_item(kind="memory", name_en="Aral archive")
    stamp(item, utc(2024, 5, 6, 7, 8, 9))
    answer = ask(client, verb="GetRecord", identifier=oai_id(item), metadataPrefix="oai_dc")
    header = answer.headers[0]
    assert header.get("status") is None
    assert header.findtext("oai:identifier", namespaces=NS) == oai_id(item)
    assert header.findtext("oai:datestamp", namespaces=NS) == "2024-05-06T07:08:09Z"
    assert [s.text for s in header.findall("oai:setSpec", NS)] == ["heritage", "heritage:memory"]
    dc = answer.records()[oai_id(item)]
    assert dc.findtext("dc:title", namespaces=NS) == "Aral archive"
    assert answer.request.attrib == {
        "verb": "GetRecord",
        "identifier": oai_id(item),
        "metadataPrefix": "oai_dc",
    }


@pytest.mark.parametrize("verb", ["ListIdentifiers", "ListRecords"])
def test_lists_give_every_published_record_of_every_app_in_datestamp_order(client, verb):
    records = [make_publication(), make_heritage_item(), make_event(), make_event()]
    for day, record in enumerate(records, 1):
        stamp(record, utc(2024, 1, day))
    answer = ask(client, verb=verb, metadataPrefix="oai_dc")
    assert answer.identifiers == [oai_id(record) for record in records]
    assert answer.token is None  # complete in one response
    assert (answer.root.find("oai:ListRecords/oai:record/oai:metadata", NS) is not None) == (
        verb == "ListRecords"
    )


def test_post_needs_no_csrf_token_and_answers_as_get():
    item = make_heritage_item()
    harvester = Client(enforce_csrf_checks=True)
    params = {"verb": "GetRecord", "identifier": oai_id(item), "metadataPrefix": "oai_dc"}
    by_post = ask(harvester, "post", **params)
    by_get = ask(harvester, **params)
    assert by_post.identifiers == by_get.identifiers == [oai_id(item)]
    response = harvester.put("/oai/", params)
    assert response.status_code == 405


def test_the_response_is_xml_on_its_own_with_the_schema_location(client):
    make_event()
    response = client.get("/oai/", {"verb": "ListRecords", "metadataPrefix": "oai_dc"})
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n<OAI-PMH ')
    assert b'xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/ ' in response.content
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
