"""Undoing an import from the ledger: what it created is deleted and what it updated is
restored, all or nothing.

Refused when any record undo would delete or restore is no longer as the import left it:
its history has a revision dated after the ledger entry (an edit in the admin, a revert,
another import or undo, links changed from its side, its deletion), its ``updated_at`` is
later, or its fields or the links undo would overwrite differ from the import's own
revision (a bulk update, links changed from the other side or in the link table, which no
revision of the record sees). Refused too when what it would restore refers to records
deleted since, and when other records now refer to records it would delete.
"""

from django.db import models, transaction
from django.db.models import Max
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _

from archive.applying import _field, _has_updated_at, _record_revisions
from archive.models import ImportRecord, ImportStatus
from archive.schema import Schema
from archive.services import CHUNK, ImportRefused, _chunks, _through
from caching.pagecache import invalidate_public_pages
from core.models import Status
from core.publishing import public_records

NAMED = 10  # records a refusal names; more would not help anyone read it


def undo_import(*, record: ImportRecord, user=None, may_publish: bool = True) -> None:
    """Delete what the import created and restore what it updated, all or nothing.
    Without ``may_publish``, refused when that would take away or change a published
    record, or publish one again: only publishers change what the public sees."""
    user = user if user and user.is_authenticated else None
    schema = Schema.for_label(record.model_label)
    model = schema.model
    created: list[int] = record.undo_data.get("created", [])
    updated: list[dict] = record.undo_data.get("updated", [])
    try:
        with transaction.atomic():
            # Locked: two people undoing the same import at once cannot both go ahead.
            entry = ImportRecord.objects.filter(pk=record.pk)
            if entry.select_for_update().values_list("status", flat=True).get() == (
                ImportStatus.UNDONE
            ):
                raise ImportRefused(_("This import has already been undone."))
            if not may_publish:
                _refuse_publishing(model=model, created=created, updated=updated)
            _refuse_changes(schema=schema, record=record, created=created, updated=updated)
            invalidate_public_pages()
            for chunk in _chunks(created, CHUNK):
                model._default_manager.filter(pk__in=chunk).delete()
            reason = _("Undo of import %(id)s") % {"id": record.pk}
            _restore(schema=schema, updated=updated, user=user, reason=reason)
            undone_at = timezone.now()
            entry.update(status=ImportStatus.UNDONE, undone_at=undone_at, undone_by=user)
    except (ProtectedError, RestrictedError) as error:
        raise ImportRefused(
            _(
                "Other records now refer to records this import created (%(objects)s); "
                "undo them first."
            )
            % {"objects": ", ".join(str(obj) for obj in list(error.protected_objects)[:5])}
        ) from None
    record.status, record.undone_at, record.undone_by = ImportStatus.UNDONE, undone_at, user


def _refuse_publishing(*, model, created: list[int], updated: list[dict]) -> None:
    public = public_records(model)
    if public is None:
        return
    touched = created + [entry["pk"] for entry in updated]
    republished = any(entry["fields"].get("status") == Status.PUBLISHED for entry in updated)
    changed_public = any(public.filter(pk__in=chunk).exists() for chunk in _chunks(touched, CHUNK))
    if changed_public or republished:
        raise ImportRefused(
            _(
                "This import wrote published records: only publishers may undo it, as undo "
                "would change what the public sees."
            )
        )


def _refuse_changes(
    *, schema: Schema, record: ImportRecord, created: list[int], updated: list[dict]
) -> None:
    later = _changed_since(schema=schema, record=record, created=created, updated=updated)
    if later:
        raise ImportRefused(
            _(
                "Records were changed after this import: %(keys)s. "
                "Undo would overwrite those changes."
            )
            % {"keys": _shown(later)}
        )
    lost = _lost_references(schema=schema, updated=updated)
    if lost:
        raise ImportRefused(
            _(
                "Records this import changed referred to records that have since been "
                "deleted: %(keys)s. Undo cannot restore those references."
            )
            % {"keys": _shown(lost)}
        )
    dependents = _dependents(model=schema.model, pks=created)
    if dependents:
        raise ImportRefused(
            _(
                "Other records now refer to records this import created (%(objects)s); "
                "undo would delete them too."
            )
            % {"objects": ", ".join(dependents)}
        )


def _shown(keys: list[tuple]) -> str:
    return ", ".join(" / ".join(map(str, key)) for key in keys)


