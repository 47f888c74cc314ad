"""Trigram indexes for site search, so that a search reads an index instead of every text
of every record (``PublishableQuerySet.search()`` tests ``icontains`` over all the texts
of a record joined by a separator).

- PostgreSQL: a GIN index (pg_trgm) on the very expression search() filters on;
  ``UPPER(…) LIKE UPPER('%word%')`` reads it as it is.
- SQLite: a contentless FTS5 table with the trigram tokenizer (SQLite 3.34 or newer),
  ``<table>_search``, holding the same joined texts under the record's id and kept up to
  date by triggers on the record's table. For a query of three characters or more that
  it finds in at most ``MAX_CANDIDATES`` records, search() tests only those; a commoner
  query reads the records in the list's order, where the first matches come soon.

Django rebuilds a SQLite table to alter it (``_remake_table``), which drops its
triggers: a migration that alters a searched model's table must run ``AddSearchIndex``
and ``AddSimilarityTable`` for it again afterwards, on SQLite only (they replace the FTS
tables and their triggers); the search tests fail until it does.

Typos (``PublishableQuerySet.similar_to()``): on PostgreSQL an index of their own
(``AddSimilarityIndex``), a GIN index (pg_trgm) on a record's names in every language,
joined, which answers the word-similarity operator ``%>``; on SQLite a second FTS5 table
of the names alone, ``<table>_names`` (``AddSimilarityTable``), names the records whose
names share the query's rarest trigrams, which are then compared with the query
(``sqlite_similar()``). Names alone, so that records whose long texts share the query's
letters do not crowd out a short name that is close to it."""

import re
import sqlite3

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import connections, models
from django.db.migrations.operations.base import Operation
from django.db.models.functions import Cast, Upper

from core.search_texts import JoinedTexts, searched_columns, searched_texts

SQLITE_HAS_TRIGRAMS = sqlite3.sqlite_version_info >= (3, 34)
MAX_CANDIDATES = 500


def sqlite_search_table(db_table: str) -> str:
    return f"{db_table}_search"


def sqlite_names_table(db_table: str) -> str:
    return f"{db_table}_names"


def fts_phrase(query: str) -> str:
    """``query`` as one FTS5 phrase: every character literal, a substring to find."""
    return '"' + query.replace('"', '""') + '"'


def sqlite_candidates(model, query: str, *, using: str) -> list[int] | None:
    """The ids of ``model``'s records whose texts may hold ``query`` (FTS5 folds case
    letter by letter; search() still tests each one), or None: no trigram table, a query
    too short for trigrams or holding a NUL, or more than MAX_CANDIDATES records."""
    if not SQLITE_HAS_TRIGRAMS or len(query) < 3 or "\x00" in query:  # FTS5 stops at a NUL
        return None
    table = sqlite_search_table(model._meta.db_table)
    with connections[using].cursor() as cursor:
        cursor.execute(
            f'SELECT rowid FROM "{table}" WHERE "{table}" MATCH %s LIMIT %s',
            [fts_phrase(query), MAX_CANDIDATES + 1],
        )
        ids = [row[0] for row in cursor.fetchall()]
    return ids if len(ids) <= MAX_CANDIDATES else None


SIMILAR_CANDIDATES = 200
WORD = re.compile(r"[^\W_]+")  # pg_trgm's words: runs of letters and digits


