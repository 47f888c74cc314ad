"""The revisions (django-simple-history) of records written in bulk by an import or an
undo: one per record, links included, with the same rows and fields an admin save leaves.

The database copies each record into its revision (INSERT … SELECT) instead of Python
making a model instance of each record and link and Django compiling every value into an
INSERT: for an import of new records, that was about half of its time. Where a revision
holds more than a copy of the record's columns can give (a history model configured
otherwise, a database without INSERT … RETURNING), django-simple-history's bulk API
writes it.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, models
from django.utils import timezone
from modeltranslation.fields import NONE, TranslationFieldDescriptor
from modeltranslation.utils import build_localized_fieldname, get_language, resolution_order

from archive.services import CHUNK, _chunks


class NotCopyable(Exception):
    """The revision holds something a copy of the record's columns cannot give."""


@dataclass(frozen=True, slots=True)
class Copy:
    """One INSERT … SELECT of the rows whose ``matched`` column is in a list of ids."""

    table: str
    columns: list[str]
    selected: list[str]
    params: list
    source: str  # the FROM clause
    matched: str

    def sql(self, ids: list[int], *, tail: str = "") -> tuple[str, list]:
        quote = connection.ops.quote_name
        sql = (
            f"INSERT INTO {quote(self.table)} ({', '.join(map(quote, self.columns))}) "
            f"SELECT {', '.join(self.selected)} FROM {self.source} "
            f"WHERE {self.matched} IN ({', '.join(['%s'] * len(ids))}){tail}"
        )
        return sql, [*self.params, *ids]


def record_revisions(
    *, model: type[models.Model], pks: list[int], user, reason: str, update: bool = False
) -> None:
    """One revision of each record of ``pks`` as it is now, with its links, as
    ``bulk_history_create`` and django-simple-history's m2m signal would have stored it:
    history_type "~" with ``update``, else "+"; the user, else the one the history's own
    configuration names (the signed-in user of a request). All are dated the same moment,
    where the bulk API dates each a few microseconds after the one before."""
    history = getattr(model, "history", None)
    if history is None or not pks or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    history_model = history.model
    if user is None:
        user = history_model.get_default_history_user(model())
    revision = {
        "history_date": timezone.now(),
        "history_change_reason": reason,
        "history_type": "~" if update else "+",
        "history_user_id": user.pk if user is not None else None,
    }
    try:
        records = _copy_of_records(model, history_model, revision)
        links = _copies_of_links(model, history_model)
    except NotCopyable:
        _record_revisions_through_the_orm(model, pks, user=user, reason=reason, update=update)
        return
    quote = connection.ops.quote_name
    in_order = f" ORDER BY {records.matched} RETURNING {quote(history_model._meta.pk.column)}"
    with connection.cursor() as cursor:
        for chunk in _chunks(pks, CHUNK):
            cursor.execute(*records.sql(chunk, tail=in_order))
            revision_ids = [revision_id for (revision_id,) in cursor.fetchall()]
            for link in links:
                cursor.execute(*link.sql(revision_ids))


def _copy_of_records(model, history_model, revision: dict) -> Copy:
    if not connection.features.can_return_rows_from_bulk_insert:
        raise NotCopyable
    if not isinstance(history_model._meta.pk, models.AutoField):
        raise NotCopyable  # a UUID revision id is made in Python
    tracked = {field.attname: field for field in history_model.tracked_fields}
    columns, selected, params = [], [], []
    for field in _written_fields(history_model):
        if field.attname in revision:
            value = field.get_db_prep_save(revision[field.attname], connection)
            sql, field_params = "%s", [value]
        elif field.attname in tracked:
            sql, field_params = _value_of(model, tracked[field.attname])
        else:
            raise NotCopyable
        columns.append(field.column)
        selected.append(sql)
        params += field_params
    quote = connection.ops.quote_name
    return Copy(
        table=history_model._meta.db_table,
        columns=columns,
        selected=selected,
        params=params,
        source=f"{quote(model._meta.db_table)} record",
        matched=f"record.{quote(model._meta.pk.column)}",
    )


