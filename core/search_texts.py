"""The texts site search looks in: every language of a model's search fields, joined
into one text per record. The querysets search them (models.py) and the search indexes
cover the very same expression (search_index.py)."""

import functools

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce

SEPARATOR = "\x1f"  # the unit separator, between the texts search() looks in


class JoinedTexts(models.Func):
    """Texts joined by the unit separator, which no query holds once its spaces are
    normalised, so a match stays inside one text. One flat ``||`` chain: Django's Concat
    nests a pair per text, too deep for SQLite's parser with a dozen texts."""

    arg_joiner = f" || char({ord(SEPARATOR)}) || "
    template = "(%(expressions)s)"
    output_field = models.TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, arg_joiner=f" || chr({ord(SEPARATOR)}) || ", **extra_context
        )


def searched_columns(field_names) -> list[str]:
    """Every language's column of each field, in the order site search joins them."""
    return [
        f"{name}_{code}" for name in field_names for code in settings.MODELTRANSLATION_LANGUAGES
    ]


def searched_texts(field_names) -> JoinedTexts:
    """Every language of each field, joined: what site search looks in."""
    return JoinedTexts(
        *(
            Coalesce(column, models.Value(""), output_field=models.TextField())
            for column in searched_columns(field_names)
        )
    )


class SearchedTexts(models.Expression):
    """``searched_texts()`` of a model's search fields, compiled once per database:
    building and compiling the dozen-column expression anew for every query cost more
    than running the search. The SQL is the expression's own, to the character, so the
    trigram index on it still answers (search_index.py); only the table's name is
    swapped for the alias the query gives it (a subquery's ``U0``)."""

    output_field = models.TextField()

    def __init__(self, model: type[models.Model]):
        super().__init__()
        self.model = model
        self.table_alias = model._meta.db_table

    def resolve_expression(self, query=None, *args, **kwargs):
        clone = self.copy()
        clone.table_alias = query.get_initial_alias()
        return clone

    def relabeled_clone(self, change_map):
        clone = self.copy()
        clone.table_alias = change_map.get(self.table_alias, self.table_alias)
        return clone

    def as_sql(self, compiler, connection):
        sql, params = _compiled_searched_texts(self.model, connection.alias)
        own_table = connection.ops.quote_name(self.model._meta.db_table) + "."
        alias = compiler.quote_name(self.table_alias) + "."
        return sql.replace(own_table, alias), list(params)


@functools.cache
def _compiled_searched_texts(model: type[models.Model], using: str) -> tuple[str, tuple]:
    query = model._base_manager.using(using).alias(texts=searched_texts(model.search_fields))
    sql, params = query.query.get_compiler(using).compile(query.query.annotations["texts"])
    return sql, tuple(params)
