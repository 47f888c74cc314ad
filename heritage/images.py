"""Photographs of heritage items and their renditions (made on first use, cached under
MEDIA_ROOT/CACHE/). Defined with a string reference so that heritage/models.py can import
this module."""

import logging
from dataclasses import dataclass

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFit

from .validators import validate_alt_text

logger = logging.getLogger(__name__)


def rendition(width: int, image_format: str) -> ImageSpecField:
    """The image scaled down (never up) to ``width`` pixels wide, in ``image_format``."""
    options = {"quality": 80} if image_format == "WEBP" else {"quality": 82, "progressive": True}
    return ImageSpecField(
        source="image",
        processors=[ResizeToFit(width, upscale=False)],
        format=image_format,
        options=options,
    )


class ImageLicence(models.TextChoices):
    """The licences a photograph shown on a public page may carry: open ones, or the
    author's own permission (which the Commission keeps on file)."""

    CC0 = "CC0-1.0", "CC0 1.0"
    PUBLIC_DOMAIN = "public-domain", _("Public domain")
    CC_BY_4 = "CC-BY-4.0", "CC BY 4.0"
    CC_BY_SA_4 = "CC-BY-SA-4.0", "CC BY-SA 4.0"
    CC_BY_3 = "CC-BY-3.0", "CC BY 3.0"
    CC_BY_SA_3 = "CC-BY-SA-3.0", "CC BY-SA 3.0"
    CC_BY_2 = "CC-BY-2.0", "CC BY 2.0"
    CC_BY_SA_2 = "CC-BY-SA-2.0", "CC BY-SA 2.0"
    PERMISSION = "permission", _("Used with the author's permission")


LICENCE_URLS = {
    ImageLicence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
    ImageLicence.CC_BY_4: "https://creativecommons.org/licenses/by/4.0/",
    ImageLicence.CC_BY_SA_4: "https://creativecommons.org/licenses/by-sa/4.0/",
    ImageLicence.CC_BY_3: "https://creativecommons.org/licenses/by/3.0/",
    ImageLicence.CC_BY_SA_3: "https://creativecommons.org/licenses/by-sa/3.0/",
    ImageLicence.CC_BY_2: "https://creativecommons.org/licenses/by/2.0/",
    ImageLicence.CC_BY_SA_2: "https://creativecommons.org/licenses/by-sa/2.0/",
}


class HeritageImage(models.Model):
    item = models.ForeignKey(
        "heritage.HeritageItem",
        on_delete=models.CASCADE,
        related_name="images",
        verbose_name=_("item"),
    )
    image = models.ImageField(
        _("image"), upload_to="heritage/", width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(_("width"), null=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, editable=False)
    alt_text = models.CharField(
        _("alternative text"),
        max_length=300,
        validators=[validate_alt_text],
        help_text=_(
            "What the image shows, for people who cannot see it; required in every language."
        ),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    author = models.CharField(
        _("photographer"),
        max_length=200,
        help_text=_("Who took the photograph, as the licence asks to credit them."),
    )
    licence = models.CharField(_("licence"), max_length=20, choices=ImageLicence.choices)
    source_url = models.URLField(
        _("source"),
        max_length=500,
        help_text=_("Where the photograph and its licence can be checked (its original page)."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    # Renditions are made on first use and cached under MEDIA_ROOT/CACHE/.
    webp_320 = rendition(320, "WEBP")
    webp_640 = rendition(640, "WEBP")
    webp_1280 = rendition(1280, "WEBP")
    jpeg_640 = rendition(640, "JPEG")

    class Meta:
        ordering = ["item", "order", "pk"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self) -> str:
        return self.alt_text

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS.get(self.licence, "")

    @cached_property
    def renditions(self) -> "Renditions | None":
        """The WebP srcset and the JPEG fallback, made on first use; None when the
        uploaded file is gone (a database restored without its media, a storage fault):
        pages then show the record without its picture, never an error."""
        try:
            return Renditions(srcset=self._webp_srcset(), jpeg=self.jpeg_640.url)
        except (OSError, ValueError) as error:
            _report_missing_file(self.image.name, error)
            return None

    def _webp_srcset(self) -> str:
        """The WebP renditions as a srcset; none is wider than the original."""
        original = self.width or 1280
        candidates = []
        for width, rendition in (
            (320, self.webp_320),
            (640, self.webp_640),
            (1280, self.webp_1280),
        ):
            candidates.append(f"{rendition.url} {min(width, original)}w")
            if width >= original:
                break
        return ", ".join(candidates)


@dataclass(frozen=True)
class Renditions:
    srcset: str
    jpeg: str


_reported: set[str] = set()


def _report_missing_file(name: str, error: Exception) -> None:
    """Logged once per file and process, not on every page that would show it."""
    if name in _reported:
        return
    _reported.add(name)
    logger.warning("Image %s cannot be read (%s); pages show its record without it.", name, error)
