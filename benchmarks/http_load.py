"""Public pages under load, against a hello-world view measured in the same run.

    .venv/bin/python benchmarks/http_load.py [--write-readme] [--duration 3] [--items 10000]
                                             [--databases sqlite postgres]

For each database it builds a throw-away database (migrate, the documents, `demo_data`
with --items heritage items), runs gunicorn with the production settings (gunicorn.conf.py)
on 127.0.0.1, and drives it with Debian's wrk: first the hello-world view with the page
cache off (the baseline: Django's whole middleware stack and nothing else) and the site's
empty frame (base.html, a reference: what every page costs before its content), then each
page uncached (PAGE_CACHE_SECONDS=0) and cached (a fresh gunicorn with the page cache on:
in each worker's memory, as on one server, then in Redis, as with several app servers;
--redis-url '' leaves Redis out). It prints requests/s, p50, p99 and the ratio to hello
for each, checks the targets, and with --write-readme rewrites the results table in
benchmarks/results/http_load.md.
"""

import argparse
import datetime
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
POSTGRES = "postgres://postgres@127.0.0.1:5432"
BENCH_DB = "kzunesco_bench_http"

PAGES = {
    "home": "/{lang}/",
    "heritage list": "/{lang}/heritage/",
    "heritage list, filtered": "/{lang}/heritage/?kind=world&region=zhambyl-region",
    "heritage detail": "/{lang}/heritage/mausoleum-of-khoja-ahmed-yasawi/",
    "heritage map": "/{lang}/heritage/map/",
    "timeline": "/{lang}/timeline/",
    "event detail": "/{lang}/timeline/events/bergson-appeal-for-funds/",
    "publications": "/{lang}/publications/",
    "publication detail": (
        "/{lang}/publications/dissertation-kazakhstan-unesco-humanitarian-security/"
    ),
    "story": "/{lang}/stories/silk-roads-in-kazakhstan/",
    "search": "/{lang}/search/?q=Tamgaly",
}
# base.html with nothing in it: what every page costs before its content (a reference).
FRAME = "/bench/frame/"
# Uncached, the list and detail pages have a target (the others are references), in
# English; cached, every page in every language.
UNCACHED_TARGETED = {"heritage list", "heritage list, filtered", "heritage detail", "timeline",
                     "event detail", "publications", "publication detail", "search"}  # fmt: skip
UNCACHED_LANGUAGES, CACHED_LANGUAGES = ("en",), ("kk", "ru", "en")
TARGETS = {"uncached": 0.10, "cached": 0.80, "tail": 1.3}
README = ROOT / "benchmarks" / "results" / "http_load.md"
NAMES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
START, END = "<!-- http-load:start -->", "<!-- http-load:end -->"


@dataclass
class Result:
    database: str
    page: str
    mode: str  # "uncached", "memory" or "Redis"
    rps: float
    p50_ms: float
    p99_ms: float
    ratio: float = 1.0
    hello_spread: float = 0.0  # hello world's p99/p50 in the same run

    @property
    def cached(self) -> bool:
        return self.mode != "uncached"

    @property
    def spread(self) -> float:
        return self.p99_ms / self.p50_ms if self.p50_ms else 0.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(
    database_url: str, *, cache_seconds: int, port: int, workers: int, redis_url: str = ""
) -> dict:
    return {
        **{k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "MEDIA_STORAGE")},
        "REDIS_URL": redis_url,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "SECURE_SSL_REDIRECT": "0",
        "PAGE_CACHE_SECONDS": str(cache_seconds),
        "PAGE_CACHE_STATE_FILE": str(Path(tempfile.gettempdir()) / f"kzunesco-bench-{port}"),
        "PORT": str(port),
        "WEB_CONCURRENCY": str(workers),
        # Steady state: no worker recycling (with its cold start) in the middle of a row.
        "GUNICORN_MAX_REQUESTS": "0",
        "PYTHONPATH": str(ROOT),
    }


def manage(env: dict, *args: str) -> None:
    command = [PYTHON, "manage.py", *args]
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def prepare(database: str, items: int, workdir: Path) -> str:
    if database == "sqlite":
        url = f"sqlite:///{workdir / 'bench.sqlite3'}"
    else:
        import psycopg

        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {BENCH_DB}")
        url = f"{POSTGRES}/{BENCH_DB}"
    env = environment(url, cache_seconds=0, port=0, workers=1)
    started = time.perf_counter()
    manage(env, "migrate", "--noinput")
    manage(env, "load_documents")
    manage(env, "demo_data", "--heritage-items", str(items))
    settle(database, url)
    print(f"  {database}: database ready in {time.perf_counter() - started:.0f} s", flush=True)
    return url


