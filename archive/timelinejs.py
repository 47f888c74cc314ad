"""Events from a TimelineJS sheet: the Google-Sheet template Knight Lab publishes for
TimelineJS (Year, Month, Day, Time, End Year … Headline, Text, Media …, Type, Group,
Background), saved as CSV or XLSX.

Its date cells become the archive's ``start_date``, ``end_date`` and ``precision`` (a year
alone is a year, a month a month); ``Headline`` and ``Text`` become the title and the text
in the archivist's language (the column step can choose another); the title slide and the
era rows are left out and counted. A date that cannot be a date — a month 13, 30 February,
a year before the Common Era, letters — is a row error naming its cell, never a guess. The
other columns (Media, Group …) stay as they are: the preview lists them as not imported."""

import calendar
import datetime
import re

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .readers import Table

START = ("Year", "Month", "Day")
END = ("End Year", "End Month", "End Day")
# The template's own columns; a sheet is read as TimelineJS when it has these.
RECOGNISED = {"Year", "Headline", "Text"}
LEFT_OUT_TYPES = {"title", "era"}  # the title slide and the era bands are not events
NUMBER = re.compile(r"-?\d+(?:\.0+)?")


def recognises(headers: list[str]) -> bool:
    return set(headers) >= RECOGNISED and "start_date" not in headers


def adapt(table: Table, *, language: str = "") -> Table:
    """The sheet as rows of event columns, read lazily like any table."""
    language = (language or get_language() or "en")[:2]
    position = {header: index for index, header in enumerate(table.headers)}
    consumed = {*START, *END, "Headline", "Text", "Type"}
    kept = [header for header in table.headers if header not in consumed]
    headers = [
        "start_date", "end_date", "precision", f"title_{language}", f"body_{language}", *kept,
    ]  # fmt: skip
    adapted = Table(
        headers,
        rows=iter(()),
        format=table.format,
        total=table.total,
        encoding=table.encoding,
        doubtful_encoding=table.doubtful_encoding,
    )
    notes = adapted.notes
    notes.shape = "TimelineJS"
    notes.derived = ("start_date", "end_date", "precision")

    def cell(cells: list, header: str):
        index = position.get(header)
        return cells[index] if index is not None else None

    def rows():
        for number, cells in table.rows:
            kind = str(cell(cells, "Type") or "").strip().lower()
            if kind in LEFT_OUT_TYPES:
                notes.left_out += 1
                continue
            problems = []
            start, precision = _date(cells, START, cell, problems)
            end, _end_precision = _date(cells, END, cell, problems)
            if problems:
                notes.problems[number] = problems
            yield (
                number,
                [
                    start,
                    end,
                    precision,
                    cell(cells, "Headline"),
                    cell(cells, "Text"),
                    *(cell(cells, header) for header in kept),
                ],
            )

    adapted.rows = rows()
    return adapted


def _date(cells, columns, cell, problems) -> tuple[str | None, str]:
    """The ISO date of the Year/Month/Day cells and its precision; None when the year is
    empty. Each impossible part is a problem naming its column."""
    year_column, month_column, day_column = columns
    parts = {}
    for column in columns:
        raw = cell(cells, column)
        text = "" if raw is None else str(raw).strip()
        if not text:
            continue
        if not NUMBER.fullmatch(text):
            problems.append((column, _("“%(value)s” is not a number.") % {"value": text}))
            return None, ""
        parts[column] = int(float(text))
    if year_column not in parts:
        if parts:  # a month or a day without a year
            problems.append((year_column, _("A date needs its year.")))
        return None, ""
    year = parts[year_column]
    if year < 1:
        problems.append(
            (
                year_column,
                _("“%(value)s” is a year before the Common Era; the archive records years from 1.")
                % {"value": year},
            )
        )
        return None, ""
    if year > 9999:
        problems.append((year_column, _("“%(value)s” is not a year.") % {"value": year}))
        return None, ""
    month, day = parts.get(month_column), parts.get(day_column)
    if month is None:
        if day is not None:
            problems.append((month_column, _("A day needs its month.")))
            return None, ""
        return f"{year:04d}-01-01", "year"
    if not 1 <= month <= 12:
        problems.append((month_column, _("“%(value)s” is not a month.") % {"value": month}))
        return None, ""
    if day is None:
        return f"{year:04d}-{month:02d}-01", "month"
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        problems.append(
            (
                day_column,
                _("%(month)s/%(year)s has no day %(day)s.")
                % {"day": day, "month": month, "year": year},
            )
        )
        return None, ""
    return datetime.date(year, month, day).isoformat(), "day"
