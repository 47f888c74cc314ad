"""Exports that stream: the records are read CHUNK at a time and each format is written
as they come, so neither a list download nor an export job holds the whole list in
memory. The rows, columns and cells are those of ``exporting.export_dataset``; CSV and
JSON come out byte for byte as ``exporting.render`` writes them, XLSX in the same layout
(bold header, frozen first row, column widths fitted to the first CHUNK rows)."""

import csv
import io
import json
import tempfile
from collections.abc import Iterator

from django.db.models import QuerySet
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from archive.exporting import cr_escaped, export_dataset

CHUNK = 1000
FLUSH_BYTES = 64 * 1024
MAX_COLUMN_WIDTH = 60


def export_rows(
    *,
    label: str,
    queryset: QuerySet,
    ids: list | None = None,
    published_only: bool = False,
    chunk: int = CHUNK,
) -> tuple[list[str], Iterator[list]]:
    """The export's headers, and its rows in ``queryset``'s order (of the records ``ids``
    when given, in their order), read ``chunk`` records at a time: only the ids are read
    at once, and no query names more than ``chunk`` of them."""
    headers = export_dataset(
        label=label, queryset=queryset.none(), published_only=published_only
    ).headers
    if ids is None:
        ids = list(queryset.values_list("pk", flat=True))

    def rows() -> Iterator[list]:
        for start in range(0, len(ids), chunk):
            part = queryset.filter(pk__in=ids[start : start + chunk])
            yield from export_dataset(label=label, queryset=part, published_only=published_only)

    return list(headers), rows()


def csv_chunks(headers: list[str], rows: Iterator[list]) -> Iterator[bytes]:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # the byte-order mark makes Excel read Cyrillic as UTF-8
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in rows:
        writer.writerow(row)
        if buffer.tell() >= FLUSH_BYTES:
            yield _drain(buffer)
    yield _drain(buffer)


def json_chunks(headers: list[str], rows: Iterator[list]) -> Iterator[bytes]:
    """A JSON list of objects, as ``json.dumps(…, indent=1)`` writes it."""
    buffer = io.StringIO()
    buffer.write("[")
    written = False
    for row in rows:
        item = json.dumps(dict(zip(headers, row, strict=True)), ensure_ascii=False, indent=1)
        buffer.write(("," if written else "") + "\n " + item.replace("\n", "\n "))
        written = True
        if buffer.tell() >= FLUSH_BYTES:
            yield _drain(buffer)
    buffer.write("\n]" if written else "]")
    yield _drain(buffer)


def _drain(buffer: io.StringIO) -> bytes:
    data = buffer.getvalue().encode("utf-8")
    buffer.seek(0)
    buffer.truncate()
    return data


def xlsx_file(headers: list[str], rows: Iterator[list]):
    """The workbook in an anonymous temporary file (removed when closed), at its start.
    openpyxl's write-only mode keeps the rows on disk, not in memory."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Tablib Dataset")
    first = [cr_escaped(row) for row, _ in zip(rows, range(CHUNK), strict=False)]
    for index, header in enumerate(headers, start=1):
        longest = max((len(str(r[index - 1] or "")) for r in first), default=0)
        width = min(max(longest, len(str(header))) + 2, MAX_COLUMN_WIDTH)
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    bold, wrap = Font(bold=True), Alignment(wrap_text=True)
    sheet.append([_cell(sheet, header, font=bold) for header in headers])
    for row in first:
        sheet.append([_cell(sheet, value, alignment=wrap) for value in row])
    for row in rows:
        sheet.append([_cell(sheet, value, alignment=wrap) for value in cr_escaped(row)])
    output = tempfile.TemporaryFile()  # noqa: SIM115 — the caller reads and closes it
    workbook.save(output)
    output.seek(0)
    return output


def _cell(sheet, value, *, font=None, alignment=None) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    if font is not None:
        cell.font = font
    if alignment is not None and "\n" in str(value):
        cell.alignment = alignment
    return cell


# The formats written as a stream of bytes (XLSX is a file: ``xlsx_file``).
WRITERS = {"csv": csv_chunks, "json": json_chunks}
