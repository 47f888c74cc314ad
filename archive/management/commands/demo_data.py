from django.core.management.base import BaseCommand

from archive.demo import generate_demo_data


class Command(BaseCommand):
    help = (
        "Replace the generated demonstration records (slugs starting with demo-) by the "
        "given number of heritage items, with events and publications in proportion; "
        "0 removes them. The documents' records are never touched."
    )

    def add_arguments(self, parser):
        parser.add_argument("--heritage-items", type=int, default=10_000)

    def handle(self, *args, heritage_items: int, **options):
        counts = generate_demo_data(heritage_items=max(0, heritage_items))
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data: {counts.heritage_items} heritage items, {counts.events} events, "
                f"{counts.publications} publications (slugs start with demo-)."
            )
        )
