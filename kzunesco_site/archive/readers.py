"""Reading CSV, XLSX and JSON files into a header and numbered rows.

Row numbers are those a person sees: in a spreadsheet the header is row 1 and the
first data row is row 2; in JSON the first object is row 1.
"""

import csv
import io
import json
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

FORMATS = ("csv", "xlsx", "json")


class FileError(ValueError):
    """The file as a whole cannot be read; nothing was imported."""


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[int, list]]  # (row number, cells in header order)
    format: str


def detect_format(name: str, explicit: str = "") -> str:
    fmt = (explicit or name.rsplit(".", 1)[-1]).lower()
    if fmt not in FORMATS:
        raise FileError(
            _("“%(name)s” is not a CSV, XLSX or JSON file.") % {"name": name or explicit}
        )
    return fmt


def read(data: bytes, *, name: str, fmt: str = "") -> Table:
    fmt = detect_format(name, fmt)
    if len(data) > settings.ARCHIVE_MAX_UPLOAD_BYTES:
        raise FileError(
            _("The file is larger than %(limit)s MB.")
            % {"limit": settings.ARCHIVE_MAX_UPLOAD_BYTES // 1_000_000}
        )
    table = {"csv": read_csv, "xlsx": read_xlsx, "json": read_json}[fmt](data)
    headers = [str(h).strip() if h is not None else "" for h in table.headers]
    if not any(headers):
        raise FileError(_("The file has no header row."))
    duplicates = sorted({h for h in headers if h and headers.count(h) > 1})
    if duplicates:
        raise FileError(
            _("Columns appear twice: %(columns)s.") % {"columns": ", ".join(duplicates)}
        )
    table.headers = headers
    table.rows = [(number, cells) for number, cells in table.rows if any(_filled(c) for c in cells)]
    return table


def _filled(cell) -> bool:
    return cell is not None and not (isinstance(cell, str) and not cell.strip())


def decode(data: bytes) -> str:
    """UTF-8 (with or without a byte-order mark), else Windows-1251 (Cyrillic Excel)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1251")


def read_csv(data: bytes) -> Table:
    text = decode(data)
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample.split("\n", 1)[0], delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers = next(reader)
    except StopIteration:
        raise FileError(_("The file is empty.")) from None
    except csv.Error as error:
        raise FileError(_("The CSV file cannot be read: %(error)s") % {"error": error}) from None
    rows = []
    try:
        for record in reader:
            rows.append((reader.line_num, _fit(record, len(headers))))
    except csv.Error as error:
        raise FileError(
            _("The CSV file cannot be read at line %(line)s: %(error)s")
            % {"line": reader.line_num, "error": error}
        ) from None
    return Table(headers, _renumber_csv(rows), "csv")


def _renumber_csv(rows):
    # csv's line_num counts physical lines; a cell with line breaks spans several.
    # People count records: header is row 1, records follow.
    return [(index, cells) for index, (_line, cells) in enumerate(rows, start=2)]


def _fit(cells: list, width: int) -> list:
    return (cells + [None] * width)[:width] if len(cells) != width else cells


def check_xlsx_archive(data: bytes) -> None:
    """Refuse decompression bombs before openpyxl inflates anything."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise FileError(_("The file is not a valid XLSX workbook.")) from None
    total = 0
    for info in archive.infolist():
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > settings.ARCHIVE_MAX_XLSX_INFLATED_BYTES or ratio > 200:
            raise FileError(_("The workbook expands to an unsafe size; it was not opened."))


def read_xlsx(data: bytes) -> Table:
    check_xlsx_archive(data)
    import openpyxl  # noqa: PLC0415 — imported only for XLSX files

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for damaged files
        raise FileError(
            _("The XLSX workbook cannot be read: %(error)s") % {"error": error}
        ) from None
    try:
        sheet = workbook.worksheets[0]
        rows_iter = sheet.iter_rows(values_only=True)
        try:
            headers = list(next(rows_iter))
        except StopIteration:
            raise FileError(_("The file is empty.")) from None
        while headers and headers[-1] is None:
            headers.pop()
        rows = [
            (number, _fit(list(values), len(headers)))
            for number, values in enumerate(rows_iter, start=2)
        ]
    finally:
        workbook.close()
    return Table(headers, rows, "xlsx")


def read_json(data: bytes) -> Table:
    try:
        records = json.loads(decode(data))
    except json.JSONDecodeError as error:
        raise FileError(_("The JSON file cannot be read: %(error)s") % {"error": error}) from None
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise FileError(_("The JSON file must be a list of objects, one per record."))
    headers: list[str] = []
    for record in records:
        headers.extend(key for key in record if key not in headers)
    rows = [(number, [record.get(h) for h in headers]) for number, record in enumerate(records, 1)]
    return Table(headers, rows, "json")