def sqlite_similar(queryset, query: str, *, limit: int, threshold: float) -> list:
    """Up to ``limit`` records of ``queryset`` whose names, in every language, are at
    least ``threshold`` close to ``query`` by ``word_similarity()``, closest first: what
    pg_trgm's ``%>`` finds on PostgreSQL. The candidates are the records whose names
    share most of the query's trigrams, the rarer ones weighing more (FTS5's bm25
    ranking): at most SIMILAR_CANDIDATES of them, which are then compared."""
    # FTS5's table holds every three characters of the raw names, not pg_trgm's padded
    # words (``_trigrams()``), so the candidates are looked up by the raw query's.
    text = query.lower()
    trigrams = sorted({text[i : i + 3] for i in range(len(text) - 2)})
    if not SQLITE_HAS_TRIGRAMS or not trigrams or "\x00" in text:
        return []
    model = queryset.model
    table = sqlite_names_table(model._meta.db_table)
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(
            f'SELECT rowid FROM "{table}" WHERE "{table}" MATCH %s ORDER BY rank LIMIT %s',
            [" OR ".join(map(fts_phrase, trigrams)), SIMILAR_CANDIDATES],
        )
        candidates = [row[0] for row in cursor.fetchall()]
    names = searched_columns((model.search_fields[0],))
    wanted = set(_trigrams(query))
    scored = []
    for record in queryset.filter(pk__in=candidates):
        joined = " ".join(getattr(record, name) or "" for name in names)
        score = _closest_stretch(wanted, _trigrams(joined))
        if score >= threshold:
            scored.append((score, record))
    scored.sort(key=lambda pair: -pair[0])  # stable: equal scores keep the list's order
    return [record for _score, record in scored[:limit]]


def word_similarity(query: str, text: str) -> float:
    """pg_trgm's ``word_similarity(query, text)``, for SQLite: the greatest similarity
    (shared trigrams over all trigrams) between the query's trigrams and those of a
    stretch of ``text``. A word gives the trigrams of itself padded with two spaces
    before and one after, lower-cased ("  ot", " ot", "otl", … "et ")."""
    return _closest_stretch(set(_trigrams(query)), _trigrams(text))


def _closest_stretch(wanted: set[str], sequence: list[str]) -> float:
    hits = [position for position, trigram in enumerate(sequence) if trigram in wanted]
    best = 0.0
    for start in hits:  # the closest stretch starts and ends with a shared trigram
        seen: set[str] = set()
        shared = 0
        for trigram in sequence[start : hits[-1] + 1]:
            if trigram not in seen:
                seen.add(trigram)
                shared += trigram in wanted
            if trigram in wanted:
                best = max(best, shared / (len(wanted) + len(seen) - shared))
    return best


def _trigrams(text: str) -> list[str]:
    trigrams = []
    for word in WORD.findall(text.lower()):
        padded = f"  {word} "
        trigrams += [padded[i : i + 3] for i in range(len(padded) - 2)]
    return trigrams


def search_index(*, field_names: tuple[str, ...], name: str) -> GinIndex:
    # The left-hand side Django writes for icontains on PostgreSQL: UPPER(expr::text).
    expression = Upper(Cast(searched_texts(field_names), models.TextField()))
    return GinIndex(OpClass(expression, name="gin_trgm_ops"), name=name)


def similarity_index(*, field_name: str, name: str) -> GinIndex:
    return GinIndex(OpClass(searched_texts((field_name,)), name="gin_trgm_ops"), name=name)


def _sqlite_texts(columns: list[str], row: str) -> str:
    """The joined texts of ``row`` (``new`` or ``old`` in a trigger), as search() joins them."""
    return JoinedTexts.arg_joiner.join(f"coalesce({row}.\"{c}\", '')" for c in columns)


def sqlite_index_sql(*, db_table: str, table: str, columns: list[str]) -> list[str]:
    new, old = _sqlite_texts(columns, "new"), _sqlite_texts(columns, "old")
    insert = f'INSERT INTO "{table}"(rowid, texts) VALUES (new.id, {new});'
    delete = f'INSERT INTO "{table}"("{table}", rowid, texts) VALUES (\'delete\', old.id, {old});'
    return [
        f"CREATE VIRTUAL TABLE \"{table}\" USING fts5(texts, content='', tokenize='trigram')",
        f'CREATE TRIGGER "{table}_insert" AFTER INSERT ON "{db_table}" BEGIN {insert} END',
        f'CREATE TRIGGER "{table}_delete" AFTER DELETE ON "{db_table}" BEGIN {delete} END',
        f'CREATE TRIGGER "{table}_update" AFTER UPDATE ON "{db_table}" BEGIN {delete} {insert} END',
        f'INSERT INTO "{table}"(rowid, texts) SELECT id, {_sqlite_texts(columns, f'"{db_table}"')} '
        f'FROM "{db_table}"',
    ]


