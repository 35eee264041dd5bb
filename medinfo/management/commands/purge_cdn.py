"""manage.py purge_cdn: drop pages from Varnish or the CDN now (after a restore or a release)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from medinfo.cachetags import EVERY_PAGE
from medinfo.cdn import purge_now


class Command(BaseCommand):
    help = (
        "Purge the pages carrying the given surrogate keys, or every page (--all), at each "
        "MEDINFO_CDN_PURGE_URLS endpoint. Run it with --all after deploying a new release."
    )

    def add_arguments(self, parser):
        parser.add_argument("keys", nargs="*", help="Surrogate keys, e.g. home drug:12.")
        parser.add_argument("--all", action="store_true", help="Every page the CDN keeps.")

    def handle(self, *args, keys, **options):
        if options["all"]:
            keys = [*keys, EVERY_PAGE]
        if not keys:
            raise CommandError("Name the keys to purge, or purge every page with --all.")
        if not settings.MEDINFO_CDN_PURGE_URLS:
            self.stdout.write("No purge endpoint is configured (MEDINFO_CDN_PURGE_URLS).")
            return
        purged, failures = purge_now(keys)
        for url in purged:
            self.stdout.write(f"Purged {' '.join(keys)} at {url}")
        if failures:
            raise CommandError("; ".join(failures))
