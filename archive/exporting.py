"""Exports in CSV, XLSX and JSON: the same columns an import reads, relations by
natural key, and cells a spreadsheet would run as formulas neutralised."""

import json

import tablib
from django.db.models import Prefetch, QuerySet

from archive import cells
from archive.readers import Table
from archive.registry import resource_for
from archive.schema import Schema
from core.resources import prefetched_name

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


def export_dataset(
    *, label: str, queryset: QuerySet | None = None, published_only: bool = False
) -> tablib.Dataset:
    """Every column of ``queryset``'s records. With ``published_only`` (open data), a
    relation to an unpublished record is left out too, as if it were not there, and so is
    a record that belongs to one (a component site of a draft heritage item)."""
    resource = resource_for(label)()
    schema = Schema.for_label(label)
    if queryset is None:
        queryset = schema.model._default_manager.all()
    # Relations are written as natural keys: fetch them with the rows, not once per row.
    for column in schema.columns.values():
        if column.is_m2m:
            related = _related(column, published_only).only(column.related_key)
            queryset = queryset.prefetch_related(
                Prefetch(column.attribute, related, to_attr=prefetched_name(column.attribute))
            )
        elif column.is_fk and published_only and _publishable(column.related_model):
            if column.model_field.null:
                queryset = queryset.prefetch_related(
                    Prefetch(column.attribute, _related(column, published_only))
                )
            else:
                queryset = queryset.filter(
                    **{f"{column.attribute}__in": _related(column, published_only)}
                ).select_related(column.attribute)
        elif column.is_fk:
            queryset = queryset.select_related(column.attribute)
    dataset = resource.export(queryset)
    escaped = tablib.Dataset(headers=dataset.headers)
    for row in dataset:
        escaped.append([cells.escape_formula(cell) for cell in row])
    return escaped


def _publishable(model) -> bool:
    return hasattr(model._default_manager.all(), "published")


def _related(column, published_only: bool) -> QuerySet:
    related = column.related_model._default_manager.all()
    return related.published() if published_only and _publishable(column.related_model) else related


def render(dataset: tablib.Dataset, fmt: str) -> bytes:
    if fmt == "csv":
        # The byte-order mark makes Excel read the Cyrillic text as UTF-8.
        return ("\ufeff" + dataset.export("csv")).encode("utf-8")
    if fmt == "xlsx":
        # XML keeps no CR of its own: Excel's _x000D_ does (read back by read_xlsx).
        return _with_cr_escaped(dataset).export("xlsx")
    if fmt == "json":
        return json.dumps(dataset.dict, ensure_ascii=False, indent=1).encode("utf-8")
    raise ValueError(fmt)


def _with_cr_escaped(dataset: tablib.Dataset) -> tablib.Dataset:
    escaped = tablib.Dataset(headers=dataset.headers)
    for row in dataset:
        escaped.append(cr_escaped(row))
    return escaped


def cr_escaped(row) -> list:
    """An XLSX row's cells with each CR written as Excel's _x000D_ (read back by
    readers.read_xlsx)."""
    return [c.replace("\r", "_x000D_") if isinstance(c, str) else c for c in row]


def error_dataset(*, table: Table, errors) -> tablib.Dataset:
    """The rejected rows as they were in the file, each with row, column and message,
    ready to be fixed and uploaded again (those three columns are ignored on import)."""
    by_row: dict[int, list] = {}
    for error in errors:
        by_row.setdefault(error.row, []).append(error)
    dataset = tablib.Dataset(headers=["row", "column", "message", *table.headers])
    for number, row_cells in table.rows:
        if number in by_row:
            row_errors = by_row[number]
            dataset.append(
                [
                    number,
                    "; ".join(dict.fromkeys(e.column for e in row_errors)),
                    "; ".join(f"{e.column}: {e.message}" for e in row_errors),
                    *[cells.escape_formula(_plain(cell)) for cell in row_cells],
                ]
            )
    return dataset


def _plain(cell):
    return "" if cell is None else cell
