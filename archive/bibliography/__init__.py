"""Reading the bibliographic files reference managers write — BibTeX/biblatex (.bib),
RIS (.ris) and CSL-JSON (.json) — into records the archive can import.

``read_bibliography(data, name=…)`` returns the records in file order, each with the
line (the item number in CSL-JSON) where it starts and the problems found in its
fields; a file that is no bibliography raises ``archive.readers.FileError``."""

import codecs
import re

from django.conf import settings
from django.utils.translation import gettext as _

from archive.readers import FileError, detect_encoding

from . import bibtex, bibtex_record, csl, inheritance, kinds, ris
from .records import BibliographyFile, BibRecord, Name, Problem

__all__ = ["BibRecord", "BibliographyFile", "Name", "Problem", "read_bibliography"]

FORMATS = {"bib": "bibtex", "bibtex": "bibtex", "biblatex": "bibtex", "ris": "ris",
           "json": "csl-json", "csljson": "csl-json"}  # fmt: skip
DECLARED = re.compile(rb"^%\s*Encoding:\s*([\w\-]+)", re.MULTILINE | re.IGNORECASE)
BIBTEX_ENTRY = re.compile(r"^\s*@\s*\w+\s*[{(]", re.MULTILINE)


def read_bibliography(data: bytes, *, name: str) -> BibliographyFile:
    if len(data) > settings.ARCHIVE_MAX_UPLOAD_BYTES:
        raise FileError(
            _("The file is larger than %(limit)s MB.")
            % {"limit": settings.ARCHIVE_MAX_UPLOAD_BYTES // 1_000_000}
        )
    if not data.strip():
        raise FileError(_("The file is empty."))
    text, encoding, doubtful, declared = decode(data)
    fmt = detect_format(text, name)
    if fmt == "bibtex":
        entries = bibtex.split(text)
        inheritance.inherit(entries)
        records = [
            bibtex_record.to_record(entry)
            for entry in entries
            if kinds.bibtex_type(entry.entry_type) not in kinds.BIBTEX_NOT_RECORDS
        ]
    elif fmt == "ris":
        records = ris.read(text, name)
    else:
        records = csl.read(text)
    if not records:
        raise FileError(_("“%(name)s” holds no bibliographic entries.") % {"name": name})
    return BibliographyFile(name, fmt, records, encoding, doubtful, declared)


def decode(data: bytes) -> tuple[str, str, bool, bool]:
    """(text, codec, doubtful, declared): a byte-order mark or valid UTF-8 is certain;
    otherwise the encoding a JabRef file declares (``% Encoding: windows-1251``), else
    charset-normalizer's choice among the Cyrillic and Western 8-bit encodings."""
    codec, doubtful = detect_encoding(data)
    declared = False
    if codec not in ("utf-8", "utf-8-sig", "utf-16") and (match := DECLARED.search(data[:4096])):
        try:
            named = codecs.lookup(match.group(1).decode("ascii")).name
        except LookupError:
            named = ""
        if named and named != "utf-8":
            try:
                return data.decode(named), named, False, True
            except UnicodeDecodeError:
                pass
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        raise FileError(_("The file is not text in an encoding the archive reads.")) from None
    return text, codec, doubtful, declared


def detect_format(text: str, name: str) -> str:
    """By what the text is; the file's extension only where the text could be either."""
    head = text.lstrip()[:1]
    extension = FORMATS.get(name.rsplit(".", 1)[-1].lower()) if "." in name else None
    if "\x00" not in text:
        if head in ("[", "{") or extension == "csl-json":
            return "csl-json"
        if ris.looks_like_ris(text) or re.match(r"(FN|PT) ", text.lstrip()):
            return "ris"
        if BIBTEX_ENTRY.search(text):
            return "bibtex"
    raise FileError(_("“%(name)s” is not a BibTeX, RIS or CSL-JSON bibliography.") % {"name": name})
