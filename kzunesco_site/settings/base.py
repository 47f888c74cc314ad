"""Settings shared by every environment. Values come from the environment with
safe development defaults; ``production.py`` refuses to start without secrets."""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY") or "django-insecure-development-only-key-change-me"
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or ["127.0.0.1", "localhost", "[::1]", "testserver"]

INSTALLED_APPS = [
    # modeltranslation must come before the admin (Django's, with the editorial desk).
    "modeltranslation",
    "editorial.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_filters",
    "import_export",
    "imagekit",
    "simple_history",
    "django_prose_editor",
    "axes",
    "django_tasks_db",
    "core",
    "publications",
    "heritage",
    "timeline",
    "stories",
    "caching",
    "search",
    "images",
    "editorial",
    "archive",
    "opendata",
    "portal",
]

MIDDLEWARE = [
    "core.logs.RequestLogMiddleware",
    "core.middleware.HeadWithoutBodyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Once the language is known; a cached page skips everything below.
    "caching.pagecache.PublicPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Sign-in throttling: after 5 failures for one address or for one user name, that address
# or name is locked out for 30 minutes. The address is the TCP peer unless
# TRUSTED_PROXY_COUNT proxies that append to X-Forwarded-For stand in front of the site,
# so a client cannot escape the lockout by sending a different X-Forwarded-For.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "core.security.client_ip"
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT") or 0)

ROOT_URLCONF = "kzunesco_site.urls"
WSGI_APPLICATION = "kzunesco_site.wsgi.application"
# Form widgets may use the project's templates (templates/includes/widgets/).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
ASGI_APPLICATION = "kzunesco_site.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
            ],
        },
    },
]


def database_from_env() -> dict:
    """The database of DATABASE_URL (SQLite in a file by default) with the options
    production runs with: connections kept for CONN_MAX_AGE seconds and checked before
    reuse; on PostgreSQL a connect timeout and a statement timeout, so that a stuck
    query fails instead of holding a worker. The test suite runs with the same options."""
    config = dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE") or 60),
        conn_health_checks=True,
    )
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL: pages keep reading while the background worker writes an import (one
        # transaction, all rows or none); writers wait their turn instead of failing.
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 25,  # seconds; under gunicorn's 30 s worker timeout
            **config.get("OPTIONS", {}),
        }
    if config["ENGINE"] == "django.db.backends.postgresql":
        statement_timeout = int(os.environ.get("DATABASE_STATEMENT_TIMEOUT_MS") or 30_000)
        config["OPTIONS"] = {
            "connect_timeout": int(os.environ.get("DATABASE_CONNECT_TIMEOUT") or 5),
            "options": f"-c statement_timeout={statement_timeout}",
            "application_name": "kzunesco",
            **config.get("OPTIONS", {}),
        }
        # Behind PgBouncer in transaction mode server-side cursors must be off.
        config["DISABLE_SERVER_SIDE_CURSORS"] = env_bool("DATABASE_BEHIND_PGBOUNCER")
    return config


DATABASES = {"default": database_from_env()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Kazakh first: it is the state language; English is the language of the sources
# and the fallback for content that has not been translated yet.
LANGUAGE_CODE = "en"
LANGUAGES = [("kk", _("Kazakh")), ("ru", _("Russian")), ("en", _("English"))]
# The project's catalogues, then the Kazakh that Django's and its add-ons' catalogues lack.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "core" / "translations"]
FORMAT_MODULE_PATH = ["core.formats"]  # Kazakh date formats
TIME_ZONE = "Asia/Almaty"
USE_I18N = True
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("kk", "ru", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en", "ru", "kk")}

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploaded images on the filesystem (MEDIA_ROOT) or, with MEDIA_STORAGE=s3, in a private
# bucket of any S3-compatible store (credentials from AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY, as boto3 reads them). Either way the site serves them itself,
# only while their record is public (images/serving.py).
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE") or "filesystem"
if MEDIA_STORAGE == "s3":
    STORAGES["default"] = {
        "BACKEND": "images.storage.PrivateMediaS3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("AWS_STORAGE_BUCKET_NAME") or "",
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "location": os.environ.get("AWS_S3_LOCATION") or "media",
            "default_acl": None,
            "file_overwrite": False,
            "querystring_auth": False,
        },
    }
elif MEDIA_STORAGE != "filesystem":
    raise ImproperlyConfigured(f"MEDIA_STORAGE is 'filesystem' or 's3', not {MEDIA_STORAGE!r}.")
# Photographs' renditions are made by a background task, never by the page that shows
# them (images/renditions.py); whether one exists is remembered in the cache.
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "images.renditions.MadeInTheBackground"


SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False

# Every asset is served from this origin: no CDN, no inline script.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    # The hash is the base stylesheet the admin's rich-text editor (Tiptap, shipped with
    # django-prose-editor) injects as a <style> element; a browser test fails if it changes.
    "style-src": [CSP.SELF, CSP.NONCE, "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# Redis when REDIS_URL is set (shared by every process and app server), else memory.
REDIS_URL = os.environ.get("REDIS_URL") or ""
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "caching.backends.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "kzunesco",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "kzunesco",
            # Per worker process: a thousand pages of 10–50 kB at most.
            "OPTIONS": {"MAX_ENTRIES": 1000},
        }
    }
