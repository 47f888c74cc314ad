"""Production settings, /healthz, request logs and media on S3-compatible storage."""

import json
import logging
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from pythonjsonlogger.json import JsonFormatter

from tests.core.test_errors import database_down
from tests.factories import make_heritage_item

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "kzunesco_site.settings.production",
    "SECRET_KEY": "a-long-random-secret-key-for-the-production-settings-test-0123456789",
    "ALLOWED_HOSTS": "kzunesco.example",
}


def production_settings(code: str, **env) -> str:
    """Evaluate ``code`` with the production settings in a fresh interpreter."""
    environment = {
        **{k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "MEDIA_STORAGE")},
        **PRODUCTION_ENV,
        "DATABASE_URL": os.environ.get("DATABASE_URL") or "sqlite:///production-check.sqlite3",
        **env,
    }
    script = f"import django; django.setup(); from django.conf import settings; print({code})"
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=environment,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=60,
    )
    if result.returncode:
        return "error: " + result.stderr.strip().splitlines()[-1]
    return result.stdout.strip()


def database_options(config: dict) -> dict:
    keep = ["ENGINE", "CONN_MAX_AGE", "CONN_HEALTH_CHECKS", "OPTIONS"]
    return {key: config.get(key) for key in [*keep, "DISABLE_SERVER_SIDE_CURSORS"]}


@pytest.mark.django_db
def test_the_suite_runs_with_the_production_database_options():
    code = "__import__('json').dumps(settings.DATABASES['default'], default=str)"
    production = json.loads(production_settings(code))
    assert database_options(production) == json.loads(
        json.dumps(database_options(settings.DATABASES["default"]), default=str)
    )
    assert production["CONN_MAX_AGE"] >= 60 and production["CONN_HEALTH_CHECKS"] is True
    if connection.vendor == "postgresql":
        assert "statement_timeout=30000" in production["OPTIONS"]["options"]
        with connection.cursor() as cursor:  # and the test database really runs with them
            cursor.execute("SHOW statement_timeout")
            assert cursor.fetchone()[0] == "30s"


def test_production_uses_redis_when_redis_url_is_set_and_memory_otherwise():
    backend = "settings.CACHES['default']['BACKEND']"
    assert production_settings(backend).endswith("LocMemCache")
    assert production_settings(backend, REDIS_URL="redis://127.0.0.1:6379/3").endswith("RedisCache")
    assert production_settings("settings.PAGE_CACHE_STATE", REDIS_URL="redis://x:6379") == "cache"


def test_the_redis_cache_reads_replies_with_hiredis():
    from caching.backends import RedisCache

    cache = RedisCache("redis://127.0.0.1:6379/15", {})
    connection = cache._cache.get_client().connection_pool.make_connection()
    assert type(connection._parser).__name__ == "_HiredisParser"


def test_production_serves_hashed_compressed_static_files_and_media_from_the_setting():
    static = "settings.STORAGES['staticfiles']['BACKEND']"
    assert production_settings(static) == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    media = "settings.STORAGES['default']['BACKEND']"
    assert production_settings(media).endswith("FileSystemStorage")
    assert "AWS_STORAGE_BUCKET_NAME must be set" in production_settings(media, MEDIA_STORAGE="s3")
    on_s3 = production_settings(media, MEDIA_STORAGE="s3", AWS_STORAGE_BUCKET_NAME="media")
    assert on_s3 == "images.storage.PrivateMediaS3Storage"
    assert "MEDIA_STORAGE is 'filesystem' or 's3'" in production_settings(
        media, MEDIA_STORAGE="ftp"
    )


def test_production_logs_json():
    assert production_settings("settings.LOGGING['handlers']['console']['formatter']") == "json"


@pytest.mark.django_db
def test_healthz_answers_while_the_database_does():
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db(transaction=True)
def test_healthz_says_503_when_the_database_is_gone():
    connection.close()
    with database_down():
        response = Client(raise_request_exception=False).get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"
    assert Client().get("/healthz").status_code == 200  # and recovers


@pytest.mark.django_db
def test_each_request_is_logged_with_its_facts_as_json_fields(caplog):
    make_heritage_item(name_en="Logged")
    with caplog.at_level(logging.INFO, logger="kzunesco.request"):
        Client().get("/en/heritage/", REMOTE_ADDR="203.0.113.9")
    (record,) = [r for r in caplog.records if r.name == "kzunesco.request"]
    options = settings.LOGGING["formatters"]["json"]
    formatter = JsonFormatter(**{key: value for key, value in options.items() if key != "()"})
    line = json.loads(formatter.format(record))
    assert line["level"] == "INFO" and line["logger"] == "kzunesco.request"
    assert (line["method"], line["path"], line["status"]) == ("GET", "/en/heritage/", 200)
    assert line["client"] == "203.0.113.9" and line["duration_ms"] > 0


# Committed data: a WSGI handler (unlike the test client) closes a connection that is in
# a transaction when the request starts.
@pytest.mark.django_db(transaction=True)
def test_head_responses_keep_their_headers_but_send_no_body(settings):
    from django.core.handlers.wsgi import WSGIHandler
    from django.test.client import RequestFactory

    make_heritage_item(name_en="Headless")
    environ = RequestFactory().head("/en/heritage/", HTTP_HOST="testserver").environ
    statuses = []
    body = b"".join(WSGIHandler()(environ, lambda status, headers: statuses.append(headers)))
    headers = dict(statuses[0])
    assert body == b"" and int(headers["Content-Length"]) > 1000
    assert headers["Content-Type"].startswith("text/html")
