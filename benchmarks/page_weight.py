"""Page weight and queries of the list and detail pages, against their budgets.

    .venv/bin/python benchmarks/page_weight.py     (also run by `make bench`)

For each page type in kk, ru and en it builds a throw-away SQLite database with the shipped
data (migrate, load_documents), asks the page as a first visitor does (no cache), and
counts what a browser then fetches from the site: the HTML, the stylesheets and scripts it
links, and the first image of each picture at its smallest rendition (lazy images load
as they scroll into view). It prints bytes and queries and fails when a page is over its
budget (BUDGETS: the weights of 6 December 2026 with a quarter's room)."""

import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = {
    "home": "/{lang}/",
    "heritage list": "/{lang}/heritage/",
    "heritage detail (photograph)": "/{lang}/heritage/mausoleum-of-khoja-ahmed-yasawi/",
    "heritage detail (map)": "/{lang}/heritage/silk-roads-chang-an-tianshan-corridor/",
    "timeline": "/{lang}/timeline/",
    "publications": "/{lang}/publications/",
    "story": "/{lang}/stories/silk-roads-in-kazakhstan/",
}
# Bytes a first visitor fetches (HTML + linked CSS/JS + first images), and queries.
BUDGETS = {
    "home": (190_000, 12),
    "heritage list": (195_000, 7),
    "heritage detail (photograph)": (380_000, 12),
    "heritage detail (map)": (335_000, 12),
    "timeline": (120_000, 5),
    "publications": (32_000, 4),
    "story": (325_000, 10),
}
LANGUAGES = ("kk", "ru", "en")
ASSET = re.compile(r'<(?:link[^>]+href|script[^>]+src)="(/static/[^"]+)"')
IMAGE = re.compile(r'<img[^>]+src="(/(?:media|static)/[^"]+)"')


def measure(client, path: str) -> tuple[int, int]:
    """(bytes a first visitor fetches, queries the page made)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    count = len(queries)  # now: the next request starts a new log
    assert response.status_code == 200, path
    html = response.content.decode()
    total = len(response.content)
    for url in {*ASSET.findall(html), *IMAGE.findall(html)}:
        asset = client.get(url)
        body = b"".join(asset.streaming_content) if asset.streaming else asset.content
        total += len(body)
    return total, count


def over_budget(client) -> list[str]:
    problems = []
    for name, pattern in PAGES.items():
        budget_bytes, budget_queries = BUDGETS[name]
        for language in LANGUAGES:
            weight, queries = measure(client, pattern.format(lang=language))
            print(f"{name:30} {language}  {weight / 1000:8.1f} kB  {queries:3} queries")
            if weight > budget_bytes or queries > budget_queries:
                problems.append(f"{name} ({language}): {weight} bytes, {queries} queries")
    return problems


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="kzunesco-weight-"))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="kzunesco_site.settings.test",
        DATABASE_URL=f"sqlite:///{workdir / 'weight.sqlite3'}",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    call_command("load_documents", verbosity=0)
    problems = over_budget(Client())
    for problem in problems:
        print(f"OVER BUDGET: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
