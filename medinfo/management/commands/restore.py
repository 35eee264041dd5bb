"""manage.py restore DIR: load a backup made by ``manage.py backup`` and check its row counts."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from medinfo.backups import BackupError, restore_backup
from medinfo.cachetags import EVERY_PAGE
from medinfo.cdn import purge_now


class Command(BaseCommand):
    help = (
        "Restore a backup folder into an empty database (pg_restore on PostgreSQL, the SQLite "
        "backup API on SQLite) and unpack its media into MEDIA_ROOT; the restored row counts "
        "must match the backup's manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="A folder written by manage.py backup.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Replace the tables of a database that is not empty (drops them first).",
        )

    def handle(self, *args, directory, database, replace, **options):
        try:
            manifest = restore_backup(directory, alias=database, replace=replace)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"Restored {rows} rows of {len(manifest['counts'])} tables and "
            f"{manifest['media_files']} media files from the backup of {manifest['created_at']}. "
            "Run `manage.py migrate` if this release has newer migrations."
        )
        # The pages Varnish or the CDN keeps show the database before the restore.
        purged, failures = purge_now([EVERY_PAGE])
        for url in purged:
            self.stdout.write(f"Purged every page at {url}.")
        for failure in failures:
            self.stderr.write(f"{failure}. Run `manage.py purge_cdn --all` once it answers.")
