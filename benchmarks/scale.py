"""Every public page type on the shipped data and at 100 times the data, side by side.

    .venv/bin/python benchmarks/scale.py [--items 100000] [--database-url URL] [--keep DIR]

Two throw-away databases: the documents' data alone (what `make run` ships) and the same
with `demo_data --heritage-items ITEMS` (100,000 heritage items, 20,000 events, 10,000
publications). In one process with the production settings and the page cache off, each
page is requested a few times on each database; the script prints, per page, the queries
made (they must be the same: a count that grows with the data fails the run) and the
median time at 100× over the median on the shipped data (the target: at most 2). The
baseline of the same run, the hello-world view, shows the machine's own speed. Downloads
also report the peak memory they added while streaming, against the shipped data's.

On PostgreSQL (--database-url postgres://…/name) both databases are made under that name
with the suffixes _shipped and _scaled, and dropped at the end.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.http_load import settle  # noqa: E402 (after the path above)

PAGES = {
    "home": "/{lang}/",
    "heritage list": "/{lang}/heritage/",
    "heritage list, filtered": "/{lang}/heritage/?kind=world&region=zhambyl-region",
    "heritage list, a region": "/{lang}/heritage/?region=zhambyl-region",
    "heritage list, last page": "/{lang}/heritage/?page=last",
    "heritage detail": "/{lang}/heritage/mausoleum-of-khoja-ahmed-yasawi/",
    "heritage map": "/{lang}/heritage/map/",
    "timeline": "/{lang}/timeline/",
    "event detail": "/{lang}/timeline/events/bergson-appeal-for-funds/",
    "people": "/{lang}/timeline/people/",
    "facts and figures": "/{lang}/timeline/kazakhstan-and-unesco/",
    "publications": "/{lang}/publications/",
    "publication detail": (
        "/{lang}/publications/dissertation-kazakhstan-unesco-humanitarian-security/"
    ),
    "stories": "/{lang}/stories/",
    "story": "/{lang}/stories/silk-roads-in-kazakhstan/",
    "search": "/{lang}/search/?q=Tamgaly",
    "search, a typo": "/{lang}/search/?q=Tamgli",
    "heritage feed": "/{lang}/heritage/feed/rss/",
    "sitemap index": "/sitemap.xml",
    "sitemap of heritage": "/sitemap-heritage.xml",
    "API list": "/api/v1/heritage/",
    "API detail": "/api/v1/heritage/mausoleum-of-khoja-ahmed-yasawi/",
    "OAI-PMH ListRecords": "/oai/?verb=ListRecords&metadataPrefix=oai_dc",
    "reconciliation": "/reconcile/?queries=%7B%22q0%22%3A%7B%22query%22%3A%22Tamgali%22%7D%7D",
}
DOWNLOADS = {
    "heritage download, CSV": "/{lang}/heritage/download.csv",
    "heritage download, GeoJSON": "/{lang}/heritage/download.geojson",
}
TARGET = 2.0  # time at 100× over time on the shipped data


def environment(database_url: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "SECRET_KEY": "scale-benchmark-" + "x" * 50,
        "ALLOWED_HOSTS": "testserver,127.0.0.1",
        "DATABASE_URL": database_url,
        "SECURE_SSL_REDIRECT": "0",
        "PAGE_CACHE_SECONDS": "0",
        "REDIS_URL": "",
        "PYTHONPATH": str(ROOT),
    }


def manage(database_url: str, *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT, env=environment(database_url), check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip


def build(database_url: str, items: int) -> float:
    started = time.perf_counter()
    manage(database_url, "migrate", "--noinput")
    manage(database_url, "load_documents")
    if items:
        manage(database_url, "demo_data", "--heritage-items", str(items))
    settle("postgres" if database_url.startswith("postgres") else "sqlite", database_url)
    return time.perf_counter() - started


def measure(database_url: str, repeats: int, lang: str) -> dict:
    """Queries, median seconds and (downloads) peak memory of each page, measured in a
    child process, so that each database has a fresh Django."""
    code = f"""
import json, os, statistics, sys, time, tracemalloc
import django
django.setup()
import logging
logging.disable(logging.CRITICAL)
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
pages, downloads, repeats = {PAGES!r}, {DOWNLOADS!r}, {repeats}
client = Client()
def timed(path, stream=False):
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    if stream:  # read to its end: a stream left open holds a cursor of the connection,
        for _chunk in response.streaming_content:  # which PostgreSQL's driver then
            pass  # waits on for ever when it closes it, in the middle of another query
    times = []
    for _ in range(1 if stream else repeats):  # a download of 100,000 rows takes a while
        started = time.perf_counter()
        response = client.get(path)
        if stream:
            for _chunk in response.streaming_content:
                pass
        times.append(time.perf_counter() - started)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
        if stream:
            for _chunk in response.streaming_content:
                pass
    return statistics.median(times), len(queries)
