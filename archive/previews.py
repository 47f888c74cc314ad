"""What the job page shows of an import's plan, kept with the job as JSON: the counts,
the first changes and errors, and the fingerprint a confirmation must match. A plan of
100,000 rows is checked once, by the worker; the page reads this."""

from types import SimpleNamespace

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from archive.services import ImportPlan

SHOWN_ROWS = 200


def summary(plan: ImportPlan) -> dict:
    changed = [row for row in plan.rows if row.action in ("new", "update")]
    errors = plan.errors
    table = plan.table
    return {
        "fingerprint": plan.fingerprint,
        "is_valid": plan.is_valid,
        "counts": plan.counts,
        "filtered_out": plan.filtered_out,
        "unknown_columns": plan.unknown_columns,
        "file_errors": plan.file_errors,
        "cleared": plan.cleared,
        "kept": plan.kept,
        "rounded": plan.rounded,
        "shape": plan.shape,
        "left_out": plan.left_out,
        "shape_warnings": plan.shape_warnings[:SHOWN_ROWS],
        "more_shape_warnings": max(len(plan.shape_warnings) - SHOWN_ROWS, 0),
        "keeps_values_of_empty_cells": plan.keeps_values_of_empty_cells,
        "slugs_from": plan.slugs_from,
        "encoding": table.encoding_name if table.encoding else "",
        "doubtful_encoding": bool(table.encoding and table.doubtful_encoding),
        "changed_rows": [
            {
                "number": row.number,
                "key": list(row.key),
                "action": row.action,
                "diff": [[name, before, after] for name, (before, after) in row.diff.items()],
            }
            for row in changed[:SHOWN_ROWS]
        ],
        "more_changed": max(len(changed) - SHOWN_ROWS, 0),
        "errors": [
            {"row": e.row, "column": e.column, "message": e.message} for e in errors[:SHOWN_ROWS]
        ],
        "more_errors": max(len(errors) - SHOWN_ROWS, 0),
    }


def shown(preview: dict | None) -> SimpleNamespace | None:
    """The summary with attribute access, as the template and the tests read it."""
    if preview is None:
        return None
    return SimpleNamespace(
        **{  # a preview kept before these
            "rounded": {},
            "shape": "",
            "left_out": 0,
            "shape_warnings": [],
            "more_shape_warnings": 0,
            **preview,
        },
        changed=[SimpleNamespace(**row) for row in preview["changed_rows"]],
        shown_errors=[SimpleNamespace(**error) for error in preview["errors"]],
        has_changes=bool(preview["counts"]["new"] or preview["counts"]["update"]),
    )


def imported_message(record) -> str:
    """The message after an import, each count with its noun in the number it agrees
    with: "Imported: 1 new record, 2 updated records, 5 unchanged records." """
    return _("Imported: %(new)s, %(updated)s, %(unchanged)s.") % {
        "new": ngettext("%(count)s new record", "%(count)s new records", record.new)
        % {"count": record.new},
        "updated": ngettext("%(count)s updated record", "%(count)s updated records", record.updated)
        % {"count": record.updated},
        "unchanged": ngettext(
            "%(count)s unchanged record", "%(count)s unchanged records", record.unchanged
        )
        % {"count": record.unchanged},
    }
