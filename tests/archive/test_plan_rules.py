"""What the spreadsheet import's preview (the plan) and its apply promise: nothing is
written that the preview did not show, and only publishers change what the public sees."""

import pytest
from django.db import connection

from archive import applying, readers
from archive.applying import apply_plan
from archive.services import plan_import
from core.models import Status
from heritage.models import HeritageItem
from tests.factories import make_heritage_item
from tests.files import csv_bytes

pytestmark = pytest.mark.django_db

PUBLISHERS_ONLY = "Only publishers may publish records or change published ones"


def plan(rows, *, may_publish=True, label="heritage.HeritageItem"):
    table = readers.read(csv_bytes(rows), name="f.csv")
    return plan_import(label=label, table=table, may_publish=may_publish)


def test_without_the_publish_permission_only_drafts_and_reviews_are_planned():
    make_heritage_item(slug="public", status=Status.PUBLISHED, name_en="Public")
    make_heritage_item(slug="draft", status=Status.DRAFT, name_en="Draft")
    result = plan(
        [
            ["slug", "kind", "name_en", "status"],
            ["public", "world", "Renamed public", "published"],
            ["draft", "world", "Renamed draft", "draft"],
            ["new-public", "world", "New public", "published"],
            ["new-review", "world", "New review", "review"],
        ],
        may_publish=False,
    )
    refused = {row.key[0] for row in result.rows if row.action == "invalid"}
    assert refused == {"public", "new-public"}
    assert all(PUBLISHERS_ONLY in error.message for error in result.errors)
    assert not result.is_valid
    assert HeritageItem.objects.get(slug="draft").name_en == "Draft"  # a plan writes nothing


def sqlite_statistics(table: str) -> int:
    """Rows of SQLite's planner statistics (what ANALYZE writes) about ``table``."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if not cursor.fetchone()[0]:
            return 0
        cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = %s", [table])
        return cursor.fetchone()[0]


@pytest.mark.parametrize(("rows", "analysed"), [(2, False), (3, True)])
def test_a_large_import_brings_the_planner_statistics_up_to_date(monkeypatch, rows, analysed):
    """So that the lists' queries use their indexes at once (here "large" is 3 rows)."""
    if connection.vendor != "sqlite":
        pytest.skip("reads SQLite's statistics table")
    monkeypatch.setattr(applying, "ANALYZE_AFTER", 3)
    table = HeritageItem._meta.db_table
    if sqlite_statistics(table):
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM sqlite_stat1")
    result = plan(
        [["slug", "kind", "name_en"]] + [[f"item-{n}", "world", f"Item {n}"] for n in range(rows)]
    )
    apply_plan(plan=result, file_name="f.csv", checksum="0" * 64)
    assert bool(sqlite_statistics(table)) == analysed
