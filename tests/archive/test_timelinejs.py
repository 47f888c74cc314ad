"""Events imported from a TimelineJS sheet and from simple event lists (issue 25): dates
from Year/Month/Day at their precision, the title slide and eras left out, HTML cells,
impossible dates as row errors naming their cell, never a guess."""

import datetime

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from archive.applying import apply_plan
from archive.services import plan_import
from archive.shapes import read_for
from tests.files import csv_bytes, xlsx_bytes
from tests.imports import map_columns
from timeline.models import Event

pytestmark = pytest.mark.django_db

SHEET = settings.BASE_DIR / "tests" / "files" / "timelinejs" / "google-sheets-export.csv"
KNIGHT_LAB = SHEET.with_name("knightlab-my-own-timeline.csv")
TEMPLATE = [
    "Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
    "Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption",
    "Media Thumbnail", "Type", "Group", "Background",
]  # fmt: skip


def _plan(data: bytes, name: str, language: str = "en"):
    with translation.override(language):
        table = read_for(data, name=name, label="timeline.Event")
        return plan_import(label="timeline.Event", table=table)


def _row(year="", month="", day="", headline="Event", text="", kind="", **end):
    row = dict.fromkeys(TEMPLATE, "")
    row |= {"Year": year, "Month": month, "Day": day, "Headline": headline, "Text": text}
    row |= {"Type": kind, "End Year": end.get("end_year", "")}
    return [row[column] for column in TEMPLATE]


def test_a_google_sheets_export_of_the_template_imports_its_events():
    plan = _plan(SHEET.read_bytes(), "timeline.csv")
    assert plan.is_valid, plan.errors
    assert (plan.shape, plan.left_out) == ("TimelineJS", 2)  # the title slide, the era
    assert plan.counts["new"] == 4
    # Not imported, and said so: the template's columns the archive's events do not have.
    assert {"Media", "Group", "Background", "Display Date"} <= set(plan.unknown_columns)
    apply_plan(plan=plan, file_name="timeline.csv", checksum="0" * 64)
    events = {event.title_en: event for event in Event.objects.all()}
    joined = events["Kazakhstan joins UNESCO"]
    assert (joined.start_date, joined.precision) == (datetime.date(1992, 5, 25), "day")
    assert "<script>" not in joined.body_en and "Member State" in joined.body_en
    ratified = events["Ratification of the World Heritage Convention"]
    assert (ratified.start_date, ratified.precision) == (datetime.date(1994, 7, 1), "month")
    inscribed = events["Mausoleum of Khoja Ahmed Yasawi inscribed"]
    assert (inscribed.start_date, inscribed.precision) == (datetime.date(2003, 1, 1), "year")
    silk = events["The Silk Roads nomination"]
    assert (silk.start_date, silk.end_date) == (
        datetime.date(2013, 9, 1),
        datetime.date(2014, 6, 22),
    )
    assert "Kazakhstan and UNESCO" not in events  # the title slide
    assert all(event.slug for event in events.values())  # made from the headlines


def test_knight_labs_own_template_file_imports_its_ten_events():
    """The sample sheet Knight Lab ships as TimelineJS's template (tests/files/timelinejs/
    README.md): CRLF, HTML cells, a line break inside a quoted cell, a title slide."""
    plan = _plan(KNIGHT_LAB.read_bytes(), "my-own-timeline.csv")
    assert plan.is_valid, plan.errors
    assert (plan.counts["new"], plan.left_out) == (10, 1)
    apply_plan(plan=plan, file_name="my-own-timeline.csv", checksum="0" * 64)
    events = {event.title_en: event for event in Event.objects.all()}
    ada = events["Ada Lovelace"]
    assert (ada.start_date, ada.end_date, ada.precision) == (
        datetime.date(1815, 12, 10),
        datetime.date(1852, 11, 27),
        "day",
    )
    assert '<a href="https://en.wikipedia.org/wiki/Ada_Lovelace"' in ada.body_en
    women = events["...And the women who made it work"]
    assert (women.start_date, women.precision) == (datetime.date(1943, 7, 1), "month")
    assert women.end_date == datetime.date(1946, 1, 1)
    recursion = events["Rózsa Péter writes recursion"]
    assert (recursion.start_date, recursion.precision) == (datetime.date(1951, 1, 1), "year")
    assert "Moore School" in events["The First Computer"].body_en  # across a line break
    assert '"The Mother of the Internet"' in events
    assert "MY OWN CSV" not in events  # the title slide


