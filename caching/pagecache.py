"""Anonymous public pages, cached per language and thrown away whenever content changes.

Every cache key carries the current *generation*. Publishing, editing, importing, undoing
or restoring content starts a new one (``invalidate_public_pages``) once its transaction
commits, so a page rendered from the old content is never served again. Records scheduled
with ``publish_at`` start one on their own: the state also holds the time of the next
scheduled publication, and the first request after that time starts a new generation.

The state lives where every process serving the site sees it: in Redis when REDIS_URL is
set (shared by every app server), otherwise in a small file (shared by the worker
processes of one server). Pages themselves are in Django's default cache; with Redis,
each worker also holds the state and the pages it served for as long as Redis reports no
change to the state (nearcache.py).
"""

import hashlib
import logging
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models import Min
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.csp import generate_nonce

from caching.nearcache import near_copies

logger = logging.getLogger(__name__)

STATE_KEY = "pagecache:state"
NONCE_PLACEHOLDER = b"__kzunesco-csp-nonce__"
MAX_QUERY_STRING = 512
HEADER = "X-Page-Cache"
RETRY_SCHEDULE_SECONDS = 30


@dataclass(frozen=True)
class State:
    generation: str
    next_change: float | None  # when the next scheduled record goes public (Unix time)

    def encode(self) -> str:
        return f"{self.generation} {self.next_change or ''}".strip()

    @classmethod
    def decode(cls, text: str) -> "State":
        generation, _, next_change = text.partition(" ")
        return cls(generation, float(next_change) if next_change else None)

    @property
    def expired(self) -> bool:
        return self.next_change is not None and time.time() >= self.next_change


def invalidate_public_pages() -> None:
    """Forget every cached public page once the current transaction commits (at once
    outside a transaction). If the cache cannot be reached the change stands and the
    failure is logged; the cache also steps aside while it is unreachable."""
    transaction.on_commit(_start_new_generation, robust=True)


def current_state() -> State:
    state = _read_state()
    if state is None or state.expired:
        state = _start_new_generation()
    return state


def _start_new_generation() -> State:
    try:
        next_change = _next_scheduled_publication()
    except DatabaseError:
        # A write that committed as the database went away: its pages must still go. The
        # scheduled publications are looked up again shortly, once it answers.
        logger.warning("Page cache: no database to read scheduled publications from")
        next_change = time.time() + RETRY_SCHEDULE_SECONDS
    state = State(generation=secrets.token_hex(8), next_change=next_change)
    _write_state(state)
    return state


def _next_scheduled_publication() -> float | None:
    from core.models import PublicRecord

    moments = [
        model.objects.scheduled().aggregate(first=Min("publish_at"))["first"]
        for model in apps.get_models()
        if issubclass(model, PublicRecord)
    ]
    moments = [moment for moment in moments if moment is not None]
    return min(moments).timestamp() if moments else None


def _read_state() -> State | None:
    if settings.PAGE_CACHE_STATE == "cache":
        text = cache.get(STATE_KEY)
    else:
        try:
            text = Path(settings.PAGE_CACHE_STATE_FILE).read_text()
        except FileNotFoundError:
            text = None
    return State.decode(text) if text else None


def _write_state(state: State) -> None:
    if settings.PAGE_CACHE_STATE == "cache":
        cache.set(STATE_KEY, state.encode(), timeout=None)
        return
    path = Path(settings.PAGE_CACHE_STATE_FILE)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    partial.write_text(state.encode())
    partial.replace(path)  # atomic: a reader sees the old state or the new one


def state_and_entry(key: str) -> tuple[State, tuple | None]:
    """The current state and what the cache holds under ``key``: one round trip where the
    state is in the cache (the pages' and the kept figures' lookups, caching/figures.py)."""
    if settings.PAGE_CACHE_STATE != "cache":
        return current_state(), cache.get(key)
    return _fetch_state_and_page(key)


def _fetch_state_and_page(key: str) -> tuple[State, tuple | None]:
    """From the cache in one round trip (a new generation if there is none or it expired)."""
    found = cache.get_many([STATE_KEY, key])
    text = found.get(STATE_KEY)
    state = State.decode(text) if text else None
    if state is None or state.expired:
        state = _start_new_generation()
    return state, found.get(key)


