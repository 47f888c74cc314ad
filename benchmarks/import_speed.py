"""Import speed against bulk_create, measured in one run on a throw-away database.

    .venv/bin/python benchmarks/import_speed.py [--rows 10000 100000] [--database-url URL]

For each size it times (1) bulk_create of the rows as ready model instances with their
region links — the baseline — and the same with the revisions an import also writes
(django-simple-history's bulk API), and (2) the project's import path on the same rows
as a CSV file (read, check, plan, write, revisions, ledger), and reports rows/second, the
ratios, and queries per 1,000 rows. Then it runs `manage.py import_data` on the largest
file in a separate process and reports its time and peak memory.
"""

import argparse
import csv
import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kzunesco_site.settings.dev")
    os.environ["DEBUG"] = "0"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


REGIONS = ["almaty-region", "zhambyl-region", "turkistan-region"]


def rows(count: int, prefix: str) -> list[list]:
    header = [
        "slug", "kind", "name_en", "name_ru", "name_kk", "summary_en", "category",
        "year_inscribed", "unesco_reference", "latitude", "longitude", "regions",
    ]  # fmt: skip
    body = [
        [
            f"{prefix}-{i}",
            "world",
            f"Site {i}",
            f"Объект {i}",
            f"Нысан {i}",
            f"A site of the benchmark, number {i}.",
            "cultural",
            str(1990 + i % 35),
            str(100000 + i),
            f"{40 + (i % 1000) / 100:.6f}",
            f"{60 + (i % 2000) / 100:.6f}",
            "|".join(REGIONS[: 1 + i % 2]),
        ]
        for i in range(count)
    ]
    return [header, *body]


def csv_file(table: list[list]) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(table)
    return buffer.getvalue().encode()


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def clear() -> None:
    from archive.models import ImportRecord
    from heritage.models import HeritageItem

    HeritageItem.objects.all().delete()
    ImportRecord.objects.all().delete()


def baseline(table: list[list], *, revisions: bool = False) -> float:
    """bulk_create of the same records and their region links; with ``revisions``, also
    of the revision rows an import writes for them (records and links), as
    django-simple-history's own bulk API writes them."""
    from decimal import Decimal

    from django.db import transaction

    from heritage.models import HeritageItem, Region

    region_pk = dict(Region.objects.values_list("slug", "pk"))
    through = HeritageItem.regions.through
    header, *body = table
    start = time.perf_counter()
    with transaction.atomic():
        items = HeritageItem.objects.bulk_create(
            [
                HeritageItem(
                    slug=r[0],
                    kind=r[1],
                    name_en=r[2],
                    name_ru=r[3],
                    name_kk=r[4],
                    summary_en=r[5],
                    category=r[6],
                    year_inscribed=int(r[7]),
                    unesco_reference=r[8],
                    latitude=Decimal(r[9]),
                    longitude=Decimal(r[10]),
                )  # fmt: skip
                for r in body
            ],
            batch_size=1000,
        )
        links = through.objects.bulk_create(
            [
                through(heritageitem_id=item.pk, region_id=region_pk[slug])
                for item, r in zip(items, body, strict=True)
                for slug in r[11].split("|")
            ],
            batch_size=1000,
        )
        if revisions:
            history = HeritageItem.history.bulk_history_create(items, batch_size=1000)
            revision_of = {revision.id: revision for revision in history}
            link_model = history[0].regions.model
            link_model.objects.bulk_create(
                [
                    link_model(
                        history=revision_of[link.heritageitem_id],
                        id=link.pk,
                        heritageitem_id=link.heritageitem_id,
                        region_id=link.region_id,
                    )
                    for link in links
                ],
                batch_size=1000,
            )
    return time.perf_counter() - start


def project_import(data: bytes) -> tuple[float, int]:
    from django.db import connection

    from archive import readers
    from archive.applying import apply_plan
    from archive.services import plan_import

    counter = QueryCounter()
    start = time.perf_counter()
    with connection.execute_wrapper(counter):
        table = readers.read(data, name="bench.csv")
        plan = plan_import(label="heritage.HeritageItem", table=table)
        assert plan.is_valid, plan.errors[:3] or plan.file_errors
        apply_plan(plan=plan, file_name="bench.csv", checksum="0" * 64)
    return time.perf_counter() - start, counter.count


# Run from a small launcher: a child forked straight from this (by then large) process
# would count this process's resident pages in its own peak.
LAUNCHER = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def cli_peak_memory(path: Path, database_url: str) -> tuple[float, float]:
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "0"}
    command = [sys.executable, str(ROOT / "manage.py"), "import_data", "heritage.HeritageItem"]
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", LAUNCHER, *command, str(path)],
        check=True,
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    return elapsed, int(result.stdout.strip()) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="kzunesco-bench-"))
    database_url = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    setup(database_url)
    from django.core.management import call_command
    from django.db import connection

    call_command("load_documents", verbosity=0)  # the regions the rows refer to
    clear()
    print(f"database: {connection.vendor}")
    columns = (
        "rows",
        "bulk_create rows/s",
        "+ revisions rows/s",
        "import rows/s",
        "ratio",
        "ratio (same writes)",
        "queries/1000 rows",
    )
    widths = (8, 19, 19, 14, 6, 20, 18)
    print(" ".join(f"{name:>{width}}" for name, width in zip(columns, widths, strict=True)))
    for count in args.rows:
        table = rows(count, f"b{count}")
        data = csv_file(table)
        base = baseline(table)
        clear()
        same_writes = baseline(table, revisions=True)
        clear()
        took, queries = project_import(data)
        clear()
        print(
            f"{count:>8} {count / base:>19,.0f} {count / same_writes:>19,.0f} "
            f"{count / took:>14,.0f} {base / took:>6.2f} {same_writes / took:>20.2f} "
            f"{queries * 1000 / count:>18.1f}"
        )
    largest = max(args.rows)
    path = workdir / f"{largest}.csv"
    path.write_bytes(csv_file(rows(largest, "cli")))
    elapsed, peak = cli_peak_memory(path, database_url)
    print(f"CLI import_data of {largest:,} rows: {elapsed:.1f} s, peak memory {peak:,.0f} MB")


if __name__ == "__main__":
    main()
