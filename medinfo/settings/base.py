"""Settings shared by every MedInfo environment; read from environment variables."""

import hashlib
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import environ as environ_lib
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

# A .env file (see .env.example) fills in variables the real environment leaves unset;
# the real environment always wins. MEDINFO_ENV_FILE names another file (the test
# settings name none, so a developer's .env never changes what the tests check).
environ_lib.Env.read_env(os.environ.get("MEDINFO_ENV_FILE", BASE_DIR / ".env"))


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
    "csp",
    "axes",
    "simple_history",
    # Before django_tasks_db: its manage.py db_worker, restarted when the database is lost.
    "common",
    "django_tasks",
    "django_tasks_db",
    "medinfo",
    "drugs",
    "conditions",
    "website",
    "ads",
    "demo",
]

MIDDLEWARE = [
    # First: whatever leaves without Cache-Control (the HTTPS redirect above all, which
    # answers before the page cache) is marked for no shared cache.
    "website.pagecache.PrivateByDefaultMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the page cache, which stores pages uncompressed: cached pages are gzipped too.
    "website.compression.PublicGZipMiddleware",
    # A cached page answers here, before everything below: it is stored with the headers
    # they set (the Content-Security-Policy, X-Frame-Options), and a reader the cache
    # serves needs no session, CSRF token, user or login throttle.
    "website.pagecache.PageCacheMiddleware",
    "medinfo.security.ContentSecurityPolicyMiddleware",
    "medinfo.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # MEDINFO_STAFF_MIDDLEWARE, for all but reads of the public site.
    "medinfo.security.StaffMiddleware",
]
# What the staff's requests need and a read of a public page does not
# (medinfo.security.StaffMiddleware runs them, in this order, in its place above).
MEDINFO_STAFF_MIDDLEWARE = [
    # Django's, with a session the database could not save answered 503, not 400.
    "medinfo.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Attributes every change to a fact model (django-simple-history) to the signed-in user.
    "simple_history.middleware.HistoryRequestMiddleware",
    "medinfo.security.StaffSessionRenewalMiddleware",
    # Django's, with the storage made only when a page reads or adds a message.
    "common.middleware.LazyMessageMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
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
# Widgets render through Django's own Jinja2 copies of its form templates: the same
# document for less work (common/renderers.py).
FORM_RENDERER = "common.renderers.WidgetRenderer"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'medinfo.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # `make run` serves pages and runs the task worker on one SQLite file. WAL lets them
    # read while the other writes; IMMEDIATE takes the write lock when a transaction
    # starts, so a writer waits (up to "timeout" seconds) instead of failing halfway
    # with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
        }
    )
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
    # django-redis with IGNORE_EXCEPTIONS treats an unreachable Redis as a miss (reads
    # find nothing, writes are dropped, add() answers None: "not added"), so the site
    # serves from the database through a Redis outage; short timeouts keep each failed
    # call cheap. The ignored errors are logged, thinned out by LOGGING below.
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "common.cache.LocMemCache",
            "LOCATION": "medinfo",
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        }
    }

# django-axes first: it refuses a locked-out login before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
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
# CKEditor's samples and manual test pages are never collected or served (medinfo.finders).
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "medinfo.finders.AppDirectoriesFinderWithoutDemos",
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = ("jpg", "jpeg", "png", "gif", "webp", "zip", "gz", "br")

LOGIN_URL = "admin:login"

# Only staff have sessions. They end four hours after the last admin request (each one
# renews them: medinfo.security.StaffSessionRenewalMiddleware) and when the browser
# closes, so an unattended admin does not stay open.
SESSION_COOKIE_AGE = 4 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Admin login throttling (django-axes): five wrong passwords for one user name from one
# address lock that pair out for 30 minutes (HTTP 429, medinfo.security.lockout_response).
# Other users on the same network, and the same user elsewhere, can still log in.
# Unlock early with `manage.py axes_reset` (or axes_reset_username NAME); list attempts
# with `manage.py axes_list_attempts`. The attempts stay out of the admin, which editors
# and ad managers share: they hold user names and addresses.
AXES_ENABLE_ADMIN = False
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "medinfo.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "medinfo.security.client_ip"
AXES_HTTP_RESPONSE_CODE = 429
# How many reverse proxies (load balancer, CDN) add themselves to X-Forwarded-For in front
# of the app; 0 trusts only the connection's own address.
MEDINFO_TRUSTED_PROXY_COUNT = int(os.environ.get("MEDINFO_TRUSTED_PROXY_COUNT", "0"))

