"""Splitting a .bib file into entries whose fields hold their LaTeX values.

bibtexparser's splitter finds the blocks, their lines and every field, a repeated one
too (it keeps all of them). This module adds what it leaves out: ``%`` comments
(``latex.strip_comments``), ``@string`` macros with ``#`` concatenation and the month
macros, and entries written without a key."""

import re
from dataclasses import dataclass, field

from bibtexparser.model import (
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    Entry,
    ParsingFailedBlock,
    String,
)
from bibtexparser.splitter import Splitter
from django.utils.translation import gettext as _

from .latex import strip_comments
from .records import Problem

MONTH_MACROS = {
    name: str(number)
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}


@dataclass
class RawField:
    name: str  # lowercased
    value: str  # LaTeX, macros expanded, outer braces or quotes taken off
    line: int
    inherited_from: str = ""  # the key of the crossref or xdata entry it came from


@dataclass
class RawEntry:
    key: str
    entry_type: str  # as written
    line: int
    fields: dict[str, list[RawField]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    failure: str = ""  # why the entry could not be read at all

    def first(self, name: str) -> RawField | None:
        values = self.fields.get(name)
        return values[0] if values else None

    def warn(self, field_name: str, message: str, line: int | None = None) -> None:
        self.problems.append(Problem(field_name, message, line or self.line, warning=True))


def split(text: str) -> list[RawEntry]:
    """The entries in file order; @comment, @preamble and text between entries left out."""
    blocks = Splitter(strip_comments(text)).split().blocks
    macros = dict(MONTH_MACROS)
    for block in blocks:
        block = _unwrapped(block)
        if isinstance(block, String):
            value, _undefined = evaluate(block.value, macros)
            macros[block.key.strip().lower()] = value
    entries, seen = [], {}
    for block in blocks:
        block = _unwrapped(block)
        if isinstance(block, Entry):
            entry = _entry(block, macros)
        elif isinstance(block, ParsingFailedBlock):
            entry = _failed(block)
            if entry.entry_type.lower() in ("comment", "preamble"):
                continue  # no publication, and nothing the entries need
        else:
            continue
        if entry.key and entry.key in seen:
            entry.warn(
                "",
                _("The key “%(key)s” is also the key of the entry at line %(line)s.")
                % {"key": entry.key, "line": seen[entry.key]},
            )
        seen.setdefault(entry.key, entry.line)
        entries.append(entry)
    return entries


def _unwrapped(block):
    """The block behind bibtexparser's markers for a repeated key or field."""
    if isinstance(block, DuplicateBlockKeyBlock | DuplicateFieldKeyBlock):
        return block.ignore_error_block
    return block


def _entry(block: Entry, macros: dict[str, str]) -> RawEntry:
    entry = RawEntry(block.key.strip(), block.entry_type, block.start_line + 1)
    for raw in block.fields:
        name = raw.key.strip().lower()
        line = raw.start_line + 1
        try:
            value, undefined = evaluate(raw.value, macros)
        except ValueError as error:
            entry.problems.append(Problem(name, str(error), line))
            value, undefined = evaluate(raw.value, macros, strict=False)
        for macro in undefined:
            entry.warn(
                name,
                _("“%(macro)s” is not defined by an @string in the file; read as written.")
                % {"macro": macro},
                line,
            )
        entry.fields.setdefault(name, []).append(RawField(name, value, line))
    return entry


def _failed(block: ParsingFailedBlock) -> RawEntry:
    raw = block.raw or ""
    match = re.match(r"\s*@\s*(\w+)\s*[{(]\s*([^,\s{}()=]*)", raw)
    entry_type, key = (match.group(1), match.group(2)) if match else ("", "")
    line = (block.start_line or 0) + 1
    reason = getattr(block.error, "abort_reason", "") or str(block.error)
    return RawEntry(
        key,
        entry_type,
        line,
        failure=_("This entry cannot be read (%(reason)s); check its braces and commas.")
        % {"reason": reason.strip()},
    )


def evaluate(raw: str, macros: dict[str, str], *, strict=True) -> tuple[str, list[str]]:
    """A field's value as BibTeX reads it: ``{…}`` and ``"…"`` pieces, numbers and
    macros joined by ``#``. Returns the value and the macros the file does not define
    (read as their own names). A value that runs into the next field (a comma
    missing) raises ``ValueError``, or, not ``strict``, ends there."""
    pieces, undefined = [], []
    i, length = 0, len(raw)
    while i < length:
        char = raw[i]
        if char.isspace() or char == "#":
            i += 1
        elif char in '{"':
            end = _closing(raw, i)
            pieces.append(raw[i + 1 : end])
            i = end + 1
        else:
            end = raw.find("#", i)
            end = length if end == -1 else end
            word = raw[i:end].strip()
            if re.search(r"[={}\"]", word):
                if not strict:
                    break
                raise ValueError(
                    _("A comma is missing after this field: its value runs into “%(text)s”.")
                    % {"text": " ".join(word.split())}
                )
            if word.isdigit():
                pieces.append(word)
            elif word.lower() in macros:
                pieces.append(macros[word.lower()])
            else:
                undefined.append(word)
                pieces.append(word)
            i = end
    return "".join(pieces), undefined


def _closing(raw: str, start: int) -> int:
    """Where the piece opened at ``start`` ends (the end of the value if unbalanced)."""
    depth, i = 0, start + 1
    quote = raw[start] == '"'
    while i < len(raw):
        char = raw[i]
        if char == "\\":
            i += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            if depth == 0 and not quote:
                return i
            depth -= 1
        elif char == '"' and quote and depth == 0:
            return i
        i += 1
    return len(raw)
