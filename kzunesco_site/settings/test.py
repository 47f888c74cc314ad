"""Test settings: fast hashing and throw-away media."""

import tempfile

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="kzunesco-test-media-")
# Serve static files straight from the app and project folders (no collectstatic).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
ARCHIVE_UPLOAD_DIR = tempfile.mkdtemp(prefix="kzunesco-test-imports-")
