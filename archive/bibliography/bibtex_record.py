"""A BibTeX/biblatex entry's fields as a record: biblatex's names for them first, then
BibTeX's (``journaltitle``/``journal``, ``location``/``address``, ``date``/``year``,
``langid``/``language``/``hyphenation``), LaTeX decoded, repeated fields reported."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .bibtex import RawEntry, RawField
from .dates import from_parts, month_number
from .dates import parse as parse_date
from .kinds import (
    ARTICLE,
    BOOK,
    CHAPTER,
    DISSERTATION,
    DOCUMENT,
    THESIS_DEGREES,
    bibtex_kind,
)
from .latex import to_text, verbatim
from .names import bibtex_names
from .records import BibRecord
from .values import (
    clean_text,
    doi_in_url,
    join_title,
    normal_doi,
    normal_isbn,
    normal_issn,
    normal_language,
    normal_pages,
    split_identifiers,
    split_keywords,
    unique,
)

JOINED = {"keywords", "keyword", "note", "annotation", "annote", "addendum"}
PARAGRAPHS = {"abstract", "note", "annotation", "annote", "addendum"}


class Fields:
    """Reads an entry's fields, each once; a repeated field is reported as it is read."""

    def __init__(self, entry: RawEntry, record: BibRecord):
        self.entry, self.record = entry, record
        self.reported: set[str] = set()

    def raw(self, *names: str) -> RawField | None:
        for name in names:
            found = self.entry.fields.get(name)
            if found and any(value.value.strip() for value in found):
                if len(found) > 1 and name not in JOINED and name not in self.reported:
                    self.reported.add(name)
                    self._repeated(name, found)
                return found[0]
        return None

    def text(self, *names: str) -> str:
        found = self.raw(*names)
        return self.decode(found) if found else ""

    def decode(self, found: RawField) -> str:
        return clean_text(to_text(found.value), paragraphs=found.name in PARAGRAPHS)

    def joined(self, *names: str) -> list[RawField]:
        """Every value of these fields (a repeated keywords or note field is joined)."""
        found = [value for name in names for value in self.entry.fields.get(name, [])]
        for name in names:
            repeated = self.entry.fields.get(name, [])
            if len(repeated) > 1:
                self.record.warn(
                    name,
                    ngettext(
                        "“%(field)s” is given %(count)s time; the values were joined.",
                        "“%(field)s” is given %(count)s times; the values were joined.",
                        len(repeated),
                    )
                    % {"field": name, "count": len(repeated)},
                    repeated[1].line,
                )
        return [value for value in found if value.value.strip()]

    def _repeated(self, name: str, found: list[RawField]) -> None:
        first = found[0].value.strip()
        others = [value for value in found[1:] if value.value.strip() != first]
        if not others:
            message = _("“%(field)s” is given twice in this entry, with the same value.")
        else:
            message = _(
                "“%(field)s” is given more than once; the first was kept, “%(left)s” left out."
            )
        left = "”, “".join(self.decode(value) for value in others)
        self.record.warn(name, message % {"field": name, "left": left}, found[1].line)


def to_record(entry: RawEntry) -> BibRecord:
    record = BibRecord(entry.key, entry.line, entry.entry_type, problems=list(entry.problems))
    if entry.failure:
        record.error("", entry.failure)
        return record
    fields = Fields(entry, record)
    record.kind = bibtex_kind(entry.entry_type)
    if not record.kind:
        record.error(
            "",
            _("“%(type)s” is a type the archive has no kind of publication for.")
            % {"type": f"@{entry.entry_type}"},
        )
    _language(record, fields)
    record.title = join_title(fields.text("title"), fields.text("subtitle"), record.language)
    if not record.title:
        record.error("title", _("The entry has no title."))
    for name, attribute, more in (("author", "authors", "more_authors"),
                                  ("editor", "editors", "more_editors")):  # fmt: skip
        if found := fields.raw(name):
            names, et_al, warnings = bibtex_names(found.value)
            setattr(record, attribute, names)
            setattr(record, more, et_al)
            for warning in warnings:
                record.warn(name, warning, found.line)
    _date(record, fields)
    _venue(record, fields)
    record.volume = fields.text("volume")
    record.issue = fields.text("number", "issue")
    record.pages = normal_pages(fields.text("pages"))
    record.publisher = fields.text("publisher")
    record.place = fields.text("location", "address")
    if record.kind == DISSERTATION:
        record.institution = fields.text("institution", "school")
        degree = fields.text("type") or entry.entry_type.lower()
        record.degree = THESIS_DEGREES.get(degree.lower(), degree)
    elif not record.publisher:
        record.publisher = fields.text("institution", "organization")
    record.abstract = fields.text("abstract")
    keywords = [
        keyword
        for found in fields.joined("keywords", "keyword")
        for keyword in split_keywords(fields.decode(found))
    ]
    record.keywords = unique(keywords)
    notes = fields.joined("note", "annotation", "annote", "addendum")
    record.notes = "\n\n".join(unique([fields.decode(found) for found in notes]))
    _identifiers(record, fields)
    return record


