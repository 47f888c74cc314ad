"""Citations of a publication: GOST R 7.0.100-2018 and APA (7th edition) strings, and
BibTeX, RIS and CSL-JSON records for reference managers.

Missing elements are marked as the styles prescribe ("[s. a.]", "n.d."), never invented.
"""

import json
import re

from .models import Author, Publication, PublicationKind

DASH = "\u2013"  # GOST separates areas with ". – "

BIBTEX_TYPES = {
    PublicationKind.DISSERTATION: "phdthesis",
    PublicationKind.ARTICLE: "article",
    PublicationKind.MONOGRAPH: "book",
    PublicationKind.BOOK: "book",
    PublicationKind.CHAPTER: "incollection",
    PublicationKind.DOCUMENT: "misc",
}
RIS_TYPES = {
    PublicationKind.DISSERTATION: "THES",
    PublicationKind.ARTICLE: "JOUR",
    PublicationKind.MONOGRAPH: "BOOK",
    PublicationKind.BOOK: "BOOK",
    PublicationKind.CHAPTER: "CHAP",
    PublicationKind.DOCUMENT: "GEN",
}
CSL_TYPES = {
    PublicationKind.DISSERTATION: "thesis",
    PublicationKind.ARTICLE: "article-journal",
    PublicationKind.MONOGRAPH: "book",
    PublicationKind.BOOK: "book",
    PublicationKind.CHAPTER: "chapter",
    PublicationKind.DOCUMENT: "document",
}


def _people(publication: Publication) -> list[Author]:
    """Authors who are people; an organisation as sole author is the publisher instead."""
    return [a for a in publication.ordered_authors() if a.given_names]


def _english(publication: Publication, field: str) -> str:
    """The citations are written in English (their structure words), so their facts are too."""
    return getattr(publication, f"{field}_en") or getattr(publication, field) or ""


