import json

from django.conf import settings
from django.core.management.base import BaseCommand

from caching.pagecache import invalidate_public_pages
from editorial.services import load_source_fixtures
from heritage.services import RegionNames, load_designations, load_photos, read_designation_files
from stories.services import load_stories, read_story_files


class Command(BaseCommand):
    help = (
        "Load every fact of the source documents from fixtures/*.json, then every UNESCO "
        "designation of Kazakhstan from fixtures/designations/, then the photographs in "
        "fixtures/photos/ and the stories in fixtures/stories/. Existing records (matched "
        "by slug) are kept as staff edited them unless --update is given; designations "
        "only fill what an existing record leaves empty."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--update",
            action="store_true",
            help="Overwrite existing records with the values in the documents' fixtures.",
        )

    def handle(self, *args, update: bool, verbosity: int, **options):
        fixtures = settings.BASE_DIR / "fixtures"
        paths = sorted(fixtures.glob("*.json"))
        result = load_source_fixtures(paths=paths, update=update)
        designations = fixtures / "designations"
        regions = json.loads((designations / "regions.json").read_text(encoding="utf-8"))
        files = sorted(path for path in designations.glob("*.json") if path.name != "regions.json")
        loaded = load_designations(
            files=read_designation_files(files), regions=RegionNames(regions["regions"])
        )
        photos = fixtures / "photos"
        pictured = load_photos(
            listing=json.loads((photos / "photos.json").read_text(encoding="utf-8")), folder=photos
        )
        told = load_stories(stories=read_story_files(sorted((fixtures / "stories").glob("*.json"))))
        invalidate_public_pages()
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Source documents: {result.created} created, {result.updated} updated, "
                    f"{result.kept} kept as they were ({len(paths)} files)."
                )
            )
            self.stdout.write(
                self.style.SUCCESS(
                    f"Designations: {loaded.created} created, {loaded.completed} completed, "
                    f"{loaded.unchanged} unchanged ({len(files)} files)."
                )
            )
            self.stdout.write(
                self.style.SUCCESS(
                    f"Photographs: {pictured.added} added, {pictured.kept} kept as they were."
                )
            )
            self.stdout.write(
                self.style.SUCCESS(
                    f"Stories: {told.created} created, {told.kept} kept as they were."
                )
            )