results = {{"hello world": [*timed("/bench/hello/"), 0]}}
for name, path in pages.items():
    results[name] = [*timed(path.format(lang="{lang}")), 0]
for name, path in downloads.items():
    path = path.format(lang="{lang}")
    seconds, queries = timed(path, stream=True)
    # The peak over the first 50 pieces written, then over all the others: a stream's
    # memory must not grow as it goes on.
    tracemalloc.start()
    early = 0
    for number, _chunk in enumerate(client.get(path).streaming_content):
        if number == 50:
            early = tracemalloc.get_traced_memory()[1]
            tracemalloc.reset_peak()
    late = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    results[name] = [seconds, queries, [early or late, late if early else 0]]
print(json.dumps(results))
"""
    child = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT, env=environment(database_url), capture_output=True, text=True,
    )  # fmt: skip
    if child.returncode:
        sys.exit(f"Measuring {database_url} failed:\n{child.stderr[-3000:]}")
    output = child.stdout
    import json

    return json.loads(output.strip().splitlines()[-1])


def databases(args, workdir: Path) -> tuple[str, str]:
    if not args.database_url:
        return f"sqlite:///{workdir / 'shipped.sqlite3'}", f"sqlite:///{workdir / 'scaled.sqlite3'}"
    import psycopg

    base, _, name = args.database_url.rpartition("/")
    urls = []
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        for suffix in ("shipped", "scaled"):
            conn.execute(f"DROP DATABASE IF EXISTS {name}_{suffix} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {name}_{suffix}")
            urls.append(f"{base}/{name}_{suffix}")
    return urls[0], urls[1]


def drop(args) -> None:
    if not args.database_url:
        return
    import psycopg

    base, _, name = args.database_url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        for suffix in ("shipped", "scaled"):
            conn.execute(f"DROP DATABASE IF EXISTS {name}_{suffix} WITH (FORCE)")


def report(shipped: dict, scaled: dict, items: int) -> list[str]:
    print(f"\n| page | queries (shipped / {items:,} items) | ms shipped | ms at 100× | ratio |")
    print("|---|---|---:|---:|---:|")
    misses = []
    for name in shipped:
        seconds, queries, peak = shipped[name]
        seconds_100, queries_100, peak_100 = scaled[name]
        ratio = seconds_100 / seconds
        memory = ""
        if peak:
            early, late = (value / 1e6 for value in peak_100)
            memory = f"; peak at 100×: {early:.1f} MB (first 50 pieces), {late:.1f} MB (the rest)"
        print(
            f"| {name} | {queries} / {queries_100} | {seconds * 1000:.1f} "
            f"| {seconds_100 * 1000:.1f} | {ratio:.2f}{memory} |"
        )
        if name == "hello world":
            continue
        if peak:  # a download: its time and queries (a few per chunk) grow with its rows
            early, late = peak_100
            if late > 1.5 * early + 1e6:
                misses.append(f"{name}: memory grew from {early / 1e6:.1f} to {late / 1e6:.1f} MB")
            continue
        if queries_100 != queries:
            misses.append(f"{name}: {queries} queries grew to {queries_100}")
        if ratio > TARGET:
            misses.append(f"{name}: {ratio:.1f} × the time on the shipped data")
    return misses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--database-url", default="", help="PostgreSQL; SQLite files if empty")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--lang", default="en", choices=["kk", "ru", "en"])
    parser.add_argument("--keep", default="", help="a folder for the SQLite files, kept")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kzunesco-scale-") as temporary:
        workdir = Path(args.keep or temporary)
        workdir.mkdir(parents=True, exist_ok=True)
        shipped_url, scaled_url = databases(args, workdir)
        try:
            for url, items in ((shipped_url, 0), (scaled_url, args.items)):
                if args.keep and url.startswith("sqlite") and Path(url[10:]).exists():
                    continue
                seconds = build(url, items)
                print(
                    f"Built the database with {items:,} demo items in {seconds:.0f} s", flush=True
                )
            # The pages name their static files by the manifest, as in production.
            manage(shipped_url, "collectstatic", "--noinput", "--verbosity", "0")
            shipped = measure(shipped_url, args.repeats, args.lang)
            scaled = measure(scaled_url, args.repeats, args.lang)
        finally:
            if not args.keep:
                drop(args)
    misses = report(shipped, scaled, args.items)
    hello = scaled["hello world"][0] / shipped["hello world"][0]
    print(f"\nhello world at 100× over shipped (the machine's drift): {hello:.2f}")
    print("\nTargets: " + ("met." if not misses else "missed by\n- " + "\n- ".join(misses)))
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
