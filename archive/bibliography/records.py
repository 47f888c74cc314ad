"""What a bibliographic file is read into: records in file order, each with the problems
found in it, ready to be shown as rows of a preview."""

import datetime
from dataclasses import dataclass, field
from typing import NamedTuple

from archive.readers import ENCODING_NAMES


class Name(NamedTuple):
    """A person as a citation names them; an organisation's name is the family alone."""

    family: str
    given: str = ""

    def __str__(self) -> str:
        return f"{self.family}, {self.given}" if self.given else self.family


@dataclass
class Problem:
    """Something wrong with one field of a record, in words. ``field`` is the field as
    the file names it (``keywords``, ``KW``, ``issued``), or "" for the whole entry;
    ``line`` is where the file says it (the record number in CSL-JSON). A warning says
    what was done about it; an error means the record cannot be imported as it is."""

    field: str
    message: str
    line: int | None = None
    warning: bool = False


@dataclass
class BibRecord:
    key: str  # BibTeX key, RIS ID, CSL id; "" when the file gives none
    line: int  # where the record starts: a line, or the record number in CSL-JSON
    entry_type: str  # as the file writes it: "MastersThesis", "JOUR", "article-journal"
    kind: str = ""  # a PublicationKind value; "" when the type has none
    title: str = ""
    authors: list[Name] = field(default_factory=list)
    editors: list[Name] = field(default_factory=list)
    more_authors: bool = False  # "and others", "et al."
    more_editors: bool = False
    year: int | None = None
    date: datetime.date | None = None  # only when the day is given
    venue: str = ""  # journal, book (for a chapter) or series
    volume: str = ""
    issue: str = ""  # issue of a journal, or number in a series
    pages: str = ""
    publisher: str = ""
    place: str = ""
    institution: str = ""  # university of a thesis
    degree: str = ""
    language: str = ""  # ISO 639-1
    abstract: str = ""
    keywords: list[str] = field(default_factory=list)
    url: str = ""
    doi: str = ""  # lowercased, without https://doi.org/ or doi:
    isbn: str = ""  # ISBN-13, digits only, checksum verified
    issn: str = ""  # NNNN-NNNN, checksum verified
    notes: str = ""
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if not problem.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.warning]

    @property
    def is_valid(self) -> bool:
        return not self.errors

    def error(self, field_name: str, message: str, line: int | None = None) -> None:
        self.problems.append(Problem(field_name, message, line or self.line))

    def warn(self, field_name: str, message: str, line: int | None = None) -> None:
        self.problems.append(Problem(field_name, message, line or self.line, warning=True))

    def publication_values(self) -> dict:
        """The values for the ``Publication`` fields the model has (the rest — authors,
        editors, place, date, notes — it lacks; authors are imported as their own rows)."""
        values = {
            "kind": self.kind,
            "title": self.title,
            "abstract": self.abstract,
            "keywords": ", ".join(self.keywords),
            "year": self.year,
            "venue": self.venue,
            "volume": self.volume,
            "issue": self.issue,
            "pages": self.pages,
            "doi": self.doi,
            "isbn": self.isbn,
            "publisher": self.publisher,
            "institution": self.institution,
            "degree": self.degree,
            "url": self.url,
        }
        if self.language:
            values["language"] = self.language
        return values


@dataclass
class BibliographyFile:
    name: str
    format: str  # "bibtex", "ris" or "csl-json"
    records: list[BibRecord]
    encoding: str  # the Python codec the text was read with
    doubtful_encoding: bool = False  # detection was not sure: say so, as the preview does
    declared_encoding: bool = False  # read as the file itself declares (JabRef's header)

    @property
    def encoding_name(self) -> str:
        name = ENCODING_NAMES.get(self.encoding) or ENCODING_NAMES.get(
            self.encoding.replace("-", "_")
        )
        return name or self.encoding.upper().replace("ISO8859", "ISO-8859")

    @property
    def problems(self) -> list[Problem]:
        return [problem for record in self.records for problem in record.problems]
