"""BibTeX and biblatex files as Zotero, Better BibTeX, JabRef, Mendeley and EndNote write
them, and as people write them by hand, read into records an archivist can check: the
right title, people, year, kind and language for each entry, what a crossref gives,
and every problem named by its line and field."""

import codecs
import datetime
from pathlib import Path

from archive.bibliography import Name, read_bibliography

FILES = Path(__file__).resolve().parent.parent / "files" / "bibliography"


def read(name: str):
    return read_bibliography((FILES / name).read_bytes(), name=name)


def by_key(bibliography):
    return {record.key: record for record in bibliography.records}


def problems(record):
    return {(p.field, p.line, p.warning): p.message for p in record.problems}


def test_a_zotero_export_of_russian_work_reads_as_the_archivist_entered_it():
    bibliography = read("zotero-ru.bib")
    assert bibliography.format == "bibtex"
    article = by_key(bibliography)["ivanov_sotrudnichestvo_2019"]
    assert article.line == 2
    assert article.kind == "article"
    assert article.title == (
        "Сотрудничество Казахстана и ЮНЕСКО в сфере образования: история и современность"
    )
    assert article.authors == [
        Name("Иванов", "Иван Иванович"),
        Name("Сейткалиева", "Айгерим Бахытовна"),
    ]
    assert (article.year, article.date) == (2019, None)  # month = may, no day
    assert article.language == "ru"  # language = {Русский}
    assert article.venue == "Вестник КазНУ. Серия историческая"
    assert (article.volume, article.issue, article.pages) == ("94", "3", "12–20")
    assert article.doi == "10.26577/jh.2019.v94.i3.02"
    assert article.issn == "1563-0269"
    assert article.keywords == ["ЮНЕСКО", "Казахстан", "образование"]
    assert article.abstract.endswith("в 1992–2019 гг.")
    assert article.problems == []


def test_zotero_s_thesis_book_and_web_page_get_the_archive_s_kinds():
    records = by_key(read("zotero-ru.bib"))
    thesis = records["seitkaliyeva_kazakhstan_2021"]
    assert thesis.kind == "dissertation"
    assert thesis.institution == "Казахский национальный университет имени аль-Фараби"
    assert thesis.degree == "Диссертация на соискание степени доктора философии (PhD)"
    assert (thesis.place, thesis.language) == ("Алматы", "ru")  # language = {ru-RU}
    book = records["nurpeisov_madeni_2015"]
    assert (book.kind, book.language, book.isbn) == ("book", "kk", "9786010412347")
    assert book.authors == [Name("Нұрпейісов", "Ерлан Қайратұлы")]
    page = records["unesco_silk_2014"]
    assert page.kind == "document"
    assert page.authors == [Name("UNESCO World Heritage Centre")]  # {braced}: kept whole
    assert page.title == "Silk Roads: the Routes Network of Chang'an-Tianshan Corridor"


def test_better_biblatex_date_ranges_give_their_start():
    records = by_key(read("bbt-date-ranges.bib"))
    paper = records["Seeley1989"]
    assert paper.kind == "chapter"  # @inproceedings
    assert paper.venue == "Proceedings of the Winter 1989 USENIX Conference"
    assert (paper.year, paper.date) == (1989, datetime.date(1989, 1, 30))
    assert paper.place == "San Diego, California, USA"
    assert paper.pages == "287–304"
    article = records["Adams2017"]
    assert article.venue == "Bulletin of Volcanology"  # journaltitle
    assert article.keywords == ["breadcrust", "plinian", "Vulcanian eruptions"]
    assert len(article.authors) == 7
    assert records["Winograd1986"].doi == "10.1145/637069.637096"
    assert [record.line for record in records.values()] == [1, 11, 22]


def test_a_crossref_to_an_entry_further_down_gives_the_book_s_fields():
    records = by_key(read("bbt-crossref-forward.bib"))
    for key, line in (("inbook", 1), ("incollection", 17)):
        chapter = records[key]
        assert (chapter.kind, chapter.line, chapter.title) == ("chapter", line, "Lebanon")
        assert chapter.venue == "Global Civil Society: Dimensions of the Nonprofit Sector"
        assert chapter.editors == [
            Name("Salamon", "Lester M."),
            Name("Sokolowski", "S. Wojciech"),
        ]
        assert (chapter.year, chapter.publisher, chapter.place) == (
            2004,
            "Kumarian Press",
            "Bloomfield, CT",
        )
        assert chapter.authors[0] == Name("El-Husseini", "Hashem")
    assert records["book"].kind == "book"  # the parent is a record of its own


