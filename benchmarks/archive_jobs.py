"""An import and an export of 100,000 records through the admin, against bulk_create.

    .venv/bin/python benchmarks/archive_jobs.py [--rows 100000] [--database-url URL] [--keep]

On a throw-away database (SQLite, or --database-url postgres://…/kzbench_jobs, created and
dropped), with the documents: bulk_create of the rows on a copy (the baseline); then, with
gunicorn (production settings, gunicorn.conf.py) and one run_worker as `make serve` runs
them, through HTTP only: upload a CSV of --rows heritage items, keep the suggested columns,
preview, confirm, export the heritage list as CSV (a job), download it and count its rows,
sampling the memory of gunicorn's workers and of run_worker. Exits non-zero on a 5xx, a
dropped connection, a request over gunicorn's timeout, an error logged, a failed job or a
wrong count.
"""

import argparse
import collections
import csv
import html
import io
import os
import re
import runpy
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PYTHON = sys.executable
LIST = "/admin/heritage/heritageitem/"
USER, PASSWORD, SECRET_KEY = "bench", secrets.token_urlsafe(16), secrets.token_urlsafe(64)
IMPORT = ("upload", "match columns", "check → preview", "confirm → write")
EXPORT = ("export → file ready", "download")
LOG_PROBLEM = re.compile(r"Traceback|WORKER TIMEOUT|ERROR|CRITICAL")
PRODUCTION = "DJANGO_SETTINGS_MODULE=kzunesco_site.settings.production ALLOWED_HOSTS=127.0.0.1"
PRODUCTION += " SECURE_SSL_REDIRECT=0 DEBUG=0"
DROP = "DROP DATABASE IF EXISTS {%d} WITH (FORCE)"
VM = r"^(VmRSS|VmHWM):\s+(\d+) kB"
Hit = collections.namedtuple("Hit", "phase method path status seconds error")

from benchmarks.import_speed import baseline, csv_file, rows  # noqa: E402


class Failure(Exception):
    """The run cannot go on: a server error, a dropped connection, a failed job."""


def environment(database_url: str, workdir: Path, port: int = 0) -> dict:
    """The production settings as `make serve` sets them, on 127.0.0.1 over plain HTTP;
    the cache in each process's memory, the files in ``workdir``, the queue in the database."""
    env = {**os.environ, **dict(item.split("=") for item in PRODUCTION.split())}
    for name in ("REDIS_URL", "MEDIA_STORAGE", "TASKS_BACKEND"):
        env.pop(name, None)
    for name in ("ARCHIVE_UPLOAD_DIR", "MEDIA_ROOT", "PAGE_CACHE_STATE_FILE"):
        env[name] = str(workdir / name.lower())
    env.update(SECRET_KEY=SECRET_KEY, DATABASE_URL=database_url, PORT=str(port))
    return env | {"DJANGO_SUPERUSER_PASSWORD": PASSWORD, "PYTHONPATH": str(ROOT)}


def postgres(url: str, *statements: str) -> None:
    """Statements about databases, run from the server's postgres database."""
    import psycopg

    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement.format(*(urlsplit(u).path[1:] for u in (url, f"{url}_base"))))


def databases(url: str, workdir: Path) -> tuple[str, str]:
    """The run's database (created empty) and the copy the baseline writes to."""
    if not url:
        return f"sqlite:///{workdir / 'bench.sqlite3'}", f"sqlite:///{workdir / 'base.sqlite3'}"
    if not re.fullmatch(r"kzbench\w*", urlsplit(url).path[1:]):
        raise SystemExit(f"The run drops its database: name it kzbench…, not {url!r}.")
    postgres(url, DROP % 0, "CREATE DATABASE {0}")
    return url, f"{url}_base"


def copy_database(url: str, copy: str) -> None:
    if url.startswith("sqlite"):
        with sqlite3.connect(url[10:]) as source, sqlite3.connect(copy[10:]) as target:
            source.backup(target)
    else:
        postgres(url, DROP % 1, "CREATE DATABASE {1} TEMPLATE {0}")


def manage(env: dict, *args: str) -> None:
    command = [PYTHON, "manage.py", *args]
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def measure_baseline(env: dict, table: list[list]) -> tuple[float, int]:
    """bulk_create's seconds (in this process, on the copy); the documents' heritage items."""
    os.environ.update(env)
    import django

    django.setup()
    from django.apps import apps

    documents = apps.get_model("heritage.HeritageItem").objects.count()
    return baseline(table), documents


