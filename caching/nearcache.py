"""Each worker's own copy of the page cache's state, and of the pages it served, kept
for as long as Redis says the state has not changed.

With the state in Redis, every hit cost a round trip to it: 100–250 µs on a loopback,
as much as a whole hello-world request. Redis's tracking for client-side caching
(``CLIENT TRACKING … BCAST PREFIX``, RESP3; Redis 6 and later) pushes a message down a
connection each worker keeps open whenever the state's key is written, deleted, evicted
or flushed, by any app server. Until such a message arrives the worker's copy is the
state, and a page it holds of that generation is served without asking Redis. To know
whether a message came, the worker polls that connection's socket (no round trip). Redis
sends it in the same turn of its event loop as its reply to the write, which the
publishing request waits for: a page request that starts after a publish has finished
finds the message waiting.

Anything unexpected on that connection (closed, reset, a timeout) drops the copies; the
next request reads Redis as before and opens a new one. Every PAGE_CACHE_WATCH_CHECK
seconds a PING down it proves it still carries messages: Redis answers after any message
it sent before. redis-py's own client-side caching would do this, but it refuses Redis
older than 7.4, and Debian 12 ships 7.0.
"""

import logging
import os
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import caches

from caching.backends import RedisCache

logger = logging.getLogger(__name__)

RETRY_AFTER = 30.0  # seconds before another try at tracking after Redis refused it
TIMEOUT = 1.0  # seconds to wait for Redis on the tracking connection


class NearCopies:
    """The state and pages one worker process may serve without a round trip."""

    def __init__(self, *, cache: RedisCache, state_key: str):
        self.cache = cache
        self.state_key = cache.make_and_validate_key(state_key)
        self.pid = os.getpid()
        self.connection = None
        self.state = None
        self.pages: OrderedDict[str, tuple[float, tuple]] = OrderedDict()
        self.checked_at = 0.0
        self.retry_at = 0.0

    def current_state(self):
        """The state as last read, if Redis has not said since that it changed; else None."""
        if self.connection is None:
            return None
        try:
            if self.connection.can_read(timeout=0):
                self._drain()
            elif self.state and self._check_due():
                self._check()
        except Exception:  # noqa: BLE001 - whatever it was, the copies can no longer be trusted
            logger.info("Page cache: tracking connection lost", exc_info=True)
            self.close()
        return self.state

    def watch(self) -> None:
        """Open the tracking connection if none is open. Call before reading the state, so
        that a change after the read is announced."""
        if self.connection is not None or time.monotonic() < self.retry_at:
            return
        try:
            connection = self.cache.new_connection(protocol=3, timeout=TIMEOUT)
        except Exception:  # noqa: BLE001 - unreachable: the request's own read will say so
            return
        try:
            connection.send_command("CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", self.state_key)
            connection.read_response()
        except Exception:  # noqa: BLE001 - an old Redis, or a proxy that forbids CLIENT
            logger.warning("Page cache: no tracking from Redis; asking it on every hit")
            connection.disconnect()
            self.retry_at = time.monotonic() + RETRY_AFTER
            return
        self.connection, self.checked_at = connection, time.monotonic()

    def remember_state(self, state) -> None:
        if self.connection is not None:
            self.state = state

    def page(self, key: str, generation: str) -> tuple | None:
        found = self.pages.get(key)
        if found is None:
            return None
        expires_at, entry = found
        if entry[0] != generation or time.monotonic() >= expires_at:
            del self.pages[key]
            return None
        self.pages.move_to_end(key)
        return entry

    def remember_page(self, key: str, entry: tuple) -> None:
        if self.state is None or entry[0] != self.state.generation:
            return
        self.pages[key] = (time.monotonic() + settings.PAGE_CACHE_SECONDS, entry)
        self.pages.move_to_end(key)
        while len(self.pages) > settings.PAGE_CACHE_LOCAL_PAGES:
            self.pages.popitem(last=False)

    def close(self) -> None:
        connection, self.connection = self.connection, None
        if connection is not None:
            connection.disconnect()
        self._forget()

    def _forget(self) -> None:
        self.state = None
        self.pages.clear()

    def _drain(self) -> None:
        """Messages came: the state changed (or Redis went away, which raises)."""
        while self.connection.can_read(timeout=0):
            self.connection.read_response(push_request=True)
        self._forget()

    def _check_due(self) -> bool:
        return time.monotonic() - self.checked_at >= settings.PAGE_CACHE_WATCH_CHECK

    def _check(self) -> None:
        self.connection.send_command("PING")
        changed = False
        while (reply := self.connection.read_response(push_request=True)) is None:
            changed = True  # an invalidation message, sent before the answer
        if reply not in (b"PONG", "PONG"):
            raise ConnectionError(f"unexpected answer to PING: {reply!r}")
        if changed:
            self._forget()
        self.checked_at = time.monotonic()


_local = threading.local()


def near_copies(*, state_key: str) -> NearCopies | None:
    """This thread's copies, when the page cache keeps its state in Redis. Each thread has
    its own (a connection is not to be shared), and so has a process forked from another
    (gunicorn's workers)."""
    cache = caches["default"]
    if not isinstance(cache, RedisCache) or settings.PAGE_CACHE_LOCAL_PAGES <= 0:
        return None
    near = getattr(_local, "near", None)
    if near is None or near.pid != os.getpid() or near.cache is not cache:
        if near is not None and near.pid == os.getpid():
            near.close()  # settings changed (tests); a forked child leaves its parent's be
        near = _local.near = NearCopies(cache=cache, state_key=state_key)
    return near