def _language(record: BibRecord, fields: Fields) -> None:
    if found := fields.raw("langid", "language", "hyphenation"):
        try:
            record.language = normal_language(fields.decode(found))
        except ValueError as error:
            record.error(found.name, str(error), found.line)


def _date(record: BibRecord, fields: Fields) -> None:
    date, year = fields.raw("date"), fields.raw("year")
    try:
        if date:
            record.year, record.date = parse_date(fields.decode(date))
        elif year:
            record.year, record.date = parse_date(fields.decode(year))
            month, day = fields.raw("month"), fields.raw("day")
            number = month_number(fields.decode(month)) if month else None
            if month and number is None:
                record.warn(
                    "month",
                    _("“%(value)s” is not a month; it was left out.")
                    % {"value": fields.decode(month)},
                    month.line,
                )
            if record.year and number and day and not record.date:
                original = f"{fields.decode(year)}-{number}-{fields.decode(day)}"
                record.year, record.date = from_parts(
                    record.year, number, fields.decode(day), original=original
                )
    except ValueError as error:
        found = date or year
        record.error(found.name, str(error), found.line)
        return
    if date and year and record.year:
        try:
            other = parse_date(fields.decode(year))[0]
        except ValueError:
            other = None
        if other and other != record.year:
            record.warn(
                "year",
                _("The year (%(year)s) differs from the date's (%(date)s); the date was kept.")
                % {"year": other, "date": record.year},
                year.line,
            )


def _venue(record: BibRecord, fields: Fields) -> None:
    if record.kind == ARTICLE:
        venue = join_title(fields.text("journaltitle", "journal"), fields.text("journalsubtitle"))
    elif record.kind == CHAPTER:
        venue = join_title(fields.text("booktitle"), fields.text("booksubtitle"))
        venue = venue or fields.text("maintitle")
    elif record.kind == BOOK:
        venue = fields.text("maintitle", "series")
    elif record.kind == DOCUMENT:
        venue = fields.text("series", "journaltitle", "journal", "booktitle")
    else:
        venue = fields.text("series")
    record.venue = venue


def _identifiers(record: BibRecord, fields: Fields) -> None:
    urls = fields.raw("url")
    if urls:
        record.url = verbatim(urls.value)
    elif (found := fields.raw("howpublished")) and "http" in found.value:
        record.url = verbatim(found.value)
    if found := fields.raw("doi"):
        try:
            record.doi = normal_doi(verbatim(found.value))
        except ValueError as error:
            record.error("doi", str(error), found.line)
    elif record.url:
        record.doi = doi_in_url(record.url)
    if found := fields.raw("isbn"):
        record.isbn = isbn(record, "isbn", verbatim(found.value), found.line)
    if found := fields.raw("issn"):
        record.issn = issn(record, "issn", verbatim(found.value), found.line)


def isbn(record: BibRecord, field_name: str, value: str, line: int | None) -> str:
    """The first ISBN the field gives, checked; the others are named in a warning."""
    given = split_identifiers(value)
    try:
        first = normal_isbn(given[0]) if given else ""
    except ValueError as error:
        record.error(field_name, str(error), line)
        return ""
    if len(given) > 1:
        record.warn(
            field_name,
            _("More than one ISBN is given; the first was kept, %(others)s left out.")
            % {"others": ", ".join(given[1:])},
            line,
        )
    return first


def issn(record: BibRecord, field_name: str, value: str, line: int | None) -> str:
    given = split_identifiers(value)
    for number in given:
        try:
            return normal_issn(number)
        except ValueError as error:
            record.warn(field_name, f"{error} " + _("It was left out."), line)
    return ""
