"""RIS files as Zotero, EndNote, Mendeley, Scopus, Web of Science (its RIS export) and
library catalogues write them: ``TY  -`` … ``ER  -`` records, CRLF, a BOM, text before
the first record, continuation lines (EndNote writes one keyword, author or ISSN a
line under a single tag), ``PY  - 2019///``, ``DA  - 2019/05/12/``, ``Y2`` the date
the item was accessed (not its date), notes in HTML (Zotero)."""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from archive import cells
from archive.readers import FileError

from .bibtex_record import isbn, issn
from .dates import parse as parse_date
from .kinds import ARTICLE, BOOK, CHAPTER, DISSERTATION, ris_kind
from .names import plain_name
from .records import BibRecord
from .values import (
    clean_text,
    doi_in_url,
    is_issn_shaped,
    normal_doi,
    normal_language,
    normal_pages,
    split_identifiers,
    split_keywords,
    unique,
)

TAG = re.compile(r"^([A-Z][A-Z0-9]) {1,2}-(?: (.*)|\s*)$")
# Tags that hold one value a line: a continuation line is another value.
LIST_TAGS = {"AU", "A1", "A2", "A3", "A4", "ED", "KW", "SN", "UR", "L1", "L2", "L3", "L4"}
# Tags read once per record: a second, different value is reported.
SINGLE_TAGS = {
    "TI", "T1", "BT", "T2", "T3", "JF", "JO", "JA", "J2", "PY", "Y1", "DA", "VL", "VO", "IS",
    "CP", "SP", "EP", "PB", "CY", "PP", "LA", "AB", "N2", "DO", "M3", "ID",
}  # fmt: skip


@dataclass
class RawRecord:
    entry_type: str
    line: int
    tags: list[list] = field(default_factory=list)  # [tag, value, line]
    closed: bool = True

    def all(self, *tags: str) -> list[tuple[str, str, int]]:
        return [(tag, value, line) for tag, value, line in self.tags if tag in tags and value]


def looks_like_ris(text: str) -> bool:
    return any(re.match(r"TY {1,2}- ", line) for line in text.splitlines()[:200])


def read(text: str, name: str) -> list[BibRecord]:
    head = text.lstrip()[:200]
    if head.startswith("FN ") or re.match(r"PT [A-Z]\b", head):
        raise FileError(
            _(
                "“%(name)s” is in Web of Science's own tagged format, not RIS; "
                "export the records from Web of Science as RIS or BibTeX."
            )
            % {"name": name}
        )
    return [to_record(raw) for raw in split(text)]


def split(text: str) -> list[RawRecord]:
    records, current = [], None
    for number, line in enumerate(text.splitlines(), start=1):
        match = TAG.match(line.rstrip())
        if match:
            tag, value = match.group(1), (match.group(2) or "").strip()
            if tag == "TY":
                if current is not None:
                    current.closed = False
                    records.append(current)
                current = RawRecord(value, number)
            elif current is None:
                continue  # outside a record: a header, a page's text
            elif tag == "ER":
                records.append(current)
                current = None
            else:
                current.tags.append([tag, value, number])
        elif current is not None and current.tags and line.strip():
            last = current.tags[-1]
            if last[0] in LIST_TAGS:
                current.tags.append([last[0], line.strip(), number])
            else:
                last[1] = f"{last[1]}\n{line.strip()}"
    if current is not None:
        current.closed = False
        records.append(current)
    return records


class Tags:
    def __init__(self, raw: RawRecord, record: BibRecord):
        self.raw, self.record = raw, record

    def first(self, *tags: str) -> tuple[str, str, int] | None:
        for tag in tags:
            found = self.raw.all(tag)
            if found:
                others = {value for _t, value, _l in found[1:] if value != found[0][1]}
                if others and tag in SINGLE_TAGS:
                    self.record.warn(
                        tag,
                        _(
                            "“%(field)s” is given more than once; the first was kept, "
                            "“%(left)s” left out."
                        )
                        % {"field": tag, "left": "”, “".join(sorted(others))},
                        found[1][2],
                    )
                return found[0]
        return None

    def text(self, *tags: str, paragraphs: bool = False) -> str:
        found = self.first(*tags)
        return _text(found[1], paragraphs=paragraphs) if found else ""


