"""With the page cache's state in Redis, a worker serves the pages it holds without asking
Redis, and stops the moment Redis says the state changed or the connection that would say
so is gone (caching/nearcache.py)."""

import pickle

import pytest
import redis
from django.core.cache import caches

from caching import nearcache, pagecache
from heritage.models import HeritageItem
from tests.caching.test_pagecache import (
    LIST,
    assert_a_scheduled_record_appears_when_its_time_comes,
    visit,
)
from tests.factories import make_heritage_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def server(settings, redis_url):
    """Redis as the page cache's home; a client of the test's own, standing for Redis
    itself and for other app servers."""
    settings.CACHES = {
        "default": {
            "BACKEND": "caching.backends.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "kzunesco-near-test",
        }
    }
    settings.PAGE_CACHE_STATE = "cache"
    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_CACHE_WATCH_CHECK = 60
    caches["default"].clear()
    yield redis.Redis.from_url(redis_url)
    near = nearcache.near_copies(state_key=pagecache.STATE_KEY)
    if near is not None:
        near.close()
    caches["default"].clear()


def commands_during(server: redis.Redis, action) -> int:
    """How many commands Redis ran, from anyone, while ``action`` ran."""

    def processed() -> int:
        return server.info("stats")["total_commands_processed"]

    idle = -processed() + processed()  # what asking costs by itself
    before = processed()
    result = action()
    return processed() - before - idle, result


def state_key() -> str:
    return caches["default"].make_and_validate_key(pagecache.STATE_KEY)


def tracking_connection_id(server: redis.Redis) -> int:
    port = nearcache.near_copies(state_key=pagecache.STATE_KEY).connection._sock.getsockname()[1]
    (client,) = [c for c in server.client_list() if c["addr"].endswith(f":{port}")]
    assert "t" in client["flags"] and "B" in client["flags"]  # tracking, broadcast
    return int(client["id"])


def test_a_page_the_worker_holds_is_served_without_asking_redis(server):
    make_heritage_item(name_en="Tamgaly petroglyphs")
    assert visit(LIST)[0]["X-Page-Cache"] == "miss"
    # That visit started a generation, a write Redis announces to this worker as well:
    # one more reads it back.
    assert commands_during(server, lambda: visit(LIST))[0] == 1
    commands, (response, html) = commands_during(server, lambda: visit(LIST))
    assert response["X-Page-Cache"] == "hit" and "Tamgaly petroglyphs" in html
    assert commands == 0


def test_a_page_another_worker_stored_is_fetched_once_then_held(server):
    make_heritage_item(name_en="Otrar")
    visit(LIST)
    nearcache.near_copies(state_key=pagecache.STATE_KEY).pages.clear()  # as in another worker
    commands, (response, _html) = commands_during(server, lambda: visit(LIST))
    assert response["X-Page-Cache"] == "hit" and commands == 1
    assert commands_during(server, lambda: visit(LIST))[0] == 0


def test_a_change_written_by_another_app_server_is_seen_at_the_next_request(server):
    item = make_heritage_item(name_en="Before")
    visit(LIST)
    assert visit(LIST)[0]["X-Page-Cache"] == "hit"
    HeritageItem.objects.filter(pk=item.pk).update(name_en="After")
    server.set(state_key(), pickle.dumps("0123456789abcdef"))  # a generation of its own
    response, html = visit(LIST)
    assert response["X-Page-Cache"] == "miss" and "After" in html


def test_a_flushed_redis_is_seen_at_the_next_request(server):
    item = make_heritage_item(name_en="Before the flush")
    visit(LIST)
    HeritageItem.objects.filter(pk=item.pk).update(name_en="After the flush")
    server.flushdb()
    response, html = visit(LIST)
    assert response["X-Page-Cache"] == "miss" and "After the flush" in html


def test_a_worker_whose_tracking_connection_is_gone_trusts_nothing_it_holds(server):
    item = make_heritage_item(name_en="Before")
    visit(LIST)
    assert visit(LIST)[0]["X-Page-Cache"] == "hit"
    server.client_kill_filter(_id=tracking_connection_id(server))
    # A change nobody can announce to this worker any more:
    HeritageItem.objects.filter(pk=item.pk).update(name_en="After")
    server.delete(state_key())
    response, html = visit(LIST)
    assert response["X-Page-Cache"] == "miss" and "After" in html
    assert visit(LIST)[0]["X-Page-Cache"] == "hit"  # a new connection, held again
    tracking_connection_id(server)


def test_the_connection_is_proved_alive_at_the_set_interval(server, settings):
    settings.PAGE_CACHE_WATCH_CHECK = 0
    make_heritage_item(name_en="Checked")
    visit(LIST)
    commands, (response, _html) = commands_during(server, lambda: visit(LIST))
    assert response["X-Page-Cache"] == "hit" and commands == 1  # the PING


def test_a_worker_holds_a_bounded_number_of_pages(server, settings):
    settings.PAGE_CACHE_LOCAL_PAGES = 2
    make_heritage_item(name_en="Bounded")
    for url in (LIST, "/en/timeline/", "/en/publications/", LIST):
        visit(url)
    held = nearcache.near_copies(state_key=pagecache.STATE_KEY).pages
    assert len(held) == 2
    assert commands_during(server, lambda: visit(LIST))[0] == 0  # the latest are kept


def test_a_scheduled_record_appears_when_its_time_comes(server):
    assert_a_scheduled_record_appears_when_its_time_comes()
