from django.core.management.base import BaseCommand

from core.city_data import DEFAULT_CITY_FILE, load_city_data


class Command(BaseCommand):
    help = "Load districts, metro lines and stations from a city JSON file (upsert by code)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEFAULT_CITY_FILE))

    def handle(self, *args, path, **options):
        counts = load_city_data(path)
        self.stdout.write(
            self.style.SUCCESS(
                "Loaded {districts} districts, {lines} metro lines and {stations} stations.".format(**counts)
            )
        )
