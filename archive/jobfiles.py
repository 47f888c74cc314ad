"""A job's folder under ARCHIVE_UPLOAD_DIR: its progress (written by the worker, read by
the job page; a file, because the worker's writes to the database stay invisible until
its transaction commits), the heartbeat that tells a live worker from a dead one, and
the files it made (the error file of a preview, an export)."""

import json
import os
import shutil
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

HEARTBEAT_SECONDS = 5


def _path(job_id: int) -> Path:
    """The job's folder, which only writes make: looking at a job leaves no folder."""
    return Path(settings.ARCHIVE_UPLOAD_DIR) / "jobs" / str(int(job_id))


def folder(job_id: int) -> Path:
    path = _path(job_id)
    path.mkdir(parents=True, exist_ok=True)
    return path


def _replace(path: Path, chunks) -> None:
    """Replace ``path`` at once with the bytes of ``chunks``, written as they come: a
    reader sees the old file or the new one, never half, and a write that fails (a full
    disk) leaves no partial file behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as file:
            for chunk in chunks:
                file.write(chunk)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _write_json(path: Path, data) -> None:
    _replace(path, [json.dumps(data).encode()])


def write_file(job_id: int, name: str, data: bytes) -> None:
    _replace(output_path(job_id, name), [data])


def write_chunks(job_id: int, name: str, chunks) -> None:
    """Like ``write_file``, from an iterable of bytes written as they come."""
    _replace(output_path(job_id, name), chunks)


def write_list(job_id: int, name: str, values: list) -> None:
    _write_json(output_path(job_id, name), values)


def read_list(job_id: int, name: str) -> list:
    return json.loads(output_path(job_id, name).read_text())


def report_progress(job_id: int, *, phase: str, done: int, total: int) -> None:
    _write_json(_path(job_id) / "progress.json", {"phase": phase, "done": done, "total": total})


def progress(job_id: int) -> dict:
    try:
        return json.loads((_path(job_id) / "progress.json").read_text())
    except (OSError, ValueError):
        return {}


def last_heartbeat(job_id: int) -> float | None:
    try:
        return (_path(job_id) / "heartbeat").stat().st_mtime
    except OSError:
        return None


@contextmanager
def heartbeat(job_id: int):
    """Touch the job's heartbeat file every few seconds while the body runs: a job whose
    heartbeat stops was left by a worker that died."""
    path = folder(job_id) / "heartbeat"
    stop = threading.Event()

    def beat() -> None:
        while True:
            path.touch()
            if stop.wait(HEARTBEAT_SECONDS):
                return

    thread = threading.Thread(target=beat, name=f"job-{job_id}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def output_path(job_id: int, name: str) -> Path:
    return _path(job_id) / Path(name).name


def remove(job_id: int) -> None:
    shutil.rmtree(_path(job_id), ignore_errors=True)


def age_seconds(path: Path) -> float:
    return time.time() - path.stat().st_mtime