class PublicPageCacheMiddleware:
    """Serves anonymous GET and HEAD requests from the cache. A request with a session
    cookie (staff, previews) always gets a fresh page; the admin and media are never
    cached, nor is a response that is not a plain 200 for everyone (cookies, private or
    no-store, Vary beyond the language).

    It sits right after LocaleMiddleware: a hit skips everything after it (CSRF,
    authentication, messages, history, the CSP middleware…), so the headers those add are
    stored with the page, and the CSP nonce, in the header and in the page alike, is
    replaced by a fresh one on every hit. At most one cache round trip per request: the
    state and the page are fetched together (none for a page a worker holds while Redis
    reports no change), and a page of an older generation is a miss."""

    def __init__(self, get_response):
        self.get_response = get_response
        # The admin, media and OAI-PMH (never cached: harvesters must see every change).
        self.skipped_prefixes = (
            reverse("admin:index"),
            settings.MEDIA_URL,
            reverse("oai:endpoint"),
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = self._key(request)
        if key is None:
            return self.get_response(request)
        try:
            state, stored = self._lookup(key)
        except DatabaseError:  # the view will answer 503; nothing to cache
            return self.get_response(request)
        except Exception:  # Redis or the state file unreachable: serve, uncached
            logger.warning("Page cache unavailable; serving without it", exc_info=True)
            return self.get_response(request)
        if stored is not None and stored[0] == state.generation:
            return self._replay(stored)
        response = self.get_response(request)
        if request.method == "GET" and self._cacheable(request, response):
            entry = (state.generation, *self._freeze(request, response))
            try:
                cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
                if near := near_copies(state_key=STATE_KEY):
                    near.remember_page(key, entry)
            except Exception:
                logger.warning("Page cache unavailable; page not stored", exc_info=True)
                return response
            response[HEADER] = "miss"
        return response

    def _key(self, request: HttpRequest) -> str | None:
        if (
            settings.PAGE_CACHE_SECONDS <= 0
            or request.method not in ("GET", "HEAD")
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or request.path.startswith(self.skipped_prefixes)
            or len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING
        ):
            return None
        page = "|".join(
            (
                getattr(request, "LANGUAGE_CODE", ""),
                request.scheme,
                request.get_host(),
                request.get_full_path(),
            )
        )
        return "pagecache:page:" + hashlib.sha256(page.encode()).hexdigest()

    @staticmethod
    def _lookup(key: str) -> tuple[State, tuple | None]:
        near = near_copies(state_key=STATE_KEY) if settings.PAGE_CACHE_STATE == "cache" else None
        if near is None:
            return state_and_entry(key)
        state = near.current_state()
        if state is not None and not state.expired:
            if (stored := near.page(key, state.generation)) is not None:
                return state, stored
            stored = cache.get(key)
        else:
            near.watch()  # before reading the state, so that a change after it is announced
            state, stored = _fetch_state_and_page(key)
            near.remember_state(state)
        if stored is not None:
            near.remember_page(key, stored)
        return state, stored

    @staticmethod
    def _cacheable(request: HttpRequest, response: HttpResponse) -> bool:
        cache_control = response.get("Cache-Control", "").lower()
        vary = {value.strip().lower() for value in response.get("Vary", "").split(",")}
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
            and vary <= {"", "accept-language", "cookie"}  # cookie: only when there is none
        )

    @staticmethod
    def _freeze(request: HttpRequest, response: HttpResponse) -> tuple:
        content, headers = response.content, list(response.items())
        nonce = getattr(request, "_csp_nonce", None)
        if nonce:  # generated, so the page and the CSP header use it
            nonce = str(nonce)
            content = content.replace(nonce.encode(), NONCE_PLACEHOLDER)
            placeholder = NONCE_PLACEHOLDER.decode()
            headers = [(name, value.replace(nonce, placeholder)) for name, value in headers]
        return response.status_code, headers, content

    @staticmethod
    def _replay(stored: tuple) -> HttpResponse:
        _generation, status, headers, content = stored
        placeholder = NONCE_PLACEHOLDER.decode()
        if any(placeholder in value for _name, value in headers):
            nonce = generate_nonce()
            content = content.replace(NONCE_PLACEHOLDER, nonce.encode())
            headers = [(name, value.replace(placeholder, nonce)) for name, value in headers]
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        if "Content-Length" in response:
            response["Content-Length"] = str(len(content))
        response[HEADER] = "hit"
        return response