def test_biblatex_inheritance_from_mvbook_collection_and_xdata():
    records = by_key(read("bbt-kazakh.bib"))
    assert "kaznu_series" not in records  # @xdata holds fields, it is no publication
    volume = records["kozhakhmetov_tarikh_2011"]
    assert (volume.kind, volume.title, volume.venue) == (
        "book",
        "Орта ғасырлар",
        "Қазақстан тарихы",
    )
    assert volume.authors == [Name("Қожахметов", "Бауыржан")]
    assert (volume.language, volume.year, volume.publisher) == ("kk", 2011, "Фолиант")
    assert volume.isbn == "9785766701231"  # an ISBN-10, as ISBN-13
    collection = records["abenova_unesco_2020"]
    assert collection.title == "Казахстан в ЮНЕСКО: 1992–2022: сборник статей"
    assert (collection.kind, collection.year) == ("book", 2020)  # 2020-05/2020-06
    chapter = records["tokhtarov_tamgaly_2020"]
    assert chapter.venue == collection.title  # the parent's title (and subtitle)
    assert chapter.title == "Петроглифы Тамгалы как объект всемирного наследия"
    assert chapter.editors == [Name("Абенова", "Гүлнар Сапарқызы"), Name("Ли", "Андрей")]
    assert (chapter.language, chapter.year) == ("ru", 2020)
    thesis = records["zhumabayeva_unesco_2018"]
    assert (thesis.kind, thesis.degree) == ("dissertation", "PhD")
    assert (thesis.publisher, thesis.place) == ("Қазақ университеті", "Алматы")  # xdata
    assert thesis.date == datetime.date(2018, 11, 23)
    online = records["unesco_yasawi_2003"]
    assert (online.kind, online.authors, online.language) == ("document", [Name("UNESCO")], "en")


BOOK_WITH_DOI = b"""@incollection{chapter,
  author = {Omarov, B.},
  title = {Chapter},
  crossref = {book},
}
@collection{book,
  title = {Book},
  doi = {10.1000/book},
  isbn = {978-601-7804-04-6},
  year = {2020},
}
@article{orphan,
  title = {Orphan},
  crossref = {nowhere},
  journal = {J},
}
"""


def test_a_chapter_does_not_take_its_book_s_doi_and_a_missing_parent_is_named():
    records = by_key(read_bibliography(BOOK_WITH_DOI, name="f.bib"))
    chapter = records["chapter"]
    assert (chapter.venue, chapter.year, chapter.isbn) == ("Book", 2020, "9786017804046")
    assert chapter.doi == ""
    assert records["book"].doi == "10.1000/book"
    assert problems(records["orphan"]) == {
        ("crossref", 14, True): "“nowhere” is not an entry in the file: "
        "nothing was inherited from it."
    }


def test_jabref_5_groups_and_metadata_comments_are_not_records():
    bibliography = read("jabref5-groups.bib")
    assert [record.key for record in bibliography.records] == ["Chau2020", "Xie2020"]
    article = bibliography.records[1]
    assert article.authors[1] == Name("Dawson", "John F.")
    assert article.venue == "Electromagnetic Compatibility, IEEE Transactions on"
    assert (article.pages, article.doi) == ("1128–1135", "10.1109/temc.2019.2954303")
    assert bibliography.records[0].notes.startswith("Submitted: 8 June 2020")


def test_jabref_2_latex_accents_formulas_and_month_macros():
    records = by_key(read("jabref2-cuprous.bib"))
    assert records["Abu-Zeid_1986"].title.startswith(
        "Determination of the Thickness and Refractive Index of Cu₂O Thin Film"
    )
    assert records["Aggarwal_1997"].authors[1:] == [
        Name("Töpfer", "Jörg"),
        Name("Tsai", "Tse-Lun"),
        Name("Dieckmann", "Rüdiger"),
    ]
    adachi = records["Adachi_1989"]
    assert (adachi.year, adachi.issn, adachi.keywords) == (1989, "0921-4534", ["CuO"])
    assert adachi.doi == "10.1016/0921-4534(89)90484-x"
    unpublished = records["Aggarwal_1997_unpub"]
    assert unpublished.kind == "document"
    assert unpublished.url == "http://people.ccmr.cornell.edu/~dieck/publi.html"  # ~ kept


