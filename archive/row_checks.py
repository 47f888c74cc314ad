"""Checks of an import plan beyond each cell's own conversion (archive/services.py runs
them): the columns a new record needs, a required text in at least one language, the cells
a file's shape could not read, and the coordinates rounded to the places kept. ``row`` is a
``services.RowPlan`` and ``plan`` an ``ImportPlan``, named here without importing them."""

from django.utils.translation import gettext as _

from archive import cells
from archive.schema import ROUNDED_FIELDS, Schema


def add_shape_problems(row, problems, derived: tuple) -> None:
    """The cells a file's shape could not read (a TimelineJS sheet's month 13), in place of
    what the columns made from them then say (an empty start date)."""
    if not problems:
        return
    row.errors = [error for error in row.errors if error.column not in derived]
    for column, message in problems:
        row.add_error(column, message)


def count_rounded(columns, raw_cells: list, row, rounded: dict[str, int]) -> None:
    """Cells of a rounded field (coordinates) that held more decimal places than kept."""
    for index, column in columns:
        attname = getattr(column.model_field, "attname", None)
        if column.model_field.name not in ROUNDED_FIELDS or row.values.get(attname) is None:
            continue
        if cells.decimal_places(raw_cells[index]) > column.model_field.decimal_places:
            rounded[column.name] = rounded.get(column.name, 0) + 1


def require_columns_for_new_rows(schema: Schema, headers: list[str], plan) -> None:
    missing = [name for name in schema.required_columns if name not in headers]
    if missing and any(row.pk is None for row in plan.rows):
        plan.file_errors.append(
            _("Missing required column: %(columns)s. New records cannot be created without it.")
            % {"columns": ", ".join(missing)}
        )
    for columns in schema.required_in_any_language.values():
        if not set(columns) & set(headers) and any(row.pk is None for row in plan.rows):
            plan.file_errors.append(
                _(
                    "Missing required column: one of %(columns)s. New records cannot be "
                    "created without it in at least one language."
                )
                % {"columns": ", ".join(columns)}
            )


def require_a_language(schema: Schema, headers: list[str], row) -> None:
    """A record needs each of its required texts in at least one language, as the admin
    saves it: a new one in a language the file gives, an existing one unless the file
    empties every language of it (a language the file leaves out, or keeps, stays)."""
    for columns in schema.required_in_any_language.values():
        given = [name for name in columns if name in headers]
        if not given or any(name in row.kept for name in given):
            continue
        if row.pk is not None and len(given) < len(columns):
            continue
        attnames = [schema.columns[name].model_field.attname for name in given]
        if all(row.values.get(attname) in (None, "") for attname in attnames):
            row.add_error(
                ", ".join(given),
                _("Give this in at least one language (%(columns)s).")
                % {"columns": ", ".join(given)},
            )
