"""Mixed load on gunicorn, then the same load with the database restarted in its middle.

    .venv/bin/python benchmarks/load_faults.py [--duration 120] [--outage 10] [--no-fault] …

Method, targets and results: benchmarks/results/load_faults.md. Exits non-zero on a miss.
"""

import argparse
import collections
import contextlib
import html
import itertools
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import redis
import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import archive_jobs  # noqa: E402
from benchmarks.archive_jobs import LIST, PASSWORD, PYTHON, Failure  # noqa: E402
from benchmarks.import_speed import csv_file, rows  # noqa: E402

PG_BIN, PG_PORT, PORT = Path("/usr/lib/postgresql/15/bin"), 55433, 8041
DATABASE_URL = f"postgres://postgres@127.0.0.1:{PG_PORT}/postgres"  # initdb's database
LANGUAGES, EDITORS = ("kk", "ru", "en"), ("publisher-1", "publisher-2")
USERS = f"""from django.contrib.auth.models import Group, User
roles = {dict.fromkeys(EDITORS, "Publisher") | {"archivist": "Archivist"}!r}
for name, role in roles.items():
    user = User.objects.create_user(name, password="{PASSWORD}", is_staff=True)
    user.groups.add(Group.objects.get(name=role))"""
PAGES = [  # in each language; {item} is a published heritage item with a place on the map
    "", "about/", "search/?q=Tamgaly", "heritage/", "heritage/?kind=world", "heritage/map/",
    "heritage/{item}/", "heritage/{item}/download.geojson", "heritage/{item}/dublin-core.xml",
    "heritage/feed/rss/", "heritage/feed/atom/", "heritage/download.csv", "timeline/",
    "heritage/download.json", "timeline/timelinejs.json", "timeline/events/{event}/",
    "timeline/people/", "timeline/people/{person}/", "timeline/kazakhstan-and-unesco/",
    "timeline/feed/atom/", "publications/", "publications/{work}/", "stories/",
    "publications/{work}/cite.bib", "stories/{story}/",
]  # fmt: skip
OAI = "/oai/?metadataPrefix=oai_dc&verb="
SITE_PAGES = [
    "/sitemap.xml", "/sitemap-heritage.xml", "/sitemap-events.xml", "/robots.txt",
    "/api/v1/", "/api/v1/heritage/", "/api/v1/heritage/{item}/", "/api/v1/events/",
    "/api/v1/publications/", "/reconcile/", "/oai/?verb=Identify", f"{OAI}ListIdentifiers",
    f"{OAI}GetRecord&identifier=oai:unesco.kz:heritage/{{item_id}}",
]  # fmt: skip
FIRST = "SELECT slug, id FROM {} WHERE status = 'published' ORDER BY {}id"
TABLES = {"event": ("timeline_event", ""), "person": ("timeline_person", ""),
          "story": ("stories_story", ""), "work": ("publications_publication", ""),
          "item": ("heritage_heritageitem", "latitude, ")}  # fmt: skip
WARM_UP, EDITOR_PAUSE, READERS = 15.0, 1.0, 3  # seconds; an editor is a person, not a script
RECOVER_WITHIN, MEMORY_GROWTH, IMPORT_ROWS, JOB_WAIT = 10.0, 0.10, 20, 120.0
UNFINISHED_JOBS = """SELECT id, file_name, status FROM archive_job
                     WHERE status IN ('queued', 'checking', 'writing')"""
MARKER = re.compile(r"\s*\[(lf-[\w-]+)\]\s*$")
Hit = collections.namedtuple("Hit", "who method path status began ended retry_after")


class Unavailable(Failure):
    """The site answered 503: its database is away."""


@dataclass
class Run:
    name: str
    began: float
    hits: list = field(default_factory=list)
    failures: list = field(default_factory=list)
    # (item id, language): the last returned save's marker, then failed ones' (may commit)
    allowed: dict = field(default_factory=lambda: collections.defaultdict(list))
    saves: collections.Counter = field(default_factory=collections.Counter)
    imports: dict = field(default_factory=dict)  # an import's prefix: the step it reached
    memory: list = field(default_factory=list)  # {worker pid: RSS MB} after warm-up, at end
    stopped_at: float = 0.0  # pg_ctl stop begun
    back_at: float = 0.0  # pg_ctl start returned: the database answers again