def _value_of(model, field: models.Field) -> tuple[str, list]:
    """What the revision keeps of one field: ``getattr(record, attname)``, in SQL."""
    descriptor = getattr(model, field.attname, None)
    if isinstance(descriptor, TranslationFieldDescriptor):
        return _translated_value(model, descriptor)
    column = f"record.{connection.ops.quote_name(field.column)}"
    if isinstance(field, models.FileField):
        return f"COALESCE({column}, '')", []  # a FieldFile without a file reads as ""
    return column, []


def _translated_value(model, descriptor: TranslationFieldDescriptor) -> tuple[str, list]:
    """The untranslated field behind modeltranslation's columns reads as the active
    language's column, else as the first of its fallbacks that holds something. Its own
    column cannot be copied: a bulk update of name_en leaves the column name as it was."""
    field = descriptor.field
    if descriptor.fallback_undefined is not NONE or descriptor.fallback_value is not NONE:
        raise NotCopyable
    if not isinstance(field, models.CharField | models.TextField):
        raise NotCopyable
    undefined = field.get_default()
    candidates, params = [], []
    for language in resolution_order(get_language(), descriptor.fallback_languages):
        name = build_localized_fieldname(field.name, language)
        column = f"record.{connection.ops.quote_name(model._meta.get_field(name).column)}"
        if undefined is None:
            candidates.append(column)
        else:
            candidates.append(f"NULLIF({column}, %s)")
            params.append(undefined)
    candidates.append("%s")
    params.append(undefined)
    return f"COALESCE({', '.join(candidates)})", params


def _copies_of_links(model, history_model) -> list[Copy]:
    """For each m2m field the history keeps: the record's links, into its revision's."""
    quote = connection.ops.quote_name
    revision_id = f"revision.{quote(history_model._meta.pk.column)}"
    copies = []
    for m2m_field in getattr(history_model, "_history_m2m_fields", []):
        through = getattr(model, m2m_field.name).through
        link_model = getattr(history_model, m2m_field.name).model
        source = next(f for f in through._meta.fields if f.related_model is model)
        link_columns = {f.attname: f.column for f in through._meta.fields}
        columns, selected = [], []
        for field in _written_fields(link_model):
            if field.related_model is history_model:
                selected.append(revision_id)
            elif field.attname in link_columns:
                selected.append(f"link.{quote(link_columns[field.attname])}")
            else:
                raise NotCopyable
            columns.append(field.column)
        record_id = quote(history_model._meta.get_field(model._meta.pk.attname).column)
        joined = (
            f"{quote(through._meta.db_table)} link INNER JOIN "
            f"{quote(history_model._meta.db_table)} revision "
            f"ON revision.{record_id} = link.{quote(source.column)}"
        )
        copies.append(
            Copy(
                table=link_model._meta.db_table,
                columns=columns,
                selected=selected,
                params=[],
                source=joined,
                matched=revision_id,
            )
        )
    return copies


def _written_fields(model) -> Iterable[models.Field]:
    """The fields an INSERT gives a value: not the generated ones, nor the serial id."""
    for field in model._meta.concrete_fields:
        if not field.generated and not (field.primary_key and isinstance(field, models.AutoField)):
            yield field


def _record_revisions_through_the_orm(model, pks: list[int], *, user, reason: str, update: bool):
    """django-simple-history's bulk API, and each revision's links as its m2m signal
    would have stored them."""
    for chunk in _chunks(pks, CHUNK // 2):  # a revision is as wide as its record, in every language
        revisions = model.history.bulk_history_create(
            list(model._default_manager.filter(pk__in=chunk)),
            batch_size=CHUNK // 2,
            update=update,
            default_user=user,
            default_change_reason=reason,
        )
        _record_link_revisions(model, revisions)


def _record_link_revisions(model, revisions: list) -> None:
    if not revisions:
        return
    history_model = type(revisions[0])
    revision_of = {revision.id: revision for revision in revisions}
    for m2m_field in history_model._history_m2m_fields:
        through = getattr(model, m2m_field.name).through
        source = next(f for f in through._meta.fields if f.related_model is model)
        link_model = getattr(revisions[0], m2m_field.name).model
        links = [
            link_model(
                history=revision_of[getattr(row, source.attname)],
                **{f.attname: getattr(row, f.attname) for f in through._meta.fields},
            )
            for row in through.objects.filter(**{f"{source.attname}__in": list(revision_of)})
        ]
        link_model.objects.bulk_create(links, batch_size=CHUNK)
