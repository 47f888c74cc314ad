"""Build real spreadsheet files for import tests."""

import csv
import io
import json

import openpyxl


def csv_bytes(rows: list[list], *, encoding="utf-8", bom=False, delimiter=",", crlf=True) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n" if crlf else "\n")
    writer.writerows(rows)
    data = buffer.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(rows: list[list]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def json_bytes(rows: list[list]) -> bytes:
    headers, *records = rows
    return json.dumps([dict(zip(headers, record, strict=True)) for record in records]).encode()