def test_endnote_s_bibtex_without_keys_and_values_with_percent_signs():
    (record,) = read("endnote-no-key.bib").records
    assert (record.key, record.line) == ("", 2)
    assert record.title == "Alzheimer mechanisms and therapeutic strategies"
    assert record.authors == [Name("Huang", "Y."), Name("Mucke", "L.")]
    assert (record.year, record.pages) == (2012, "1204–22")
    (article,) = read("percent-sign.bib").records
    assert "of about 50% in a narrow wavelength range" in article.abstract
    assert "Electrochromic properties" in article.keywords


def test_string_macros_fill_the_fields_that_name_them():
    (book,) = read("string-macros.bib").records
    assert (book.publisher, book.place) == ("Freds Publishing", "London, UK")
    assert book.authors == [Name("Bert", "R. A.")]


def test_a_hand_written_file_with_comments_macros_and_names_in_every_order():
    bibliography = read("hand-written-ru.bib")
    keys = [record.key for record in bibliography.records]
    # "old" is commented out
    assert keys == ["sultanov2020", "dupont1995", "list2019", "film2001", "notitle2018"] + [
        "sultanov2020"
    ]
    article = bibliography.records[0]
    assert article.title == "Казахстан и ЮНЕСКО: 50% объектов\u00a0— в Жетысу"
    assert article.venue == "Вестник КазНУ. Серия историческая"  # @string # "." # @string
    assert article.volume == ""  # its line is commented out
    assert article.authors == [
        Name("Иванов", "Иван Иванович"),
        Name("Иванов", "И. И."),
        Name("Султанов", "Марат Ерланович"),
        Name("Институт истории и этнологии"),
    ]
    assert article.more_authors
    assert (article.year, article.date) == (2020, datetime.date(2020, 5, 12))
    assert (article.language, article.doi) == ("ru", "10.26577/jh.2020.v97.i2.01")
    french = bibliography.records[1]
    assert french.title == "L'UNESCO et l'Asie centrale : histoire d'une coopération"
    assert french.authors == [
        Name("Dupont", "François"),
        Name("Müller", "Jörg"),
        Name("Cañete", "José"),
    ]
    assert french.publisher == "Éditions de l'UNESCO & Presses Universitaires"
    assert french.notes == "Tiré à part–100\u00a0ex."
    assert (french.language, french.isbn) == ("fr", "9789231000126")


def test_a_hand_written_file_s_mistakes_are_named_by_line_and_field():
    records = read("hand-written-ru.bib").records
    listed = records[2]
    assert listed.authors == [
        Name("Иванов", "И. И."),
        Name("Петров", "П. П."),
        Name("Сидоров", "С. С."),
    ]
    assert problems(listed) == {
        ("author", 30, True): "The names are separated by “,”, not “and”; read as 3 people.",
        ("month", 34, True): "“13” is not a month; it was left out.",
        ("isbn", 35, False): "“978-601-7804-04-5” is not a valid ISBN: its check digit is wrong.",
        ("language", 36, False): "“Klingon” is not a language the archive knows.",
    }
    assert not listed.is_valid
    assert problems(records[3]) == {
        ("", 39, False): "“@video” is a type the archive has no kind of publication for."
    }
    assert records[3].kind == ""
    assert problems(records[4]) == {("title", 44, False): "The entry has no title."}
    assert records[4].year == 2018  # "около 2018"
    assert problems(records[5]) == {
        ("", 50, True): "The key “sultanov2020” is also the key of the entry at line 6."
    }
    assert records[5].is_valid


def test_repeated_fields_are_joined_or_reported_never_dropped_silently():
    (record,) = read("jabref-repeated-fields.bib").records
    assert record.keywords == ["Жібек жолы", "ЮНЕСКО", "мұра", "трансшекаралық нысан"]
    assert record.url == "https://otan-tarihy.kz/2017/3/akhmetova"
    assert record.title == "Ұлы Жібек жолы және ЮНЕСКО"
    assert record.language == "kk"
    assert problems(record) == {
        ("keywords", 9, True): "“keywords” is given 2 times; the values were joined.",
        ("url", 13, True): "“url” is given more than once; the first was kept, "
        "“https://doi.org/10.51943/1814-6961_2017_3_20” left out.",
        ("title", 14, True): "“title” is given twice in this entry, with the same value.",
    }
    assert record.is_valid


def test_mendeley_s_header_double_braces_and_doi_links():
    (record,) = read("mendeley-ru.bib").records
    assert (record.key, record.line) == ("Ibraimova2018", 6)
    assert record.title == "Объекты всемирного наследия ЮНЕСКО в Казахстане"
    assert record.authors == [Name("Ибраимова", "Г. С."), Name("Петрова", "А.")]
    assert record.doi == "10.32523/2616-7255-2018-2-45-58"
    assert (record.issn, record.keywords[1]) == ("2617-751X", "всемирное наследие")


