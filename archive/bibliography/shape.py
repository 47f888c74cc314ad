"""A bibliography (BibTeX/biblatex, RIS, CSL-JSON) read as the tables the archive imports:
the same file imported three times — its authors, its publications, then the authorships
that link them — each through the preview, the ledger and undo like any spreadsheet.

A publication is matched on its DOI, then its ISBN, then its key (the BibTeX key, RIS ID
or CSL id is the slug of a publication imported from it), then its title and year; an
author on the family and given names. A new record is a draft, its texts in the columns
of the work's own language. An entry's errors are its row's errors, under the file's own
field names; what was done about a doubtful value is listed as a warning."""

import json
import re
from functools import cached_property

from django.conf import settings
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from archive.readers import Table
from core.kazakh_latin import folded
from core.slugs import slug_base, slug_from
from publications.models import Author, Publication

from . import read_bibliography
from .records import BibliographyFile, BibRecord, Name

PUBLICATIONS, AUTHORS, AUTHORSHIPS = (
    "publications.publication",
    "publications.author",
    "publications.authorship",
)
LABELS = (PUBLICATIONS, AUTHORS, AUTHORSHIPS)
# Each finished import of a bibliography offers the next with the same file (the admin has
# no screen of its own for authorships).
NEXT_STEP = {PUBLICATIONS: AUTHORS, AUTHORS: AUTHORSHIPS}
FORMAT_NAMES = {"bibtex": "BibTeX", "ris": "RIS", "csl-json": "CSL-JSON"}
EXTENSIONS = {"bib", "bibtex", "ris"}
# Columns whose values the readers checked: an entry's own error replaces theirs.
READ_AND_CHECKED = ("kind", "year", "doi", "isbn", "pages", "language")
LANGUAGES = tuple(settings.MODELTRANSLATION_LANGUAGES)
# A key a person chose (ivanov2019, Baipakov:2008); not a number or an address a program
# gave (EndNote's 15, Zotero's http://zotero.org/…), which make no web address.
CITATION_KEY = re.compile(r"(?!https?:)[^\W\d][\w:.\-]*")
KAZAKH_LETTERS = re.compile(r"[ӘәҒғҚқҢңӨөҰұҮүҺһІі]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def reads(data: bytes, *, name: str) -> bool:
    """Whether the file is a bibliography rather than a spreadsheet: a .bib or .ris file,
    or JSON whose items are CSL's (a "type" and no column of the archive's own)."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension in EXTENSIONS:
        return True
    if extension != "json":
        return False
    try:
        items = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        return False
    if isinstance(items, dict):
        items = [items]
    first = items[0] if isinstance(items, list) and items else None
    return isinstance(first, dict) and "type" in first and not {"slug", "kind"} & set(first)


def next_step(label: str, shape: str) -> str | None:
    """The model to import next from a bibliography just imported as ``label``."""
    return NEXT_STEP.get(label.lower()) if shape in FORMAT_NAMES.values() else None


def read(data: bytes, *, name: str, label: str, language: str = "") -> Table:
    bibliography = read_bibliography(data, name=name)
    language = (language or get_language() or "en")[:2]
    matched = Matches(bibliography)
    headers, rows = {
        PUBLICATIONS: _publications,
        AUTHORS: _authors,
        AUTHORSHIPS: _authorships,
    }[label](bibliography, matched, language)
    table = Table(
        headers,
        rows=iter(rows),
        format=bibliography.format,
        total=len(rows),
        encoding=bibliography.encoding,
        doubtful_encoding=bibliography.doubtful_encoding,
    )
    notes = table.notes
    notes.shape = FORMAT_NAMES[bibliography.format]
    notes.fills_in = True
    notes.derived = READ_AND_CHECKED
    for record in bibliography.records:
        if label == PUBLICATIONS and record.errors:
            notes.problems[record.line] = [
                (p.field or _("entry"), p.message) for p in record.errors
            ]
        where = _("Item %(line)s") if bibliography.format == "csl-json" else _("Line %(line)s")
        notes.warnings += [
            f"{where % {'line': problem.line or record.line}}, {problem.field}: {problem.message}"
            for problem in record.warnings
        ]
    return table


class Matches:
    """The slug each entry and each person of the file has in the archive, or will have:
    each looked up once, and only by the tables that need it."""

    def __init__(self, bibliography: BibliographyFile):
        self.records = bibliography.records

    @cached_property
    def publication_slugs(self) -> dict[int, str]:
        return _publication_slugs(self.records)

    @cached_property
    def author_slugs(self) -> dict[Name, str]:
        return _author_slugs(self.records)


def _publication_slugs(records: list[BibRecord]) -> dict[int, str]:
    """Entry line → slug: an existing publication's, else one made from the key (or the
    title), unique among the archive's and the file's other new ones."""
    existing = Publication.objects.filter(
        Q(doi__in=[r.doi for r in records if r.doi])
        | Q(isbn__in=[r.isbn for r in records if r.isbn])
        | Q(slug__in=[slug_base(r.key) for r in records if r.key])
        | Q(year__in=[r.year for r in records if r.year])
    ).only("slug", "doi", "isbn", "year", *(f"title_{code}" for code in LANGUAGES))
    by_doi, by_isbn, by_slug, by_title = {}, {}, {}, {}
    for publication in existing:
        by_slug[publication.slug] = publication.slug
        if publication.doi:
            by_doi[publication.doi.lower()] = publication.slug
        if publication.isbn:
            by_isbn[publication.isbn] = publication.slug
        for code in LANGUAGES:
            if title := getattr(publication, f"title_{code}"):
                by_title[(folded(title), publication.year)] = publication.slug
    taken = set(Publication.objects.values_list("slug", flat=True))
    slugs = {}
    for record in records:
        chosen_key = bool(CITATION_KEY.fullmatch(record.key))
        found = (
            (record.doi and by_doi.get(record.doi.lower()))
            or (record.isbn and by_isbn.get(record.isbn))
            or (chosen_key and by_slug.get(slug_base(record.key)))
            or by_title.get((folded(record.title), record.year))
        )
        named_by = record.key if chosen_key else record.title
        slug = found or slug_from(named_by, taken=taken, fallback="publication")
        # A second entry of the same work in the file takes the first one's slug: the
        # preview then shows the two rows as one key twice, an error, not two records.
        if record.doi:
            by_doi.setdefault(record.doi.lower(), slug)
        if record.isbn:
            by_isbn.setdefault(record.isbn, slug)
        slugs[record.line] = slug
    return slugs


def _author_slugs(records: list[BibRecord]) -> dict[Name, str]:
    people = list(dict.fromkeys(name for record in records for name in record.authors))
    if not people:
        return {}
    existing = {}
    candidates = Author.objects.filter(family_name__in=[person.family for person in people])
    for author in candidates.only("slug", "family_name", "given_names"):
        existing[Name(author.family_name.casefold(), author.given_names.casefold())] = author.slug
    taken = set(Author.objects.values_list("slug", flat=True))
    return {
        person: existing.get(Name(person.family.casefold(), person.given.casefold()))
        or slug_from(_full_name(person), taken=taken, fallback="author")
        for person in people
    }


def _publications(bibliography, matched: Matches, language: str):
    columns = ("title", "abstract", "keywords", "institution", "degree")
    headers = [
        "slug",
        "kind",
        *(f"{field}_{code}" for code in LANGUAGES for field in columns),
        "year",
        "venue",
        "volume",
        "issue",
        "pages",
        "doi",
        "isbn",
        "publisher",
        "language",
        "url",
    ]
    rows = []
    for record in bibliography.records:
        values = record.publication_values()
        own = values.get("language") if values.get("language") in LANGUAGES else language
        texts = {f"{field}_{own}": values[field] for field in columns}
        row = {**values, **texts, "slug": matched.publication_slugs[record.line]}
        rows.append((record.line, [_cell(row.get(header)) for header in headers]))
    return _without_empty_columns(headers, rows, keep={"slug", "kind", f"title_{language}"})


def _authors(bibliography, matched: Matches, language: str):
    headers = ["slug", *(f"name_{code}" for code in LANGUAGES), "family_name", "given_names"]
    rows, seen = [], set()
    for record in bibliography.records:
        for person in record.authors:
            if person in seen:
                continue
            seen.add(person)
            own = _script_language(_full_name(person), record.language, language)
            cells = {
                "slug": matched.author_slugs[person],
                f"name_{own}": _full_name(person),
                "family_name": person.family,
                "given_names": person.given,
            }
            rows.append((record.line, [cells.get(header, "") for header in headers]))
    return _without_empty_columns(headers, rows, keep={"slug", "family_name"})


def _authorships(bibliography, matched: Matches, language: str):
    headers = ["publication", "author", "order"]
    rows = []
    for record in bibliography.records:
        publication = matched.publication_slugs[record.line]
        for order, person in enumerate(dict.fromkeys(record.authors), start=1):
            rows.append((record.line, [publication, matched.author_slugs[person], order]))
    return headers, rows


def _without_empty_columns(headers: list[str], rows: list, *, keep: set[str]):
    """Only the columns some entry fills: a column the file has no value for is not
    taken as an order to empty the archive's."""
    used = [
        index
        for index, header in enumerate(headers)
        if header in keep or any(cells[index] not in (None, "") for _number, cells in rows)
    ]
    return [headers[i] for i in used], [(n, [cells[i] for i in used]) for n, cells in rows]


def _cell(value):
    return "" if value is None else value


def _full_name(person: Name) -> str:
    return f"{person.given} {person.family}".strip()


def _script_language(text: str, work_language: str, archivist_language: str) -> str:
    """The language whose field holds a person's name as the file writes it."""
    if KAZAKH_LETTERS.search(text):
        return "kk"
    if CYRILLIC.search(text):
        return work_language if work_language in ("kk", "ru") else "ru"
    return "en" if "en" in LANGUAGES else archivist_language