def pg(folder: Path, program: str, *args) -> None:
    """A PostgreSQL program on the run's own cluster (as postgres: initdb refuses root)."""
    if args == ("start",):
        args = ("-l", folder / "log", "-w", "-o", f"-p {PG_PORT} -k {folder} -h 127.0.0.1", *args)
    command = [str(PG_BIN / program), "-D", str(folder / "data"), *map(str, args)]
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        command = ["runuser", "-u", "postgres", "--", *command]
    if (done := subprocess.run(command, capture_output=True, text=True)).returncode:
        raise Failure(f"{program} {args[-1]}: {done.stderr.strip()}")


class Visitor(archive_jobs.Browser):
    """archive_jobs's browser, each request kept as a Hit; a 503 raises Unavailable."""

    def __init__(self, who: str, hits: list):
        super().__init__(f"http://127.0.0.1:{PORT}", limit=35, sampler=None)
        self.who, self.hits = who, hits  # shared by every visitor of the run

    def __call__(self, method: str, path: str, expect=(200,), **kwargs):
        began, status, retry, url = time.monotonic(), 0, False, self.base + path
        try:
            answer = self.session.request(method, url, allow_redirects=False, timeout=35, **kwargs)
            status, retry = answer.status_code, "Retry-After" in answer.headers
        except requests.RequestException as error:
            raise Failure(f"{method} {path}: no answer: {error!r}") from None
        finally:
            self.hits.append(Hit(self.who, method, path, status, began, time.monotonic(), retry))
        for cookie in self.session.cookies:  # Secure in production; sent to 127.0.0.1 too
            cookie.secure = False
        if status == 503:
            raise Unavailable(f"{method} {path} answered 503")
        if status not in expect:
            raise Failure(f"{method} {path} answered {status}: {answer.text[:200]!r}")
        return answer

    def sign_in(self) -> "Visitor":
        page = self("GET", "/admin/login/?next=/admin/").text
        fields = {"username": self.who, "password": PASSWORD}
        self.submit("/admin/login/?next=/admin/", page, "username", fields)
        return self


