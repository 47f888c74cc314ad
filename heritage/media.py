"""Uploaded images are served only while the record they belong to is public (or to
staff who may see it), originals and renditions alike, from whichever storage holds
them: the filesystem or an S3-compatible bucket (MEDIA_STORAGE)."""

import mimetypes
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.auth import get_permission_codename
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.views.decorators.http import require_safe

from .models import HeritageImage, HeritageItem


def _image_for(path: PurePosixPath) -> HeritageImage | None:
    """The upload an original or a rendition (CACHE/images/<dir>/<stem>/<hash>.<ext>) is of."""
    renditions = PurePosixPath(settings.IMAGEKIT_CACHEFILE_DIR)
    if path.parts[:1] == ("heritage",) and len(path.parts) == 2:
        return HeritageImage.objects.filter(image=str(path)).first()
    if path.is_relative_to(renditions) and len(path.parts) == len(renditions.parts) + 3:
        source_dir, stem = path.parts[-3], path.parts[-2]
        prefix = f"{source_dir}/{stem}."
        return HeritageImage.objects.filter(image__startswith=prefix).first()
    return None


@require_safe
def serve_media(request, path: str):
    if any(part in ("", ".", "..") for part in path.split("/")):
        raise Http404
    image = _image_for(PurePosixPath(path))
    if image is None:
        raise Http404
    public = HeritageItem.objects.published().filter(pk=image.item_id).exists()
    opts = HeritageItem._meta
    staff = request.user.is_staff and request.user.has_perm(
        f"{opts.app_label}.{get_permission_codename('view', opts)}"
    )
    if not (public or staff):
        raise Http404
    try:
        stream = default_storage.open(path, "rb")
    except (OSError, ValueError, SuspiciousFileOperation):
        raise Http404 from None
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    response = FileResponse(stream, content_type=content_type)
    response["Cache-Control"] = "public, max-age=86400" if public else "private, no-store"
    return response
