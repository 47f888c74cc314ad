"""Generated, clearly labelled records for trying the site at scale: `make demo-data`.

Every record's slug starts with ``demo-`` and its source note says it is generated;
running again replaces them, and ``count=0`` removes them. The documents' own records
are never touched."""

import datetime
import itertools
import random
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.test.utils import override_settings
from modeltranslation.settings import DEFAULT_LANGUAGE
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

from caching.pagecache import invalidate_public_pages
from core.models import Status
from editorial.services import refresh_planner_statistics
from heritage.models import Category, HeritageItem, HeritageKind, Region
from publications.models import Author, Authorship, Publication, PublicationKind
from timeline.models import Event, Theme

PREFIX = "demo-"
NOTE = "Generated demonstration data (make demo-data), not from the source documents."
CHUNK = 1000


@dataclass(frozen=True)
class DemoCounts:
    heritage_items: int
    events: int
    publications: int


def generate_demo_data(*, heritage_items: int) -> DemoCounts:
    """Replace the demo records by ``heritage_items`` heritage items, a fifth as many
    events and a tenth as many publications, all published, linked to regions, themes,
    heritage items and authors as real records are."""
    events, publications = heritage_items // 5, heritage_items // 10
    with transaction.atomic():
        invalidate_public_pages()
        remove_demo_data()
        regions = list(Region.objects.values_list("pk", flat=True)[:17]) or [
            Region.objects.create(slug=f"{PREFIX}region", name_en="Demo region").pk
        ]
        themes = list(Theme.objects.values_list("pk", flat=True)[:8]) or [
            Theme.objects.create(slug=f"{PREFIX}theme", name_en="Demo theme").pk
        ]
        items = _insert_records(HeritageItem, map(_heritage_item, range(heritage_items)))
        _link(HeritageItem.regions.through, items, regions, "heritageitem", "region")
        papers = _insert_records(Publication, map(_publication, range(publications)))
        authors = _insert_records(
            Author,
            (
                {"slug": f"{PREFIX}author-{n}", "name_en": f"Demo Author {n}", "note": NOTE}
                for n in range(max(1, publications // 2))
            ),
        )
        _insert_rows(
            Authorship,
            (
                {"publication_id": paper, "author_id": authors[n % len(authors)], "order": 1}
                for n, paper in enumerate(papers)
            ),
        )
        timeline = _insert_records(Event, map(_event, range(events)))
        _link(Event.themes.through, timeline, themes, "event", "theme")
        _link(Event.heritage_items.through, timeline, items, "event", "heritageitem")
        _link(Event.publications.through, timeline, papers, "event", "publication")
    refresh_planner_statistics()
    return DemoCounts(len(items), len(timeline), len(papers))


def remove_demo_data() -> None:
    # Generated records have no revisions, and their removal needs none.
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        for model in (Event, Publication, Author, HeritageItem, Theme, Region):
            model.objects.filter(slug__startswith=PREFIX).delete()


def _insert_records(model, records: Iterable[dict]) -> list[int]:
    """Write ``records`` as rows of ``model`` and return their ids, in order."""
    slugs = []

    def noted(records):
        for record in records:
            slugs.append(record["slug"])
            yield record

    _insert_rows(model, noted(records))
    ids = dict(model.objects.filter(slug__startswith=PREFIX).values_list("slug", "pk"))
    return [ids[slug] for slug in slugs]


def _insert_rows(model, records: Iterable[dict]) -> None:
    """Write ``records`` (values by field attribute name, each other field its default)
    as the rows ``bulk_create`` would write. ``bulk_create`` builds a model instance for
    each record (with modeltranslation's fields) and prepares every one of its fifty
    values through the ORM: most of the time for 10,000 items. Here one instance gives
    the defaults, and only the values a record sets are prepared
    (``tests/archive/test_demo.py`` holds the two to the same rows)."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key and not f.generated]
    prototype = model()
    defaults = [f.get_db_prep_save(f.pre_save(prototype, add=True), connection) for f in fields]
    position = {field.attname: index for index, field in enumerate(fields)}
    by_name = {field.attname: field for field in fields}
    mirrored = _mirrored_fields(model)
    quote = connection.ops.quote_name
    insert = "INSERT INTO {} ({}) VALUES ".format(
        quote(model._meta.db_table), ", ".join(quote(field.column) for field in fields)
    )
    values = "({})".format(", ".join(["%s"] * len(fields)))
    # As many rows a statement as the database takes parameters (bulk_create's batches):
    # a statement a row took five times as long on a new SQLite file.
    batch = max(1, min(CHUNK, connection.ops.bulk_batch_size(fields, [None] * CHUNK)))

    def rows():
        for record in records:
            row = defaults.copy()
            for name, value in record.items():
                prepared = by_name[name].get_db_prep_save(value, connection)
                row[position[name]] = prepared
                if name in mirrored:
                    row[position[mirrored[name]]] = prepared
            yield row

    with connection.cursor() as cursor:
        for chunk in itertools.batched(rows(), batch):
            cursor.execute(insert + ", ".join([values] * len(chunk)), list(itertools.chain(*chunk)))


def _mirrored_fields(model) -> dict[str, str]:
    """modeltranslation keeps a translated field's own column equal to its value in the
    default language: ``name_en`` → ``name``."""
    try:
        fields = translator.get_options_for_model(model).all_fields
    except NotRegistered:
        return {}
    return {build_localized_fieldname(name, DEFAULT_LANGUAGE): name for name in fields}


def _link(through, sources: list[int], targets: list[int], source: str, target: str) -> None:
    """Link each source to one or two targets drawn at random, the same on every run.
    Drawn, not taken in turn: with n % 3 kinds and n % 6 regions, each kind would only
    ever be in two regions, and a filter on both would find (almost) nothing."""
    if not targets:
        return
    draw = random.Random(through._meta.db_table)  # noqa: S311 (demo data, not secrets)
    _insert_rows(
        through,
        (
            {f"{source}_id": record, f"{target}_id": chosen}
            for record in sources
            for chosen in draw.sample(targets, min(draw.choice((1, 2)), len(targets)))
        ),
    )


KINDS = list(HeritageKind)


def _heritage_item(n: int) -> dict:
    return {
        "slug": f"{PREFIX}heritage-{n}",
        "kind": KINDS[n % len(KINDS)],
        "category": Category.CULTURAL if n % 3 == 0 else "",
        "name_en": f"Demo heritage item {n}",
        "name_ru": f"Демонстрационный объект {n}",
        "name_kk": f"Демонстрациялық нысан {n}",
        "summary_en": f"Generated item number {n}, for trying the site with many records.",
        "summary_ru": f"Созданный объект номер {n}, чтобы испытать сайт на многих записях.",
        "summary_kk": f"Сайтты көп жазбамен сынау үшін жасалған {n}-нысан.",
        "year_inscribed": 1990 + n % 36,
        "latitude": f"{41 + (n % 1000) / 100:.6f}" if n % 3 == 0 else None,
        "longitude": f"{52 + (n % 3000) / 100:.6f}" if n % 3 == 0 else None,
        "status": Status.PUBLISHED,
        "source_note_en": NOTE,
    }


def _event(n: int) -> dict:
    return {
        "slug": f"{PREFIX}event-{n}",
        "title_en": f"Demo event {n}",
        "title_ru": f"Демонстрационное событие {n}",
        "title_kk": f"Демонстрациялық оқиға {n}",
        "summary_en": f"Generated event number {n}.",
        "start_date": datetime.date(1992 + n % 34, 1 + n % 12, 1 + n % 28),
        "precision": "day",
        "status": Status.PUBLISHED,
        "source_note_en": NOTE,
    }


def _publication(n: int) -> dict:
    return {
        "slug": f"{PREFIX}publication-{n}",
        "kind": PublicationKind.ARTICLE,
        "title_en": f"Demo publication {n}",
        "title_ru": f"Демонстрационная публикация {n}",
        "title_kk": f"Демонстрациялық жарияланым {n}",
        "abstract_en": f"Generated publication number {n}.",
        "year": 1995 + n % 31,
        "venue": "Demo Journal",
        "status": Status.PUBLISHED,
        "source_note_en": NOTE,
    }
