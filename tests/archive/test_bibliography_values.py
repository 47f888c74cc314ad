"""The pieces an archivist reads in every record: people's names in either order,
dates as people write them, languages by any of their names, DOIs and ISBNs as the
archive keeps them, LaTeX as text; and files that are no bibliography, refused in words."""

import datetime

import pytest

from archive.bibliography import Name, read_bibliography
from archive.bibliography.dates import parse
from archive.bibliography.latex import to_text
from archive.bibliography.names import bibtex_names, plain_name
from archive.bibliography.values import (
    join_title,
    normal_doi,
    normal_isbn,
    normal_issn,
    normal_language,
)
from archive.readers import FileError


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Иванов, Иван Иванович", Name("Иванов", "Иван Иванович")),
        ("Иван Иванович Иванов", Name("Иванов", "Иван Иванович")),
        ("Иванов Иван Иванович", Name("Иванов", "Иван Иванович")),
        ("Иванов И. И.", Name("Иванов", "И. И.")),
        ("Иванов И.И.", Name("Иванов", "И. И.")),
        ("И.И. Иванов", Name("Иванов", "И. И.")),
        ("Иванов, И.И.", Name("Иванов", "И. И.")),
        ("Назарбаев Нұрсұлтан Әбішұлы", Name("Назарбаев", "Нұрсұлтан Әбішұлы")),
        ("Нұрсұлтан Әбішұлы Назарбаев", Name("Назарбаев", "Нұрсұлтан Әбішұлы")),
        ("Байтұрсынұлы Ахмет", Name("Байтұрсынұлы", "Ахмет")),
        ("Ахмет Байтұрсынұлы", Name("Байтұрсынұлы", "Ахмет")),
        ("Дмитрий Дмитриевич Шостакович", Name("Шостакович", "Дмитрий Дмитриевич")),
        (
            "{Қазақстан Республикасының ЮНЕСКО істері жөніндегі ұлттық комиссиясы}",
            Name("Қазақстан Республикасының ЮНЕСКО істері жөніндегі ұлттық комиссиясы"),
        ),
        ("{UNESCO Almaty Office}", Name("UNESCO Almaty Office")),
        ("de la Fontaine, Jean", Name("de la Fontaine", "Jean")),
        ("Ludwig van Beethoven", Name("van Beethoven", "Ludwig")),
        (
            "family=Beethoven, given=Ludwig, prefix=van, useprefix=true",
            Name("van Beethoven", "Ludwig"),
        ),
        (r"Erd{\H{o}}s, P{\'a}l", Name("Erdős", "Pál")),
        ("J.~R.~R. Tolkien", Name("Tolkien", "J. R. R.")),
        ("Stepanov, Yu. A.", Name("Stepanov", "Yu. A.")),
    ],
)
def test_a_bibtex_name_in_either_order(written, name):
    names, et_al, warnings = bibtex_names(written)
    assert (names, et_al, warnings) == ([name], False, [])


def test_names_joined_by_and_with_others_at_the_end():
    names, et_al, _warnings = bibtex_names(
        "Сейткалиева, А. Б. AND Омаров Б. and\n {ЮНЕСКО} and others"
    )
    assert names == [Name("Сейткалиева", "А. Б."), Name("Омаров", "Б."), Name("ЮНЕСКО")]
    assert et_al


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Иванов, Иван Иванович", Name("Иванов", "Иван Иванович")),
        ("Иванов И.И.", Name("Иванов", "И. И.")),
        ("Smith, John, Jr.", Name("Smith", "John Jr.")),
        ("UNESCO Almaty Office,", Name("UNESCO Almaty Office")),
        ("ЮНЕСКО", Name("ЮНЕСКО")),
        ("Институт истории и этнологии", Name("Институт истории и этнологии")),
    ],
)
def test_a_ris_name_has_a_comma_unless_its_words_say_otherwise(written, name):
    assert plain_name(written) == name


@pytest.mark.parametrize(
    ("written", "year", "date"),
    [
        ("2019", 2019, None),
        ("2019-05", 2019, None),
        ("2019-05-12", 2019, datetime.date(2019, 5, 12)),
        ("12.05.2019", 2019, datetime.date(2019, 5, 12)),
        ("2019-05/2020", 2019, None),
        ("2019-05-12/2019-05-14", 2019, datetime.date(2019, 5, 12)),
        ("/2020", 2020, None),
        ("2019///", 2019, None),
        ("2019/05/12/", 2019, datetime.date(2019, 5, 12)),
        ("2011/11/05/summer", 2011, datetime.date(2011, 11, 5)),
        ("2019-05-12T10:00:00Z", 2019, datetime.date(2019, 5, 12)),
        ("[2019]", 2019, None),
        ("c1998", 1998, None),
        ("2019 г.", 2019, None),
        ("2019 ж.", 2019, None),
        ("1491—1547?", 1491, None),
        ("12 мая 2019", 2019, datetime.date(2019, 5, 12)),
        ("12 мамыр 2019", 2019, datetime.date(2019, 5, 12)),
        ("May 12, 2019", 2019, datetime.date(2019, 5, 12)),
        ("n.d.", None, None),
        ("б. г.", None, None),
    ],
)
def test_dates_as_people_write_them(written, year, date):
    assert parse(written) == (year, date)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("31.02.2019", "“31.02.2019” is not a date."),
        ("soon", "“soon” is not a date; write a year, or a date as 2019-05-12 or 12.05.2019."),
        ("2999", "“2999” is a year in the future."),
    ],
)
def test_dates_that_are_no_dates_are_said_so(written, message):
    with pytest.raises(ValueError, match=message):
        parse(written)


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("russian", "ru"),
        ("Russian", "ru"),
        ("rus", "ru"),
        ("ru-RU", "ru"),
        ("Русский", "ru"),
        ("русский язык", "ru"),
        ("kazakh", "kk"),
        ("қазақ", "kk"),
        ("Қазақ тілі", "kk"),
        ("kaz", "kk"),
        ("kk-KZ", "kk"),
        ("Казахский", "kk"),
        ("english", "en"),
        ("en-US", "en"),
        ("french", "fr"),
        ("russian and english", "ru"),
    ],
)
def test_languages_by_any_of_their_names(written, code):
    assert normal_language(written) == code


