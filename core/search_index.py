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
of the names alone, ``<table>_names`` (``AddSimilarityTable``), each word padded as
pg_trgm pads it, counts for every record how many of the query's trigrams its names hold,
which bounds how close it can be; the likeliest are then compared with the query
(``sqlite_similar()``). Names alone, so that records whose long texts share the query's
letters do not crowd out a short name that is close to it."""

import math
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


WORD = re.compile(r"[^\W_]+")  # pg_trgm's words: runs of letters and digits
# Characters that part the words of a name, made spaces in the names' trigram table so
# that it holds pg_trgm's word-edge trigrams too ("  o", " ot", "et "): besides spaces,
# the punctuation names are written with. No more: SQLite's parser nests 25 calls at most.
WORD_BREAKS = "\n,.;:!?()-/\"'«»“”’–—"
SCORED_AT_MOST = 2000  # records compared with the query, the likeliest first
BATCH = 500


def sqlite_similar(queryset, query: str, *, limit: int, threshold: float) -> list:
    """Up to ``limit`` records of ``queryset`` whose names, in every language, are at
    least ``threshold`` close to ``query`` by ``word_similarity()``, closest first: what
    pg_trgm's ``%>`` finds on PostgreSQL.

    Every record of the archive is weighed: a record can be that close only if its names
    hold at least ``threshold`` of the query's trigrams (the similarity is shared
    trigrams over at least all the query's), which the names' table counts for every
    record in one query. The records are then compared, those holding the most first,
    until no record left could come closer than the ``limit`` found (the count bounds
    the similarity), or SCORED_AT_MOST have been compared: only when so many records are
    that alike (generated ones), which of the equally close is given may differ from
    PostgreSQL's, whose order among them is arbitrary too."""
    wanted = set(_trigrams(query))
    if not SQLITE_HAS_TRIGRAMS or not wanted or "\x00" in query:
        return []
    counted = _trigram_counts(
        queryset, sorted(wanted), needed=math.ceil(threshold * len(wanted) - 1e-9)
    )
    names = searched_columns((queryset.model.search_fields[0],))
    scores: dict[int, float] = {}
    floor = threshold
    for start in range(0, len(counted), BATCH):
        batch = counted[start : start + BATCH]
        if batch[0][1] / len(wanted) < floor:
            break  # the closest any record left could be
        for pk, *texts in queryset.filter(pk__in=[pk for pk, _count in batch]).values_list(
            "pk", *names
        ):
            score = _closest_stretch(wanted, _trigrams(" ".join(filter(None, texts))))
            if score >= threshold:
                scores[pk] = score
        if len(scores) >= limit:
            floor = sorted(scores.values(), reverse=True)[limit - 1]
    chosen = [pk for pk, score in scores.items() if score >= floor]
    records = list(queryset.filter(pk__in=chosen)) if chosen else []
    records.sort(key=lambda record: -scores[record.pk])  # stable: ties keep the list's order
    return records[:limit]


def _trigram_counts(queryset, trigrams: list[str], *, needed: int) -> list[tuple[int, int]]:
    """(id, how many of ``trigrams`` its names hold) of every record holding ``needed``
    of them at least, most first; one FTS5 lookup per trigram, counted in SQLite."""
    table = sqlite_names_table(queryset.model._meta.db_table)
    lookups = " UNION ALL ".join(
        f'SELECT rowid FROM "{table}" WHERE "{table}" MATCH %s' for _trigram in trigrams
    )
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(
            f"SELECT rowid, count(*) AS held FROM ({lookups}) GROUP BY rowid "
            "HAVING held >= %s ORDER BY held DESC, rowid LIMIT %s",
            [*map(fts_phrase, trigrams), max(needed, 1), SCORED_AT_MOST],
        )
        return cursor.fetchall()


def word_similarity(query: str, text: str) -> float:
    """pg_trgm's ``word_similarity(query, text)``, for SQLite: the greatest similarity
    (shared trigrams over all trigrams) between the query's trigrams and those of a
    stretch of ``text``. A word gives the trigrams of itself padded with two spaces
    before and one after, lower-cased ("  ot", " ot", "otl", … "et ")."""
    return _closest_stretch(set(_trigrams(query)), _trigrams(text))


def _closest_stretch(wanted: set[str], sequence: list[str]) -> float:
    shared_at = [trigram in wanted for trigram in sequence]
    hits = [position for position, is_shared in enumerate(shared_at) if is_shared]
    # How many of the wanted trigrams each start's stretch could share at most: a start
    # that cannot beat the best so far, nor can any later one.
    reachable, distinct = [], set()
    for position in reversed(hits):
        distinct.add(sequence[position])
        reachable.append(len(distinct))
    reachable.reverse()
    best = 0.0
    for start, most in zip(hits, reachable, strict=True):
        if most / len(wanted) <= best:
            break
        seen: set[str] = set()
        shared = 0
        for position in range(start, hits[-1] + 1):  # it starts and ends on a shared one
            trigram = sequence[position]
            if trigram not in seen:
                seen.add(trigram)
                shared += shared_at[position]
            if shared_at[position]:
                best = max(best, shared / (len(wanted) + len(seen) - shared))
            elif len(wanted) / (len(wanted) + len(seen) - shared) <= best:
                break  # too many unshared ones already, even if it went on to share all
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


def _sqlite_padded_words(columns: list[str], row: str) -> str:
    """The texts of ``row`` with every word between two spaces before and one after, as
    pg_trgm pads words: the names' table then holds every trigram ``_trigrams()`` makes."""
    texts = " || ' ' || ".join(f"coalesce({row}.\"{c}\", '')" for c in columns)
    for character in WORD_BREAKS:
        texts = f"replace({texts}, char({ord(character)}), ' ')"
    return f"'  ' || replace({texts}, ' ', '  ') || ' '"


def sqlite_index_sql(
    *, db_table: str, table: str, columns: list[str], padded_words: bool = False
) -> list[str]:
    texts = _sqlite_padded_words if padded_words else _sqlite_texts
    new, old = texts(columns, "new"), texts(columns, "old")
    insert = f'INSERT INTO "{table}"(rowid, texts) VALUES (new.id, {new});'
    delete = f'INSERT INTO "{table}"("{table}", rowid, texts) VALUES (\'delete\', old.id, {old});'
    return [
        f"CREATE VIRTUAL TABLE \"{table}\" USING fts5(texts, content='', tokenize='trigram')",
        f'CREATE TRIGGER "{table}_insert" AFTER INSERT ON "{db_table}" BEGIN {insert} END',
        f'CREATE TRIGGER "{table}_delete" AFTER DELETE ON "{db_table}" BEGIN {delete} END',
        f'CREATE TRIGGER "{table}_update" AFTER UPDATE ON "{db_table}" BEGIN {delete} {insert} END',
        f'INSERT INTO "{table}"(rowid, texts) SELECT id, {texts(columns, f'"{db_table}"')} '
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
    padded_words = False  # the texts as search() joins them

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
                statements += sqlite_index_sql(
                    db_table=db_table, table=table, columns=columns, padded_words=self.padded_words
                )
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

    padded_words = True  # every word padded as pg_trgm pads it (sqlite_similar())

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
