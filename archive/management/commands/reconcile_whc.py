import getpass
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from archive import readers
from archive.applying import apply_plan
from archive.reconcile import LABEL, as_import, checksum, reconcile
from archive.services import plan_import


class Command(BaseCommand):
    help = (
        "Compare the archive's World Heritage properties with UNESCO's export of the World "
        "Heritage List (CSV or XLSX from whc.unesco.org) for a country: what UNESCO lists "
        "that the archive lacks, what differs, and what UNESCO no longer lists. --apply "
        "brings the new properties (as drafts) and the differences in as an import, "
        "recorded in the ledger and undoable."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--country", default="kz", help="ISO code or name (default kz).")
        parser.add_argument("--apply", action="store_true", help="Import the differences.")

    def handle(self, *args, file: Path, country: str, apply: bool, **options):
        settings.DEBUG = False
        try:
            data = file.read_bytes()
            result = reconcile(table=readers.read(data, name=file.name), country=country)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from None
        except readers.FileError as error:
            raise CommandError(str(error)) from None
        self.report(result)
        if not apply or result.in_agreement:
            return
        table, mapping = as_import(result)
        plan = plan_import(label=LABEL, table=table, mapping=mapping)
        if not plan.is_valid:
            for error in plan.errors:
                self.stderr.write(f"{error.column}: {error.message}")
            raise CommandError("The differences could not be imported; nothing was written.")
        record = apply_plan(
            plan=plan, file_name=file.name, checksum=checksum(data), system_user=getpass.getuser()
        )
        self.stdout.write(
            self.style.SUCCESS(f"Applied as an import; ledger entry {record.pk} (undoable).")
        )

    def report(self, result) -> None:
        write = self.stdout.write
        if result.in_agreement:
            write(f"The archive agrees with UNESCO's list for {result.country}.")
            return
        for entry in result.missing:
            write(f"Missing: {entry.id_no} {entry.values['name_en']} (row {entry.row})")
        for difference in result.differences:
            write(
                f"Differs: {difference.item.unesco_reference} {difference.item.slug} "
                f"{difference.field}: archive {difference.archive!r}, UNESCO {difference.unesco!r}"
            )
        for item, in_danger in result.danger:
            state = "on" if in_danger else "not on"
            write(
                f"Danger list: {item.unesco_reference} {item.slug} is {state} the List in "
                "Danger at UNESCO (record it as a step)"
            )
        for item in result.gone:
            write(f"No longer listed: {item.unesco_reference} {item.slug}")
