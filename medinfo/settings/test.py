"""Tests: fast password hashing, in-memory e-mail, PostgreSQL when DATABASE_URL is set.

Tests read no .env file: the real environment (DATABASE_URL in CI) alone configures
them, so a developer's own .env cannot change what the suite checks. Every file the
tests write goes to a temporary folder, never to the project's var/.
"""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("MEDINFO_ENV_FILE", os.devnull)

from .base import *  # noqa: E402, F403
from .base import DATABASES  # noqa: E402

DEBUG = False
SECRET_KEY = "test-only-secret-key-for-the-medinfo-suite"  # noqa: S105  # nosec B105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="medinfo-test-media-")
# load_demo keeps the demo users' passwords in VAR_DIR.
VAR_DIR = Path(tempfile.mkdtemp(prefix="medinfo-test-var-"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # pytest-django tests in memory; manage.py check and makemigrations open this file.
    DATABASES["default"]["NAME"] = VAR_DIR / "medinfo.sqlite3"
# Tests never read or write the repository's collected static files.
STATIC_ROOT = tempfile.mkdtemp(prefix="medinfo-test-static-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "common.cache.LocMemCache", "LOCATION": "tests"}}
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Tasks run at once, inside enqueue(), so e-mails land in mail.outbox on commit. The
# tests of retries and outages switch to the database backend and run the real worker
# (tests/medinfo/test_side_effects.py).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Submitting hard prose asks the editor to confirm; the tests of other behaviour submit
# short, technical sample texts, so the question is off here, and the tests of the
# question turn it on (tests/medinfo/test_readability.py).
MEDINFO_READABILITY_CONFIRM_GRADE = None
