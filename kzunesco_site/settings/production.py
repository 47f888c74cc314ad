"""Production: every secret must come from the environment; HTTPS only."""

import os

from django.core.exceptions import ImproperlyConfigured

from kzunesco_site.settings.base import *  # noqa: F403
from kzunesco_site.settings.base import LOGGING, MEDIA_STORAGE, STORAGES, env_bool, env_list


def required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set in production.")
    return value


DEBUG = False
SECRET_KEY = required("SECRET_KEY")
if SECRET_KEY.startswith("django-insecure") or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be a long random value in production.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or [required("ALLOWED_HOSTS")]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
required("DATABASE_URL")

# Off only for `make serve` on 127.0.0.1; /healthz answers load balancers over plain HTTP.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
if MEDIA_STORAGE == "s3":
    required("AWS_STORAGE_BUCKET_NAME")
# Hashed, gzip-compressed static files, served by WhiteNoise with
# far-future caching; run `manage.py collectstatic` on each deploy.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# One JSON object per line, a record per request.
LOGGING["handlers"]["console"]["formatter"] = os.environ.get("LOG_FORMAT") or "json"
LOGGING["loggers"]["kzunesco.request"]["level"] = os.environ.get("REQUEST_LOG_LEVEL") or "INFO"
