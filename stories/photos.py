"""A story's photographs, its lead image and each section's: credited as heritage
photographs are (photographer, licence, source: heritage/images.py), shown through the same
includes (includes/picture.html, includes/photo_credit.html) and scaled into the same
renditions, made by the worker. A photograph is optional; once there is one, its
alternative text in every language, its photographer, licence and source are required."""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from heritage.images import LICENCE_URLS, ImageLicence
from heritage.validators import validate_alt_text
from images.renditions import RenditionsMixin

logger = logging.getLogger(__name__)

LANGUAGES = tuple(settings.MODELTRANSLATION_LANGUAGES)
CREDIT_FIELDS = ("author", "licence", "source_url")


class Photograph(RenditionsMixin, models.Model):
    """The photograph's fields; each concrete model declares the renditions (webp_320,
    webp_640, webp_1280, jpeg_640) itself, as imagekit registers them per model."""

    image = models.ImageField(
        _("photograph"),
        upload_to="stories/",
        width_field="width",
        height_field="height",
        blank=True,
    )
    width = models.PositiveIntegerField(_("width"), null=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, editable=False)
    alt_text = models.CharField(
        _("alternative text"),
        max_length=300,
        blank=True,
        validators=[validate_alt_text],
        help_text=_(
            "What the photograph shows, for people who cannot see it; required in every "
            "language with a photograph."
        ),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    author = models.CharField(
        _("photographer"),
        max_length=200,
        blank=True,
        help_text=_("Who took the photograph, as the licence asks to credit them."),
    )
    licence = models.CharField(
        _("licence"), max_length=20, choices=ImageLicence.choices, blank=True
    )
    source_url = models.URLField(
        _("source"),
        max_length=500,
        blank=True,
        help_text=_("Where the photograph and its licence can be checked (its original page)."),
    )

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        errors = self.photograph_errors()
        if errors:
            raise ValidationError(errors)

    def photograph_errors(self) -> dict[str, str]:
        """What a photograph still lacks, by field: nothing when there is no photograph."""
        if not self.image:
            return {}
        errors = {}
        for code in LANGUAGES:
            if not (getattr(self, f"alt_text_{code}", "") or "").strip():
                errors[f"alt_text_{code}"] = _(
                    "Describe the photograph in this language too: screen-reader users read "
                    "the site in every language."
                )
        for name in CREDIT_FIELDS:
            if not (getattr(self, name) or "").strip():
                errors[name] = _("Required with a photograph, as its licence asks.")
        return errors

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS.get(self.licence, "")
