"""Settings shared by every MedInfo environment; read from environment variables."""

import hashlib
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"


def env_bool(name, default=False):
    """Read a yes/no environment variable such as DJANGO_DEBUG=true."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_list(name, default=""):
    """Read a comma-separated environment variable such as DJANGO_ALLOWED_HOSTS."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "ckeditor",
    "medinfo",
    "drugs",
    "conditions",
    "ads",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "medinfo.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "medinfo.urls"
WSGI_APPLICATION = "medinfo.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'medinfo.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

def templates_fingerprint():
    """A short hash of the templates: cached HTML from an older release is never reused."""
    digest = hashlib.sha256()
    for path in sorted((BASE_DIR / "templates").rglob("*.html")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


# Rendered fragments are cached without expiry, so the key prefix names the release.
CACHE_KEY_PREFIX = "medinfo:" + os.environ.get("MEDINFO_RELEASE", templates_fingerprint())
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "medinfo",
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# CKEditor's demo pages are never collected or served.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = ("jpg", "jpeg", "png", "gif", "webp", "zip", "gz", "br")

LOGIN_URL = "admin:login"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stdout"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "MedInfo <noreply@medinfo.example>")

# The site's public address, for e-mails and signed preview links sent outside a request.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

# Whole-page cache for anonymous visitors (medinfo.pagecache). With several app
# processes the cache must be shared (REDIS_URL), or a publication would only
# invalidate the pages of the process that handled it; without Redis, pages
# therefore live only briefly.
MEDINFO_PAGE_CACHE_ALIAS = "default"
MEDINFO_PAGE_CACHE_SECONDS = 60 * 60 if REDIS_URL else 30
MEDINFO_PAGE_MAX_AGE = 60
MEDINFO_PAGE_CACHE_SKIP_PREFIXES = ("/admin/", "/preview/", "/healthz", "/static/", "/media/")

# Articles are due for another pharmacist review this many months after approval.
MEDINFO_REVIEW_INTERVAL_MONTHS = int(os.environ.get("MEDINFO_REVIEW_INTERVAL_MONTHS", "12"))
# Signed staff preview links stop working after this many seconds.
MEDINFO_PREVIEW_MAX_AGE = int(os.environ.get("MEDINFO_PREVIEW_MAX_AGE", str(60 * 60 * 24)))
# A reviewer photo may be at most this many bytes.
MEDINFO_MAX_PHOTO_BYTES = 2 * 1024 * 1024

SILENCED_SYSTEM_CHECKS = [
    # django-ckeditor warns that CKEditor 4 is unmaintained. It is safe here because the
    # editor is loaded on staff-only admin pages, and every rich-text value it sends is
    # sanitised server-side with nh3 (medinfo.sanitize) before it is stored or shown.
    "ckeditor.W001",
]

# The toolbar offers exactly what medinfo.sanitize keeps, so editors never lose formatting.
CKEDITOR_CONFIGS = {
    "default": {
        "toolbar": "MedInfo",
        "toolbar_MedInfo": [
            ["Format", "Bold", "Italic", "Superscript", "Subscript"],
            ["NumberedList", "BulletedList", "Blockquote"],
            ["Link", "Unlink", "Table"],
            ["Undo", "Redo", "RemoveFormat", "Source"],
        ],
        "format_tags": "p;h2;h3;h4",
        "removePlugins": "image,flash,iframe,forms,smiley,specialchar,pagebreak",
        "allowedContent": (
            "p h2 h3 h4 ul ol li strong em blockquote sup sub br;"
            " a[!href];"
            " table thead tbody tfoot tr th td caption[colspan,rowspan,scope]"
        ),
        "height": 320,
        "width": "100%",
    }
}


def require_env(name):
    """Return an environment variable or stop with a clear message."""
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable.")
    return value