def test_a_language_the_archive_does_not_record_is_named():
    with pytest.raises(ValueError, match="“ngerman” is not one of the archive's languages"):
        normal_language("ngerman")


@pytest.mark.parametrize(
    ("written", "doi"),
    [
        ("https://doi.org/10.26577/JH.2019.v94.i3.02", "10.26577/jh.2019.v94.i3.02"),
        ("http://dx.doi.org/10.1484/J.JML.2.304214", "10.1484/j.jml.2.304214"),
        ("doi:10.1145/637069.637096", "10.1145/637069.637096"),
        ("DOI: 10.1016/0921-4534(89)90484-X", "10.1016/0921-4534(89)90484-x"),
    ],
)
def test_dois_without_their_prefixes_in_lower_case(written, doi):
    assert normal_doi(written) == doi


@pytest.mark.parametrize(
    ("written", "isbn"),
    [
        ("978-601-04-1234-7", "9786010412347"),
        ("ISBN 978-5-7667-0123-1", "9785766701231"),
        ("5-7667-0123-3", "9785766701231"),  # ISBN-10, as ISBN-13
        ("1-891562-74-6", "9781891562747"),
    ],
)
def test_isbns_checked_and_written_as_isbn_13(written, isbn):
    assert normal_isbn(written) == isbn


@pytest.mark.parametrize(
    ("normaliser", "written", "message"),
    [
        (normal_isbn, "978-601-04-1234-8", "its check digit is wrong"),
        (normal_isbn, "5-7667-0123-4", "its check digit is wrong"),
        (normal_isbn, "12345", "an ISBN has 10 or 13 digits"),
        (normal_issn, "1563-0260", "its check digit is wrong"),
        (normal_doi, "11.1000/x", "a DOI starts with 10. and a slash"),
    ],
)
def test_identifiers_that_do_not_check_out_are_said_so(normaliser, written, message):
    with pytest.raises(ValueError, match=message):
        normaliser(written)


@pytest.mark.parametrize(
    ("title", "subtitle", "language", "joined"),
    [
        ("Казахстан и ЮНЕСКО", "история", "ru", "Казахстан и ЮНЕСКО: история"),
        ("Что такое наследие?", "очерки", "ru", "Что такое наследие? очерки"),
        ("Histoire de l'UNESCO", "les débuts", "fr", "Histoire de l'UNESCO : les débuts"),
        ("Мәдени мұра", "", "kk", "Мәдени мұра"),
    ],
)
def test_title_and_subtitle_joined_as_style_guides_join_them(title, subtitle, language, joined):
    assert join_title(title, subtitle, language) == joined


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"{\"u}ber", "über"),
        (r"\'{e}t\'e", "été"),
        (r"Fran\c{c}ais", "Français"),
        (r"{\i}", "ı"),
        (r"\"{\i}", "ï"),
        (r"pp. 12--15", "pp. 12–15"),
        (r"A~B", "A\u00a0B"),
        (r"R\&D", "R&D"),
        (r"1990{\textendash}2000", "1990–2000"),
        (r"50\% of", "50% of"),
        (r"The {UNESCO} {{Heritage}}", "The UNESCO Heritage"),
        (r"Cu$_2$O", "Cu₂O"),
        (r"\foreignlanguage{russian}{Книга}", "Книга"),
        (r"\enquote{Дайк-Пресс}", "“Дайк-Пресс”"),
        # Mendeley and hand-written files leave % and & unescaped: signs, not LaTeX.
        (r"{Рост на 50% за 10~лет}", "Рост на 50% за 10\u00a0лет"),
        (r"{R&D} in {Kazakhstan}", "R&D in Kazakhstan"),
    ],
)
def test_latex_as_unicode_text(latex, text):
    assert to_text(latex) == text


NOT_A_BIBLIOGRAPHY = "“%s” is not a BibTeX, RIS or CSL-JSON bibliography."


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "refs.bib", "The file is empty."),
        (b"  \n\r\n", "refs.ris", "The file is empty."),
        (b"%PDF-1.7\n\x00\x01\x02", "refs.bib", NOT_A_BIBLIOGRAPHY % "refs.bib"),
        (b"Title,Year\nA,2001\n", "refs.csv", NOT_A_BIBLIOGRAPHY % "refs.csv"),
        (b"Some text\r\nER  - \r\n", "refs.ris", NOT_A_BIBLIOGRAPHY % "refs.ris"),
        (
            b"% JabRef\n@Comment{jabref-meta: databaseType:bibtex;}\n",
            "refs.bib",
            "“refs.bib” holds no bibliographic entries.",
        ),
    ],
)
def test_a_file_that_is_no_bibliography_is_refused_in_words(data, name, message):
    with pytest.raises(FileError) as raised:
        read_bibliography(data, name=name)
    assert str(raised.value) == message


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.ARCHIVE_MAX_UPLOAD_BYTES = 1_000_000
    with pytest.raises(FileError, match="The file is larger than 1 MB."):
        read_bibliography(b"@misc{k, title={T}}\n" * 60_000, name="big.bib")
