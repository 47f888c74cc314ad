"""Site search across heritage, events, people and publications (published only)."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

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
    query = " ".join(query.translate(CONTROL_CHARACTERS).split())
    if len(query) < MIN_LENGTH:
        return []
    groups = []
    for key, label, model, title_field, text_field in SOURCES:
        published: QuerySet = model.objects.published()
        results = list(published.search(query)[:PER_GROUP])
        approximate = False
        if not results:
            results = published.similar_to(query, limit=PER_GROUP)
            approximate = bool(results)
        groups.append(Group(key, str(label), results, title_field, text_field, approximate))
    return groups
