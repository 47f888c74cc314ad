"""The stored datestamps (``opendata.models.OaiStamp``): the database keeps them itself.

A record's datestamp is the latest of its ``updated_at``, its ``publish_at`` (when a
scheduled record goes public), its latest revision (django-simple-history: links to
regions or themes changed without a save) and the latest revision of the records whose
names its metadata shows (regions, themes, authors and authorships, a story's sections
and lead photograph). Computed per request, a page of a list had to compute it for every
record to order them (0.45 s a page at 100,000 heritage items); stored beside copies of
what decides whether a record is listed, a page and its count read one index.

Triggers keep the rows, on SQLite and PostgreSQL alike: a record's row written is copied
(deleted, its row goes), and a revision of it or of a region (theme, author …) raises the
stamp of every record linked to it. Every write path reaches them (the admin, imports and
their undo, reverts, the loaders, raw SQL), and they never lower a stamp. Django does not
know the triggers: after every ``migrate`` (and a test's flush) ``install()`` makes them
again (on PostgreSQL, only if one is missing or changed), since SQLite drops a table's
triggers when a migration rebuilds the table, then
brings every row up to its record (``_catch_up``), which also fills them in for a
database migrated before the stamps, or restored from a backup.
"""

from dataclasses import dataclass

from django.db import connections, models, transaction
from django.db.models import F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Greatest

from heritage.models import HeritageItem, Region
from opendata.models import OaiStamp
from publications.models import Author, Authorship, Publication
from stories.models import Story, StoryLeadImage, StorySection
from timeline.models import Event, Theme

STAMPS = OaiStamp._meta.db_table


@dataclass(frozen=True)
class Site:
    """A table whose new rows raise the stamps of records: ``ids`` selects the records'
    ids (``NEW`` is the row)."""

    spec: str
    table: str
    ids: str

    @property
    def name(self) -> str:
        return f"oai_stamp_{self.table}"


def _linked(model, field: str) -> str:
    """The ids of ``model``'s records linked through its many-to-many ``field`` to the
    related row ``NEW``."""
    m2m = model._meta.get_field(field)
    through = m2m.remote_field.through._meta.db_table
    column, related = m2m.m2m_column_name(), m2m.m2m_reverse_name()
    return f'SELECT "{column}" FROM "{through}" WHERE "{related}" = NEW.id'


def revision_sites(spec: str, model) -> list[Site]:
    """The revisions that change a record's OAI record: its own, and those of the records
    whose names its metadata shows."""
    history = lambda related: related.history.model._meta.db_table  # noqa: E731
    found = [Site(spec, history(model), "SELECT NEW.id")]
    if model is HeritageItem:
        found.append(Site(spec, history(Region), _linked(model, "regions")))
    elif model is Event:
        found.append(Site(spec, history(Theme), _linked(model, "themes")))
    elif model is Publication:
        authorships = Authorship._meta.db_table
        found += [
            Site(spec, history(Authorship), "SELECT NEW.publication_id"),
            Site(
                spec,
                history(Author),
                f'SELECT publication_id FROM "{authorships}" WHERE author_id = NEW.id',
            ),
        ]
    elif model is Story:
        for part in (StorySection, StoryLeadImage):
            found.append(Site(spec, history(part), "SELECT NEW.story_id"))
    return found


def _copied(spec: str, model, greatest: str) -> tuple[str, str]:
    """The INSERT … ON CONFLICT that writes a record's row ``NEW`` into the stamps, and
    the name of its trigger."""
    kind = "NEW.kind" if model is HeritageItem else "''"
    written = f"{greatest}(NEW.updated_at, coalesce(NEW.publish_at, NEW.updated_at))"
    raised = f'{greatest}("{STAMPS}".stamp, excluded.stamp)'
    return (
        f'INSERT INTO "{STAMPS}" (source, record_id, stamp, status, publish_at, created_at, kind) '
        f"VALUES ('{spec}', NEW.id, {written}, NEW.status, NEW.publish_at, NEW.created_at, {kind}) "
        f"ON CONFLICT (source, record_id) DO UPDATE SET stamp = {raised}, "
        "status = excluded.status, publish_at = excluded.publish_at, "
        "created_at = excluded.created_at, kind = excluded.kind"
    ), f"oai_stamp_{model._meta.db_table}"


