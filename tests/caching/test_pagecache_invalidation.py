"""When the page cache stores a public page, when it serves it again, and when it must
forget it: each rule a visitor would notice if it broke (stale pages, a page meant for
one visitor shown to another, pages never cached)."""

import time

import pytest
from django.core.cache import caches
from django.http import HttpResponse
from django.test import Client
from django.urls import path
from django.utils import translation
from django.utils.cache import patch_vary_headers

from caching import nearcache, pagecache
from kzunesco_site.urls import urlpatterns as site_urlpatterns
from tests.factories import make_heritage_item

pytestmark = pytest.mark.django_db

LIST = "/en/heritage/"


def page_with_headers(request):
    """A plain public page with the headers its query asks for."""
    response = HttpResponse("<p>A page</p>")
    if "cache_control" in request.GET:
        response["Cache-Control"] = request.GET["cache_control"]
    if "vary" in request.GET:
        patch_vary_headers(response, request.GET["vary"].split(","))
    return response


def page_in_the_visitors_language(request):
    """A page outside the language prefixes, in the language the visitor asked for."""
    response = HttpResponse(f"<p>{translation.get_language()}</p>")
    patch_vary_headers(response, ["Accept-Language"])
    return response


urlpatterns = [
    path("page-with-headers/", page_with_headers),
    path("page-in-the-visitors-language/", page_in_the_visitors_language),
    *site_urlpatterns,
]


@pytest.fixture(autouse=True)
def page_cache(settings, fresh_generation):
    settings.PAGE_CACHE_SECONDS = 600


def cache_header(url: str, **query) -> str | None:
    return Client().get(url, query).get("X-Page-Cache")


def twice(url: str, **query) -> tuple[str | None, str | None]:
    return cache_header(url, **query), cache_header(url, **query)


@pytest.mark.parametrize(("length", "stored"), [(512, True), (513, False)])
def test_a_query_string_up_to_512_characters_is_cached_and_a_longer_one_is_not(length, stored):
    url = "/en/search/?q=" + "x" * (length - len("q="))
    assert twice(url) == (("miss", "hit") if stored else (None, None))


@pytest.mark.parametrize(
    ("cache_control", "stored"),
    [
        ("public, max-age=60", True),
        ("private", False),
        ("no-store", False),
        ("no-cache", False),
        ("Private, max-age=60", False),
    ],
)
def test_a_page_its_view_marks_private_or_not_to_be_stored_is_never_cached(
    settings, cache_control, stored
):
    settings.ROOT_URLCONF = __name__
    result = twice("/page-with-headers/", cache_control=cache_control)
    assert result == (("miss", "hit") if stored else (None, None))


@pytest.mark.parametrize(
    ("vary", "stored"),
    [
        ("Accept-Language", True),
        ("Accept-Language,Cookie", True),  # no cookie came, or the page would not be asked
        ("Cookie", True),
        ("User-Agent", False),
        ("Accept-Language,User-Agent", False),
        ("Accept-Encoding", False),
    ],
)
def test_a_page_that_differs_by_anything_but_the_language_is_never_cached(settings, vary, stored):
    settings.ROOT_URLCONF = __name__
    assert twice("/page-with-headers/", vary=vary) == (("miss", "hit") if stored else (None, None))


def test_the_state_file_may_be_in_a_folder_not_made_yet(settings, tmp_path):
    settings.PAGE_CACHE_STATE_FILE = tmp_path / "var" / "page-cache" / "state"
    make_heritage_item(name_en="Tamgaly petroglyphs")
    assert twice(LIST) == ("miss", "hit")
    assert settings.PAGE_CACHE_STATE_FILE.exists()


def test_with_the_state_in_the_cache_pages_are_served_from_it(settings):
    settings.PAGE_CACHE_STATE = "cache"
    make_heritage_item(name_en="Tamgaly petroglyphs")
    assert twice(LIST) == ("miss", "hit")


def test_a_cached_page_is_kept_for_page_cache_seconds_not_the_cache_default(settings, monkeypatch):
    """The state has no expiry of its own: were it to lapse with the cache's default
    timeout (5 minutes), every page would be thrown away with it."""
    settings.PAGE_CACHE_STATE = "cache"
    make_heritage_item(name_en="Tamgaly petroglyphs")
    assert twice(LIST) == ("miss", "hit")
    later = time.time() + 400  # past the default timeout, within PAGE_CACHE_SECONDS
    monkeypatch.setattr(time, "time", lambda: later)
    assert cache_header(LIST) == "hit"


