"""What the import preview shows for a record the file changes: each changed column with
its value before and after, references by their keys (never a database id), and a row
the file leaves as it is shown as unchanged."""

import datetime

import pytest

from archive.applying import apply_plan
from heritage.models import HeritageItem
from tests.archive.test_plan_rules import plan
from tests.factories import make_event, make_heritage_item, make_theme

pytestmark = pytest.mark.django_db


def rows_by_key(result) -> dict:
    return {row.key[0]: row for row in result.rows}


def test_a_reference_to_a_record_the_same_file_creates_is_shown_by_its_key_beside_other_changes():
    earlier = make_heritage_item(slug="earlier-entry", kind="tentative")
    make_heritage_item(slug="inscribed", kind="world", name_en="Old name", tentative_entry=earlier)
    result = plan(
        [
            ["slug", "kind", "tentative_entry", "name_en"],
            ["inscribed", "world", "new-tentative", "New name"],
            ["new-tentative", "tentative", "", "On the Tentative List"],
        ],
        label="heritage.HeritageItem",
    )
    assert result.is_valid
    inscribed = rows_by_key(result)["inscribed"]
    assert inscribed.action == "update"
    assert inscribed.diff["tentative_entry_id"] == ("earlier-entry", "new-tentative")
    assert inscribed.diff["name_en"] == ("Old name", "New name")


def test_a_changed_reference_shows_both_records_keys():
    earlier = make_heritage_item(slug="earlier-entry", kind="tentative")
    make_heritage_item(slug="later-entry", kind="tentative")
    make_heritage_item(slug="inscribed", kind="world", tentative_entry=earlier)
    result = plan(
        [["slug", "kind", "tentative_entry"], ["inscribed", "world", "later-entry"]],
        label="heritage.HeritageItem",
    )
    diff = rows_by_key(result)["inscribed"].diff
    assert diff == {"tentative_entry_id": ("earlier-entry", "later-entry")}


def test_links_the_file_repeats_as_they_are_leave_the_row_unchanged():
    heritage, education = make_theme(slug="heritage"), make_theme(slug="education")
    make_event(slug="listed", title_en="Listed", themes=[heritage, education])
    result = plan(
        [["slug", "title_en", "themes"], ["listed", "Listed", "education|heritage"]],
        label="timeline.Event",
    )
    listed = rows_by_key(result)["listed"]
    assert (listed.action, listed.diff) == ("unchanged", {})


def test_a_change_that_breaks_a_records_own_rule_is_a_row_error():
    """The dates the file changes are checked with the dates it leaves as stored."""
    make_event(slug="congress", start_date=datetime.date(2000, 5, 1))
    result = plan(
        [["slug", "end_date"], ["congress", "1999-05-01"]],
        label="timeline.Event",
    )
    assert not result.is_valid
    errors = [(e.row, e.column, e.message) for e in result.errors]
    assert errors == [(2, "end_date", "The end date is before the start date.")]


def test_the_reference_to_a_record_the_same_file_creates_is_written_on_an_update():
    earlier = make_heritage_item(slug="earlier-entry", kind="tentative")
    make_heritage_item(slug="inscribed", kind="world", tentative_entry=earlier)
    result = plan(
        [
            ["slug", "kind", "tentative_entry", "name_en"],
            ["inscribed", "world", "new-tentative", "Inscribed"],
            ["new-tentative", "tentative", "", "On the Tentative List"],
        ],
        label="heritage.HeritageItem",
    )
    assert result.is_valid, [error.message for error in result.errors]
    apply_plan(plan=result, file_name="f.csv", checksum="0" * 64)
    inscribed = HeritageItem.objects.select_related("tentative_entry").get(slug="inscribed")
    assert inscribed.tentative_entry.slug == "new-tentative"
