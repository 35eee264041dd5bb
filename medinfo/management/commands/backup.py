"""manage.py backup DIR: the database and the uploaded media, with a manifest of row counts."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from medinfo.backups import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump -Fc on PostgreSQL, the SQLite backup API on SQLite) "
        "and MEDIA_ROOT into a new folder, with manifest.json listing rows per model."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="A new or empty folder, e.g. backups/2027-03-14.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias.")

    def handle(self, *args, directory, database, **options):
        try:
            manifest = create_backup(directory, alias=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"Backed up {rows} rows of {len(manifest['counts'])} tables and "
            f"{manifest['media_files']} media files to {directory}."
        )