def _raised(site: Site, greatest: str) -> str:
    return (
        f'UPDATE "{STAMPS}" SET stamp = {greatest}(stamp, NEW.history_date) '
        f"WHERE source = '{site.spec}' AND record_id IN ({site.ids})"
    )


def _deleted(spec: str, model) -> str:
    return f"DELETE FROM \"{STAMPS}\" WHERE source = '{spec}' AND record_id = OLD.id"


def _sqlite_trigger(name: str, event: str, table: str, body: str) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {name}",
        f'CREATE TRIGGER {name} AFTER {event} ON "{table}" BEGIN {body}; END',
    ]


def _postgresql_function(body: str) -> str:
    """A trigger function's source, as PostgreSQL keeps it (``pg_proc.prosrc``)."""
    return f" BEGIN {body}; RETURN NULL; END "


def _postgresql_trigger(name: str, event: str, table: str, body: str) -> list[str]:
    return [
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql "
        f"AS $${_postgresql_function(body)}$$",
        f'DROP TRIGGER IF EXISTS {name} ON "{table}"',
        f'CREATE TRIGGER {name} AFTER {event} ON "{table}" FOR EACH ROW EXECUTE FUNCTION {name}()',
    ]


def triggers(spec: str, model) -> list[tuple[str, str, str, str]]:
    """(name, event, table, body with ``{greatest}``) of each trigger of a source."""
    table = model._meta.db_table
    upsert, name = _copied(spec, model, "{greatest}")
    found = [
        (f"{name}_insert", "INSERT", table, upsert),
        (f"{name}_update", "UPDATE", table, upsert),
        (f"{name}_delete", "DELETE", table, _deleted(spec, model)),
    ]
    for site in revision_sites(spec, model):
        found.append((site.name, "INSERT", site.table, _raised(site, "{greatest}")))
    return found


def statements(vendor: str, sources) -> list[str]:
    postgresql = vendor == "postgresql"
    write = _postgresql_trigger if postgresql else _sqlite_trigger
    greatest = "GREATEST" if postgresql else "max"
    return [
        statement
        for spec, model in sources
        for name, event, table, body in triggers(spec, model)
        for statement in write(name, event, table, body.replace("{greatest}", greatest))
    ]


def install(*, using: str, sources) -> None:
    """Make the triggers (again) and bring every stored stamp up to the computed one."""
    connection = connections[using]
    tables = set(connection.introspection.table_names())
    needed = {STAMPS} | {table for spec, model in sources for *_, table, _ in triggers(spec, model)}
    if not needed <= tables:  # a database migrated only part of the way
        return
    with transaction.atomic(using=using), connection.cursor() as cursor:
        if not _in_place(cursor, connection.vendor, sources):
            for statement in _dropped(cursor, connection.vendor, sources):
                cursor.execute(statement)
            for statement in statements(connection.vendor, sources):
                cursor.execute(statement)
        for spec, model in sources:
            _catch_up(spec, model, using=using)


def _in_place(cursor, vendor: str, sources) -> bool:
    """Whether PostgreSQL has every trigger, its function as written here. Its migrations
    alter tables in place and keep their triggers; making them again would lock every
    table (even against reading) until the catch-up ends. SQLite's are made each time."""
    if vendor != "postgresql":
        return False
    cursor.execute(
        "SELECT t.tgname, p.prosrc FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid "
        "WHERE t.tgname LIKE 'oai_stamp_%%' AND NOT t.tgisinternal"
    )
    found = dict(cursor.fetchall())
    expected = {
        name: _postgresql_function(body.replace("{greatest}", "GREATEST"))
        for spec, model in sources
        for name, _event, _table, body in triggers(spec, model)
    }
    return found == expected