def _end(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else f"{text}."


def gost(publication: Publication) -> str:
    people = _people(publication)
    head = f"{people[0].family_name}, {people[0].initials} " if people and len(people) <= 3 else ""
    parts = [f"{head}{_english(publication, 'title')}"]
    institution = _english(publication, "institution")
    if publication.kind == PublicationKind.DISSERTATION:
        if specialty := _english(publication, "specialty_code"):
            parts[0] += f" : specialty {specialty}"
        degree = _english(publication, "degree") or "a doctoral degree"
        parts[0] += f" : abstract of the dissertation for the degree of {degree}"
    responsibility = ", ".join(f"{a.initials} {a.family_name}" for a in people)
    if publication.kind == PublicationKind.DISSERTATION and people:
        responsibility = ", ".join(f"{a.family_name} {a.given_names}" for a in people)
    if institution and publication.kind == PublicationKind.DISSERTATION:
        responsibility = " ; ".join(filter(None, [responsibility, institution]))
    if responsibility:
        parts[0] += f" / {responsibility}"
    if publication.venue:
        parts[0] += f" // {publication.venue}"
    year = str(publication.year) if publication.year else "[s. a.]"
    publisher = publication.publisher or "[s. n.]"
    if publication.kind == PublicationKind.ARTICLE and publication.venue:
        imprint = year
    elif publication.kind == PublicationKind.DISSERTATION:
        imprint = f"[S. l.], {year}"
    else:
        imprint = (
            f"[S. l.] : {publisher}, {year}" if ":" not in publisher else f"{publisher}, {year}"
        )
    text = f"{parts[0]}. {DASH} {imprint}."
    numbering = ", ".join(
        filter(
            None,
            [
                publication.volume and f"Vol. {publication.volume}",
                publication.issue and f"No. {publication.issue}",
                publication.pages and f"P. {publication.pages}",
            ],
        )
    )
    if numbering:
        text += f" {DASH} {numbering}."
    if publication.isbn:
        text += f" {DASH} ISBN {publication.isbn}."
    if publication.doi:
        text += f" {DASH} DOI: {publication.doi}."
    if publication.url:
        text += f" {DASH} URL: {publication.url}"
    return re.sub(r"\.\.", ".", text)


def apa(publication: Publication) -> str:
    people = _people(publication)
    year = f"({publication.year})" if publication.year else "(n.d.)"
    title = _english(publication, "title")
    if publication.kind == PublicationKind.DISSERTATION:
        degree = "Doctoral dissertation abstract"
        institution = _english(publication, "institution")
        source = f"[{degree}, {institution}]" if institution else ""
        title = f"{title} {source}".strip()
    if people:
        names = [f"{a.family_name}, {a.initials}" for a in people]
        authors = names[0] if len(names) == 1 else ", ".join(names[:-1]) + f", & {names[-1]}"
        text = f"{authors} {year}. {_end(title)}"
    else:
        text = f"{_end(title)} {year}."
    if publication.venue:
        venue = publication.venue
        if publication.volume:
            venue += f", {publication.volume}"
            if publication.issue:
                venue += f"({publication.issue})"
        if publication.pages:
            venue += f", {publication.pages}"
        text += f" {_end(venue)}"
    if publication.publisher and publication.kind != PublicationKind.DISSERTATION:
        text += f" {_end(publication.publisher)}"
    if publication.doi:
        text += f" https://doi.org/{publication.doi}"
    elif publication.url:
        text += f" {publication.url}"
    return text


def _key(publication: Publication) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", publication.slug).strip("-")


def bibtex(publication: Publication) -> str:
    people = publication.ordered_authors()
    fields = {
        "title": _english(publication, "title"),
        "author": " and ".join(
            f"{a.family_name}, {a.given_names}" if a.given_names else f"{{{a.family_name}}}"
            for a in people
            if a.family_name
        ),
        "year": publication.year,
        "school" if publication.kind == PublicationKind.DISSERTATION else "institution": (
            _english(publication, "institution")
        ),
        "journal" if publication.kind == PublicationKind.ARTICLE else "howpublished": (
            publication.venue
        ),
        "volume": publication.volume,
        "number": publication.issue,
        "pages": publication.pages.replace("–", "--"),
        "publisher": publication.publisher,
        "isbn": publication.isbn,
        "doi": publication.doi,
        "language": publication.get_language_display(),
        "keywords": publication.keywords_en,
        "abstract": publication.abstract_en,
        "url": publication.url,
    }
    lines = [
        f"  {name} = {{{_bibtex_escape(str(value))}}}"
        for name, value in fields.items()
        if value not in (None, "")
    ]
    return (
        f"@{BIBTEX_TYPES[publication.kind]}{{{_key(publication)},\n" + ",\n".join(lines) + "\n}\n"
    )


def _bibtex_escape(value: str) -> str:
    return re.sub(r"([&%$#_])", r"\\\1", value.replace("\n", " "))


def ris(publication: Publication) -> str:
    lines = [("TY", RIS_TYPES[publication.kind]), ("TI", _english(publication, "title"))]
    for code in ("ru", "kk"):
        if getattr(publication, f"title_{code}"):
            lines.append(("TT", getattr(publication, f"title_{code}")))
    for author in publication.ordered_authors():
        name = ", ".join(filter(None, [author.family_name, author.given_names]))
        lines.append(("AU", name or author.name))
    if publication.year:
        lines.append(("PY", str(publication.year)))
    for tag, value in (
        ("T2", publication.venue),
        ("VL", publication.volume),
        ("IS", publication.issue),
        *_ris_pages(publication),
        ("PB", publication.publisher or _english(publication, "institution")),
        ("SN", publication.isbn),
        ("DO", publication.doi),
        ("LA", publication.language),
        ("AB", (publication.abstract_en or "").replace("\n", " ")),
        ("UR", publication.url),
    ):
        if value:
            lines.append((tag, value))
    lines.extend(("KW", keyword) for keyword in publication.keyword_list())
    lines.append(("ER", ""))
    return "\r\n".join(f"{tag}  - {value}" for tag, value in lines) + "\r\n"


def _ris_pages(publication: Publication) -> list[tuple[str, str]]:
    """SP and EP, as reference managers read a range (12–34 → SP 12, EP 34)."""
    return [("SP", publication.first_page), ("EP", publication.last_page)]


def csl_json(publication: Publication) -> str:
    record = {
        "id": publication.slug,
        "type": CSL_TYPES[publication.kind],
        "title": _english(publication, "title"),
        "author": [
            {"family": a.family_name, "given": a.given_names}
            if a.given_names
            else {"literal": a.family_name or a.name}
            for a in publication.ordered_authors()
        ],
        "language": publication.language,
    }
    optional = {
        "issued": {"date-parts": [[publication.year]]} if publication.year else None,
        "publisher": publication.publisher or _english(publication, "institution"),
        "container-title": publication.venue,
        "volume": publication.volume,
        "issue": publication.issue,
        "page": publication.pages.replace("–", "-"),
        "DOI": publication.doi,
        "ISBN": publication.isbn,
        "genre": (degree := _english(publication, "degree")) and f"{degree} dissertation abstract",
        "abstract": publication.abstract_en,
        "keyword": publication.keywords_en,
        "URL": publication.url,
    }
    record.update({key: value for key, value in optional.items() if value})
    return json.dumps([record], ensure_ascii=False, indent=2)
