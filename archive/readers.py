"""Reading CSV, XLSX and JSON files into a header and numbered rows.

Row numbers are those a person sees: in a spreadsheet the header is row 1 and the
first data row is row 2; in JSON the first object is row 1.
"""

import codecs
import csv
import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

import charset_normalizer
from django.conf import settings
from django.utils.translation import gettext as _

FORMATS = ("csv", "xlsx", "json")


class FileError(ValueError):
    """The file as a whole cannot be read; nothing was imported."""


@dataclass
class ShapeNotes:
    """What reading a file of a known shape (a TimelineJS sheet: archive/shapes.py) found,
    shared by the tables made from it (the column mapping's too), filled as rows are read."""

    shape: str = ""  # "TimelineJS": the sheet was read as such
    left_out: int = 0  # rows that are not records (a title slide, era bands)
    problems: dict = field(default_factory=dict)  # row number -> [(column, message)]
    derived: tuple = ()  # the columns made from those cells: their own errors say less
    fills_in: bool = False  # the file holds only what it knows: empty cells keep values
    warnings: list = field(default_factory=list)  # what was done about doubtful values


@dataclass
class Table:
    headers: list[str]
    rows: Iterator[tuple[int, list]]  # (row number, cells in header order), read lazily
    format: str
    total: int | None = None  # data rows in the file, when known before reading them
    filtered_out: int = 0  # rows a mapping's filters left out, counted as they are read
    encoding: str = ""  # how a text file was read (a Python codec), "" for XLSX
    doubtful_encoding: bool = False  # the detection was not sure: the preview says so
    notes: ShapeNotes = field(default_factory=ShapeNotes)

    @property
    def encoding_name(self) -> str:
        return ENCODING_NAMES.get(self.encoding, self.encoding)


def detect_format(name: str, explicit: str = "") -> str:
    fmt = (explicit or name.rsplit(".", 1)[-1]).lower()
    if fmt not in FORMATS:
        raise FileError(
            _("“%(name)s” is not a CSV, XLSX or JSON file.") % {"name": name or explicit}
        )
    return fmt


def read(data: bytes, *, name: str, fmt: str = "", encoding: str = "") -> Table:
    """The file's header and a lazy iterator of its non-empty rows: a large file is
    never held in memory as rows. A text file is read in ``encoding`` when the archivist
    chose one (a codec of ENCODING_NAMES), otherwise in the one detected."""
    fmt = detect_format(name, fmt)
    if len(data) > settings.ARCHIVE_MAX_UPLOAD_BYTES:
        raise FileError(
            _("The file is larger than %(limit)s MB.")
            % {"limit": settings.ARCHIVE_MAX_UPLOAD_BYTES // 1_000_000}
        )
    if fmt == "xlsx":
        table = read_xlsx(data)
    else:
        table = {"csv": read_csv, "json": read_json}[fmt](data, encoding=encoding)
    headers = [str(h).strip() if h is not None else "" for h in table.headers]
    if not any(headers):
        raise FileError(_("The file has no header row."))
    duplicates = sorted({h for h in headers if h and headers.count(h) > 1})
    if duplicates:
        raise FileError(
            _("Columns appear twice: %(columns)s.") % {"columns": ", ".join(duplicates)}
        )
    table.headers = headers
    table.rows = (row for row in table.rows if any(_filled(cell) for cell in row[1]))
    return table


def _filled(cell) -> bool:
    return cell is not None and not (isinstance(cell, str) and not cell.strip())


# What text files made elsewhere come in, besides UTF-8: Cyrillic and Western Excel, and
# the Russian encodings of older systems. Python codec → the name people know.
ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8",
    "utf-16": "UTF-16",
    "cp1251": "Windows-1251",
    "cp1252": "Windows-1252",
    "koi8_r": "KOI8-R",
    "mac_cyrillic": "Mac Cyrillic",
}
EIGHT_BIT = ("cp1251", "cp1252", "koi8_r", "mac_cyrillic")


