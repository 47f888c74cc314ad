"""A PostgreSQL index for site search: a trigram GIN index on the very expression
``PublishableQuerySet.search()`` filters on, so ``icontains`` (``UPPER(…) LIKE
UPPER('%word%')``) reads the index instead of every text of every record. Other
databases get nothing: SQLite tests each record (``kzunesco_site/sqlite.py``)."""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.migrations.operations.base import Operation
from django.db.models.functions import Cast, Upper

from .models import searched_texts


def search_index(*, field_names: tuple[str, ...], name: str) -> GinIndex:
    # The left-hand side Django writes for icontains on PostgreSQL: UPPER(expr::text).
    expression = Upper(Cast(searched_texts(field_names), models.TextField()))
    return GinIndex(OpClass(expression, name="gin_trgm_ops"), name=name)


class AddSearchIndex(Operation):
    """Adds the search index on PostgreSQL (pg_trgm: kzunesco_site 0003); a no-op elsewhere.
    Not in the model's state: Django's indexes cannot be limited to one database."""

    reversible = True

    def __init__(self, model_name: str, field_names: tuple[str, ...], name: str):
        self.model_name = model_name
        self.field_names = tuple(field_names)
        self.name = name

    def deconstruct(self):
        return (
            self.__class__.__qualname__,
            [],
            {"model_name": self.model_name, "field_names": self.field_names, "name": self.name},
        )

    def state_forwards(self, app_label, state):
        pass

    def _run(self, app_label, schema_editor, state, method: str) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        model = state.apps.get_model(app_label, self.model_name)
        index = search_index(field_names=self.field_names, name=self.name)
        getattr(schema_editor, method)(model, index)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        self._run(app_label, schema_editor, to_state, "add_index")

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        self._run(app_label, schema_editor, from_state, "remove_index")

    def describe(self) -> str:
        return f"Create search index {self.name} on {self.model_name} (PostgreSQL only)"

    @property
    def migration_name_fragment(self) -> str:
        return f"{self.model_name}_{self.name}"
