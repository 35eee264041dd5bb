"""Whole-site backups: the database and the uploaded media, with a manifest to check them by.

A backup is a folder holding ``database.dump`` (PostgreSQL, ``pg_dump -Fc``) or
``database.sqlite3`` (SQLite's online backup API), ``media.tar.gz`` (MEDIA_ROOT)
and ``manifest.json`` (row counts per model and a SHA-256 of each file). Used by
``manage.py backup`` and ``manage.py restore``.
"""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess  # runs pg_dump and pg_restore  # nosec B404
import tarfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.db import connections

MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar.gz"
DATABASE_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """A backup or restore that cannot go ahead, with the reason for the operator."""


def model_counts(alias):
    """{"app_label.Model": rows} for every table of an installed model in database ``alias``."""
    tables = set(connections[alias].introspection.table_names())
    return {
        model._meta.label: model._base_manager.using(alias).count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and model._meta.db_table in tables
    }


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def database_file(vendor):
    if vendor not in DATABASE_FILES:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {vendor}.")
    return DATABASE_FILES[vendor]


def postgres_environment(settings_dict):
    """libpq variables for pg_dump and pg_restore, so no password shows in the process list."""
    env = {**os.environ, "PGDATABASE": settings_dict["NAME"]}
    for variable, key in [("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"),
                          ("PGPASSWORD", "PASSWORD")]:  # fmt: skip
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    if settings_dict.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = settings_dict["OPTIONS"]["sslmode"]
    return env


def run_postgres_tool(tool, arguments, settings_dict):
    executable = shutil.which(tool)
    if executable is None:
        raise ImproperlyConfigured(
            f"{tool} is not installed (Debian: apt-get install postgresql-client)."
        )
    # A fixed tool found on PATH, with arguments built here; the password goes in the environment.
    result = subprocess.run(  # noqa: S603  # nosec B603
        [executable, *arguments],
        env=postgres_environment(settings_dict),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BackupError(f"{tool} failed: {result.stderr.strip()}")


def dump_database(alias, path):
    connection = connections[alias]
    if connection.vendor == "postgresql":
        run_postgres_tool(
            "pg_dump", ["--format=custom", f"--file={path}"], connection.settings_dict
        )
    else:
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()


def load_database(alias, path, *, replace):
    connection = connections[alias]
    if connection.vendor == "postgresql":
        connection.close()
        arguments = ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error"]
        if replace:
            arguments += ["--clean", "--if-exists"]
        run_postgres_tool(
            "pg_restore",
            [*arguments, f"--dbname={connection.settings_dict['NAME']}", str(path)],
            connection.settings_dict,
        )
    else:
        connection.ensure_connection()
        source = sqlite3.connect(path)
        try:
            source.backup(connection.connection)
        finally:
            source.close()


def archive_media(path):
    """MEDIA_ROOT as a gzipped tar; returns how many files it holds."""
    media_root = Path(settings.MEDIA_ROOT)
    count = 0
    with tarfile.open(path, "w:gz") as archive:
        if media_root.is_dir():
            for file in sorted(media_root.rglob("*")):
                if file.is_file():
                    archive.add(file, arcname=str(file.relative_to(media_root)))
                    count += 1
    return count


def extract_media(path):
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(path, "r:gz") as archive:
        # The "data" filter refuses absolute paths, "..", links out of the folder and devices.
        archive.extractall(media_root, filter="data")


def create_backup(directory, *, alias="default"):
    """Write a backup of database ``alias`` and MEDIA_ROOT into ``directory``; return the manifest."""
    directory = Path(directory)
    if (directory / MANIFEST).exists():
        raise BackupError(f"{directory} already holds a backup; choose a new folder.")
    directory.mkdir(parents=True, exist_ok=True)
    vendor = connections[alias].vendor
    name = database_file(vendor)
    dump_database(alias, directory / name)
    media_files = archive_media(directory / MEDIA_ARCHIVE)
    manifest = {
        "format": 1,
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "database": vendor,
        "media_files": media_files,
        "counts": model_counts(alias),
        "sha256": {file: sha256(directory / file) for file in (name, MEDIA_ARCHIVE)},
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return manifest


def read_manifest(directory):
    directory = Path(directory)
    try:
        manifest = json.loads((directory / MANIFEST).read_text())
    except FileNotFoundError as error:
        raise BackupError(f"{directory} holds no {MANIFEST}; is it a backup folder?") from error
    for file, digest in manifest["sha256"].items():
        if not (directory / file).is_file() or sha256(directory / file) != digest:
            raise BackupError(f"{directory / file} is missing or damaged (checksum mismatch).")
    return manifest


def restore_backup(directory, *, alias="default", replace=False):
    """Load a backup into database ``alias`` and MEDIA_ROOT; return the manifest it matched."""
    directory = Path(directory)
    manifest = read_manifest(directory)
    connection = connections[alias]
    if manifest["database"] != connection.vendor:
        raise BackupError(
            f"This is a {manifest['database']} backup; the database is {connection.vendor}."
        )
    if connection.introspection.table_names() and not replace:
        raise BackupError(
            "The database is not empty. Restore into an empty one, or pass --replace."
        )
    load_database(alias, directory / database_file(connection.vendor), replace=replace)
    extract_media(directory / MEDIA_ARCHIVE)
    # Cached pages and fragments describe the database as it was before the restore.
    for cache in caches.all(initialized_only=False):
        cache.clear()
    restored = model_counts(alias)
    differences = {
        label: (rows, restored.get(label))
        for label, rows in manifest["counts"].items()
        if restored.get(label) != rows
    }
    if differences:
        raise BackupError(f"Restored row counts differ from the backup's: {differences}")
    return manifest
