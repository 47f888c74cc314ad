"""The stories' photographs (uploads under ``stories/`` and their renditions) are served
only while their story is public, or to staff who may see it, as heritage/media.py serves
the heritage photographs; every other address under MEDIA_URL goes on to that view. The
site's URLconf routes MEDIA_URL here."""

import mimetypes
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.auth import get_permission_codename
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.views.decorators.http import require_safe

from heritage import media as heritage_media

from .models import Story, StoryLeadImage, StorySection

FOLDER = "stories"


def story_of(path: PurePosixPath) -> int | None:
    """The story whose photograph an upload (stories/<file>) or a rendition
    (CACHE/images/stories/<stem>/<hash>.<ext>) is of, or None."""
    renditions = PurePosixPath(settings.IMAGEKIT_CACHEFILE_DIR)
    if path.parts[:1] == (FOLDER,) and len(path.parts) == 2:
        lookup = {"image": str(path)}
    elif (
        path.is_relative_to(renditions)
        and len(path.parts) == len(renditions.parts) + 3
        and path.parts[-3] == FOLDER
    ):
        lookup = {"image__startswith": f"{FOLDER}/{path.parts[-2]}."}
    else:
        return None
    for model in (StorySection, StoryLeadImage):
        story = model.objects.filter(**lookup).values_list("story_id", flat=True).first()
        if story is not None:
            return story
    return None


@require_safe
def serve_media(request, path: str):
    if any(part in ("", ".", "..") for part in path.split("/")):
        raise Http404
    story = story_of(PurePosixPath(path))
    if story is None:
        return heritage_media.serve_media(request, path)
    public = Story.objects.published().filter(pk=story).exists()
    opts = Story._meta
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
