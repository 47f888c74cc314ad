"""The background worker: runs the archive's jobs (imports, undo, large exports), makes
photographs' renditions, every hour removes what abandoned uploads and finished jobs left
behind, and every BACKUP_EVERY_HOURS writes a backup.

`make run` and `make serve` start it beside the web server; on a server, run it as a
service of its own (several may run at once). With the database backend it is
django-tasks-db's `db_worker`, every queue; another backend (TASKS_BACKEND) brings its own
worker, and this command then only schedules the hourly clean-up."""

import contextlib
import logging
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DatabaseError, connections
from django.tasks import task_backends

from archive import tasks
from core.errors import DATABASE_DOWN

logger = logging.getLogger(__name__)
RECONNECT_SECONDS = 5


class Command(BaseCommand):
    help = "Run the background worker (imports, undo, exports, hourly clean-up)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch", action="store_true", help="Run the waiting tasks, then stop."
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds between looks at the queue."
        )

    def handle(self, *args, batch: bool, interval: float, verbosity: int, **options):
        """The worker, started again whenever the database goes away and comes back (a
        restart, a failover): a service manager need not notice the outage."""
        while True:
            try:
                return self._work(batch=batch, interval=interval, verbosity=verbosity)
            except DATABASE_DOWN as error:
                if batch:
                    raise
                logger.warning("Worker: the database is unreachable (%s); retrying", error)
                for connection in connections.all():
                    with contextlib.suppress(DatabaseError):
                        connection.close()  # a new one when it answers again
                time.sleep(RECONNECT_SECONDS)

    def _work(self, *, batch: bool, interval: float, verbosity: int) -> None:
        failed = tasks.fail_stale_jobs()
        if failed:
            self.stdout.write(f"{failed} job(s) left by a stopped worker marked failed.")
        self._schedule_clean_up()
        if not _on_the_database():
            self.stdout.write("The task backend is not the database: start its own worker.")
            return
        call_command(
            "db_worker",
            queue_name="*",
            batch=batch,
            interval=interval,
            reload=False,
            startup_delay=not batch,
            verbosity=verbosity,
        )

    def _schedule_clean_up(self) -> None:
        """One hourly clean-up, and one scheduled backup when BACKUP_EVERY_HOURS is set,
        wait in the queue, however many workers start."""
        periodic = [tasks.remove_abandoned_files]
        if settings.BACKUP_EVERY_HOURS:
            periodic.append(tasks.back_up_site)
        for periodic_task in periodic:
            if not _waiting(periodic_task):
                periodic_task.enqueue()


def _waiting(periodic_task) -> bool:
    if not _on_the_database():
        return False
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(status="READY", task_path=periodic_task.module_path)
    return waiting.exists()


def _on_the_database() -> bool:
    from django_tasks_db.backend import DatabaseBackend

    return isinstance(task_backends["default"], DatabaseBackend)
