"""Test settings: fast hashing and throw-away media."""

import tempfile
from pathlib import Path

from kzunesco_site.settings.base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="kzunesco-test-media-")
# Serve static files straight from the app and project folders (no collectstatic).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
ARCHIVE_UPLOAD_DIR = tempfile.mkdtemp(prefix="kzunesco-test-imports-")
KEPT_UPLOADS_DIR = tempfile.mkdtemp(prefix="kzunesco-test-kept-")
# The page cache is switched on by the tests about it (tests/caching/test_pagecache.py);
# the rest write to the database directly and look at the pages right away.
PAGE_CACHE_SECONDS = 0
# Kept figures likewise: switched on by their own tests (tests/caching/test_figures.py).
FIGURES_CACHE_SECONDS = 0
PAGE_CACHE_STATE_FILE = Path(tempfile.mkdtemp(prefix="kzunesco-test-state-")) / "page-cache-state"
PAGE_CACHE_STATE = "file"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Background tasks run at once, in the request that starts them (tests of the worker
# itself use the database backend: tests/archive/test_worker.py).
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
