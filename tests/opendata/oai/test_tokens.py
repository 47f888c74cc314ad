"""Resumption tokens: stateless and signed, with a keyset cursor, so that a harvest
during which records are edited, published and deleted skips no record that was there
when it began, never loops, and leaves records created after it began to the next
incremental harvest (from the first response's date)."""

import datetime
import time

import pytest
from django.core import signing

from core.models import Status
from editorial.services import set_status
from heritage.models import HeritageItem
from tests.factories import make_event, make_heritage_item, make_publication

from .helpers import NS, ask, harvest, oai_id, stamp, utc, values

pytestmark = pytest.mark.django_db

LIST = {"verb": "ListRecords", "metadataPrefix": "oai_dc"}


@pytest.fixture
def five(settings):
    settings.OAI_PAGE_SIZE = 2
    records = [make_heritage_item(), make_event(), make_publication(), make_event()]
    records.append(make_heritage_item())
    for day, record in enumerate(records, 1):
        stamp(record, utc(2020, 1, day))
    return records


def test_pages_carry_cursor_size_expiry_and_the_last_an_empty_token(client, five, settings):
    settings.OAI_RESUMPTION_TOKEN_SECONDS = 3600
    answers, names = harvest(client, **LIST)
    assert names == [oai_id(record) for record in five]
    tokens = [answer.token for answer in answers]
    assert [(t.get("cursor"), t.get("completeListSize")) for t in tokens] == [
        ("0", "5"),
        ("2", "5"),
        ("4", "5"),
    ]
    assert tokens[0].text and tokens[1].text and not tokens[2].text
    assert tokens[2].get("expirationDate") is None  # nothing to expire
    date = datetime.datetime.fromisoformat(
        answers[0].root.findtext("oai:responseDate", namespaces=NS)
    )
    expiry = datetime.datetime.fromisoformat(tokens[0].get("expirationDate"))
    assert expiry - date == datetime.timedelta(hours=1)
    # The token stands for the whole request: nothing else is echoed with it.
    assert answers[1].request.attrib == {"verb": "ListRecords", "resumptionToken": tokens[0].text}


def test_a_token_keeps_the_requests_arguments(client, five):
    world = [make_heritage_item(kind="world") for _ in range(3)]
    for record in world:
        stamp(record, utc(2021, 6, 1))
    _answers, names = harvest(
        client,
        verb="ListIdentifiers",
        metadataPrefix="oai_dc",
        set="heritage:world",
        **{"from": "2021-01-01"},
    )
    assert sorted(names) == sorted(oai_id(record) for record in world)


def first_token(client, **params) -> str:
    return ask(client, **{**LIST, **params}).token.text


def test_expired_changed_and_foreign_tokens_are_refused(client, five, settings, monkeypatch):
    token = first_token(client)
    assert ask(client, verb="ListRecords", resumptionToken=token).error is None

    def refused(candidate, verb="ListRecords"):
        answer = ask(client, verb=verb, resumptionToken=candidate)
        assert answer.request.attrib == {"verb": verb, "resumptionToken": candidate}
        return answer.error == "badResumptionToken"

    payload, _sep, signature = token.rpartition(":")
    changed = token[:5] + ("A" if token[5] != "A" else "B") + token[6:]
    assert refused(changed)
    assert refused(payload + ":" + signature[::-1])
    assert refused("not-a-token")
    assert refused(token, verb="ListIdentifiers")  # another verb's list
    # Signed by another site (another secret key) or for another repository.
    ours = settings.SECRET_KEY
    settings.SECRET_KEY = "another-site-" * 5
    assert refused(first_token(client)) is False  # that site's own token is good there
    foreign = first_token(client)
    settings.SECRET_KEY = ours
    assert refused(foreign)
    settings.OAI_REPOSITORY_IDENTIFIER = "other.example.org"
    other = first_token(client)
    del settings.OAI_REPOSITORY_IDENTIFIER
    assert refused(other)
    # Expired: issued longer ago than its lifetime.
    settings.OAI_RESUMPTION_TOKEN_SECONDS = 60
    real = time.time
    monkeypatch.setattr(signing.time, "time", lambda: real() - 61)
    old = first_token(client)
    monkeypatch.setattr(signing.time, "time", real)
    assert refused(old)
    assert not refused(first_token(client))


