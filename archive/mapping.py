"""Column mappings for spreadsheets made elsewhere, in the mapping.json format:

    {"columns": {"Name of the property": "name_en", "Date": "year_inscribed", "id_no": null},
     "filters": [{"column": "States", "contains": "Kazakhstan", "separator": ","}],
     "empty_cells": "keep"}

A column mapped to null is ignored. A filter keeps only the rows whose cell (split on
its separator, for multi-valued cells) contains, or equals, the given value. Empty cells
"clear" (the default) the value a record holds, as an exported file re-imported does;
with "keep" they leave it as it is: for a file that fills in only what it knows.
"""

import json
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from archive.readers import FileError, Table
from archive.schema import cells


@dataclass
class RowFilter:
    column: str
    value: str
    match: str = "contains"  # or "equals"
    separator: str = ","

    def keeps(self, cell) -> bool:
        if cells.is_empty(cell):
            return False
        parts = [part.strip().lower() for part in cells.text(cell).split(self.separator)]
        wanted = self.value.strip().lower()
        if self.match == "equals":
            return wanted in parts
        return any(wanted in part for part in parts)


class EmptyCells(models.TextChoices):
    CLEAR = "clear", gettext_lazy("take away the value the archive holds")
    KEEP = "keep", gettext_lazy("keep the value the archive holds")


@dataclass
class Mapping:
    columns: dict[str, str | None] = field(default_factory=dict)
    filters: list[RowFilter] = field(default_factory=list)
    empty_cells: EmptyCells = EmptyCells.CLEAR

    @property
    def keeps_values_of_empty_cells(self) -> bool:
        return self.empty_cells == EmptyCells.KEEP

    @classmethod
    def from_dict(cls, data: dict) -> "Mapping":
        if not isinstance(data, dict) or not isinstance(data.get("columns", {}), dict):
            raise FileError(_('A mapping is {"columns": {"source header": "field", …}}.'))
        filters = []
        for item in data.get("filters", []):
            try:
                match = "equals" if "equals" in item else "contains"
                filters.append(
                    RowFilter(
                        column=item["column"],
                        value=str(item[match]),
                        match=match,
                        separator=item.get("separator", ","),
                    )
                )
            except (KeyError, TypeError):
                raise FileError(
                    _(
                        'A filter is {"column": "…", "contains": "…"} '
                        'or {"column": "…", "equals": "…"}.'
                    )
                ) from None
        empty_cells = data.get("empty_cells", EmptyCells.CLEAR)
        if empty_cells not in EmptyCells.values:
            raise FileError(
                _('"empty_cells" is "clear" or "keep", not “%(value)s”.') % {"value": empty_cells}
            )
        return cls(
            columns=dict(data.get("columns", {})),
            filters=filters,
            empty_cells=EmptyCells(empty_cells),
        )

    @classmethod
    def from_json(cls, text: str) -> "Mapping":
        try:
            return cls.from_dict(json.loads(text))
        except json.JSONDecodeError as error:
            raise FileError(
                _("The mapping is not valid JSON: %(error)s") % {"error": error}
            ) from None

    def to_dict(self) -> dict:
        return {
            "columns": self.columns,
            "filters": [
                {"column": f.column, f.match: f.value, "separator": f.separator}
                for f in self.filters
            ],
            "empty_cells": str(self.empty_cells),
        }

    def apply(self, table: Table) -> Table:
        """The table with headers renamed, ignored columns dropped and rows filtered
        (lazily: the returned table counts in ``filtered_out`` what it leaves out)."""
        for row_filter in self.filters:
            if row_filter.column not in table.headers:
                raise FileError(
                    _("The filter's column “%(column)s” is not in the file.")
                    % {"column": row_filter.column}
                )
        positions = {header: index for index, header in enumerate(table.headers)}
        keep = [
            (index, self.columns.get(header, header))
            for index, header in enumerate(table.headers)
            if not (header in self.columns and self.columns[header] in (None, ""))
        ]
        mapped = Table(
            [target for _index, target in keep],
            iter(()),
            table.format,
            table.total,
            encoding=table.encoding,
            doubtful_encoding=table.doubtful_encoding,
            notes=table.notes,
        )

        def rows():
            for number, row in table.rows:
                if all(f.keeps(row[positions[f.column]]) for f in self.filters):
                    yield number, [row[index] for index, _target in keep]
                else:
                    mapped.filtered_out += 1

        mapped.rows = rows()
        return mapped
