"""Production: refuses to start without a real secret key and allowed hosts.

It also refuses several app processes without a shared cache (REDIS_URL).
"""

import os
import re

from .base import *  # noqa: F403
from .base import REDIS_URL, env_bool, require_env

SECRET_KEY = require_env("DJANGO_SECRET_KEY")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith(("change-me", "dev-only", "django-insecure")):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be a real random string of 50+ characters.")
ALLOWED_HOSTS = [host.strip() for host in require_env("DJANGO_ALLOWED_HOSTS").split(",")]
DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# A publication invalidates cached pages by bumping tag versions in the cache, so every
# app process must read the same cache: with a cache per process, one worker would
# keep serving the old page. gunicorn.conf.py exports gunicorn's worker count as
# MEDINFO_APP_SERVER_WORKERS; WEB_CONCURRENCY is gunicorn's own default for it.
# MEDINFO_ALLOW_PER_PROCESS_CACHE=true lets a benchmark measure that design on purpose.
APP_SERVER_WORKERS = int(
    os.environ.get("MEDINFO_APP_SERVER_WORKERS") or os.environ.get("WEB_CONCURRENCY") or "1"
)
if (
    APP_SERVER_WORKERS > 1
    and not REDIS_URL
    and not env_bool("MEDINFO_ALLOW_PER_PROCESS_CACHE", default=False)
):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        f"{APP_SERVER_WORKERS} app server workers need a shared cache: set REDIS_URL "
        "(every worker must see a publication's cache invalidation), or run one worker."
    )

# A request never waits on PostgreSQL longer than gunicorn waits on the request (30 s,
# then it kills the worker and the visitor's connection is reset): a statement or a
# lock held too long becomes the 503 page. Only in app server processes (gunicorn's
# master exports MEDINFO_APP_SERVER_WORKERS): a migration or the task worker may take
# longer. "0" turns a limit off.
DATABASE_TIMEOUTS = {
    "statement_timeout": os.environ.get("DATABASE_STATEMENT_TIMEOUT", "20s"),
    "lock_timeout": os.environ.get("DATABASE_LOCK_TIMEOUT", "10s"),
}
for _name, _value in DATABASE_TIMEOUTS.items():
    if not re.fullmatch(r"\d+(ms|s|min)?", _value):
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            f"DATABASE_{_name.upper()}={_value!r}: give a number of milliseconds or "
            "a number with ms, s or min, such as 20s."
        )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and os.environ.get(  # noqa: F405
    "MEDINFO_APP_SERVER_WORKERS"
):
    _options = DATABASES["default"].setdefault("OPTIONS", {})  # noqa: F405
    _options["options"] = " ".join(
        [
            _options.get("options", ""),
            *(f"-c {name}={value}" for name, value in DATABASE_TIMEOUTS.items()),
        ]
    ).strip()
