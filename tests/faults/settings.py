"""Settings for the fault tests' gunicorn: the production settings, on plain HTTP.

Static files come from the app folders (no collectstatic run) because these tests
are about the database and the cache, not about static files. Local files (the demo
passwords) go to the test's own folder, MEDINFO_FAULTS_VAR_DIR, never to var/.
"""

import os
from pathlib import Path

os.environ.setdefault("DJANGO_SECRET_KEY", "faults-" + "k" * 60)
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")

from medinfo.settings.prod import *  # noqa: E402, F403

VAR_DIR = Path(os.environ["MEDINFO_FAULTS_VAR_DIR"])
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