def detect_encoding(data: bytes) -> tuple[str, bool]:
    """(codec, doubtful): a byte-order mark or valid UTF-8 is certain; otherwise
    charset-normalizer chooses among the 8-bit encodings, and says when it hesitates."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", False
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8", False
    results = charset_normalizer.from_bytes(data[:1_000_000], cp_isolation=list(EIGHT_BIT))
    best = results.best()
    if best is None:
        return "cp1251", True
    codec = codecs.lookup(best.encoding).name.replace("-", "_")
    codec = {"windows_1251": "cp1251", "windows_1252": "cp1252"}.get(codec, codec)
    others = [match for match in results if match is not best]
    # Doubtful when another reading is as clean and reads as much like a language.
    doubtful = best.chaos > 0.2 or any(
        abs(match.chaos - best.chaos) < 0.01 and best.coherence - match.coherence < 0.05
        for match in others
    )
    return (codec if codec in EIGHT_BIT else "cp1251"), doubtful


def decode(data: bytes, encoding: str = "") -> str:
    codec = _chosen(encoding) or detect_encoding(data)[0]
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        raise FileError(_not_in(codec, error)) from None


def _chosen(encoding: str) -> str:
    """A codec the archivist chose, if it is one the archive offers."""
    if encoding and encoding not in ENCODING_NAMES:
        raise FileError(
            _("“%(encoding)s” is not an encoding the archive reads.") % {"encoding": encoding}
        )
    return encoding


def _not_in(codec: str, error: UnicodeDecodeError) -> str:
    return _("The file cannot be read as %(encoding)s (byte %(position)s).") % {
        "encoding": ENCODING_NAMES[codec],
        "position": error.start + 1,
    }


def encoding_choices(data: bytes) -> list[dict]:
    """The encodings the archivist may choose for a text file, each with the file's first
    line that has a letter outside ASCII as that encoding reads it: where encodings differ,
    the archivist sees which one reads the names. Empty when every encoding reads the file
    alike (plain ASCII) or a byte-order mark says what it is."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return []
    head = data[:CHOICE_SAMPLE_BYTES]
    line = next((line for line in head.splitlines() if not line.isascii()), None)
    if line is None:
        return []
    choices = []
    for codec in ("utf-8", *EIGHT_BIT):
        try:
            # Incremental, so a letter the 64 KB cut in two is not taken for an error.
            codecs.getincrementaldecoder(codec)().decode(head, final=len(head) == len(data))
            sample = line.decode(codec)
        except UnicodeDecodeError:
            continue  # the file is not written in it: not a choice
        choices.append({"codec": codec, "name": ENCODING_NAMES[codec], "sample": _around(sample)})
    return choices


CHOICE_SAMPLE_BYTES = 65_536


def _around(line: str, width: int = 90) -> str:
    """Up to ``width`` characters of ``line`` from a little before its first non-ASCII one."""
    first = next((i for i, char in enumerate(line) if not char.isascii()), 0)
    start = max(first - 20, 0)
    text = line[start : start + width].strip()
    return ("…" if start else "") + text + ("…" if start + width < len(line) else "")


def read_csv(data: bytes, encoding: str = "") -> Table:
    codec = _chosen(encoding)
    doubtful = False
    if not codec:
        codec, doubtful = detect_encoding(data)
    table = _read_csv(data, codec)
    table.encoding, table.doubtful_encoding = codec, doubtful
    return table


def _read_csv(data: bytes, encoding: str) -> Table:
    first_line = data[:4096].decode(encoding, errors="ignore").split("\n", 1)[0]
    try:
        delimiter = csv.Sniffer().sniff(first_line, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","

    def records():
        # Decoded as it is read, so a large file is never held as text.
        stream = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")
        return csv.reader(stream, delimiter=delimiter)

    # A first pass checks the whole file can be parsed and counts its rows.
    counter = records()
    try:
        headers = next(counter)
        total = sum(1 for _record in counter)
    except StopIteration:
        raise FileError(_("The file is empty.")) from None
    except UnicodeDecodeError as error:  # an encoding the archivist chose does not fit
        raise FileError(_not_in(encoding, error)) from None
    except csv.Error as error:
        raise FileError(
            _("The CSV file cannot be read at line %(line)s: %(error)s")
            % {"line": counter.line_num, "error": error}
        ) from None
    reader = records()
    next(reader)
    # People count records, not physical lines: the header is row 1, records follow
    # (a cell with line breaks spans several lines but is one row).
    rows = ((number, _fit(record, len(headers))) for number, record in enumerate(reader, start=2))
    return Table(headers, rows, "csv", total)


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
        sheet = workbook.worksheets[0]
        rows_iter = sheet.iter_rows(values_only=True)
        headers = list(next(rows_iter))
    except StopIteration:
        raise FileError(_("The file is empty.")) from None
    except Exception as error:  # openpyxl raises many types for damaged files
        raise FileError(
            _("The XLSX workbook cannot be read: %(error)s") % {"error": error}
        ) from None
    while headers and headers[-1] is None:
        headers.pop()
    width = len(headers)

    def rows():
        try:
            for number, values in enumerate(rows_iter, start=2):
                yield number, _fit([_unescape_xlsx(value) for value in values], width)
        finally:
            workbook.close()

    total = sheet.max_row - 1 if sheet.max_row else None
    return Table(headers, rows(), "xlsx", total)


def _unescape_xlsx(value):
    """Excel writes a carriage return in a cell as _x000D_ (openpyxl's read-only
    reader leaves it so)."""
    return (
        value.replace("_x000D_", "\r").replace("_x000d_", "\r") if isinstance(value, str) else value
    )


def read_json(data: bytes, encoding: str = "") -> Table:
    try:
        records = json.loads(decode(data, encoding))
    except json.JSONDecodeError as error:
        raise FileError(_("The JSON file cannot be read: %(error)s") % {"error": error}) from None
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise FileError(_("The JSON file must be a list of objects, one per record."))
    headers: list[str] = []
    for record in records:
        headers.extend(key for key in record if key not in headers)
    rows = ((number, [record.get(h) for h in headers]) for number, record in enumerate(records, 1))
    return Table(headers, rows, "json", len(records))