# Content-Security-Policy (django-csp). Public pages load only this site's own stylesheet
# and the ad filler script; JSON-LD blocks are data, not scripts, and need no exception.
# Ad images come from this site's media, or from MEDINFO_CSP_IMAGE_ORIGINS (e.g. an
# object storage or CDN address) when uploads live elsewhere.
MEDINFO_CSP_IMAGE_ORIGINS = env_list("MEDINFO_CSP_IMAGE_ORIGINS")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, *MEDINFO_CSP_IMAGE_ORIGINS],
        "connect-src": [SELF],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
    }
}
# The admin (medinfo.security.ContentSecurityPolicyMiddleware) needs one thing more: the
# review screen frames the revision preview. Pages with CKEditor 4 add inline scripts and
# styles on top (MEDINFO_RICH_TEXT_EDITOR_CSP, medinfo.security.rich_text_editor_csp):
# its toolbar uses inline event handlers and its editing frame an inline script.
MEDINFO_ADMIN_CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "frame-src": [SELF],
}
MEDINFO_RICH_TEXT_EDITOR_CSP = {"script-src": [UNSAFE_INLINE], "style-src": [UNSAFE_INLINE]}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "plain"}},
    # django-redis logs every cache call it ignored, traceback included: during a Redis
    # outage several a request. One line every 30 s per process tells the operator enough.
    "filters": {"redis_outage": {"()": "medinfo.logfilters.RedisOutageFilter", "seconds": 30}},
    "root": {"handlers": ["stdout"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_redis.cache": {"filters": ["redis_outage"]},
    },
}
# Without this, django-redis would ignore Redis errors silently.
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True


def email_settings():
    """SMTP settings from EMAIL_URL, or else from EMAIL_HOST, EMAIL_PORT and friends.

    EMAIL_URL looks like smtp://user:password@mail.example:587; smtp+tls:// sends
    STARTTLS, smtp+ssl:// speaks TLS from the start. Percent-encode special
    characters in the user name and password.
    """
    url = os.environ.get("EMAIL_URL", "")
    parsed = environ_lib.Env.email_url_config(url) if url else {}
    found = {
        "EMAIL_HOST": parsed.get("EMAIL_HOST") or os.environ.get("EMAIL_HOST", "localhost"),
        "EMAIL_PORT": parsed.get("EMAIL_PORT") or int(os.environ.get("EMAIL_PORT") or 0),
        "EMAIL_HOST_USER": parsed.get("EMAIL_HOST_USER") or os.environ.get("EMAIL_HOST_USER", ""),
        "EMAIL_HOST_PASSWORD": (
            parsed.get("EMAIL_HOST_PASSWORD") or os.environ.get("EMAIL_HOST_PASSWORD", "")
        ),
        "EMAIL_USE_TLS": parsed.get("EMAIL_USE_TLS", False) or env_bool("EMAIL_USE_TLS"),
        "EMAIL_USE_SSL": parsed.get("EMAIL_USE_SSL", False) or env_bool("EMAIL_USE_SSL"),
        "EMAIL_TIMEOUT": float(os.environ.get("EMAIL_TIMEOUT") or 10),
    }
    if found["EMAIL_USE_TLS"] and found["EMAIL_USE_SSL"]:
        raise ImproperlyConfigured("Mail uses STARTTLS (TLS) or SSL, not both.")
    if not found["EMAIL_PORT"]:
        found["EMAIL_PORT"] = (
            465 if found["EMAIL_USE_SSL"] else 587 if found["EMAIL_USE_TLS"] else 25
        )
    return found


# E-mail is sent by the task worker (medinfo.tasks), never inside a request, so a slow
# or absent mail server cannot fail a transition; EMAIL_TIMEOUT bounds each attempt.
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
_email = email_settings()
EMAIL_HOST, EMAIL_PORT = _email["EMAIL_HOST"], _email["EMAIL_PORT"]
EMAIL_HOST_USER, EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_USER"], _email["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS, EMAIL_USE_SSL = _email["EMAIL_USE_TLS"], _email["EMAIL_USE_SSL"]
EMAIL_TIMEOUT = _email["EMAIL_TIMEOUT"]
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "MedInfo <noreply@medinfo.example>")

# Background work (django-tasks, database backend): e-mails, and retries of search
# indexing, A–Z names and cache purges. `manage.py db_worker` runs it beside the app.
# A failed attempt is retried after 30 s, 1 min, 2 min … (at most an hour apart); the
# eighth failure gives up, and the admin's Task results list it (see medinfo.tasks).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
MEDINFO_TASK_ATTEMPTS = int(os.environ.get("MEDINFO_TASK_ATTEMPTS", "8"))
MEDINFO_TASK_RETRY_SECONDS = int(os.environ.get("MEDINFO_TASK_RETRY_SECONDS", "30"))
MEDINFO_TASK_RETRY_MAX_SECONDS = 60 * 60

# The site's public address, for e-mails and signed preview links sent outside a request.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

