"""``crossref`` and ``xdata``: what an entry takes from the entries it names, by
biblatex's rules (biblatex manual, appendix B): every field the entry lacks, except
the few that are never inherited; the parent's ``title`` becomes the child's
``booktitle`` (a chapter in a book or collection, a paper in proceedings),
``maintitle`` (a volume of a multi-volume work) or ``journaltitle`` (an article in a
periodical). ``xdata`` entries give their fields as they are.

One departure: the fields that identify the parent itself (its DOI, URL, abstract,
attached files) are not inherited, so that a chapter is not taken for its book when
records are matched on their DOI."""

from django.utils.translation import gettext as _

from .bibtex import RawEntry, RawField
from .kinds import bibtex_type

NEVER_INHERITED = {
    "ids", "crossref", "xref", "xdata", "entryset", "entrysubtype", "execute", "label",
    "options", "presort", "related", "relatedoptions", "relatedstring", "relatedtype",
    "shorthand", "shorthandintro", "sortkey",
    # identifying the parent itself (see above)
    "doi", "url", "urldate", "eprint", "eprinttype", "eprintclass", "abstract", "file",
}  # fmt: skip

_SHORT = {"shorttitle": None, "sorttitle": None, "indextitle": None, "indexsorttitle": None}
MAIN = {"title": "maintitle", "subtitle": "mainsubtitle", "titleaddon": "maintitleaddon", **_SHORT}
BOOK = {"title": "booktitle", "subtitle": "booksubtitle", "titleaddon": "booktitleaddon", **_SHORT}
JOURNAL = {"title": "journaltitle", "subtitle": "journalsubtitle", **_SHORT}

RULES = [
    ({"mvbook"}, {"inbook", "bookinbook", "suppbook", "book"}, MAIN),
    (
        {"mvcollection", "mvreference"},
        {"collection", "reference", "incollection", "inreference", "suppcollection"},
        MAIN,
    ),
    ({"mvproceedings"}, {"proceedings", "inproceedings"}, MAIN),
    ({"book"}, {"inbook", "bookinbook", "suppbook"}, BOOK),
    ({"collection", "reference"}, {"incollection", "inreference", "suppcollection"}, BOOK),
    ({"proceedings"}, {"inproceedings"}, BOOK),
    ({"periodical"}, {"article", "suppperiodical"}, JOURNAL),
]


def inherit(entries: list[RawEntry]) -> None:
    """Give each entry the fields of the entries its ``xdata`` and ``crossref`` name (in
    place), parents first, whatever their order in the file."""
    by_key: dict[str, RawEntry] = {}
    for entry in entries:
        if entry.key and not entry.failure:
            by_key.setdefault(entry.key, entry)
            by_key.setdefault(entry.key.casefold(), entry)
    done: set[int] = set()
    for entry in entries:
        _resolve(entry, by_key, done, trail=())


def _resolve(entry: RawEntry, by_key, done: set[int], trail: tuple) -> None:
    if id(entry) in done or entry.failure:
        return
    if entry in trail:
        entry.warn("crossref", _("The entry inherits from itself, through the entries it names."))
        return
    trail = (*trail, entry)
    if xdata := entry.first("xdata"):
        for key in (key.strip() for key in xdata.value.split(",")):
            if parent := _parent(entry, "xdata", key, by_key, xdata.line):
                _resolve(parent, by_key, done, trail)
                _copy(parent, entry, {})
    if crossref := entry.first("crossref"):
        key = crossref.value.strip()
        if parent := _parent(entry, "crossref", key, by_key, crossref.line):
            _resolve(parent, by_key, done, trail)
            _copy(parent, entry, _mapping(parent.entry_type, entry.entry_type))
    done.add(id(entry))


def _parent(entry, field_name, key, by_key, line) -> RawEntry | None:
    parent = by_key.get(key) or by_key.get(key.casefold())
    if parent is None and key:
        entry.warn(
            field_name,
            _("“%(key)s” is not an entry in the file: nothing was inherited from it.")
            % {"key": key},
            line,
        )
    return parent


def _mapping(parent_type: str, child_type: str) -> dict:
    parent_type, child_type = bibtex_type(parent_type), bibtex_type(child_type)
    for sources, targets, mapping in RULES:
        if parent_type in sources and child_type in targets:
            return mapping
    return {}


def _copy(parent: RawEntry, child: RawEntry, mapping: dict) -> None:
    """The parent's fields the child lacks; mapped fields first, so that a parent's
    ``title`` is the child's ``booktitle`` before its own ``booktitle`` is."""
    names = sorted(parent.fields, key=lambda name: name not in mapping)
    for name in names:
        if name in NEVER_INHERITED:
            continue
        target = mapping.get(name, name)
        if target is None or target in child.fields:
            continue
        first = parent.fields[name][0]
        child.fields[target] = [
            RawField(target, first.value, first.line, first.inherited_from or parent.key)
        ]
