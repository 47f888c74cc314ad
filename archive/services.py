"""Importing spreadsheets into the archive: the plan (what the preview shows).

One path serves the admin and the command line. ``plan_import`` reads nothing but the
table and the database and writes nothing; ``applying.apply_plan`` writes exactly what a
plan says, all or nothing, and records it in the ledger; ``undo.undo_import`` reverses it.
"""

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext as _

from archive import cells, row_checks
from archive.mapping import EmptyCells
from archive.mapping import Mapping as ColumnMapping
from archive.readers import Table
from archive.schema import META_COLUMNS, Column, Deferred, Schema
from archive.slugs import with_slugs_from_names
from core.models import Status
from core.publishing import public_records

CHUNK = 1000
EMPTY = (None, "")

Progress = Callable[[int, int], None]


class ImportRefused(Exception):
    """The plan has errors, or the data changed since it was previewed."""


@dataclass(slots=True)
class RowError:
    row: int
    column: str
    message: str


NOTHING = MappingProxyType({})  # shared by the many rows that have no such entries


@dataclass(slots=True)
class RowPlan:
    """One row of the file. The mappings other than ``values`` stay the shared empty
    NOTHING until a row needs them: a 100,000-row plan must stay small."""

    number: int
    key: tuple
    action: str = "new"  # new, update, unchanged, invalid
    values: dict = field(default_factory=dict)  # attname -> value
    m2m: Mapping = NOTHING  # attribute -> sorted pks
    deferred: Mapping = NOTHING  # attname -> key of a row in this file
    diff: Mapping = NOTHING  # attname or m2m attribute -> (before, after), for display
    kept: Mapping = NOTHING  # column name -> Column whose empty cell keeps the record's value
    errors: tuple | list = ()
    pk: int | None = None

    def add_error(self, column: str, message: str) -> None:
        if not self.errors:
            self.errors = []
        self.errors.append(RowError(self.number, column, message))

    def set(self, part: str, name: str, value) -> None:
        """Set an entry of ``m2m``, ``deferred``, ``diff`` or ``kept``."""
        if getattr(self, part) is NOTHING:
            setattr(self, part, {})
        getattr(self, part)[name] = value


@dataclass
class ImportPlan:
    label: str
    table: Table
    rows: list[RowPlan]
    unknown_columns: list[str]
    file_errors: list[str]
    filtered_out: int = 0
    schema: Schema | None = None
    mapping: ColumnMapping | None = None
    # Column -> how many records an empty cell of the file leaves a value to (with "keep").
    kept: dict[str, int] = field(default_factory=dict)
    slugs_from: str = ""  # the column new rows' slugs were made from, if the file had none
    # Column -> how many of its cells were rounded to the places the archive keeps
    # (coordinates with UNESCO's 8 to 10 decimal places).
    rounded: dict[str, int] = field(default_factory=dict)
    shape: str = ""  # "TimelineJS": read as such a sheet (archive/shapes.py)
    left_out: int = 0  # its rows that are not records (a title slide, era bands)
    shape_warnings: list = field(default_factory=list)  # a bibliography's doubtful values

    @property
    def keeps_values_of_empty_cells(self) -> bool:
        return bool(self.mapping and self.mapping.keeps_values_of_empty_cells)

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def counts(self) -> dict[str, int]:
        return {action: self.count(action) for action in ("new", "update", "unchanged", "invalid")}

    @property
    def cleared(self) -> dict[str, int]:
        """Column -> how many records an empty cell of the file would take a value from."""
        cleared: dict[str, int] = {}
        for row in self.rows:
            if row.action == "update":
                for name, (before, after) in row.diff.items():
                    if before not in EMPTY and after in EMPTY:
                        column = self.schema.column_of(name)
                        cleared[column] = cleared.get(column, 0) + 1
        return dict(sorted(cleared.items()))

    @property
    def errors(self) -> list[RowError]:
        return [error for row in self.rows for error in row.errors]

    @property
    def is_valid(self) -> bool:
        return not self.file_errors and not any(row.errors for row in self.rows)

    @property
    def fingerprint(self) -> str:
        """Identifies what applying the plan would write; confirm compares it."""
        digest = hashlib.sha256()
        for row in self.rows:
            change = [row.number, row.action, list(row.key), sorted(row.diff.items())]
            digest.update(json.dumps(change, cls=DjangoJSONEncoder, default=str).encode())
        return digest.hexdigest()


