"""Uploaded images are judged by their content, not their name, and stored re-encoded."""

import io
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

# Pillow format → the extension the stored file gets.
ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}


def accept_image(upload) -> ContentFile:
    """The upload as a freshly encoded JPEG, PNG, WebP or GIF under a random name:
    metadata (EXIF, GPS), anything appended to the file and the uploader's file name
    do not survive. Raises ValidationError with a reason people can act on."""
    if upload.size > settings.IMAGE_MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The image is %(size)s; the limit is %(limit)s.")
            % {
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(settings.IMAGE_MAX_UPLOAD_BYTES),
            },
            code="too_large",
        )
    upload.seek(0)
    try:
        # Only these four decoders ever read the file (not PSD, EPS, FITS… on a ".jpg").
        with Image.open(upload, formats=list(ALLOWED_FORMATS)) as probe:  # the header only
            image_format, (width, height) = probe.format, probe.size
            frames = getattr(probe, "n_frames", 1)  # an animation: every frame is decoded
            if width * height * frames > settings.IMAGE_MAX_PIXELS:
                raise ValidationError(
                    _too_many_pixels(width, height, frames), code="too_many_pixels"
                )
            probe.load()
            data = _reencode(probe, image_format)
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError):
        raise ValidationError(
            _("This file is not a JPEG, PNG, WebP or GIF image, or it is damaged."),
            code="not_an_image",
        ) from None
    return ContentFile(data, name=f"{uuid.uuid4().hex}.{ALLOWED_FORMATS[image_format]}")


def _too_many_pixels(width: int, height: int, frames: int) -> str:
    limit = settings.IMAGE_MAX_PIXELS
    if frames == 1:
        return _("The image is %(width)s × %(height)s pixels; the limit is %(limit)s pixels.") % {
            "width": width,
            "height": height,
            "limit": limit,
        }
    return _(
        "The animation has %(frames)s frames of %(width)s × %(height)s pixels; the limit is "
        "%(limit)s pixels in all frames together."
    ) % {"frames": frames, "width": width, "height": height, "limit": limit}


def _reencode(image: Image.Image, image_format: str) -> bytes:
    buffer = io.BytesIO()
    if image_format == "GIF":
        image.save(buffer, "GIF", save_all=getattr(image, "n_frames", 1) > 1)
        return buffer.getvalue()
    upright = ImageOps.exif_transpose(image)  # keep the orientation the EXIF data gave
    if image_format == "JPEG":
        upright.convert("RGB").save(buffer, "JPEG", quality=90, optimize=True)
    elif image_format == "PNG":
        upright.save(buffer, "PNG", optimize=True)
    else:
        upright.save(buffer, "WEBP", quality=90)
    return buffer.getvalue()
