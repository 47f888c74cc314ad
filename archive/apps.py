from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "archive"
    verbose_name = _("Archive")

    def ready(self) -> None:
        from django.contrib import admin

        from archive.admin import add_archive_to_admins

        add_archive_to_admins(admin.site)
        # The task queue's own rows are shown as the archive's background jobs, with
        # their progress and result in words; the raw queue stays out of the admin.
        from django_tasks_db.models import DBTaskResult

        if admin.site.is_registered(DBTaskResult):
            admin.site.unregister(DBTaskResult)
