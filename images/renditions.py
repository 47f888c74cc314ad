"""Photographs scaled into renditions (WebP 320/640/1280 px in a srcset, a JPEG fallback),
made on first use and cached under MEDIA_ROOT/CACHE/; a missing file leaves the page
without the picture, never an error. Models declare the renditions with ``rendition()``
(imagekit registers them per model) and take ``renditions`` from ``RenditionsMixin``."""

import logging
from dataclasses import dataclass

from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _
from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFit

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


@dataclass(frozen=True)
class Renditions:
    srcset: str
    jpeg: str


class RenditionsMixin:
    """For a model with ``image``, ``width`` and the renditions webp_320, webp_640,
    webp_1280 and jpeg_640."""

    @cached_property
    def renditions(self) -> Renditions | None:
        """The WebP srcset and the JPEG fallback, made on first use; None without an image
        or when its file is gone (a database restored without its media, a storage fault):
        pages then show the record without its picture, never an error."""
        if not self.image:
            return None
        try:
            return Renditions(srcset=self._webp_srcset(), jpeg=self.jpeg_640.url)
        except (OSError, ValueError) as error:
            _report_missing_file(self.image.name, error)
            return None

    def _webp_srcset(self) -> str:
        """The WebP renditions as a srcset; none is wider than the original."""
        original = self.width or 1280
        candidates = []
        for width, spec in ((320, self.webp_320), (640, self.webp_640), (1280, self.webp_1280)):
            candidates.append(f"{spec.url} {min(width, original)}w")
            if width >= original:
                break
        return ", ".join(candidates)


def admin_preview(obj) -> str:
    """The image as the admin's inline shows it, or why it cannot."""
    if not obj.pk or not obj.image:
        return "—"
    if obj.renditions is None:
        return _("The file is missing: upload the image again.")
    return format_html('<img src="{}" alt="{}" height="120">', obj.renditions.jpeg, obj.alt_text)


_reported: set[str] = set()


def _report_missing_file(name: str, error: Exception) -> None:
    """Logged once per file and process, not on every page that would show it."""
    if name in _reported:
        return
    _reported.add(name)
    logger.warning("Image %s cannot be read (%s); pages show its record without it.", name, error)