class Sampler(threading.Thread):
    """Per process, its first, last and peak RSS; per phase, the peak of any gunicorn worker
    ("web") and of run_worker: a rise of VmHWM between two samples counts for the phase."""

    def __init__(self, master: int, worker: int):
        super().__init__(daemon=True)
        self.master, self.worker, self.phase = master, worker, "start"
        self.peaks = collections.defaultdict(lambda: {"web": 0.0, "worker": 0.0})
        self.processes = {}  # pid: [role, first RSS, last RSS, VmHWM]
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.2):
            self.sample()

    def sample(self) -> None:
        kids = Path(f"/proc/{self.master}/task/{self.master}/children")  # gunicorn's workers
        found = [(int(pid), "gunicorn worker") for pid in kids.read_text().split()]
        for pid, role in [*found, (self.master, "gunicorn master"), (self.worker, "run_worker")]:
            try:
                status = dict(re.findall(VM, Path(f"/proc/{pid}/status").read_text(), re.M))
                rss, hwm = int(status["VmRSS"]) / 1024, int(status["VmHWM"]) / 1024  # MB
            except (OSError, KeyError):  # gone, or a zombie
                continue
            entry = self.processes.setdefault(pid, [role, rss, rss, hwm])
            peak = hwm if hwm > entry[3] else rss
            entry[2], entry[3] = rss, max(entry[3], hwm)
            if role != "gunicorn master":
                kind = "web" if role == "gunicorn worker" else "worker"
                self.peaks[self.phase][kind] = max(self.peaks[self.phase][kind], peak)


class Browser:
    """An archivist's browser: one session; every request timed and kept, by phase."""

    def __init__(self, base: str, limit: float, sampler: Sampler):
        self.session = requests.Session()
        self.session.headers["Accept-Language"] = "en"
        self.base, self.limit, self.sampler, self.phase = base, limit, sampler, ""
        self.hits, self.seconds, self.problems = [], {}, []
        self.polls = self.bars = 0  # polls of a running job; those that show a progress bar

    def begin(self, phase: str) -> None:
        """Ends the phase under way (its seconds), and begins ``phase`` ("" for none)."""
        now = time.perf_counter()
        if self.phase:
            self.seconds[self.phase] = now - self.started
        self.sampler.sample()
        self.phase = self.sampler.phase = phase
        self.started = now

    def __call__(self, method: str, path: str, expect=(200,), **kwargs):
        start = time.perf_counter()
        try:
            response = self.session.request(
                method, self.base + path, allow_redirects=False, timeout=self.limit * 4, **kwargs
            )
        except requests.RequestException as error:
            took = time.perf_counter() - start
            self.hits.append(Hit(self.phase, method, path, 0, took, repr(error)))
            raise Failure(f"{method} {path}: no answer after {took:.1f} s: {error!r}") from None
        took = time.perf_counter() - start
        self.hits.append(Hit(self.phase, method, path, response.status_code, took, ""))
        if took > self.limit:
            self.problems.append(f"{method} {path} took {took:.1f} s, over gunicorn's timeout")
        for cookie in self.session.cookies:  # Secure in production: sent over HTTP, as
            cookie.secure = False  # browsers send them to 127.0.0.1
        if response.status_code not in expect:
            raise Failure(f"{method} {path} answered {response.status_code} in {took:.1f} s: "
                          f"{response.text[:300]!r}")  # fmt: skip
        return response

    def submit(self, path: str, page: str, field: str, fields=None, **kwargs) -> str:
        """POSTs the page's form that has ``field``, as filled in; where it redirects to."""
        form = {**form_with(page, field), **(fields or {})}
        response = self("POST", path, (302,), data=form, **kwargs)
        return urlsplit(response.headers["Location"]).path

    def job(self, url: str, until: str, wait: float) -> str:
        """Polls a job's page until its status is ``until``; its last HTML."""
        deadline = time.monotonic() + wait
        while True:
            page = self("GET", url).text
            status = re.search(r"archive-job-status archive-job-(\w+)", page).group(1)
            if status in ("queued", "checking", "writing"):
                self.polls += 1
                self.bars += '<progress id="job-progress"' in page
            if status == until:
                return page
            if status in ("failed", "ready", "succeeded"):  # and not the one awaited
                raise Failure(f"the job {url} is {status}: {message(page)}")
            if time.monotonic() > deadline:
                raise Failure(f"the job {url} is still {status} after {wait:.0f} s")
            time.sleep(0.5)


def form_with(page: str, field: str) -> dict:
    """The fields of the page's form that has ``field``, as a browser sends them untouched."""
    for form in re.findall(r"<form\b.*?</form>", page, re.DOTALL):
        fields, select = {}, None
        for tag, attributes in re.findall(r"<(input|select|option)\b([^>]*)>", form):
            a = {k: html.unescape(v) for k, v in re.findall(r'([\w-]+)(?:="([^"]*)")?', attributes)}
            typed = a.get("type", "text") not in ("submit", "file", "button", "radio", "checkbox")
            if tag == "select":
                select = a.get("name")
            elif tag == "option" and select and ("selected" in a or select not in fields):
                fields[select] = a.get("value", "")
            elif tag == "input" and "name" in a and (typed or "checked" in a):
                fields[a["name"]] = a.get("value", "")
        if field in fields:
            return fields
    raise Failure(f"no form with a field {field!r} on the page")


