"""Generated, clearly labelled records for trying the site at scale: `make demo-data`.

Every record's slug starts with ``demo-`` and its source note says it is generated;
running again replaces them, and ``count=0`` removes them. The documents' own records
are never touched."""

import datetime
import random
from dataclasses import dataclass

from django.db import transaction
from django.test.utils import override_settings

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
        regions = list(Region.objects.all()[:17]) or [
            Region.objects.create(slug=f"{PREFIX}region", name_en="Demo region")
        ]
        themes = list(Theme.objects.all()[:8]) or [
            Theme.objects.create(slug=f"{PREFIX}theme", name_en="Demo theme")
        ]
        items = _bulk(HeritageItem, (_heritage_item(n) for n in range(heritage_items)))
        _link(HeritageItem.regions.through, items, regions, "heritageitem", "region")
        papers = _bulk(Publication, (_publication(n) for n in range(publications)))
        authors = _bulk(
            Author,
            (
                Author(slug=f"{PREFIX}author-{n}", name_en=f"Demo Author {n}", note=NOTE)
                for n in range(max(1, publications // 2))
            ),
        )
        _bulk(
            Authorship,
            (
                Authorship(publication=paper, author=authors[n % len(authors)], order=1)
                for n, paper in enumerate(papers)
            ),
        )
        timeline = _bulk(Event, (_event(n) for n in range(events)))
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


def _bulk(model, instances) -> list:
    created, chunk = [], []
    for instance in instances:
        chunk.append(instance)
        if len(chunk) == CHUNK:
            created += model.objects.bulk_create(chunk)
            chunk = []
    return created + model.objects.bulk_create(chunk)


def _link(through, sources: list, targets: list, source: str, target: str) -> None:
    """Link each source to one or two targets drawn at random, the same on every run.
    Drawn, not taken in turn: with n % 3 kinds and n % 6 regions, each kind would only
    ever be in two regions, and a filter on both would find (almost) nothing."""
    if not targets:
        return
    draw = random.Random(through._meta.db_table)  # noqa: S311 (demo data, not secrets)
    links = []
    for record in sources:
        chosen = draw.sample(targets, min(draw.choice((1, 2)), len(targets)))
        links += [through(**{f"{source}_id": record.pk, f"{target}_id": t.pk}) for t in chosen]
    _bulk(through, links)


KINDS = list(HeritageKind)


def _heritage_item(n: int) -> HeritageItem:
    return HeritageItem(
        slug=f"{PREFIX}heritage-{n}",
        kind=KINDS[n % len(KINDS)],
        category=Category.CULTURAL if n % 3 == 0 else "",
        name_en=f"Demo heritage item {n}",
        name_ru=f"Демонстрационный объект {n}",
        name_kk=f"Демонстрациялық нысан {n}",
        summary_en=f"Generated item number {n}, for trying the site with many records.",
        summary_ru=f"Созданный объект номер {n}, чтобы испытать сайт на многих записях.",
        summary_kk=f"Сайтты көп жазбамен сынау үшін жасалған {n}-нысан.",
        year_inscribed=1990 + n % 36,
        latitude=f"{41 + (n % 1000) / 100:.6f}" if n % 3 == 0 else None,
        longitude=f"{52 + (n % 3000) / 100:.6f}" if n % 3 == 0 else None,
        status=Status.PUBLISHED,
        source_note_en=NOTE,
    )


def _event(n: int) -> Event:
    return Event(
        slug=f"{PREFIX}event-{n}",
        title_en=f"Demo event {n}",
        title_ru=f"Демонстрационное событие {n}",
        title_kk=f"Демонстрациялық оқиға {n}",
        summary_en=f"Generated event number {n}.",
        start_date=datetime.date(1992 + n % 34, 1 + n % 12, 1 + n % 28),
        precision="day",
        status=Status.PUBLISHED,
        source_note_en=NOTE,
    )


def _publication(n: int) -> Publication:
    return Publication(
        slug=f"{PREFIX}publication-{n}",
        kind=PublicationKind.ARTICLE,
        title_en=f"Demo publication {n}",
        title_ru=f"Демонстрационная публикация {n}",
        title_kk=f"Демонстрациялық жарияланым {n}",
        abstract_en=f"Generated publication number {n}.",
        year=1995 + n % 31,
        venue="Demo Journal",
        status=Status.PUBLISHED,
        source_note_en=NOTE,
    )
