"""Settings come from environment variables, and production refuses unsafe configuration."""

import importlib
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string
from django_redis.cache import RedisCache

from medinfo.logfilters import RedisOutageFilter

REPO_ROOT = Path(__file__).resolve().parent.parent.parent
SETTINGS_PACKAGE = "medinfo.settings"
ISOLATED_MODULES = ("medinfo.settings.base", "medinfo.settings.prod")
GOOD_HOSTS = "medinfo.example"


def real_secret_key():
    """A random 60-character key like the one production is deployed with."""
    return secrets.token_urlsafe(45)


@pytest.fixture
def fresh_import():
    """Import a settings module anew; sys.modules and the package are restored afterwards."""
    package = importlib.import_module(SETTINGS_PACKAGE)
    saved_modules = {name: sys.modules.get(name) for name in ISOLATED_MODULES}
    saved_attributes = {
        name: getattr(package, name.rsplit(".", 1)[1], None) for name in ISOLATED_MODULES
    }

    def load(name):
        sys.modules.pop(name, None)
        return importlib.import_module(name)

    yield load
    for name in ISOLATED_MODULES:
        short_name = name.rsplit(".", 1)[1]
        if saved_modules[name] is None:
            sys.modules.pop(name, None)
        else:
            sys.modules[name] = saved_modules[name]
        if saved_attributes[name] is None:
            if hasattr(package, short_name):
                delattr(package, short_name)
        else:
            setattr(package, short_name, saved_attributes[name])


@pytest.fixture
def prod_env(monkeypatch):
    """An environment production accepts; tests then break one variable at a time."""
    monkeypatch.setenv("DJANGO_SECRET_KEY", real_secret_key())
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", GOOD_HOSTS)
    monkeypatch.delenv("DJANGO_DEBUG", raising=False)
    for name in (
        "MEDINFO_APP_SERVER_WORKERS",
        "WEB_CONCURRENCY",
        "MEDINFO_ALLOW_PER_PROCESS_CACHE",
    ):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_prod_refuses_to_start_without_a_secret_key(prod_env, fresh_import):
    """Production stops with a clear error when DJANGO_SECRET_KEY is not set."""
    prod_env.delenv("DJANGO_SECRET_KEY")
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY"):
        fresh_import("medinfo.settings.prod")


def test_prod_refuses_an_empty_secret_key(prod_env, fresh_import):
    """Production stops when DJANGO_SECRET_KEY is set but empty."""
    prod_env.setenv("DJANGO_SECRET_KEY", "")
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY"):
        fresh_import("medinfo.settings.prod")


def test_prod_refuses_a_short_secret_key(prod_env, fresh_import):
    """Production stops when the secret key is shorter than 50 characters."""
    prod_env.setenv("DJANGO_SECRET_KEY", real_secret_key()[:40])
    with pytest.raises(ImproperlyConfigured, match="50"):
        fresh_import("medinfo.settings.prod")


@pytest.mark.parametrize("prefix", ["change-me", "dev-only", "django-insecure"])
def test_prod_refuses_a_placeholder_secret_key(prod_env, fresh_import, prefix):
    """Production stops when the secret key is a long but well-known placeholder."""
    prod_env.setenv("DJANGO_SECRET_KEY", f"{prefix}-{'x' * 60}")
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY"):
        fresh_import("medinfo.settings.prod")


def test_prod_refuses_to_start_without_allowed_hosts(prod_env, fresh_import):
    """Production stops with a clear error when DJANGO_ALLOWED_HOSTS is not set."""
    prod_env.delenv("DJANGO_ALLOWED_HOSTS")
    with pytest.raises(ImproperlyConfigured, match="DJANGO_ALLOWED_HOSTS"):
        fresh_import("medinfo.settings.prod")


def test_prod_starts_with_a_real_key_and_allowed_hosts(prod_env, fresh_import):
    """With a real 60-character key and allowed hosts, production loads with DEBUG off."""
    key = real_secret_key()
    prod_env.setenv("DJANGO_SECRET_KEY", key)
    prod_env.setenv("DJANGO_ALLOWED_HOSTS", "medinfo.example, www.medinfo.example")
    prod = fresh_import("medinfo.settings.prod")
    assert len(key) == 60
    assert key == prod.SECRET_KEY
    assert prod.ALLOWED_HOSTS == ["medinfo.example", "www.medinfo.example"]
    assert prod.DEBUG is False