def change_form(page: str) -> dict:
    """The form as a browser sends it: form_with's fields, textareas, multiple selects."""
    fields, form = archive_jobs.form_with(page, "version"), page[page.index('method="post" id') :]
    for name, text in re.findall(r'<textarea name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        fields[name] = html.unescape(text).removeprefix("\n")
    for name, options in re.findall(
        r'<select name="([^"]+)"[^>]*multiple[^>]*>(.*?)</select>', form, re.S
    ):
        fields[name] = re.findall(r'<option value="([^"]*)"[^>]*selected', options)
    fields |= dict.fromkeys(re.findall(r'type="checkbox" name="([^"]+)"[^>]*checked>', form), "on")
    return fields


def public_paths() -> tuple[list[str], list[tuple]]:
    """Every kind of public page in each language and those without; the editors' items."""
    with psycopg.connect(DATABASE_URL) as conn:
        first = {name: conn.execute(FIRST.format(*of)).fetchone() for name, of in TABLES.items()}
        edited = conn.execute(FIRST.format("heritage_heritageitem", "")).fetchmany(len(EDITORS))
    slugs = {name: slug for name, (slug, _id) in first.items()} | {"item_id": first["item"][1]}
    paths = [f"/{language}/{page}" for language in LANGUAGES for page in PAGES] + SITE_PAGES
    paths += [f"/{language}/heritage/{slug}/" for slug, _ in edited for language in LANGUAGES] * 5
    return [path.format(**slugs) for path in paths], edited


def read_pages(visitor: Visitor, paths: list[str], finished: threading.Event) -> None:
    for path in itertools.cycle(random.sample(paths, len(paths))):
        if finished.is_set():
            return
        with contextlib.suppress(Failure):  # counted from its Hit
            visitor("GET", path)


def edit_item(editor: Visitor, slug: str, item_id: int, run: Run, finished) -> None:
    """Saves a changed summary, then reads the public page as anyone does."""
    change, public = f"/admin/heritage/heritageitem/{item_id}/change/", Visitor("check", run.hits)
    for number in itertools.count(1):
        if finished.wait(EDITOR_PAUSE):
            return
        language, marker = LANGUAGES[number % 3], f"lf-{editor.who}-{number}-{time.time_ns()}"
        summary, allowed = f"summary_{language}", run.allowed[item_id, language]
        try:
            fields = change_form(editor("GET", change).text)
            fields[summary] = f"{MARKER.sub('', fields[summary])} [{marker}]"
            saved = editor("POST", change, (302,), data={**fields, "_save": "Save"})
            if not saved.headers["Location"].endswith("/heritageitem/"):
                raise Failure(f"the save led to {saved.headers['Location']}")
        except Failure as error:
            allowed += [marker] if str(error).startswith(("POST", "the save")) else []
            if not isinstance(error, Unavailable):
                run.failures.append(f"{editor.who}: {error}")
            continue
        allowed[:], run.saves["returned"] = [marker], run.saves["returned"] + 1
        with contextlib.suppress(Failure):  # a 503 leaves it unchecked
            page = public("GET", f"/{language}/heritage/{slug}/")
            run.saves["checked on the public page"] += 1
            if marker not in page.text:
                cache = page.headers.get("X-Page-Cache")
                run.failures.append(f"stale: {slug} {language} lacks {marker} (cache: {cache})")


def import_then_undo(archivist: Visitor, run: Run, finished: threading.Event) -> None:
    """Imports a CSV through the admin, then undoes it; a 503 breaks a round off."""
    for prefix in (f"loadfaults-{run.name}-{number}" for number in itertools.count(1)):
        try:
            run.imports[prefix] = "upload"
            page = archivist("GET", LIST + "import-file/").text
            upload = {"file": (f"{prefix}.csv", csv_file(rows(IMPORT_ROWS, prefix)), "text/csv")}
            map_url = archivist.submit(LIST + "import-file/", page, "profile", files=upload)
            job = archivist.submit(map_url, archivist("GET", map_url).text, "column_0")
            page, run.imports[prefix] = archivist.job(job, "ready", JOB_WAIT), "confirm"
            job = archivist.submit(job, page, "fingerprint")
            page, run.imports[prefix] = archivist.job(job, "succeeded", JOB_WAIT), "imported"
            if (found := count_rows(prefix)) != IMPORT_ROWS:
                raise Failure(f"{found} of the {IMPORT_ROWS} imported rows in the database")
            ledger = re.search(r'href="/admin/archive/importrecord/(\d+)/change/"', page)[1]
            page = archivist("GET", undo := f"/admin/archive/importrecord/{ledger}/undo/").text
            run.imports[prefix] = "undo"
            job = archivist.submit(undo, page, "csrfmiddlewaretoken")
            archivist.job(job, "succeeded", JOB_WAIT)
            run.imports[prefix] = "undone"
            if found := count_rows(prefix):
                raise Failure(f"{found} imported rows still in the database after the undo")
        except (Failure, psycopg.OperationalError) as error:  # the latter: counting rows
            if not isinstance(error, Unavailable | psycopg.OperationalError):
                run.failures.append(f"archivist, {prefix} ({run.imports[prefix]}): {error}")
        if finished.wait(1):
            return


def count_rows(prefix: str) -> int:
    with psycopg.connect(DATABASE_URL) as conn:
        query = "SELECT count(*) FROM heritage_heritageitem WHERE slug LIKE %s"
        return conn.execute(query, [f"{prefix}-%"]).fetchone()[0]


def worker_memory(master: int) -> dict[int, float]:
    """RSS in MB of each gunicorn worker (the master's children)."""
    memory = {}
    for pid in Path(f"/proc/{master}/task/{master}/children").read_text().split():
        with contextlib.suppress(OSError):  # recycled meanwhile
            status = Path(f"/proc/{pid}/status").read_text()
            memory[int(pid)] = int(re.search(r"^VmRSS:\s+(\d+)", status, re.M)[1]) / 1024
    return memory


def supervise_worker(processes: list, env: dict, workdir: Path, exits: list, finished) -> None:
    """Starts run_worker again when it exits, as systemd would (docs/deployment.md)."""
    while not finished.wait(0.1):
        if processes[1].poll() is not None:
            exits.append((time.monotonic(), processes[1].returncode))
            with (workdir / "worker.log").open("ab") as out:
                command = [PYTHON, "manage.py", "run_worker"]
                processes[1] = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=out)


