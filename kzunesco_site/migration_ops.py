"""Migration operations Django has no direct form for. What migrations import from here
must not change once they have run: add new functions rather than editing these."""

from django.db import migrations, models


def partial_source_document_index(*, model_name: str, table: str, old_index: str) -> list:
    """Replace the full index of a record's source_document foreign key by a partial one
    that leaves out the records without a source document
    (kzunesco_site.models.SOURCE_DOCUMENT_INDEX).

    The foreign key's own index is dropped by name (Django's, the same on SQLite and
    PostgreSQL): AlterField(db_index=False) would rebuild the whole table on SQLite, and
    the rebuild drops the table's triggers, those that keep the search index up to date."""
    field = models.ForeignKey(
        blank=True,
        db_index=False,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        to="publications.publication",
        verbose_name="source document",
    )
    return [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(model_name=model_name, name="source_document", field=field)
            ],
            database_operations=[
                migrations.RunSQL(
                    sql=f'DROP INDEX IF EXISTS "{old_index}"',
                    reverse_sql=f'CREATE INDEX "{old_index}" ON "{table}" ("source_document_id")',
                )
            ],
        ),
        migrations.AddIndex(
            model_name=model_name,
            index=models.Index(
                condition=models.Q(source_document__isnull=False),
                fields=["source_document"],
                name=f"{table}_src",
            ),
        ),
    ]
