from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Status


class OaiStamp(models.Model):
    """A record as OAI-PMH lists it: when it last changed for a harvester (its datestamp)
    and copies of what decides whether it is listed (status, publish time, creation, a
    heritage item's kind), so that a page of a list and its count read this table's index
    alone. One row a record of every source; written by the database alone, by the
    triggers of ``opendata/oai/stamps.py``, so that every write path keeps it (admin,
    import, undo, revert, a region's rename)."""

    source = models.CharField(_("source"), max_length=16)
    record_id = models.BigIntegerField(_("record"))
    stamp = models.DateTimeField(_("datestamp"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    publish_at = models.DateTimeField(_("publish at"), null=True)
    created_at = models.DateTimeField(_("created"))
    kind = models.CharField(_("kind"), max_length=16, blank=True)

    class Meta:
        verbose_name = _("OAI-PMH datestamp")
        verbose_name_plural = _("OAI-PMH datestamps")
        constraints = [
            models.UniqueConstraint(fields=["source", "record_id"], name="oai_stamp_a_record"),
        ]
        indexes = [
            models.Index(
                fields=[
                    "source",
                    "stamp",
                    "record_id",
                    "status",
                    "publish_at",
                    "created_at",
                    "kind",
                ],
                name="oai_stamp_order",
            )
        ]

    def __str__(self):
        return f"{self.source}/{self.record_id} {self.stamp:%Y-%m-%dT%H:%M:%SZ}"
