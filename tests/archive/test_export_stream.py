"""Exports stream (issue 26): list downloads and export jobs read the records a chunk at
a time and write each format as they come; what they write is what the whole-list export
writes — CSV and JSON byte for byte, XLSX cell for cell — in the list's order."""

import io

import openpyxl
import pytest
from django.apps import apps
from django.http import StreamingHttpResponse

from archive import export_stream, exporting, readers

pytestmark = pytest.mark.django_db

LABELS = ["heritage.HeritageItem", "timeline.Event", "publications.Publication"]


def _whole(label: str, fmt: str) -> bytes:
    queryset = apps.get_model(label).objects.order_by("pk")
    return exporting.render(exporting.export_dataset(label=label, queryset=queryset), fmt)


def _streamed(label: str, fmt: str, chunk: int) -> bytes:
    queryset = apps.get_model(label).objects.order_by("pk")
    headers, rows = export_stream.export_rows(label=label, queryset=queryset, chunk=chunk)
    if fmt == "xlsx":
        with export_stream.xlsx_file(headers, rows) as workbook:
            return workbook.read()
    return b"".join(export_stream.WRITERS[fmt](headers, rows))


@pytest.mark.parametrize("label", LABELS)
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_csv_and_json_stream_byte_for_byte_what_the_whole_export_writes(source_data, label, fmt):
    whole = _whole(label, fmt)
    assert len(whole) > 1000  # the shipped records are there
    assert _streamed(label, fmt, chunk=7) == whole


@pytest.mark.parametrize("label", LABELS)
def test_xlsx_streams_the_same_cells_in_the_same_layout(source_data, label):
    def cells(data: bytes) -> list:
        table = readers.read(data, name="f.xlsx")
        return [table.headers, *[row for _number, row in table.rows]]

    streamed = _streamed(label, "xlsx", chunk=7)
    assert cells(streamed) == cells(_whole(label, "xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(streamed)).active
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold


def test_an_empty_list_is_a_header_row_or_an_empty_json_list(db):
    queryset = apps.get_model("heritage.HeritageItem").objects.none()
    headers, rows = export_stream.export_rows(label="heritage.HeritageItem", queryset=queryset)
    assert b"".join(export_stream.json_chunks(headers, rows)) == b"[]"
    headers, rows = export_stream.export_rows(label="heritage.HeritageItem", queryset=queryset)
    csv_text = b"".join(export_stream.csv_chunks(headers, rows)).decode("utf-8-sig")
    assert csv_text.startswith("slug,") and csv_text.count("\r\n") == 1


def test_no_chunk_reads_more_records_than_it_may(source_data, monkeypatch):
    read = []
    original = export_stream.export_dataset

    def counting(*, label, queryset, published_only=False):
        read.append(queryset.count())
        return original(label=label, queryset=queryset, published_only=published_only)

    monkeypatch.setattr(export_stream, "export_dataset", counting)
    queryset = apps.get_model("timeline.Event").objects.order_by("-start_date", "pk")
    _headers, rows = export_stream.export_rows(label="timeline.Event", queryset=queryset, chunk=5)
    slugs = [row[0] for row in rows]
    assert slugs == list(queryset.values_list("slug", flat=True))  # the list's order
    assert read[0] == 0 and max(read[1:]) == 5 and sum(read) == len(slugs)


def test_a_list_download_is_streamed(source_data, client):
    for fmt in ("csv", "json"):
        response = client.get(f"/kk/heritage/download.{fmt}")
        assert isinstance(response, StreamingHttpResponse)
        assert response["Content-Disposition"] == f'attachment; filename="heritageitem.{fmt}"'
