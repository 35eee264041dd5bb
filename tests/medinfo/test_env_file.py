"""A .env file configures the site; the real environment wins over it; tests read none."""

import json
import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent.parent

SHOW_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({"SITE_URL": settings.SITE_URL,
                  "MEDINFO_REVIEW_INTERVAL_MONTHS": settings.MEDINFO_REVIEW_INTERVAL_MONTHS}))
"""
SHOW_DEVELOPMENT_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({"debug": settings.DEBUG,
                  "serves_localhost": "127.0.0.1" in settings.ALLOWED_HOSTS,
                  "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[1]}))
"""
# Records which .env file the settings ask django-environ to read, without reading any.
SHOW_ENV_FILE_READ = """
import json
import environ
read = []
environ.Env.read_env = classmethod(lambda cls, path=None, **options: read.append(str(path)))
from django.conf import settings
settings.DEBUG
print(json.dumps(read))
"""


def run_python(code, *, settings_module, **variables):
    """Run ``code`` in a fresh interpreter with the given settings and environment variables."""
    env = {key: value for key, value in os.environ.items() if key not in variables}
    env.pop("MEDINFO_ENV_FILE", None)
    env.update({key: value for key, value in variables.items() if value is not None})
    env["DJANGO_SETTINGS_MODULE"] = settings_module
    result = subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [sys.executable, "-c", code],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.splitlines()[-1])


def test_values_in_the_env_file_reach_the_settings(tmp_path):
    """A variable set only in the .env file configures the site."""
    env_file = tmp_path / ".env"
    env_file.write_text("SITE_URL=https://from-dotenv.example\nMEDINFO_REVIEW_INTERVAL_MONTHS=7\n")
    shown = run_python(
        SHOW_SETTINGS,
        settings_module="medinfo.settings.dev",
        MEDINFO_ENV_FILE=str(env_file),
        SITE_URL=None,
        MEDINFO_REVIEW_INTERVAL_MONTHS=None,
    )
    assert shown == {"SITE_URL": "https://from-dotenv.example", "MEDINFO_REVIEW_INTERVAL_MONTHS": 7}


def test_the_real_environment_wins_over_the_env_file(tmp_path):
    """A variable exported in the shell overrides the same variable in .env."""
    env_file = tmp_path / ".env"
    env_file.write_text("SITE_URL=https://from-dotenv.example\nMEDINFO_REVIEW_INTERVAL_MONTHS=7\n")
    shown = run_python(
        SHOW_SETTINGS,
        settings_module="medinfo.settings.dev",
        MEDINFO_ENV_FILE=str(env_file),
        SITE_URL="https://from-the-shell.example",
        MEDINFO_REVIEW_INTERVAL_MONTHS=None,
    )
    assert shown == {
        "SITE_URL": "https://from-the-shell.example",
        "MEDINFO_REVIEW_INTERVAL_MONTHS": 7,
    }


def test_a_copy_of_env_example_keeps_the_development_site_working():
    """`cp .env.example .env` still serves the demo on 127.0.0.1 with SQLite and DEBUG on."""
    shown = run_python(
        SHOW_DEVELOPMENT_SETTINGS,
        settings_module="medinfo.settings.dev",
        MEDINFO_ENV_FILE=str(REPO_ROOT / ".env.example"),
        DATABASE_URL=None,
        DJANGO_ALLOWED_HOSTS=None,
        DJANGO_DEBUG=None,
    )
    assert shown == {"debug": True, "serves_localhost": True, "database": "sqlite3"}


def test_the_project_env_file_is_read_by_default():
    """Without MEDINFO_ENV_FILE the settings read the .env next to manage.py."""
    read = run_python(SHOW_ENV_FILE_READ, settings_module="medinfo.settings.dev")
    assert read == [str(REPO_ROOT / ".env")]


def test_the_test_settings_read_no_env_file():
    """The suite reads no .env, so a developer's own file cannot change what the tests check."""
    read = run_python(SHOW_ENV_FILE_READ, settings_module="medinfo.settings.test")
    assert read == [os.devnull]
