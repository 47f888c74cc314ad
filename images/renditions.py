"""Photographs scaled into renditions (WebP 320/640/1280 px in a srcset, a JPEG fallback),
made by a background task (``make_renditions``), never in a web request, and kept under
MEDIA_ROOT/CACHE/. Until they are made — seconds after an upload, when the worker runs —
and when the file is missing, pages show the record without its picture, never an error.
Models declare the renditions with ``rendition()`` (imagekit registers them per model)
and take ``renditions`` from ``RenditionsMixin``; admins that save photographs take
``RenditionsAdminMixin``, which asks for them as soon as the save is committed."""

import logging
from dataclasses import dataclass

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.tasks import task
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _
from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFit

from caching.pagecache import invalidate_public_pages

logger = logging.getLogger(__name__)

# A rendition asked for is not asked for again for this long (a missing file, a worker
# that is not running): pages that would show it do not each queue a task.
REQUEST_SECONDS = 600


class MadeInTheBackground:
    """imagekit's cache-file strategy (IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY): asking for a
    rendition's address or contents never makes it; whether it exists is checked (and
    remembered in the cache), so a page links only to renditions that are there."""

    def on_existence_required(self, file) -> None:
        pass

    def on_content_required(self, file) -> None:
        pass

    def should_verify_existence(self, file) -> bool:
        return True


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
        """The WebP srcset and the JPEG fallback; None without an image, while the
        renditions are still to be made (they are asked for), or when they cannot be
        (the file is gone: a database restored without its media, a storage fault)."""
        if not self.image:
            return None
        try:
            if not self._renditions_exist():
                request_renditions(self)
                if not self._renditions_exist():  # made at once by an immediate backend
                    return None
            return Renditions(srcset=self._webp_srcset(), jpeg=self.jpeg_640.url)
        except (OSError, ValueError) as error:
            _report_missing_file(self.image.name, error)
            return None

    def rendition_files(self) -> list:
        """The renditions a page uses: the WebP widths up to the original's, the JPEG."""
        original = self.width or 1280
        files = []
        for width, spec in ((320, self.webp_320), (640, self.webp_640), (1280, self.webp_1280)):
            files.append((min(width, original), spec))
            if width >= original:
                break
        return [*files, (None, self.jpeg_640)]

    def _renditions_exist(self) -> bool:
        return all(bool(spec) for _width, spec in self.rendition_files())

    def _webp_srcset(self) -> str:
        """The WebP renditions as a srcset; none is wider than the original."""
        return ", ".join(
            f"{spec.url} {width}w" for width, spec in self.rendition_files() if width is not None
        )


def request_renditions(photograph) -> None:
    """Queue the making of a photograph's renditions, once per file in REQUEST_SECONDS."""
    key = f"renditions-requested:{photograph._meta.label_lower}:{photograph.pk}:"
    key += photograph.image.name
    if not cache.add(key, True, timeout=REQUEST_SECONDS):
        return
    try:
        make_renditions.enqueue(photograph._meta.label, photograph.pk)
    except Exception:  # no task backend: the page goes on without the picture
        logger.exception("The renditions of %s could not be queued", photograph.image.name)
        cache.delete(key)


@task()
def make_renditions(model_label: str, pk: int) -> None:
    """Make a photograph's renditions, then let go of the cached pages that showed the
    record without its picture. A missing or unreadable file is logged, not raised."""
    photograph = apps.get_model(model_label)._default_manager.filter(pk=pk).first()
    if photograph is None or not photograph.image:
        return
    try:
        for _width, spec in photograph.rendition_files():
            spec.generate()  # only what does not exist yet
    except (OSError, ValueError) as error:
        _report_missing_file(photograph.image.name, error)
        return
    invalidate_public_pages()


class RenditionsAdminMixin:
    """For the admin of a record whose inlines save photographs: their renditions are
    asked for when the save is committed, so they are ready before anyone looks."""

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        replaced = [obj for obj, fields in formset.changed_objects if "image" in fields]
        for photograph in formset.new_objects + replaced:
            if isinstance(photograph, RenditionsMixin) and photograph.image:
                transaction.on_commit(lambda p=photograph: request_renditions(p))


def admin_preview(obj) -> str:
    """The image as the admin's inline shows it, or why it cannot."""
    if not obj.pk or not obj.image:
        return "—"
    if obj.renditions is None:
        if obj.image.storage.exists(obj.image.name):
            return _("Its smaller copies are being made in the background: reload in a moment.")
        return _("The file is missing: upload the image again.")
    return format_html('<img src="{}" alt="{}" height="120">', obj.renditions.jpeg, obj.alt_text)


_reported: set[str] = set()


def _report_missing_file(name: str, error: Exception) -> None:
    """Logged once per file and process, not on every page that would show it."""
    if name in _reported:
        return
    _reported.add(name)
    logger.warning("Image %s cannot be read (%s); pages show its record without it.", name, error)