def _changed_since(
    *, schema: Schema, record: ImportRecord, created: list[int], updated: list[dict]
) -> list[tuple]:
    """Keys of the records undo would delete or restore that changed after the import.
    A record the import created and staff deleted is not among them: nothing of theirs
    is lost by deleting it again; one it updated is, as undo cannot restore it."""
    model = schema.model
    tracked = [m2m_field.name for m2m_field in _linked_in_history(model=model)]
    # The links undo would overwrite: every link of a record it deletes, the restored ones
    # (each an import can write is kept in the revisions, so it can be compared).
    links = dict.fromkeys(created, tracked) | {e["pk"]: list(e.get("m2m", {})) for e in updated}
    restored = {entry["pk"] for entry in updated}
    changed: list[int] = []
    for chunk in _chunks(list(links), CHUNK):
        # Locked until undo commits (PostgreSQL): an edit cannot slip in after the check.
        records = model._default_manager.select_for_update().filter(pk__in=chunk)
        current = {obj.pk: obj for obj in records}
        differing = _differing(model=model, since=record.created_at, current=current, links=links)
        changed += [pk for pk in chunk if pk in differing or (pk in restored and pk not in current)]
        if len(changed) >= NAMED:
            break
    return _keys(schema=schema, pks=changed[:NAMED])


def _differing(*, model, since, current: dict, links: dict[int, list[str]]) -> set[int]:
    """The records of ``current`` that are not as the import left them."""
    changed = set()
    if _has_updated_at(model):
        changed = {pk for pk, obj in current.items() if obj.updated_at > since}
    history = getattr(model, "history", None)
    if history is None:
        return changed
    pk_name = model._meta.pk.attname
    revisions = (
        history.filter(**{f"{pk_name}__in": list(current)})
        .order_by()
        .values(pk_name)
        .annotate(last=Max("history_date"), latest=Max("history_id"))
    )
    imported: dict[int, int] = {}  # record -> the import's revision: its latest
    for revision in revisions:
        if revision["last"] > since:
            changed.add(revision[pk_name])
        else:
            imported[revision[pk_name]] = revision["latest"]
    attnames = _compared_fields(model=model)
    for revision in history.filter(history_id__in=list(imported.values())):
        pk = getattr(revision, pk_name)
        if any(getattr(current[pk], name) != getattr(revision, name) for name in attnames):
            changed.add(pk)
    for m2m_field in _linked_in_history(model=model):
        compared = {pk: imported[pk] for pk in imported if m2m_field.name in links[pk]}
        if not compared:
            continue
        through, source, target = _through(model, m2m_field.name)
        now = _pairs(through.objects.filter(**{f"{source}__in": list(compared)}), source, target)
        link_model = getattr(history.model, m2m_field.name).model
        kept = link_model.objects.filter(history_id__in=list(compared.values()))
        then = _pairs(kept, "history_id", target)
        changed |= {pk for pk, revision in compared.items() if now.get(pk) != then.get(revision)}
    return changed


def _linked_in_history(*, model) -> list[models.ManyToManyField]:
    """The links each revision of ``model`` keeps (HeritageItem's regions, Event's …)."""
    history = getattr(model, "history", None)
    return list(getattr(history.model, "_history_m2m_fields", [])) if history else []


def _compared_fields(*, model) -> list[str]:
    """The attnames a revision keeps as the record does: all but the untranslated field
    behind modeltranslation's columns (a revision holds that in whichever language was
    active); its columns (name_kk, name_ru, name_en) are compared."""
    fields = model._meta.concrete_fields
    translated = {f.translated_field.name for f in fields if hasattr(f, "translated_field")}
    return [f.attname for f in fields if f.name not in translated]


def _pairs(queryset, key: str, value: str) -> dict[int, set[int]]:
    pairs: dict[int, set[int]] = {}
    for left, right in queryset.values_list(key, value):
        pairs.setdefault(left, set()).add(right)
    return pairs


def _keys(*, schema: Schema, pks: list[int]) -> list[tuple]:
    """The keys of ``pks``; a deleted record's as its last revision had it."""
    model = schema.model
    lookup = schema.key_lookup()
    rows = model._default_manager.filter(pk__in=pks).values_list("pk", *lookup)
    keys = {pk: tuple(key) for pk, *key in rows}
    missing = [pk for pk in pks if pk not in keys]
    history = getattr(model, "history", None)
    if missing and history is not None:
        pk_name = model._meta.pk.attname
        revisions = history.filter(**{f"{pk_name}__in": missing}).order_by("history_id")
        keys |= {pk: tuple(key) for pk, *key in revisions.values_list(pk_name, *lookup)}
    return [keys.get(pk, (pk,)) for pk in pks]


