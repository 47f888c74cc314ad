"""CSL-JSON as Zotero, Better BibTeX, Mendeley and pandoc write it: a list of items
(or one item), names as ``family``/``given`` (with particles) or ``literal``, dates as
``date-parts`` (numbers or strings), ``raw`` or ``literal`` text or an EDTF string,
titles with CSL's HTML-like markup (``<i>``, ``<span class="nocase">``)."""

import json

from django.utils.translation import gettext as _

from archive import cells
from archive.readers import FileError

from .bibtex_record import isbn, issn
from .dates import from_parts
from .dates import parse as parse_date
from .kinds import ARTICLE, BOOK, CHAPTER, DISSERTATION, DOCUMENT, csl_kind
from .names import plain_name
from .records import BibRecord, Name
from .values import (
    clean_text,
    doi_in_url,
    normal_doi,
    normal_language,
    normal_pages,
    split_keywords,
    unique,
)


def read(text: str) -> list[BibRecord]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise FileError(_("The JSON file cannot be read: %(error)s") % {"error": error}) from None
    if isinstance(data, dict):
        data = data.get("items", [data]) if "items" in data else [data]
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise FileError(
            _("A CSL-JSON file must be a list of items (objects), one per publication.")
        )
    if data and not any({"type", "title", "id"} & item.keys() for item in data):
        raise FileError(_("The JSON file is not CSL-JSON: its objects have no type, title or id."))
    return [to_record(item, number) for number, item in enumerate(data, start=1)]


def _text(value, *, paragraphs: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, list):  # some writers give a list for one value
        value = ", ".join(str(part) for part in value)
    return clean_text(cells.text(str(value)), paragraphs=paragraphs)


def to_record(item: dict, number: int) -> BibRecord:
    entry_type = _text(item.get("type"))
    record = BibRecord(_text(item.get("id")), number, entry_type)
    record.kind = csl_kind(entry_type)
    if not record.kind:
        record.error(
            "type",
            _("“%(type)s” is a type the archive has no kind of publication for.")
            % {"type": entry_type},
        )
    if language := _text(item.get("language")):
        try:
            record.language = normal_language(language)
        except ValueError as error:
            record.error("language", str(error))
    record.title = _text(item.get("title"))
    if not record.title:
        record.error("title", _("The entry has no title."))
    record.authors = _names(record, item, "author")
    record.editors = _names(record, item, "editor")
    _date(record, item)
    container = _text(item.get("container-title"))
    series = _text(item.get("collection-title"))
    record.venue = {
        ARTICLE: container,
        CHAPTER: container,
        BOOK: series or container,
        DOCUMENT: container or series,
    }.get(record.kind, series)
    record.volume = _text(item.get("volume"))
    record.issue = _text(item.get("issue") or item.get("number"))
    record.pages = normal_pages(_text(item.get("page")))
    record.place = _text(item.get("publisher-place"))
    if record.kind == DISSERTATION:
        record.institution = _text(item.get("publisher"))
        record.degree = _text(item.get("genre"))
    else:
        record.publisher = _text(item.get("publisher"))
    record.abstract = _text(item.get("abstract"), paragraphs=True)
    record.keywords = unique(split_keywords(_text(item.get("keyword"))))
    record.notes = _text(item.get("note"), paragraphs=True)
    record.url = _text(item.get("URL"))
    if doi := _text(item.get("DOI")):
        try:
            record.doi = normal_doi(doi)
        except ValueError as error:
            record.error("DOI", str(error))
    elif record.url:
        record.doi = doi_in_url(record.url)
    if value := _text(item.get("ISBN")):
        record.isbn = isbn(record, "ISBN", value, number)
    if value := _text(item.get("ISSN")):
        record.issn = issn(record, "ISSN", value, number)
    return record


def _names(record: BibRecord, item: dict, key: str) -> list[Name]:
    people = item.get(key) or []
    if not isinstance(people, list):
        people = [people]
    names = []
    for person in people:
        name = _person(person)
        if name is None:
            record.warn(key, _("A name in “%(field)s” is empty; it was left out.") % {"field": key})
        else:
            names.append(name)
    return names


def _person(person) -> Name | None:
    if isinstance(person, str):
        return plain_name(person)
    if not isinstance(person, dict):
        return None
    if person.get("literal"):
        return Name(_text(person["literal"]), "")
    # "van Gogh, Vincent" but "Beethoven, Ludwig van": a dropping particle goes with
    # the given names, as CSL styles print it.
    family_parts = ("non-dropping-particle", "family")
    given_parts = ("given", "dropping-particle", "suffix")
    family = " ".join(filter(None, (_text(person.get(part)) for part in family_parts)))
    given = " ".join(filter(None, (_text(person.get(part)) for part in given_parts)))
    if family:
        return Name(family, given)
    return Name(given, "") if given else None


def _date(record: BibRecord, item: dict) -> None:
    issued = item.get("issued")
    if not issued:
        return
    try:
        if isinstance(issued, str | int):
            record.year, record.date = parse_date(str(issued))
        elif parts := issued.get("date-parts"):
            first = parts[0] if isinstance(parts[0], list) else parts
            if not first or first[0] in (None, "", 0):
                return
            original = "-".join(str(part) for part in first[:3])
            record.year, record.date = from_parts(*first[:3], original=original)
        elif text := issued.get("raw") or issued.get("literal"):
            record.year, record.date = parse_date(str(text))
    except (ValueError, TypeError, AttributeError) as error:
        message = str(error) if isinstance(error, ValueError) else ""
        record.error("issued", message or _("“%(value)s” is not a date.") % {"value": issued})
