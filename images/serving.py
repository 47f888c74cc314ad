"""Uploaded images are served only while the record they belong to is public (or to
staff who may see it), originals and renditions alike, from whichever storage holds
them: the filesystem or an S3-compatible bucket (MEDIA_STORAGE).

Each app that uploads images says whose an address is: ``register`` a function that
takes the path (``heritage/<file>``, or a rendition ``CACHE/images/<dir>/<stem>/<hash>``)
and gives the publishable model and the pk of the record it belongs to, or None. The
site's URLconf routes MEDIA_URL to ``serve_media``."""

import mimetypes
from collections.abc import Callable
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.auth import get_permission_codename
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.views.decorators.http import require_safe

Owner = Callable[[PurePosixPath], tuple[type, int] | None]
_owners: list[Owner] = []


def register(owner: Owner) -> Owner:
    if owner not in _owners:
        _owners.append(owner)
    return owner


def upload_lookup(path: PurePosixPath, folder: str) -> dict | None:
    """The filter on an ``image`` field that finds the upload an address is of — the
    original (``<folder>/<file>``) or one of its renditions — or None if it is not one of
    ``folder``'s."""
    renditions = PurePosixPath(settings.IMAGEKIT_CACHEFILE_DIR)
    if path.parts[:1] == (folder,) and len(path.parts) == 2:
        return {"image": str(path)}
    if (
        path.is_relative_to(renditions)
        and len(path.parts) == len(renditions.parts) + 3
        and path.parts[-3] == folder
    ):
        return {"image__startswith": f"{folder}/{path.parts[-2]}."}
    return None


@require_safe
def serve_media(request, path: str):
    if any(part in ("", ".", "..") for part in path.split("/")):
        raise Http404
    for owner in _owners:
        found = owner(PurePosixPath(path))
        if found is not None:
            return _serve(request, path, *found)
    raise Http404


def _serve(request, path: str, model, pk: int):
    public = model.objects.published().filter(pk=pk).exists()
    opts = model._meta
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
