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


def test_a_duplicate_composite_key_is_named_in_both_rows_under_the_key_columns(source_data):
    rows = [
        ["publication", "author", "order"],
        ["article-unesco-education-history-and-modernity", "tulegenov-v-v", "1"],
        ["article-unesco-education-history-and-modernity", "tulegenov-v-v", "2"],
        ["", "tulegenov-v-v", "3"],
    ]
    result = plan(rows, label="publications.Authorship")
    errors = {(error.row, error.column, error.message) for error in result.errors}
    duplicate = (
        "Duplicate key “article-unesco-education-history-and-modernity / tulegenov-v-v”: "
        "rows 2 and 3."
    )
    assert (2, "publication, author", duplicate) in errors
    assert (3, "publication, author", duplicate) in errors
    assert (4, "publication, author", "The key is empty.") in errors


def test_progress_is_reported_every_thousand_rows_and_at_the_end():
    rows = [["slug", "kind", "name_en"], *([f"p-{n}", "world", f"P {n}"] for n in range(2500))]
    calls = []
    table = readers.read(csv_bytes(rows), name="big.csv")
    plan_import(label="heritage.HeritageItem", table=table, progress=lambda *a: calls.append(a))
    assert calls == [(1000, 2500), (2000, 2500), (2500, 2500)]


def test_a_refused_row_names_the_column_and_says_what_to_do():
    make_heritage_item(slug="public", status=Status.PUBLISHED, name_en="Public")
    result = plan(
        [["slug", "kind", "name_en"], ["public", "world", "Renamed, status left out"]],
        may_publish=False,
    )
    (error,) = result.errors
    assert (error.row, error.column) == (2, "status")
    assert error.message == (
        "Only publishers may publish records or change published ones; set the status to "
        "draft or in review, or ask a publisher to import this."
    )


def test_a_record_public_pages_show_is_refused_under_its_key_with_the_reason():
    from tests.factories import make_component

    item = make_heritage_item(slug="public", status=Status.PUBLISHED)
    make_component(item, slug="site", name_en="Site")
    result = plan(
        [["slug", "item", "name_en"], ["site", "public", "Renamed site"]],
        may_publish=False,
        label="heritage.ComponentSite",
    )
    (error,) = result.errors
    assert (error.row, error.column) == (2, "slug")
    assert error.message == (
        "Public pages show this record: only publishers may add or change it; "
        "ask a publisher to import this."
    )


def test_a_new_authorship_of_a_published_work_is_refused_under_both_key_columns():
    """Public pages show the authors of a published work: a new authorship of one is
    refused for non-publishers, filed under the key's two columns."""
    from tests.factories import make_author, make_publication

    make_publication(slug="public-work", status=Status.PUBLISHED)
    make_publication(slug="draft-work", status=Status.DRAFT)
    make_author(slug="aigerim")
    result = plan(
        [
            ["publication", "author", "order"],
            ["public-work", "aigerim", "1"],
            ["draft-work", "aigerim", "1"],
        ],
        may_publish=False,
        label="publications.Authorship",
    )
    (error,) = result.errors
    assert (error.row, error.column) == (2, "publication, author")


def test_a_reference_to_a_record_neither_stored_nor_in_the_file_is_an_error_in_its_column():
    result = plan(
        [["slug", "item", "name_en"], ["site", "no-such-item", "Site"]],
        label="heritage.ComponentSite",
    )
    (error,) = result.errors
    assert (error.row, error.column, error.message) == (2, "item", "“no-such-item” was not found.")
