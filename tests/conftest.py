import importlib
import itertools
import os

import pytest
import redis
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests import documents, factories

LANGUAGES = [code for code, _name in settings.LANGUAGES]


_roles_migration = importlib.import_module("archive.migrations.0001_initial")
_stories_roles = importlib.import_module("stories.migrations.0002_roles")


class _RegistryWithPermissionsMade:
    """The app registry as the roles migration uses it, with every permission made
    already (by Django's own post_migrate receivers, which a flush runs too)."""

    def get_app_configs(self):
        return []

    def get_model(self, app_label: str, model_name: str):
        return apps.get_model(app_label, model_name)


@pytest.fixture(autouse=True)
def roles_made_by_migrations(request):
    """A transactional test ends by emptying every table, the roles that migrations made
    among them. Run in parallel, a test that follows one in the same process would find
    no Editor: each database test starts with the roles there."""
    if request.node.get_closest_marker("django_db") is None:
        asked = {"db", "transactional_db"} & set(request.fixturenames)
        if not asked:
            return
        request.getfixturevalue(max(asked))  # "transactional_db" where both are asked
    from django.contrib.auth.models import Group

    if not Group.objects.exists():
        from django.contrib.auth.models import Permission

        _roles_migration.create_roles(_RegistryWithPermissionsMade(), None)
        _stories_roles.grant_roles(Group, Permission)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: nothing (pages, image rendition states)
    carries over from another test."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def fresh_factory_numbers(monkeypatch):
    """Each test numbers its records from 1, as when it runs alone: the factories' default
    names and years (which decide list order) do not depend on the tests run before."""
    monkeypatch.setattr(factories, "_sequence", itertools.count(1))


@pytest.fixture(autouse=True)
def own_upload_folder(settings, tmp_path):
    """Uploads and job files in a folder of the test's own: job numbers start again in
    each test's database, and a job must not find an earlier test's files."""
    settings.ARCHIVE_UPLOAD_DIR = tmp_path / "imports"


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language: a request to /ru/… leaves Russian active
    in the test's thread, and a URL reversed in the next test would be Russian too."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def redis_url() -> str:
    """A Redis database of this test worker's own (the tests that use it flush it), on
    TEST_REDIS_URL's server (127.0.0.1:6379 by default). Where no Redis runs, a refused
    connection skips the test; with REQUIRE_REDIS=1, as in CI, any failure fails it."""
    server = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379").rstrip("/")
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    url = f"{server}/{15 - worker % 8}"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.ConnectionError as error:
        refused = "refused" in str(error).lower()
        if os.environ.get("REQUIRE_REDIS") == "1" or not refused:
            pytest.fail(f"Redis at {url} cannot be used: {error}")
        pytest.skip(f"no Redis at {url} ({error})")
    return url


@pytest.fixture
def source_data(db):
    """The facts of the two source documents, as `make run` loads them (copied in after
    the first time in a test process: tests/documents.py)."""
    documents.load()


@pytest.fixture
def count_queries(client):
    """How many queries a GET of ``url`` makes."""

    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        assert response.status_code == 200, url
        return len(context.captured_queries)

    return count


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.com", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def user_in(client, django_user_model):
    """Log the test client in as a new staff user of a role (a group made by migration)."""
    from django.contrib.auth.models import Group

    def login(group: str, *, client=client, username: str = ""):
        user = django_user_model.objects.create_user(
            username or group.lower(), password="pw", is_staff=True
        )
        user.groups.add(Group.objects.get(name=group))
        client.force_login(user)
        return client

    return login


def _explain(sql: str, off: tuple[str, ...]) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        else:
            for kind in off:
                cursor.execute(f"SET LOCAL enable_{kind} = off")
            cursor.execute(f"EXPLAIN {sql}")
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


@pytest.fixture
def query_plan():
    """The database's plan (SQLite's or PostgreSQL's) for the one query of ``read()`` that
    reads ``table``, with the statistics refreshed as imports leave them and PostgreSQL's
    named plan types (``seqscan``, ``sort``…) turned off where a test's tables are too
    small for its planner to choose an index on its own."""
    from editorial.services import refresh_planner_statistics

    def plan(read, *, table: str, off: tuple[str, ...] = ()) -> str:
        refresh_planner_statistics()
        with CaptureQueriesContext(connection) as queries:
            read()
        (sql,) = [
            query["sql"]
            for query in queries
            if query["sql"].startswith(f'SELECT "{table}"."id"')
            and f'FROM "{table}"' in query["sql"]
        ]
        return _explain(sql, off)

    return plan


@pytest.fixture
def sqlite_plan():
    """SQLite's plan for the one query ``read()`` makes that starts with ``start``, as its
    planner makes it with the statistics the test left (none, or ANALYZE's)."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's planner; PostgreSQL plans by its own statistics")

    def plan(read, *, start: str = "SELECT") -> str:
        with CaptureQueriesContext(connection) as queries:
            read()
        (sql,) = [query["sql"] for query in queries if query["sql"].startswith(start)]
        return _explain(sql, ())

    return plan


@pytest.fixture
def postgres_plan():
    """PostgreSQL's plan for the one query that ``read()`` runs to read a table, with the
    named plan types (``seqscan``, ``bitmapscan``…) turned off: the tables of a test are
    too small for the planner to choose an index on its own. Skips elsewhere."""
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL plan")

    def plan(read, *, off: tuple[str, ...]) -> str:
        with CaptureQueriesContext(connection) as queries:
            read()
        statements = [query["sql"] for query in queries]
        (sql,) = [s for s in statements if s.startswith("SELECT") and " FROM " in s]
        return _explain(sql, off)

    return plan


# The longest test files start first (measured: seconds on this 2-core machine), so that
# the processes finish together instead of one ending the run alone with a long file; a
# file's tests stay in one process. The Makefile runs xdist with --no-loadscope-reorder,
# which keeps this order (xdist's own puts the files with the most tests first).
LONGEST_FIRST = [
    "tests/kzunesco_site/test_browser.py",  # 93
    "tests/kzunesco_site/test_permissions_writes.py",  # 78
    "tests/heritage/test_map_context.py",  # 49
    "tests/kzunesco_site/test_permissions.py",  # 36
    "tests/core/test_migrations.py",  # 28
    "tests/stories/test_browser.py",  # 20
    "tests/archive/test_backup.py",  # 16
    "tests/kzunesco_site/test_query_counts.py",  # 13
    "tests/kzunesco_site/test_no_leaks.py",  # 9
    "tests/portal/test_views.py",  # 9
    "tests/editorial/test_load_documents.py",  # 9
    "tests/editorial/test_browser_any_language.py",  # 8
]


def pytest_collection_modifyitems(items):
    rank = {path: position for position, path in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.partition("::")[0], len(rank)))