def settle(database: str, url: str) -> None:
    """PostgreSQL's visibility map as autovacuum leaves it on a running server, shortly
    after a bulk load (demo_data has already refreshed the planner's statistics): without
    it the list counts read the whole table (6.6 ms for 10,000 items) instead of only an
    index (1.6 ms). SQLite has no such map."""
    if database != "postgres":
        return
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM")


def start_gunicorn(env: dict, log) -> subprocess.Popen:
    """gunicorn with gunicorn.conf.py, as `make serve` runs it, its output into ``log``."""
    command = [str(Path(PYTHON).parent / "gunicorn"), "--config", "gunicorn.conf.py"]
    return subprocess.Popen(
        [*command, "kzunesco_site.wsgi"], cwd=ROOT, env=env, stdout=log, stderr=log
    )


class Server:
    """gunicorn as `make serve` runs it, with its output in a log file."""

    def __init__(
        self, database_url: str, *, cache_seconds: int, workers: int, log: Path, redis_url: str
    ):
        self.port = free_port()
        env = environment(
            database_url,
            cache_seconds=cache_seconds,
            port=self.port,
            workers=workers,
            redis_url=redis_url,
        )
        if redis_url:
            import redis

            redis.Redis.from_url(redis_url).flushdb()
        Path(env["PAGE_CACHE_STATE_FILE"]).unlink(missing_ok=True)
        self.log = log.open("ab")
        self.process = start_gunicorn(env, self.log)
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.base}/healthz", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise SystemExit(f"gunicorn did not answer on {self.base}; see {log}")

    def warm(self, path: str, connections: int) -> None:
        """Check the page answers, then load it for a second from as many connections
        as the measurement uses, so every worker has rendered (and cached) it once."""
        with urllib.request.urlopen(self.base + path, timeout=30) as response:
            if response.status != 200:
                raise SystemExit(f"{path} answered {response.status}")
        wrk(self.base + path, duration=1, connections=connections)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def wrk(url: str, *, duration: int, connections: int) -> tuple[float, float, float]:
    output = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency", url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    if "Non-2xx or 3xx responses" in output or "Socket errors" in output:
        raise SystemExit(f"wrk saw errors on {url}:\n{output}")

    def latency(percent: str) -> float:
        value, unit = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.M).groups()
        return float(value) * UNITS[unit]

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    return rps, latency("50"), latency("99")


def run(database: str, args, workdir: Path) -> list[Result]:
    url = prepare(database, args.items, workdir)
    results = []
    log = workdir / f"gunicorn-{database}.log"
    measure = {"duration": args.duration, "connections": args.connections}
    modes = [("uncached", 0, ""), ("memory", 600, "")]
    if args.redis_url:
        modes.append(("Redis", 600, args.redis_url))
    for mode, seconds, redis_url in modes:
        server = Server(
            url, cache_seconds=seconds, workers=args.workers, log=log, redis_url=redis_url
        )
        try:
            if mode == "uncached":
                server.warm("/bench/hello/", args.connections)
                rps, p50, p99 = wrk(server.base + "/bench/hello/", **measure)
                hello = Result(database, "hello world", mode, rps, p50, p99)
                results.append(hello)
                print(f"  {database}: hello world {rps:,.0f} requests/s", flush=True)
                server.warm(FRAME, args.connections)
                rps, p50, p99 = wrk(server.base + FRAME, **measure)
                frame = Result(database, "site frame", mode, rps, p50, p99, rps / hello.rps)
                frame.hello_spread = hello.spread
                results.append(frame)
                print(f"  {database}: site frame {rps / hello.rps:.2f} × hello", flush=True)
            languages = UNCACHED_LANGUAGES if mode == "uncached" else CACHED_LANGUAGES
            for page, pattern in PAGES.items():
                for lang in languages:
                    path = pattern.format(lang=lang)
                    server.warm(path, args.connections)
                    rps, p50, p99 = wrk(server.base + path, **measure)
                    name = f"{page} ({lang})"
                    result = Result(database, name, mode, rps, p50, p99, rps / hello.rps)
                    result.hello_spread = hello.spread
                    results.append(result)
                    state = "uncached" if mode == "uncached" else f"cached in {mode}"
                    print(f"  {database}: {name}, {state}: {rps:,.0f} requests/s, "
                          f"{result.ratio:.2f} × hello", flush=True)  # fmt: skip
        finally:
            server.stop()
    return results