# Anonymous public pages are cached for this long at most (0: not at all); any change
# to the content throws them away at once (caching/pagecache.py).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS") or 600)
# Figures many pages show (the counts per programme) are kept for as long as the page
# cache's generation lasts, and this long at most (0: computed for every page).
FIGURES_CACHE_SECONDS = int(os.environ.get("FIGURES_CACHE_SECONDS") or 600)
# Where the page cache's generation is kept: in Redis, or in a file every worker reads.
PAGE_CACHE_STATE = "cache" if REDIS_URL else "file"
# With the state in Redis, each worker also keeps the state and up to this many pages
# itself, served without a round trip while Redis reports no change (nearcache.py), and
# proves the connection that reports changes alive every PAGE_CACHE_WATCH_CHECK seconds.
PAGE_CACHE_LOCAL_PAGES = int(os.environ.get("PAGE_CACHE_LOCAL_PAGES") or 200)
PAGE_CACHE_WATCH_CHECK = float(os.environ.get("PAGE_CACHE_WATCH_CHECK") or 1.0)
PAGE_CACHE_STATE_FILE = Path(
    os.environ.get("PAGE_CACHE_STATE_FILE") or BASE_DIR / "var" / "page-cache-state"
)

# LOG_FORMAT=json writes one JSON object per line (production's default), for a log
# collector; "text" is for people. Each request is logged by kzunesco.request.
LOG_FORMAT = os.environ.get("LOG_FORMAT") or "text"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL") or "WARNING"},
    "loggers": {
        "kzunesco.request": {"level": os.environ.get("REQUEST_LOG_LEVEL") or "WARNING"},
    },
}

# modeltranslation's admin tabs need jQuery UI; serve it from static/, never from a CDN.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

# Maps draw Natural Earth borders shipped with the site; a tile server is optional,
# e.g. MAP_TILE_URL=https://tile.openstreetmap.org/{z}/{x}/{y}.png (allowed by the CSP).
MAP_TILE_URL = os.environ.get("MAP_TILE_URL") or ""
if MAP_TILE_URL:
    from urllib.parse import urlsplit

    _tiles = urlsplit(MAP_TILE_URL.replace("{s}.", "*."))  # {s}: the tile subdomains
    SECURE_CSP["img-src"].append(f"{_tiles.scheme}://{_tiles.netloc}")

# OAI-PMH (/oai/, docs/oai.md): identifiers are oai:<OAI_REPOSITORY_IDENTIFIER>:<set>/<pk>
# and must never change once harvested; set the site's own domain before anyone harvests.
OAI_REPOSITORY_IDENTIFIER = os.environ.get("OAI_REPOSITORY_IDENTIFIER") or "unesco.kz"
OAI_REPOSITORY_NAME = "Kazakhstan and UNESCO"
OAI_ADMIN_EMAIL = os.environ.get("OAI_ADMIN_EMAIL") or ""  # empty: webmaster@<identifier>
OAI_PAGE_SIZE = 100
OAI_RESUMPTION_TOKEN_SECONDS = 24 * 60 * 60

# The licence of the open data (list downloads and the JSON API).
OPEN_DATA_LICENCE = os.environ.get("OPEN_DATA_LICENCE") or "CC BY 4.0"
OPEN_DATA_LICENCE_URL = (
    os.environ.get("OPEN_DATA_LICENCE_URL") or "https://creativecommons.org/licenses/by/4.0/"
)

# Archive imports: size caps for uploads and for what an XLSX workbook may expand to.
ARCHIVE_MAX_UPLOAD_BYTES = int(os.environ.get("ARCHIVE_MAX_UPLOAD_BYTES") or 50_000_000)
# Uploaded images: at most this many bytes and pixels; anything larger is refused.
IMAGE_MAX_UPLOAD_BYTES = int(os.environ.get("IMAGE_MAX_UPLOAD_BYTES") or 15_000_000)
IMAGE_MAX_PIXELS = int(os.environ.get("IMAGE_MAX_PIXELS") or 40_000_000)
ARCHIVE_MAX_XLSX_INFLATED_BYTES = 500_000_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 5_000_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5_000_000
ARCHIVE_UPLOAD_DIR = os.environ.get("ARCHIVE_UPLOAD_DIR") or BASE_DIR / "var" / "imports"
# An image accepted on an admin page that then failed to save waits here (a day at most)
# for the next try (images/kept_uploads.py). Shared by the web workers of one server.
KEPT_UPLOADS_DIR = os.environ.get("KEPT_UPLOADS_DIR") or BASE_DIR / "var" / "kept-uploads"

# Background work (imports, undo, large exports) runs as tasks of Django's Tasks framework,
# never in a web request. The default keeps the queue in the database, worked by
# `manage.py run_worker` (started by `make run` and `make serve`); TASKS_BACKEND chooses
# another backend of Django's Tasks framework (docs/deployment.md, "Background worker").
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND") or "django_tasks_db.DatabaseBackend",
    }
}
# A job whose worker has not given a sign of life for this long is marked failed.
ARCHIVE_JOB_STALE_SECONDS = int(os.environ.get("ARCHIVE_JOB_STALE_SECONDS") or 120)
# Uploads never confirmed and the files jobs made are removed after this many hours.
ARCHIVE_FILES_KEPT_HOURS = int(os.environ.get("ARCHIVE_FILES_KEPT_HOURS") or 24)
# Backups (`make backup`, and the worker's every BACKUP_EVERY_HOURS; 0: none scheduled)
# go to BACKUP_DIR; the worker keeps the newest BACKUP_KEEP of its own.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR") or BASE_DIR / "backups")
BACKUP_EVERY_HOURS = float(os.environ.get("BACKUP_EVERY_HOURS") or 0)
BACKUP_KEEP = int(os.environ.get("BACKUP_KEEP") or 7)
# The admin exports a list of up to this many records at once; a longer one is a job.
ARCHIVE_EXPORT_IN_REQUEST_ROWS = int(os.environ.get("ARCHIVE_EXPORT_IN_REQUEST_ROWS") or 5000)
