import getpass
import hashlib
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, OutputWrapper
from django.template.defaultfilters import pluralize

from archive import exporting, readers, shapes
from archive.applying import apply_plan
from archive.mapping import EmptyCells, Mapping
from archive.services import ImportRefused, plan_import


class Progress:
    """A bar redrawn in place on a terminal; in a pipe or a log, where a redrawn line
    would pile up, one line once the phase is over."""

    WIDTH = 30

    def __init__(self, stream: OutputWrapper, phase: str):
        self.stream, self.phase = stream, phase
        self.on_terminal = stream.isatty()
        self.drawn: tuple[int, int] | None = None  # done, total

    def show(self, done: int, total: int) -> None:
        if self.on_terminal and self.drawn != (done, total):
            filled = self.WIDTH * done // max(total, 1)
            bar = "█" * filled + "·" * (self.WIDTH - filled)
            percent = 100 * done // max(total, 1)
            line = f"\r{self.phase} {bar} {percent:>3}% {done:,}/{total:,}"
            self.stream.write(line, style_func=str, ending="")  # not in the errors' red
            self.stream.flush()
            self.drawn = (done, total)

    def finish(self, total: int) -> None:
        if self.on_terminal:
            self.show(total, total)
            self.stream.write("", style_func=str)
        else:
            self.stream.write(f"{self.phase}: {total:,}/{total:,}", style_func=str)

    def abandon(self) -> None:
        """End a bar cut short, so that the error that cut it starts a line of its own."""
        if self.drawn:
            self.stream.write("", style_func=str)


class Command(BaseCommand):
    help = (
        "Import a CSV, XLSX or JSON file into a model (e.g. heritage.HeritageItem), matched "
        "on its natural key: all rows or none. --dry-run shows what would change."
    )

    def add_arguments(self, parser):
        parser.add_argument("model", help="app.Model, e.g. heritage.HeritageItem")
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report; write nothing."
        )
        parser.add_argument("--map", type=Path, help="mapping.json for files made elsewhere.")
        parser.add_argument(
            "--format", choices=readers.FORMATS, help="Default: from the file name."
        )
        parser.add_argument(
            "--encoding",
            choices=sorted(readers.ENCODING_NAMES),
            help="Read a CSV or JSON file in this encoding. Default: detected, and said.",
        )
        parser.add_argument(
            "--empty-cells",
            choices=EmptyCells.values,
            help=(
                "In a row of a record the archive holds, an empty cell takes away its value "
                "(clear, the default, as in a file exported from here) or keeps it (keep, "
                "for a file that fills in only what it knows). Default: the mapping's, "
                "else clear."
            ),
        )
        parser.add_argument("--user", help="Username recorded in the import ledger.")
        parser.add_argument("--errors", type=Path, help="Write the rejected rows to this CSV file.")

    def handle(self, *args, **options):
        # DEBUG's query log would keep the SQL of every bulk INSERT (about 100 KB each)
        # for the life of this process; an import of a large file has no use for it.
        settings.DEBUG = False
        path: Path = options["file"]
        checking = Progress(self.stderr, "Checking rows")
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from None
        checksum = hashlib.sha256(data).hexdigest()
        try:
            mapping = (
                Mapping.from_json(options["map"].read_text("utf-8")) if options["map"] else None
            )
            if options["empty_cells"]:
                mapping = mapping or Mapping()
                mapping.empty_cells = EmptyCells(options["empty_cells"])
            table = shapes.read_for(
                data,
                name=path.name,
                label=options["model"],
                fmt=options["format"] or "",
                encoding=options["encoding"] or "",
            )
            plan = plan_import(
                label=options["model"], table=table, mapping=mapping, progress=checking.show
            )
            checking.finish(len(plan.rows))
        except (readers.FileError, LookupError) as error:
            checking.abandon()
            raise CommandError(str(error)) from None
        user = self.user(options["user"])
        self.report(plan)
        if not plan.is_valid:
            if options["errors"]:
                source = readers.read(
                    data,
                    name=path.name,
                    fmt=options["format"] or "",
                    encoding=options["encoding"] or "",
                )
                dataset = exporting.error_dataset(table=source, errors=plan.errors)
                options["errors"].write_bytes(exporting.render(dataset, "csv"))
                self.stderr.write(f"The rejected rows are in {options['errors']}.")
            raise CommandError("The file has errors; nothing was imported.")
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing was written.")
            return
        del data  # the file read: room for the records of a large one
        writing = Progress(self.stderr, "Writing rows")
        try:
            record = apply_plan(
                plan=plan,
                user=user,
                file_name=path.name,
                checksum=checksum,
                system_user="" if user else getpass.getuser(),
                progress=writing.show,
            )
        except ImportRefused as error:
            writing.abandon()
            raise CommandError(str(error)) from None
        writing.finish(record.new + record.updated)
        self.stdout.write(self.style.SUCCESS(f"Imported; ledger entry {record.pk}."))

    def user(self, username):
        if not username:
            return None
        try:
            return get_user_model().objects.get_by_natural_key(username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user named {username}.") from None

    @staticmethod
    def per_column(counts: dict[str, int]) -> str:
        return ", ".join(
            f"{column} in {count:,} record{pluralize(count)}" for column, count in counts.items()
        )

    def report(self, plan) -> None:
        counts = plan.counts
        self.stdout.write(
            f"{len(plan.rows):,} rows: {counts['new']:,} new, {counts['update']:,} updated, "
            f"{counts['unchanged']:,} unchanged, {counts['invalid']:,} invalid"
            + (f"; {plan.filtered_out:,} left out by filters" if plan.filtered_out else "")
        )
        if plan.table.encoding:
            doubt = " (not certain: check the text, or choose one with --encoding)"
            self.stdout.write(
                f"Read as {plan.table.encoding_name}"
                + (doubt if plan.table.doubtful_encoding else "")
            )
        if plan.unknown_columns:
            self.stdout.write("Ignored unknown columns: " + ", ".join(plan.unknown_columns))
        if cleared := plan.cleared:
            self.stdout.write(
                "Empty cells take away values the archive holds now: "
                + self.per_column(cleared)
                + " (--empty-cells keep keeps them)"
            )
        if plan.kept:
            self.stdout.write(
                "Empty cells keep values the archive holds: " + self.per_column(plan.kept)
            )
        for message in plan.file_errors:
            self.stderr.write(message)
        for error in plan.errors[:20]:
            self.stderr.write(f"Row {error.row}, column {error.column}: {error.message}")
        if len(plan.errors) > 20:
            self.stderr.write(f"… and {len(plan.errors) - 20:,} more errors.")