def _text(value: str, *, paragraphs: bool = False) -> str:
    return clean_text(cells.text(value), paragraphs=paragraphs)


def to_record(raw: RawRecord) -> BibRecord:
    tags = Tags(raw, BibRecord("", raw.line, raw.entry_type))
    record = tags.record
    record.key = tags.text("ID")
    if not raw.closed:
        record.warn("ER", _("The record does not end with an ER line; it was read to the next."))
    record.kind = ris_kind(raw.entry_type)
    if not record.kind:
        record.error(
            "TY",
            _("“%(type)s” is a type the archive has no kind of publication for.")
            % {"type": raw.entry_type},
        )
    if found := tags.first("LA"):
        try:
            record.language = normal_language(found[1])
        except ValueError as error:
            record.error("LA", str(error), found[2])
    record.title = tags.text("TI", "T1", *(("BT",) if record.kind == BOOK else ()))
    if not record.title:
        record.error("TI", _("The entry has no title."))
    thesis = record.kind == DISSERTATION
    record.authors = _names(raw.all("AU", "A1"))
    record.editors = _names(raw.all("ED", *(() if thesis else ("A2",))))
    _date(record, tags)
    record.venue = tags.text(*VENUE_TAGS.get(record.kind, ("T2", "T3")))
    record.volume = tags.text("VL", "VO")
    record.issue = tags.text("IS", "CP")
    start, end = tags.text("SP"), tags.text("EP")
    pages = f"{start}–{end}" if start and end and start != end and "-" not in start else start
    record.pages = normal_pages(pages or end)
    record.place = tags.text("CY", "PP")
    if thesis:
        record.institution = tags.text("PB")
        record.degree = tags.text("M3")
    else:
        record.publisher = tags.text("PB")
    record.abstract = tags.text("AB", "N2", paragraphs=True)
    keywords = [
        keyword for _t, value, _l in raw.all("KW") for keyword in split_keywords(value, ";")
    ]
    record.keywords = unique(keywords)
    record.notes = "\n\n".join(_text(value, paragraphs=True) for _t, value, _l in raw.all("N1"))
    _identifiers(record, raw, tags)
    return record


VENUE_TAGS = {
    ARTICLE: ("JF", "T2", "JO", "JA", "J2"),
    CHAPTER: ("T2", "BT"),
    BOOK: ("T3", "T2"),
    DISSERTATION: ("T3",),
}


def _names(found) -> list:
    return [name for _t, value, _l in found if (name := plain_name(value))]


def _date(record: BibRecord, tags: Tags) -> None:
    year, full = tags.first("PY", "Y1"), tags.first("DA")
    for found in (year, full):
        if not found:
            continue
        try:
            read_year, read_date = parse_date(found[1])
        except ValueError as error:
            if found is full and record.year:
                try:  # EndNote's DA: "Mar 16", the year in PY
                    read_year, read_date = parse_date(f"{found[1]} {record.year}")
                except ValueError:
                    record.warn("DA", f"{error} " + _("It was left out."), found[2])
                    continue
            else:
                record.error(found[0], str(error), found[2])
                continue
        record.year = record.year or read_year
        if read_date and read_date.year == record.year:
            record.date = read_date


def _identifiers(record: BibRecord, raw: RawRecord, tags: Tags) -> None:
    found = raw.all("UR")
    urls = [value for _t, value, _l in found]
    if urls:
        record.url = urls[0]
        if len(urls) > 1:
            record.warn(
                "UR",
                ngettext(
                    "%(count)s more URL is given; the first was kept, %(others)s left out.",
                    "%(count)s more URLs are given; the first was kept, %(others)s left out.",
                    len(urls) - 1,
                )
                % {"count": len(urls) - 1, "others": ", ".join(urls[1:])},
                found[1][2],
            )
    if found := tags.first("DO"):
        try:
            record.doi = normal_doi(found[1])
        except ValueError as error:
            record.error("DO", str(error), found[2])
    elif record.url:
        record.doi = doi_in_url(record.url)
    for _tag, value, line in raw.all("SN"):
        for number in split_identifiers(value):
            if is_issn_shaped(number):
                checked = issn(record, "SN", number, line)  # each checked, the first kept
                record.issn = record.issn or checked
            elif not record.isbn:
                record.isbn = isbn(record, "SN", number, line)
