"""People's names in either order: ``Иванов, Иван Иванович``, ``Иван Иванович Иванов``,
``Иванов И. И.``, ``И. И. Иванов``, ``Иванов Иван Иванович``, BibTeX's ``von Last, Jr,
First``, biblatex's ``family=…, given=…``, an organisation in braces kept whole.

BibTeX's own rules (bibtexparser's splitter and parser) read a name unless its words
say otherwise: trailing initials mark the family name first (``Иванов И. И.``), and so
does a patronymic last (``Иванов Иван Иванович``) or a family-name ending before a
given name (``Назарбаев Нұрсұлтан``)."""

import re

from bibtexparser.middlewares.names import (
    InvalidNameError,
    parse_single_name_into_parts,
    split_multiple_persons_names,
)
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .latex import to_text
from .records import Name
from .values import clean_text

ET_AL = {"others", "et al.", "et al", "и др.", "и др", "и другие", "т.б.", "және т.б.", "т. б."}
PATRONYMIC = re.compile(r"(?:ович|евич|ьич|ич|овна|евна|ична|инична|[ұу]лы|[қк]ызы)$", re.I)
FAMILY_ENDING = re.compile(
    r"(?:ов|ев|ёв|ин|ын|ова|ева|ёва|ина|ына|ский|ская|цкий|цкая|енко|[ұу]лы|[қк]ызы|дзе|швили)$",
    re.I,
)
INITIAL = re.compile(r"(?:[^\W\d_]{1,2}\.)(?:-?[^\W\d_]{1,2}\.)*|[^\W\d_]")
JOINED_INITIALS = re.compile(r"(?<=\.)(?=[^\W\d_])")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
EXTENDED = re.compile(r"^\s*(family|given|prefix|suffix)\s*=", re.I)


def bibtex_names(raw: str) -> tuple[list[Name], bool, list[str]]:
    """The people a BibTeX ``author``/``editor`` value names (LaTeX still in it), whether
    it ends in "and others", and warnings in words."""
    names: list[Name] = []
    et_al, warnings = False, []
    for person in split_multiple_persons_names(raw.replace("\n", " ")):
        person = person.strip().strip(",")
        if not person:
            continue
        if person.lower() in ET_AL:
            et_al = True
            continue
        read, warning = _bibtex_person(person)
        names.extend(read)
        if warning:
            warnings.append(warning)
    return names, et_al, warnings


def _bibtex_person(person: str) -> tuple[list[Name], str]:
    if EXTENDED.match(person):
        return [_extended(person)], ""
    for separator in (";", ","):
        parts = _split_top(person, separator)
        if len(parts) > 1 and (separator == ";" or _is_list_of_people(parts)):
            names = [name for part in parts for name in _bibtex_person(part)[0]]
            return names, ngettext(
                "The names are separated by “%(sign)s”, not “and”; read as %(count)s person.",
                "The names are separated by “%(sign)s”, not “and”; read as %(count)s people.",
                len(names),
            ) % {"sign": separator, "count": len(names)}
    if len(_split_top(person, ",")) == 1 and (ordered := by_words(_words(person))):
        return [ordered], ""
    warning = ""
    try:
        parts = parse_single_name_into_parts(person, strict=True)
    except InvalidNameError:
        parts = parse_single_name_into_parts(person, strict=False)
        warning = _("“%(name)s” is not a name BibTeX can read; check who it names.") % {
            "name": _text(person)
        }
    family = _text(" ".join(parts.von + parts.last))
    given = _initials(_text(" ".join(parts.first + parts.jr)))
    return [Name(family, given) if family else Name(given, "")], warning


def by_words(words: list[str]) -> Name | None:
    """A name written without a comma whose words say which is the family name."""
    if len(words) < 2:
        return None
    initial = [bool(INITIAL.fullmatch(word)) and word[0].isupper() for word in words]
    if not initial[0] and all(initial[1:]):
        return Name(words[0], _initials(" ".join(words[1:])))  # Иванов И. И.
    if all(initial[:-1]) and not initial[-1]:
        return Name(words[-1], _initials(" ".join(words[:-1])))  # И. И. Иванов
    if any(initial) or not all(CYRILLIC.search(word) for word in words):
        return None
    if len(words) == 3:
        if PATRONYMIC.search(words[1]):
            return Name(words[2], f"{words[0]} {words[1]}")  # Иван Иванович Иванов
        if PATRONYMIC.search(words[2]):
            return Name(words[0], f"{words[1]} {words[2]}")  # Иванов Иван Иванович
    if len(words) == 2 and FAMILY_ENDING.search(words[0]) and not FAMILY_ENDING.search(words[1]):
        return Name(words[0], words[1])  # Назарбаев Нұрсұлтан
    return None


def plain_name(text: str) -> Name | None:
    """A name in RIS or CSL's ``literal``: ``Family, Given`` (``Family, Given, Suffix``);
    without a comma, a person only when the words say so (``Иванов И. И.``), else an
    organisation kept whole, as RIS writes people with a comma (EndNote ends an
    organisation's name with one)."""
    text = clean_text(text)
    if not text.strip(", "):
        return None
    if "," in text:  # EndNote's organisation, "Name,", has no given names
        family, *given = (part.strip() for part in text.split(","))
        return Name(family, _initials(" ".join(part for part in given if part)))
    return by_words(text.split()) or Name(text, "")


def _is_list_of_people(parts: list[str]) -> bool:
    """``Иванов И. И., Петров П. П.``: each part a whole name, initials and a family."""
    for part in parts:
        words = _words(part)
        initial = [bool(INITIAL.fullmatch(word)) for word in words]
        if len(words) < 2 or all(initial) or not any(initial):
            return False
    return True


def _extended(person: str) -> Name:
    """biblatex's ``family=Beethoven, given=Ludwig, prefix=van, useprefix=true``."""
    parts = {}
    for item in _split_top(person, ","):
        key, _sign, value = item.partition("=")
        value = value.strip()
        if value.startswith("{") and value.endswith("}"):
            value = value[1:-1]
        parts[key.strip().lower()] = _text(value)
    family = " ".join(filter(None, (parts.get("prefix", ""), parts.get("family", ""))))
    given = " ".join(filter(None, (parts.get("given", ""), parts.get("suffix", ""))))
    return Name(family, _initials(given))


def _split_top(text: str, separator: str) -> list[str]:
    """Split on a sign outside braces."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(depth - 1, 0)
        elif char == separator and depth == 0 and text[i - 1 : i] != "\\":
            parts.append(text[start:i].strip())
            start = i + 1
    parts.append(text[start:].strip())
    return [part for part in parts if part]


def _words(person: str) -> list[str]:
    return [_text(word) for word in _split_top(person.replace("~", " "), " ")]


def _text(value: str) -> str:
    return clean_text(to_text(value).replace("\u00a0", " "))


def _initials(given: str) -> str:
    """``И.И.`` → ``И. И.``; names and hyphenated initials (``Ж.-П.``) stay."""
    return " ".join(
        JOINED_INITIALS.sub(" ", word) if re.fullmatch(r"(?:[^\W\d_]{1,2}\.){2,}", word) else word
        for word in given.split()
    )
