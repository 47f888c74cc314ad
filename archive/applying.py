"""Applying an import's plan: write exactly what it says, all or nothing, with a revision
of each record written and an entry in the ledger."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from modeltranslation.fields import TranslationField

from archive import revisions
from archive.mapping import Mapping as ColumnMapping
from archive.models import ImportRecord, MappingProfile
from archive.schema import Schema
from archive.services import (
    CHUNK,
    ImportPlan,
    ImportRefused,
    Progress,
    RowPlan,
    _chunks,
    _current_m2m,
    _through,
)
from caching.pagecache import invalidate_public_pages
from editorial.services import refresh_planner_statistics

# After this many new rows, the database's planner statistics are brought up to date.
ANALYZE_AFTER = 1000


def apply_plan(
    *,
    plan: ImportPlan,
    user=None,
    file_name: str,
    checksum: str,
    profile: MappingProfile | None = None,
    system_user: str = "",
    progress: Progress | None = None,
) -> ImportRecord:
    """Write what the plan says, all or nothing, and record it in the ledger.
    ``progress(written, total)`` is told of each chunk of new and updated rows written."""
    if not plan.is_valid:
        raise ImportRefused(_("The file has errors; nothing was imported."))
    schema = plan.schema
    model = schema.model
    new_rows = [row for row in plan.rows if row.action == "new"]
    update_rows = [row for row in plan.rows if row.action == "update"]
    user = user if user and user.is_authenticated else None
    reason = _("Import of %(file)s") % {"file": file_name[:80]}
    try:
        with transaction.atomic():
            invalidate_public_pages()
            total, written = len(new_rows) + len(update_rows), 0
            for chunk in _chunks(new_rows, CHUNK):  # a chunk of instances at a time: bounded memory
                created = model._default_manager.bulk_create(_new_records(model, chunk))
                for row, instance in zip(chunk, created, strict=True):
                    row.pk = instance.pk
                    row.values = {}  # written: a large plan need not keep them
                written += len(chunk)
                if progress:
                    progress(written, total)
            undo_updates = _apply_updates(schema, update_rows, len(new_rows), total, progress)
            _resolve_deferred(schema, plan.rows)
            _write_m2m(schema, new_rows, update_rows)
            _record_revisions(model, [row.pk for row in new_rows], user=user, reason=reason)
            revised = [row.pk for row in update_rows]
            _record_revisions(model, revised, user=user, reason=reason, update=True)
            record = ImportRecord.objects.create(
                model_label=plan.label,
                file_name=file_name[:300],
                file_format=plan.table.format,
                encoding=plan.table.encoding_name if plan.table.encoding else "",
                checksum=checksum,
                profile=profile,
                user=user,
                system_user=system_user[:150],
                new=len(new_rows),
                updated=len(update_rows),
                unchanged=plan.count("unchanged"),
                filtered_out=plan.filtered_out,
                mapping=(plan.mapping or ColumnMapping()).to_dict(),
                undo_data={"created": [row.pk for row in new_rows], "updated": undo_updates},
            )
    except IntegrityError:
        # Another import or an edit wrote these records after the plan was made (a slug
        # taken since): nothing of this one was written.
        raise ImportRefused(
            _(
                "These records were changed by someone else after the preview was made "
                "(another import or an edit); nothing was imported. Check the preview "
                "again, then confirm."
            )
        ) from None
    if len(new_rows) >= ANALYZE_AFTER:
        refresh_planner_statistics()
    return record


def _new_records(model, rows: list[RowPlan]) -> list[models.Model]:
    """``model(**row.values)`` of each row. The translation columns the rows leave out take
    the default of one call each: modeltranslation's get_default() switches the active
    language in and out on every call, a third of the time of making a record."""
    given = {attname for row in rows for attname in row.values}
    left_out = {
        field.attname: field.get_default()
        for field in model._meta.concrete_fields
        if isinstance(field, TranslationField)
        and field.attname not in given
        and field.translated_field.name not in given
        and not (field.has_default() and callable(field.default))
    }
    return [model(**left_out, **row.values) for row in rows]


def _record_revisions(model, pks: list[int], *, user, reason: str, update: bool = False) -> None:
    """One revision per record written in bulk, links included, as an admin save leaves."""
    revisions.record_revisions(model=model, pks=pks, user=user, reason=reason, update=update)


def _apply_updates(
    schema: Schema, rows: list[RowPlan], written: int, total: int, progress: Progress | None
) -> list[dict]:
    model = schema.model
    undo = []
    has_updated_at = _has_updated_at(model)
    now = timezone.now()
    for chunk in _chunks(rows, CHUNK):
        current = {
            obj.pk: obj for obj in model._default_manager.filter(pk__in=[r.pk for r in chunk])
        }
        m2m_now = _current_m2m(schema, [r.pk for r in chunk])
        changed_fields: set[str] = set()
        instances = []
        for row in chunk:
            instance = current[row.pk]
            before = {}
            for attname, value in row.values.items():
                if attname in row.diff:
                    before[attname] = _json_value(getattr(instance, attname))
                    setattr(instance, attname, value)
                    changed_fields.add(_field(model, attname).name)
            m2m_before = {
                attribute: m2m_now.get((attribute, row.pk), [])
                for attribute in row.m2m
                if attribute in row.diff
            }
            if has_updated_at:
                instance.updated_at = now
            instances.append(instance)
            undo.append({"pk": row.pk, "fields": before, "m2m": m2m_before})
        if changed_fields:
            if has_updated_at:
                changed_fields.add("updated_at")
            model._default_manager.bulk_update(instances, sorted(changed_fields), batch_size=CHUNK)
        written += len(chunk)
        if progress:
            progress(written, total)
    return undo


def _resolve_deferred(schema: Schema, rows: list[RowPlan]) -> None:
    """Point references to records of this same file at their new primary keys."""
    pending = [row for row in rows if row.deferred and row.action in ("new", "update")]
    if not pending:
        return
    pk_of = {row.key[0]: row.pk for row in rows if row.action in ("new", "update", "unchanged")}
    model = schema.model
    instances = []
    fields: set[str] = set()
    for row in pending:
        instance = model(pk=row.pk)
        for attname, key in row.deferred.items():
            setattr(instance, attname, pk_of[key])
            fields.add(_field(model, attname).name)
        instances.append(instance)
    model._default_manager.bulk_update(instances, sorted(fields), batch_size=CHUNK)


def _field(model, attname: str) -> models.Field:
    return next(f for f in model._meta.concrete_fields if f.attname == attname)


def _has_updated_at(model) -> bool:
    return any(f.name == "updated_at" for f in model._meta.concrete_fields)


def _json_value(value):
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _write_m2m(schema: Schema, new_rows: list[RowPlan], update_rows: list[RowPlan]) -> None:
    for column in schema.m2m_columns:
        through, source, target = _through(schema.model, column.attribute)
        changed = [row for row in update_rows if column.attribute in row.diff]
        for chunk in _chunks([row.pk for row in changed], CHUNK):
            through.objects.filter(**{f"{source}__in": chunk}).delete()
        for chunk in _chunks([*new_rows, *changed], CHUNK):
            links = [
                through(**{source: row.pk, target: target_pk})
                for row in chunk
                for target_pk in row.m2m.get(column.attribute, [])
            ]
            through.objects.bulk_create(links)
