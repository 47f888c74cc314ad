"""Local development: DEBUG on unless the environment says otherwise."""

import os

from kzunesco_site.settings.base import *  # noqa: F403
from kzunesco_site.settings.base import env_bool

DEBUG = env_bool("DEBUG", True)
# Pages straight from the templates while developing, unless asked otherwise.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS") or 0)
FIGURES_CACHE_SECONDS = int(os.environ.get("FIGURES_CACHE_SECONDS") or 0)