def message(page: str) -> str:
    found = re.search(r'<p class="(?:errornote|warningnote|archive-job-message)">(.*?)</p>', page)
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(1))) if found else "(no message)"


def scenario(browser: Browser, notes: list, data: bytes, count: int, documents: int, wait):
    """The archivist's import, then the export; ``notes`` for the report."""
    browser.begin("login")
    page = browser("GET", "/admin/login/?next=/admin/").text
    fields = {"username": USER, "password": PASSWORD}
    browser.submit("/admin/login/?next=/admin/", page, "username", fields)
    browser.begin("upload")
    page = browser("GET", LIST + "import-file/").text
    files = {"file": ("heritage.csv", data, "text/csv")}
    map_url = browser.submit(LIST + "import-file/", page, "profile", files=files)
    browser.begin("match columns")
    page = browser("GET", map_url).text
    columns = [v for k, v in form_with(page, "column_0").items() if k.startswith("column_")]
    notes.append(f"Columns matched as suggested: {sum(map(bool, columns))} of {len(columns)}")
    job_url = browser.submit(map_url, page, "column_0")
    browser.begin("check → preview")
    page = browser.job(job_url, "ready", wait)
    counts = dict(re.findall(r'<li class="(new|update|invalid)"><strong>(\d+)<', page))
    if counts != {"new": str(count), "update": "0", "invalid": "0"}:
        raise Failure(f"the preview counts {counts}, not {count} new rows: {message(page)}")
    browser.begin("confirm → write")
    browser.submit(job_url, page, "fingerprint")
    page = browser.job(job_url, "succeeded", wait)
    notes.append(f"Import job: {message(page)}")
    if f"{count} new record" not in message(page):
        raise Failure(f"the import did not write {count} new records: {message(page)}")
    browser.begin("export → file ready")
    response = browser("GET", LIST + "export-file/?format=csv", (200, 302))
    if response.status_code == 302:  # a job (a short list is exported in the request)
        page = browser.job(urlsplit(response.headers["Location"]).path, "succeeded", wait)
        if not (link := re.search(r'href="(/admin/archive/job/\d+/file/[^"]+)"', page)):
            raise Failure(f"the export's page offers no file: {message(page)}")
        browser.begin("download")
        response = browser("GET", html.unescape(link.group(1)))
    browser.begin("")
    text = response.content.decode("utf-8-sig")
    got, expected = sum(1 for row in csv.reader(io.StringIO(text)) if row) - 1, documents + count
    notes.append(f"Export: {len(response.content) / 1e6:.1f} MB, {got:,} rows for "
                 f"{expected:,} records ({documents} from the documents)")  # fmt: skip
    if got != expected:
        raise Failure(f"the export has {got} rows, not {expected}")