def plan_import(
    *,
    label: str,
    table: Table,
    mapping: ColumnMapping | None = None,
    progress: Progress | None = None,
    may_publish: bool = True,
) -> ImportPlan:
    """What importing ``table`` would do, row by row, without writing anything.
    Without ``may_publish``, rows that would publish a record or change a published one
    are errors: only publishers change what the public sees."""
    schema = Schema.for_label(label)
    if mapping is None and table.notes.fills_in:
        mapping = ColumnMapping(empty_cells=EmptyCells.KEEP)
    if mapping:
        table = mapping.apply(table)
    table, made_slugs = with_slugs_from_names(schema, table)
    unknown = [h for h in table.headers if h and h not in schema.columns and h not in META_COLUMNS]
    plan = ImportPlan(label, table, [], unknown, [], 0, schema, mapping)
    plan.slugs_from = made_slugs
    if not schema.choose_key(table.headers):
        plan.file_errors.append(
            _("Missing key column: %(columns)s. Every row needs it to be matched.")
            % {"columns": " or ".join((", ".join(schema.key), *schema.alternate_keys))}
        )
        return plan
    columns = [
        (index, schema.columns[header])
        for index, header in enumerate(table.headers)
        if header in schema.columns
    ]
    key_positions = [table.headers.index(name) for name in schema.key]
    existing = _existing_keys(schema)
    first_seen: dict[tuple, RowPlan] = {}
    total = table.total or 0
    done = 0
    # Rows are read one at a time: a plan keeps converted values only.
    for done, (number, cells_of_row) in enumerate(table.rows, start=1):
        key = tuple(
            cells.text(cells.unescape_formula(cells_of_row[i] or "")) for i in key_positions
        )
        row = RowPlan(number=number, key=key, pk=existing.get(key))
        _convert_row(schema, columns, cells_of_row, row, plan.keeps_values_of_empty_cells)
        row_checks.count_rounded(columns, cells_of_row, row, plan.rounded)
        row_checks.require_a_language(schema, table.headers, row)
        row_checks.add_shape_problems(
            row, table.notes.problems.pop(number, ()), table.notes.derived
        )
        if not all(key):
            row.add_error(", ".join(schema.key), _("The key is empty."))
        elif key in first_seen:
            other = first_seen[key]
            message = _("Duplicate key “%(key)s”: rows %(first)s and %(second)s.") % {
                "key": " / ".join(key),
                "first": other.number,
                "second": number,
            }
            row.add_error(", ".join(schema.key), message)
            other.add_error(", ".join(schema.key), message)
        else:
            first_seen[key] = row
        plan.rows.append(row)
        if progress and done % CHUNK == 0:
            progress(done, max(total, done))
    if progress:
        progress(done, done)
    plan.filtered_out = table.filtered_out
    plan.shape, plan.left_out = table.notes.shape, table.notes.left_out
    plan.shape_warnings = table.notes.warnings
    _check_references_within_the_file(schema, plan, first_seen)
    row_checks.require_columns_for_new_rows(schema, table.headers, plan)
    _compare_with_database(schema, plan)
    plan.kept = dict(sorted(plan.kept.items()))
    if not may_publish:
        _refuse_publishing(schema, plan)
    for row in plan.rows:
        if row.errors:
            row.action = "invalid"
    return plan


def _refuse_publishing(schema: Schema, plan: ImportPlan) -> None:
    """Rows that would change what the public sees are errors: a published record (or,
    for records without a status, one a public page shows) changed, or a new one that
    would be."""
    model = schema.model
    public = public_records(model)
    if public is None:
        return
    if hasattr(model, "publish_at"):
        column = "status"
        message = _(
            "Only publishers may publish records or change published ones; "
            "set the status to draft or in review, or ask a publisher to import this."
        )

        def becomes_public(row: RowPlan) -> bool:
            return row.values.get("status") == Status.PUBLISHED

    else:
        column = ", ".join(schema.key)
        message = _(
            "Public pages show this record: only publishers may add or change it; "
            "ask a publisher to import this."
        )

        def becomes_public(row: RowPlan) -> bool:
            values = {name: value for name, value in row.values.items() if name not in row.deferred}
            return model(**values).is_shown_publicly()

    changing = [row for row in plan.rows if row.action in ("new", "update")]
    public_pks: set[int] = set()
    for chunk in _chunks([row.pk for row in changing if row.pk], CHUNK):
        public_pks.update(public.filter(pk__in=chunk).values_list("pk", flat=True))
    for row in changing:
        if row.pk in public_pks or becomes_public(row):
            row.add_error(column, message)


def _check_references_within_the_file(schema: Schema, plan: ImportPlan, rows_by_key) -> None:
    """A reference to a record of the same model that is not in the database must be
    to a row of this file (a dissertation citing itself, say)."""
    for row in plan.rows:
        for attname, key in row.deferred.items():
            if (key,) not in rows_by_key:
                message = _("“%(key)s” was not found.") % {"key": key}
                row.add_error(schema.fk_columns_by_attname[attname].name, message)


