"""An image accepted on a page that then failed to save (another field's error) is kept
for the next try, so that the editor need not choose the file again: browsers never
refill a file input.

The accepted image (already re-encoded by ``accept_image``) waits in a private folder,
``KEPT_UPLOADS_DIR``, under a random name; the page carries a signed token naming it,
which only this server can make and which expires after a day, as do the kept files."""

import time
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib.admin.widgets import AdminFileWidget
from django.core import signing
from django.core.files.base import ContentFile, File
from django.utils.html import format_html
from django.utils.translation import gettext as _

SALT = "images.kept-uploads"
KEPT_SECONDS = 24 * 3600


def _folder() -> Path:
    return Path(settings.KEPT_UPLOADS_DIR)


def keep(content: File) -> str:
    """Keep ``content`` (named as it will be stored); the token that gives it back."""
    folder = _folder()
    folder.mkdir(parents=True, exist_ok=True)
    _forget_old(folder)
    stored = uuid.uuid4().hex
    content.seek(0)
    partial = folder / f"{stored}.partial"
    partial.write_bytes(content.read())
    partial.replace(folder / stored)  # whole or not at all
    content.seek(0)
    return signing.dumps({"file": stored, "name": content.name}, salt=SALT)


def restore(token: str) -> ContentFile | None:
    """The content ``token`` names, if it is genuine, recent and still kept."""
    try:
        kept = signing.loads(token, salt=SALT, max_age=KEPT_SECONDS)
        stored = uuid.UUID(hex=kept["file"]).hex  # a file name of ours, nothing else
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    path = _folder() / stored
    if not path.is_file():
        return None
    return ContentFile(path.read_bytes(), name=kept["name"])


def _forget_old(folder: Path) -> None:
    too_old = time.time() - KEPT_SECONDS
    for path in folder.iterdir():
        try:
            if path.stat().st_mtime < too_old:
                path.unlink()
        except FileNotFoundError:  # another worker was first
            pass


class KeptImageInput(AdminFileWidget):
    """A file input that, on a page shown again after a failed save, carries the image
    accepted the time before (a hidden token) and names it beside the input."""

    kept_token = ""
    kept_name = ""

    def kept_field(self, name: str) -> str:
        return f"{name}-kept"

    def value_from_datadict(self, data, files, name):
        upload = super().value_from_datadict(data, files, name)
        if upload is None and (token := data.get(self.kept_field(name))):
            restored = restore(token)
            if restored is not None:
                self.remember(token, restored.name)
                return restored
        return upload

    def remember(self, token: str, name: str) -> None:
        self.kept_token, self.kept_name = token, name

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        if not self.kept_token:
            return html
        return format_html(
            '{}<input type="hidden" name="{}" value="{}"><p class="kept-upload">{}</p>',
            html,
            self.kept_field(name),
            self.kept_token,
            _("Kept from the last try, saved with the record unless you choose another file."),
        )
