"""Every error condition of the protocol, each answer valid against the schema: after
badVerb and badArgument the request element gives the base URL alone, after the others
it echoes the arguments."""

import pytest
from django.test import Client

from core.models import Status
from tests.factories import make_event, make_heritage_item

from .helpers import ask, oai_id, stamp, utc

pytestmark = pytest.mark.django_db

LIST = {"verb": "ListRecords", "metadataPrefix": "oai_dc"}


def error_of(client, query: str) -> tuple[str, dict]:
    """The error code and the echoed arguments of a raw query string (which may repeat an
    argument)."""
    response = client.get(f"/oai/?{query}")
    assert response.status_code == 200
    from .helpers import Answer, validate

    answer = Answer(validate(response.content), response.content)
    assert answer.request.text == "http://testserver/oai/"
    return answer.error, dict(answer.request.attrib)


@pytest.mark.parametrize(
    "query",
    ["", "verb=", "verb=ListThings", "verb=Identify&verb=Identify", "verb=identify", "foo=bar"],
)
def test_bad_verb(client, query):
    assert error_of(client, query) == ("badVerb", {})


@pytest.mark.parametrize(
    "query",
    [
        "verb=Identify&metadataPrefix=oai_dc",  # an argument the verb does not take
        "verb=ListRecords",  # a required one missing
        "verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc",  # repeated
        "verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01&from=2021-01-01",
        "verb=GetRecord&metadataPrefix=oai_dc",
        "verb=GetRecord&identifier=oai:unesco.kz:heritage/1",
        "verb=ListRecords&metadataPrefix=oai_dc&resumptionToken=abc",  # exclusive
        "verb=ListIdentifiers&set=heritage&resumptionToken=abc",
        "verb=ListRecords&metadataPrefix=",  # empty
        "verb=ListRecords&metadataPrefix=oai%20dc",  # not a prefix's form
        "verb=ListRecords&metadataPrefix=oai_dc&set=heritage%3A",  # not a set spec's form
        "verb=ListRecords&metadataPrefix=oai_dc&from=2020-1-1",
        "verb=ListRecords&metadataPrefix=oai_dc&from=2020-02-30",
        "verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01T00:00:00",  # not UTC "Z"
        "verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01T00:00:00%2B06:00",
        "verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01T00:00:00.5Z",  # finer
        "verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01&until=2020-02-01T00:00:00Z",
        "verb=ListRecords&metadataPrefix=oai_dc&from=2020-02-01&until=2020-01-01",
        "verb=ListSets&set=heritage",
    ],
)
def test_bad_argument(client, query):
    assert error_of(client, query) == ("badArgument", {})


def test_cannot_disseminate_format(client):
    item = make_heritage_item()
    for query in (
        "verb=ListRecords&metadataPrefix=marc21",
        "verb=ListIdentifiers&metadataPrefix=mods",
        f"verb=GetRecord&metadataPrefix=oai_ead&identifier={oai_id(item)}",
    ):
        code, echoed = error_of(client, query)
        assert code == "cannotDisseminateFormat"
        assert echoed["metadataPrefix"] != "oai_dc"


@pytest.mark.parametrize(
    "identifier",
    [
        "oai:unesco.kz:heritage/999999",
        "oai:unesco.kz:heritage/01",
        "oai:unesco.kz:persons/1",
        "oai:other.example.org:heritage/1",
        "heritage/1",
        "oai:unesco.kz:heritage/1x",
        "oai:unesco.kz:heritage/99999999999999999999999",
        "oai:unesco.kz: heritage/1",  # illegal: no identifier of ours
    ],
)
def test_id_does_not_exist(client, identifier):
    make_heritage_item()
    query = {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": identifier}
    answer = ask(client, **query)
    assert answer.error == "idDoesNotExist"
    assert answer.request.attrib == query


@pytest.mark.parametrize("status", [Status.DRAFT, Status.REVIEW])
def test_unpublished_records_do_not_exist(client, status):
    draft = make_event(status=status)
    query = {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": oai_id(draft)}
    assert ask(client, **query).error == "idDoesNotExist"
    assert ask(client, verb="ListMetadataFormats", identifier=oai_id(draft)).error == (
        "idDoesNotExist"
    )


def test_no_records_match(client):
    item = make_heritage_item(kind="world")
    stamp(item, utc(2020, 6, 1))
    for params in (
        {"from": "2021-01-01"},
        {"until": "2019-12-31T23:59:59Z"},
        {"set": "timeline"},
        {"set": "heritage:geopark"},
        {"set": "people"},  # no such set
        {"set": "heritage:world:more"},
    ):
        answer = ask(client, **LIST, **params)
        assert answer.error == "noRecordsMatch", params
        assert answer.request.attrib == {**LIST, **params}


def test_an_empty_repository_matches_nothing(client):
    make_heritage_item(status=Status.DRAFT)
    assert ask(client, **LIST).error == "noRecordsMatch"
    assert ask(client, verb="ListIdentifiers", metadataPrefix="oai_dc").error == "noRecordsMatch"


def test_list_sets_takes_no_token(client):
    answer = ask(client, verb="ListSets", resumptionToken="anything")
    assert answer.error == "badResumptionToken"
    assert answer.request.attrib == {"verb": "ListSets", "resumptionToken": "anything"}


def test_errors_by_post_too():
    harvester = Client(enforce_csrf_checks=True)
    assert ask(harvester, "post", verb="Nothing").error == "badVerb"
    assert ask(harvester, "post", verb="ListRecords").error == "badArgument"
    answer = ask(harvester, "post", verb="ListRecords", metadataPrefix="oai_dc")
    assert answer.error == "noRecordsMatch"