def test_changes_during_a_harvest(client, settings):
    """Pages of two; between the first and the second page records are edited, published,
    unpublished, deleted and created."""
    settings.OAI_PAGE_SIZE = 2
    a, b, c, d, e = (make_heritage_item(name_en=name) for name in "ABCDE")
    g = make_event(title_en="G", status=Status.DRAFT)
    for day, record in enumerate((a, b, c, d, e, g), 1):
        stamp(record, utc(2020, 1, day))

    first = ask(client, **LIST)
    assert first.identifiers == [oai_id(a), oai_id(b)]
    began = first.root.findtext("oai:responseDate", namespaces=NS)

    a.name_en = "A, edited after it was harvested"
    a.save()
    c.name_en = "C, edited before it was harvested"
    c.save()
    d_name = oai_id(d)
    d.delete()
    set_status(queryset=HeritageItem.objects.filter(pk=b.pk), status=Status.DRAFT)
    set_status(queryset=type(g).objects.filter(pk=g.pk), status=Status.PUBLISHED)
    h = make_publication(title_en="H, created after the harvest began")

    answers = [first]
    while answers[-1].token is not None and answers[-1].token.text:
        assert len(answers) < 5  # it ends
        answers.append(ask(client, verb="ListRecords", resumptionToken=answers[-1].token.text))

    final = {}  # what the harvester holds: each record's latest state
    for answer in answers:
        for name, dc in answer.records().items():
            final[name] = None if dc is None else values(dc, "title")[0][0]
    assert final == {
        oai_id(a): "A, edited after it was harvested",
        oai_id(b): None,  # unpublished during the harvest: reported deleted
        oai_id(c): "C, edited before it was harvested",  # not skipped
        d_name: None,  # deleted before it was harvested: reported deleted
        oai_id(e): "E",
        oai_id(g): "G",  # published during the harvest, created before it began
    }
    assert oai_id(h) not in final  # created after the harvest began: the next one's

    _answers, since = harvest(client, **LIST, **{"from": began})
    assert set(since) == {oai_id(r) for r in (a, b, c, g, h)} | {d_name}


def test_a_harvest_never_loops_while_records_keep_changing(client, five):
    answers = [ask(client, **LIST)]
    while answers[-1].token is not None and answers[-1].token.text:
        five[0].save()  # a harvested record changes between every page
        answers.append(ask(client, verb="ListRecords", resumptionToken=answers[-1].token.text))
        assert len(answers) < 10
    names = [name for answer in answers for name in answer.identifiers]
    assert set(names) == {oai_id(record) for record in five}


def test_tokens_hold_no_state_on_the_server(client, five):
    """The same token read twice gives the same page (idempotent)."""
    token = first_token(client)
    once = ask(client, verb="ListRecords", resumptionToken=token)
    again = ask(client, verb="ListRecords", resumptionToken=token)
    assert once.identifiers == again.identifiers == [oai_id(r) for r in five[2:4]]


@pytest.mark.parametrize("size", [1, 2, 3])
def test_records_changed_at_the_same_moment_are_each_listed_once(client, settings, size):
    """Ties of datestamp across apps and within one are broken by app, then key."""
    settings.OAI_PAGE_SIZE = size
    records = [make_publication(), make_heritage_item(), make_event(), make_heritage_item()]
    records.append(make_publication())
    for record in records:
        stamp(record, utc(2022, 2, 2, 2, 2, 2, 222_222))
    _answers, names = harvest(client, **LIST)
    order = {"heritage": 0, "timeline": 1, "publications": 2}

    def place(record):
        spec, _slash, pk = oai_id(record).rpartition(":")[2].partition("/")
        return order[spec], int(pk)

    assert names == [oai_id(record) for record in sorted(records, key=place)]
