from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "opendata"
    verbose_name = _("Open data")

    def ready(self):
        post_migrate.connect(install_oai_stamps, sender=self)


def install_oai_stamps(using: str, **kwargs) -> None:
    """The triggers that keep OAI-PMH's datestamps, after every migrate and flush: SQLite
    drops them with a table a migration rebuilds (opendata/oai/stamps.py)."""
    from opendata.oai import records, stamps

    stamps.install(using=using, sources=[(s.spec, s.model) for s in records.SOURCES])
