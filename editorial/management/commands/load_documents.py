from django.conf import settings
from django.core.management.base import BaseCommand

from editorial.services import load_source_fixtures


class Command(BaseCommand):
    help = (
        "Load every fact of the source documents from fixtures/*.json. Existing records "
        "(matched by slug) are kept as staff edited them unless --update is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--update",
            action="store_true",
            help="Overwrite existing records with the values in the fixtures.",
        )

    def handle(self, *args, update: bool, verbosity: int, **options):
        paths = sorted((settings.BASE_DIR / "fixtures").glob("*.json"))
        result = load_source_fixtures(paths=paths, update=update)
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Source documents: {result.created} created, {result.updated} updated, "
                    f"{result.kept} kept as they were ({len(paths)} files)."
                )
            )