def _dropped(cursor, vendor: str, sources) -> list[str]:
    """The statements that drop the stamps' triggers this code no longer makes (an older
    version's, under another name)."""
    names = {name for spec, model in sources for name, *_ in triggers(spec, model)}
    if vendor == "postgresql":
        cursor.execute(
            "SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname LIKE 'oai_stamp_%%' AND NOT t.tgisinternal"
        )
        return [
            f'DROP TRIGGER {name} ON "{table}"'
            for name, table in cursor.fetchall()
            if name not in names
        ]
    cursor.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'oai_stamp_%%'"
    )
    return [f"DROP TRIGGER {name}" for (name,) in cursor.fetchall() if name not in names]


def computed(model) -> models.QuerySet:
    """Every record of ``model`` with its datestamp computed from the rows themselves."""
    return model._default_manager.annotate(
        datestamp=Greatest(
            F("updated_at"),
            *(Coalesce(change, F("updated_at")) for change in _changes(model)),
        )
    )


def _catch_up(spec: str, model, *, using: str) -> None:
    """Every record's row as the triggers would have written it, its stamp no lower than
    the computed datestamp; the rows of records gone, gone."""
    fields = ["stamp", "status", "publish_at", "created_at", "kind"]
    stored = {
        row[0]: row[1:]
        for row in OaiStamp.objects.using(using)
        .filter(source=spec)
        .values_list("record_id", *fields)
        .iterator()
    }
    kind = F("kind") if model is HeritageItem else Value("")
    rows = (
        computed(model)
        .using(using)
        .annotate(record_kind=kind)
        .values_list("pk", "datestamp", "status", "publish_at", "created_at", "record_kind")
    )
    behind = []
    for pk, moment, *copied in rows.iterator():
        kept = stored.pop(pk, None)
        moment = max(moment, kept[0]) if kept else moment
        if kept != (moment, *copied):
            behind.append(
                OaiStamp(
                    source=spec, record_id=pk, **dict(zip(fields, (moment, *copied), strict=True))
                )
            )
    OaiStamp.objects.using(using).bulk_create(
        behind,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["source", "record_id"],
        update_fields=fields,
    )
    OaiStamp.objects.using(using).filter(source=spec, record_id__in=list(stored)).delete()


def _latest(queryset: models.QuerySet) -> Subquery:
    """The latest ``history_date`` among revisions."""
    return Subquery(queryset.order_by("-history_date").values("history_date")[:1])


def _changes(model) -> list:
    history = model.history.model
    changes = [F("publish_at"), _latest(history.objects.filter(id=OuterRef("pk")))]
    if model is HeritageItem:
        regions = model.regions.through.objects.filter(heritageitem_id=OuterRef(OuterRef("pk")))
        changes.append(
            _latest(Region.history.model.objects.filter(id__in=regions.values("region_id")))
        )
    elif model is Event:
        themes = model.themes.through.objects.filter(event_id=OuterRef(OuterRef("pk")))
        changes.append(
            _latest(Theme.history.model.objects.filter(id__in=themes.values("theme_id")))
        )
    elif model is Publication:
        authorships = Authorship.history.model.objects.filter(publication_id=OuterRef("pk"))
        changes.append(_latest(authorships))
        authors = Authorship.objects.filter(publication_id=OuterRef(OuterRef("pk")))
        changes.append(
            _latest(Author.history.model.objects.filter(id__in=authors.values("author_id")))
        )
    elif model is Story:  # its sections and its lead photograph are part of it
        for part in (StorySection, StoryLeadImage):
            changes.append(_latest(part.history.model.objects.filter(story_id=OuterRef("pk"))))
    return changes
