from pathlib import Path

import pytest
from django.core.cache import caches


@pytest.fixture
def fresh_generation(settings):
    """The page cache's state in its file, none yet, and nothing cached: the first request
    starts a generation of its own."""
    settings.PAGE_CACHE_STATE = "file"
    caches["default"].clear()
    Path(settings.PAGE_CACHE_STATE_FILE).unlink(missing_ok=True)
    yield
    caches["default"].clear()