def load(run: Run, cluster: Path, master: int, args) -> None:
    finished, (paths, edited) = threading.Event(), public_paths()
    work = [(read_pages, Visitor("reader", run.hits), paths, finished) for _ in range(READERS)]
    for name, (slug, item_id) in zip(EDITORS, edited, strict=True):
        work.append((edit_item, Visitor(name, run.hits).sign_in(), slug, item_id, run, finished))
    work.append((import_then_undo, Visitor("archivist", run.hits).sign_in(), run, finished))
    threads = [threading.Thread(target=task, args=task_args) for task, *task_args in work]
    for thread in threads:
        thread.start()
    try:
        time.sleep(WARM_UP)
        run.memory.append(worker_memory(master))
        if run.name == "fault":
            time.sleep((args.duration - args.outage) / 2)
            run.stopped_at = time.monotonic()
            pg(cluster, "pg_ctl", "-m", "fast", "-w", "stop")
            time.sleep(args.outage)
            pg(cluster, "pg_ctl", "start")
            run.back_at = time.monotonic()
        time.sleep(max(0.0, run.began + WARM_UP + args.duration - time.monotonic()))
        run.memory.append(worker_memory(master))
    finally:
        finished.set()
        for thread in threads:
            thread.join()


def logged(path: Path, offset: int) -> collections.Counter:
    """The log's warnings and errors from ``offset`` on; 503s and the worker's waits counted."""
    found = collections.Counter()
    with path.open(errors="replace") as log:
        log.seek(offset)
        for line in log:  # JSON, but gunicorn's own lines
            gunicorn = {"level": re.search(r"\] \[(ERROR|CRITICAL)\]", line) and "ERROR"}
            record = json.loads(line) if line.startswith("{") else gunicorn | {"message": line}
            if record.get("level") in ("WARNING", "ERROR", "CRITICAL"):
                trace, logger = record.get("exc_info", ""), record.get("logger")
                away = "OperationalError" in trace and logger == "django.request"
                away |= logger == "archive.management.commands.run_worker"
                found["503" if away else f"{path.name}: {record['message']}\n{trace[-2000:]}"] += 1
    return found


