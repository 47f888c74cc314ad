"""A file without a slug column (a partner's list, a timeline sheet) still creates
records: each row gets a slug made from its name, in English, Russian or Kazakh, unique
among the records and the file's other rows; the preview shows them as the rows' keys."""

from archive.readers import Table
from core.slugs import slug_from

NAME_COLUMNS = tuple(
    f"{field}_{code}" for field in ("name", "title") for code in ("en", "ru", "kk")
)


def with_slugs_from_names(schema, table: Table) -> tuple[Table, str]:
    """The table with a slug column made from its names, and which columns they came
    from; unchanged ("") when it has a key column or no name."""
    headers = table.headers
    if schema.key != ("slug",) or "slug" in headers:
        return table, ""
    if any(name in headers for name in schema.alternate_keys):
        return table, ""
    names = [column for column in NAME_COLUMNS if column in headers]
    if not names:
        return table, ""
    positions = [headers.index(column) for column in names]
    taken = set(schema.model._default_manager.values_list("slug", flat=True))
    rows = table.rows

    def with_slugs():
        for number, cells in rows:
            filled = (str(cells[i]).strip() for i in positions if cells[i] is not None)
            name = next((text for text in filled if text), "")
            yield number, [*cells, slug_from(name, taken=taken) if name else ""]

    # In place: the mapping's row filters count what they leave out on this object.
    table.headers = [*headers, "slug"]
    table.rows = with_slugs()
    return table, ", ".join(names)
