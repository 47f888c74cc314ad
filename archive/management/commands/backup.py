from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from archive.backup import create_backup


class Command(BaseCommand):
    help = "Write the database (XML, natural keys) and the media files to a new folder."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help="Folder to create (default: backups/<date and time>).",
        )

    def handle(self, *args, output: Path | None, **options):
        folder = output or Path(settings.BACKUP_DIR) / timezone.now().strftime("%Y-%m-%d-%H%M%S")
        create_backup(folder=folder)
        self.stdout.write(self.style.SUCCESS(f"Backup written to {folder}"))