# Whole-page cache for anonymous visitors (website.pagecache). With several app
# processes the cache must be shared (REDIS_URL), or a publication would only
# invalidate the pages of the process that handled it; without Redis, pages
# therefore live only briefly.
MEDINFO_PAGE_CACHE_ALIAS = "default"
MEDINFO_PAGE_CACHE_SECONDS = 60 * 60 if REDIS_URL else 30
# Fragments cached under tag versions (related articles, bylines, A–Z listings) live
# until a tag changes when the cache is shared; a per-process cache never hears of
# another process's publication, so there they expire like the pages do.
MEDINFO_TAGGED_FRAGMENT_SECONDS = None if REDIS_URL else MEDINFO_PAGE_CACHE_SECONDS
MEDINFO_PAGE_MAX_AGE = 60
# The public site's hottest queries are prepared once per PostgreSQL session (common.db).
MEDINFO_PREPARED_QUERIES = env_bool("MEDINFO_PREPARED_QUERIES", default=True)
# Responses for stored pages each process replays before Django's handler runs, exactly
# as Django last sent them (website.replay, wrapped around medinfo.wsgi): about 10 kB
# each gzipped, 50 kB plain. 0 turns the replay off.
MEDINFO_REPLAYED_PAGES = int(os.environ.get("MEDINFO_REPLAYED_PAGES", "256"))
MEDINFO_PAGE_CACHE_SKIP_PREFIXES = (
    "/admin/", "/preview/", "/healthz", "/static/", "/media/", "/ads/"
)  # fmt: skip
# Answers at these addresses, and every answer to a signed-in visitor, are marked
# "private, no-store": no CDN or proxy ever keeps staff pages.
MEDINFO_PRIVATE_PREFIXES = ("/admin/", "/preview/")

# Varnish or a CDN in front (README: "Running behind Varnish or a CDN"). Every stored
# page names its cache tags in MEDINFO_CDN_KEY_HEADER ("xkey" for Varnish's xkey vmod,
# "Surrogate-Key" for Fastly-style CDNs). Whatever bumps a tag (publication, ads,
# bylines) sends MEDINFO_CDN_PURGE_METHOD with the same header, naming the bumped tags,
# to every endpoint in MEDINFO_CDN_PURGE_URLS (comma-separated), through the task queue
# with retries (medinfo.cdn). The CDN keeps pages MEDINFO_CDN_MAX_AGE seconds: a day
# when purges are configured, otherwise as briefly as browsers do.
MEDINFO_CDN_KEY_HEADER = os.environ.get("MEDINFO_CDN_KEY_HEADER", "xkey")
MEDINFO_CDN_PURGE_URLS = env_list("MEDINFO_CDN_PURGE_URLS")
MEDINFO_CDN_PURGE_METHOD = os.environ.get("MEDINFO_CDN_PURGE_METHOD", "PURGE")
MEDINFO_CDN_PURGE_TIMEOUT = 5
# Each purge is sent again this much later, for fetches that were under way (medinfo.cdn).
MEDINFO_CDN_PURGE_AGAIN_SECONDS = int(os.environ.get("MEDINFO_CDN_PURGE_AGAIN_SECONDS", "40"))
MEDINFO_CDN_MAX_AGE = int(
    os.environ.get(
        "MEDINFO_CDN_MAX_AGE",
        str(60 * 60 * 24 if MEDINFO_CDN_PURGE_URLS else MEDINFO_PAGE_MAX_AGE),
    )
)

# Ads (the ads app): the cached placement table and inventory are rebuilt at least this
# often, and signed impression and click tokens stop counting after these many seconds.
MEDINFO_ADS_CACHE_SECONDS = 5 * 60
MEDINFO_ADS_IMPRESSION_MAX_AGE = 60 * 60
MEDINFO_ADS_CLICK_MAX_AGE = 60 * 60 * 24

# Articles are due for another pharmacist review this many months after approval.
MEDINFO_REVIEW_INTERVAL_MONTHS = int(os.environ.get("MEDINFO_REVIEW_INTERVAL_MONTHS", "12"))
# Submitting prose whose Flesch-Kincaid grade is above this asks the editor to confirm
# (medinfo.readability; None: never); patient material should read at grade 8 or below.
MEDINFO_READABILITY_CONFIRM_GRADE = 9
# Signed staff preview links stop working after this many seconds.
MEDINFO_PREVIEW_MAX_AGE = int(os.environ.get("MEDINFO_PREVIEW_MAX_AGE", str(60 * 60 * 24)))
# A reviewer photo may be at most this many bytes.
MEDINFO_MAX_PHOTO_BYTES = 2 * 1024 * 1024

SILENCED_SYSTEM_CHECKS = [
    # django-ckeditor warns that CKEditor 4 is unmaintained. It is safe here because the
    # editor is loaded on staff-only admin pages, and every rich-text value it sends is
    # sanitised server-side with nh3 (medinfo.sanitize) before it is stored or shown.
    "ckeditor.W001",
    # Django, its admin and django-axes look for their middleware in MIDDLEWARE; here
    # they run from MEDINFO_STAFF_MIDDLEWARE, which medinfo.checks checks instead.
    "admin.E408",
    "admin.E409",
    "admin.E410",
    "axes.W002",
    "security.W003",
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
        # exportpdf (part of the bundled build) needs a cloud token and logs warnings on
        # every load without one; the others edit markup the sanitiser would drop anyway.
        "removePlugins": "image,flash,iframe,forms,smiley,specialchar,pagebreak,exportpdf",
        # The editor grows with the article instead of scrolling inside a fixed 320 px box.
        "extraPlugins": "autogrow",
        "autoGrow_onStartup": True,
        "autoGrow_minHeight": 320,
        "autoGrow_maxHeight": 1200,
        "autoGrow_bottomSpace": 24,
        # No call home for news of newer versions (it would also log a console warning).
        "versionCheck": False,
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
