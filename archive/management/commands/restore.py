from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.backup import restore_backup


class Command(BaseCommand):
    help = "Replace everything in the database and media with a backup folder's contents."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask before replacing the data."
        )

    def handle(self, *args, folder: Path, yes: bool, **options):
        if not yes:
            answer = input(f"Replace ALL data in the database with {folder}? Type 'yes': ")
            if answer.strip() != "yes":
                raise CommandError("Nothing was changed.")
        try:
            restore_backup(folder=folder)
        except FileNotFoundError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(f"Restored {folder}"))
