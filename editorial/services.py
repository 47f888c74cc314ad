from dataclasses import dataclass
from pathlib import Path

from django.core import serializers
from django.db import connection, transaction
from django.db.models import QuerySet

from caching.pagecache import invalidate_public_pages
from core.models import Status


def set_status(*, queryset: QuerySet, status: Status) -> int:
    """Move every record of ``queryset`` to ``status``; returns how many changed. Each
    record is saved on its own so that its history keeps who changed it and when."""
    changed = 0
    with transaction.atomic():
        invalidate_public_pages()
        for record in queryset.exclude(status=status).select_for_update(of=("self",)):
            record.status = status
            record.save(update_fields=["status", "updated_at"])
            changed += 1
    return changed


@dataclass(frozen=True)
class LoadResult:
    created: int
    kept: int
    updated: int


def load_source_fixtures(*, paths: list[Path], update: bool = False) -> LoadResult:
    """Load the documents' facts from natural-key fixtures, all or nothing.

    Records are matched on their natural key (the slug). A record that already
    exists is kept as staff left it unless ``update`` is true, so running this
    on every start is safe: a second run changes nothing.
    """
    created = kept = updated = 0
    with transaction.atomic():
        invalidate_public_pages()
        deferred = []
        for path in paths:
            with path.open(encoding="utf-8") as stream:
                for item in serializers.deserialize("json", stream, handle_forward_references=True):
                    exists = item.object.pk is not None
                    if exists and not update:
                        kept += 1
                        continue
                    _save(item, exists=exists)
                    if item.deferred_fields:
                        deferred.append(item)
                    if exists:
                        updated += 1
                    else:
                        created += 1
        for item in deferred:
            item.save_deferred_fields()
    return LoadResult(created=created, kept=kept, updated=updated)


def _save(item, *, exists: bool) -> None:
    """Save a deserialized object as a normal save (timestamps, validation of
    relations) rather than a raw fixture save, then set its many-to-many values.
    An update leaves the creation time alone: fixtures do not carry it."""
    instance = item.object
    if exists:
        kept = [f for f in instance._meta.concrete_fields if getattr(f, "auto_now_add", False)]
        if kept:  # so that the revision written by the save has them too
            stored = type(instance)._default_manager.filter(pk=instance.pk)
            values = stored.values_list(*(f.name for f in kept)).get()
            for field, value in zip(kept, values, strict=True):
                setattr(instance, field.attname, value)
        instance.save(
            update_fields=[
                field.name
                for field in instance._meta.concrete_fields
                if not field.primary_key and field not in kept
            ]
        )
    else:
        instance.save()
    for name, values in (item.m2m_data or {}).items():
        getattr(item.object, name).set(values)


def refresh_planner_statistics() -> None:
    """ANALYZE after many rows were written at once (imports, demo data), so the database
    picks the right index (e.g. the lists' order index rather than sorting every row).
    PostgreSQL's autovacuum does this too, later; SQLite never does it on its own."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
