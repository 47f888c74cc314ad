"""The archive's own records: the import ledger and saved column mappings. Their tables
keep the names they had when they belonged to the ``kzunesco_site`` app."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from archive.mapping import Mapping
from archive.readers import FileError

# Who may import, export and undo imports (the Archivist role and whoever holds it).
IMPORT_PERMISSION = "archive.import_records"


class ImportStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    UNDONE = "undone", _("Undone")


class MappingProfile(models.Model):
    """A saved column mapping for spreadsheets of one origin (mapping.json format)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    model_label = models.CharField(_("model"), max_length=100)
    mapping = models.JSONField(_("mapping"), default=dict)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        db_table = "kzunesco_site_mappingprofile"
        ordering = ["name"]
        verbose_name = _("mapping profile")
        verbose_name_plural = _("mapping profiles")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        try:
            Mapping.from_dict(self.mapping)
        except FileError as error:
            raise ValidationError({"mapping": str(error)}) from None


class ImportRecord(models.Model):
    """The ledger: one entry per import, with what undoing it needs."""

    model_label = models.CharField(_("model"), max_length=100)
    file_name = models.CharField(_("file name"), max_length=300)
    file_format = models.CharField(_("format"), max_length=8)
    encoding = models.CharField(
        _("read as"), max_length=20, blank=True, help_text=_("How a text file was decoded.")
    )
    checksum = models.CharField(_("SHA-256"), max_length=64)
    profile = models.ForeignKey(
        MappingProfile,
        verbose_name=_("mapping profile"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Who ran import_data without --user: the operating system's account.
    system_user = models.CharField(_("system account"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    new = models.PositiveIntegerField(_("new"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    filtered_out = models.PositiveIntegerField(_("left out by filters"), default=0)
    status = models.CharField(
        _("status"), max_length=16, choices=ImportStatus.choices, default=ImportStatus.APPLIED
    )
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("undone by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    undo_data = models.JSONField(_("undo data"), default=dict, editable=False)
    # As it was used (a profile may be edited later); null for imports made before it was kept.
    mapping = models.JSONField(_("how the file was read"), null=True, blank=True)

    class Meta:
        db_table = "kzunesco_site_importrecord"
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("import ledger")
        permissions = [("import_records", _("Can import spreadsheets"))]

    def __str__(self) -> str:
        when = timezone.localtime(self.created_at)
        return f"{self.file_name} → {self.model_label} ({when:%Y-%m-%d %H:%M})"


from archive.jobs import Job  # noqa: E402, F401  (the model, in its own module)
