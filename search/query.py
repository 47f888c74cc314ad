"""Site search across heritage, events, people and publications (published only)."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core.kazakh_latin import search_forms
from heritage.models import HeritageItem
from publications.models import Publication
from timeline.models import Event, Person

PER_GROUP = 20
MIN_LENGTH = 2
# Control characters (NUL among them, which no database accepts in a query) count as spaces.
CONTROL_CHARACTERS = dict.fromkeys([*range(32), 127], " ")


@dataclass
class Group:
    key: str
    label: str
    results: list
    title_field: str
    text_field: str
    approximate: bool = False  # found by similarity (a typo), not by the exact words


SOURCES = [
    ("heritage", _("Heritage"), HeritageItem, "name", "summary"),
    ("events", _("Timeline"), Event, "title", "summary"),
    ("publications", _("Publications"), Publication, "title", "abstract"),
    ("people", _("People"), Person, "name", "role"),
]


def search(query: str) -> list[Group]:
    """The records of each group whose texts hold the query, or failing that a name close
    to it. The query is also tried in the other script of Kazakh (Qazaqstan, Iasaui and
    Yasawi find Қазақстан and Ясауи; Қазақстан finds Qazaqstan)."""
    query = " ".join(query.translate(CONTROL_CHARACTERS).split())
    if len(query) < MIN_LENGTH:
        return []
    forms = search_forms(query)
    groups = []
    for key, label, model, title_field, text_field in SOURCES:
        published: QuerySet = model.objects.published()
        results = _found(published, forms)
        approximate = False
        for form in forms if not results else ():
            results = published.similar_to(form, limit=PER_GROUP)
            if results:
                approximate = True
                break
        groups.append(Group(key, str(label), results, title_field, text_field, approximate))
    return groups


def _found(published: QuerySet, forms: list[str]) -> list:
    """What each spelling finds, the query's own first, each record once."""
    results, seen = [], set()
    for form in forms:
        for record in published.search(form)[:PER_GROUP]:
            if record.pk not in seen and len(results) < PER_GROUP:
                seen.add(record.pk)
                results.append(record)
    return results
