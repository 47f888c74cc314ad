"""A page costs the same few queries whatever its size, and no answer is ever served
stale from the public page cache."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    make_author,
    make_event,
    make_heritage_item,
    make_publication,
    make_region,
    make_theme,
)

from .helpers import ask, oai_id

pytestmark = pytest.mark.django_db

# Three a source (its live records, their count, its deleted records), then each app's
# records with what their metadata shows (regions, themes, authors): one query each.
LIST_RECORDS_QUERIES = 18
LIST_IDENTIFIERS_QUERIES = 12


@pytest.fixture
def many():
    regions = [make_region(), make_region()]
    for index in range(12):
        make_heritage_item(regions=regions[: index % 3])
        make_event(themes=[make_theme(), make_theme()])
        make_publication(authors=[make_author(), make_author()])
        if index % 4 == 0:
            make_event().delete()  # deleted records too


def queries(client, **params) -> int:
    with CaptureQueriesContext(connection) as captured:
        answer = ask(client, **params)
    assert answer.error is None
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    ("verb", "most"),
    [("ListRecords", LIST_RECORDS_QUERIES), ("ListIdentifiers", LIST_IDENTIFIERS_QUERIES)],
)
def test_a_page_costs_the_same_queries_whatever_its_size(
    client, settings, many, verb, most, django_assert_max_num_queries
):
    counts = []
    for size in (3, 20):  # of 39 records
        settings.OAI_PAGE_SIZE = size
        counts.append(queries(client, verb=verb, metadataPrefix="oai_dc"))
        first = ask(client, verb=verb, metadataPrefix="oai_dc")
        with django_assert_max_num_queries(most):
            ask(client, verb=verb, resumptionToken=first.token.text)
    assert counts[0] == counts[1] == most, counts


def test_get_record_and_identify_cost_a_few_queries(client, many, django_assert_max_num_queries):
    publication = make_publication(authors=[make_author(), make_author(), make_author()])
    with django_assert_max_num_queries(3):
        ask(client, verb="GetRecord", metadataPrefix="oai_dc", identifier=oai_id(publication))
    with django_assert_max_num_queries(8):  # two a source: its earliest datestamps
        ask(client, verb="Identify")


def test_answers_are_never_cached(client, settings):
    settings.PAGE_CACHE_SECONDS = 600  # the public page cache switched on
    item = make_heritage_item(name_en="Before")
    params = {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": oai_id(item)}
    first = client.get("/oai/", params)
    type(item).objects.filter(pk=item.pk).update(name_en="After")  # a change no writer announced
    second = client.get("/oai/", params)
    assert b"After" in second.content and b"Before" not in second.content
    for response in (first, second):
        assert "X-Page-Cache" not in response  # neither served from the cache nor stored
        assert "no-store" in response["Cache-Control"]  # nor by any cache on the way
