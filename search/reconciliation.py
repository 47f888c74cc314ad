"""A reconciliation service (W3C Entity Reconciliation Community Group, API 0.2): a tool
such as OpenRefine sends names from a spreadsheet and gets back the archive's published
records they may mean, each with a score, so that the sheet can then be imported with the
records' slugs. Names are matched in any of the three languages and in either script of
Kazakh (Qazaqstan ↔ Қазақстан), typos included; nothing unpublished is ever offered."""

import difflib
from dataclasses import dataclass

from django.db.models import Model, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.kazakh_latin import folded, search_forms, to_latin
from heritage.models import HeritageItem
from publications.models import Publication
from timeline.models import Event, Person

from .query import CONTROL_CHARACTERS

MAX_QUERIES = 25  # OpenRefine sends 10 at a time
MAX_LIMIT = 25
DEFAULT_LIMIT = 5
MAX_QUERY_LENGTH = 300
CANDIDATES = 30  # records looked at per spelling before scoring
SURE = 100.0  # the name itself, in some language or script
CLEAR_LEAD = 10.0  # points ahead of the next record for a near name to be a match


class QueryError(ValueError):
    """The request is not a batch of queries this service answers; said in words."""


@dataclass(frozen=True)
class RecordType:
    id: str
    name: str
    model: type[Model]
    name_field: str


TYPES = {
    record_type.id: record_type
    for record_type in (
        RecordType("heritage", _("Heritage item"), HeritageItem, "name"),
        RecordType("event", _("Event"), Event, "title"),
        RecordType("publication", _("Publication"), Publication, "title"),
        RecordType("person", _("Person"), Person, "name"),
    )
}


def manifest(*, root: str) -> dict:
    """What the service is, as a client reads it before its first query."""
    return {
        "versions": ["0.2"],
        "name": str(_("Kazakhstan and UNESCO: the portal's archive")),
        "identifierSpace": f"{root}/reconcile/",
        "schemaSpace": "https://schema.org/",
        "defaultTypes": [{"id": t.id, "name": str(t.name)} for t in TYPES.values()],
        "view": {"url": f"{root}/reconcile/view/{{{{id}}}}"},
    }


def reconcile(queries: object) -> dict:
    """Each query's candidates, best first: ``{"q0": {"result": [...]}}``."""
    if not isinstance(queries, dict) or not queries:
        raise QueryError(_("“queries” is a JSON object of queries, each with a “query”."))
    if len(queries) > MAX_QUERIES:
        raise QueryError(
            _("At most %(count)s queries at a time; send the others next.") % {"count": MAX_QUERIES}
        )
    return {str(key): {"result": _answer(key, query)} for key, query in queries.items()}


def _answer(key: object, query: object) -> list[dict]:
    if not isinstance(query, dict) or not isinstance(query.get("query"), str):
        raise QueryError(_("The query “%(key)s” has no “query” text.") % {"key": key})
    text = " ".join(query["query"].translate(CONTROL_CHARACTERS).split())[:MAX_QUERY_LENGTH]
    limit = query.get("limit", DEFAULT_LIMIT)
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
        raise QueryError(
            _("The query “%(key)s” has a “limit” that is not a number.") % {"key": key}
        )
    wanted = query.get("type")
    if wanted is not None and wanted not in TYPES:
        raise QueryError(
            _("“%(type)s” is not a type here; the types are %(types)s.")
            % {"type": wanted, "types": ", ".join(TYPES)}
        )
    if not text:
        return []
    spellings = search_forms(text)
    forms = [folded(form) for form in spellings]
    types = [TYPES[wanted]] if wanted else list(TYPES.values())
    scored = [
        (_score(record, record_type, forms), record_type, record)
        for record_type in types
        for record in _candidates(record_type, spellings)
    ]
    scored.sort(key=lambda item: -item[0])
    matched = bool(scored) and _is_match(scored[0][0], scored)  # among all, not the first few
    return [
        {
            "id": f"{record_type.id}/{record.slug}",
            "name": _name(record, record_type),
            "type": [{"id": record_type.id, "name": str(record_type.name)}],
            "score": score,
            "match": index == 0 and matched,
        }
        for index, (score, record_type, record) in enumerate(scored[: min(limit, MAX_LIMIT)])
    ]


def _candidates(record_type: RecordType, forms: list[str]) -> list[Model]:
    """Published records whose texts hold a spelling of the name, else whose name is
    close to one (a typo), each once."""
    published: QuerySet = record_type.model.objects.published()
    found: dict[int, Model] = {}
    for form in forms:
        for record in published.search(form)[:CANDIDATES]:
            found.setdefault(record.pk, record)
    if not found:
        for form in forms:
            for record in published.similar_to(form, limit=CANDIDATES):
                found.setdefault(record.pk, record)
    return list(found.values())


def _score(record: Model, record_type: RecordType, forms: list[str]) -> float:
    """How close the query is to the record's name in its closest language or script:
    100 for the name itself."""
    names = []
    for code in ("kk", "ru", "en"):
        name = getattr(record, f"{record_type.name_field}_{code}", "") or ""
        if name.strip():
            names += [folded(name), folded(to_latin(name))]
    ratios = [difflib.SequenceMatcher(None, form, name).ratio() for form in forms for name in names]
    return round(100 * max(ratios, default=0.0), 1)


def _is_match(score: float, scored: list) -> bool:
    """Sure enough for a client to take the record without asking: the name itself, or a
    near name clearly ahead of any other."""
    if score >= SURE:
        return len([other for other, _t, _r in scored if other >= SURE]) == 1
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    return score >= 90.0 and score - runner_up >= CLEAR_LEAD


def _name(record: Model, record_type: RecordType) -> str:
    """The name in the request's language, else in the first language it has."""
    current = (get_language() or "en")[:2]
    for code in (current, "kk", "ru", "en"):
        name = getattr(record, f"{record_type.name_field}_{code}", "") or ""
        if name.strip():
            return name
    return record.slug


def record_for(identifier: str) -> Model | None:
    """The published record a result's id names ("heritage/<slug>"), or None."""
    type_id, _slash, slug = identifier.partition("/")
    record_type = TYPES.get(type_id)
    if record_type is None or not slug:
        return None
    return record_type.model.objects.published().filter(slug=slug).first()