def _existing_keys(schema: Schema) -> dict[tuple, int]:
    lookup = schema.key_lookup()
    manager = schema.model._default_manager
    return {
        tuple(str(v) for v in values[:-1]): values[-1]
        for values in manager.values_list(*lookup, "pk")
    }


def _convert_row(
    schema: Schema,
    columns: list[tuple[int, Column]],
    raw_cells: list,
    row: RowPlan,
    keep_values_of_empty_cells: bool,
):
    keeping = keep_values_of_empty_cells and row.pk is not None
    for index, column in columns:
        if keeping and cells.is_empty(raw_cells[index]):
            row.set("kept", column.name, column)
            continue
        try:
            value = schema.convert(column, raw_cells[index])
        except ValueError as error:
            row.add_error(column.name, str(error))
            continue
        if column.is_m2m:
            row.set("m2m", column.attribute, value)
        elif isinstance(value, Deferred):
            row.set("deferred", column.model_field.attname, value.key)
            row.values[column.model_field.attname] = None
        else:
            row.values[column.model_field.attname] = value


def _has_own_clean(model) -> bool:
    return model.clean is not models.Model.clean


def _compare_with_database(schema: Schema, plan: ImportPlan) -> None:
    model = schema.model
    check_clean = _has_own_clean(model)
    updates = [row for row in plan.rows if row.pk is not None and not row.errors]
    by_pk = {row.pk: row for row in updates}
    for chunk in _chunks(list(by_pk), CHUNK):
        current = {obj.pk: obj for obj in model._default_manager.filter(pk__in=chunk)}
        m2m_now = _current_m2m(schema, chunk)
        for pk in chunk:
            row, instance = by_pk[pk], current[pk]
            for attname, key in row.deferred.items():
                before = getattr(instance, attname)
                row.set("diff", attname, (_display(schema, attname, before), key))
            for attname, value in row.values.items():
                if attname in row.deferred:
                    continue
                before = getattr(instance, attname)
                if before != value and not (before in EMPTY and value in EMPTY):
                    change = (_display(schema, attname, before), _display(schema, attname, value))
                    row.set("diff", attname, change)
                    setattr(instance, attname, value)
            for attribute, pks in row.m2m.items():
                before = m2m_now.get((attribute, pk), [])
                if before != pks:
                    change = (
                        _display_m2m(schema, attribute, before),
                        _display_m2m(schema, attribute, pks),
                    )
                    row.set("diff", attribute, change)
            row.action = "update" if row.diff else "unchanged"
            _count_kept(plan, row, instance, m2m_now)
            if check_clean and row.diff:
                _clean(instance, row)
    if check_clean:
        for row in plan.rows:
            if row.pk is None and not row.errors:
                _clean(model(**row.values), row)


def _count_kept(plan: ImportPlan, row: RowPlan, instance, m2m_now: dict) -> None:
    for name, column in row.kept.items():
        if column.is_m2m:
            held = m2m_now.get((column.attribute, row.pk))
        else:
            held = getattr(instance, column.model_field.attname)
        if held not in (*EMPTY, []):
            plan.kept[name] = plan.kept.get(name, 0) + 1
    row.kept = NOTHING  # counted: a large plan need not keep it


def _clean(instance, row: RowPlan) -> None:
    try:
        instance.clean()
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            for message in messages:
                row.add_error(name, message)


def _current_m2m(schema: Schema, pks: list[int]) -> dict[tuple[str, int], list[int]]:
    result: dict[tuple[str, int], list[int]] = {}
    for column in schema.m2m_columns:
        through, source, target = _through(schema.model, column.attribute)
        for source_id, target_id in through.objects.filter(**{f"{source}__in": pks}).values_list(
            source, target
        ):
            result.setdefault((column.attribute, source_id), []).append(target_id)
    for values in result.values():
        values.sort()
    return result


def _through(model, attribute: str):
    m2m_field = model._meta.get_field(attribute)
    through = m2m_field.remote_field.through
    return through, f"{m2m_field.m2m_field_name()}_id", f"{m2m_field.m2m_reverse_field_name()}_id"


def _display(schema: Schema, attname: str, value) -> str:
    if value is None:
        return ""
    column = schema.fk_columns_by_attname.get(attname)
    return schema.key_of(column, value) if column else str(value)


def _display_m2m(schema: Schema, attribute: str, pks: list[int]) -> str:
    column = next(c for c in schema.m2m_columns if c.attribute == attribute)
    return column.separator.join(sorted(schema.key_of(column, pk) for pk in pks))


def _chunks(items: list, size: int) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
