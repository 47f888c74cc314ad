"""gunicorn.conf.py, as `make serve` and production run it."""

import gc
import json
import os
import runpy
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from django.conf import settings

from tests.kzunesco_site.test_production import PRODUCTION_ENV

CONFIG = settings.BASE_DIR / "gunicorn.conf.py"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback)
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_gunicorn_serves_the_site_with_the_production_settings(tmp_path):
    port = free_port()
    environment = {
        **os.environ,
        **PRODUCTION_ENV,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "SECURE_SSL_REDIRECT": "0",
        "WEB_CONCURRENCY": "2",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", str(CONFIG), "kzunesco_site.wsgi"],
        env=environment,
        cwd=settings.BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                status, body = get(f"http://127.0.0.1:{port}/healthz")
                break
            except OSError:
                assert server.poll() is None, server.stderr.read()
                assert time.monotonic() < deadline, "gunicorn did not answer in 30 s"
                time.sleep(0.2)
        assert status == 200
        assert json.loads(body) == {"status": "ok", "database": "ok"}
    finally:
        server.terminate()
        log = server.communicate(timeout=30)[1]
    assert "Booting worker" in log and "Using worker: sync" in log


def test_workers_leave_the_preloaded_objects_out_of_their_garbage_collections():
    config = runpy.run_path(str(CONFIG))
    assert config["preload_app"] is True and config["worker_class"] == "sync"
    try:
        config["pre_fork"](None, None)
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
