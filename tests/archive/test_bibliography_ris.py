"""RIS files as Zotero, EndNote and library catalogues export them: each record's
title, people, year and kind as the archivist entered them, problems named by line
and tag."""

import datetime
from pathlib import Path

import pytest

from archive.bibliography import Name, read_bibliography
from archive.readers import FileError

FILES = Path(__file__).resolve().parent.parent / "files" / "bibliography"


def read(name: str):
    return read_bibliography((FILES / name).read_bytes(), name=name)


def problems(record):
    return {(p.field, p.line, p.warning): p.message for p in record.problems}


def test_zotero_s_ris_export_of_kazakh_and_russian_works():
    bibliography = read("zotero-kk.ris")
    assert bibliography.format == "ris"
    assert (FILES / "zotero-kk.ris").read_bytes().count(b"\r\n") > 40  # as Zotero writes it
    article, thesis, book, video = bibliography.records
    assert [record.line for record in bibliography.records] == [1, 24, 35, 46]
    assert article.kind == "article"
    assert article.title == "Қазақстан мен ЮНЕСКО: ынтымақтастықтың 30 жылы"
    assert article.authors == [Name("Жұмабаева", "Айгүл Серікқызы"), Name("Омаров", "Бақытжан")]
    assert (article.year, article.date) == (2022, datetime.date(2022, 5, 12))  # not Y2's
    assert (article.language, article.venue) == ("kk", "ҚазҰУ Хабаршысы. Тарих сериясы")
    assert (article.volume, article.issue, article.pages) == ("105", "2", "44–53")
    assert (article.doi, article.issn) == ("10.26577/jh.2022.v105.i2.05", "1563-0269")
    assert article.keywords == ["ЮНЕСКО", "Қазақстан", "мәдени мұра"]
    assert article.notes == "Мақала қазақ тілінде."  # Zotero's HTML note, as text
    assert article.problems == []
    assert (thesis.kind, thesis.language, thesis.year) == ("dissertation", "ru", 2021)
    assert thesis.institution == "КазНУ им. аль-Фараби"
    assert thesis.degree == "Диссертация на соискание степени доктора философии (PhD)"
    assert (book.kind, book.isbn, book.language, book.publisher) == (
        "book",
        "9786010412347",
        "kk",
        "Қазақ университеті",
    )
    assert video.authors == [Name("Қазақфильм")]  # an organisation, ending with a comma
    assert problems(video) == {
        ("TY", 46, False): "“VIDEO” is a type the archive has no kind of publication for."
    }


def test_endnote_s_ris_with_a_byte_order_mark_and_its_own_ways():
    bibliography = read("endnote-ru.ris")
    assert (FILES / "endnote-ru.ris").read_bytes().startswith(b"\xef\xbb\xbf")
    assert bibliography.encoding_name == "UTF-8"
    article, chapter, broken = bibliography.records
    assert (article.key, article.line, article.kind) == ("15", 1, "article")
    assert article.authors == [
        Name("Иванов", "И. И."),  # "Иванов И.И.", no comma
        Name("Петрова", "А. С."),
        Name("Институт археологии им. А.Х. Маргулана"),
    ]
    assert (article.year, article.date) == (2019, datetime.date(2019, 5, 12))  # DA "May 12"
    assert article.keywords == ["всемирное наследие", "номинация", "Казахстан"]
    assert (article.issn, article.pages, article.language) == ("1563-0269", "70–81", "ru")
    assert article.doi == "10.26577/jh.2019.v94.i3.07"
    assert chapter.kind == "chapter"
    assert chapter.editors == [Name("Абенова", "Г. С.")]
    assert chapter.venue == "Казахстан в ЮНЕСКО: сборник статей"
    assert (chapter.isbn, chapter.place) == ("9786017804046", "Алматы")
    assert problems(broken) == {
        ("ER", 39, True): "The record does not end with an ER line; it was read to the next.",
        ("PY", 41, False): "“20l9” is not a date; write a year, or a date as 2019-05-12 "
        "or 12.05.2019.",
    }


