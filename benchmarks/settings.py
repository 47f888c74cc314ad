"""Production settings plus the hello-world view the HTTP benchmark measures against."""

from kzunesco_site.settings.production import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
