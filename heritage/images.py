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
    credit = models.CharField(_("credit"), max_length=300, blank=True)
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