def test_without_database_url_sqlite_lives_under_var(monkeypatch, fresh_import):
    """Without DATABASE_URL the site uses an SQLite file in the project's var/ folder."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    base = fresh_import("medinfo.settings.base")
    database = base.DATABASES["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert Path(database["NAME"]).parent == REPO_ROOT / "var"


def test_database_url_chooses_postgresql(monkeypatch, fresh_import):
    """DATABASE_URL=postgres://… switches the site to that PostgreSQL database."""
    monkeypatch.setenv("DATABASE_URL", "postgres://medinfo:pw@db.internal:5432/medinfo_live")
    base = fresh_import("medinfo.settings.base")
    database = base.DATABASES["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["NAME"]) == ("db.internal", "medinfo_live")


def test_redis_url_selects_the_redis_cache(monkeypatch, fresh_import):
    """REDIS_URL makes Django cache pages in that Redis server (django-redis)."""
    monkeypatch.setenv("REDIS_URL", "redis://cache.internal:6379/1")
    base = fresh_import("medinfo.settings.base")
    cache = base.CACHES["default"]
    assert import_string(cache["BACKEND"]) is RedisCache
    assert cache["LOCATION"] == "redis://cache.internal:6379/1"
    assert cache["KEY_PREFIX"] == base.CACHE_KEY_PREFIX


def test_redis_outage_is_a_miss_with_short_timeouts(monkeypatch, fresh_import):
    """A Redis outage costs at most half a second a call and acts as a miss (tests/faults)."""
    monkeypatch.setenv("REDIS_URL", "redis://cache.internal:6379/1")
    options = fresh_import("medinfo.settings.base").CACHES["default"]["OPTIONS"]
    assert options == {
        "IGNORE_EXCEPTIONS": True,
        "SOCKET_CONNECT_TIMEOUT": 0.5,
        "SOCKET_TIMEOUT": 0.5,
    }


def test_ignored_redis_errors_are_logged_thinned_out(fresh_import):
    """django-redis logs the errors it ignores, through the one-line-per-30-s filter."""
    base = fresh_import("medinfo.settings.base")
    assert base.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS is True
    thinning = base.LOGGING["filters"]["redis_outage"]
    assert import_string(thinning["()"]) is RedisOutageFilter and thinning["seconds"] == 30
    assert base.LOGGING["loggers"]["django_redis.cache"]["filters"] == ["redis_outage"]


def test_without_redis_url_the_cache_is_in_process(monkeypatch, fresh_import):
    """Without REDIS_URL the site falls back to an in-process memory cache."""
    monkeypatch.delenv("REDIS_URL", raising=False)
    base = fresh_import("medinfo.settings.base")
    backend = import_string(base.CACHES["default"]["BACKEND"])
    assert issubclass(backend, LocMemCache)


def test_tagged_fragments_expire_only_without_a_shared_cache(monkeypatch, fresh_import):
    """Per-process caches never hear of other processes' publications, so their fragments expire."""
    monkeypatch.delenv("REDIS_URL", raising=False)
    assert fresh_import("medinfo.settings.base").MEDINFO_TAGGED_FRAGMENT_SECONDS == 30
    monkeypatch.setenv("REDIS_URL", "redis://cache.internal:6379/1")
    assert fresh_import("medinfo.settings.base").MEDINFO_TAGGED_FRAGMENT_SECONDS is None


@pytest.mark.parametrize("variable", ["MEDINFO_APP_SERVER_WORKERS", "WEB_CONCURRENCY"])
def test_prod_refuses_several_workers_without_a_shared_cache(prod_env, fresh_import, variable):
    """Two gunicorn workers with a cache each: one would keep serving an unpublished page."""
    prod_env.delenv("REDIS_URL", raising=False)
    prod_env.setenv(variable, "2")
    fresh_import("medinfo.settings.base")
    with pytest.raises(ImproperlyConfigured, match="2 app server workers need a shared cache"):
        fresh_import("medinfo.settings.prod")


@pytest.mark.parametrize(
    ("workers", "redis_url"), [("2", "redis://cache.internal:6379/1"), ("1", ""), ("", "")]
)
def test_prod_starts_with_a_shared_cache_or_one_worker(prod_env, fresh_import, workers, redis_url):
    """Several workers sharing Redis, or a single worker with its own cache, are accepted."""
    prod_env.setenv("REDIS_URL", redis_url)
    prod_env.setenv("MEDINFO_APP_SERVER_WORKERS", workers)
    fresh_import("medinfo.settings.base")
    assert int(workers or 1) == fresh_import("medinfo.settings.prod").APP_SERVER_WORKERS


def test_a_benchmark_may_measure_per_process_caches_on_purpose(prod_env, fresh_import):
    """MEDINFO_ALLOW_PER_PROCESS_CACHE (bench.settings) lets several workers keep their own."""
    prod_env.delenv("REDIS_URL", raising=False)
    prod_env.setenv("MEDINFO_APP_SERVER_WORKERS", "2")
    prod_env.setenv("MEDINFO_ALLOW_PER_PROCESS_CACHE", "true")
    fresh_import("medinfo.settings.base")
    assert fresh_import("medinfo.settings.prod").APP_SERVER_WORKERS == 2


def test_cdn_keeps_pages_a_day_only_when_purges_are_configured(monkeypatch, fresh_import):
    """With a purge endpoint the CDN may keep a page a day; without one, a minute like browsers."""
    monkeypatch.delenv("MEDINFO_CDN_MAX_AGE", raising=False)
    monkeypatch.delenv("MEDINFO_CDN_PURGE_URLS", raising=False)
    assert fresh_import("medinfo.settings.base").MEDINFO_CDN_MAX_AGE == 60
    monkeypatch.setenv("MEDINFO_CDN_PURGE_URLS", "http://127.0.0.1:6081/, http://10.0.0.2/")
    base = fresh_import("medinfo.settings.base")
    assert base.MEDINFO_CDN_MAX_AGE == 60 * 60 * 24
    assert base.MEDINFO_CDN_PURGE_URLS == ["http://127.0.0.1:6081/", "http://10.0.0.2/"]


def test_unreadable_debug_value_is_refused(monkeypatch, fresh_import):
    """DJANGO_DEBUG=maybe stops start-up instead of silently guessing."""
    monkeypatch.setenv("DJANGO_DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DJANGO_DEBUG"):
        fresh_import("medinfo.settings.base")


def test_deploy_check_passes_with_production_settings():
    """`manage.py check --deploy` with production settings reports no security warnings."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("DJANGO_") and name not in {"DATABASE_URL", "REDIS_URL"}
    }
    env.update(DJANGO_SECRET_KEY=real_secret_key(), DJANGO_ALLOWED_HOSTS=GOOD_HOSTS)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--settings=medinfo.settings.prod"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "security.W" not in output


def test_development_site_works_with_debug_off(monkeypatch, fresh_import):
    """DJANGO_DEBUG=false in .env keeps `make run` serving pages (no collectstatic there).

    Failed before development settings served static files without a manifest:
    every page answered 500, "Missing staticfiles manifest entry for 'medinfo/site.css'".
    """
    monkeypatch.setenv("DJANGO_DEBUG", "false")
    dev = fresh_import(f"{SETTINGS_PACKAGE}.dev")
    assert dev.DEBUG is False
    backend = dev.STORAGES["staticfiles"]["BACKEND"]
    assert "Manifest" not in backend
    assert dev.WHITENOISE_USE_FINDERS is True


POSTGRES_URL = "postgres://medinfo@db.internal:5432/medinfo"


def prod_database_options(prod_env, fresh_import, *, database_url=POSTGRES_URL, **env):
    prod_env.setenv("REDIS_URL", "redis://cache.internal:6379/1")
    prod_env.setenv("DATABASE_URL", database_url)
    for name, value in env.items():
        prod_env.setenv(name, value)
    fresh_import("medinfo.settings.base")
    return fresh_import("medinfo.settings.prod").DATABASES["default"].get("OPTIONS", {})


def test_app_servers_wait_on_postgresql_no_longer_than_gunicorn_waits(prod_env, fresh_import):
    """Under gunicorn, PostgreSQL statements and lock waits end before gunicorn's 30 s.

    Failed before (outside attack F5): a table locked for 40 s held requests until
    gunicorn killed its workers, and visitors got a reset connection instead of the 503.
    """
    options = prod_database_options(prod_env, fresh_import, MEDINFO_APP_SERVER_WORKERS="2")
    assert options["options"] == "-c statement_timeout=20s -c lock_timeout=10s"
    options = prod_database_options(
        prod_env, fresh_import, MEDINFO_APP_SERVER_WORKERS="2",
        DATABASE_STATEMENT_TIMEOUT="5000", DATABASE_LOCK_TIMEOUT="0",
    )  # fmt: skip
    assert options["options"] == "-c statement_timeout=5000 -c lock_timeout=0"


def test_migrations_and_the_worker_have_no_request_timeouts(prod_env, fresh_import):
    """Outside gunicorn (manage.py migrate, db_worker) and on SQLite, no limit is set."""
    assert "options" not in prod_database_options(prod_env, fresh_import)
    sqlite = prod_database_options(
        prod_env,
        fresh_import,
        database_url="sqlite:////tmp/x.sqlite3",
        MEDINFO_APP_SERVER_WORKERS="1",
    )
    assert "options" not in sqlite


@pytest.mark.parametrize("value", ["20 s", "-1", "20s; DROP TABLE x", ""])
def test_prod_refuses_a_malformed_database_timeout(prod_env, fresh_import, value):
    """A timeout PostgreSQL would refuse at every connection stops the start instead."""
    with pytest.raises(ImproperlyConfigured, match="DATABASE_STATEMENT_TIMEOUT"):
        prod_database_options(prod_env, fresh_import, DATABASE_STATEMENT_TIMEOUT=value)
