"""The background worker outlives a database restart: it waits and starts again."""

import pytest
from django.core.management import call_command
from django.db import OperationalError

from archive.management.commands import run_worker

pytestmark = pytest.mark.django_db


def test_the_worker_waits_for_the_database_and_goes_on(monkeypatch):
    events = []

    def work(self, **options):
        events.append("work")
        if events.count("work") < 3:
            raise OperationalError("the database system is shutting down")

    monkeypatch.setattr(run_worker.Command, "_work", work)
    monkeypatch.setattr(run_worker.time, "sleep", lambda seconds: events.append(seconds))
    call_command("run_worker", verbosity=0)
    wait = run_worker.RECONNECT_SECONDS
    assert events == ["work", wait, "work", wait, "work"]


def test_a_batch_run_stops_on_the_error_instead_of_waiting(monkeypatch):
    def work(self, **options):
        raise OperationalError("connection refused")

    monkeypatch.setattr(run_worker.Command, "_work", work)
    with pytest.raises(OperationalError):
        call_command("run_worker", batch=True, verbosity=0)
