"""Load the demo content: drugs, conditions, users, and articles and site pages published
through the workflow."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from demo import loader
from demo.ads import load_demo_ads
from demo.sitepages import load_site_pages


def credentials_file():
    """One passwords file per database, so loading the demo elsewhere never mixes them up."""
    name = Path(str(settings.DATABASES["default"]["NAME"])).stem
    return settings.VAR_DIR / f"demo-credentials-{name}.json"


class Command(BaseCommand):
    help = "Load the demo content. Idempotent: a second run changes nothing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--print-passwords", action="store_true", help="Print the demo users' passwords."
        )

    def handle(self, *args, print_passwords=False, **options):
        # Demo submissions must not e-mail the made-up addresses of the demo users.
        quiet_mail = override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
        with quiet_mail, transaction.atomic():
            credentials = read_credentials()
            users = loader.ensure_users(credentials)
            write_credentials(credentials)
            loader.load_structured_data()
            created = loader.load_articles(users)
            load_site_pages(users)
            campaigns = load_demo_ads()
        self.stdout.write(
            f"Demo content ready ({created} articles and {campaigns} ad campaigns added)."
        )
        if print_passwords:
            self.print_credentials()

    def print_credentials(self):
        credentials = read_credentials()
        self.stdout.write("\nDemo users (log in at http://127.0.0.1:8000/admin/):")
        for username in loader.usernames():
            password = credentials.get(
                username, "(set earlier; reset with manage.py changepassword)"
            )
            self.stdout.write(f"  {username:<10} {password}")


def read_credentials():
    try:
        return json.loads(credentials_file().read_text())
    except (FileNotFoundError, ValueError):
        return {}


def write_credentials(credentials):
    path = credentials_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(credentials, indent=2))
    path.chmod(0o600)
