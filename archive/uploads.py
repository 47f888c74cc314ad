"""Uploaded files kept between the preview and the confirmation, outside MEDIA_ROOT
(never served), each under a random token remembered in the user's session."""

import hashlib
import re
import secrets
from pathlib import Path

from django.conf import settings

TOKEN = re.compile(r"[0-9a-f]{32}")


def _directory() -> Path:
    directory = Path(settings.ARCHIVE_UPLOAD_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def store(session, *, data: bytes, name: str, label: str) -> str:
    token = secrets.token_hex(16)
    (_directory() / token).write_bytes(data)
    uploads = session.get("archive_uploads", {})
    uploads[token] = {
        "name": name,
        "label": label,
        "sha256": hashlib.sha256(data).hexdigest(),
        "mapping": None,
        "profile": None,
    }
    session["archive_uploads"] = uploads
    return token


def info(session, token: str) -> dict | None:
    if not TOKEN.fullmatch(token):
        return None
    return session.get("archive_uploads", {}).get(token)


def update(session, token: str, **values) -> None:
    uploads = session.get("archive_uploads", {})
    uploads[token].update(values)
    session["archive_uploads"] = uploads


def read(token: str) -> bytes | None:
    path = _directory() / token
    return path.read_bytes() if TOKEN.fullmatch(token) and path.exists() else None


def is_kept(token: str) -> bool:
    return bool(TOKEN.fullmatch(token or "")) and (_directory() / token).exists()


def remove(token: str) -> None:
    """The file of an upload whose import is done (its session entry goes with the session)."""
    if TOKEN.fullmatch(token or ""):
        (_directory() / token).unlink(missing_ok=True)
