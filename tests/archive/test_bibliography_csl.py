"""CSL-JSON as Zotero and Better BibTeX export it: items numbered as the file lists
them, names as family/given or literal, dates as date-parts, raw text or ranges."""

import datetime
import json
from pathlib import Path

import pytest

from archive.bibliography import Name, read_bibliography
from archive.readers import FileError

FILES = Path(__file__).resolve().parent.parent / "files" / "bibliography"


def read(name: str):
    return read_bibliography((FILES / name).read_bytes(), name=name)


def problems(record):
    return {(p.field, p.line, p.warning): p.message for p in record.problems}


def test_zotero_s_csl_json_of_kazakh_russian_and_english_items():
    bibliography = read("zotero-kk.csl.json")
    assert bibliography.format == "csl-json"
    article, thesis, page = bibliography.records
    assert [record.line for record in bibliography.records] == [1, 2, 3]  # item numbers
    assert article.key == "http://zotero.org/users/local/kZ8qP2aB/items/7HF3K9QD"
    assert (article.kind, article.language) == ("article", "kk")
    assert article.authors == [Name("Жұмабаева", "Айгүл Серікқызы"), Name("Омаров", "Бақытжан")]
    assert (article.year, article.date) == (2022, datetime.date(2022, 5, 12))  # ["2022", 5, 12]
    assert (article.venue, article.pages) == ("ҚазҰУ Хабаршысы. Тарих сериясы", "44–53")
    assert (article.doi, article.issn) == ("10.26577/jh.2022.v105.i2.05", "1563-0269")
    assert (thesis.kind, thesis.language, thesis.year) == ("dissertation", "ru", 2021)
    assert (thesis.institution, thesis.publisher) == ("КазНУ им. аль-Фараби", "")
    assert thesis.degree == "Диссертация на соискание степени доктора философии (PhD)"
    assert page.authors == [Name("UNESCO World Heritage Centre")]  # literal
    assert (page.kind, page.year, page.date) == ("document", 2004, datetime.date(2004, 7, 9))
    assert all(record.is_valid for record in bibliography.records)


def test_better_csl_json_languages_isbns_and_a_type_without_a_kind():
    book, chapter, dataset = read("bbt-kazakh.csl.json").records
    assert (book.key, book.language, book.isbn) == (
        "nurpeisovMadeniMura2015",
        "kk",
        "9786010412347",
    )
    assert (chapter.kind, chapter.language) == ("chapter", "ru")  # "ru-RU"
    assert chapter.venue == "Казахстан в ЮНЕСКО: сборник статей"
    assert chapter.editors == [Name("Абенова", "Г. С.")]
    assert (chapter.year, chapter.date) == (2020, None)  # [2020, 5]
    assert problems(dataset) == {
        ("type", 3, False): "“dataset” is a type the archive has no kind of publication for."
    }


def test_csl_markup_in_titles_and_two_isbns_in_one_field():
    article, chapter = read("bbt-language-tag.csl.json").records
    assert article.title == "A verse translation of Abbo of St. Germain's Bella Parisiacae urbis"
    assert (article.doi, article.language, article.pages) == (
        "10.1484/j.jml.2.304214",
        "en",
        "1–68",
    )
    assert chapter.isbn == "9780754650331"
    assert problems(chapter) == {
        ("ISBN", 2, True): "More than one ISBN is given; the first was kept, "
        "978-1-4094-0951-9 left out."
    }
    assert chapter.editors == [Name("Efthymiádis", "Stéfanos")]


def test_date_ranges_and_years_before_the_common_era():
    manuscript, open_ended, ancient, article = read("bbt-dates.csl.json").records
    assert (manuscript.kind, manuscript.date) == ("document", datetime.date(2014, 12, 31))
    assert open_ended.date == datetime.date(2014, 12, 31)
    assert problems(ancient) == {
        ("issued", 3, False): "“-334” is a year before the Common Era; the archive records "
        "years from 1."
    }
    assert (article.year, article.date, article.issue) == (1985, None, "3")


def test_types_without_a_kind_and_items_without_a_title():
    report, entry, film, empty = read("bbt-creator-types.csl.json").records
    assert (report.kind, report.issue, report.publisher) == ("document", "77", "Institution")
    assert (entry.kind, entry.title) == ("chapter", "Frithuswith (d. 727)")
    assert film.kind == "" and not film.is_valid
    assert problems(empty) == {("title", 4, False): "The entry has no title."}


def test_a_single_item_is_read_as_a_file_of_one():
    item = {"id": "x", "type": "book", "title": "Бір кітап", "language": "Қазақша",
            "issued": {"date-parts": [[1999]]}}  # fmt: skip
    (record,) = read_bibliography(json.dumps(item).encode(), name="one.json").records
    assert (record.title, record.language, record.year) == ("Бір кітап", "kk", 1999)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'[{"type": "book", "title": ', "The JSON file cannot be read: "),
        (b'["a", "b"]', "A CSL-JSON file must be a list of items (objects), one per publication."),
        (b'[{"itemType": "book", "creators": []}]', "The JSON file is not CSL-JSON"),
        (b"[]", "“refs.json” holds no bibliographic entries."),
    ],
)
def test_json_that_is_no_csl_json_is_refused_in_words(data, message):
    with pytest.raises(FileError) as raised:
        read_bibliography(data, name="refs.json")
    assert str(raised.value).startswith(message)
