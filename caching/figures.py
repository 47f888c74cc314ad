"""The keeper of core/figures.py: a figure is computed once for each generation of the
public pages' cache and kept in Django's default cache beside the pages (Redis, or each
worker's memory) with the generation it was computed in, so a change that starts a new
generation (pagecache.py) is the end of the figures computed before it. Off while
FIGURES_CACHE_SECONDS is 0 (the tests), and computed as if off whenever the cache or the
state cannot be read."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError

from caching.pagecache import state_and_entry

logger = logging.getLogger(__name__)


def keep(key: str, compute):
    if settings.FIGURES_CACHE_SECONDS <= 0:
        return compute()
    stored_key = f"figures:{key}"
    try:
        state, stored = state_and_entry(stored_key)
    except DatabaseError:
        raise  # the page answers 503, as it would without the cache
    except Exception:  # Redis or the state file unreachable: the figure, computed
        logger.warning("Figures cache unavailable; computing %s", key, exc_info=True)
        return compute()
    if stored is not None and stored[0] == state.generation:
        return stored[1]
    value = compute()
    try:
        cache.set(stored_key, (state.generation, value), settings.FIGURES_CACHE_SECONDS)
    except Exception:
        logger.warning("Figures cache unavailable; %s not kept", key, exc_info=True)
    return value
