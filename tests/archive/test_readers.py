"""Encodings are stated, not guessed silently: text files from Excel and older systems
are read in the encoding they were written in, and the preview, the command and the
ledger say which; a guess that is not certain says so."""

import pytest

from archive import readers
from archive.applying import apply_plan
from archive.services import plan_import
from heritage.models import HeritageItem
from tests.files import csv_bytes
from tests.imports import map_columns, upload

pytestmark = pytest.mark.django_db

WESTERN = [["slug", "kind", "name_en"], ["cafe", "world", "Café Zürich naïve résumé"]]
RUSSIAN = [
    ["slug", "kind", "name_ru"],
    ["yasawi", "world", "Мавзолей Ходжи Ахмеда Ясави в Туркестане"],
    ["tanbaly", "world", "Петроглифы археологического ландшафта Танбалы"],
]


@pytest.mark.parametrize(
    ("rows", "encoding", "name", "text"),
    [
        (WESTERN, "cp1252", "Windows-1252", "Café Zürich naïve résumé"),
        (RUSSIAN, "cp1251", "Windows-1251", "Мавзолей Ходжи Ахмеда Ясави в Туркестане"),
        (RUSSIAN, "koi8_r", "KOI8-R", "Мавзолей Ходжи Ахмеда Ясави в Туркестане"),
        (RUSSIAN, "mac_cyrillic", "Mac Cyrillic", "Мавзолей Ходжи Ахмеда Ясави в Туркестане"),
    ],
)
def test_an_8_bit_file_is_read_in_its_own_encoding_and_says_which(rows, encoding, name, text):
    table = readers.read(csv_bytes(rows, encoding=encoding), name="f.csv")
    cells = [cell for _number, row in table.rows for cell in row]
    assert text in cells
    assert (table.encoding_name, table.doubtful_encoding) == (name, False)


def test_excel_s_unicode_text_utf_16_with_tabs_is_read():
    data = csv_bytes(WESTERN, encoding="utf-16", delimiter="\t")  # Excel's "Unicode text"
    plan = plan_import(label="heritage.HeritageItem", table=readers.read(data, name="f.csv"))
    assert plan.is_valid, plan.errors
    record = apply_plan(plan=plan, file_name="f.csv", checksum="0" * 64)
    assert HeritageItem.objects.get(slug="cafe").name_en == "Café Zürich naïve résumé"
    assert record.encoding == "UTF-16"


def test_a_short_file_whose_encoding_is_uncertain_is_flagged():
    table = readers.read(csv_bytes([["a", "b"], ["x", "Ясы"]], encoding="cp1251"), name="f.csv")
    assert table.doubtful_encoding


def test_the_preview_says_how_the_file_was_read(user_in):
    client = user_in("Archivist")
    data = csv_bytes(WESTERN, encoding="cp1252")
    preview = client.get(map_columns(client, upload(client, data)))
    html = preview.content.decode()
    assert "The file was read as Windows-1252." in html
    assert "not certain" not in html


def test_utf_8_with_or_without_a_bom_is_certain():
    for bom in (False, True):
        table = readers.read(csv_bytes(RUSSIAN, bom=bom), name="f.csv")
        assert (table.encoding_name, table.doubtful_encoding) == ("UTF-8", False)
