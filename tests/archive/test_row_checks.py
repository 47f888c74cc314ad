"""Checks of an import plan beyond each cell's own conversion (archive/row_checks.py and
the date cells): the columns a new record needs, a required text in any one language, a
bare year in a date column."""

import pytest

from archive.mapping import EmptyCells, Mapping
from heritage.models import HeritageItem
from tests.archive.test_services import apply, plan
from tests.factories import make_heritage_item
from tests.files import xlsx_bytes
from timeline.models import Event

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("cell", ["1992", 1992, 1992.0, "1992.0"])
def test_a_year_in_a_date_column_is_a_row_error_not_excels_day_1992(cell):
    """Read as an Excel serial day, 1992 would silently become 14 June 1905."""
    data = xlsx_bytes([["slug", "title_en", "start_date"], ["joined", "Joins UNESCO", cell]])
    result = plan(None, label="timeline.Event", data=data, name="events.xlsx")
    assert [(e.row, e.column) for e in result.errors] == [(2, "start_date")]
    assert "“1992” is a year, not a date: write 1992-01-01" in result.errors[0].message
    assert not Event.objects.exists()


def test_a_file_in_russian_alone_creates_records_as_the_admin_saves_them():
    """A name in any one language is enough, in the admin and in an import alike."""
    result = plan([["slug", "kind", "name_ru"], ["otrar", "world", "Отрар"]])
    assert result.is_valid, (result.file_errors, result.errors)
    apply(result)
    item = HeritageItem.objects.get(slug="otrar")
    assert item.name_ru == "Отрар" and not item.name_en
    nameless = plan([["slug", "kind", "name_ru", "name_kk"], ["x", "world", "", " "]])
    assert [(e.row, e.column) for e in nameless.errors] == [(2, "name_kk, name_ru")]


def test_missing_columns_and_unknown_columns():
    # Without a key column or a name to make slugs from (tests/archive/test_slugs.py).
    no_key = plan([["kind", "category"], ["world", "cultural"]])
    assert no_key.file_errors == [
        "Missing key column: slug or unesco_reference. Every row needs it to be matched."
    ]
    no_name = plan([["slug", "kind", "colour"], ["a", "world", "red"]])
    assert any(
        "Missing required column: one of name_kk, name_ru, name_en" in e
        for e in no_name.file_errors
    )
    assert no_name.unknown_columns == ["colour"]
    # An update-only file may leave required columns out.
    make_heritage_item(slug="a")
    update = plan([["slug", "name_ru", "colour"], ["a", "Новое имя", "red"]])
    assert update.is_valid and update.unknown_columns == ["colour"]


def test_the_missing_column_messages_name_each_column_exactly():
    result = plan([["slug", "colour"], ["new-item", "red"]])
    assert result.file_errors == [
        "Missing required column: kind. New records cannot be created without it.",
        "Missing required column: one of name_kk, name_ru, name_en. New records cannot be "
        "created without it in at least one language.",
    ]
    assert result.errors == []  # the file is refused as a whole, not row by row
    by_reference = plan([["unesco_reference", "name_en"], ["1", "X"]])
    assert by_reference.file_errors == [
        "Missing required column: slug, kind. New records cannot be created without it."
    ]
    events = plan([["slug", "title_ru"], ["e", "Событие"]], label="timeline.Event")
    assert events.file_errors == [
        "Missing required column: start_date. New records cannot be created without it."
    ]


def test_a_row_without_a_name_in_any_language_is_told_so_exactly():
    result = plan([["slug", "kind", "name_kk", "name_ru"], ["x", "world", "", ""]])
    assert [(e.column, e.message) for e in result.errors] == [
        ("name_kk, name_ru", "Give this in at least one language (name_kk, name_ru).")
    ]


def test_an_existing_record_may_not_lose_its_name_in_every_language():
    make_heritage_item(slug="named")
    emptied = plan([["slug", "name_kk", "name_ru", "name_en"], ["named", "", "", ""]])
    assert [e.column for e in emptied.errors] == ["name_kk, name_ru, name_en"]
    # Languages the file leaves out stay: emptying two of three is no error.
    partial = plan([["slug", "name_kk", "name_ru"], ["named", "", ""]])
    assert partial.errors == []


def test_empty_name_cells_the_archivist_keeps_are_no_error():
    make_heritage_item(slug="named", name_en="Named")
    mapping = Mapping(empty_cells=EmptyCells.KEEP)
    kept = plan([["slug", "name_kk", "name_ru", "name_en"], ["named", "", "", ""]], mapping=mapping)
    assert kept.is_valid, kept.errors
