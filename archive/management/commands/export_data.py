from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive import exporting, readers
from archive.registry import resource_for


class Command(BaseCommand):
    help = "Export a model (e.g. heritage.HeritageItem) to CSV, XLSX or JSON: a valid import file."

    def add_arguments(self, parser):
        parser.add_argument("model")
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--format", choices=readers.FORMATS, help="Default: from the file name."
        )
        parser.add_argument(
            "--published-only",
            action="store_true",
            help="Leave out drafts and other unpublished records.",
        )

    def handle(self, *args, **options):
        path: Path = options["file"]
        try:
            fmt = readers.detect_format(path.name, options["format"] or "")
            model = resource_for(options["model"])._meta.model
        except (readers.FileError, LookupError) as error:
            raise CommandError(str(error)) from None
        queryset = model._default_manager.all()
        published_only = options["published_only"]
        if published_only and hasattr(queryset, "published"):
            queryset = queryset.published()
        dataset = exporting.export_dataset(
            label=model._meta.label, queryset=queryset, published_only=published_only
        )
        path.write_bytes(exporting.render(dataset, fmt))
        self.stdout.write(f"{len(dataset):,} records written to {path}.")