def start(env: dict, workdir: Path, processes: list) -> None:
    """gunicorn and run_worker, as `make serve` starts them; returns once gunicorn answers."""
    ctl = str(workdir / "gunicorn.ctl")  # not ~/.gunicorn's, which other servers may use
    web = [str(Path(PYTHON).parent / "gunicorn"), "-c", "gunicorn.conf.py", "--control-socket",
           ctl, "kzunesco_site.wsgi"]  # fmt: skip
    for name, command in (("gunicorn", web), ("worker", [PYTHON, "manage.py", "run_worker"])):
        with (workdir / f"{name}.log").open("ab") as out:
            processes.append(subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=out))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and processes[0].poll() is None:
        try:
            if requests.get(f"http://127.0.0.1:{env['PORT']}/healthz", timeout=2).ok:
                return
        except requests.RequestException:
            time.sleep(0.3)
    raise Failure("gunicorn did not answer; see gunicorn.log (--keep)")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=40)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def report(browser: Browser, sampler: Sampler, base: float) -> list[str]:
    """Prints the table; the problems: 5xx, no answers, requests over gunicorn's timeout."""
    groups = {"import, all steps": IMPORT, "export, all steps": EXPORT}
    done = [*browser.seconds, *(g for g, steps in groups.items() if steps[0] in browser.seconds)]
    print(f"\n{'phase':<22} {'seconds':>8} {'× bulk_create':>13} {'requests':>8} "
          f"{'slowest s':>9} {'5xx':>4} {'dropped':>7} {'web MB':>7} {'worker MB':>9}")  # fmt: skip
    print(f"{'bulk_create (baseline)':<22} {base:>8.1f} {1:>13.3f}")
    for name in done:
        steps = groups.get(name, (name,))
        seconds = sum(browser.seconds.get(step, 0) for step in steps)
        hits = [h for h in browser.hits if h.phase in steps]
        speed = f"{base / seconds:.3f}" if name in ("import, all steps", IMPORT[-1]) else "—"
        slowest = max((h.seconds for h in hits), default=0)
        web = max(sampler.peaks[step]["web"] for step in steps)
        worker = max(sampler.peaks[step]["worker"] for step in steps)
        errors, dropped = sum(h.status >= 500 for h in hits), sum(h.status == 0 for h in hits)
        print(f"{name:<22} {seconds:>8.1f} {speed:>13} {len(hits):>8} {slowest:>9.2f} "
              f"{errors:>4} {dropped:>7} {web:>7.0f} {worker:>9.0f}")  # fmt: skip
    print("× bulk_create: its seconds / the phase's (the import's speed against bulk_create)")
    statuses = sorted(collections.Counter(h.status for h in browser.hits).items())
    print("HTTP statuses:", ", ".join(f"{status or 'no answer'} × {n}" for status, n in statuses))
    if browser.hits:
        top = max(browser.hits, key=lambda h: h.seconds)
        print(f"Slowest request: {top.method} {top.path} → {top.status} in {top.seconds:.2f} s")
    print(f"Running-job polls with a progress bar: {browser.bars} of {browser.polls}")
    print("\nMemory per process, MB: RSS first seen, RSS last seen, peak (VmHWM)")
    for pid, (role, first, last, hwm) in sorted(sampler.processes.items(), key=lambda p: p[1]):
        print(f"  {role:<16} pid {pid:<8} {first:>7.0f} {last:>7.0f} {hwm:>7.0f}")
    errors = [h for h in browser.hits if h.status >= 500 or h.error]
    return browser.problems + [f"{h.method} {h.path}: {h.error or h.status}" for h in errors]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database-url", default="", help="postgres://…/kzbench_jobs")
    parser.add_argument("--job-timeout", type=float, default=1800, help="seconds per job phase")
    parser.add_argument("--keep", action="store_true", help="keep the folder with the logs")
    args = parser.parse_args()
    limit = runpy.run_path(str(ROOT / "gunicorn.conf.py"))["timeout"]
    workdir = Path(tempfile.mkdtemp(prefix="kzbench-jobs-"))
    processes, problems, notes, started, url = [], [], [], time.perf_counter(), ""
    try:
        url, copy = databases(args.database_url, workdir)
        env = environment(url, workdir)
        manage(env, "migrate", "--noinput")
        manage(env, "load_documents")
        manage(env, "collectstatic", "--noinput", "--verbosity", "0")  # as `make serve`
        manage(env, "createsuperuser", "--noinput", "--username", USER, "--email", "b@x.invalid")
        copy_database(url, copy)
        print(f"Database ready in {time.perf_counter() - started:.0f} s ({url.split(':')[0]})")
        data = csv_file(table := rows(args.rows, "jobs"))
        base, documents = measure_baseline(environment(copy, workdir), table)
        print(f"bulk_create of {args.rows:,} rows: {base:.1f} s", flush=True)
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        start(environment(url, workdir, port), workdir, processes)
        sampler = Sampler(processes[0].pid, processes[1].pid)
        sampler.start()
        browser = Browser(f"http://127.0.0.1:{port}", limit, sampler)
        print(f"gunicorn and run_worker started; {len(data) / 1e6:.1f} MB of CSV", flush=True)
        try:
            scenario(browser, notes, data, args.rows, documents, args.job_timeout)
        except Failure as error:
            browser.begin("")
            problems.append(str(error))
        sampler.stop.set()
        sampler.join()
        problems += report(browser, sampler, base)
        print("", *notes, sep="\n")
    except Failure as error:
        problems.append(str(error))
    finally:
        for process in processes:
            stop(process)
        for log in sorted(workdir.glob("*.log")):  # the servers' own word on what went wrong
            lines = log.read_text(errors="replace").splitlines()
            problems += [f"{log.name}: {line[:400]}" for line in lines if LOG_PROBLEM.search(line)]
        if url.startswith("postgres"):
            postgres(url, DROP % 0, DROP % 1)
        if args.keep:
            print(f"Logs and files kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    print(f"\nThe whole run took {time.perf_counter() - started:.0f} s.")
    if problems:
        print("\nProblems:", *(f"  {p}" for p in dict.fromkeys(problems)), sep="\n")
        sys.exit(1)


if __name__ == "__main__":
    main()
