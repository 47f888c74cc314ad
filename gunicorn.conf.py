"""gunicorn, as production runs it: `gunicorn -c gunicorn.conf.py kzunesco_site.wsgi`.

Sync workers: the pages are short, CPU-bound renders with a few quick queries, and a
slow client is the reverse proxy's business (it buffers), not a worker's."""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND") or f"127.0.0.1:{os.environ.get('PORT') or 8000}"
worker_class = "sync"
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
# Load Django once, then fork: less memory, and a broken deploy fails before binding.
preload_app = True
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 30)
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so a slow leak cannot grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS") or 5000)
max_requests_jitter = max_requests // 10
# Heartbeat files in memory, not on a possibly slow disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# The proxy in front sets X-Forwarded-Proto; only trust it from these addresses.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS") or "127.0.0.1,::1"
# Django logs each request itself (kzunesco.request, JSON in production).
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL") or "info"
proc_name = "kzunesco"


def pre_fork(server, worker):
    """Move what loading Django made into the permanent generation before forking: a
    worker's full garbage collections then skip those long-lived objects (such
    collections made the slowest requests, several times the median) and leave the
    memory pages shared with the master untouched."""
    gc.freeze()