def test_windows_1251_is_read_as_a_jabref_file_declares_it():
    bibliography = read("jabref-cp1251.bib")
    assert (bibliography.encoding_name, bibliography.declared_encoding) == ("Windows-1251", True)
    (book,) = bibliography.records
    assert book.title == "Древние города Казахстана"
    assert book.authors == [Name("Байпаков", "Карл Молдахметович")]
    assert (book.line, book.language, book.place) == (4, "ru", "Алматы")


def test_windows_1251_without_a_declaration_is_detected_and_said():
    bibliography = read("cp1251-undeclared.bib")
    assert bibliography.encoding_name == "Windows-1251"
    assert not bibliography.declared_encoding and not bibliography.doubtful_encoding
    (article,) = bibliography.records
    assert article.authors == [Name("Калиева", "Жанар Муратовна")]
    assert article.title.startswith("Сохранение объектов культурного наследия Казахстана")


def test_a_western_jabref_file_is_read_in_the_latin_1_it_declares():
    data = "% Encoding: ISO-8859-1\n\n@Book{m, author = {Müller, Jörg}, title = {Études}}\n"
    bibliography = read_bibliography(data.encode("latin-1"), name="western.bib")
    assert (bibliography.encoding_name, bibliography.declared_encoding) == ("ISO-8859-1", True)
    assert bibliography.records[0].authors == [Name("Müller", "Jörg")]
    assert bibliography.records[0].title == "Études"


def test_a_utf_8_file_with_a_byte_order_mark_reads_the_same():
    data = (FILES / "zotero-ru.bib").read_bytes()
    plain = read_bibliography(data, name="a.bib")
    marked = read_bibliography(codecs.BOM_UTF8 + data, name="a.bib")
    assert marked.encoding_name == "UTF-8"
    assert [(r.key, r.line, r.title) for r in marked.records] == [
        (r.key, r.line, r.title) for r in plain.records
    ]


def test_a_missing_comma_is_a_row_error_on_the_field_before_it():
    data = (
        "@article{first,\n  title = {First}\n  year = {2001},\n}\n\n"
        "@book{second,\n  title = {Второй},\n  year = {2002},\n}\n"
    ).encode()
    first, second = read_bibliography(data, name="f.bib").records
    assert (first.key, first.line, first.is_valid) == ("first", 1, False)
    assert problems(first) == {
        ("title", 2, False): "A comma is missing after this field: its value runs into "
        "“year = {2001}”."
    }
    assert first.title == "First"
    assert (second.key, second.line, second.title, second.year) == ("second", 6, "Второй", 2002)


def test_a_record_gives_the_values_of_the_publication_fields_the_model_has():
    (book,) = read("jabref-cp1251.bib").records
    assert book.publication_values() == {
        "kind": "book",
        "title": "Древние города Казахстана",
        "abstract": "",
        "keywords": "",
        "year": 2008,
        "venue": "",
        "volume": "",
        "issue": "",
        "pages": "",
        "doi": "",
        "isbn": "",
        "publisher": "Аруна",
        "institution": "",
        "degree": "",
        "url": "",
        "language": "ru",
    }
    article = by_key(read("zotero-ru.bib"))["ivanov_sotrudnichestvo_2019"]
    assert article.publication_values()["keywords"] == "ЮНЕСКО, Казахстан, образование"
    assert {k: article.publication_values()[k] for k in ("volume", "issue", "pages", "doi")} == {
        "volume": "94",
        "issue": "3",
        "pages": "12–20",
        "doi": "10.26577/jh.2019.v94.i3.02",
    }


def test_an_entry_whose_braces_do_not_close_is_a_row_error_naming_its_line():
    data = (
        "@article{first,\n  title = {First,\n  year = {2001},\n}\n\n"
        "@book{second,\n  title = {Второй},\n  year = {2002},\n}\n"
    ).encode()
    first, second = read_bibliography(data, name="f.bib").records
    assert (first.key, first.line, first.kind, first.is_valid) == ("first", 1, "", False)
    (error,) = first.errors
    assert (error.field, error.line) == ("", 1)
    assert error.message.startswith("This entry cannot be read (")
    assert error.message.endswith("; check its braces and commas.")
    assert (second.key, second.line, second.title, second.year) == ("second", 6, "Второй", 2002)
