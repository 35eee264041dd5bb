"""``manage.py refresh_public_names``: rebuild the A–Z names from the live facts."""

from django.core.management.base import BaseCommand

from website.publicnames import refresh_all_public_names


class Command(BaseCommand):
    help = (
        "Rebuild every A–Z name (generic names, brands, conditions and their other names) "
        "from the live articles' approved facts. `migrate` does it after migrations of the "
        "facts; run it after a release that words the names differently."
    )

    def handle(self, *args, **options):
        refresh_all_public_names()
        self.stdout.write("The A–Z names were rebuilt from the live facts.")