def test_endnote_s_continuation_lines_are_separate_keywords():
    (record,) = read("rispy-endnote.ris").records
    assert record.keywords[:6] == [
        "citation",
        "reference",
        "library",
        "wizardry",
        "coffee",
        "procrastination",
    ]
    assert record.keywords[6:] == ["EndNote", "RIS"]
    assert record.authors[0] == Name("Smith", "A. Nonymous")
    assert (record.language, record.issn, record.key) == ("en", "0000-0000", "123")
    assert record.url == "https://www.endnote.com/"
    assert problems(record) == {
        ("UR", 33, True): "1 more URL is given; the first was kept, "
        "https://www.reference-jokes.org/ left out.",
        ("SN", 27, True): "“9999-9999” is not a valid ISSN: its check digit is wrong. "
        "It was left out.",
    }


def test_text_before_records_and_a_repeated_publisher():
    first, second = read("rispy-full.ris").records
    assert (first.line, first.title, first.year) == (2, "Title of reference", 2014)  # Y1 2014//
    assert first.authors == [Name("Marx", "Karl"), Name("Lindgren", "Astrid")]
    assert first.editors == [Name("Glattauer", "Daniel")]
    assert (first.venue, first.publisher, first.place) == ("Lorem", "Fun Factory", "United States")
    assert problems(first)[("PB", 20, True)] == (
        "“PB” is given more than once; the first was kept, “Fun Factory USA” left out."
    )
    assert (second.line, second.year, second.keywords[0]) == (29, 2006, "Pippi Langstrumpf")
    assert first.abstract.startswith("BACKGROUND: Lorem ipsum dolor sit amet")  # N2


def test_a_type_ris_does_not_have_is_a_row_error():
    (record,) = read("rispy-utf-chars.ris").records
    assert record.kind == ""
    assert problems(record) == {
        ("TY", 1, False): "“Journal Article” is a type the archive has no kind of publication for.",
        ("TI", 1, False): "The entry has no title.",
    }
    assert (record.year, record.volume, record.pages) == (2009, "8", "52–57")
    assert record.abstract.startswith("Состояние рецепторного аппарата эндометрия")


def test_zotero_s_conference_paper_with_an_isbn_in_sn():
    (paper,) = read("zotero-nianet.ris").records
    assert paper.kind == "chapter"  # Zotero writes conference papers as CONF
    assert (
        paper.venue
        == "Proceedings of the 17th Conference on Computer Science and Intelligence Systems"
    )
    assert (paper.year, paper.date, paper.pages) == (2022, None, "109–116")
    assert (paper.isbn, paper.issn, paper.language) == ("9788396242396", "", "en")
    assert paper.authors[0] == Name("Pavlič", "Sašo")


@pytest.mark.parametrize(
    ("ris_type", "kind"),
    [
        ("JOUR", "article"),
        ("EJOUR", "article"),
        ("MGZN", "article"),
        ("NEWS", "article"),
        ("BOOK", "book"),
        ("EDBOOK", "book"),
        ("EBOOK", "book"),
        ("CHAP", "chapter"),
        ("ECHAP", "chapter"),
        ("CPAPER", "chapter"),
        ("THES", "dissertation"),
        ("RPRT", "document"),
        ("GEN", "document"),
        ("ELEC", "document"),
        ("STAND", "document"),
        ("MAP", ""),
        ("SOUND", ""),
    ],
)
def test_every_ris_type_maps_to_a_kind_or_to_an_error(ris_type, kind):
    data = f"TY  - {ris_type}\r\nTI  - T\r\nPY  - 2019///\r\nER  - \r\n".encode()
    (record,) = read_bibliography(data, name="f.ris").records
    assert (record.kind, record.is_valid, record.year) == (kind, bool(kind), 2019)


def test_a_web_of_science_tagged_file_is_refused_in_words():
    data = b"FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU Parkes-Loach, PS\nER\n"
    with pytest.raises(FileError, match="Web of Science's own tagged format, not RIS"):
        read_bibliography(data, name="savedrecs.txt")
