"""The source documents' data, loaded once per test process and copied in after that.

``load_documents`` saves each of its ~190 records one by one, with revisions, links and
natural-key look-ups: a second or more a test. The first test of a process that asks for
the data loads it so and keeps a copy of every row it wrote (records, links, revisions);
the tests after it get the same rows written back in a few bulk inserts, inside their own
transaction as before."""

from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import IntegrityError, connection, transaction

DOCUMENT_APPS = ("publications", "heritage", "timeline", "stories")

_rows: dict = {}  # model -> list of rows as stored (attname order of concrete_fields)


def _models():
    return [
        model
        for label in DOCUMENT_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    ]


def _empty() -> bool:
    return not any(model._base_manager.exists() for model in _models())


def load() -> None:
    """What ``manage.py load_documents`` leaves in an empty database."""
    if not _empty():  # a test made records first: load them the ordinary way
        call_command("load_documents", verbosity=0)
        return
    if not _rows:
        call_command("load_documents", verbosity=0)
        for model in _models():
            attnames = [field.attname for field in _stored(model)]
            rows = list(model._base_manager.order_by("pk").values_list(*attnames))
            if rows:
                _rows[model] = rows
        return
    try:
        with transaction.atomic():
            _write_back()
    except IntegrityError:  # a database that checks a constraint at once: the ordinary way
        call_command("load_documents", verbosity=0)


def _write_back() -> None:
    # Records before the link tables that refer to them; the rows exactly as stored,
    # timestamps included, in one prepared INSERT a table (the ORM's per-value work for
    # thousands of values would cost more than the database's).
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in sorted(_rows, key=lambda model: model._meta.auto_created is not False):
            fields = _stored(model)
            columns = ", ".join(quote(field.column) for field in fields)
            marks = ", ".join(["%s"] * len(fields))
            rows = [
                [
                    field.get_db_prep_save(value, connection)
                    for field, value in zip(fields, row, strict=True)
                ]
                for row in _rows[model]
            ]
            cursor.executemany(
                f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})", rows
            )
        for statement in connection.ops.sequence_reset_sql(no_style(), list(_rows)):
            cursor.execute(statement)  # PostgreSQL's sequences past the copied ids


def _stored(model) -> list:
    """The columns an INSERT writes: not those the database computes (GeneratedField)."""
    return [field for field in model._meta.concrete_fields if not field.generated]