def _lost_references(*, schema: Schema, updated: list[dict]) -> list[tuple]:
    """Keys of the records whose restored values or links refer to records gone since."""
    model = schema.model
    lost: list[int] = []
    for chunk in _chunks(updated, CHUNK):
        references: list[tuple[int, type[models.Model], int]] = []  # record, model, pk
        for entry in chunk:
            for attname, value in entry["fields"].items():
                related = _field(model, attname).related_model
                if related is not None and value is not None:
                    references.append((entry["pk"], related, value))
            for attribute, pks in entry.get("m2m", {}).items():
                related = model._meta.get_field(attribute).related_model
                references += [(entry["pk"], related, pk) for pk in pks]
        existing: set[tuple[type[models.Model], int]] = set()
        for related in {related for _pk, related, _target in references}:
            targets = list({target for _pk, to, target in references if to is related})
            for part in _chunks(targets, CHUNK):
                found = related._base_manager.filter(pk__in=part).values_list("pk", flat=True)
                existing |= {(related, pk) for pk in found}
        lost += dict.fromkeys(pk for pk, to, target in references if (to, target) not in existing)
        if len(lost) >= NAMED:
            break
    return _keys(schema=schema, pks=lost[:NAMED])


def _dependents(*, model, pks: list[int]) -> list[str]:
    """Records outside this import that deleting its new records would take along, or
    take a reference or a link from (an item linked to a region the import created)."""
    created = set(pks)
    found: list[str] = []
    for chunk in _chunks(pks, CHUNK):
        collector = Collector(using=model._default_manager.db)
        collector.collect(list(model._default_manager.filter(pk__in=chunk)))
        for related_model, objects in collector.data.items():
            found += [
                f"{related_model._meta.verbose_name}: {obj}"
                for obj in objects
                if not (related_model is model and obj.pk in created)
            ]
        for queryset in collector.fast_deletes:
            if not queryset.model._meta.auto_created and queryset.exists():
                found += [f"{queryset.model._meta.verbose_name}: {obj}" for obj in queryset[:5]]
        for (field, _value), groups in collector.field_updates.items():  # set to null
            found += [f"{field.model._meta.verbose_name}: {obj}" for g in groups for obj in g[:5]]
        for relation in model._meta.related_objects:  # links kept by the other records
            if relation.many_to_many and relation.through._meta.auto_created:
                other = relation.related_model
                linked = other._base_manager.filter(**{f"{relation.field.name}__in": chunk})
                found += [f"{other._meta.verbose_name}: {obj}" for obj in linked.distinct()[:5]]
        if len(found) >= 5:
            break
    return found[:5]


def _restore(*, schema: Schema, updated: list[dict], user, reason: str) -> None:
    model = schema.model
    for chunk in _chunks(updated, CHUNK):
        current = {
            obj.pk: obj for obj in model._default_manager.filter(pk__in=[e["pk"] for e in chunk])
        }
        fields: set[str] = set()
        for entry in chunk:
            instance = current[entry["pk"]]
            for attname, value in entry["fields"].items():
                model_field = _field(model, attname)
                setattr(instance, attname, model_field.to_python(value))
                fields.add(model_field.name)
        if fields:
            model._default_manager.bulk_update(
                list(current.values()), sorted(fields), batch_size=CHUNK
            )
        _restore_links(model=model, entries=chunk)
        _record_revisions(model, list(current), user=user, reason=reason, update=True)


def _restore_links(*, model, entries: list[dict]) -> None:
    """Write the links as they were, in the link table: no signal, so no revision per
    link; the one revision of each record follows."""
    for attribute in sorted({name for entry in entries for name in entry.get("m2m", {})}):
        through, source, target = _through(model, attribute)
        restored = [entry for entry in entries if attribute in entry.get("m2m", {})]
        through.objects.filter(**{f"{source}__in": [entry["pk"] for entry in restored]}).delete()
        through.objects.bulk_create(
            through(**{source: entry["pk"], target: pk})
            for entry in restored
            for pk in entry["m2m"][attribute]
        )
