"""A whole OAI-PMH harvest of the demo archive, against a hello-world baseline.

    .venv/bin/python benchmarks/oai_harvest.py [--databases sqlite postgres] [--items 10000]
                                               [--edits 300]

For each database it builds a throw-away database as http_load.py does (migrate, the
documents, `demo_data` with --items heritage items and its events and publications) and
runs gunicorn with the production settings. A harvester (Sickle 0.7.0, as
tests/opendata/oai/test_harvest.py uses) then takes every record's identifier
(ListIdentifiers) and every record (ListRecords, oai_dc), page after page by resumption
token, while the server is otherwise idle; then ListRecords again while another process
edits --edits published records, one at a time, as staff would. It checks:

- a harvest gives every published record once: none missing, none twice;
- during edits, none missing, and only a record edited after the harvest reached it is
  given again, in its new state (the design: a harvester ends with every record as it is;
  tests/opendata/oai/test_tokens.py), the harvest ending all the same; an incremental
  harvest (``from`` the first one's start) then gives exactly the records edited.

It prints records/s and the harvest's pages/s against hello world (/bench/hello/,
requested one at a time by the same client), and exits non-zero on a missing or repeated
identifier.
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from sickle import Sickle

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script
from benchmarks.http_load import PYTHON, ROOT, Server, environment, prepare  # noqa: E402

HELLO_REQUESTS = 300
EXPECTED = """
import json
from opendata.oai import conf, records
prefix = f"oai:{conf.repository_identifier()}:"
print(json.dumps([f"{prefix}{s.spec}/{pk}" for s in records.SOURCES
                  for pk in s.model.objects.published().values_list("pk", flat=True)]))
"""
EDITS = """
import random, time
from heritage.models import HeritageItem
pks = list(HeritageItem.objects.published().values_list("pk", flat=True))
edited = random.Random(1).sample(pks, min({count}, len(pks)))
for pk in edited:
    item = HeritageItem.objects.get(pk=pk)
    item.summary_en = (item.summary_en or "") + " (checked)"
    item.save()
    time.sleep(0.01)
print(" ".join(str(pk) for pk in edited))
"""


def shell(env: dict, code: str) -> str:
    command = [PYTHON, "manage.py", "shell", "--no-imports", "-c", code]
    return subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True,
                          text=True).stdout  # fmt: skip


def hello_rate(base: str) -> float:
    started = time.perf_counter()
    for _ in range(HELLO_REQUESTS):
        with urllib.request.urlopen(f"{base}/bench/hello/", timeout=10) as response:
            response.read()
    return HELLO_REQUESTS / (time.perf_counter() - started)


def harvest(base: str, verb: str, **arguments) -> tuple[list[str], float, int]:
    """Every identifier a list gives (deleted ones too), the seconds it took, its pages."""
    sickle = Sickle(f"{base}/oai/", max_retries=0, timeout=120)
    pages = 0
    original = sickle.harvest

    def counted(**kwargs):
        nonlocal pages
        pages += 1
        return original(**kwargs)

    sickle.harvest = counted
    started = time.perf_counter()
    items = getattr(sickle, verb)(metadataPrefix="oai_dc", ignore_deleted=False, **arguments)
    identifiers = [
        (item.identifier if verb == "ListIdentifiers" else item.header.identifier) for item in items
    ]
    return identifiers, time.perf_counter() - started, pages


def check(
    name: str, harvested: list[str], expected: set[str], may_repeat: frozenset = frozenset()
) -> list[str]:
    repeated = [i for i, n in Counter(harvested).items() if n > 1 and i not in may_repeat]
    missing = expected - set(harvested)
    problems = []
    if repeated:
        problems.append(f"{name}: {len(repeated)} identifiers twice, e.g. {repeated[:3]}")
    if missing:
        problems.append(f"{name}: {len(missing)} missing, e.g. {sorted(missing)[:3]}")
    return problems


def run(database: str, args, workdir: Path) -> list[str]:
    url = prepare(database, args.items, workdir)
    env = environment(url, cache_seconds=0, port=0, workers=1)
    expected = set(json.loads(shell(env, EXPECTED)))
    prefix = next(iter(expected)).rpartition(":")[0] + ":"  # oai:<repository>:
    server = Server(url, cache_seconds=0, workers=args.workers, log=workdir / "gunicorn.log",
                    redis_url="")  # fmt: skip
    problems = []
    try:
        hello = hello_rate(server.base)
        print(f"  {database}: {len(expected):,} published records; hello world "
              f"{hello:,.0f} requests/s, one at a time", flush=True)  # fmt: skip
        for verb in ("ListIdentifiers", "ListRecords"):
            identifiers, seconds, pages = harvest(server.base, verb)
            problems += check(f"{database} {verb}", identifiers, expected)
            print(f"  {database}: {verb}: {len(identifiers):,} records in {seconds:.1f} s, "
                  f"{len(identifiers) / seconds:,.0f} records/s, {pages} pages, "
                  f"{pages / seconds / hello:.3f} × hello", flush=True)  # fmt: skip
        began = datetime.now(UTC).replace(microsecond=0)
        editor = subprocess.Popen(
            [PYTHON, "manage.py", "shell", "--no-imports", "-c",
             EDITS.format(count=args.edits)],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        during, seconds, _pages = harvest(server.base, "ListRecords")
        output, _errors = editor.communicate(timeout=600)
        edited = frozenset(f"{prefix}heritage/{pk}" for pk in output.split())
        time.sleep(1)  # the next harvest's ``from`` is at second granularity
        following, _s, _p = harvest(
            server.base, "ListRecords", **{"from": began.strftime("%Y-%m-%dT%H:%M:%SZ")}
        )
        problems += check(f"{database} during {args.edits} edits", during, expected, edited)
        problems += check(f"{database} the next harvest", following, edited)
        if set(following) - edited:
            problems.append(f"{database}: the next harvest gave records not edited")
        again = len(during) - len(set(during))
        print(f"  {database}: during {args.edits} edits: {len(set(during)):,} records in "
              f"{seconds:.1f} s, {again} given again after an edit; the next harvest gave "
              f"{len(following)} (the records edited)", flush=True)  # fmt: skip
    finally:
        server.stop()
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--databases", nargs="+", default=["sqlite", "postgres"])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--edits", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    problems = []
    with tempfile.TemporaryDirectory(prefix="kzunesco-oai-") as workdir:
        for database in args.databases:
            problems += run(database, args, Path(workdir))
    for problem in problems:
        print(f"PROBLEM {problem}")
    raise SystemExit(1 if problems else 0)


if __name__ == "__main__":
    main()
