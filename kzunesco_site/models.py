"""Abstract building blocks shared by every public record."""

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class SlugModel(models.Model):
    """A record whose slug is its stable natural key across databases and files."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=False)

    class Meta:
        abstract = True

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class Provenance(models.Model):
    """Where a fact comes from: the source document, its own wording, and notes
    on what was corrected or added from general knowledge."""

    source_document = models.ForeignKey(
        "publications.Publication",
        verbose_name=_("source document"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    source_passage = models.TextField(
        _("source passage"), blank=True, help_text=_("The document's own wording.")
    )
    source_note = models.TextField(
        _("source note"),
        blank=True,
        help_text=_("What differs from the document (transcription slips) and why."),
    )
    added_fields = models.JSONField(
        _("fields added from general knowledge"),
        default=list,
        blank=True,
        help_text=_("Names of fields whose values the source documents do not give."),
    )

    class Meta:
        abstract = True

    def added_field_labels(self) -> list[str]:
        """The added fields as people read them: "title (Russian)", not "title_ru"."""
        labels = []
        for name in self.added_fields:
            base, _sep, code = name.rpartition("_")
            if base and code in settings.MODELTRANSLATION_LANGUAGES:
                language = get_language_info(code)["name_translated"]
                labels.append(f"{self._label(base)} ({language})")
            else:
                labels.append(self._label(name))
        return labels

    def _label(self, name: str) -> str:
        try:
            return str(self._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            return name


class Located(models.Model):
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    class Meta:
        abstract = True

    @property
    def map_url(self) -> str:
        """The place on OpenStreetMap (a link for readers, not an embedded asset)."""
        if self.latitude is None or self.longitude is None:
            return ""
        return (
            f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
            f"#map=13/{self.latitude}/{self.longitude}"
        )


class PublicRecord(SlugModel, Provenance):
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED
