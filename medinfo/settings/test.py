"""Tests: fast password hashing, in-memory e-mail, PostgreSQL when DATABASE_URL is set."""

import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key-for-the-medinfo-suite"  # noqa: S105  # nosec B105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="medinfo-test-media-")
# Tests never read or write the repository's collected static files.
STATIC_ROOT = tempfile.mkdtemp(prefix="medinfo-test-static-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}
}
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Tasks run at once, inside enqueue(), so e-mails land in mail.outbox on commit. The
# tests of retries and outages switch to the database backend and run the real worker
# (tests/medinfo/test_side_effects.py).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