def verdicts(results: list[Result]) -> dict[str, list[str]]:
    """The rows that miss each target, by target."""
    misses = {
        "uncached list and detail pages ≥ 0.10 × hello": [],
        "cached pages ≥ 0.8 × hello": [],
        "p99/p50 ≤ 1.3 × hello's p99/p50": [],
    }
    for r in results:
        if r.page in ("hello world", "site frame"):
            continue
        where = f"{NAMES[r.database]} {r.page}, {r.mode}"
        page = r.page.rsplit(" (", 1)[0]
        if r.cached and r.ratio < TARGETS["cached"]:
            misses["cached pages ≥ 0.8 × hello"].append(f"{where} ({r.ratio:.2f})")
        if not r.cached and page in UNCACHED_TARGETED and r.ratio < TARGETS["uncached"]:
            misses["uncached list and detail pages ≥ 0.10 × hello"].append(
                f"{where} ({r.ratio:.2f})"
            )
        tail = r.spread / r.hello_spread if r.hello_spread else 0.0
        if tail > TARGETS["tail"]:
            misses["p99/p50 ≤ 1.3 × hello's p99/p50"].append(f"{where} ({tail:.2f})")
    return misses


def table(results: list[Result], args) -> str:
    lines = [
        f"Run of {datetime.date.today():%Y-%m-%d}: {args.items:,} demo heritage items "
        f"(`make demo-data`) on top of the documents, gunicorn with {args.workers} sync "
        f"workers, wrk with {args.connections} connections for {args.duration} s per row, "
        f"on {os.cpu_count()} cores shared by server, database and wrk. Page cache: off, "
        f"in each worker's memory (one server), or in Redis (several servers).",
        "",
        "| database | page | page cache | requests/s | p50 ms | p99 ms | p99/p50 "
        "| tail ÷ hello's | × hello |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        cache = "—" if r.page == "hello world" else r.mode
        tail = f"{r.spread / r.hello_spread:.2f}" if r.hello_spread else "—"
        lines.append(
            f"| {NAMES[r.database]} | {r.page} | {cache} | {r.rps:,.0f} | {r.p50_ms:.2f} "
            f"| {r.p99_ms:.2f} | {r.spread:.2f} | {tail} | {r.ratio:.2f} |"
        )
    lines += ["", "Targets in this run:", ""]
    for target, rows in verdicts(results).items():
        lines.append(f"- {target}: " + (f"missed by {'; '.join(rows)}." if rows else "met."))
    return "\n".join(lines)


def write_readme(text: str) -> None:
    readme = README.read_text()
    before, _, rest = readme.partition(START)
    _, _, after = rest.partition(END)
    README.write_text(f"{before}{START}\n{text}\n{END}{after}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--databases", nargs="+", default=["sqlite", "postgres"],
                        choices=["sqlite", "postgres"])  # fmt: skip
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--duration", type=int, default=3)
    # One worker per core and as many connections: the CPU's throughput, without the
    # scheduler noise of more runnable processes than cores (production runs 2 × cores + 1
    # workers, for the time they wait on the database).
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--connections", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--redis-url",
        default="redis://127.0.0.1:6379/14",
        help="the cache of the cached runs, flushed first ('' for local memory per worker)",
    )
    parser.add_argument("--write-readme", action="store_true",
                        help=f"rewrite the results in {README.relative_to(ROOT)}")  # fmt: skip
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    started = time.perf_counter()
    env = environment("sqlite://:memory:", cache_seconds=0, port=0, workers=1)
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    results = []
    with tempfile.TemporaryDirectory(prefix="kzunesco-bench-") as workdir:
        for database in args.databases:
            results += run(database, args, Path(workdir))
    text = table(results, args)
    print()
    print(text)
    print(f"\nThe whole run took {time.perf_counter() - started:.0f} s.")
    if args.write_readme:
        write_readme(text)
        print(f"Table written to {README.relative_to(ROOT)}.")


if __name__ == "__main__":
    main()
