"""Local development: DEBUG on unless the environment says otherwise."""

import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
# Pages straight from the templates while developing, unless asked otherwise.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS") or 0)