def sqlite_drop_sql(*, table: str) -> list[str]:
    return [
        *(f'DROP TRIGGER IF EXISTS "{table}_{event}"' for event in ("insert", "delete", "update")),
        f'DROP TABLE IF EXISTS "{table}"',
    ]


class AddSearchIndex(Operation):
    """Adds the search index: on PostgreSQL a GIN index (pg_trgm: archive 0001), on
    SQLite an FTS5 table with its triggers. Not in the model's state: Django's indexes
    cannot be limited to one database, nor be a table of their own."""

    reversible = True
    sqlite_table = True  # the FTS5 table and its triggers on SQLite

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

    def postgres_index(self) -> GinIndex | None:
        return search_index(field_names=self.field_names, name=self.name)

    def sqlite_table_name(self, db_table: str) -> str:
        return sqlite_search_table(db_table)

    def _run(self, app_label, schema_editor, state, *, forwards: bool) -> None:
        model = state.apps.get_model(app_label, self.model_name)
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            index = self.postgres_index()
            if index is not None:
                add_or_remove = schema_editor.add_index if forwards else schema_editor.remove_index
                add_or_remove(model, index)
        elif vendor == "sqlite" and SQLITE_HAS_TRIGRAMS and self.sqlite_table:
            db_table = model._meta.db_table
            table = self.sqlite_table_name(db_table)
            statements = sqlite_drop_sql(table=table)
            if forwards:
                columns = searched_columns(self.field_names)
                statements += sqlite_index_sql(db_table=db_table, table=table, columns=columns)
            for statement in statements:
                schema_editor.execute(statement, params=None)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        self._run(app_label, schema_editor, to_state, forwards=True)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        self._run(app_label, schema_editor, from_state, forwards=False)

    def describe(self) -> str:
        return f"Create search index {self.name} on {self.model_name} (PostgreSQL, SQLite)"

    @property
    def migration_name_fragment(self) -> str:
        return f"{self.model_name}_{self.name}"


class AddSimilarityIndex(AddSearchIndex):
    """Adds the typo index on PostgreSQL (``similarity_index``); nothing elsewhere (on
    SQLite ``similar_to()`` reads the table ``AddSimilarityTable`` adds). ``field_names``
    holds the one field it indexes."""

    sqlite_table = False

    def postgres_index(self) -> GinIndex:
        (field_name,) = self.field_names
        return similarity_index(field_name=field_name, name=self.name)

    def describe(self) -> str:
        return f"Create similarity index {self.name} on {self.model_name} (PostgreSQL)"


class AddSimilarityTable(AddSearchIndex):
    """Adds, on SQLite, the FTS5 trigram table of a record's names that ``sqlite_similar()``
    reads (``<table>_names``, with its triggers); nothing on PostgreSQL, whose typo index
    is ``AddSimilarityIndex``'s. Like the search table, it must be added again after a
    migration that rebuilds the record's table on SQLite."""

    def postgres_index(self) -> None:
        return None

    def sqlite_table_name(self, db_table: str) -> str:
        return sqlite_names_table(db_table)

    def describe(self) -> str:
        return f"Create the names' trigram table of {self.model_name} (SQLite)"


class RebuildSqliteSearchTable(AddSearchIndex):
    """The search table and its triggers again, after a migration that rebuilt the
    record's table on SQLite (a rebuild drops the triggers); nothing on PostgreSQL, whose
    index survives. Backwards, the earlier rebuild leaves nothing to undo."""

    def postgres_index(self) -> None:
        return None

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass

    def describe(self) -> str:
        return f"Rebuild the search table of {self.model_name} (SQLite)"


class RebuildSqliteNamesTable(AddSimilarityTable):
    """The names' trigram table again, after a rebuild of the record's table on SQLite."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass

    def describe(self) -> str:
        return f"Rebuild the names' trigram table of {self.model_name} (SQLite)"