def test_the_headline_goes_to_the_archivists_language():
    data = xlsx_bytes([TEMPLATE, _row(1992.0, 5.0, headline="Казахстан вступает в ЮНЕСКО")])
    plan = _plan(data, "timeline.xlsx", language="ru")
    assert plan.is_valid, plan.errors
    apply_plan(plan=plan, file_name="timeline.xlsx", checksum="0" * 64)
    event = Event.objects.get()
    assert event.title_ru == "Казахстан вступает в ЮНЕСКО" and not event.title_en
    assert (event.start_date, event.precision) == (datetime.date(1992, 5, 1), "month")


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        (_row(1992, 13), "Month", "“13” is not a month."),
        (_row(2023, 2, 30), "Day", "2/2023 has no day 30."),
        (_row(-250), "Year", "“-250” is a year before the Common Era"),
        (_row("c. 1900"), "Year", "“c. 1900” is not a number."),
        (_row("", 5, 1), "Year", "A date needs its year."),
        (_row(1992, "", 12), "Month", "A day needs its month."),
        (_row(1992, end_year="19x4"), "End Year", "“19x4” is not a number."),
    ],
)
def test_an_impossible_date_is_a_row_error_naming_its_cell(row, column, message):
    plan = _plan(csv_bytes([TEMPLATE, _row(1992, 5, 25), row]), "timeline.csv")
    assert not plan.is_valid
    errors = [(error.row, error.column, error.message) for error in plan.errors]
    assert [(number, name) for number, name, _text in errors][:1] == [(3, column)]
    assert message in errors[0][2]
    assert not Event.objects.exists()


def test_errors_speak_the_archivists_language():
    plan = _plan(csv_bytes([TEMPLATE, _row(1992, 13)]), "timeline.csv", language="kk")
    assert plan.errors[0].column == "Month"
    assert plan.errors[0].message == "«13» — ай емес."


def test_other_models_read_the_same_columns_as_they_are():
    table = read_for(csv_bytes([TEMPLATE, _row(1992)]), name="t.csv", label="heritage.HeritageItem")
    assert table.headers == TEMPLATE and table.notes.shape == ""


def test_a_simple_event_list_with_a_bc_date_and_ragged_rows():
    """Not a TimelineJS sheet: the archive's own columns, rows shorter than the header, a
    date before the Common Era — a row error, never a guess."""
    data = csv_bytes(
        [
            ["start_date", "precision", "title_en", "summary_en"],
            ["1945-11-16", "day", "UNESCO founded"],  # ragged: no summary cell
            ["-0250-01-01", "year", "A city is founded"],
            ["250 BC", "year", "Another city"],
        ]
    )
    plan = _plan(data, "events.csv")
    assert plan.shape == ""
    assert [(error.row, error.column) for error in plan.errors] == [
        (3, "start_date"),
        (4, "start_date"),
    ]
    assert all("is not a date" in error.message for error in plan.errors)


def test_the_job_page_says_the_sheet_was_read_as_timelinejs(user_in):
    client = user_in("Archivist")
    response = client.post(
        reverse("admin:timeline_event_import_file"),
        {"file": SimpleUploadedFile("timeline.csv", SHEET.read_bytes())},
    )
    url = map_columns(client, response["Location"])
    html = client.get(url).content.decode()
    assert "read as a TimelineJS sheet" in html
    assert "2 rows that are not events (its title slide, eras) were left out" in html


def test_a_row_with_an_impossible_date_keeps_its_other_errors():
    """The cells the date was made from replace what the date columns say; an error in
    another cell of the row stays beside them."""
    plan = _plan(csv_bytes([TEMPLATE, _row(1992, 13, headline="x" * 600)]), "timeline.csv")
    columns = sorted(error.column for error in plan.errors)
    assert "Month" in columns and "start_date" not in columns
    assert any(column.startswith("title") for column in columns), columns
