"""A write that commits as the database goes away still throws the cached pages away."""

import time

import pytest
from django.db import OperationalError

from caching import pagecache

pytestmark = pytest.mark.django_db


def test_a_new_generation_starts_even_when_scheduled_publications_cannot_be_read(
    settings, tmp_path, monkeypatch
):
    settings.PAGE_CACHE_STATE_FILE = str(tmp_path / "state")
    before = pagecache.current_state()

    def database_gone():
        raise OperationalError("terminating connection due to administrator command")

    monkeypatch.setattr(pagecache, "_next_scheduled_publication", database_gone)
    after = pagecache._start_new_generation()
    assert after.generation != before.generation
    assert pagecache.current_state().generation == after.generation
    # Scheduled publications are looked up again shortly, once the database answers.
    assert time.time() < after.next_change <= time.time() + pagecache.RETRY_SCHEDULE_SECONDS
