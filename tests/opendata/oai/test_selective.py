"""Selective harvesting: from and until (inclusive, at day or second granularity, in UTC)
and sets (an app, or a UNESCO programme under heritage)."""

import pytest

from tests.factories import make_event, make_heritage_item, make_publication

from .helpers import ask, harvest, oai_id, stamp, utc

pytestmark = pytest.mark.django_db


@pytest.fixture
def dated():
    """A record at each of four moments, one of them within the same second as another."""
    moments = {
        "a": utc(2023, 12, 31, 23, 59, 59),
        "b": utc(2024, 1, 1, 0, 0, 0),
        "c": utc(2024, 1, 1, 12, 30, 15, 400_000),
        "d": utc(2024, 1, 2, 0, 0, 0),
    }
    records = {
        "a": make_heritage_item(),
        "b": make_event(),
        "c": make_publication(),
        "d": make_heritage_item(),
    }
    for name, record in records.items():
        stamp(record, moments[name])
    return {name: oai_id(record) for name, record in records.items()}


def listed(client, **params) -> set[str]:
    answer = ask(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **params)
    if answer.error == "noRecordsMatch":
        return set()
    assert answer.error is None
    return set(answer.identifiers)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, "abcd"),
        ({"from": "2024-01-01"}, "bcd"),
        ({"until": "2024-01-01"}, "abc"),  # the whole day of until
        ({"from": "2024-01-01", "until": "2024-01-01"}, "bc"),
        ({"from": "2024-01-02"}, "d"),
        ({"until": "2023-12-31"}, "a"),
        ({"from": "2024-01-01T00:00:00Z"}, "bcd"),
        ({"from": "2024-01-01T00:00:01Z"}, "cd"),
        ({"until": "2023-12-31T23:59:59Z"}, "a"),  # inclusive
        ({"until": "2023-12-31T23:59:58Z"}, ""),
        ({"from": "2024-01-01T12:30:15Z", "until": "2024-01-01T12:30:15Z"}, "c"),  # its second
        ({"from": "2024-01-01T12:30:16Z", "until": "2024-01-02T00:00:00Z"}, "d"),
        ({"from": "2023-12-31T23:59:59Z", "until": "2024-01-01T00:00:00Z"}, "ab"),
        ({"until": "9999-12-31"}, "abcd"),
        ({"from": "0001-01-01T00:00:00Z"}, "abcd"),
    ],
)
def test_from_and_until_are_inclusive_at_their_granularity(client, dated, params, expected):
    assert listed(client, **params) == {dated[name] for name in expected}


def test_datestamps_are_utc_seconds(client, dated):
    answer = ask(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert answer.datestamps()[dated["c"]] == "2024-01-01T12:30:15Z"
    assert answer.datestamps()[dated["a"]] == "2023-12-31T23:59:59Z"


def test_a_time_zone_other_than_utc_changes_nothing(client, dated, settings):
    settings.TIME_ZONE = "America/Los_Angeles"
    assert listed(client, **{"from": "2024-01-01", "until": "2024-01-01"}) == {
        dated["b"],
        dated["c"],
    }


def test_sets(client, settings):
    settings.OAI_PAGE_SIZE = 2
    world = [make_heritage_item(kind="world") for _ in range(3)]
    geopark = make_heritage_item(kind="geopark")
    events = [make_event(), make_event()]
    paper = make_publication()
    cases = {
        "heritage": [*world, geopark],
        "heritage:world": world,
        "heritage:geopark": [geopark],
        "timeline": events,
        "publications": [paper],
    }
    for spec, records in cases.items():
        _answers, names = harvest(client, verb="ListRecords", metadataPrefix="oai_dc", set=spec)
        assert sorted(names) == sorted(oai_id(record) for record in records), spec
    assert listed(client, set="heritage:intangible") == set()


def test_a_set_and_dates_together(client):
    early, late = make_heritage_item(kind="world"), make_heritage_item(kind="world")
    stamp(early, utc(2020, 1, 1))
    stamp(late, utc(2022, 1, 1))
    stamp(make_event(), utc(2022, 1, 1))
    assert listed(client, set="heritage:world", **{"from": "2021-01-01"}) == {oai_id(late)}