def verdicts(run: Run, records: collections.Counter, worker_exits: list) -> list[str]:
    """Prints what the run measured; returns the targets it missed."""
    problems, statuses = list(run.failures), collections.defaultdict(collections.Counter)
    for hit in run.hits:
        phase = "before the outage" if hit.ended < run.stopped_at else "outage"
        phase = run.name if not run.stopped_at else "after" if hit.began > run.back_at else phase
        statuses[phase][hit.status] += 1
        away = run.stopped_at <= hit.ended and hit.began < run.back_at + RECOVER_WITHIN
        if hit.status not in (200, 302) and not (hit.status == 503 and away and hit.retry_after):
            status = f"{hit.status or 'no answer'}{'' if hit.retry_after else ' (no Retry-After)'}"
            problems.append(f"{status}: {hit.who} {hit.method} {hit.path} ({phase})")
    for phase, counts in statuses.items():
        listed = ", ".join(f"{code or 'no answer'} × {n:,}" for code, n in sorted(counts.items()))
        print(f"  {phase}: {sum(counts.values()):,} requests: {listed}")
    if run.stopped_at:
        unavailable = [h.ended - run.back_at for h in run.hits if h.status == 503]
        print(f"  database away {run.back_at - run.stopped_at:.1f} s; the last 503 ended "
              f"{max(unavailable, default=0):+.1f} s from pg_ctl start's return")  # fmt: skip
        if max(unavailable, default=0) > RECOVER_WITHIN:
            problems.append(f"pages did not recover within {RECOVER_WITHIN:.0f} s")
        if not unavailable:
            problems.append("no 503 during the outage: was the database stopped?")
    print(f"  saves: {dict(run.saves)}, stale: {sum('stale' in f for f in run.failures)}")
    print(f"  import rounds by the step they reached: {collections.Counter(run.imports.values())}")
    if "undone" not in run.imports.values() or not run.saves["returned"]:
        problems.append("no save returned, or no import was written and undone")
    (before, after), mean = run.memory, lambda memory: sum(memory.values()) / len(memory)
    growths = [mean(after) / mean(before)] + [after[p] / before[p] for p in before if p in after]
    print(f"  {len(before)} workers' RSS: {mean(before):.0f} MB after the warm-up, "
          f"{mean(after):.0f} MB at the end; grown (the mean, then each worker not recycled "
          f"meanwhile): {', '.join(f'{g - 1:+.1%}' for g in growths)}")  # fmt: skip
    if max(growths) >= 1 + MEMORY_GROWTH:
        problems.append(f"the workers' memory grew by {MEMORY_GROWTH:.0%} or more")
    if exits := [round(moment - run.began) for moment, _ in worker_exits if moment > run.began]:
        problems.append(f"run_worker exited {len(exits)}×, at {exits} s into the run")
    print(f"  errors logged for the 503 answers: {records.pop('503', 0)}")
    problems += [f"logged {n}×: {what.strip()}" for what, n in records.items()]
    with psycopg.connect(DATABASE_URL) as conn:  # saves that returned are in the database
        for job, name, status in conn.execute(UNFINISHED_JOBS):
            problems.append(f"job {job} ({name}) still {status} after the run")
        for (item_id, language), allowed in run.allowed.items():
            query = f"SELECT summary_{language} FROM heritage_heritageitem WHERE id = %s"
            found = MARKER.search(conn.execute(query, [item_id]).fetchone()[0] or "")
            if allowed and (not found or found[1] not in allowed):
                problems.append(f"lost save: item {item_id}'s summary_{language}: {allowed[0]}")
    expected = {"imported": (IMPORT_ROWS,), "confirm": (0, IMPORT_ROWS), "undo": (0, IMPORT_ROWS)}
    for prefix, step in run.imports.items():  # each import: all its rows or none
        if (found := count_rows(prefix)) not in expected.get(step, (0,)):
            problems.append(f"{prefix} ({step}): {found} rows in the database afterwards")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=120, help="seconds of load per run")
    parser.add_argument("--outage", type=float, default=10, help="seconds without database")
    parser.add_argument("--no-fault", action="store_true", help="the clean run only")
    parser.add_argument("--workers", type=int, default=0, help="WEB_CONCURRENCY (0: as configured)")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/9", help="emptied!")
    parser.add_argument("--keep", action="store_true", help="keep the folders with the logs")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # clean up as after Ctrl-C
    cache, started = redis.Redis.from_url(args.redis_url), time.monotonic()
    if any(not key.startswith(b"kzunesco:") for key in cache.scan_iter(count=1000)):
        raise SystemExit(f"{args.redis_url} holds keys that are not the site's: use another")
    workdir, cluster = (Path(tempfile.mkdtemp(prefix=f"kzbench-{n}-")) for n in ("faults", "pg"))
    processes, problems, exits, finished = [], [], [], threading.Event()
    try:
        pg(cluster, "initdb", "-A", "trust", "-U", "postgres", "--no-sync")
        pg(cluster, "pg_ctl", "start")
        env = archive_jobs.environment(DATABASE_URL, workdir, PORT) | {"REDIS_URL": args.redis_url}
        env |= {"WEB_CONCURRENCY": str(args.workers)} if args.workers else {}
        cache.flushdb()
        for command in ("migrate --noinput", "load_documents", "collectstatic --noinput -v0"):
            archive_jobs.manage(env, *command.split())
        archive_jobs.manage(env, "shell", "-c", USERS)
        archive_jobs.start(env, workdir, processes)
        supervisor = (processes, env, workdir, exits, finished)
        threading.Thread(target=supervise_worker, args=supervisor, daemon=True).start()
        print(f"Ready in {time.monotonic() - started:.0f} s", flush=True)
        for name in ("clean", *(() if args.no_fault else ("fault",))):
            offsets = {log: log.stat().st_size for log in workdir.glob("*.log")}
            print(f"\n{name} run: {WARM_UP:.0f} s warm-up, then {args.duration:.0f} s", flush=True)
            load(run := Run(name, time.monotonic()), cluster, processes[0].pid, args)
            time.sleep(1)  # the last log lines
            records = sum((logged(log, at) for log, at in offsets.items()), collections.Counter())
            problems += [f"{name} run: {problem}" for problem in verdicts(run, records, exits)]
    except Failure as error:
        problems.append(str(error))
    finally:
        finished.set()
        time.sleep(0.3)  # so that the supervisor does not start run_worker again
        for process in processes:
            archive_jobs.stop(process)
        with contextlib.suppress(Failure):  # not started, or stopped already
            pg(cluster, "pg_ctl", "-m", "immediate", "-w", "stop")
        cache.flushdb()
        for folder in (workdir, cluster):
            print(f"Kept: {folder}") if args.keep else shutil.rmtree(folder, ignore_errors=True)
    print(f"\nThe whole run took {time.monotonic() - started:.0f} s.")
    if problems:
        sys.exit("\nMissed targets:\n" + "\n".join(f"- {p}" for p in dict.fromkeys(problems)))
    print("Every target met.")


if __name__ == "__main__":
    main()