@pytest.fixture
def redis_cache(settings, redis_url):
    settings.CACHES = {
        "default": {
            "BACKEND": "caching.backends.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "kzunesco-invalidation-test",
        }
    }
    settings.PAGE_CACHE_STATE = "cache"
    settings.PAGE_CACHE_WATCH_CHECK = 60
    caches["default"].clear()
    yield
    near = nearcache.near_copies(state_key=pagecache.STATE_KEY)
    if near is not None:
        near.close()
    caches["default"].clear()


def test_a_worker_serves_a_page_another_worker_stored_while_nothing_changed(redis_cache):
    make_heritage_item(name_en="Otrar")
    assert [cache_header(LIST) for _ in range(3)] == ["miss", "hit", "hit"]
    near = nearcache.near_copies(state_key=pagecache.STATE_KEY)
    assert near.state is not None  # this worker holds the state: nothing changed since
    near.pages.clear()  # the page is in Redis only, as if another worker had stored it
    assert cache_header(LIST) == "hit"


def test_a_cached_page_is_rendered_anew_after_page_cache_seconds(settings, monkeypatch):
    settings.PAGE_CACHE_SECONDS = 60
    make_heritage_item(name_en="Tamgaly petroglyphs")
    assert twice(LIST) == ("miss", "hit")
    later = time.time() + 61
    monkeypatch.setattr(time, "time", lambda: later)
    assert cache_header(LIST) == "miss"


def redis_commands(action) -> int:
    """How many commands Redis ran while ``action`` ran (less what asking costs)."""
    server = caches["default"]._cache.get_client()

    def processed() -> int:
        return server.info("stats")["total_commands_processed"]

    idle = -processed() + processed()
    before = processed()
    action()
    return processed() - before - idle


def test_a_page_a_worker_rendered_is_then_served_by_it_without_asking_redis(redis_cache):
    make_heritage_item(name_en="Otrar")
    assert [cache_header(LIST) for _ in range(3)] == ["miss", "hit", "hit"]  # state held
    assert cache_header("/en/timeline/") == "miss"
    assert redis_commands(lambda: cache_header("/en/timeline/")) == 0


def test_a_page_served_from_the_cache_has_the_headers_it_was_rendered_with(settings):
    """The same headers (but the nonce, fresh on every visit), its true length among them."""
    settings.ROOT_URLCONF = "tests.kzunesco_site.urls_with_nonce"  # its page carries a nonce
    make_heritage_item(name_en="Tamgaly petroglyphs")
    for url in (LIST, "/inline-script/"):
        first, second = Client().get(url), Client().get(url)
        assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
        assert second["Content-Length"] == str(len(second.content)) == first["Content-Length"]
        assert {name for name, _value in second.items()} == {name for name, _ in first.items()}


@pytest.mark.parametrize(("seconds", "cached"), [(0, False), (1, True)])
def test_page_cache_seconds_of_zero_turns_the_cache_off(settings, seconds, cached):
    settings.PAGE_CACHE_SECONDS = seconds
    make_heritage_item(name_en="Tamgaly petroglyphs")
    assert twice(LIST) == (("miss", "hit") if cached else (None, None))


def test_a_head_request_is_answered_from_the_cache_and_a_post_never_is():
    make_heritage_item(name_en="Tamgaly petroglyphs")
    assert twice(LIST) == ("miss", "hit")
    head = Client().head(LIST)
    assert head["X-Page-Cache"] == "hit" and head.content == b""
    post = Client().post(LIST)
    assert "X-Page-Cache" not in post and post.status_code == 405


def test_a_page_outside_the_language_prefixes_is_cached_per_language(settings):
    settings.ROOT_URLCONF = __name__
    url = "/page-in-the-visitors-language/"
    for language in ("kk", "ru", "kk", "ru"):
        response = Client().get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.content.decode() == f"<p>{language}</p>"
    assert response["X-Page-Cache"] == "hit"
